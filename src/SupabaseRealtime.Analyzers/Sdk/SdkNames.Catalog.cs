using System.Collections.Generic;
using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using Microsoft.CodeAnalysis;

namespace SupabaseRealtime.Analyzers.Sdk
{
    internal sealed partial class SdkNames
    {
        /// <summary>
        /// The names <see cref="SdkNames"/> looks for, and the first parts of the SDK's namespaces: strings read from the
        /// SDK assemblies' metadata alone, so one reading serves every compilation that references the same SDK files.
        /// </summary>
        /// <remarks>
        /// An IDE makes a new compilation at each edit, with the same metadata references; the benchmark's repetitions do
        /// too. Reading every public SDK type and member again each time took a sixth of the samples the file scan took
        /// (perf, 500 files). A catalog holds strings only (no symbol, no compilation) and is kept while its first reference lives. An SDK
        /// that is not referenced as metadata (a project reference) is read for each compilation.
        /// </remarks>
        private sealed class Catalog
        {
            private static readonly ConditionalWeakTable<MetadataReference, Catalog> Known = new ConditionalWeakTable<MetadataReference, Catalog>();

            /// <summary>The SDK references this catalog was read from (empty when it is not kept).</summary>
            private readonly ImmutableArray<MetadataReference> references;

            /// <summary>The members' names among <see cref="Names"/> (a name that is also a type's is not one).</summary>
            private readonly HashSet<string> memberNames = new HashSet<string>(System.StringComparer.Ordinal);

            /// <summary>The types' names among <see cref="Names"/> (and attributes' short names).</summary>
            private readonly HashSet<string> typeNames = new HashSet<string>(System.StringComparer.Ordinal);

            private Catalog(SdkSymbols sdk, ImmutableArray<MetadataReference> references)
            {
                this.references = references;
                foreach (var assembly in sdk.SdkAssemblies)
                {
                    AddNamespace(assembly.GlobalNamespace, sdk);
                }

                // What the rules read of the clients, the channels and the change payloads; a table's own
                // query builder (Where, Select, Order, ...) is none of it, only its On(...) is.
                foreach (var type in new[]
                {
                    sdk.RealtimeClientInterface, sdk.RealtimeClient, sdk.RealtimeChannelInterface, sdk.RealtimeChannel,
                    sdk.PostgresChangesResponse, sdk.SupabaseClientInterface, sdk.SupabaseClient,
                })
                {
                    AddMembers(type, sdk, withBases: true);
                }

                // Of the auth client, the calls SRT001 reads (its other members are profile and MFA calls: Update, ListFactors, ...).
                if (sdk.GotrueClientInterface != null)
                {
                    foreach (var member in sdk.GotrueClientInterface.GetMembers())
                    {
                        if (member is IMethodSymbol method && (Model.ClientIdentity.LeavesASession(method) || AuthFacts.SignsOutFirst(method)))
                        {
                            AddMember(method.Name);
                        }
                    }
                }

                AddMembers(sdk.SupabaseTableInterface, sdk, withBases: false);
                memberNames.ExceptWith(typeNames);
                Table = new NameTable(Names, memberNames);
            }

            public HashSet<string> Names { get; } = new HashSet<string>(System.StringComparer.Ordinal);

            /// <summary>The first parts of the namespaces that hold the SDK's public types (<c>Supabase</c>, <c>Postgrest</c>).</summary>
            public HashSet<string> Roots { get; } = new HashSet<string>(System.StringComparer.Ordinal);

            /// <summary>True when an SDK assembly declares a public type in the global namespace (seen from every file).</summary>
            public bool GlobalTypes { get; private set; }

            public NameTable Table { get; }

            /// <summary>The catalog of the compilation's SDK references: the one already read for the same files, or a new one.</summary>
            public static Catalog For(SdkSymbols sdk)
            {
                var references = ImmutableArray.CreateBuilder<MetadataReference>();
                foreach (var assembly in sdk.SdkAssemblies)
                {
                    if (!(sdk.Compilation.GetMetadataReference(assembly) is PortableExecutableReference reference))
                    {
                        return new Catalog(sdk, ImmutableArray<MetadataReference>.Empty);
                    }

                    references.Add(reference);
                }

                if (references.Count == 0)
                {
                    return new Catalog(sdk, ImmutableArray<MetadataReference>.Empty);
                }

                var key = references[0];
                if (Known.TryGetValue(key, out var known) && known.IsFor(references))
                {
                    return known;
                }

                var read = new Catalog(sdk, references.ToImmutable());
                lock (Known)
                {
                    Known.Remove(key);
                    Known.Add(key, read);
                }

                return read;
            }

            /// <summary>True when this catalog was read from exactly <paramref name="others"/> (in any order).</summary>
            private bool IsFor(ImmutableArray<MetadataReference>.Builder others)
            {
                if (references.Length != others.Count)
                {
                    return false;
                }

                foreach (var reference in others)
                {
                    if (references.IndexOf(reference) < 0)
                    {
                        return false;
                    }
                }

                return true;
            }

            private void AddNamespace(INamespaceSymbol ns, SdkSymbols sdk)
            {
                foreach (var member in ns.GetMembers())
                {
                    if (member is INamespaceSymbol nested)
                    {
                        AddNamespace(nested, sdk);
                    }
                    else if (member is INamedTypeSymbol type)
                    {
                        AddType(type, sdk);
                    }
                }
            }

            /// <summary>The type's name, and the names of its members that take an SDK handler (a method with a parameter of an SDK delegate type, an event).</summary>
            private void AddType(INamedTypeSymbol type, SdkSymbols sdk)
            {
                if (type.DeclaredAccessibility != Accessibility.Public)
                {
                    return;
                }

                if (type.ContainingType is null)
                {
                    AddRoot(type.ContainingNamespace);
                }

                AddTypeName(type.Name);
                if (type.Name.EndsWith("Attribute", System.StringComparison.Ordinal) && type.Name.Length > "Attribute".Length)
                {
                    AddTypeName(type.Name.Substring(0, type.Name.Length - "Attribute".Length));
                }

                foreach (var member in type.GetMembers())
                {
                    if (member.DeclaredAccessibility == Accessibility.Public && TakesSdkHandler(member, sdk))
                    {
                        AddMember(member.Name);
                    }
                }

                foreach (var nested in type.GetTypeMembers())
                {
                    AddType(nested, sdk);
                }
            }

            private static bool TakesSdkHandler(ISymbol member, SdkSymbols sdk)
            {
                switch (member)
                {
                    // An event of a Realtime type (the 5.x channel events), or one whose handler is the SDK's or
                    // takes its types; not a property-change or progress event of a query or an upload.
                    case IEventSymbol handlerEvent:
                        return ReferenceEquals(handlerEvent.ContainingAssembly, (sdk.RealtimeChannelInterface ?? sdk.RealtimeChannel ?? sdk.RealtimeClient)?.ContainingAssembly) || sdk.IsSdkRelated(handlerEvent.Type);
                    case IMethodSymbol method when method.MethodKind == MethodKind.Ordinary:
                        foreach (var parameter in method.Parameters)
                        {
                            if (parameter.Type.TypeKind == TypeKind.Delegate && sdk.IsSdkMember(parameter.Type))
                            {
                                return true;
                            }
                        }

                        return false;
                    default:
                        return false;
                }
            }

            /// <summary>The public and protected members <paramref name="type"/> declares, and with <paramref name="withBases"/> those of the SDK types it derives from or implements.</summary>
            private void AddMembers(INamedTypeSymbol? type, SdkSymbols sdk, bool withBases)
            {
                if (type is null)
                {
                    return;
                }

                AddDeclaredMembers(type);
                if (!withBases)
                {
                    return;
                }

                for (var current = type.BaseType; current != null && sdk.IsSdkMember(current); current = current.BaseType)
                {
                    AddDeclaredMembers(current);
                }

                foreach (var implemented in type.AllInterfaces)
                {
                    if (sdk.IsSdkMember(implemented))
                    {
                        AddDeclaredMembers(implemented);
                    }
                }
            }

            private void AddDeclaredMembers(INamedTypeSymbol type)
            {
                foreach (var member in type.GetMembers())
                {
                    if (member.IsImplicitlyDeclared
                        || member.IsOverride
                        || (member.DeclaredAccessibility != Accessibility.Public && member.DeclaredAccessibility != Accessibility.Protected && member.DeclaredAccessibility != Accessibility.ProtectedOrInternal)
                        || (member is IMethodSymbol method && method.MethodKind != MethodKind.Ordinary))
                    {
                        continue;
                    }

                    AddMember(member.Name);
                }
            }

            private void AddRoot(INamespaceSymbol? ns)
            {
                if (ns is null || ns.IsGlobalNamespace)
                {
                    GlobalTypes = true;
                    return;
                }

                while (ns.ContainingNamespace is { IsGlobalNamespace: false } outer)
                {
                    ns = outer;
                }

                Roots.Add(ns.Name);
            }

            private void AddTypeName(string name)
            {
                Names.Add(name);
                typeNames.Add(name);
            }

            private void AddMember(string name)
            {
                Names.Add(name);
                memberNames.Add(name);
            }
        }
    }
}
