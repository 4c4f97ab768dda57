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
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class SubscribedBeforeAuthAnalyzer : SdkAnalyzer
    {
        /// <summary>Diagnostic property naming the fix the code-fix provider may offer.</summary>
        public const string FixProperty = "Fix";

        /// <summary>Value of <see cref="FixProperty"/>: move the later auth statement before the subscription (additional location 0 is the auth call).</summary>
        public const string MoveAuthFix = "MoveAuth";

        /// <summary>Option: extra initializer method names (<c>supabase_realtime.SRT001.initializer_methods</c>).</summary>
        public const string InitializerMethodsOption = "initializer_methods";

        private static readonly ImmutableDictionary<string, string> MoveProperties =
            ImmutableDictionary<string, string>.Empty.Add(FixProperty, MoveAuthFix);

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
            context.RegisterSymbolStartAction(
                start =>
                {
                    if (!(start.Symbol is INamedTypeSymbol type) || type.TypeKind == TypeKind.Interface)
                    {
                        return;
                    }

                    var state = new TypeState(type, compilation, initialization);
                    start.RegisterOperationBlockAction(state.AnalyzeBlock);
                    start.RegisterSymbolEndAction(state.Report);
                },
                SymbolKind.NamedType);
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

            /// <summary>The field or property of the type holding the channel, resolved across the type at the end.</summary>
            public ISymbol? Slot { get; set; }

            /// <summary>True when the subscription was found in its body's control-flow graph.</summary>
            public bool Located { get; set; }

            /// <summary>Clients that have an auth call somewhere in the subscription's operation block.</summary>
            public HashSet<SymbolPath> ClientsAuthenticatedInBlock { get; } = new HashSet<SymbolPath>();

            public Dictionary<SymbolPath, OrderFacts> Facts { get; } = new Dictionary<SymbolPath, OrderFacts>();
        }

        /// <summary>Everything one named type says; decided at the type's end.</summary>
        private sealed class TypeState
        {
            private readonly object gate = new object();
            private readonly INamedTypeSymbol type;
            private readonly SdkCompilation compilation;
            private readonly Lazy<InitializationOrder> initialization;
            private readonly List<Subscription> subscriptions = new List<Subscription>();
            private readonly List<AuthCall> auths = new List<AuthCall>();
            private readonly Dictionary<ISymbol, List<IOperation>> channelSlots = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
            private readonly HashSet<ISymbol> unknownSlots = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private readonly Dictionary<ISymbol, HashSet<ISymbol>> calls = new Dictionary<ISymbol, HashSet<ISymbol>>(SymbolEqualityComparer.Default);

            public TypeState(INamedTypeSymbol type, SdkCompilation compilation, Lazy<InitializationOrder> initialization)
            {
                this.type = type;
                this.compilation = compilation;
                this.initialization = initialization;
            }

            private SdkSymbols Sdk => compilation.Sdk;

            public void AnalyzeBlock(OperationBlockAnalysisContext context)
            {
                if (context.OperationBlocks.IsEmpty)
                {
                    return;
                }

                var tree = context.OperationBlocks[0].Syntax.SyntaxTree;
                if (!compilation.Scope.ShouldAnalyze(tree))
                {
                    return;
                }

                var member = context.OwningSymbol;
                var extraNames = Options.GetList(compilation.Options, tree, RuleIds.SubscribedBeforeAuth, InitializerMethodsOption);
                var rank = initialization.Value.GetRank(member, extraNames);
                var found = new List<Subscription>();
                var foundAuths = new List<AuthCall>();
                var foundSlots = new List<SlotWrite>();
                var foundUnknown = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                var foundCalls = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

                foreach (var (block, root) in BodyOrders.GetGraphRoots(context.OperationBlocks))
                {
                    AnalyzeRoot(context, block, root, member, rank, found, foundAuths, foundSlots, foundUnknown, foundCalls);
                }

                lock (gate)
                {
                    subscriptions.AddRange(found);
                    auths.AddRange(foundAuths);
                    foreach (var write in foundSlots)
                    {
                        if (!channelSlots.TryGetValue(write.Slot, out var values))
                        {
                            values = new List<IOperation>();
                            channelSlots.Add(write.Slot, values);
                        }

                        values.Add(write.Value);
                    }

                    unknownSlots.UnionWith(foundUnknown);
                    if (foundCalls.Count > 0)
                    {
                        if (!calls.TryGetValue(member, out var callees))
                        {
                            callees = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                            calls.Add(member, callees);
                        }

                        callees.UnionWith(foundCalls);
                    }
                }
            }

            private void AnalyzeRoot(
                OperationBlockAnalysisContext context,
                IOperation operationBlock,
                IOperation block,
                ISymbol member,
                int? rank,
                List<Subscription> found,
                List<AuthCall> foundAuths,
                List<SlotWrite> foundSlots,
                HashSet<ISymbol> foundUnknown,
                HashSet<ISymbol> foundCalls)
            {
                // Writes into channel slots: locals resolve here, fields and properties at the type's end.
                var writes = new List<SlotWrite>();
                var unknown = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                SlotWrites.Collect(block, writes, unknown);
                var localValues = new Dictionary<ISymbol, List<IOperation>>(SymbolEqualityComparer.Default);
                foreach (var write in writes)
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
                    else if (IsChannelSlot(write.Slot))
                    {
                        foundSlots.Add(write);
                    }
                }

                foreach (var slot in unknown)
                {
                    if (!(slot is ILocalSymbol) && IsChannelSlot(slot))
                    {
                        foundUnknown.Add(slot);
                    }
                }

                foreach (var operation in block.Descendants())
                {
                    if (operation is IInvocationOperation invocation && IsCallOnThis(invocation))
                    {
                        foundCalls.Add(invocation.TargetMethod.OriginalDefinition);
                    }
                }

                if (!Sdk.CallsSdk(block))
                {
                    return;
                }

                var subscriptionCalls = new List<IInvocationOperation>();
                var blockAuths = new List<AuthCall>();
                foreach (var operation in block.Descendants())
                {
                    if (!(operation is IInvocationOperation invocation))
                    {
                        continue;
                    }

                    if (ClientIdentity.TryGetAuthenticatedClient(invocation, Sdk, out var authenticated))
                    {
                        blockAuths.Add(new AuthCall(invocation, authenticated, member, rank));
                    }
                    else if (Subscriptions.IsSubscribe(invocation, Sdk) || Subscriptions.IsTableOn(invocation, Sdk))
                    {
                        subscriptionCalls.Add(invocation);
                    }
                }

                foundAuths.AddRange(blockAuths);
                if (subscriptionCalls.Count == 0)
                {
                    return;
                }

                var orders = blockAuths.Count > 0 ? BodyOrders.Create(context.GetControlFlowGraph(operationBlock)) : null;
                foreach (var call in subscriptionCalls)
                {
                    var subscription = new Subscription(call, member, rank, BodyOrders.IsInNestedBody(call));
                    if (!TryResolve(subscription, unknown, localValues))
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

                    found.Add(subscription);
                }
            }

            /// <summary>Which client the subscription's channel belongs to, as far as its own block tells.</summary>
            private bool TryResolve(Subscription subscription, HashSet<ISymbol> unknownLocals, Dictionary<ISymbol, List<IOperation>> localValues)
            {
                var call = subscription.Call;
                if (Subscriptions.IsTableOn(call, Sdk))
                {
                    if (TryResolveTable(call.Instance, out var tableClient, out var table))
                    {
                        subscription.Client = tableClient;
                        subscription.Display = table;
                        return true;
                    }

                    if (ChannelSlots.GetSlot(call.Instance) is ILocalSymbol tableLocal && !unknownLocals.Contains(tableLocal)
                        && localValues.TryGetValue(tableLocal, out var tableValues))
                    {
                        return TryResolveAll(tableValues, TryResolveTable, tableLocal.Name, subscription);
                    }

                    return false;
                }

                if (TryResolveChannel(call.Instance, out var client, out var display))
                {
                    subscription.Client = client;
                    subscription.Display = display;
                    return true;
                }

                var slot = ChannelSlots.GetSlot(call.Instance);
                switch (slot)
                {
                    case ILocalSymbol local:
                        return !unknownLocals.Contains(local) && localValues.TryGetValue(local, out var values)
                            && TryResolveAll(values, TryResolveChannel, local.Name, subscription);
                    case IFieldSymbol _:
                    case IPropertySymbol _:
                        subscription.Slot = slot;
                        return true;
                    default:
                        return false;
                }
            }

            private delegate bool Resolver(IOperation? value, out SymbolPath client, out string display);

            private static bool TryResolveAll(List<IOperation> values, Resolver resolve, string fallbackName, Subscription subscription)
            {
                SymbolPath client = default;
                string? display = null;
                var first = true;
                foreach (var value in values)
                {
                    if (!resolve(value, out var valueClient, out var valueDisplay))
                    {
                        return false;
                    }

                    if (first)
                    {
                        client = valueClient;
                        display = valueDisplay;
                        first = false;
                    }
                    else if (!client.Equals(valueClient))
                    {
                        return false;
                    }
                    else if (display != valueDisplay)
                    {
                        display = fallbackName;
                    }
                }

                if (first)
                {
                    return false;
                }

                subscription.Client = client;
                subscription.Display = display;
                return true;
            }

            private bool TryResolveChannel(IOperation? value, out SymbolPath client, out string display)
            {
                client = default;
                display = string.Empty;
                if (!ChannelOrigin.TryGet(value, Sdk, out var origin))
                {
                    return false;
                }

                client = origin.Client;
                display = origin.DisplayName;
                return true;
            }

            private bool TryResolveTable(IOperation? value, out SymbolPath client, out string display)
            {
                client = default;
                display = string.Empty;
                if (!Subscriptions.TryGetSupabaseOfTable(value, Sdk, out var supabase, out var from)
                    || !ClientIdentity.TryGetRealtimeOfSupabase(supabase, Sdk, out client))
                {
                    return false;
                }

                display = Subscriptions.TableName(from, Sdk);
                return true;
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

            private bool IsChannelSlot(ISymbol slot)
            {
                switch (slot)
                {
                    case IFieldSymbol field:
                        return Sdk.IsRealtimeChannel(field.Type);
                    case IPropertySymbol property:
                        return Sdk.IsRealtimeChannel(property.Type);
                    default:
                        return false;
                }
            }

            /// <summary>A call of a method of this type on <c>this</c> (or a static one): an edge of the type's call graph.</summary>
            private bool IsCallOnThis(IInvocationOperation invocation)
                => SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType?.OriginalDefinition, type.OriginalDefinition)
                    && (invocation.Instance is null
                        ? invocation.TargetMethod.IsStatic
                        : SymbolPath.Unwrap(invocation.Instance) is IInstanceReferenceOperation);

            public void Report(SymbolAnalysisContext context)
            {
                List<Subscription> all;
                lock (gate)
                {
                    all = new List<Subscription>(subscriptions);
                }

                foreach (var subscription in all)
                {
                    var tree = subscription.Call.Syntax.SyntaxTree;
                    if (!compilation.Scope.ShouldAnalyze(tree) || !TryGetClient(subscription, out var client, out var display))
                    {
                        continue;
                    }

                    // 1. Later in the same body, with a path that reaches the subscription unauthenticated.
                    if (subscription.Facts.TryGetValue(client, out var facts) && facts.Later != null && facts.Unguarded)
                    {
                        ReportAt(context, subscription, display, facts.Later, MoveProperties);
                        continue;
                    }

                    // 2. Subscribed in an initializer; authenticated in another member of the type.
                    if (FindLaterMemberAuth(subscription, client, facts) is { } auth)
                    {
                        ReportAt(context, subscription, display, auth.Call, ImmutableDictionary<string, string>.Empty);
                    }
                }
            }

            private AuthCall? FindLaterMemberAuth(Subscription subscription, SymbolPath client, OrderFacts facts)
            {
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
                    if (!calls.TryGetValue(pending.Pop(), out var callees))
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

            private bool TryGetClient(Subscription subscription, out SymbolPath client, out string display)
            {
                client = subscription.Client;
                display = subscription.Display ?? string.Empty;
                if (subscription.Slot is null)
                {
                    return !client.IsDefault;
                }

                var slot = subscription.Slot;
                if (unknownSlots.Contains(slot) || IsWritableOutsideType(slot) || !channelSlots.TryGetValue(slot, out var values))
                {
                    return false;
                }

                var first = true;
                foreach (var value in values)
                {
                    if (!ChannelOrigin.TryGet(value, Sdk, out var origin))
                    {
                        return false;
                    }

                    if (first)
                    {
                        client = origin.Client;
                        display = origin.DisplayName;
                        first = false;
                    }
                    else if (!client.Equals(origin.Client))
                    {
                        return false;
                    }
                    else if (display != origin.DisplayName)
                    {
                        display = slot.Name;
                    }
                }

                return !first;
            }

            private static bool IsWritableOutsideType(ISymbol slot)
            {
                switch (slot)
                {
                    case IFieldSymbol field:
                        return !field.IsReadOnly && !field.IsConst && field.DeclaredAccessibility != Accessibility.Private;
                    case IPropertySymbol property:
                        return property.SetMethod != null && property.SetMethod.DeclaredAccessibility != Accessibility.Private;
                    default:
                        return true;
                }
            }

            private void ReportAt(SymbolAnalysisContext context, Subscription subscription, string display, IInvocationOperation auth,
                ImmutableDictionary<string, string> properties)
            {
                var diagnostic = Diagnostic.Create(
                    Descriptors.SRT001,
                    subscription.Call.Syntax.GetLocation(),
                    new[] { auth.Syntax.GetLocation() },
                    properties,
                    display,
                    auth.TargetMethod.Name);
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
