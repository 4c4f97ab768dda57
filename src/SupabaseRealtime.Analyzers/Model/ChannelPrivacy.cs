using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>
    /// Whether a named <c>Channel(...)</c> call asks for a private channel: Realtime 7.4's
    /// <c>Channel(name, ChannelOptions.Private(...))</c>. Versions before 7.4 have neither that overload nor
    /// <c>ChannelOptions.Private</c>, so nothing there is private. The answer is what the call asks for; the
    /// cache key ignores the options, so an earlier public <c>Channel(name)</c> of the same name would still win
    /// (sdk-behaviour.md, section 1; SRT009 reports that mix).
    /// </summary>
    internal static class ChannelPrivacy
    {
        /// <summary>True when <paramref name="channelCall"/> is <c>Channel(name, options)</c> with options known to be <c>ChannelOptions.Private(...)</c>.</summary>
        public static bool AsksForPrivate(IInvocationOperation channelCall, SdkSymbols sdk)
        {
            var parameters = channelCall.TargetMethod.Parameters;
            if (parameters.Length != 2 || !ChannelOrigin.IsNamedOverload(channelCall.TargetMethod))
            {
                return false;
            }

            foreach (var argument in channelCall.Arguments)
            {
                if (argument.Parameter?.Ordinal == 1)
                {
                    return IsPrivateOptions(argument.Value, sdk, 0);
                }
            }

            return false;
        }

        private static bool IsPrivateOptions(IOperation? value, SdkSymbols sdk, int depth)
        {
            value = SymbolPath.Unwrap(value);
            switch (value)
            {
                case IInvocationOperation factory:
                    return factory.TargetMethod.IsStatic && factory.TargetMethod.Name == "Private" && IsChannelOptions(factory.TargetMethod.ContainingType, sdk);
                case ILocalReferenceOperation local when depth < 4:
                    return ConstantFolding.SingleInitializer(local) is { } initializer && IsPrivateOptions(initializer, sdk, depth + 1);
                default:
                    return false;
            }
        }

        /// <summary><c>Supabase.Realtime.Channel.ChannelOptions</c> of the referenced SDK (not a look-alike of the project's own).</summary>
        private static bool IsChannelOptions(INamedTypeSymbol? type, SdkSymbols sdk)
            => type != null && type.Name == "ChannelOptions"
                && type.ContainingNamespace?.ToDisplayString() == "Supabase.Realtime.Channel"
                && type.ContainingAssembly != null && sdk.SdkAssemblies.Contains(type.ContainingAssembly);
    }
}
