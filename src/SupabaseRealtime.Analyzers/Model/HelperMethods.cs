using Microsoft.CodeAnalysis;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>What makes a method of the type a helper the channel models can follow into.</summary>
    internal static class HelperMethods
    {
        /// <summary>
        /// True when every call of <paramref name="method"/> runs the body it declares: an ordinary method, not
        /// virtual, abstract, an override, extern or partial.
        /// </summary>
        public static bool RunsItsOwnBody(IMethodSymbol method)
            => method.MethodKind == MethodKind.Ordinary && !method.IsVirtual && !method.IsAbstract && !method.IsOverride && !method.IsExtern
                && method.PartialDefinitionPart is null && method.PartialImplementationPart is null;
    }
}
