using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Model;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Rules
{
    /// <summary>
    /// SRT001: a channel is subscribed while its realtime client still holds the anon key, because the
    /// code authenticates that client later: later in the same body, or (for a subscription in an
    /// initializer such as a constructor, <c>OnInitializedAsync</c> or <c>Start</c>) in another member
    /// of the type. Code that never authenticates the client is anon access on purpose and is left alone.
    /// </summary>
    internal sealed partial class SubscribedBeforeAuthAnalyzer : SdkRule
    {
        /// <summary>Diagnostic property naming the fix the code-fix provider may offer.</summary>
        public const string FixProperty = "Fix";

        /// <summary>Value of <see cref="FixProperty"/>: move the later auth statement before the subscription (additional location 0 is the auth call).</summary>
        public const string MoveAuthFix = "MoveAuth";

        /// <summary>
        /// Value of <see cref="FixProperty"/>: move the subscription out of its initializer to just after the one
        /// auth call of its client in another member of the type (additional location 0); the code fix checks
        /// that the move keeps the meaning.
        /// </summary>
        public const string MoveSubscribeFix = "MoveSubscribe";

        /// <summary>Option: extra initializer method names (<c>supabase_realtime.SRT001.initializer_methods</c>).</summary>
        public const string InitializerMethodsOption = "initializer_methods";

        private static readonly ImmutableDictionary<string, string> MoveProperties =
            ImmutableDictionary<string, string>.Empty.Add(FixProperty, MoveAuthFix);

        private static readonly ImmutableDictionary<string, string> MoveSubscribeProperties =
            ImmutableDictionary<string, string>.Empty.Add(FixProperty, MoveSubscribeFix);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.SRT001);

        protected override void Register(CompilationStartAnalysisContext context, SdkCompilation compilation)
        {
            var sdk = compilation.Sdk;
            var hasSubscriptions = sdk.RealtimeChannelInterface != null || sdk.RealtimeChannel != null || sdk.SupabaseTableInterface != null;
            var hasAuth = sdk.RealtimeClientInterface != null || sdk.RealtimeClient != null || sdk.GotrueClientInterface != null;
            if (!hasSubscriptions || !hasAuth)
            {
                return;
            }

            // Resolved on first use (by then the compiler has declared the project's types, so the lookups do not wait
            // for it); a lost race builds a second, identical model instead of blocking a thread.
            var initialization = new Lazy<InitializationOrder>(() => new InitializationOrder(compilation.Compilation), LazyThreadSafetyMode.PublicationOnly);
            compilation.Types.Add(context, 
                start =>
                {
                    if (!(start.Symbol is INamedTypeSymbol type) || type.TypeKind == TypeKind.Interface)
                    {
                        return;
                    }

                    var state = new TypeState(type, compilation, initialization);
                    start.RegisterOperationBlockAction(state.AnalyzeBlock);
                    start.RegisterSymbolEndAction(state.Report);
                });
        }

        /// <summary>An auth call: the realtime client it authenticates, and where it sits.</summary>
        private sealed class AuthCall
        {
            public AuthCall(IInvocationOperation call, SymbolPath client, ISymbol member, int? rank)
            {
                Call = call;
                Client = client;
                Member = member;
                Rank = rank;
            }

            public IInvocationOperation Call { get; }

            public SymbolPath Client { get; }

            public ISymbol Member { get; }

            public int? Rank { get; }
        }

        /// <summary>What one body says about the auth calls of one client around a subscription.</summary>
        private readonly struct OrderFacts
        {
            public OrderFacts(IInvocationOperation? later, bool unguarded)
            {
                Later = later;
                Unguarded = unguarded;
            }

            /// <summary>The first auth call (in source order) that some path reaches from the subscription.</summary>
            public IInvocationOperation? Later { get; }

            /// <summary>True when some path from the body's entry reaches the subscription with no auth call of the client first.</summary>
            public bool Unguarded { get; }
        }

        /// <summary>A subscription call and what is known about it once its body has been analyzed.</summary>
        private sealed class Subscription
        {
            public Subscription(IInvocationOperation call, ISymbol member, int? rank, bool nested)
            {
                Call = call;
                Member = member;
                Rank = rank;
                Nested = nested;
            }

            public IInvocationOperation Call { get; }

            public ISymbol Member { get; }

            public int? Rank { get; }

            /// <summary>True when the subscription is inside a lambda or local function of its member.</summary>
            public bool Nested { get; }

            /// <summary>The client, when the body alone tells it; default when it depends on a field (<see cref="Slot"/>).</summary>
            public SymbolPath Client { get; set; }

            public string? Display { get; set; }

            /// <summary>True when every <c>Channel(...)</c> the subscribed channel can come from asks for a private channel (7.4+).</summary>
            public bool IsPrivate { get; set; }

            /// <summary>The field or property of the type holding the channel, resolved across the type at the end.</summary>
            public ISymbol? Slot { get; set; }

            /// <summary>True when the subscription was found in its body's control-flow graph.</summary>
            public bool Located { get; set; }

            /// <summary>Clients that have an auth call somewhere in the subscription's operation block.</summary>
            public HashSet<SymbolPath> ClientsAuthenticatedInBlock { get; } = new HashSet<SymbolPath>();

            public Dictionary<SymbolPath, OrderFacts> Facts { get; } = new Dictionary<SymbolPath, OrderFacts>();
        }

        /// <summary>One analyzed body root of a member of the type.</summary>
        private readonly struct Body
        {
            public Body(ISymbol member, IOperation root)
            {
                Member = member;
                Root = root;
            }

            public ISymbol Member { get; }

            public IOperation Root { get; }
        }

        /// <summary>Everything one named type says; decided at the type's end.</summary>
        /// <remarks>
        /// Bodies are gathered lock-free. A body that does not touch the SDK costs one push: the writes
        /// into channel fields and the calls between the type's members are read from the bodies at the
        /// type's end, and only when the type subscribes at all.
        /// </remarks>
        private sealed partial class TypeState
        {
            private readonly INamedTypeSymbol type;
            private readonly SdkCompilation compilation;
            private readonly Lazy<InitializationOrder> initialization;
            private ImmutableStack<Body> bodies = ImmutableStack<Body>.Empty;
            private ImmutableStack<Subscription> subscriptions = ImmutableStack<Subscription>.Empty;
            private ImmutableStack<AuthCall> auths = ImmutableStack<AuthCall>.Empty;

            // Built at the type's end, on first need.
            private Dictionary<ISymbol, List<IOperation>>? channelSlots;
            private HashSet<ISymbol>? unknownSlots;
            private Dictionary<ISymbol, HashSet<ISymbol>>? calls;

            public TypeState(INamedTypeSymbol type, SdkCompilation compilation, Lazy<InitializationOrder> initialization)
            {
                this.type = type;
                this.compilation = compilation;
                this.initialization = initialization;
            }

            private SdkSymbols Sdk => compilation.Sdk;

            public void AnalyzeBlock(OperationBlockAnalysisContext context)
            {
                var blocks = context.OperationBlocks;
                if (blocks.IsEmpty || !compilation.Scope.ShouldAnalyze(blocks[0].Syntax.SyntaxTree))
                {
                    return;
                }

                var member = context.OwningSymbol;
                var rank = default(Rank);
                for (var i = 0; i < blocks.Length; i++)
                {
                    if (!BodyOrders.TryGetNewGraphRoot(blocks, i, out var root))
                    {
                        continue;
                    }

                    ImmutableInterlocked.Push(ref bodies, new Body(member, root));
                    if (Sdk.ReferencesSdk(root) && Sdk.CallsSdk(root))
                    {
                        AnalyzeRoot(context, blocks[i], root, member, ref rank);
                    }
                }
            }

            /// <summary>The member's initializer rank, computed once per block action and only when a body needs it.</summary>
            private struct Rank
            {
                private bool known;
                private int? value;

                public int? Get(TypeState state, ISymbol member, SyntaxTree tree)
                {
                    if (!known)
                    {
                        var extraNames = Options.GetList(state.compilation.Options, tree, RuleIds.SubscribedBeforeAuth, InitializerMethodsOption);
                        value = state.initialization.Value.GetRank(member, extraNames);
                        known = true;
                    }

                    return value;
                }
            }

            private void AnalyzeRoot(OperationBlockAnalysisContext context, IOperation operationBlock, IOperation block, ISymbol member, ref Rank rank)
            {
                List<IInvocationOperation>? subscriptionCalls = null;
                List<(IInvocationOperation Call, SymbolPath Client)>? authCalls = null;
                foreach (var operation in Sdk.Operations.Descendants(block))
                {
                    if (operation.Kind != OperationKind.Invocation)
                    {
                        continue;
                    }

                    var invocation = (IInvocationOperation)operation;
                    if (ClientIdentity.TryGetAuthenticatedClient(invocation, Sdk, out var authenticated))
                    {
                        (authCalls ??= new List<(IInvocationOperation, SymbolPath)>()).Add((invocation, authenticated));
                    }
                    else if (ChannelCalls.IsSubscribe(invocation, Sdk) || Subscriptions.IsTableOn(invocation, Sdk))
                    {
                        (subscriptionCalls ??= new List<IInvocationOperation>()).Add(invocation);
                    }
                }

                if (authCalls is null && subscriptionCalls is null)
                {
                    return;
                }

                var memberRank = rank.Get(this, member, context.OperationBlocks[0].Syntax.SyntaxTree);
                var blockAuths = new List<AuthCall>();
                if (authCalls != null)
                {
                    foreach (var (call, client) in authCalls)
                    {
                        var auth = new AuthCall(call, client, member, memberRank);
                        blockAuths.Add(auth);
                        ImmutableInterlocked.Push(ref auths, auth);
                    }
                }

                if (subscriptionCalls is null)
                {
                    return;
                }

                // Writes into local channel slots resolve here; fields and properties at the type's end.
                var slotWrites = SlotWrites.Of(Sdk, block);
                var localValues = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
                foreach (var write in slotWrites.Writes)
                {
                    if (write.Slot is ILocalSymbol)
                    {
                        if (!localValues.TryGetValue(write.Slot, out var values))
                        {
                            values = new List<IOperation>();
                            localValues.Add(write.Slot, values);
                        }

                        values.Add(write.Value);
                    }
                }

                var orders = blockAuths.Count > 0 && Sdk.GraphOf(operationBlock, context.CancellationToken) is { } graph ? BodyOrders.Create(graph, Sdk) : null;
                foreach (var call in subscriptionCalls)
                {
                    var subscription = new Subscription(call, member, memberRank, BodyOrders.IsInNestedBody(call));
                    if (!TryResolve(subscription, slotWrites, localValues))
                    {
                        continue;
                    }

                    foreach (var auth in blockAuths)
                    {
                        subscription.ClientsAuthenticatedInBlock.Add(auth.Client);
                    }

                    if (orders != null && orders.TryFind(call.Syntax, out var order, out var point))
                    {
                        subscription.Located = true;
                        foreach (var client in subscription.ClientsAuthenticatedInBlock)
                        {
                            if (subscription.Client.IsDefault || subscription.Client.Equals(client))
                            {
                                subscription.Facts[client] = GetFacts(order, point, client, blockAuths);
                            }
                        }
                    }

                    ImmutableInterlocked.Push(ref subscriptions, subscription);
                }
            }

            /// <summary>The writes into the type's channel fields and properties, from every body; built once, at the type's end.</summary>
            private (Dictionary<ISymbol, List<IOperation>> Writes, HashSet<ISymbol> Unknown) GetChannelSlots()
            {
                if (channelSlots != null && unknownSlots != null)
                {
                    return (channelSlots, unknownSlots);
                }

                channelSlots = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
                unknownSlots = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                foreach (var body in bodies)
                {
                    var slotWrites = SlotWrites.Of(Sdk, body.Root);
                    foreach (var write in slotWrites.Writes)
                    {
                        if (!(write.Slot is ILocalSymbol) && IsChannelSlot(write.Slot))
                        {
                            if (!channelSlots.TryGetValue(write.Slot, out var values))
                            {
                                values = new List<IOperation>();
                                channelSlots.Add(write.Slot, values);
                            }

                            values.Add(write.Value);
                        }
                    }

                    foreach (var slot in slotWrites.Unknown)
                    {
                        if (!(slot is ILocalSymbol) && IsChannelSlot(slot))
                        {
                            unknownSlots.Add(slot);
                        }
                    }
                }

                return (channelSlots, unknownSlots);
            }

            /// <summary>The type's call graph (calls of its own methods on <c>this</c>), from every body; built once, at the type's end.</summary>
            private Dictionary<ISymbol, HashSet<ISymbol>> GetCalls()
            {
                if (calls != null)
                {
                    return calls;
                }

                calls = new Dictionary<ISymbol, HashSet<ISymbol>>(SymbolEqualityComparer.Default);
                foreach (var body in bodies)
                {
                    foreach (var operation in Sdk.Operations.Descendants(body.Root))
                    {
                        if (operation.Kind == OperationKind.Invocation && operation is IInvocationOperation invocation && IsCallOnThis(invocation))
                        {
                            if (!calls.TryGetValue(body.Member, out var callees))
                            {
                                callees = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                                calls.Add(body.Member, callees);
                            }

                            callees.Add(invocation.TargetMethod.OriginalDefinition);
                        }
                    }
                }

                return calls;
            }

            private static OrderFacts GetFacts(CallOrder order, FlowPoint subscription, SymbolPath client, List<AuthCall> blockAuths)
            {
                var points = new List<FlowPoint>();
                IInvocationOperation? later = null;
                foreach (var auth in blockAuths)
                {
                    if (!auth.Client.Equals(client) || !order.TryGetPoint(auth.Call.Syntax, out var point))
                    {
                        continue;
                    }

                    points.Add(point);
                    if (order.Reaches(subscription, point)
                        && (later is null || auth.Call.Syntax.SpanStart < later.Syntax.SpanStart))
                    {
                        later = auth.Call;
                    }
                }

                return new OrderFacts(later, order.ExistsPathFromEntry(subscription, points));
            }

            /// <summary>A call of a method of this type on <c>this</c> (or a static one): an edge of the type's call graph.</summary>
            private bool IsCallOnThis(IInvocationOperation invocation)
                => SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType?.OriginalDefinition, type.OriginalDefinition)
                    && (invocation.Instance is null
                        ? invocation.TargetMethod.IsStatic
                        : SymbolPath.Unwrap(invocation.Instance) is IInstanceReferenceOperation);

            public void Report(SymbolAnalysisContext context)
            {
                // A type with no subscription (every type that does not touch the SDK among them) ends here.
                foreach (var subscription in subscriptions)
                {
                    var tree = subscription.Call.Syntax.SyntaxTree;
                    if (!compilation.Scope.ShouldAnalyze(tree) || !TryGetClient(subscription, out var client, out var display, out var isPrivate))
                    {
                        continue;
                    }

                    // 1. Later in the same body, with a path that reaches the subscription unauthenticated.
                    if (subscription.Facts.TryGetValue(client, out var facts) && facts.Later != null && facts.Unguarded)
                    {
                        ReportAt(context, subscription, display, isPrivate, facts.Later, MoveProperties);
                        continue;
                    }

                    // 2. Subscribed in an initializer; authenticated in another member of the type.
                    if (FindLaterMemberAuth(subscription, client, facts, out var candidates) is { } auth)
                    {
                        // With one auth call of the client in the type (none in the subscription's own body), the
                        // subscription can move to just after it.
                        var movable = candidates == 1 && !subscription.ClientsAuthenticatedInBlock.Contains(client);
                        ReportAt(context, subscription, display, isPrivate, auth.Call, movable ? MoveSubscribeProperties : ImmutableDictionary<string, string>.Empty);
                    }
                }
            }

            private AuthCall? FindLaterMemberAuth(Subscription subscription, SymbolPath client, OrderFacts facts, out int candidates)
            {
                candidates = 0;
                if (subscription.Nested || !(subscription.Rank is int rank) || !client.IsMemberOfContainingType)
                {
                    return null;
                }

                // An auth call of the client before the subscription in its own body covers it.
                if (subscription.ClientsAuthenticatedInBlock.Contains(client)
                    && (!subscription.Located || !subscription.Facts.ContainsKey(client) || !facts.Unguarded))
                {
                    return null;
                }

                AuthCall? chosen = null;
                foreach (var auth in auths)
                {
                    if (!auth.Client.Equals(client) || SymbolEqualityComparer.Default.Equals(auth.Member, subscription.Member))
                    {
                        continue;
                    }

                    // Authenticated by an initializer that runs no later, or by a member the subscriber calls: not later.
                    if ((auth.Rank is int authRank && authRank <= rank) || CallsReach(subscription.Member, auth.Member))
                    {
                        return null;
                    }

                    candidates++;
                    if (chosen is null || IsBefore(auth.Call, chosen.Call))
                    {
                        chosen = auth;
                    }
                }

                return chosen;
            }

            private bool CallsReach(ISymbol from, ISymbol to)
            {
                var visited = new HashSet<ISymbol>(SymbolEqualityComparer.Default) { from };
                var pending = new Stack<ISymbol>();
                pending.Push(from);
                while (pending.Count > 0)
                {
                    if (!GetCalls().TryGetValue(pending.Pop(), out var callees))
                    {
                        continue;
                    }

                    foreach (var callee in callees)
                    {
                        if (SymbolEqualityComparer.Default.Equals(callee, to))
                        {
                            return true;
                        }

                        if (visited.Add(callee))
                        {
                            pending.Push(callee);
                        }
                    }
                }

                return false;
            }

            private void ReportAt(SymbolAnalysisContext context, Subscription subscription, string display, bool isPrivate, IInvocationOperation auth,
                ImmutableDictionary<string, string> properties)
            {
                // A private channel (7.4+) is refused at the join, not upgraded later (sdk-behaviour.md, section 7).
                var consequence = isPrivate
                    ? AuthFacts.ConsequenceOfSubscribingPrivateBefore(auth.TargetMethod, Sdk.RealtimeVersion)
                    : AuthFacts.ConsequenceOfSubscribingBefore(auth.TargetMethod);
                var diagnostic = Diagnostic.Create(
                    Descriptors.SRT001,
                    subscription.Call.Syntax.GetLocation(),
                    new[] { auth.Syntax.GetLocation() },
                    properties,
                    display,
                    auth.TargetMethod.Name,
                    consequence);
                compilation.Scope.Report(context.ReportDiagnostic, diagnostic);
            }

            private static bool IsBefore(IOperation a, IOperation b)
            {
                var pathOrder = string.CompareOrdinal(a.Syntax.SyntaxTree.FilePath, b.Syntax.SyntaxTree.FilePath);
                return pathOrder < 0 || (pathOrder == 0 && a.Syntax.SpanStart < b.Syntax.SpanStart);
            }
        }
    }
}
