using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>
    /// "Does this member run when the object starts, before anything else?" Ranks the members that
    /// initialize an object in the order they run: instance field and property initializers (0),
    /// instance constructors (1), then the framework's initialization hooks: Blazor
    /// <c>ComponentBase.OnInitialized</c> (2) and <c>OnInitializedAsync</c> (3); Unity
    /// <c>Awake</c> (2), <c>OnEnable</c> (3) and <c>Start</c> (4) on a <c>MonoBehaviour</c>; and
    /// configured method names (2). Every other member has no rank.
    /// </summary>
    internal sealed class InitializationOrder
    {
        public const string ComponentBaseName = "Microsoft.AspNetCore.Components.ComponentBase";
        public const string MonoBehaviourName = "UnityEngine.MonoBehaviour";

        private readonly INamedTypeSymbol? componentBase;
        private readonly INamedTypeSymbol? monoBehaviour;

        public InitializationOrder(Compilation compilation)
        {
            componentBase = compilation.GetTypeByMetadataName(ComponentBaseName);
            monoBehaviour = compilation.GetTypeByMetadataName(MonoBehaviourName);
        }

        /// <summary>The rank of <paramref name="member"/>; null when it is not an initializer. <paramref name="extraNames"/> are configured initializer method names.</summary>
        public int? GetRank(ISymbol member, ImmutableArray<string> extraNames)
        {
            if (member.IsStatic)
            {
                return null;
            }

            switch (member)
            {
                case IFieldSymbol _:
                case IPropertySymbol _:
                    return 0;
                case IMethodSymbol method:
                    return GetRank(method, extraNames);
                default:
                    return null;
            }
        }

        private int? GetRank(IMethodSymbol method, ImmutableArray<string> extraNames)
        {
            if (method.MethodKind == MethodKind.Constructor)
            {
                return 1;
            }

            if (method.MethodKind != MethodKind.Ordinary || !method.Parameters.IsEmpty)
            {
                return null;
            }

            if (componentBase != null && method.IsOverride)
            {
                var original = method;
                while (original.OverriddenMethod != null)
                {
                    original = original.OverriddenMethod;
                }

                if (SymbolEqualityComparer.Default.Equals(original.ContainingType?.OriginalDefinition, componentBase))
                {
                    switch (original.Name)
                    {
                        case "OnInitialized":
                            return 2;
                        case "OnInitializedAsync":
                            return 3;
                    }
                }
            }

            if (monoBehaviour != null && SdkSymbols.IsOrDerives(method.ContainingType, monoBehaviour))
            {
                switch (method.Name)
                {
                    case "Awake":
                        return 2;
                    case "OnEnable":
                        return 3;
                    case "Start":
                        return 4;
                }
            }

            foreach (var name in extraNames)
            {
                if (string.Equals(name, method.Name, StringComparison.Ordinal))
                {
                    return 2;
                }
            }

            return null;
        }
    }
}
