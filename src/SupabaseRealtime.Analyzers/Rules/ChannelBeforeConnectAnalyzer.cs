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
    /// SRT005: <c>Channel(...)</c> on a realtime client whose socket is not connected yet, which throws
    /// "Socket must exist, was `Connect` called?". Reported when the same body connects the client only
    /// later; when the body created the client and nothing connects it before the call; or when the
    /// type creates the client (field/property initializer or constructor) and no member ever connects
    /// it. A client that came from outside with no connect call in sight is unknown and never reported.
    /// Also (case 4) <c>Channel(...)</c> or <c>From&lt;T&gt;().On(...)</c> of a topic subscribed before a
    /// <c>Disconnect()</c> of the client and not removed since: the cache hands back the instance bound to
    /// the closed socket.
    /// </summary>
    internal sealed partial class ChannelBeforeConnectAnalyzer : SdkRule
    {
        /// <summary>Diagnostic property naming the fix: <see cref="MoveConnectFix"/> or <see cref="InsertConnectFix"/>.</summary>
        public const string FixProperty = "Fix";

        /// <summary>Move the later connect statement (additional location 0) before the channel statement.</summary>
        public const string MoveConnectFix = "MoveConnect";

        /// <summary>Insert <c>await &lt;client&gt;.&lt;Call&gt;();</c> before the channel statement.</summary>
        public const string InsertConnectFix = "InsertConnect";

        /// <summary>Diagnostic property: the call the insert fix writes, <see cref="ConnectAsyncCall"/> or <see cref="InitializeAsyncCall"/>.</summary>
        public const string CallProperty = "Call";

        public const string ConnectAsyncCall = "ConnectAsync";

        public const string InitializeAsyncCall = "InitializeAsync";

        /// <summary>Diagnostic property: where the missing connect was judged, <see cref="MethodScope"/> or <see cref="TypeScope"/>.</summary>
        public const string ScopeProperty = "Scope";

        public const string MethodScope = "Method";

        public const string TypeScope = "Type";

        /// <summary>Diagnostic property: the client's chain (e.g. <c>_supabase.Realtime</c>).</summary>
        public const string ClientProperty = "Client";

        private const string CreatedHereReason = "it is created in this method and nothing connects it first";
        private const string NeverConnectedReason = "this type creates it and no member connects it";

        /// <summary>The message's text for case 4 (sdk-behaviour.md, section 3: Disconnect() leaves every channel cached).</summary>
        private const string StaleReason = "Disconnect() runs after it was subscribed and it is not removed in between, so this returns the cached "
            + "instance, still bound to the closed socket: its Subscribe() does nothing and its handlers never fire. Remove(channel) "
            + "before Disconnect() (a channel cannot move to the new socket), then create and set it up again; to keep it, do not "
            + "Disconnect(): a dropped socket reconnects by itself and rejoins its subscribed channels";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.SRT005);

        protected override void Register(CompilationStartAnalysisContext context, SdkCompilation compilation)
        {
            var sdk = compilation.Sdk;
            if (sdk.RealtimeClientInterface is null && sdk.RealtimeClient is null)
            {
                return;
            }

            compilation.Types.Add(context, 
                start =>
                {
                    if (!(start.Symbol is INamedTypeSymbol type) || type.TypeKind == TypeKind.Interface)
                    {
                        return;
                    }

                    var state = new TypeState(type, compilation);
                    start.RegisterOperationBlockAction(state.AnalyzeBlock);
                    start.RegisterSymbolEndAction(state.Report);
                });
        }

        /// <summary>Everything one named type says; decided at the type's end.</summary>
        /// <remarks>
        /// Bodies are gathered lock-free. A body that does not touch the SDK costs one push: it is
        /// walked at the type's end, and only when the type calls <c>Channel(...)</c> at all.
        /// </remarks>
        private sealed class TypeState
        {
            private readonly INamedTypeSymbol type;
            private readonly SdkCompilation compilation;
            private ImmutableStack<Block> channels = ImmutableStack<Block>.Empty;
            private ImmutableStack<Block> sdkBlocks = ImmutableStack<Block>.Empty;
            private ImmutableStack<(ISymbol Member, IOperation Root)> otherBodies = ImmutableStack<(ISymbol Member, IOperation Root)>.Empty;
            private int unseenCode;

            public TypeState(INamedTypeSymbol type, SdkCompilation compilation)
            {
                this.type = type;
                this.compilation = compilation;
            }

            private SdkSymbols Sdk => compilation.Sdk;

            public void AnalyzeBlock(OperationBlockAnalysisContext context)
            {
                var blocks = context.OperationBlocks;
                if (blocks.IsEmpty)
                {
                    return;
                }

                if (!compilation.Scope.ShouldAnalyze(blocks[0].Syntax.SyntaxTree))
                {
                    // Code the rule does not look at may connect a client: the type-wide judgement is off.
                    Volatile.Write(ref unseenCode, 1);
                    return;
                }

                var member = context.OwningSymbol;
                for (var i = 0; i < blocks.Length; i++)
                {
                    if (!BodyOrders.TryGetNewGraphRoot(blocks, i, out var root))
                    {
                        continue;
                    }

                    if (!Sdk.ReferencesSdk(root))
                    {
                        ImmutableInterlocked.Push(ref otherBodies, (member, root));
                        continue;
                    }

                    var block = new Block(root, member);
                    Collect(block);
                    ImmutableInterlocked.Push(ref sdkBlocks, block);
                    if (block.Channels.Count > 0)
                    {
                        if (NeedsOrders(block))
                        {
                            block.Orders = Sdk.GraphOf(blocks[i], context.CancellationToken) is { } graph ? BodyOrders.Create(graph) : null;
                        }

                        ImmutableInterlocked.Push(ref channels, block);
                    }
                }
            }

            /// <summary>
            /// True when the judgement of the block's channel calls may look at its flow: only a connect
            /// call in the block (a later connect) or a client created in it (created, then not connected)
            /// is judged on paths; the type-wide judgement needs no graph.
            /// </summary>
            private static bool NeedsOrders(Block block)
            {
                if (block.Connects.Count > 0)
                {
                    return true;
                }

                foreach (var write in block.MemberWrites)
                {
                    if (write.Creation != null)
                    {
                        return true;
                    }
                }

                foreach (var writes in block.LocalWrites.Values)
                {
                    foreach (var write in writes)
                    {
                        if (write.Creation != null)
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            /// <summary>Reads one body: its channel and connect calls, and what it writes into client slots (locals kept in the block).</summary>
            private void Collect(Block block)
            {
                var writes = new List<SlotWrite>();
                var unknown = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                SlotWrites.Collect(block.Root, writes, unknown);
                foreach (var write in writes)
                {
                    if (!IsClientSlot(write.Slot))
                    {
                        continue;
                    }

                    var created = ClientCreation.GetCreatedClient(write.Value, Sdk, out var creation);
                    var autoConnect = created == CreatedClient.Supabase ? ClientCreation.GetAutoConnect(creation, block.Root) : AutoConnect.Unknown;
                    var clientWrite = new ClientWrite(write, created, created == CreatedClient.None ? null : creation, autoConnect, block);
                    if (write.Slot is ILocalSymbol)
                    {
                        if (!block.LocalWrites.TryGetValue(write.Slot, out var list))
                        {
                            list = new List<ClientWrite>();
                            block.LocalWrites.Add(write.Slot, list);
                        }

                        list.Add(clientWrite);
                    }
                    else
                    {
                        block.MemberWrites.Add(clientWrite);
                    }
                }

                foreach (var slot in unknown)
                {
                    if (IsClientSlot(slot))
                    {
                        (slot is ILocalSymbol ? block.UnknownLocals : block.UnknownMembers).Add(slot);
                    }
                }

                foreach (var operation in block.Root.Descendants())
                {
                    if (ChannelSlots.TryGetAssignment(operation, out var channelSlot, out var channelValue) && IsChannelSlot(channelSlot))
                    {
                        CollectChannelWrite(block, channelSlot, channelValue);
                    }

                    switch (operation)
                    {
                        case IInvocationOperation invocation:
                            CollectCall(invocation, block);
                            break;
                        case ILocalReferenceOperation _:
                        case IFieldReferenceOperation _:
                        case IPropertyReferenceOperation _:
                            if (ClientCreation.GetClientSlot(operation, Sdk) is { } slot && ClientCreation.Escapes(operation, Sdk))
                            {
                                (slot is ILocalSymbol ? block.EscapedLocals : block.EscapedMembers).Add(slot);
                            }

                            break;
                    }
                }
            }

            private bool IsChannelSlot(ISymbol slot)
            {
                switch (slot)
                {
                    case ILocalSymbol local:
                        return Sdk.IsRealtimeChannel(local.Type);
                    case IFieldSymbol field:
                        return Sdk.IsRealtimeChannel(field.Type) && IsMemberOfThisType(field);
                    case IPropertySymbol property:
                        return Sdk.IsRealtimeChannel(property.Type) && IsMemberOfThisType(property);
                    default:
                        return false;
                }
            }

            /// <summary>A write of a channel slot: the <c>Channel(...)</c> origin it holds, or null for anything else (null literals aside).</summary>
            private void CollectChannelWrite(Block block, ISymbol slot, IOperation value)
            {
                var unwrapped = ChannelSlots.UnwrapAwait(value);
                if (unwrapped is ILiteralOperation || unwrapped is IDefaultValueOperation)
                {
                    return;
                }

                ChannelOrigin? origin = null;
                if (unwrapped is IInvocationOperation call)
                {
                    if (ChannelOrigin.TryGetFromCall(call, Sdk, out var named))
                    {
                        origin = named;
                    }
                    else if (Subscriptions.IsTableOn(call, Sdk) && ChannelOrigin.TryGetFromTableOn(call, Sdk, out var table))
                    {
                        origin = table;
                    }
                }

                var map = slot is ILocalSymbol ? block.LocalChannels : block.MemberChannels;
                if (!map.TryGetValue(slot, out var values))
                {
                    values = new List<ChannelOrigin?>();
                    map.Add(slot, values);
                }

                values.Add(origin);
            }

            private void CollectCall(IInvocationOperation invocation, Block block)
            {
                if (Subscriptions.IsSubscribe(invocation, Sdk))
                {
                    block.Subscribes.Add(new ChannelUse(invocation, invocation.Instance, null, default, block));
                    return;
                }

                if (ChannelCalls.IsRemove(invocation, Sdk, out var removed))
                {
                    ChannelCalls.TryGetClient(invocation.Instance, Sdk, out var removeClient);
                    block.Removes.Add(new ChannelUse(invocation, removed, null, removeClient, block));
                    return;
                }

                if (SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType?.OriginalDefinition, type.OriginalDefinition))
                {
                    block.OwnCalls.Add(invocation);
                }

                if (ChannelOrigin.TryGetFromCall(invocation, Sdk, out var origin))
                {
                    block.Channels.Add(new ChannelCall(origin, block));
                    return;
                }

                if (ClientIdentity.TryGetConnectedClient(invocation, Sdk, out var connected, out var viaInitialize))
                {
                    block.Connects.Add(new ConnectCall(invocation, connected, viaInitialize ? ConnectKind.Initialize : ConnectKind.Connect, block));
                    return;
                }

                if (Subscriptions.IsTableOn(invocation, Sdk))
                {
                    // On() first calls Channel(...), which throws while there is no socket: it is judged as a channel
                    // creation. After it, the socket exists (or On() threw), so for the rest of the code it connects; when
                    // the table's client is not known it may be any.
                    if (ChannelOrigin.TryGetFromTableOn(invocation, Sdk, out var tableOrigin))
                    {
                        block.Channels.Add(new ChannelCall(tableOrigin, block));
                        block.Subscribes.Add(new ChannelUse(invocation, null, tableOrigin, default, block));
                    }

                    var client = Subscriptions.TryGetSupabaseOfTable(invocation.Instance, Sdk, out var supabase, out _)
                        && ClientIdentity.TryGetRealtimeOfSupabase(supabase, Sdk, out var realtime)
                        ? realtime
                        : default;
                    block.Connects.Add(new ConnectCall(invocation, client, ConnectKind.On, block));
                    return;
                }

                if (invocation.TargetMethod.Name == "Disconnect" && Sdk.IsRealtimeClient(invocation.TargetMethod.ContainingType)
                    && ClientIdentity.TryGetRealtimeClient(invocation.Instance, Sdk, out var disconnected))
                {
                    block.Connects.Add(new ConnectCall(invocation, disconnected, ConnectKind.Disconnect, block));
                }
            }

            private bool IsClientSlot(ISymbol slot)
            {
                switch (slot)
                {
                    case ILocalSymbol local:
                        return Sdk.IsRealtimeClient(local.Type) || Sdk.IsSupabaseClient(local.Type);
                    case IFieldSymbol field:
                        return Sdk.IsRealtimeClient(field.Type) || Sdk.IsSupabaseClient(field.Type);
                    case IPropertySymbol property:
                        return Sdk.IsRealtimeClient(property.Type) || Sdk.IsSupabaseClient(property.Type);
                    default:
                        return false;
                }
            }

            public void Report(SymbolAnalysisContext context)
            {
                // A type with no channel call (every type that does not touch the SDK among them) ends here.
                if (channels.IsEmpty)
                {
                    return;
                }

                var facts = new TypeFacts();
                foreach (var block in sdkBlocks)
                {
                    facts.Merge(block);
                }

                // The bodies that do not touch the SDK, read only now that they matter.
                var all = new List<ChannelCall>();
                foreach (var (member, root) in otherBodies)
                {
                    var block = new Block(root, member);
                    Collect(block);
                    facts.Merge(block);
                    all.AddRange(block.Channels);
                }

                foreach (var block in channels)
                {
                    all.AddRange(block.Channels);
                }

                foreach (var channel in all)
                {
                    if (compilation.Scope.ShouldAnalyze(channel.Origin.Call.Syntax.SyntaxTree) && Judge(channel, facts) is { } diagnostic)
                    {
                        compilation.Scope.Report(context.ReportDiagnostic, diagnostic);
                    }
                }
            }

            private Diagnostic? Judge(ChannelCall channel, TypeFacts facts)
            {
                var client = channel.Origin.Client;
                var block = channel.Block;
                var supabaseChain = client.Members.Length == 1 && client.Members[0].Name == ClientIdentity.RealtimeProperty
                    && client.Root != null && Sdk.IsSupabaseClient(SymbolPath.TypeOf(client.Root));
                var realtimeRoot = client.Members.Length == 0 && client.Root != null;
                var wanted = supabaseChain ? CreatedClient.Supabase : CreatedClient.Realtime;
                var writes = GetWrites(facts, client.Root, block, supabaseChain || realtimeRoot, out var writesKnown);

                CallOrder? order = null;
                var point = default(FlowPoint);
                var located = block.Orders != null && block.Orders.TryFind(channel.Origin.Call.Syntax, out order, out point);
                var bodyConnects = new List<ConnectCall>();
                foreach (var connect in facts.Connects)
                {
                    if (connect.Block == block && connect.Call != channel.Origin.Call && Matches(connect, client, supabaseChain))
                    {
                        bodyConnects.Add(connect);
                    }
                }

                // 4 (judged first). Taken from the cache after Disconnect(): a topic subscribed before, never removed since.
                if (located && order != null && StaleAfterDisconnect(channel, facts, order, point, bodyConnects) is { } stale)
                {
                    return stale;
                }

                // 1. Connected later in the same body, and not before on some path.
                if (located && order != null && !bodyConnects.Exists(c => c.Kind == ConnectKind.Disconnect))
                {
                    var autoConnect = AutoConnectOf(writes, wanted);
                    IInvocationOperation? later = null;
                    var maybe = new List<FlowPoint>();
                    foreach (var connect in bodyConnects)
                    {
                        if (!order.TryGetPoint(connect.Call.Syntax, out var connectPoint))
                        {
                            continue;
                        }

                        if (MayConnect(connect.Kind, autoConnect))
                        {
                            maybe.Add(connectPoint);
                        }

                        if (SurelyConnects(connect.Kind, autoConnect) && order.Reaches(point, connectPoint)
                            && (later is null || connect.Call.Syntax.SpanStart < later.Syntax.SpanStart))
                        {
                            later = connect.Call;
                        }
                    }

                    if (later != null && order.ExistsPathFromEntry(point, maybe))
                    {
                        var properties = ImmutableDictionary<string, string>.Empty.Add(FixProperty, MoveConnectFix);
                        return Create(channel, "'" + later.TargetMethod.Name + "' runs only later", new[] { later.Syntax.GetLocation() }, properties);
                    }
                }

                if (!writesKnown || writes.Count == 0 || !(supabaseChain || realtimeRoot))
                {
                    return null;
                }

                // 2. Created in this body, with a path from the creation to the call that connects nothing.
                if (located && order != null)
                {
                    foreach (var write in writes)
                    {
                        if (write.Block != block || write.Created != wanted || write.Creation is null
                            || !order.TryGetPoint(write.Creation.Syntax, out var creationPoint))
                        {
                            continue;
                        }

                        if (!TryGetAvoidPoints(order, writes, write, bodyConnects, out var avoid))
                        {
                            return null;
                        }

                        if (order.ExistsPath(creationPoint, point, avoid))
                        {
                            return CreateInsert(channel, CreatedHereReason, MethodScope, supabaseChain, write.AutoConnect);
                        }
                    }
                }

                // 3. Created by the type itself, and no member of the type ever connects it.
                if (IsNeverConnectedMember(facts, client, writes, wanted, supabaseChain, out var typeAutoConnect))
                {
                    return CreateInsert(channel, NeverConnectedReason, TypeScope, supabaseChain, typeAutoConnect);
                }

                return null;
            }

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

            /// <summary>The writes of the client's root slot: the block's for a local, the type's for a field or property.</summary>
            private List<ClientWrite> GetWrites(TypeFacts facts, ISymbol? root, Block block, bool rootIsClient, out bool known)
            {
                known = false;
                var none = new List<ClientWrite>();
                if (!rootIsClient || root is null)
                {
                    return none;
                }

                if (root is ILocalSymbol)
                {
                    known = !block.UnknownLocals.Contains(root) && !block.EscapedLocals.Contains(root);
                    return block.LocalWrites.TryGetValue(root, out var local) ? local : none;
                }

                if (IsMemberOfThisType(root))
                {
                    known = !facts.UnknownMembers.Contains(root) && !facts.EscapedMembers.Contains(root);
                    return facts.MemberWrites.TryGetValue(root, out var member) ? member : none;
                }

                return none;
            }

            private bool TryGetAvoidPoints(CallOrder order, List<ClientWrite> writes, ClientWrite creation, List<ConnectCall> bodyConnects, out List<FlowPoint> avoid)
            {
                avoid = new List<FlowPoint>();
                foreach (var connect in bodyConnects)
                {
                    if (MayConnect(connect.Kind, creation.AutoConnect) && order.TryGetPoint(connect.Call.Syntax, out var connectPoint))
                    {
                        avoid.Add(connectPoint);
                    }
                }

                // Another value written into the slot in between is another client.
                foreach (var other in writes)
                {
                    if (other == creation || other.Block != creation.Block)
                    {
                        continue;
                    }

                    if (order.TryGetPoint(other.Write.Write.Syntax, out var writePoint) || order.TryGetPoint(other.Write.Value.Syntax, out writePoint))
                    {
                        avoid.Add(writePoint);
                    }
                    else if (other.Creation is null || !order.TryGetPoint(other.Creation.Syntax, out writePoint))
                    {
                        return false;
                    }
                    else
                    {
                        avoid.Add(writePoint);
                    }
                }

                return true;
            }

            private bool IsNeverConnectedMember(TypeFacts facts, SymbolPath client, List<ClientWrite> writes, CreatedClient wanted, bool supabaseChain, out AutoConnect autoConnect)
            {
                autoConnect = AutoConnect.Unknown;
                var root = client.Root;
                if (root is null || !IsMemberOfThisType(root) || root.DeclaredAccessibility != Accessibility.Private)
                {
                    return false;
                }

                foreach (var write in writes)
                {
                    var member = write.Block.Member;
                    var initializer = member is IFieldSymbol || member is IPropertySymbol
                        || (member is IMethodSymbol method && (method.MethodKind == MethodKind.Constructor || method.MethodKind == MethodKind.StaticConstructor));
                    if (write.Created != wanted || !initializer)
                    {
                        return false;
                    }
                }

                autoConnect = AutoConnectOf(writes, wanted);
                if (Volatile.Read(ref unseenCode) != 0)
                {
                    return false;
                }

                foreach (var connect in facts.Connects)
                {
                    if (Matches(connect, client, supabaseChain) && MayConnect(connect.Kind, autoConnect))
                    {
                        return false;
                    }
                }

                return true;
            }

            private static AutoConnect AutoConnectOf(List<ClientWrite> writes, CreatedClient wanted)
            {
                if (wanted != CreatedClient.Supabase || writes.Count == 0)
                {
                    return AutoConnect.Unknown;
                }

                var values = new List<AutoConnect>();
                foreach (var write in writes)
                {
                    values.Add(write.Created == CreatedClient.Supabase ? write.AutoConnect : AutoConnect.Unknown);
                }

                return ClientCreation.Combine(values);
            }

            private static bool Matches(ConnectCall connect, SymbolPath client, bool supabaseChain)
                => connect.Client.IsDefault ? supabaseChain && connect.Kind == ConnectKind.On : connect.Client.Equals(client);

            private static bool MayConnect(ConnectKind kind, AutoConnect autoConnect)
                => kind == ConnectKind.Connect || kind == ConnectKind.On || (kind == ConnectKind.Initialize && autoConnect != AutoConnect.No);

            private static bool SurelyConnects(ConnectKind kind, AutoConnect autoConnect)
                => kind == ConnectKind.Connect || (kind == ConnectKind.Initialize && autoConnect == AutoConnect.Yes);

            private bool IsMemberOfThisType(ISymbol symbol)
                => (symbol is IFieldSymbol || symbol is IPropertySymbol)
                    && SymbolEqualityComparer.Default.Equals(symbol.ContainingType?.OriginalDefinition, type.OriginalDefinition);

            private static Diagnostic CreateInsert(ChannelCall channel, string reason, string scope, bool supabaseChain, AutoConnect autoConnect)
            {
                var properties = ImmutableDictionary<string, string>.Empty
                    .Add(FixProperty, InsertConnectFix)
                    .Add(CallProperty, supabaseChain && autoConnect == AutoConnect.Yes ? InitializeAsyncCall : ConnectAsyncCall)
                    .Add(ScopeProperty, scope)
                    .Add(ClientProperty, channel.Origin.Client.Display);
                return Create(channel, reason, null, properties);
            }

            private static Diagnostic Create(ChannelCall channel, string reason, IEnumerable<Location>? additionalLocations, ImmutableDictionary<string, string> properties)
                => Diagnostic.Create(
                    Descriptors.SRT005,
                    channel.Origin.Call.Syntax.GetLocation(),
                    additionalLocations,
                    properties,
                    channel.Origin.DisplayName,
                    channel.Origin.Client.Display,
                    "created before the socket connects (" + reason + "); the SDK throws \"Socket must exist, was `Connect` called?\"");
        }
    }
}
