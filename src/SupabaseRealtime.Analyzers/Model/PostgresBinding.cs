using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>
    /// The options of one postgres_changes registration (schema, table, event, filter), folded to
    /// constants. A registration with any part that is not constant is <see cref="Unknown"/>: it
    /// still exists, but nothing about it can be compared or simulated.
    /// </summary>
    internal sealed class PostgresBinding
    {
        /// <summary>The event of <c>ListenType.All</c>, as the SDK sends it.</summary>
        public const string AllEvents = "*";

        /// <summary>A registration whose options are not all constant.</summary>
        public static PostgresBinding Unknown => new PostgresBinding(null, null, null, null, isKnown: false);

        private PostgresBinding(string? schema, string? table, string? eventName, string? filter, bool isKnown)
        {
            Schema = schema;
            Table = table;
            Event = eventName;
            Filter = filter;
            IsKnown = isKnown;
        }

        public bool IsKnown { get; }

        public string? Schema { get; }

        public string? Table { get; }

        /// <summary><c>*</c>, <c>INSERT</c>, <c>UPDATE</c> or <c>DELETE</c>; null when unknown.</summary>
        public string? Event { get; }

        public string? Filter { get; }

        public static PostgresBinding Known(string schema, string? table, string eventName, string? filter)
            => new PostgresBinding(schema, table, eventName, filter, isKnown: true);

        /// <summary>True when both are known and name the same schema, table, event and filter.</summary>
        public bool HasSameOptionsAs(PostgresBinding other)
            => IsKnown && other.IsKnown
                && string.Equals(Schema, other.Schema, StringComparison.Ordinal)
                && string.Equals(Table, other.Table, StringComparison.Ordinal)
                && string.Equals(Event, other.Event, StringComparison.Ordinal)
                && string.Equals(Filter, other.Filter, StringComparison.Ordinal);

        /// <summary>
        /// The registration <c>Channel(database, schema, table, column, value, parameters)</c> makes
        /// itself: listen type All, filter <c>column=eq.value</c> when both are given.
        /// </summary>
        public static PostgresBinding FromChannel(ChannelOrigin origin)
        {
            string? schema = null, table = null, column = null, value = null;
            for (var i = 0; i < origin.ParameterNames.Length && i < origin.Arguments.Length; i++)
            {
                var argument = origin.Arguments[i];
                if (!argument.HasValue)
                {
                    return Unknown;
                }

                switch (origin.ParameterNames[i])
                {
                    case "schema":
                        schema = argument.Value as string;
                        break;
                    case "table":
                        table = argument.Value as string;
                        break;
                    case "column":
                        column = argument.Value as string;
                        break;
                    case "value":
                        value = argument.Value as string;
                        break;
                    case "parameters":
                        if (argument.Value != null)
                        {
                            return Unknown;
                        }

                        break;
                }
            }

            return schema is null
                ? Unknown
                : Known(schema, table, AllEvents, column != null && value != null ? column + "=eq." + value : null);
        }

        /// <summary>The registration <c>Register(new PostgresChangesOptions(schema, table, listenType, filter))</c> makes.</summary>
        public static PostgresBinding FromOptions(IOperation? options, SdkSymbols sdk)
        {
            if (!(SymbolPath.Unwrap(options) is IObjectCreationOperation creation) || creation.Constructor is null
                || sdk.PostgresChangesOptions is null
                || !SymbolEqualityComparer.Default.Equals(creation.Constructor.ContainingType, sdk.PostgresChangesOptions))
            {
                return Unknown;
            }

            string? schema = null, table = null, filter = null, eventName = null;
            foreach (var parameter in creation.Constructor.Parameters)
            {
                var value = ArgumentValue(creation.Arguments, parameter);
                if (!value.HasValue)
                {
                    return Unknown;
                }

                if (SymbolEqualityComparer.Default.Equals(parameter.Type, sdk.ListenType))
                {
                    eventName = EventOf(value, sdk);
                    continue;
                }

                // Any other parameter must be left at null.
                if (!TrySetPart(parameter.Name, value.Value, ref schema, ref table, ref filter) && value.Value != null)
                {
                    return Unknown;
                }
            }

            if (!ApplyInitializer(creation.Initializer, ref schema, ref table, ref filter))
            {
                return Unknown;
            }

            return schema is null || eventName is null ? Unknown : Known(schema, table, eventName, filter);
        }

        /// <summary>What <c>new PostgresChangesFilter().Schema</c> is in the SDK.</summary>
        internal const string FilterDefaultSchema = "public";

        /// <summary>
        /// The registration <c>OnPostgresChange(handler, listenType, filter)</c> makes: the filter's
        /// schema, table and filter (a null filter means <c>new PostgresChangesFilter()</c>).
        /// </summary>
        public static PostgresBinding FromFilter(IOperation? filterValue, string? eventName, SdkSymbols sdk)
        {
            if (eventName is null || sdk.PostgresChangesFilter is null)
            {
                return Unknown;
            }

            var unwrapped = SymbolPath.Unwrap(filterValue);
            IMethodSymbol? constructor;
            ImmutableArray<IArgumentOperation> arguments;
            IObjectOrCollectionInitializerOperation? initializer = null;
            if (unwrapped is null || (unwrapped.ConstantValue.HasValue && unwrapped.ConstantValue.Value is null))
            {
                constructor = DefaultConstructor(sdk.PostgresChangesFilter);
                arguments = ImmutableArray<IArgumentOperation>.Empty;
            }
            else if (unwrapped is IObjectCreationOperation creation && creation.Constructor != null
                && SymbolEqualityComparer.Default.Equals(creation.Constructor.ContainingType, sdk.PostgresChangesFilter))
            {
                constructor = creation.Constructor;
                arguments = creation.Arguments;
                initializer = creation.Initializer;
            }
            else
            {
                return Unknown;
            }

            if (constructor is null)
            {
                return Unknown;
            }

            // The SDK's PostgresChangesFilter (7.4+) has only a parameterless constructor: its Schema
            // property initializer is "public", Table and Filter start null (sdk-behaviour.md, section 4.1).
            string? schema = FilterDefaultSchema, table = null, filter = null;
            foreach (var parameter in constructor.Parameters)
            {
                var value = ArgumentValue(arguments, parameter);
                if (!value.HasValue)
                {
                    return Unknown;
                }

                if (!TrySetPart(parameter.Name, value.Value, ref schema, ref table, ref filter))
                {
                    return Unknown;
                }
            }

            if (!ApplyInitializer(initializer, ref schema, ref table, ref filter))
            {
                return Unknown;
            }

            return schema is null ? Unknown : Known(schema, table, eventName, filter);
        }

        /// <summary>The event of a constant <c>ListenType</c> value: <c>*</c>, <c>INSERT</c>, <c>UPDATE</c>, <c>DELETE</c>; null when unknown.</summary>
        public static string? EventOf(Optional<object?> value, SdkSymbols sdk)
        {
            if (!value.HasValue || value.Value is null || sdk.ListenType is null)
            {
                return null;
            }

            foreach (var member in sdk.ListenType.GetMembers())
            {
                if (member is IFieldSymbol field && field.HasConstantValue && Equals(field.ConstantValue, value.Value))
                {
                    switch (field.Name)
                    {
                        case "All":
                            return AllEvents;
                        case "Inserts":
                            return "INSERT";
                        case "Updates":
                            return "UPDATE";
                        case "Deletes":
                            return "DELETE";
                        default:
                            return null;
                    }
                }
            }

            return null;
        }

        /// <summary>The constant passed for <paramref name="parameter"/> (its default when omitted); unset when not constant.</summary>
        public static Optional<object?> ArgumentValue(ImmutableArray<IArgumentOperation> arguments, IParameterSymbol parameter)
        {
            foreach (var argument in arguments)
            {
                if (argument.Parameter is null || argument.Parameter.Ordinal != parameter.Ordinal)
                {
                    continue;
                }

                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    break;
                }

                var constant = argument.Value.ConstantValue;
                return constant.HasValue ? new Optional<object?>(constant.Value) : default;
            }

            return parameter.HasExplicitDefaultValue ? new Optional<object?>(parameter.ExplicitDefaultValue) : default;
        }

        private static IMethodSymbol? DefaultConstructor(INamedTypeSymbol type)
        {
            foreach (var constructor in type.InstanceConstructors)
            {
                var allOptional = true;
                foreach (var parameter in constructor.Parameters)
                {
                    allOptional &= parameter.HasExplicitDefaultValue;
                }

                if (allOptional)
                {
                    return constructor;
                }
            }

            return null;
        }

        /// <summary>Applies <c>{ Schema = "...", Table = "...", Filter = "..." }</c>; false for anything else.</summary>
        /// <summary>Sets the schema, table or filter from a constructor argument of that name; false for any other parameter.</summary>
        private static bool TrySetPart(string parameterName, object? value, ref string? schema, ref string? table, ref string? filter)
        {
            switch (parameterName)
            {
                case "schema":
                    schema = value as string;
                    return true;
                case "table":
                    table = value as string;
                    return true;
                case "filter":
                    filter = value as string;
                    return true;
                default:
                    return false;
            }
        }

        private static bool ApplyInitializer(IObjectOrCollectionInitializerOperation? initializer, ref string? schema, ref string? table, ref string? filter)
        {
            if (initializer is null)
            {
                return true;
            }

            foreach (var item in initializer.Initializers)
            {
                if (!(item is ISimpleAssignmentOperation assignment) || !(assignment.Target is IPropertyReferenceOperation property)
                    || !assignment.Value.ConstantValue.HasValue)
                {
                    return false;
                }

                var value = assignment.Value.ConstantValue.Value;
                if (value != null && !(value is string))
                {
                    return false;
                }

                switch (property.Property.Name)
                {
                    case "Schema":
                        schema = (string?)value;
                        break;
                    case "Table":
                        table = (string?)value;
                        break;
                    case "Filter":
                        filter = (string?)value;
                        break;
                    case "Parameters" when value is null:
                        break;
                    default:
                        return false;
                }
            }

            return true;
        }
    }
}
