using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Model;

namespace SupabaseRealtime.Analyzers.Rules
{
    internal sealed partial class ChannelBeforeConnectAnalyzer
    {
        /// <summary>SRT005's second case: a channel taken from the cache of a client disconnected since its topic was subscribed.</summary>
        private sealed partial class TypeState
        {
            /// <summary>
            /// Case 4: <c>Channel(...)</c> of a topic after a <c>Disconnect()</c> of its client, when the code subscribed that
            /// topic before the disconnect and removes it nowhere in between. In every SDK line (5.0.5 to the 8.0 line)
            /// <c>Disconnect()</c> leaves the client's channel cache alone and a channel keeps the socket it was created on, so
            /// the call returns the instance bound to the closed socket (sdk-behaviour.md, sections 1 and 3); there is no
            /// version to gate. Two shapes: the subscription earlier in the same body (flow order), or in another member of the
            /// type while this body disconnects and then takes the channel again (a reconnect method). Any <c>Remove</c> that may
            /// be of that channel, a new client written into the client's slot, or a call of one of the type's own methods that
            /// removes channels, on the way, clears it; across members any <c>Remove</c> of it in another member does.
            /// </summary>
            private Diagnostic? StaleAfterDisconnect(ChannelCall channel, TypeFacts facts, CallOrder order, FlowPoint point, List<ConnectCall> bodyConnects)
            {
                var origin = channel.Origin;
                var block = channel.Block;
                if (!origin.IsConstant || origin.Client.IsDefault || IsReleased(origin.Call))
                {
                    return null;
                }

                var disconnects = new List<FlowPoint>();
                foreach (var connect in bodyConnects)
                {
                    if (connect.Kind == ConnectKind.Disconnect && !connect.Client.IsDefault && connect.Client.Equals(origin.Client)
                        && order.TryGetPoint(connect.Call.Syntax, out var disconnectPoint) && order.Reaches(disconnectPoint, point))
                    {
                        disconnects.Add(disconnectPoint);
                    }
                }

                if (disconnects.Count == 0)
                {
                    return null;
                }

                var avoid = new List<FlowPoint>();
                foreach (var remove in block.Removes)
                {
                    if (MayRemove(remove, origin, facts) && order.TryGetPoint(remove.Call.Syntax, out var removePoint))
                    {
                        avoid.Add(removePoint);

                        // A loop that removes channels (over the client's Subscriptions, a list of them) removes this one
                        // when it runs at all: its loop head counts too.
                        for (var parent = remove.Call.Parent; parent != null; parent = parent.Parent)
                        {
                            var head = parent switch
                            {
                                IForEachLoopOperation forEach => forEach.Collection,
                                IWhileLoopOperation whileLoop => whileLoop.Condition,
                                IForLoopOperation forLoop => forLoop.Condition,
                                _ => null,
                            };
                            if (head != null && order.TryGetPoint(head.Syntax, out var headPoint))
                            {
                                avoid.Add(headPoint);
                            }
                        }
                    }
                }

                foreach (var call in block.OwnCalls)
                {
                    if (facts.RemovingMembers.Contains(call.TargetMethod.OriginalDefinition) && order.TryGetPoint(call.Syntax, out var callPoint))
                    {
                        avoid.Add(callPoint);
                    }
                }

                if (!AddClientWrites(block, origin.Client, order, avoid))
                {
                    return null;
                }

                foreach (var disconnect in disconnects)
                {
                    if (!order.ExistsPath(disconnect, point, avoid))
                    {
                        continue;
                    }

                    // Subscribed earlier in this body, on a path to the disconnect that removes nothing.
                    foreach (var subscribe in block.Subscribes)
                    {
                        if (Subscribes(subscribe, origin, facts) && order.TryGetPoint(subscribe.Call.Syntax, out var subscribePoint)
                            && order.ExistsPath(subscribePoint, disconnect, avoid))
                        {
                            return CreateStale(channel);
                        }
                    }

                    // Subscribed by another member, while this body (a reconnect) disconnects and takes the channel again.
                    if (!origin.Client.IsMemberOfContainingType || !order.ExistsPathFromEntry(disconnect, avoid))
                    {
                        continue;
                    }

                    foreach (var remove in facts.Removes)
                    {
                        if (!SymbolEqualityComparer.Default.Equals(remove.Block.Member.OriginalDefinition, block.Member.OriginalDefinition)
                            && MayRemove(remove, origin, facts))
                        {
                            return null;
                        }
                    }

                    foreach (var subscribe in facts.Subscribes)
                    {
                        if (!SymbolEqualityComparer.Default.Equals(subscribe.Block.Member.OriginalDefinition, block.Member.OriginalDefinition)
                            && Subscribes(subscribe, origin, facts))
                        {
                            return CreateStale(channel);
                        }
                    }
                }

                return null;
            }

            /// <summary>
            /// True for <c>client.Remove(client.Channel("x"))</c> and <c>client.Channel("x").Unsubscribe()</c>: taking the stale
            /// instance back to release it is what the SDK needs.
            /// </summary>
            private bool IsReleased(IInvocationOperation call)
            {
                var parent = call.Parent;
                while (parent is IConversionOperation || parent is IParenthesizedOperation)
                {
                    parent = parent.Parent;
                }

                if (parent is IArgumentOperation argument && argument.Parent is IInvocationOperation remove)
                {
                    return ChannelCalls.IsRemove(remove, Sdk, out _);
                }

                return parent is IInvocationOperation invocation && invocation.Instance != null
                    && ChannelCalls.IsUnsubscribe(invocation, Sdk);
            }

            /// <summary>Adds the writes of the client's root slot in this body (another client from there on); false when one cannot be placed.</summary>
            private static bool AddClientWrites(Block block, SymbolPath client, CallOrder order, List<FlowPoint> avoid)
            {
                var root = client.TypeMember ?? client.Root;
                if (root is null)
                {
                    return true;
                }

                var writes = root is ILocalSymbol
                    ? (block.LocalWrites.TryGetValue(root, out var locals) ? locals : null)
                    : block.MemberWrites.FindAll(w => SymbolEqualityComparer.Default.Equals(w.Write.Slot, root));
                if (writes is null)
                {
                    return true;
                }

                foreach (var write in writes)
                {
                    if (order.TryGetPoint(write.Write.Write.Syntax, out var writePoint) || order.TryGetPoint(write.Write.Value.Syntax, out writePoint))
                    {
                        avoid.Add(writePoint);
                    }
                    else
                    {
                        return false;
                    }
                }

                return true;
            }

            /// <summary>True when the subscription is of the same cached instance as <paramref name="origin"/>.</summary>
            private bool Subscribes(ChannelUse subscribe, ChannelOrigin origin, TypeFacts facts)
            {
                if (subscribe.Origin != null)
                {
                    return subscribe.Origin.IsSameInstanceAs(origin);
                }

                var origins = OriginsOf(subscribe.Channel, subscribe.Block, facts);
                if (origins is null || origins.Count == 0)
                {
                    return false;
                }

                foreach (var candidate in origins)
                {
                    if (candidate is null || !candidate.IsSameInstanceAs(origin))
                    {
                        return false;
                    }
                }

                return true;
            }

            /// <summary>True unless the <c>Remove</c> is provably of another client or of another topic.</summary>
            private bool MayRemove(ChannelUse remove, ChannelOrigin origin, TypeFacts facts)
            {
                if (!remove.Client.IsDefault && !remove.Client.Equals(origin.Client))
                {
                    return false;
                }

                var origins = OriginsOf(remove.Channel, remove.Block, facts);
                if (origins is null || origins.Count == 0)
                {
                    return true;
                }

                foreach (var candidate in origins)
                {
                    if (candidate is null || !candidate.IsConstant || candidate.IsSameInstanceAs(origin)
                        || !candidate.Client.Equals(origin.Client))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>The origins a channel expression may hold: a <c>Channel(...)</c> call, or the values written into its slot; null when unknown.</summary>
            private List<ChannelOrigin?>? OriginsOf(IOperation? channel, Block block, TypeFacts facts)
            {
                if (channel is null)
                {
                    return null;
                }

                if (ChannelOrigin.TryGet(channel, Sdk, out var direct))
                {
                    return new List<ChannelOrigin?> { direct };
                }

                var slot = ChannelSlots.GetSlot(channel);
                switch (slot)
                {
                    case ILocalSymbol local:
                        return block.LocalChannels.TryGetValue(local, out var locals) ? locals : null;
                    case IFieldSymbol _:
                    case IPropertySymbol _:
                        return facts.MemberChannels.TryGetValue(slot, out var members) ? members : null;
                    default:
                        return null;
                }
            }

            private static Diagnostic CreateStale(ChannelCall channel)
                => Diagnostic.Create(
                    Descriptors.SRT005,
                    channel.Origin.Call.Syntax.GetLocation(),
                    ImmutableDictionary<string, string>.Empty.Add(ClientProperty, channel.Origin.Client.Display),
                    channel.Origin.DisplayName,
                    channel.Origin.Client.Display,
                    StaleReason);
        }
    }
}
