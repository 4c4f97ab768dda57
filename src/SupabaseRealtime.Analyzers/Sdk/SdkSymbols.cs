using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Model;

namespace SupabaseRealtime.Analyzers.Sdk
{
    /// <summary>
    /// The Supabase SDK types the rules key on, resolved once per compilation by metadata name
    /// (current names and the legacy ones). <see cref="TryCreate"/> returns <c>null</c> when the
    /// compilation references no part of the SDK: analyzers then register nothing else.
    /// </summary>
    internal sealed partial class SdkSymbols
    {
        /// <summary>Realtime 7.1: handlers pair with registrations.</summary>
        public static readonly Version HandlerPairingVersion = new Version(7, 1, 0, 0);

        /// <summary>From 7.4 <c>Channel(name)</c> uses a name that already starts with <c>realtime:</c> as is (before, it prefixes it again).</summary>
        public static readonly Version PrefixedNamesAsIsVersion = new Version(7, 4, 0, 0);

        /// <summary>Per compilation, shared by the rules; weakly keyed, so it never keeps a compilation alive.</summary>
        private static readonly ConditionalWeakTable<Compilation, CacheEntry> Cache = new ConditionalWeakTable<Compilation, CacheEntry>();

        private readonly ImmutableArray<IAssemblySymbol> candidates;
        private readonly ImmutableArray<IAssemblySymbol> sdkAssemblyList;

        /// <summary>The scope the rules share (see <see cref="ScopeFor"/>).</summary>
        private SourceScope? sharedScope;
        private SdkNames? names;
        private readonly Memo<SyntaxNode, bool> bodiesReferencingSdk = new Memo<SyntaxNode, bool>(capacity: 4096);
        private readonly Memo<SyntaxNode, bool> bodiesCallingSdk = new Memo<SyntaxNode, bool>(capacity: 1024);
        private readonly Memo<ITypeSymbol, bool> definitionsRelated = new Memo<ITypeSymbol, bool>(capacity: 1024);
        private readonly Memo<ITypeSymbol, bool> sdkRelatedTypes = new Memo<ITypeSymbol, bool>(capacity: 256, SymbolEqualityComparer.Default);
        private readonly Memo<IAssemblySymbol, bool> assemblySeesSdk = new Memo<IAssemblySymbol, bool>(capacity: 64);
        private readonly IAssemblySymbol compilationAssembly;
        private readonly Memo<IOperation, ControlFlowGraph> graphs = new Memo<IOperation, ControlFlowGraph>(capacity: 64);
        private readonly Memo<ControlFlowGraph, Model.CallOrder> orders = new Memo<ControlFlowGraph, Model.CallOrder>(capacity: 64);
        private readonly Memo<IOperation, Model.BodySlotWrites> slotWrites = new Memo<IOperation, Model.BodySlotWrites>(capacity: 256);

        /// <summary>Each operation tree the rules walk, flattened once per compilation (see <see cref="OperationTrees"/>).</summary>
        public OperationTrees Operations { get; } = new OperationTrees();

        private SdkSymbols(Compilation compilation, ImmutableArray<IAssemblySymbol> candidates)
        {
            Compilation = compilation;
            compilationAssembly = compilation.Assembly;
            this.candidates = candidates;

            RealtimeClientInterface = GetSdkType("Supabase.Realtime.Interfaces.IRealtimeClient`2");
            RealtimeClient = GetSdkType("Supabase.Realtime.Client");
            RealtimeChannelInterface = GetSdkType("Supabase.Realtime.Interfaces.IRealtimeChannel");
            RealtimeChannel = GetSdkType("Supabase.Realtime.RealtimeChannel");
            PostgresChangesOptions = GetSdkType("Supabase.Realtime.PostgresChanges.PostgresChangesOptions");
            ListenType = GetSdkType("Supabase.Realtime.PostgresChanges.PostgresChangesOptions+ListenType");
            PostgresChangesFilter = GetSdkType("Supabase.Realtime.PostgresChanges.PostgresChangesFilter");
            PostgresChangesResponse = GetSdkType("Supabase.Realtime.PostgresChanges.PostgresChangesResponse");
            RealtimeConstants = GetSdkType("Supabase.Realtime.Constants");
            EventType = GetSdkType("Supabase.Realtime.Constants+EventType");

            SupabaseClient = GetSdkType("Supabase.Client");
            SupabaseClientInterface = GetSdkType("Supabase.Interfaces.ISupabaseClient`6");
            SupabaseOptions = GetSdkType("Supabase.SupabaseOptions");
            SupabaseTableInterface = GetSdkType("Supabase.Interfaces.ISupabaseTable`2");

            GotrueClientInterface = GetSdkType("Supabase.Gotrue.Interfaces.IGotrueClient`2");

            PostgrestTableInterfaces = NonNull(
                GetSdkType("Supabase.Postgrest.Interfaces.IPostgrestTable`1"),
                GetSdkType("Postgrest.Interfaces.IPostgrestTable`1"));
            BaseModels = NonNull(
                GetSdkType("Supabase.Postgrest.Models.BaseModel"),
                GetSdkType("Postgrest.Models.BaseModel"));

            var assemblies = ImmutableHashSet.CreateBuilder<IAssemblySymbol>(SymbolEqualityComparer.Default);
            foreach (var type in new[] { RealtimeClientInterface, RealtimeChannelInterface, RealtimeChannel, SupabaseClient, GotrueClientInterface })
            {
                if (type?.ContainingAssembly != null)
                {
                    assemblies.Add(type.ContainingAssembly);
                }
            }

            foreach (var type in PostgrestTableInterfaces)
            {
                assemblies.Add(type.ContainingAssembly);
            }

            SdkAssemblies = assemblies.ToImmutable();
            sdkAssemblyList = ImmutableArray.CreateRange(SdkAssemblies);

            var channelType = RealtimeChannelInterface ?? RealtimeChannel;
            RealtimeVersion = channelType?.ContainingAssembly?.Identity.Version;
            HasChannelEvents = HasEvent(RealtimeChannel, "OnPostgresChange") || HasEvent(RealtimeChannelInterface, "OnPostgresChange")
                || HasEvent(RealtimeChannel, "OnInsert") || HasEvent(RealtimeChannelInterface, "OnInsert");
        }

        public Compilation Compilation { get; }

        /// <summary>Every name the SDK assemblies declare, gathered on first use (see <see cref="SdkNames"/>).</summary>
        public SdkNames Names => LazyInitializer.EnsureInitialized(ref names, () => new SdkNames(this))!;

        // Supabase.Realtime
        public INamedTypeSymbol? RealtimeClientInterface { get; }
        public INamedTypeSymbol? RealtimeClient { get; }
        public INamedTypeSymbol? RealtimeChannelInterface { get; }
        public INamedTypeSymbol? RealtimeChannel { get; }
        public INamedTypeSymbol? PostgresChangesOptions { get; }
        public INamedTypeSymbol? ListenType { get; }
        public INamedTypeSymbol? PostgresChangesFilter { get; }
        public INamedTypeSymbol? PostgresChangesResponse { get; }
        public INamedTypeSymbol? RealtimeConstants { get; }
        public INamedTypeSymbol? EventType { get; }

        // Supabase
        public INamedTypeSymbol? SupabaseClient { get; }
        public INamedTypeSymbol? SupabaseClientInterface { get; }
        public INamedTypeSymbol? SupabaseOptions { get; }
        public INamedTypeSymbol? SupabaseTableInterface { get; }

        // Supabase.Gotrue
        public INamedTypeSymbol? GotrueClientInterface { get; }

        // Supabase.Postgrest (and the pre-3.3 Postgrest namespace)
        public ImmutableArray<INamedTypeSymbol> PostgrestTableInterfaces { get; }
        public ImmutableArray<INamedTypeSymbol> BaseModels { get; }

        /// <summary>The assemblies that hold the SDK types above.</summary>
        public ImmutableHashSet<IAssemblySymbol> SdkAssemblies { get; }

        /// <summary>The version of the referenced Supabase.Realtime assembly, or null when unknown.</summary>
        public Version? RealtimeVersion { get; }

        /// <summary>True for the pre-6.0 channel shape with C# events (OnInsert, OnPostgresChange, StateChanged, ...).</summary>
        public bool HasChannelEvents { get; }

        /// <summary>True when the referenced Realtime pairs each handler with one registration (7.1+; unknown counts as current).</summary>
        public bool PairsHandlersWithRegistrations
            => RealtimeVersion is null || RealtimeVersion == new Version(0, 0, 0, 0) || RealtimeVersion >= HandlerPairingVersion;

        /// <summary>True when the referenced Realtime keeps a channel name that starts with <c>realtime:</c> as it is (7.4+; unknown counts as current).</summary>
        public bool UsesPrefixedNamesAsIs
            => RealtimeVersion is null || RealtimeVersion == new Version(0, 0, 0, 0) || RealtimeVersion >= PrefixedNamesAsIsVersion;

        public bool HasRealtime => RealtimeClientInterface != null || RealtimeChannelInterface != null || RealtimeChannel != null || RealtimeClient != null;

        /// <summary>Resolves the SDK symbols, or returns null when the compilation references no part of the SDK.</summary>
        /// <remarks>
        /// Every rule asks at its compilation start; the first one resolves and the others share the result
        /// (a weak per-compilation cache, as the roslyn-analyzers' well-known-type provider does), so a
        /// compilation pays for one resolution, not ten.
        /// </remarks>
        public static SdkSymbols? TryCreate(Compilation compilation)
            => Cache.GetValue(compilation, CreateEntry).Symbols;

        private static CacheEntry CreateEntry(Compilation compilation) => new CacheEntry(Resolve(compilation));

        private static SdkSymbols? Resolve(Compilation compilation)
        {
            var candidates = FindCandidateAssemblies(compilation);
            if (candidates.IsEmpty)
            {
                return null;
            }

            var symbols = new SdkSymbols(compilation, candidates);
            return symbols.HasRealtime || symbols.SupabaseClient != null || symbols.GotrueClientInterface != null || !symbols.PostgrestTableInterfaces.IsEmpty
                ? symbols
                : null;
        }

        /// <summary>One compilation's resolution (null when the SDK is not referenced).</summary>
        private sealed class CacheEntry
        {
            public CacheEntry(SdkSymbols? symbols) => Symbols = symbols;

            public SdkSymbols? Symbols { get; }
        }

        /// <summary>
        /// The SDK type named <paramref name="metadataName"/>, looked up only in the referenced assemblies
        /// that declare a <c>Supabase</c> or <c>Postgrest</c> namespace; null when none or several declare it.
        /// </summary>
        /// <remarks>
        /// <see cref="Compilation.GetTypeByMetadataName(string)"/> would also search the source assembly
        /// and every other reference. At compilation start that search waits for the compiler to finish
        /// declaring the project's own types, in every analyzer at once; the SDK ships as assemblies, so
        /// the rules look where it can be.
        /// </remarks>
        public INamedTypeSymbol? GetSdkType(string metadataName)
        {
            INamedTypeSymbol? found = null;
            foreach (var assembly in candidates)
            {
                var type = assembly.GetTypeByMetadataName(metadataName);
                if (type is null)
                {
                    continue;
                }

                if (found != null)
                {
                    // Declared twice: ambiguous, as the compiler would see it.
                    return null;
                }

                found = type;
            }

            return found;
        }

        /// <summary>
        /// The <see cref="SourceScope"/> for <paramref name="options"/>: the rules of one analyzer host
        /// share the options object, and so one scope (each tree is classified once, not once per rule).
        /// </summary>
        public SourceScope ScopeFor(AnalyzerOptions options)
        {
            var shared = Volatile.Read(ref sharedScope);
            if (shared is null)
            {
                Interlocked.CompareExchange(ref sharedScope, new SourceScope(options, TreeCount(Compilation)), null);
                shared = Volatile.Read(ref sharedScope)!;
            }

            return shared.IsFor(options) ? shared : new SourceScope(options, TreeCount(Compilation));
        }

        private static int TreeCount(Compilation compilation)
        {
            var count = 0;
            foreach (var _ in compilation.SyntaxTrees)
            {
                count++;
            }

            return count;
        }

        /// <summary>
        /// The control-flow graph of the body (or initializer) that holds <paramref name="operation"/>,
        /// built once per compilation whichever rule asks first (the rules that judge the same body on
        /// paths share it); null when the root is not something a graph is made of.
        /// </summary>
        public ControlFlowGraph? GraphOf(IOperation operation, CancellationToken cancellationToken)
        {
            var root = OperationTrees.RootOf(operation);
            if (graphs.TryGetValue(root, out var known))
            {
                return known;
            }

            var graph = MethodGraphs.CreateGraph(root, cancellationToken);
            if (graph != null)
            {
                graphs.Add(root, graph);
            }

            return graph;
        }

        /// <summary>
        /// The call order of one body's graph (a root's, a lambda's or a local function's), indexed once per compilation
        /// whichever rule asks first; a lost race indexes it twice, and either copy answers the same.
        /// </summary>
        public Model.CallOrder OrderOf(ControlFlowGraph graph)
        {
            if (orders.TryGetValue(graph, out var known))
            {
                return known;
            }

            var order = Model.CallOrder.Create(graph)!;
            orders.Add(graph, order);
            return order;
        }

        /// <summary>
        /// The slot writes of the body rooted at <paramref name="root"/> (see <see cref="Model.SlotWrites.Of"/>), read once
        /// per compilation whichever rule asks first; a lost race reads them twice, and either copy answers the same.
        /// </summary>
        public Model.BodySlotWrites SlotWritesOf(IOperation root)
        {
            if (slotWrites.TryGetValue(root, out var known))
            {
                return known;
            }

            var writes = Model.SlotWrites.Read(this, root);
            slotWrites.Add(root, writes);
            return writes;
        }

        /// <summary>True when <paramref name="symbol"/> is declared in an SDK assembly.</summary>
        public bool IsSdkMember(ISymbol? symbol) => symbol != null && IsSdkAssembly(symbol.ContainingAssembly);

        /// <summary>True when <paramref name="type"/> is an SDK type, derives from or implements one, or is constructed from one.</summary>
        public bool IsSdkRelated(ITypeSymbol? type)
        {
            if (!MayBeSdkType(type))
            {
                // List<string>, Task<int>, ...: related only through a type argument. Remembered: reading a
                // constructed type's TypeArguments makes a new array of public symbols at every call.
                if (type is INamedTypeSymbol { IsGenericType: true } generic)
                {
                    if (sdkRelatedTypes.TryGetValue(generic, out var knownGeneric))
                    {
                        return knownGeneric;
                    }

                    var genericRelated = false;
                    foreach (var argument in generic.TypeArguments)
                    {
                        if (IsSdkRelated(argument))
                        {
                            genericRelated = true;
                            break;
                        }
                    }

                    sdkRelatedTypes.Add(generic, genericRelated);
                    return genericRelated;
                }

                return false;
            }

            if (type!.IsDefinition)
            {
                // One object per compilation: keyed by identity (an annotated type's public symbol is a new
                // object at each use, its definition is not).
                var definition = type.OriginalDefinition;
                if (definitionsRelated.TryGetValue(definition, out var knownDefinition))
                {
                    return knownDefinition;
                }

                var definitionRelated = ComputeSdkRelated(definition, depth: 0);
                definitionsRelated.Add(definition, definitionRelated);
                return definitionRelated;
            }

            if (sdkRelatedTypes.TryGetValue(type, out var known))
            {
                return known;
            }

            var related = ComputeSdkRelated(type, depth: 0);
            sdkRelatedTypes.Add(type, related);
            return related;
        }

        private bool ComputeSdkRelated(ITypeSymbol type, int depth)
        {
            if (type is ITypeParameterSymbol parameter)
            {
                foreach (var constraint in parameter.ConstraintTypes)
                {
                    if (depth < 2 && ComputeSdkRelated(constraint, depth + 1))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (IsSdkAssembly(type.OriginalDefinition.ContainingAssembly))
            {
                return true;
            }

            if (MayBeSdkType(type) && DerivesFromOrImplementsSdk(type))
            {
                return true;
            }

            if (depth < 2 && type is INamedTypeSymbol { IsGenericType: true } named)
            {
                foreach (var argument in named.TypeArguments)
                {
                    if (ComputeSdkRelated(argument, depth + 1))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="type"/>, a type it derives from or an interface it implements is the SDK's.
        /// The walk up the base types ends at the first that cannot be or extend an SDK type (<c>object</c>, or a
        /// type of an assembly that does not see the SDK): nothing above it can, and its interfaces are not read.
        /// </summary>
        public bool DerivesFromOrImplementsSdk(ITypeSymbol type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (IsSdkAssembly(current.OriginalDefinition.ContainingAssembly) || ImplementsSdkInterface(current, depth: 0))
                {
                    return true;
                }

                if (!MayBeSdkType(current.BaseType))
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="type"/> declares an interface that is, or extends, an SDK interface.
        /// Interfaces from assemblies that do not see the SDK are not opened: nothing under them can be.
        /// </summary>
        private bool ImplementsSdkInterface(ITypeSymbol type, int depth)
        {
            foreach (var declared in type.Interfaces)
            {
                if (IsSdkAssembly(declared.OriginalDefinition.ContainingAssembly))
                {
                    return true;
                }

                if (depth < 8 && MayBeSdkType(declared) && ImplementsSdkInterface(declared, depth + 1))
                {
                    return true;
                }
            }

            return false;
        }

        private bool IsSdkAssembly(IAssemblySymbol? assembly)
        {
            if (assembly is null)
            {
                return false;
            }

            // One to four assemblies: a scan beats the hash set's tree walk.
            // An assembly has one symbol per compilation: identity is equality here.
            foreach (var sdkAssembly in sdkAssemblyList)
            {
                if (ReferenceEquals(assembly, sdkAssembly))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Is <paramref name="type"/> a realtime client (implements <c>IRealtimeClient&lt;,&gt;</c> or is <c>Supabase.Realtime.Client</c>)?</summary>
        public bool IsRealtimeClient(ITypeSymbol? type)
            => MayBeSdkType(type) && (IsOrImplements(type, RealtimeClientInterface) || IsOrDerives(type, RealtimeClient));

        /// <summary>Is <paramref name="type"/> a realtime channel (<c>IRealtimeChannel</c> or <c>RealtimeChannel</c>)?</summary>
        public bool IsRealtimeChannel(ITypeSymbol? type)
            => MayBeSdkType(type) && (IsOrImplements(type, RealtimeChannelInterface) || IsOrDerives(type, RealtimeChannel));

        /// <summary>Is <paramref name="type"/> a <c>Supabase.Client</c> (or an <c>ISupabaseClient&lt;...&gt;</c>)?</summary>
        public bool IsSupabaseClient(ITypeSymbol? type)
            => MayBeSdkType(type) && (IsOrDerives(type, SupabaseClient) || IsOrImplements(type, SupabaseClientInterface));

        /// <summary>Is <paramref name="type"/> a Gotrue auth client?</summary>
        public bool IsGotrueClient(ITypeSymbol? type) => MayBeSdkType(type) && IsOrImplements(type, GotrueClientInterface);

        /// <summary>Is <paramref name="type"/> a Supabase table (<c>ISupabaseTable&lt;,&gt;</c>)?</summary>
        public bool IsSupabaseTable(ITypeSymbol? type) => MayBeSdkType(type) && IsOrImplements(type, SupabaseTableInterface);

        /// <summary>Is <paramref name="type"/> a Postgrest table (<c>IPostgrestTable&lt;&gt;</c>, either namespace)?</summary>
        public bool IsPostgrestTable(ITypeSymbol? type)
        {
            if (!MayBeSdkType(type))
            {
                return false;
            }

            foreach (var table in PostgrestTableInterfaces)
            {
                if (IsOrImplements(type, table))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The cheap test before the type checks above: false when <paramref name="type"/> cannot be, derive
        /// from or implement an SDK type, because it is a special type (string, int, ...), an array or
        /// pointer, or comes from an assembly that does not reference the SDK. Most types the rules meet
        /// are rejected here without walking their interfaces.
        /// </summary>
        public bool MayBeSdkType(ITypeSymbol? type)
        {
            if (type is null || type.SpecialType != SpecialType.None)
            {
                return false;
            }

            switch (type.TypeKind)
            {
                case TypeKind.TypeParameter:
                case TypeKind.Error:
                    return true;
                case TypeKind.Array:
                case TypeKind.Pointer:
                case TypeKind.Enum:
                case TypeKind.Delegate:
                    return false;
            }

            // An assembly has one symbol per compilation: identity is equality here.
            var assembly = type.ContainingAssembly;
            return assembly is null || ReferenceEquals(assembly, compilationAssembly) || SeesSdk(assembly);
        }

        /// <summary>True when <paramref name="assembly"/> is an SDK assembly or references one (only then can its types extend the SDK's).</summary>
        private bool SeesSdk(IAssemblySymbol assembly)
        {
            if (assemblySeesSdk.TryGetValue(assembly, out var known))
            {
                return known;
            }

            var sees = IsSdkAssembly(assembly);
            if (!sees)
            {
                foreach (var module in assembly.Modules)
                {
                    foreach (var referenced in module.ReferencedAssemblySymbols)
                    {
                        if (IsSdkAssembly(referenced))
                        {
                            sees = true;
                            break;
                        }
                    }
                }
            }

            assemblySeesSdk.Add(assembly, sees);
            return sees;
        }

        /// <summary>True when <paramref name="type"/> is <paramref name="target"/> (or a constructed form of it) or implements it.</summary>
        public static bool IsOrImplements(ITypeSymbol? type, INamedTypeSymbol? target)
        {
            if (type is null || target is null)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(type.OriginalDefinition, target))
            {
                return true;
            }

            if (type is ITypeParameterSymbol typeParameter)
            {
                foreach (var constraint in typeParameter.ConstraintTypes)
                {
                    if (IsOrImplements(constraint, target))
                    {
                        return true;
                    }
                }

                return false;
            }

            if (target.TypeKind == TypeKind.Interface)
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, target))
                    {
                        return true;
                    }
                }

                return false;
            }

            return IsOrDerives(type, target);
        }

        /// <summary>True when <paramref name="type"/> is <paramref name="target"/> or derives from it.</summary>
        public static bool IsOrDerives(ITypeSymbol? type, INamedTypeSymbol? target)
        {
            if (target is null)
            {
                return false;
            }

            for (var current = type; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, target))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The referenced assemblies that declare a <c>Supabase</c> or <c>Postgrest</c> namespace.</summary>
        private static ImmutableArray<IAssemblySymbol> FindCandidateAssemblies(Compilation compilation)
        {
            var builder = ImmutableArray.CreateBuilder<IAssemblySymbol>();
            foreach (var assembly in compilation.SourceModule.ReferencedAssemblySymbols)
            {
                if (IsFrameworkAssembly(assembly.Identity))
                {
                    continue;
                }

                if (DeclaresNamespace(assembly.GlobalNamespace, "Supabase") || DeclaresNamespace(assembly.GlobalNamespace, "Postgrest"))
                {
                    builder.Add(assembly);
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>
        /// True for the framework's and Microsoft's own assemblies (the .NET reference packs, ASP.NET Core,
        /// Microsoft.Extensions, the compiler), known by name: no SDK assembly is named so, and a project
        /// references hundreds of them, so their namespaces are not asked for (asking loads each one's type
        /// list). The name, not the public key token: the token is a hash the compiler computes on first
        /// read, which cost more at compilation start than every rule's work on a project that does not use
        /// the SDK.
        /// </summary>
        private static bool IsFrameworkAssembly(AssemblyIdentity identity)
        {
            var name = identity.Name;
            return name.StartsWith("System", StringComparison.Ordinal)
                    && (name.Length == "System".Length || name["System".Length] == '.')
                || name.StartsWith("Microsoft.", StringComparison.Ordinal)
                || string.Equals(name, "mscorlib", StringComparison.Ordinal)
                || string.Equals(name, "netstandard", StringComparison.Ordinal)
                || string.Equals(name, "WindowsBase", StringComparison.Ordinal);
        }

        private static bool DeclaresNamespace(INamespaceSymbol parent, string name)
        {
            foreach (var member in parent.GetMembers(name))
            {
                if (member is INamespaceSymbol)
                {
                    return true;
                }
            }

            return false;
        }

        private static bool HasEvent(INamedTypeSymbol? type, string name)
        {
            if (type is null)
            {
                return false;
            }

            foreach (var member in type.GetMembers(name))
            {
                if (member.Kind == SymbolKind.Event)
                {
                    return true;
                }
            }

            return false;
        }

        private static ImmutableArray<INamedTypeSymbol> NonNull(params INamedTypeSymbol?[] types)
        {
            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>(types.Length);
            foreach (var type in types)
            {
                if (type != null)
                {
                    builder.Add(type);
                }
            }

            return builder.ToImmutable();
        }
    }
}
