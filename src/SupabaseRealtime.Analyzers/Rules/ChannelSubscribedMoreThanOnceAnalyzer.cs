using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Model;

namespace SupabaseRealtime.Analyzers.Rules
{
    /// <summary>
    /// SRT002: a <c>Subscribe()</c> on a channel instance that is already subscribed.
    /// <list type="number">
    /// <item>Another <c>Subscribe()</c> of the same variable precedes it on some path of the body, with no
    /// <c>Unsubscribe()</c>, <c>Remove(channel)</c>, <c>Disconnect()</c> or reassignment in between.</item>
    /// <item>It sits in a loop and the channel comes from outside the loop (nothing in the loop releases or
    /// replaces it).</item>
    /// <item>It sits in a state or error handler (or a 5.x <c>StateChanged</c>/<c>OnError</c>/<c>OnClose</c>
    /// handler) registered on that same channel, and subscribes that channel or the handler's sender.</item>
    /// <item>Two <c>Channel(...)</c> calls with equal constant arguments on one client (the same cached
    /// instance) are both subscribed in one body, one after the other.</item>
    /// <item>It is awaited in a loop that gets its channel from <c>Channel(...)</c> with equal constant arguments on
    /// every pass, can run another pass after it, and neither releases nor hands over the channel: the later passes
    /// get the cached, joined instance and their <c>Subscribe()</c> does nothing.</item>
    /// </list>
    /// In cases 1 and 4, a postgres_changes registration made between an awaited <c>Subscribe()</c> and the repeat gets
    /// its own message: the join has gone out without it. A loop whose passes register a filter that reads the loop's
    /// locals and await <c>Subscribe()</c> on one channel (obtained outside the loop, or from <c>Channel(...)</c> with
    /// constant arguments in each pass) is reported as joining once, with the first pass's registration only.
    /// Facts are gathered per member; methods of the type that release a field (assign it, unsubscribe or
    /// remove it) count as releases where they are called, so the decision waits for the end of the type.
    /// </summary>
    internal sealed partial class ChannelSubscribedMoreThanOnceAnalyzer : SdkRule
    {
        /// <summary>Diagnostic property: which fix applies (<see cref="FixRemove"/> or <see cref="FixMerge"/>); absent when none.</summary>
        public const string FixProperty = "Fix";

        /// <summary>Remove the redundant <c>Subscribe()</c> statement.</summary>
        public const string FixRemove = "Remove";

        /// <summary>Remove the statement and use the first variable (<see cref="FirstProperty"/>) for the second.</summary>
        public const string FixMerge = "Merge";

        /// <summary>
        /// Move the <c>Subscribe()</c> statement from the loop body to just before the loop (nothing in the
        /// loop releases, replaces or registers on the channel; the code fix checks the rest).
        /// </summary>
        public const string FixHoist = "Hoist";

        /// <summary>Remove the <c>Subscribe()</c> statement from the channel's own state or error handler.</summary>
        public const string FixRemoveRetry = "RemoveRetry";

        /// <summary>Diagnostic property: the name of the local that was subscribed first (for <see cref="FixMerge"/>).</summary>
        public const string FirstProperty = "First";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.SRT002);

        protected override void Register(CompilationStartAnalysisContext context, SdkCompilation compilation)
        {
            var sdk = compilation.Sdk;
            if (sdk.RealtimeChannelInterface is null && sdk.RealtimeChannel is null)
            {
                return;
            }

            compilation.Types.Add(context, 
                start =>
                {
                    // Enum member values and delegates hold no code the rule looks at.
                    if (!(start.Symbol is INamedTypeSymbol type) || type.TypeKind == TypeKind.Enum || type.TypeKind == TypeKind.Delegate)
                    {
                        return;
                    }

                    var facts = new TypeFacts(type, sdk);
                    start.RegisterOperationBlockAction(block =>
                    {
                        if (block.OperationBlocks.IsEmpty
                            || !SymbolEqualityComparer.Default.Equals(block.OwningSymbol.ContainingType, type)
                            || !compilation.Scope.ShouldAnalyze(block.OperationBlocks[0].Syntax.SyntaxTree))
                        {
                            return;
                        }

                        facts.Add(block);
                    });
                    start.RegisterSymbolEndAction(end => facts.Report(end, compilation));
                });
        }

        /// <summary>The decisions, over all the facts of one type.</summary>
        private sealed partial class Judge
        {
            private readonly INamedTypeSymbol type;
            private readonly List<Body> bodies;
            private readonly Dictionary<ISymbol, List<Fact>> definitions = new Dictionary<ISymbol, List<Fact>>(SymbolEqualityComparer.Default);
            private readonly Dictionary<ISymbol, Effects> effects = new Dictionary<ISymbol, Effects>(SymbolEqualityComparer.Default);
            private readonly Dictionary<IMethodSymbol, Effects> closures = new Dictionary<IMethodSymbol, Effects>(SymbolEqualityComparer.Default);
            private readonly Dictionary<Fact, ChannelOrigin?> origins = new Dictionary<Fact, ChannelOrigin?>();

            public Judge(INamedTypeSymbol type, List<Body> bodies)
            {
                this.type = type;
                this.bodies = bodies;
                foreach (var body in bodies)
                {
                    foreach (var fact in body.Facts)
                    {
                        switch (fact.Kind)
                        {
                            case FactKind.Subscribe:
                                HasSubscribe = true;
                                break;
                            case FactKind.Definition when fact.Slot != null:
                                if (!definitions.TryGetValue(fact.Slot, out var list))
                                {
                                    definitions[fact.Slot] = list = new List<Fact>();
                                }

                                list.Add(fact);
                                EffectsOf(fact.Owner).Released.Add(fact.Slot);
                                break;
                            case FactKind.Release:
                                if (fact.Slot != null && IsMember(fact.Slot))
                                {
                                    EffectsOf(fact.Owner).Released.Add(fact.Slot);
                                }
                                else
                                {
                                    EffectsOf(fact.Owner).ReleasesAny = true;
                                }

                                break;
                            case FactKind.Disconnect:
                                EffectsOf(fact.Owner).ReleasesAny = true;
                                break;
                            case FactKind.Call when fact.Callee != null:
                                EffectsOf(fact.Owner).Callees.Add(fact.Callee);
                                break;
                        }
                    }
                }
            }

            public bool HasSubscribe { get; }

            private Effects EffectsOf(ISymbol owner)
            {
                if (!effects.TryGetValue(owner, out var result))
                {
                    effects[owner] = result = new Effects();
                }

                return result;
            }

            /// <summary>What calling <paramref name="method"/> may release, through the methods it calls in turn.</summary>
            private Effects Closure(IMethodSymbol method)
            {
                if (closures.TryGetValue(method, out var cached))
                {
                    return cached;
                }

                var result = new Effects();
                var visited = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);
                var pending = new Stack<IMethodSymbol>();
                pending.Push(method);
                visited.Add(method);
                while (pending.Count > 0)
                {
                    var current = pending.Pop();
                    if (!effects.TryGetValue(current, out var own))
                    {
                        continue;
                    }

                    result.Released.UnionWith(own.Released);
                    result.ReleasesAny |= own.ReleasesAny;
                    foreach (var callee in own.Callees)
                    {
                        if (visited.Add(callee))
                        {
                            pending.Push(callee);
                        }
                    }
                }

                closures[method] = result;
                return result;
            }

            private static bool IsMember(ISymbol slot) => slot is IFieldSymbol || slot is IPropertySymbol;

            /// <summary>True for a property declared in source with accessors that have no bodies (<c>{ get; set; }</c>).</summary>
            private static bool IsAutoProperty(IPropertySymbol property)
            {
                var references = property.DeclaringSyntaxReferences;
                if (references.IsEmpty)
                {
                    return false;
                }

                foreach (var reference in references)
                {
                    if (!(reference.GetSyntax() is PropertyDeclarationSyntax declaration)
                        || declaration.ExpressionBody != null || declaration.AccessorList is null)
                    {
                        return false;
                    }

                    foreach (var accessor in declaration.AccessorList.Accessors)
                    {
                        if (accessor.Body != null || accessor.ExpressionBody != null)
                        {
                            return false;
                        }
                    }
                }

                return true;
            }

            private List<Fact> DefinitionsOf(ISymbol slot)
                => definitions.TryGetValue(slot, out var list) ? list : new List<Fact>();

            // ---- Cases 1, 2 and 4 ---------------------------------------------------------------

            public Finding? TryJudge(Body body, Fact subscribe)
            {
                var order = body.Orders[subscribe.Order];
                var slot = subscribe.Slot;
                var origin = OriginAt(body, subscribe);
                if (slot != null && IsTracked(body, subscribe))
                {
                    var kills = SlotKills(body, subscribe.Order, slot, origin);
                    var peers = new List<Fact>();
                    Fact? earlier = null;
                    Fact? any = null;
                    foreach (var other in body.Facts)
                    {
                        if (other == subscribe || other.Kind != FactKind.Subscribe || other.Order != subscribe.Order
                            || !SymbolEqualityComparer.Default.Equals(other.Slot, slot))
                        {
                            continue;
                        }

                        peers.Add(other);
                        if (order.ExistsPath(other.Point, subscribe.Point, kills))
                        {
                            if (other.Position < subscribe.Position)
                            {
                                earlier = earlier is null || other.Position > earlier.Position ? other : earlier;
                            }
                            else
                            {
                                any = any is null || other.Position < any.Position ? other : any;
                            }
                        }
                    }

                    if (earlier != null)
                    {
                        // try { await ch.Subscribe(); } catch { await ch.Subscribe(); }: the catch runs when the join
                        // failed, and a failed join leaves the channel unjoined, so this one joins again (section 2).
                        return IsRetryAfterFailure(subscribe.Syntax, earlier.Syntax) ? null : Repeated(body, subscribe, earlier, peers, kills);
                    }

                    if (order.IsInCycle(subscribe.Point) && order.ExistsPath(subscribe.Point, subscribe.Point, kills)
                        && !IsGuardedRetryInLoop(subscribe.Syntax))
                    {
                        if (PerPassRegistration(body, subscribe, kills) is Fact perPass)
                        {
                            return new Finding(NameOf(subscribe), "inside a loop while it is obtained outside the loop: " + OnlyFirstPassJoins(perPass), null, null);
                        }

                        return new Finding(
                            NameOf(subscribe),
                            "inside a loop while it is obtained outside the loop: once the channel has joined, a later pass's Subscribe() returns at once and sends nothing, and a pass that runs while a join is in flight sends a second join; subscribe once, before the loop",
                            CanHoist(body, subscribe, slot, origin) ? FixHoist : null,
                            null);
                    }

                    if (any != null)
                    {
                        return Repeated(body, subscribe, any, peers, kills);
                    }
                }

                if (origin is null || !origin.IsConstant)
                {
                    return null;
                }

                return SameCachedInstance(body, subscribe, origin) ?? CachedChannelPerPass(body, subscribe, origin);
            }

            private Finding Repeated(Body body, Fact subscribe, Fact earlier, List<Fact> peers, List<FlowPoint> kills)
            {
                // A registration in between waits for a join this call does not send. Removing the call changes nothing at
                // run time, and SRT006 still reports the late registration, so the fix stays.
                var between = earlier.Position < subscribe.Position ? RegistrationBetween(body, earlier, subscribe, kills, null) : null;
                var reason = string.Format(
                    CultureInfo.InvariantCulture,
                    "after the Subscribe() on line {0}: {1}",
                    Line(earlier.Syntax),
                    between != null ? RegistrationWaits(between) : WhatTheRepeatDoes(earlier));
                var fix = IsWholeStatement(subscribe.Operation) && AlwaysSubscribedBefore(body, subscribe, peers, kills) ? FixRemove : null;
                return new Finding(NameOf(subscribe), reason, fix, null);
            }

            /// <summary>True when <paramref name="retry"/> sits in a catch clause of a try statement whose block holds <paramref name="earlier"/>.</summary>
            private static bool IsRetryAfterFailure(SyntaxNode retry, SyntaxNode earlier)
            {
                for (var node = retry.Parent; node != null; node = node.Parent)
                {
                    if (node is CatchClauseSyntax && node.Parent is TryStatementSyntax tryStatement
                        && tryStatement.Block.Span.Contains(earlier.Span) && tryStatement.SyntaxTree == earlier.SyntaxTree)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// <c>while (...) { try { await ch.Subscribe(); break; } catch { ... } }</c>: the Subscribe() sits in a try block
            /// with a catch inside the loop, so a later pass runs only after a join failed, which leaves the channel unjoined.
            /// </summary>
            private static bool IsGuardedRetryInLoop(SyntaxNode subscribe)
            {
                for (var node = subscribe.Parent; node != null; node = node.Parent)
                {
                    if (node is WhileStatementSyntax || node is DoStatementSyntax || node is ForStatementSyntax || node is ForEachStatementSyntax
                        || node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax || node is MemberDeclarationSyntax)
                    {
                        return false;
                    }

                    if (node is BlockSyntax block && block.Parent is TryStatementSyntax tryStatement && tryStatement.Block == block
                        && tryStatement.Catches.Count > 0)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// What a second Subscribe() does after <paramref name="earlier"/> (sdk-behaviour.md, section 2): once the first is
            /// awaited the channel has joined and the repeat returns at once; while the first is still joining, the repeat
            /// sends a second join and the replies of both are handled by the wrong push.
            /// </summary>
            private static string WhatTheRepeatDoes(Fact earlier)
                => IsAwaited(earlier.Operation)
                    ? "the channel has joined by then, so this call returns at once and sends nothing; remove it"
                    : "the first join may still be in flight, so this call sends a second join whose replies are handled by the wrong push; await the first Subscribe() and subscribe once";

            private static bool IsAwaited(IOperation operation)
            {
                var parent = operation.Parent;
                while (parent is IConversionOperation || parent is IParenthesizedOperation)
                {
                    parent = parent.Parent;
                }

                return parent is IAwaitOperation;
            }

            /// <summary>Case 4: an earlier Subscribe() of the same cached instance, through another Channel(...) call.</summary>
            private Finding? SameCachedInstance(Body body, Fact subscribe, ChannelOrigin origin)
            {
                var order = body.Orders[subscribe.Order];
                var peers = new List<Fact>();
                var allKills = new List<FlowPoint>();
                Fact? earlier = null;
                Fact? any = null;
                Fact? root = null;
                var rootReaches = false;
                foreach (var other in body.Facts)
                {
                    if (other == subscribe || other.Kind != FactKind.Subscribe || other.Order != subscribe.Order
                        || !(OriginAt(body, other) is ChannelOrigin otherOrigin) || !otherOrigin.IsSameInstanceAs(origin))
                    {
                        continue;
                    }

                    peers.Add(other);
                    var kills = InstanceKills(body, subscribe.Order, other.Slot, subscribe.Slot, origin);
                    allKills.AddRange(kills);
                    var reaches = order.ExistsPath(other.Point, subscribe.Point, kills);
                    if (root is null || other.Position < root.Position)
                    {
                        root = other;
                        rootReaches = reaches;
                    }

                    if (reaches)
                    {
                        if (other.Position < subscribe.Position)
                        {
                            earlier = earlier is null || other.Position > earlier.Position ? other : earlier;
                        }
                        else
                        {
                            any = any is null || other.Position < any.Position ? other : any;
                        }
                    }
                }

                var first = earlier ?? any;
                if (first is null)
                {
                    return null;
                }

                var between = earlier != null
                    ? RegistrationBetween(body, earlier, subscribe, InstanceKills(body, subscribe.Order, earlier.Slot, subscribe.Slot, origin), origin)
                    : null;
                var reason = string.Format(
                    CultureInfo.InvariantCulture,
                    "after the Subscribe() of '{0}' on line {1}: both come from {2}.Channel(...) with the same arguments, which returns one cached instance, so {3}",
                    NameOf(first),
                    Line(first.Syntax),
                    origin.Client.Display,
                    between != null ? RegistrationWaits(between) : WhatTheRepeatDoes(first));
                string? fix = null;
                string? firstName = null;
                if (IsWholeStatement(subscribe.Operation) && AlwaysSubscribedBefore(body, subscribe, peers, allKills))
                {
                    // Every merge names the first subscription of the instance, so Fix All never renames to a
                    // local that another fix removes.
                    if (root != null && rootReaches && !order.IsInCycle(root.Point) && CanMerge(subscribe, root))
                    {
                        fix = FixMerge;
                        firstName = root.Slot!.Name;
                    }
                    else
                    {
                        fix = FixRemove;
                    }
                }

                return new Finding(NameOf(subscribe), reason, fix, firstName);
            }

            /// <summary>
            /// The second channel is a local with one definition, its declaration from Channel(...), and the first
            /// is another such local: the second's uses can take the first.
            /// </summary>
            private bool CanMerge(Fact subscribe, Fact first)
            {
                return subscribe.Slot is ILocalSymbol second && first.Slot is ILocalSymbol firstLocal
                    && !SymbolEqualityComparer.Default.Equals(second, firstLocal)
                    && IsSingleDeclaration(second) && IsSingleDeclaration(firstLocal);

                bool IsSingleDeclaration(ILocalSymbol local)
                {
                    var definitions = DefinitionsOf(local);
                    return definitions.Count == 1 && definitions[0].Operation is IVariableDeclaratorOperation && definitions[0].Origin != null;
                }
            }

            /// <summary>
            /// Removing <paramref name="subscribe"/> keeps the channel subscribed: every path to it passes one of
            /// <paramref name="peers"/>, and after any release a peer runs again before it.
            /// </summary>
            private static bool AlwaysSubscribedBefore(Body body, Fact subscribe, List<Fact> peers, List<FlowPoint> kills)
            {
                var order = body.Orders[subscribe.Order];
                var avoid = new List<FlowPoint>(peers.Count);
                foreach (var peer in peers)
                {
                    // A Subscribe() that may throw into a catch leaves the later one as the retry.
                    if (IsInTryWithCatch(order, peer.Point))
                    {
                        return false;
                    }

                    avoid.Add(peer.Point);
                }

                if (order.ExistsPathFromEntry(subscribe.Point, avoid))
                {
                    return false;
                }

                foreach (var kill in kills)
                {
                    if (order.ExistsPath(kill, subscribe.Point, avoid))
                    {
                        return false;
                    }
                }

                return true;
            }

            private static bool IsInNestedFunction(SyntaxNode syntax, SyntaxNode root)
            {
                for (var node = syntax.Parent; node != null && node != root; node = node.Parent)
                {
                    if (node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax)
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool IsInTryWithCatch(CallOrder order, FlowPoint point)
            {
                for (var region = order.Graph.Blocks[point.Block].EnclosingRegion; region != null; region = region.EnclosingRegion)
                {
                    if (region.Kind == ControlFlowRegionKind.Try && region.EnclosingRegion?.Kind == ControlFlowRegionKind.TryAndCatch)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// True when the Subscribe() is a whole statement directly in a block: <c>await x.Subscribe();</c>,
            /// <c>x.Subscribe();</c>, <c>_ = x.Subscribe();</c>, with or without <c>ConfigureAwait(...)</c>.
            /// </summary>
            private static bool IsWholeStatement(IOperation subscribe)
            {
                var current = subscribe;
                var parent = current.Parent;
                if (parent is IInvocationOperation configure && configure.TargetMethod?.Name == "ConfigureAwait" && configure.Instance == current)
                {
                    current = parent;
                    parent = current.Parent;
                }

                if (parent is IAwaitOperation)
                {
                    current = parent;
                    parent = current.Parent;
                }

                if (parent is ISimpleAssignmentOperation discard && discard.Target is IDiscardOperation && discard.Value == current)
                {
                    parent = discard.Parent;
                }

                return parent is IExpressionStatementOperation statement && statement.Syntax.Parent is BlockSyntax;
            }

            private static string NameOf(Fact fact)
            {
                if (fact.Slot != null)
                {
                    return fact.Slot.Name;
                }

                return fact.Channel != null ? Text.Compact(fact.Channel.Syntax.ToString()) : "channel";
            }

            private static int Line(SyntaxNode syntax)
                => syntax.GetLocation().GetMappedLineSpan().StartLinePosition.Line + 1;
        }
    }
}
