using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
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
    /// SRT014 (Realtime 6.0+): <c>ConnectAsync()</c> of a realtime client that may already be connected, with no look at
    /// the client's <c>Socket</c> first. A call may find the client connected when it runs after <c>InitializeAsync()</c>
    /// of a Supabase client created with <c>AutoConnectRealtime = true</c>, or after an earlier <c>ConnectAsync()</c> of the
    /// client on some path of the same body; or when it can run more than once for one client: it sits in a loop, in a
    /// handler the SDK calls again and again (an auth-state, socket-state, channel or change handler), in a method its type
    /// calls from more than one place or from a loop, or another member of its type connects the same client too.
    /// Not reported: a client the member creates itself (for the repeat reasons), a call that every path reaches only
    /// after <c>Disconnect()</c> of the client, a call behind a condition on the client's socket state (directly or through
    /// a member of the type) or on a "connected" flag the body also sets, and <c>_task ??= client.ConnectAsync()</c>.
    /// </summary>
    internal sealed partial class ConnectWhileConnectedAnalyzer : SdkRule
    {
        public const string ConnectAsyncMethod = "ConnectAsync";
        public const string SocketProperty = "Socket";
        public const string IsConnectedProperty = "IsConnected";

        /// <summary>Diagnostic property: the client's chain as the code writes it (e.g. <c>_supabase.Realtime</c>), for the guard the fix writes.</summary>
        public const string ClientProperty = "Client";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SRT014);

        protected override void Register(CompilationStartAnalysisContext context, SdkCompilation compilation)
        {
            var sdk = compilation.Sdk;
            if ((sdk.RealtimeClientInterface is null && sdk.RealtimeClient is null) || !sdk.IsRealtime6OrLater())
            {
                // Realtime 5.x: ConnectAsync() returns at once when a socket exists (sdk-behaviour.md, section 9).
                return;
            }

            compilation.Types.Add(context, 
                start =>
                {
                    if (!(start.Symbol is INamedTypeSymbol type) || (type.TypeKind != TypeKind.Class && type.TypeKind != TypeKind.Struct))
                    {
                        return;
                    }

                    var state = new TypeState(type, compilation);
                    start.RegisterOperationAction(state.NoteConnect, OperationKind.Invocation);
                    start.RegisterOperationBlockAction(state.KeepBlock);
                    start.RegisterSymbolEndAction(state.Report);
                });
        }

        /// <summary>A connect of some kind: <c>ConnectAsync()</c>, <c>Connect()</c>, or <c>InitializeAsync()</c> of a Supabase client.</summary>
        private sealed class Connect
        {
            public Connect(IInvocationOperation invocation, SymbolPath client, bool viaInitialize, ISymbol? member)
            {
                Invocation = invocation;
                Client = client;
                ViaInitialize = viaInitialize;
                Member = member;
            }

            public IInvocationOperation Invocation { get; }

            public SymbolPath Client { get; }

            public bool ViaInitialize { get; }

            public ISymbol? Member { get; }

            public bool IsConnectAsync => !ViaInitialize && Invocation.TargetMethod.Name == ConnectAsyncMethod;
        }

        /// <summary>One type's facts, gathered from its operations and judged at the type's end.</summary>
        private sealed partial class TypeState
        {
            private readonly INamedTypeSymbol type;
            private readonly SdkCompilation compilation;
            private readonly List<Connect> connects = new List<Connect>();
            private readonly List<IInvocationOperation> disconnects = new List<IInvocationOperation>();
            private readonly System.Collections.Concurrent.ConcurrentQueue<(IOperation Root, ISymbol Member)> roots = new System.Collections.Concurrent.ConcurrentQueue<(IOperation Root, ISymbol Member)>();
            private bool callsConnect;
            private readonly Dictionary<IMethodSymbol, List<IInvocationOperation>> ownCalls = new Dictionary<IMethodSymbol, List<IInvocationOperation>>(SymbolEqualityComparer.Default);
            private readonly Dictionary<IMethodSymbol, string> handlerMethods = new Dictionary<IMethodSymbol, string>(SymbolEqualityComparer.Default);
            private readonly HashSet<ISymbol> socketReaders = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            private readonly Dictionary<ISymbol, List<AutoConnect>> autoConnectBySlot = new Dictionary<ISymbol, List<AutoConnect>>(SymbolEqualityComparer.Default);

            public TypeState(INamedTypeSymbol type, SdkCompilation compilation)
            {
                this.type = type;
                this.compilation = compilation;
            }

            private SdkSymbols Sdk => compilation.Sdk;

            /// <summary>Notes that the type calls a method named <c>ConnectAsync</c>: only then is the type looked at.</summary>
            public void NoteConnect(OperationAnalysisContext context)
            {
                if (((IInvocationOperation)context.Operation).TargetMethod.Name == ConnectAsyncMethod)
                {
                    Volatile.Write(ref callsConnect, true);
                }
            }

            /// <summary>Keeps the graph roots of the type's own members (nothing is read until the type's end).</summary>
            public void KeepBlock(OperationBlockAnalysisContext context)
            {
                var blocks = context.OperationBlocks;
                if (blocks.IsEmpty
                    || !SymbolEqualityComparer.Default.Equals(context.OwningSymbol.ContainingType?.OriginalDefinition, type.OriginalDefinition)
                    || !compilation.Scope.ShouldAnalyze(blocks[0].Syntax.SyntaxTree))
                {
                    return;
                }

                for (var i = 0; i < blocks.Length; i++)
                {
                    if (BodyOrders.TryGetNewGraphRoot(blocks, i, out var root))
                    {
                        roots.Enqueue((root, OwningMember(context.OwningSymbol)));
                    }
                }
            }

            /// <summary>The facts of one member's body: connects, disconnects, calls of own methods, socket reads, handlers, creations.</summary>
            private void Collect(IOperation root, ISymbol member)
            {
                foreach (var operation in Sdk.Operations.DescendantsAndSelf(root))
                {
                    // By kind first: most operations are none of the four, and a kind test is cheaper than type tests.
                    switch (operation.Kind)
                    {
                        case OperationKind.Invocation:
                        case OperationKind.PropertyReference:
                        case OperationKind.MethodReference:
                        case OperationKind.ObjectCreation:
                            break;
                        default:
                            continue;
                    }

                    switch (operation)
                    {
                        case IInvocationOperation invocation:
                            var method = invocation.TargetMethod;
                            switch (method.Name)
                            {
                                case ConnectAsyncMethod:
                                case "Connect":
                                case "InitializeAsync":
                                    if (ClientIdentity.TryGetConnectedClient(invocation, Sdk, out var client, out var viaInitialize))
                                    {
                                        connects.Add(new Connect(invocation, client, viaInitialize, member));
                                    }

                                    continue;
                                case "Disconnect":
                                    if (ChannelCalls.IsDisconnect(invocation, Sdk))
                                    {
                                        disconnects.Add(invocation);
                                    }

                                    continue;
                            }

                            if (method.MethodKind == MethodKind.Ordinary
                                && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, type.OriginalDefinition))
                            {
                                var key = method.OriginalDefinition;
                                if (!ownCalls.TryGetValue(key, out var calls))
                                {
                                    calls = new List<IInvocationOperation>();
                                    ownCalls.Add(key, calls);
                                }

                                calls.Add(invocation);
                            }

                            break;
                        case IPropertyReferenceOperation property when IsSocketStateRead(property):
                            socketReaders.Add(member);
                            break;
                        case IMethodReferenceOperation reference
                            when SymbolEqualityComparer.Default.Equals(reference.Method.ContainingType?.OriginalDefinition, type.OriginalDefinition):
                            CollectHandlerMethod(reference);
                            break;
                        case IObjectCreationOperation creation when ClientCreation.GetCreatedClient(creation, Sdk, out _) == CreatedClient.Supabase:
                            CollectCreation(creation);
                            break;
                    }
                }
            }

            /// <summary>An own method handed to the SDK as a handler: <c>auth.AddStateChangedListener(OnAuthChanged)</c>.</summary>
            private void CollectHandlerMethod(IMethodReferenceOperation reference)
            {
                var method = reference.Method;
                if (!SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, type.OriginalDefinition)
                    || !(SdkHandlerRegistration(reference) is string registration))
                {
                    return;
                }

                handlerMethods[method.OriginalDefinition] = registration;
            }

            /// <summary><c>_supabase = new Supabase.Client(url, key, options)</c> in a field, property or constructor: its <c>AutoConnectRealtime</c>.</summary>
            private void CollectCreation(IObjectCreationOperation creation)
            {
                IOperation value = creation;
                while (value.Parent is IConversionOperation || value.Parent is IParenthesizedOperation)
                {
                    value = value.Parent;
                }

                var parent = value.Parent is IVariableInitializerOperation initializer && initializer.Parent is IVariableDeclaratorOperation declarator
                    ? declarator
                    : value.Parent;
                if (parent is null || !ChannelSlots.TryGetAssignment(parent, out var slot, out _) || slot is ILocalSymbol)
                {
                    return;
                }

                var root = OperationTrees.RootOf(creation);
                var autoConnect = ClientCreation.GetAutoConnect(creation, root);
                if (!autoConnectBySlot.TryGetValue(slot, out var values))
                {
                    values = new List<AutoConnect>();
                    autoConnectBySlot.Add(slot, values);
                }

                values.Add(autoConnect);
            }

            public void Report(SymbolAnalysisContext context)
            {
                if (!Volatile.Read(ref callsConnect))
                {
                    return;
                }

                // Only a type that calls ConnectAsync() pays for reading its members.
                foreach (var (root, member) in roots)
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    Collect(root, member);
                }

                if (!connects.Any(c => c.IsConnectAsync))
                {
                    return;
                }

                var all = connects;

                var orders = new Dictionary<IOperation, BodyOrders?>();
                var judged = new List<(Connect Connect, string? Reason)>();
                foreach (var connect in all)
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    judged.Add((connect, connect.IsConnectAsync ? Judge(connect, all, orders, context.CancellationToken) : null));
                }

                foreach (var (connect, reason) in judged)
                {
                    if (reason is null)
                    {
                        continue;
                    }

                    var clientText = Text.Compact(SymbolPath.Unwrap(connect.Invocation.Instance)?.Syntax.ToString() ?? connect.Client.Display);
                    var properties = ImmutableDictionary<string, string>.Empty.Add(ClientProperty, clientText);
                    var diagnostic = Diagnostic.Create(
                        Descriptors.SRT014,
                        ChannelCalls.ReportLocation(connect.Invocation),
                        properties,
                        clientText,
                        reason);
                    compilation.Scope.Report(context.ReportDiagnostic, diagnostic);
                }
            }

            /// <summary>Why <paramref name="connect"/> may find its client connected, or null when it may not (or is guarded).</summary>
            private string? Judge(Connect connect, List<Connect> all, Dictionary<IOperation, BodyOrders?> orders, CancellationToken cancellationToken)
            {
                var invocation = connect.Invocation;
                var root = OperationTrees.RootOf(invocation);
                if (!TryGetOrder(invocation, root, orders, cancellationToken, out var order, out var point)
                    || IsGuarded(connect, root)
                    || AlwaysAfterDisconnect(connect, order, point))
                {
                    return null;
                }

                // In the same body: after InitializeAsync() with AutoConnectRealtime = true, or after another ConnectAsync().
                foreach (var earlier in all)
                {
                    if (earlier == connect || !earlier.Client.Equals(connect.Client) || !order.TryGetPoint(earlier.Invocation.Syntax, out var earlierPoint)
                        || !order.ExistsPath(earlierPoint, point, DisconnectPoints(connect.Client, order)))
                    {
                        continue;
                    }

                    if (earlier.ViaInitialize && AutoConnectOf(earlier, root) == AutoConnect.Yes)
                    {
                        return string.Format(
                            CultureInfo.InvariantCulture,
                            "runs after '{0}' has connected it (the client is created with AutoConnectRealtime = true)",
                            Text.Compact(earlier.Invocation.Syntax.ToString()));
                    }

                    if (!earlier.ViaInitialize)
                    {
                        return string.Format(CultureInfo.InvariantCulture, "runs after an earlier {0}() of it in this method", earlier.Invocation.TargetMethod.Name);
                    }
                }

                if (IsCreatedIn(connect.Client, root))
                {
                    // A client this member creates is a new one on every run.
                    return null;
                }

                if (RepeatsWithoutFailing(order, point) && !ChangesInLoop(connect.Client, invocation, root))
                {
                    return "sits in a loop";
                }

                if (EnclosingSdkHandler(invocation) is string handler)
                {
                    return handler;
                }

                var member = connect.Member as IMethodSymbol;
                if (member != null && handlerMethods.TryGetValue(member.OriginalDefinition, out var registration))
                {
                    return string.Format(CultureInfo.InvariantCulture, "is in '{0}', which runs {1}", member.Name, registration);
                }

                if (member != null && ownCalls.TryGetValue(member.OriginalDefinition, out var calls) && !CallersAllGuarded(calls))
                {
                    if (calls.Count > 1)
                    {
                        return string.Format(CultureInfo.InvariantCulture, "is in '{0}', which this type calls from {1} places", member.Name, calls.Count);
                    }

                    if (calls.Count == 1 && TryGetOrder(calls[0], OperationTrees.RootOf(calls[0]), orders, cancellationToken, out var callerOrder, out var callPoint)
                        && RepeatsWithoutFailing(callerOrder, callPoint))
                    {
                        return string.Format(CultureInfo.InvariantCulture, "is in '{0}', which this type calls in a loop", member.Name);
                    }
                }

                if (connect.Client.IsMemberOfContainingType)
                {
                    foreach (var other in all)
                    {
                        if (other == connect || !other.Client.Equals(connect.Client) || SymbolEqualityComparer.Default.Equals(other.Member, connect.Member)
                            || (other.ViaInitialize && AutoConnectOf(other, OperationTrees.RootOf(other.Invocation)) != AutoConnect.Yes))
                        {
                            continue;
                        }

                        // A guarded connect elsewhere still connects (and this one does not look); one that always follows a
                        // Disconnect() of the client is that member's own restart.
                        var otherRoot = OperationTrees.RootOf(other.Invocation);
                        if (TryGetOrder(other.Invocation, otherRoot, orders, cancellationToken, out var otherOrder, out var otherPoint)
                            && AlwaysAfterDisconnect(other, otherOrder, otherPoint))
                        {
                            continue;
                        }

                        return string.Format(
                            CultureInfo.InvariantCulture,
                            "is one of two places in this type that connect it ('{0}' connects it too{1})",
                            other.Member?.Name ?? "another member",
                            other.ViaInitialize ? " through InitializeAsync() with AutoConnectRealtime = true" : string.Empty);
                    }
                }

                return null;
            }

            /// <summary>
            /// True when the call can run again after itself without an exception in between: a loop around it that a
            /// successful call does not leave. A retry loop (<c>try { await client.ConnectAsync(); break; } catch { ... }</c>)
            /// repeats only after a failed connect, which leaves no socket behind (6.0+ sets <c>Socket = null</c>).
            /// </summary>
            private static bool RepeatsWithoutFailing(CallOrder order, FlowPoint point)
            {
                var blocks = order.Graph.Blocks;
                var visited = new bool[blocks.Length];
                var pending = new Stack<int>();
                Push(blocks[point.Block]);
                while (pending.Count > 0)
                {
                    var ordinal = pending.Pop();
                    if (ordinal == point.Block)
                    {
                        return true;
                    }

                    Push(blocks[ordinal]);
                }

                return false;

                void Push(Microsoft.CodeAnalysis.FlowAnalysis.BasicBlock block)
                {
                    foreach (var branch in new[] { block.FallThroughSuccessor, block.ConditionalSuccessor })
                    {
                        if (branch?.Destination is { } destination && !visited[destination.Ordinal])
                        {
                            visited[destination.Ordinal] = true;
                            pending.Push(destination.Ordinal);
                        }
                    }
                }
            }

            /// <summary>The client's local is declared or written inside the loop around the call: another client on each pass.</summary>
            private bool ChangesInLoop(SymbolPath client, IOperation call, IOperation root)
            {
                if (!(client.Root is ILocalSymbol local))
                {
                    return false;
                }

                Microsoft.CodeAnalysis.Text.TextSpan? loop = null;
                for (var syntax = call.Syntax.Parent; syntax != null; syntax = syntax.Parent)
                {
                    if (syntax is Microsoft.CodeAnalysis.CSharp.Syntax.ForStatementSyntax
                        || syntax is Microsoft.CodeAnalysis.CSharp.Syntax.CommonForEachStatementSyntax
                        || syntax is Microsoft.CodeAnalysis.CSharp.Syntax.WhileStatementSyntax
                        || syntax is Microsoft.CodeAnalysis.CSharp.Syntax.DoStatementSyntax)
                    {
                        loop = syntax.Span;
                        break;
                    }
                }

                if (loop is null)
                {
                    // A loop made of goto: unknown.
                    return true;
                }

                foreach (var reference in local.DeclaringSyntaxReferences)
                {
                    if (loop.Value.Contains(reference.Span))
                    {
                        return true;
                    }
                }

                foreach (var operation in Sdk.Operations.Descendants(root))
                {
                    if (ChannelSlots.TryGetAssignment(operation, out var slot, out _) && SymbolEqualityComparer.Default.Equals(slot, local)
                        && loop.Value.Contains(operation.Syntax.Span))
                    {
                        return true;
                    }
                }

                return false;
            }

            private bool TryGetOrder(IOperation operation, IOperation root, Dictionary<IOperation, BodyOrders?> orders, CancellationToken cancellationToken, out CallOrder order, out FlowPoint point)
            {
                order = null!;
                point = default;
                if (!orders.TryGetValue(root, out var bodies))
                {
                    var graph = Sdk.GraphOf(operation, cancellationToken);
                    bodies = graph is null ? null : BodyOrders.Create(graph, Sdk);
                    orders.Add(root, bodies);
                }

                return bodies != null && bodies.TryFind(operation.Syntax, out order, out point);
            }

            /// <summary>Every path from the body's entry to the call passes a <c>Disconnect()</c> of the client.</summary>
            private bool AlwaysAfterDisconnect(Connect connect, CallOrder order, FlowPoint point)
            {
                var avoid = DisconnectPoints(connect.Client, order);
                return avoid.Count > 0 && !order.ExistsPathFromEntry(point, avoid);
            }

            private List<FlowPoint> DisconnectPoints(SymbolPath client, CallOrder order)
            {
                var points = new List<FlowPoint>();
                foreach (var disconnect in disconnects)
                {
                    if (ChannelCalls.TryGetClient(disconnect.Instance, Sdk, out var path) && ChannelCalls.MayBeSameClient(path, client)
                        && order.TryGetPoint(disconnect.Syntax, out var point))
                    {
                        points.Add(point);
                    }
                }

                return points;
            }

            private AutoConnect AutoConnectOf(Connect initialize, IOperation root)
            {
                var supabase = initialize.Client.Parent();
                if (supabase.IsDefault)
                {
                    return AutoConnect.Unknown;
                }

                if (supabase.Root is ILocalSymbol local && supabase.Members.Length == 0)
                {
                    var values = new List<AutoConnect>();
                    foreach (var operation in Sdk.Operations.Descendants(root))
                    {
                        if (ChannelSlots.TryGetAssignment(operation, out var slot, out var value) && SymbolEqualityComparer.Default.Equals(slot, local))
                        {
                            values.Add(ClientCreation.GetCreatedClient(value, Sdk, out var creation) == CreatedClient.Supabase
                                ? ClientCreation.GetAutoConnect(creation, root)
                                : AutoConnect.Unknown);
                        }
                    }

                    return ClientCreation.Combine(values);
                }

                if (supabase.TypeMember is ISymbol slotMember && supabase.Members.Length <= (supabase.Root is null ? 1 : 0))
                {
                    return autoConnectBySlot.TryGetValue(slotMember, out var values) ? ClientCreation.Combine(values) : AutoConnect.Unknown;
                }

                return AutoConnect.Unknown;
            }

            /// <summary>The client is a local (or a local Supabase client's <c>Realtime</c>) that the body creates.</summary>
            private bool IsCreatedIn(SymbolPath client, IOperation root)
            {
                if (!(client.Root is ILocalSymbol local) || client.Members.Length > 1)
                {
                    return false;
                }

                foreach (var operation in Sdk.Operations.Descendants(root))
                {
                    if (ChannelSlots.TryGetAssignment(operation, out var slot, out var value) && SymbolEqualityComparer.Default.Equals(slot, local)
                        && ClientCreation.GetCreatedClient(value, Sdk, out _) != CreatedClient.None)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>"runs on every auth state change" when the call sits in a lambda the SDK calls back (an SDK delegate argument).</summary>
            private string? EnclosingSdkHandler(IOperation operation)
            {
                for (var current = operation.Parent; current != null; current = current.Parent)
                {
                    if (current is IAnonymousFunctionOperation lambda && SdkHandlerRegistration(lambda) is string registration)
                    {
                        return registration;
                    }
                }

                return null;
            }

            /// <summary>
            /// For a lambda or method group converted to a delegate the SDK declares and passed to an SDK method (a handler the
            /// SDK calls again and again), how the message says it runs; null otherwise.
            /// </summary>
            private string? SdkHandlerRegistration(IOperation function)
            {
                var current = function;
                while (current.Parent is IDelegateCreationOperation || current.Parent is IConversionOperation || current.Parent is IParenthesizedOperation)
                {
                    current = current.Parent;
                }

                if (!(current.Parent is IArgumentOperation argument) || !(argument.Parent is IInvocationOperation registration)
                    || !(argument.Parameter?.Type is INamedTypeSymbol { TypeKind: TypeKind.Delegate } handlerType)
                    || !Sdk.IsSdkMember(handlerType) || !Sdk.IsSdkMember(registration.TargetMethod))
                {
                    return null;
                }

                switch (handlerType.Name)
                {
                    case "AuthEventHandler":
                        return "on every auth state change";
                    case "SocketStateEventHandler":
                        return "on every socket state change";
                    default:
                        return string.Format(CultureInfo.InvariantCulture, "every time its {0} handler is called", registration.TargetMethod.Name);
                }
            }

            private string? SdkHandlerRegistration(IAnonymousFunctionOperation lambda)
                => SdkHandlerRegistration((IOperation)lambda) is string registration ? "runs " + registration : null;

            private static INamedTypeSymbol? MemberOwner(ISymbol member)
                => member is IMethodSymbol { MethodKind: MethodKind.LocalFunction } || member is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction }
                    ? MemberOwner(member.ContainingSymbol)
                    : member.ContainingType;

            /// <summary>The type member a local function or lambda belongs to (its containing method).</summary>
            private static ISymbol OwningMember(ISymbol member)
            {
                var current = member;
                while (current is IMethodSymbol { MethodKind: MethodKind.LocalFunction } || current is IMethodSymbol { MethodKind: MethodKind.AnonymousFunction })
                {
                    current = current.ContainingSymbol;
                }

                return current.OriginalDefinition;
            }
        }
    }
}
