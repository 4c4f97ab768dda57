using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Model;
using SupabaseRealtime.Analyzers.Sdk;

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
        private sealed class Judge
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

            // ---- Case 3: a retry from the channel's own handler ----------------------------------

            public void FindHandlerRetries(Dictionary<SyntaxNode, Finding> findings, System.Threading.CancellationToken cancellationToken)
            {
                foreach (var body in bodies)
                {
                    foreach (var registration in body.Facts)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (registration.Kind == FactKind.Registration)
                        {
                            FindHandlerRetries(registration, findings);
                        }
                    }
                }
            }

            private void FindHandlerRetries(Fact registration, Dictionary<SyntaxNode, Finding> findings)
            {
                if (!ChannelCalls.TryGetHandlerTarget(registration.Handler, out var function, out var method))
                {
                    return;
                }

                var handlers = new List<SyntaxNode>();
                IParameterSymbol? sender = null;
                if (function?.Symbol != null)
                {
                    handlers.Add(function.Syntax);
                    sender = function.Symbol.Parameters.Length > 0 ? function.Symbol.Parameters[0] : null;
                }
                else if (method != null)
                {
                    var definition = method.OriginalDefinition;
                    if (definition.MethodKind != MethodKind.LocalFunction
                        && !SymbolEqualityComparer.Default.Equals(definition.ContainingType?.OriginalDefinition, type))
                    {
                        return;
                    }

                    foreach (var reference in definition.DeclaringSyntaxReferences)
                    {
                        handlers.Add(reference.GetSyntax());
                    }

                    sender = definition.Parameters.Length > 0 ? definition.Parameters[0] : null;
                }

                // A captured local that is assigned more than once may hold another channel when the handler runs.
                var channelSlot = registration.Slot;
                if (channelSlot != null
                    && ((!IsMember(channelSlot) && DefinitionsOf(channelSlot).Count != 1)
                        || (channelSlot is IPropertySymbol property && !IsAutoProperty(property))))
                {
                    channelSlot = null;
                }

                if (channelSlot is null && sender is null)
                {
                    return;
                }

                foreach (var body in bodies)
                {
                    foreach (var subscribe in body.Facts)
                    {
                        if (subscribe.Kind != FactKind.Subscribe || !subscribe.IsLocated || subscribe.Slot is null
                            || findings.ContainsKey(subscribe.Syntax))
                        {
                            continue;
                        }

                        if (!SymbolEqualityComparer.Default.Equals(subscribe.Slot, channelSlot)
                            && !SymbolEqualityComparer.Default.Equals(subscribe.Slot, sender))
                        {
                            continue;
                        }

                        var handler = Containing(handlers, subscribe.Syntax);
                        if (handler is null || !RunsUnreleased(body, subscribe, handler))
                        {
                            continue;
                        }

                        var reason = string.Format(
                            CultureInfo.InvariantCulture,
                            "inside its own {0} (registered on line {1}): it joins again each time the channel closes or fails, the code's own Unsubscribe() or Remove() included, with no limit (the client itself rejoins only after a socket reconnect); rejoin from the code that decides to",
                            HandlerName(registration.HandlerKind),
                            Line(registration.Syntax));
                        var fix = IsWholeStatement(subscribe.Operation) ? FixRemoveRetry : null;
                        findings[subscribe.Syntax] = new Finding(NameOf(registration), reason, fix, null);
                    }
                }
            }

            private static bool SameNode(SyntaxNode a, SyntaxNode b)
                => a.SyntaxTree == b.SyntaxTree && a.Span == b.Span && a.RawKind == b.RawKind;

            private static SyntaxNode? Containing(List<SyntaxNode> handlers, SyntaxNode syntax)
            {
                foreach (var handler in handlers)
                {
                    if (handler.SyntaxTree == syntax.SyntaxTree && handler.Span.Contains(syntax.Span))
                    {
                        return handler;
                    }
                }

                return null;
            }

            /// <summary>
            /// True when the handler reaches <paramref name="subscribe"/> without first releasing or replacing
            /// its channel (a handler that unsubscribes and subscribes again is a deliberate rejoin).
            /// </summary>
            private bool RunsUnreleased(Body body, Fact subscribe, SyntaxNode handler)
            {
                var slot = subscribe.Slot!;
                var kills = new List<FlowPoint>();
                var direct = SameNode(body.OrderSyntax[subscribe.Order], handler);
                foreach (var fact in body.Facts)
                {
                    if (!fact.IsLocated || !handler.Span.Contains(fact.Syntax.Span) || !IsReleaseOfSlot(fact, slot, null))
                    {
                        continue;
                    }

                    if (!direct)
                    {
                        // The Subscribe() is in a lambda inside the handler: any release in the handler counts.
                        return false;
                    }

                    if (fact.Order == subscribe.Order)
                    {
                        kills.Add(fact.Point);
                    }
                }

                return !direct || body.Orders[subscribe.Order].ExistsPathFromEntry(subscribe.Point, kills);
            }

            private static string HandlerName(ChannelHandlerKind kind)
            {
                switch (kind)
                {
                    case ChannelHandlerKind.Error:
                        return "error handler";
                    case ChannelHandlerKind.StateChangedEvent:
                        return "StateChanged handler";
                    case ChannelHandlerKind.ErrorEvent:
                        return "OnError handler";
                    case ChannelHandlerKind.CloseEvent:
                        return "OnClose handler";
                    default:
                        return "state handler";
                }
            }

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

            // ---- Set-up the repeat does not send (sdk-behaviour.md, sections 2 and 6) ----------------

            /// <summary>
            /// A loop that gets its channel from <c>Channel(...)</c> with constant arguments on every pass and awaits
            /// <c>Subscribe()</c>: the cache hands out one instance, the first pass joins it, and every later pass's
            /// Subscribe() returns at once; a filter that changes per pass is only appended to a registration no join carries.
            /// </summary>
            private Finding? CachedChannelPerPass(Body body, Fact subscribe, ChannelOrigin origin)
            {
                var slot = subscribe.Slot;
                if (slot is null || subscribe.Origin != null || !IsAwaited(subscribe.Operation) || !IsTracked(body, subscribe)
                    || !(InnermostLoop(subscribe.Syntax) is SyntaxNode loop))
                {
                    return null;
                }

                // The channel is obtained in the pass, from a client that is the same on every pass.
                var obtainedInLoop = false;
                foreach (var definition in DefinitionsOf(slot))
                {
                    obtainedInLoop |= IsWithin(definition.Syntax, loop);
                }

                if (!obtainedInLoop || (origin.Client.Root is ILocalSymbol clientLocal && IsDeclaredWithin(clientLocal, loop)))
                {
                    return null;
                }

                // Nothing in the loop leaves or drops the instance, so the next pass gets it back joined.
                foreach (var fact in body.Facts)
                {
                    if (!IsWithin(fact.Syntax, loop))
                    {
                        continue;
                    }

                    var releases = fact.Kind == FactKind.Release ? MayAlias(fact, new[] { slot }, origin) : fact.Kind != FactKind.Definition && IsReleaseOfSlot(fact, slot, origin);
                    if (releases)
                    {
                        return null;
                    }
                }

                // A pass runs again only after the join failed (a try with a catch in the loop), which leaves the channel
                // unjoined, so that pass joins again (sdk-behaviour.md, section 2). A pass that subscribes and leaves the loop
                // (break, return) runs the Subscribe() once.
                if (IsGuardedRetryInLoop(subscribe.Syntax) || !body.Orders[subscribe.Order].IsInCycle(subscribe.Point))
                {
                    return null;
                }

                var perPass = PerPassRegistration(body, subscribe, SlotKills(body, subscribe.Order, slot, origin));
                var reason = string.Format(
                    CultureInfo.InvariantCulture,
                    "inside a loop that gets it from {0}.Channel(...) with the same arguments on every pass, which returns one cached instance: {1}",
                    origin.Client.Display,
                    perPass != null ? OnlyFirstPassJoins(perPass) : LaterPassesGetTheJoinedChannel);

                // No fix: the channel is obtained in the pass, so the Subscribe() alone cannot move before the loop.
                return new Finding(NameOf(subscribe), reason, null, null);
            }

            /// <summary>What the later passes of a loop that takes one cached channel on every pass do (sdk-behaviour.md, sections 1 and 2).</summary>
            private const string LaterPassesGetTheJoinedChannel
                = "later passes get the cached channel that has already joined, so their Subscribe() returns at once and sends nothing; subscribe once, before the loop";

            /// <summary>
            /// A registration of <paramref name="subscribe"/>'s channel in the same loop pass, before it, whose options
            /// read a local the loop writes (the loop variable, a local declared in the body): a new filter on each pass.
            /// </summary>
            private static Fact? PerPassRegistration(Body body, Fact subscribe, List<FlowPoint> kills)
            {
                if (!IsAwaited(subscribe.Operation) || !(InnermostLoop(subscribe.Syntax) is SyntaxNode loop)
                    || !(LoopOperation(subscribe.Operation, loop) is ILoopOperation loopOperation))
                {
                    return null;
                }

                var order = body.Orders[subscribe.Order];
                if (!order.IsInCycle(subscribe.Point))
                {
                    // A pass that subscribes leaves the loop (break, return): the Subscribe() runs once.
                    return null;
                }

                HashSet<ILocalSymbol>? perPassLocals = null;
                foreach (var fact in body.Facts)
                {
                    if (fact.Kind != FactKind.JoinRegistration || !fact.IsLocated || fact.Order != subscribe.Order
                        || fact.Position >= subscribe.Position || !IsWithin(fact.Syntax, loop)
                        || !SymbolEqualityComparer.Default.Equals(fact.Slot, subscribe.Slot)
                        || !order.ExistsPath(fact.Point, subscribe.Point, kills))
                    {
                        continue;
                    }

                    perPassLocals ??= LocalsWrittenPerPass(loopOperation);
                    if (ReadsAny((IInvocationOperation)fact.Operation, perPassLocals))
                    {
                        return fact;
                    }
                }

                return null;
            }

            /// <summary>What a loop's later passes lose when only the first pass joins.</summary>
            private static string OnlyFirstPassJoins(Fact registration)
                => string.Format(
                    CultureInfo.InvariantCulture,
                    "only the first pass's Subscribe() sends a join, later passes return at once and send nothing, so the join carries the first pass's {0} (line {1}) only and the server is never asked for the changes of the later passes' registrations; give each pass its own channel with a distinct topic, or register one filter that covers them all (in.(...)) and subscribe once",
                    RegistrationName(registration),
                    Line(registration.Syntax));

            /// <summary>
            /// A registration of the channel on a path from the awaited <paramref name="earlier"/> to <paramref name="subscribe"/>
            /// with nothing in <paramref name="kills"/> on the way: made after the join, it waits for a join the repeat does not send.
            /// </summary>
            private Fact? RegistrationBetween(Body body, Fact earlier, Fact subscribe, List<FlowPoint> kills, ChannelOrigin? origin)
            {
                if (!IsAwaited(earlier.Operation))
                {
                    return null;
                }

                var order = body.Orders[subscribe.Order];
                Fact? found = null;
                foreach (var fact in body.Facts)
                {
                    if (fact.Kind != FactKind.JoinRegistration || !fact.IsLocated || fact.Order != subscribe.Order
                        || (found != null && found.Position <= fact.Position))
                    {
                        continue;
                    }

                    if (IsOnChannel(fact, earlier, subscribe, origin)
                        && order.ExistsPath(earlier.Point, fact.Point, kills) && order.ExistsPath(fact.Point, subscribe.Point, kills)
                        && !RepeatsJoinedRegistration(body, fact, earlier, subscribe, origin))
                    {
                        found = fact;
                    }
                }

                return found;
            }

            private static bool IsOnChannel(Fact registration, Fact earlier, Fact subscribe, ChannelOrigin? origin)
                => (registration.Slot != null
                        && (SymbolEqualityComparer.Default.Equals(registration.Slot, subscribe.Slot) || SymbolEqualityComparer.Default.Equals(registration.Slot, earlier.Slot)))
                    || (origin != null && registration.Origin != null && registration.Origin.IsSameInstanceAs(origin));

            /// <summary>
            /// The registration repeats one the join carried: the built-in one of a <c>Channel(database, schema, table, ...)</c>
            /// origin, or an equal registration that runs before <paramref name="earlier"/>. The server was asked for its changes.
            /// </summary>
            private bool RepeatsJoinedRegistration(Body body, Fact registration, Fact earlier, Fact subscribe, ChannelOrigin? origin)
            {
                var binding = registration.Binding;
                if (binding is null || !binding.IsKnown)
                {
                    return false;
                }

                var earlierOrigin = OriginAt(body, earlier);
                if (earlierOrigin != null && !earlierOrigin.IsTopicOverload && PostgresBinding.FromChannel(earlierOrigin).HasSameOptionsAs(binding))
                {
                    return true;
                }

                var order = body.Orders[subscribe.Order];
                foreach (var fact in body.Facts)
                {
                    if (fact != registration && fact.Kind == FactKind.JoinRegistration && fact.IsLocated && fact.Order == subscribe.Order
                        && fact.Position < earlier.Position && fact.Binding != null && fact.Binding.HasSameOptionsAs(binding)
                        && IsOnChannel(fact, earlier, subscribe, origin) && order.Reaches(fact.Point, earlier.Point))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>The repeat after an awaited Subscribe() with <paramref name="registration"/> made in between.</summary>
            private static string RegistrationWaits(Fact registration)
                => string.Format(
                    CultureInfo.InvariantCulture,
                    "the channel has joined by then, so this call returns at once and sends nothing, and the join that went out does not carry the {0} on line {1}: the server is not asked for its changes until the channel joins again; register before the first Subscribe(), or call Unsubscribe() before this Subscribe() so that it sends a new join",
                    RegistrationName(registration),
                    Line(registration.Syntax));

            private static string RegistrationName(Fact registration)
                => ((IInvocationOperation)registration.Operation).TargetMethod.Name + "(...)";

            private static bool IsWithin(SyntaxNode syntax, SyntaxNode container)
                => syntax.SyntaxTree == container.SyntaxTree && container.Span.Contains(syntax.Span);

            private static bool IsDeclaredWithin(ILocalSymbol local, SyntaxNode container)
            {
                foreach (var reference in local.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree == container.SyntaxTree && container.Span.Contains(reference.Span))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>The innermost loop statement around <paramref name="syntax"/> in its own method, lambda or local function.</summary>
            private static SyntaxNode? InnermostLoop(SyntaxNode syntax)
            {
                for (var node = syntax.Parent; node != null; node = node.Parent)
                {
                    if (node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax || node is MemberDeclarationSyntax)
                    {
                        return null;
                    }

                    if (node is WhileStatementSyntax || node is DoStatementSyntax || node is ForStatementSyntax || node is CommonForEachStatementSyntax)
                    {
                        return node;
                    }
                }

                return null;
            }

            private static ILoopOperation? LoopOperation(IOperation operation, SyntaxNode loop)
            {
                for (var current = operation.Parent; current != null; current = current.Parent)
                {
                    if (current is ILoopOperation candidate && candidate.Syntax == loop)
                    {
                        return candidate;
                    }
                }

                return null;
            }

            /// <summary>The locals that may hold another value on each pass: the loop's own, those declared in it, those it writes.</summary>
            private static HashSet<ILocalSymbol> LocalsWrittenPerPass(ILoopOperation loop)
            {
                var locals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
                locals.UnionWith(loop.Locals);
                foreach (var operation in loop.Descendants())
                {
                    IOperation? target = null;
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation declarator when declarator.Symbol != null:
                            locals.Add(declarator.Symbol);
                            break;
                        case ILocalReferenceOperation reference when reference.IsDeclaration:
                            locals.Add(reference.Local);
                            break;
                        case IDeclarationPatternOperation pattern when pattern.DeclaredSymbol is ILocalSymbol declared:
                            locals.Add(declared);
                            break;
                        case IAssignmentOperation assignment:
                            target = assignment.Target;
                            break;
                        case IIncrementOrDecrementOperation increment:
                            target = increment.Target;
                            break;
                        case IArgumentOperation argument when argument.Parameter != null && argument.Parameter.RefKind != RefKind.None:
                            target = argument.Value;
                            break;
                    }

                    if (target is ILocalReferenceOperation written)
                    {
                        locals.Add(written.Local);
                    }
                }

                return locals;
            }

            /// <summary>True when an argument of <paramref name="registration"/> other than a handler reads one of <paramref name="locals"/>.</summary>
            private static bool ReadsAny(IInvocationOperation registration, HashSet<ILocalSymbol> locals)
            {
                foreach (var argument in registration.Arguments)
                {
                    if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
                    {
                        continue;
                    }

                    foreach (var operation in argument.Value.DescendantsAndSelf())
                    {
                        if (operation is ILocalReferenceOperation reference && locals.Contains(reference.Local) && !IsInFunction(operation, argument))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static bool IsInFunction(IOperation operation, IOperation root)
            {
                for (var current = operation.Parent; current != null && current != root; current = current.Parent)
                {
                    if (current is IAnonymousFunctionOperation)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// The loop case may move its Subscribe() before the loop: it is a whole statement directly in the
            /// body of the innermost loop statement around it, and nothing in that loop (calls of the type's
            /// methods included) releases or replaces the channel, registers on it, or subscribes it again.
            /// </summary>
            private bool CanHoist(Body body, Fact subscribe, ISymbol slot, ChannelOrigin? origin)
            {
                if (!IsWholeStatement(subscribe.Operation))
                {
                    return false;
                }

                SyntaxNode? loop = null;
                for (var node = subscribe.Syntax.Parent; node != null && loop is null; node = node.Parent)
                {
                    if (node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax || node is MemberDeclarationSyntax)
                    {
                        return false;
                    }

                    if (node is WhileStatementSyntax || node is DoStatementSyntax || node is ForStatementSyntax || node is CommonForEachStatementSyntax)
                    {
                        loop = node;
                    }
                }

                if (loop is null)
                {
                    return false;
                }

                foreach (var fact in body.Facts)
                {
                    if (fact == subscribe || fact.Syntax.SyntaxTree != loop.SyntaxTree || !loop.Span.Contains(fact.Syntax.Span))
                    {
                        continue;
                    }

                    var sameSlot = SymbolEqualityComparer.Default.Equals(fact.Slot, slot);
                    if ((fact.Kind == FactKind.Subscribe || fact.Kind == FactKind.Registration || fact.Kind == FactKind.JoinRegistration)
                        && (sameSlot || fact.Slot is null))
                    {
                        return false;
                    }

                    if (IsReleaseOfSlot(fact, slot, origin))
                    {
                        return false;
                    }
                }

                return true;
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
