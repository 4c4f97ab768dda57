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
        private sealed partial class TypeState
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
