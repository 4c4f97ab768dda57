using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SupabaseRealtime.Analyzers.Model;

namespace SupabaseRealtime.Analyzers.Rules
{
    internal sealed partial class ChannelSubscribedMoreThanOnceAnalyzer
    {
        /// <summary>SRT002's judge: which instance a slot holds at a point of a body (tracking, origins, the releases that end it, aliases).</summary>
        private sealed partial class Judge
        {
            /// <summary>
            /// The slot of <paramref name="subscribe"/> is followed reliably in its body: every write to it is
            /// placed in the flow, and a local or parameter is not written by a lambda or local function inside the body.
            /// </summary>
            private bool IsTracked(Body body, Fact subscribe)
            {
                if (subscribe.Slot is IPropertySymbol property && !IsAutoProperty(property))
                {
                    // A computed property may hand out another channel on every read.
                    return false;
                }

                foreach (var definition in DefinitionsOf(subscribe.Slot!))
                {
                    var inBody = body.Root.Syntax.SyntaxTree == definition.Syntax.SyntaxTree
                        && body.Root.Syntax.Span.Contains(definition.Syntax.Span);
                    if (!inBody)
                    {
                        continue;
                    }

                    if (!definition.IsLocated)
                    {
                        // A lambda or local function without a Subscribe() has no graph: its writes to a
                        // field are ignored like those of other members, its writes to a local are unknown.
                        if (IsMember(subscribe.Slot!) && IsInNestedFunction(definition.Syntax, body.Root.Syntax))
                        {
                            continue;
                        }

                        return false;
                    }

                    if (!IsMember(subscribe.Slot!) && body.IsNestedIn(definition.Order, subscribe.Order))
                    {
                        return false;
                    }
                }

                return true;
            }

            /// <summary>The Channel(...) origin of the channel <paramref name="subscribe"/> subscribes, when known.</summary>
            private ChannelOrigin? OriginAt(Body body, Fact subscribe)
            {
                if (!origins.TryGetValue(subscribe, out var origin))
                {
                    origins[subscribe] = origin = ComputeOriginAt(body, subscribe);
                }

                return origin;
            }

            private ChannelOrigin? ComputeOriginAt(Body body, Fact subscribe)
            {
                if (subscribe.Origin != null)
                {
                    return subscribe.Origin;
                }

                var slot = subscribe.Slot;
                if (slot is null || !IsTracked(body, subscribe))
                {
                    return null;
                }

                var all = DefinitionsOf(slot);
                var local = new List<Fact>();
                var points = new List<FlowPoint>();
                foreach (var definition in all)
                {
                    if (definition.IsLocated && definition.Order == subscribe.Order
                        && body.Root.Syntax.SyntaxTree == definition.Syntax.SyntaxTree
                        && body.Root.Syntax.Span.Contains(definition.Syntax.Span))
                    {
                        local.Add(definition);
                        points.Add(definition.Point);
                    }
                }

                if (local.Count == 0)
                {
                    // Written elsewhere only (a captured local, a field set once by a constructor or initializer).
                    return all.Count == 1 && all[0].HasValue ? all[0].Origin : null;
                }

                var order = body.Orders[subscribe.Order];
                if (order.ExistsPathFromEntry(subscribe.Point, points))
                {
                    return null;
                }

                Fact? reaching = null;
                foreach (var definition in local)
                {
                    var others = new List<FlowPoint>(points.Count);
                    foreach (var other in local)
                    {
                        if (other != definition)
                        {
                            others.Add(other.Point);
                        }
                    }

                    if (order.ExistsPath(definition.Point, subscribe.Point, others))
                    {
                        if (reaching != null)
                        {
                            return null;
                        }

                        reaching = definition;
                    }
                }

                return reaching != null && reaching.HasValue ? reaching.Origin : null;
            }

            /// <summary>Points of <paramref name="orderIndex"/> after which <paramref name="slot"/> may no longer be the subscribed instance.</summary>
            private List<FlowPoint> SlotKills(Body body, int orderIndex, ISymbol slot, ChannelOrigin? origin)
            {
                var kills = new List<FlowPoint>();
                foreach (var fact in body.Facts)
                {
                    if (fact.IsLocated && fact.Order == orderIndex && IsReleaseOfSlot(fact, slot, origin))
                    {
                        kills.Add(fact.Point);
                    }
                }

                return kills;
            }

            private bool IsReleaseOfSlot(Fact fact, ISymbol slot, ChannelOrigin? origin)
            {
                switch (fact.Kind)
                {
                    case FactKind.Definition:
                        return SymbolEqualityComparer.Default.Equals(fact.Slot, slot);
                    case FactKind.Release:
                        return MayAlias(fact, new[] { slot }, origin);
                    case FactKind.Disconnect:
                        return true;
                    case FactKind.Call when fact.Callee != null:
                        var closure = Closure(fact.Callee);
                        return closure.ReleasesAny || closure.Released.Contains(slot);
                    default:
                        return false;
                }
            }

            /// <summary>Points of <paramref name="orderIndex"/> after which the cached instance <paramref name="origin"/> may be left or dropped.</summary>
            private List<FlowPoint> InstanceKills(Body body, int orderIndex, ISymbol? firstSlot, ISymbol? secondSlot, ChannelOrigin origin)
            {
                var slots = new List<ISymbol>(2);
                if (firstSlot != null)
                {
                    slots.Add(firstSlot);
                }

                if (secondSlot != null)
                {
                    slots.Add(secondSlot);
                }

                var kills = new List<FlowPoint>();
                foreach (var fact in body.Facts)
                {
                    if (!fact.IsLocated || fact.Order != orderIndex)
                    {
                        continue;
                    }

                    var kill = false;
                    switch (fact.Kind)
                    {
                        case FactKind.Release:
                            kill = MayAlias(fact, slots, origin);
                            break;
                        case FactKind.Disconnect:
                            kill = true;
                            break;
                        case FactKind.Call when fact.Callee != null:
                            var closure = Closure(fact.Callee);
                            kill = closure.ReleasesAny || slots.Exists(s => closure.Released.Contains(s));
                            break;
                    }

                    if (kill)
                    {
                        kills.Add(fact.Point);
                    }
                }

                return kills;
            }

            /// <summary>
            /// Whether the channel an Unsubscribe()/Remove() acts on may be the one in <paramref name="slots"/>
            /// (or the cached instance <paramref name="origin"/>). Unknown counts as yes; distinct fields, and
            /// channels from Channel(...) calls with other constant arguments, count as no.
            /// </summary>
            private bool MayAlias(Fact release, IReadOnlyList<ISymbol> slots, ChannelOrigin? origin)
            {
                var slot = release.Slot;
                if (slot != null)
                {
                    foreach (var candidate in slots)
                    {
                        if (SymbolEqualityComparer.Default.Equals(slot, candidate))
                        {
                            return true;
                        }
                    }
                }

                var origins = release.Origin != null ? new List<ChannelOrigin> { release.Origin } : slot != null ? KnownOrigins(slot) : null;
                if (origins != null && origin != null)
                {
                    foreach (var known in origins)
                    {
                        if (!known.IsConstant || !origin.IsConstant || known.IsSameInstanceAs(origin))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                if (slot != null && IsMember(slot))
                {
                    foreach (var candidate in slots)
                    {
                        if (!IsMember(candidate))
                        {
                            return true;
                        }
                    }

                    return false;
                }

                return true;
            }

            /// <summary>The origins of every value written to <paramref name="slot"/>, when each is a Channel(...) call; otherwise null.</summary>
            private List<ChannelOrigin>? KnownOrigins(ISymbol slot)
            {
                var all = DefinitionsOf(slot);
                if (all.Count == 0)
                {
                    return null;
                }

                var origins = new List<ChannelOrigin>(all.Count);
                foreach (var definition in all)
                {
                    if (!definition.HasValue || definition.Origin is null)
                    {
                        return null;
                    }

                    origins.Add(definition.Origin);
                }

                return origins;
            }
        }
    }
}
