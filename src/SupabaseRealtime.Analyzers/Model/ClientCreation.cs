using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>Whether a <c>Supabase.Client</c> was created with <c>AutoConnectRealtime = true</c>.</summary>
    internal enum AutoConnect
    {
        /// <summary>Known not set: <c>InitializeAsync()</c> does not connect realtime.</summary>
        No,

        /// <summary>Known set: <c>InitializeAsync()</c> connects realtime.</summary>
        Yes,

        /// <summary>Not visible (options from elsewhere, or not constant).</summary>
        Unknown,
    }

    /// <summary>What a client creation makes.</summary>
    internal enum CreatedClient
    {
        None,

        /// <summary><c>new Supabase.Realtime.Client(url, options)</c>: a realtime client, not connected.</summary>
        Realtime,

        /// <summary><c>new Supabase.Client(url, key, options)</c>: its <c>Realtime</c> is a new, unconnected client.</summary>
        Supabase,
    }

    /// <summary>
    /// "Was this client made here, and does it escape?" Recognizes client creations, reads
    /// <c>SupabaseOptions.AutoConnectRealtime</c> where it is visible, and tells whether a use of a
    /// client slot lets the client out of sight (where someone else might connect it).
    /// </summary>
    internal static class ClientCreation
    {
        public const string AutoConnectProperty = "AutoConnectRealtime";

        /// <summary>What <paramref name="value"/> (conversions removed) creates.</summary>
        public static CreatedClient GetCreatedClient(IOperation? value, SdkSymbols sdk, out IObjectCreationOperation creation)
        {
            creation = null!;
            if (!(SymbolPath.Unwrap(value) is IObjectCreationOperation created) || created.Constructor is null)
            {
                return CreatedClient.None;
            }

            creation = created;
            if (SdkSymbols.IsOrDerives(created.Type, sdk.RealtimeClient))
            {
                return CreatedClient.Realtime;
            }

            // The url/key constructor builds its own realtime client; the one taking ready clients does not.
            var parameters = created.Constructor.Parameters;
            if (SdkSymbols.IsOrDerives(created.Type, sdk.SupabaseClient)
                && parameters.Length > 0 && parameters[0].Type.SpecialType == SpecialType.System_String)
            {
                return CreatedClient.Supabase;
            }

            return CreatedClient.None;
        }

        /// <summary>
        /// <c>AutoConnectRealtime</c> of a <c>new Supabase.Client(url, key, options)</c>: no options (or
        /// <c>null</c>) is <see cref="AutoConnect.No"/>; <c>new SupabaseOptions { AutoConnectRealtime = c }</c>
        /// reads the constant; a local assigned once from such a creation, in <paramref name="body"/>, too.
        /// </summary>
        public static AutoConnect GetAutoConnect(IObjectCreationOperation creation, IOperation? body)
        {
            IArgumentOperation? options = null;
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Ordinal == 2)
                {
                    options = argument;
                }
            }

            if (options is null || options.ArgumentKind == ArgumentKind.DefaultValue)
            {
                // No options: the defaults, which leave AutoConnectRealtime off.
                return AutoConnect.No;
            }

            var value = SymbolPath.Unwrap(options.Value);
            if (value?.ConstantValue.HasValue == true && value.ConstantValue.Value is null)
            {
                return AutoConnect.No;
            }

            if (value is IObjectCreationOperation optionsCreation)
            {
                return FromOptionsCreation(optionsCreation);
            }

            if (value is ILocalReferenceOperation local && body != null)
            {
                return FromOptionsLocal(local.Local, body);
            }

            return AutoConnect.Unknown;
        }

        /// <summary>Combines the settings of several creations of one slot.</summary>
        public static AutoConnect Combine(IEnumerable<AutoConnect> values)
        {
            AutoConnect? result = null;
            foreach (var value in values)
            {
                if (result is null)
                {
                    result = value;
                }
                else if (result != value)
                {
                    return AutoConnect.Unknown;
                }
            }

            return result ?? AutoConnect.Unknown;
        }

        private static AutoConnect FromOptionsCreation(IObjectCreationOperation optionsCreation)
        {
            var result = AutoConnect.No;
            if (optionsCreation.Initializer is null)
            {
                return result;
            }

            foreach (var initializer in optionsCreation.Initializer.Initializers)
            {
                if (initializer is ISimpleAssignmentOperation assignment
                    && assignment.Target is IPropertyReferenceOperation property && property.Property.Name == AutoConnectProperty)
                {
                    var constant = assignment.Value.ConstantValue;
                    result = constant.HasValue && constant.Value is bool flag ? (flag ? AutoConnect.Yes : AutoConnect.No) : AutoConnect.Unknown;
                }
                else if (!(initializer is ISimpleAssignmentOperation))
                {
                    return AutoConnect.Unknown;
                }
            }

            return result;
        }

        private static AutoConnect FromOptionsLocal(ILocalSymbol local, IOperation body)
        {
            IObjectCreationOperation? creation = null;
            var writes = 0;
            foreach (var operation in body.DescendantsAndSelf())
            {
                if (ChannelSlots.TryGetAssignment(operation, out var slot, out var value) && SymbolEqualityComparer.Default.Equals(slot, local))
                {
                    writes++;
                    creation = SymbolPath.Unwrap(value) as IObjectCreationOperation;
                }
                else if (operation is IPropertyReferenceOperation property && property.Property.Name == AutoConnectProperty
                    && SymbolPath.Unwrap(property.Instance) is ILocalReferenceOperation reference
                    && SymbolEqualityComparer.Default.Equals(reference.Local, local)
                    && !(property.Parent is IMemberInitializerOperation) && IsWriteTarget(property))
                {
                    return AutoConnect.Unknown;
                }
                else if (operation is ILocalReferenceOperation use && SymbolEqualityComparer.Default.Equals(use.Local, local)
                    && use.Parent is IArgumentOperation argument && argument.Parameter?.RefKind != RefKind.None)
                {
                    return AutoConnect.Unknown;
                }
            }

            return writes == 1 && creation != null ? FromOptionsCreation(creation) : AutoConnect.Unknown;
        }

        private static bool IsWriteTarget(IOperation operation)
            => (operation.Parent is IAssignmentOperation assignment && assignment.Target == operation)
                || (operation.Parent is IArgumentOperation argument && argument.Parameter?.RefKind != RefKind.None);

        /// <summary>
        /// The slot (local, or field/property of the containing type) that <paramref name="reference"/>
        /// reads, when it is a reference to a slot holding a realtime or Supabase client.
        /// </summary>
        public static ISymbol? GetClientSlot(IOperation reference, SdkSymbols sdk)
        {
            var slot = ChannelSlots.GetSlot(reference);
            if (slot is null || !(reference is ILocalReferenceOperation || reference is IFieldReferenceOperation || reference is IPropertyReferenceOperation))
            {
                return null;
            }

            var type = reference.Type;
            return sdk.IsRealtimeClient(type) || sdk.IsSupabaseClient(type) ? slot : null;
        }

        /// <summary>
        /// True when <paramref name="reference"/>, a read of a client slot, lets the client (or a
        /// Supabase client's <c>Realtime</c>) out of sight: passed as an argument, stored, returned,
        /// captured into another value. Calling members on it, null checks, and reaching other
        /// members (<c>Auth</c>, <c>Postgrest</c>) do not.
        /// </summary>
        public static bool Escapes(IOperation reference, SdkSymbols sdk)
        {
            var current = reference;
            while (true)
            {
                var parent = current.Parent;
                switch (parent)
                {
                    case null:
                        return true;
                    case IConversionOperation conversion when conversion.OperatorMethod is null:
                    case IParenthesizedOperation _:
                        current = parent;
                        continue;
                    case IAssignmentOperation assignment when assignment.Target == current:
                        return false;
                    case IInvocationOperation invocation when invocation.Instance == current:
                        return false;
                    case IConditionalAccessOperation access when access.Operation == current:
                        return false;
                    case IPropertyReferenceOperation property when property.Instance == current:
                        if (property.Property.Name == ClientIdentity.RealtimeProperty && sdk.IsSupabaseClient(current.Type)
                            && sdk.IsRealtimeClient(property.Type))
                        {
                            current = parent;
                            continue;
                        }

                        return false;
                    case IMemberReferenceOperation member when member.Instance == current:
                        return false;
                    case IBinaryOperation _:
                    case IIsPatternOperation _:
                    case INameOfOperation _:
                        return false;
                    default:
                        return true;
                }
            }
        }
    }
}
