using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>
    /// Everything one named type does with realtime channels, gathered from its operation blocks
    /// (inside a symbol-start action) and read in the symbol-end action: subscriptions, writes of
    /// channel slots, releases (<c>Unsubscribe</c>/<c>Remove</c>/<c>Disconnect</c>, and loops releasing a
    /// collection field's elements), handler set-up, escapes, stores into fields and collections, the
    /// type's own methods that something calls, and <c>Closed</c> handlers. Thread-safe.
    /// </summary>
    internal sealed partial class ChannelUsage
    {
        private readonly INamedTypeSymbol type;
        private readonly SdkSymbols sdk;
        private readonly Lazy<LifetimeModel> lifetime;
        private readonly SourceScope? scope;

        /// <summary>Set only while the type starts, before the driver hands it any block (see <see cref="TrackReobtains"/>).</summary>
        private bool trackReobtains;

        // Filled lock-free while blocks arrive (concurrently); merged into the lists below by Complete().
        private readonly PushList<Collector> collected = new PushList<Collector>();
        private readonly PushList<DeferredBody> deferred = new PushList<DeferredBody>();
        private int referencesSdk;
        private bool completed;

        // Allocated by Complete() only for a type with SDK use; read in the symbol-end action.
        private List<Subscription>? subscriptions;
        private List<ChannelWrite>? writes;
        private List<ChannelRelease>? releases;
        private List<ChannelSetUp>? setUps;
        private List<ChannelStore>? stores;
        private List<ChannelReobtain>? reobtains;
        private List<(ISymbol Slot, bool IsCreation)>? clientWrites;
        private HashSet<ISymbol>? escaped;
        private HashSet<ISymbol>? calledMethods;
        private HashSet<ISymbol>? closedHandlers;
        private HashSet<SyntaxNode>? closedLambdas;

        public ChannelUsage(INamedTypeSymbol type, SdkSymbols sdk, LifetimeModel lifetime, bool trackReobtains)
            : this(type, sdk, new Lazy<LifetimeModel>(() => lifetime), trackReobtains, null)
        {
        }

        /// <param name="type">The type whose blocks are added.</param>
        /// <param name="sdk">The compilation's SDK symbols.</param>
        /// <param name="lifetime">The compilation's lifetime model (created only when a block that references the SDK needs it).</param>
        /// <param name="trackReobtains">Whether to find <see cref="Reobtains"/> (builds control-flow graphs).</param>
        /// <param name="scope">When given, blocks in trees it does not analyze are left out.</param>
        public ChannelUsage(INamedTypeSymbol type, SdkSymbols sdk, Lazy<LifetimeModel> lifetime, bool trackReobtains, SourceScope? scope)
        {
            this.type = type;
            this.sdk = sdk;
            this.lifetime = lifetime;
            this.trackReobtains = trackReobtains;
            this.scope = scope;
        }

        public INamedTypeSymbol Type => type;

        /// <summary>
        /// The type's one channel-usage model for every rule that reads it (SRT004, SRT007): the first rule to ask at the
        /// type's start makes it and registers its block action; the others get the same instance, so each block is
        /// walked once whichever of them are on.
        /// </summary>
        public static ChannelUsage Of(TypeStart start, SdkCompilation compilation)
            => start.Shared(() =>
            {
                var usage = new ChannelUsage((INamedTypeSymbol)start.Symbol, compilation.Sdk, compilation.Lifetime, trackReobtains: false, compilation.Scope);
                start.RegisterOperationBlockAction(usage.Add);
                return usage;
            });

        /// <summary>
        /// Also find <see cref="Reobtains"/> (builds control-flow graphs). Call at the type's start, where the driver has
        /// handed the type no block yet; a rule that does not read them never pays for them.
        /// </summary>
        public void TrackReobtains() => trackReobtains = true;

        // Read these only in the symbol-end action, after Complete() returned true.
        public IReadOnlyList<Subscription> Subscriptions => (IReadOnlyList<Subscription>?)subscriptions ?? Array.Empty<Subscription>();

        public IReadOnlyList<ChannelWrite> Writes => (IReadOnlyList<ChannelWrite>?)writes ?? Array.Empty<ChannelWrite>();

        public IReadOnlyList<ChannelRelease> Releases => (IReadOnlyList<ChannelRelease>?)releases ?? Array.Empty<ChannelRelease>();

        public IReadOnlyList<ChannelSetUp> SetUps => (IReadOnlyList<ChannelSetUp>?)setUps ?? Array.Empty<ChannelSetUp>();

        public IReadOnlyList<ChannelStore> Stores => (IReadOnlyList<ChannelStore>?)stores ?? Array.Empty<ChannelStore>();

        public IReadOnlyList<ChannelReobtain> Reobtains => (IReadOnlyList<ChannelReobtain>?)reobtains ?? Array.Empty<ChannelReobtain>();

        /// <summary>Writes of client-typed slots (realtime or Supabase clients): was the value a <c>new</c>?</summary>
        public IReadOnlyList<(ISymbol Slot, bool IsCreation)> ClientWrites
            => (IReadOnlyList<(ISymbol Slot, bool IsCreation)>?)clientWrites ?? Array.Empty<(ISymbol Slot, bool IsCreation)>();

        /// <summary>True when <paramref name="slot"/> is used in a way the model does not follow (passed on, returned, aliased...).</summary>
        public bool IsEscaped(ISymbol slot) => escaped != null && escaped.Contains(slot);

        /// <summary>
        /// True when the type creates the client on <paramref name="client"/> itself: the chain's root is an instance
        /// field or property of the type (or a local of <paramref name="body"/>'s member) that is only ever assigned a
        /// <c>new</c> client. Injected, static, parameter and unknown clients are shared: their channel cache outlives
        /// the instance (a <c>Disconnect()</c> of such a client leaves every channel cached). A client the type creates
        /// and then hands to other code still counts as its own: the model does not follow client escapes.
        /// </summary>
        public bool IsOwnedClient(SymbolPath client, BodyRef body)
        {
            if (client.IsDefault)
            {
                return false;
            }

            var root = client.TypeMember ?? client.Root;
            if (root is null || root.IsStatic || root is IParameterSymbol)
            {
                return false;
            }

            if ((root is IFieldSymbol || root is IPropertySymbol)
                && !SymbolEqualityComparer.Default.Equals(root.ContainingType?.OriginalDefinition, type.OriginalDefinition))
            {
                return false;
            }

            if (root is ILocalSymbol && !SymbolEqualityComparer.Default.Equals(root.ContainingSymbol, body.Member))
            {
                return false;
            }

            var any = false;
            foreach (var (slot, isCreation) in ClientWrites)
            {
                if (SymbolEqualityComparer.Default.Equals(slot, root))
                {
                    if (!isCreation)
                    {
                        return false;
                    }

                    any = true;
                }
            }

            return any;
        }

        /// <summary>True when the type calls <paramref name="method"/> itself or hands it out as a delegate.</summary>
        public bool IsCalled(IMethodSymbol method) => calledMethods != null && calledMethods.Contains(method.OriginalDefinition);

        /// <summary>True when <paramref name="body"/> is a handler of the type's own <c>Closed</c>/<c>FormClosed</c> event.</summary>
        public bool IsClosedHandler(BodyRef body)
            => body.Function is null
                ? closedHandlers != null && closedHandlers.Contains(body.Member)
                : closedLambdas != null && closedLambdas.Contains(body.Function);

        /// <summary>True when <paramref name="method"/> is subscribed to the type's own <c>Closed</c>/<c>FormClosed</c> event.</summary>
        public bool IsClosedHandler(IMethodSymbol method) => closedHandlers != null && closedHandlers.Contains(method);

        /// <summary>Is <paramref name="type"/> a channel, or a collection of channels?</summary>
        public bool IsChannelType(ITypeSymbol? candidate) => sdk.IsRealtimeChannel(candidate);

        public bool IsChannelCollection(ITypeSymbol? candidate)
        {
            switch (candidate)
            {
                case IArrayTypeSymbol array:
                    return sdk.IsRealtimeChannel(array.ElementType);
                // Only a generic type can hold channels as type arguments; the SDK-relatedness of a constructed
                // type is remembered, so a List<string> or Task<int> is turned away without reading its arguments.
                case INamedTypeSymbol { IsGenericType: true } named when sdk.IsSdkRelated(named) && !sdk.IsRealtimeChannel(named):
                    foreach (var argument in named.TypeArguments)
                    {
                        if (sdk.IsRealtimeChannel(argument))
                        {
                            return IsEnumerable(named);
                        }
                    }

                    return false;
                default:
                    return false;
            }
        }

        public bool IsClientType(ITypeSymbol? candidate) => sdk.IsRealtimeClient(candidate) || sdk.IsSupabaseClient(candidate);

        /// <summary>
        /// Adds the facts of one operation block. Call from an operation-block action inside the type's
        /// symbol-start action. A block that does not reference the SDK holds none of the facts but
        /// calls of the type's own methods, <c>Closed</c> handlers and escapes of channel arrays: it is
        /// only kept, and walked by <see cref="Complete"/> when some other block of the type references the SDK.
        /// </summary>
        public void Add(OperationBlockAnalysisContext context)
        {
            var blocks = context.OperationBlocks;
            if (blocks.IsEmpty)
            {
                return;
            }

            if (!AnyReferencesSdk(blocks))
            {
                deferred.Push(new DeferredBody(context.OwningSymbol, blocks));
                return;
            }

            if (scope != null && !scope.ShouldAnalyze(blocks[0].Syntax.SyntaxTree))
            {
                MarkBlockLeftOut();
                return;
            }

            Volatile.Write(ref referencesSdk, 1);

            var collector = new Collector(this, context.OwningSymbol);
            foreach (var block in blocks)
            {
                collector.Walk(block);
            }

            if (trackReobtains)
            {
                collector.FindReobtains(context);
            }

            if (!collector.IsEmpty)
            {
                collected.Push(collector);
            }
        }

        /// <summary>
        /// Call once in the symbol-end action, before reading the facts: false (at once) when no block of the
        /// type referenced the SDK; otherwise gathers the facts of the blocks that did not reference the SDK
        /// and returns true.
        /// </summary>
        public bool Complete()
        {
            if (Volatile.Read(ref referencesSdk) == 0)
            {
                return false;
            }

            if (completed)
            {
                return true;
            }

            completed = true;
            subscriptions = new List<Subscription>();
            writes = new List<ChannelWrite>();
            releases = new List<ChannelRelease>();
            setUps = new List<ChannelSetUp>();
            stores = new List<ChannelStore>();
            reobtains = new List<ChannelReobtain>();
            clientWrites = new List<(ISymbol, bool)>();
            escaped = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            calledMethods = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            closedHandlers = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            closedLambdas = new HashSet<SyntaxNode>();

            // In the order the blocks were added.
            foreach (var collector in collected.InOrder())
            {
                Merge(collector);
            }

            var withoutSdk = new Collector(this, type);
            foreach (var body in deferred.InOrder())
            {
                if (scope != null && !scope.ShouldAnalyze(body.Blocks[0].Syntax.SyntaxTree))
                {
                    MarkBlockLeftOut();
                    continue;
                }

                withoutSdk.Owner = body.Owner;
                foreach (var block in body.Blocks)
                {
                    withoutSdk.WalkWithoutSdk(block);
                }
            }

            Merge(withoutSdk);
            FollowRefHelpers();

            collected.Clear();
            deferred.Clear();
            return true;
        }

        private void Merge(Collector collector)
        {
            subscriptions!.AddRange(collector.Subscriptions);
            writes!.AddRange(collector.Writes);
            releases!.AddRange(collector.Releases);
            setUps!.AddRange(collector.SetUps);
            stores!.AddRange(collector.Stores);
            reobtains!.AddRange(collector.Reobtains);
            clientWrites!.AddRange(collector.ClientWrites);
            escaped!.UnionWith(collector.Escaped);
            calledMethods!.UnionWith(collector.Called);
            closedHandlers!.UnionWith(collector.ClosedHandlers);
            closedLambdas!.UnionWith(collector.ClosedLambdas);
            MergeCollections(collector);
            MergeHelperFacts(collector);
        }

        /// <summary>Does any of a member's blocks (asked by the root above it, as the other rules ask) reference the SDK?</summary>
        private bool AnyReferencesSdk(ImmutableArray<IOperation> blocks)
        {
            for (var i = 0; i < blocks.Length; i++)
            {
                if (BodyOrders.TryGetNewRoot(blocks, i, out var root) && sdk.ReferencesSdk(root))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A member's blocks that do not reference the SDK, kept for <see cref="Complete"/>.</summary>
        private sealed class DeferredBody
        {
            public DeferredBody(ISymbol owner, ImmutableArray<IOperation> blocks)
            {
                Owner = owner;
                Blocks = blocks;
            }

            public ISymbol Owner { get; }

            public ImmutableArray<IOperation> Blocks { get; }
        }

        /// <summary>The writes of <paramref name="slot"/>.</summary>
        public IEnumerable<ChannelWrite> WritesOf(ISymbol slot)
        {
            foreach (var write in Writes)
            {
                if (SymbolEqualityComparer.Default.Equals(write.Slot, slot))
                {
                    yield return write;
                }
            }
        }

        /// <summary>
        /// True when the field/property or local <paramref name="slot"/> holds channels created here
        /// (<c>Channel(...)</c>, <c>await table.On(...)</c>, or a local that does) and otherwise only null.
        /// The writes that create them are added to <paramref name="creations"/>.
        /// </summary>
        public bool IsCreatedHere(ISymbol slot, List<ChannelWrite> creations, HashSet<ISymbol>? visiting = null)
        {
            visiting ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            if (!visiting.Add(slot))
            {
                return false;
            }

            var any = false;
            foreach (var write in WritesOf(slot))
            {
                switch (write.Kind)
                {
                    case ChannelWriteKind.Channel:
                    case ChannelWriteKind.TableOn:
                        creations.Add(write);
                        any = true;
                        break;
                    case ChannelWriteKind.Null:
                        break;
                    case ChannelWriteKind.Slot when write.Source is ILocalSymbol:
                        if (!IsCreatedHere(write.Source, creations, visiting))
                        {
                            return false;
                        }

                        any = true;
                        break;
                    default:
                        return false;
                }
            }

            // A local stored into this slot is a write too.
            foreach (var store in Stores)
            {
                if (!store.IntoCollection && SymbolEqualityComparer.Default.Equals(store.Target, slot) && !visiting.Contains(store.Source))
                {
                    if (!IsCreatedHere(store.Source, creations, visiting))
                    {
                        return false;
                    }

                    any = true;
                }
            }

            return any;
        }

        private static bool IsEnumerable(INamedTypeSymbol type)
        {
            if (type.SpecialType == SpecialType.System_Collections_IEnumerable)
            {
                return true;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                if (implemented.SpecialType == SpecialType.System_Collections_IEnumerable
                    || implemented.OriginalDefinition.SpecialType == SpecialType.System_Collections_Generic_IEnumerable_T)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
