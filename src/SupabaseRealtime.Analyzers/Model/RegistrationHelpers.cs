using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>A channel field passed by <c>ref</c>/<c>out</c> to a method of its own type.</summary>
    internal sealed partial class SlotFacts
    {
        /// <summary>Passed by <c>ref</c>/<c>out</c> to a method of the type (not tracked unless that method only releases and clears it).</summary>
        public bool PassedToOwnMethod { get; set; }
    }

    /// <summary>The channel fields a block passes by <c>ref</c>/<c>out</c> to the type's own methods.</summary>
    internal sealed partial class BlockFacts
    {
        /// <summary>True when <paramref name="slot"/> is a field passed for a <c>ref</c>/<c>out</c> parameter of an ordinary method of the field's type.</summary>
        private static bool IsRefPassToOwnMethod(ISymbol slot, IParameterSymbol parameter)
            => slot is IFieldSymbol field && parameter.ContainingSymbol is IMethodSymbol method && method.MethodKind == MethodKind.Ordinary
                && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, field.ContainingType?.OriginalDefinition);

        /// <summary>(helper, parameter ordinal, the field of this instance passed, or null for anything else); null when none.</summary>
        public List<(IMethodSymbol Helper, int Ordinal, IFieldSymbol? Field)>? RefArguments { get; private set; }

        private void NoteRefArguments(IInvocationOperation invocation, INamedTypeSymbol type, SdkSymbols sdk)
        {
            var target = invocation.TargetMethod;
            if (!SymbolEqualityComparer.Default.Equals(target.ContainingType?.OriginalDefinition, type.OriginalDefinition))
            {
                return;
            }

            foreach (var argument in invocation.Arguments)
            {
                var parameter = argument.Parameter;
                if (!ChannelSlots.IsRefOrOut(parameter) || !sdk.IsRealtimeChannel(parameter!.Type))
                {
                    continue;
                }

                var field = ChannelSlots.InstanceFieldPassedByRef(argument) is { } passed
                    && SymbolEqualityComparer.Default.Equals(passed.ContainingType?.OriginalDefinition, type.OriginalDefinition)
                    ? passed
                    : null;
                RefArguments ??= new List<(IMethodSymbol, int, IFieldSymbol?)>();
                RefArguments.Add((target.OriginalDefinition, parameter.Ordinal, field));
            }
        }
    }

    /// <summary>
    /// A helper's <c>ref</c> channel parameter named by the field it stands for: <c>SetUp(ref _orders, "orders")</c> sets up
    /// <c>_orders</c>, so the helper's channel is called <c>_orders</c> in messages when its arguments give it no name of their own.
    /// Only when every call of the helper the type makes passes that one field, and the helper is the body every call runs.
    /// </summary>
    internal sealed partial class RegistrationCollector
    {
        /// <summary>Helper parameter to the field every call passes for it (set by <see cref="Build"/>); null when none.</summary>
        private Dictionary<ISymbol, IFieldSymbol>? refAliases;

        private static Dictionary<ISymbol, IFieldSymbol>? RefAliases(List<BlockFacts> snapshot)
        {
            Dictionary<ISymbol, Dictionary<int, IFieldSymbol?>>? passed = null;
            foreach (var block in snapshot)
            {
                if (block.RefArguments is null)
                {
                    continue;
                }

                foreach (var (helper, ordinal, field) in block.RefArguments)
                {
                    passed ??= new Dictionary<ISymbol, Dictionary<int, IFieldSymbol?>>(SymbolEqualityComparer.Default);
                    if (!passed.TryGetValue(helper, out var byOrdinal))
                    {
                        byOrdinal = new Dictionary<int, IFieldSymbol?>();
                        passed[helper] = byOrdinal;
                    }

                    if (!byOrdinal.TryGetValue(ordinal, out var known))
                    {
                        byOrdinal[ordinal] = HelperMethods.RunsItsOwnBody(helper) ? field : null;
                    }
                    else if (known != null && !SymbolEqualityComparer.Default.Equals(known, field))
                    {
                        byOrdinal[ordinal] = null;
                    }
                }
            }

            if (passed is null)
            {
                return null;
            }

            var aliases = new Dictionary<ISymbol, IFieldSymbol>(SymbolEqualityComparer.Default);
            foreach (var pair in passed)
            {
                var helper = (IMethodSymbol)pair.Key;
                foreach (var entry in pair.Value)
                {
                    if (entry.Value != null && entry.Key < helper.Parameters.Length)
                    {
                        aliases[helper.Parameters[entry.Key]] = entry.Value;
                    }
                }
            }

            return aliases;
        }

        /// <summary>
        /// True when every call that passes <paramref name="field"/> by <c>ref</c> goes to a helper that only releases and clears
        /// its parameter (<c>channel?.Unsubscribe(); channel = null;</c>, <c>Remove(channel)</c>, null checks): the field still holds
        /// the channel its set-up made, or nothing. A helper that writes a channel into it, sets it up or hands it on is not followed.
        /// </summary>
        private bool OnlyReleasedThroughRef(ISymbol field, List<BlockFacts> snapshot)
        {
            var any = false;
            foreach (var block in snapshot)
            {
                if (block.RefArguments is null)
                {
                    continue;
                }

                foreach (var (helper, ordinal, passed) in block.RefArguments)
                {
                    if (!SymbolEqualityComparer.Default.Equals(passed, field))
                    {
                        continue;
                    }

                    if (!HelperMethods.RunsItsOwnBody(helper) || ordinal >= helper.Parameters.Length || !OnlyReleases(helper.Parameters[ordinal], snapshot))
                    {
                        return false;
                    }

                    any = true;
                }
            }

            return any;
        }

        /// <summary>True when the helper's <paramref name="parameter"/> is only unsubscribed, removed, compared with null and cleared.</summary>
        private bool OnlyReleases(IParameterSymbol parameter, List<BlockFacts> snapshot)
        {
            foreach (var block in snapshot)
            {
                if (block.Slots.TryGetValue(parameter, out var facts))
                {
                    if (facts.HardEscape || facts.SoftEscape || facts.PassedToOwnMethod)
                    {
                        return false;
                    }

                    foreach (var write in facts.Writes)
                    {
                        if (!IsClear(write.Value))
                        {
                            return false;
                        }
                    }
                }

                foreach (var (invocation, kind) in block.Calls)
                {
                    if (kind != ChannelCallKind.Unsubscribe && kind != ChannelCallKind.Create
                        && SymbolPath.Unwrap(ChannelCall.ReceiverOf(invocation, sdk)) is IParameterReferenceOperation receiver
                        && SymbolEqualityComparer.Default.Equals(receiver.Parameter, parameter))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>The name of a channel kept in locals (or a parameter) of one member: its constant name, the field a <c>ref</c> parameter stands for, the holder, the call.</summary>
        private string LocalDisplayName(ChannelOrigin? origin, List<ISymbol> locals)
        {
            if (origin?.ConstantName is { } name)
            {
                return name;
            }

            if (refAliases != null)
            {
                foreach (var local in locals)
                {
                    if (local is IParameterSymbol parameter && refAliases.TryGetValue(parameter, out var field))
                    {
                        return field.Name;
                    }
                }
            }

            return origin?.DisplayName ?? locals[0].Name;
        }
    }
}
