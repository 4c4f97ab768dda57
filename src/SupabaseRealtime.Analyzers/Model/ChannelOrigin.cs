using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>
    /// "Where did this channel come from?" A <c>Channel(...)</c> call on a known realtime client, with
    /// its arguments folded to constants where they are constant. Two origins name the same cached
    /// channel instance when they are on the same client with equal constant arguments (the client
    /// caches channels by topic); non-constant arguments are unknown and never match.
    /// </summary>
    internal sealed class ChannelOrigin
    {
        /// <summary>The parameters of the database overload, which <c>From&lt;T&gt;().On(...)</c> calls.</summary>
        private static readonly ImmutableArray<string> DatabaseParameterNames = ImmutableArray.Create("database", "schema", "table", "column", "value", "parameters");

        private ChannelOrigin(SymbolPath client, IInvocationOperation call, ImmutableArray<Optional<object?>> arguments,
            ImmutableArray<string> parameterNames, bool isTopicOverload, bool isTableOn)
        {
            Client = client;
            Call = call;
            Arguments = arguments;
            ParameterNames = parameterNames;
            IsTopicOverload = isTopicOverload;
            IsTableOn = isTableOn;
        }

        /// <summary>The realtime client the channel belongs to.</summary>
        public SymbolPath Client { get; }

        /// <summary>The <c>Channel(...)</c> invocation.</summary>
        public IInvocationOperation Call { get; }

        /// <summary>Argument values in parameter order (defaults filled in); unset where not constant.</summary>
        public ImmutableArray<Optional<object?>> Arguments { get; }

        /// <summary>The name of the <c>Channel(...)</c> parameter each of <see cref="Arguments"/> is for.</summary>
        public ImmutableArray<string> ParameterNames { get; }

        /// <summary>True when the channel is the one <c>supabase.From&lt;T&gt;().On(...)</c> makes (<see cref="Call"/> is the <c>On</c> call).</summary>
        public bool IsTableOn { get; }

        /// <summary>
        /// True for the named forms <c>Channel(string channelName)</c> and (7.4+) <c>Channel(string channelName, ChannelOptions options)</c>,
        /// which share one cache entry per name; false for <c>Channel(database, schema, table, column, value, parameters)</c>.
        /// </summary>
        public bool IsTopicOverload { get; }

        /// <summary>True when every argument is a compile-time constant.</summary>
        public bool IsConstant
        {
            get
            {
                foreach (var argument in Arguments)
                {
                    if (!argument.HasValue)
                    {
                        return false;
                    }
                }

                return true;
            }
        }

        /// <summary>
        /// The channel's name for messages: the topic for <c>Channel("x")</c>, the table for the
        /// postgres overload (<c>"todos"</c>), or the call's text when not constant.
        /// </summary>
        public string DisplayName => ConstantName ?? HolderName ?? Call.Syntax.ToString();

        /// <summary>The channel's name when its constant arguments give one (the topic, the table, the whole schema); null otherwise.</summary>
        public string? ConstantName
        {
            get
            {
                if (IsTopicOverload)
                {
                    return Arguments.Length > 0 && Arguments[0].HasValue && Arguments[0].Value is string topic ? topic : null;
                }

                // database, schema, table, column, value, parameters
                if (Arguments.Length > 2 && Arguments[2].HasValue && Arguments[2].Value is string table && table != "*")
                {
                    return table;
                }

                // The whole schema ("*"): the schema names it. A table that is not constant: the code's own name for it.
                if (Arguments.Length > 2 && Arguments[2].HasValue && Arguments[1].HasValue && Arguments[1].Value is string schema)
                {
                    return schema;
                }

                return null;
            }
        }

        /// <summary>The local, field or property the code keeps the channel in (<c>var room = client.Channel(...)</c>), if any.</summary>
        public string? HolderName
        {
            get
            {
                IOperation node = Call;
                var parent = node.Parent;
                while (parent is IConversionOperation || parent is IParenthesizedOperation || parent is IAwaitOperation)
                {
                    node = parent;
                    parent = parent.Parent;
                }

                switch (parent)
                {
                    case IVariableInitializerOperation initializer when initializer.Parent is IVariableDeclaratorOperation declarator:
                        return declarator.Symbol.Name;
                    case ISimpleAssignmentOperation assignment when assignment.Value == node && ChannelSlots.GetSlot(assignment.Target) is { } slot:
                        return slot.Name;
                    default:
                        return null;
                }
            }
        }

        /// <summary>
        /// The same call with other argument values: a helper's <c>Channel(topic)</c> with the constant one call of the
        /// helper passes for <c>topic</c>.
        /// </summary>
        public ChannelOrigin WithArguments(ImmutableArray<Optional<object?>> arguments)
            => arguments.Length == Arguments.Length
                ? new ChannelOrigin(Client, Call, arguments, ParameterNames, IsTopicOverload, IsTableOn)
                : this;

        /// <summary>True when both origins give the same cached instance: same client, equal constant arguments.</summary>
        public bool IsSameInstanceAs(ChannelOrigin other)
        {
            if (!Client.Equals(other.Client) || !IsConstant || !other.IsConstant
                || IsTopicOverload != other.IsTopicOverload || Arguments.Length != other.Arguments.Length)
            {
                return false;
            }

            for (var i = 0; i < Arguments.Length; i++)
            {
                if (!Equals(Arguments[i].Value, other.Arguments[i].Value))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when <paramref name="method"/> is a realtime client's <c>Channel(...)</c>.</summary>
        public static bool IsChannelMethod(IMethodSymbol method, SdkSymbols sdk)
            => method.Name == "Channel" && sdk.IsRealtimeClient(method.ContainingType);

        /// <summary>The origin of a <c>Channel(...)</c> invocation on a known client.</summary>
        public static bool TryGetFromCall(IInvocationOperation? invocation, SdkSymbols sdk, out ChannelOrigin origin)
        {
            origin = null!;
            if (invocation is null || !IsChannelMethod(invocation.TargetMethod, sdk)
                || !ClientIdentity.TryGetRealtimeClient(invocation.Instance, sdk, out var client))
            {
                return false;
            }

            var parameters = invocation.TargetMethod.Parameters;
            var named = IsNamedOverload(invocation.TargetMethod);

            // The cache key of a named channel is its name alone: ChannelOptions do not take part (sdk-behaviour.md, section 1).
            var count = named ? 1 : parameters.Length;
            var values = ImmutableArray.CreateBuilder<Optional<object?>>(count);
            var names = ImmutableArray.CreateBuilder<string>(count);
            for (var i = 0; i < count; i++)
            {
                values.Add(ValueOf(invocation, parameters[i]));
                names.Add(parameters[i].Name);
            }

            origin = new ChannelOrigin(client, invocation, values.MoveToImmutable(), names.MoveToImmutable(), named, isTableOn: false);
            return true;
        }

        /// <summary>
        /// The channel <c>supabase.From&lt;T&gt;().On(listenType, handler)</c> makes: <c>Realtime.Channel("realtime", "public", table)</c>
        /// on the Supabase client's realtime client, called before the SDK checks the socket (sdk-behaviour.md, section 8).
        /// The table is the model's <c>[Table]</c> name, or its type name.
        /// </summary>
        public static bool TryGetFromTableOn(IInvocationOperation invocation, SdkSymbols sdk, out ChannelOrigin origin)
        {
            origin = null!;
            if (!ChannelCalls.IsTableOn(invocation, sdk, out _)
                || !Subscriptions.TryGetSupabaseOfTable(invocation.Instance, sdk, out var supabase, out var from)
                || !ClientIdentity.TryGetRealtimeOfSupabase(supabase, sdk, out var realtime))
            {
                return false;
            }

            // Channel("realtime", "public", table, parameters: { user_token }): the parameters take no part in the cache key
            // and add no binding filter, so the origin names the same cached instance as Channel("realtime", "public", table).
            var arguments = ImmutableArray.Create(
                new Optional<object?>("realtime"),
                new Optional<object?>("public"),
                new Optional<object?>(Subscriptions.TableName(from, sdk)),
                new Optional<object?>(null),
                new Optional<object?>(null),
                new Optional<object?>(null));
            origin = new ChannelOrigin(realtime, invocation, arguments, DatabaseParameterNames, isTopicOverload: false, isTableOn: true);
            return true;
        }

        /// <summary>True for <c>Channel(string channelName)</c> and <c>Channel(string channelName, ChannelOptions options)</c>.</summary>
        public static bool IsNamedOverload(IMethodSymbol channelMethod)
        {
            var parameters = channelMethod.Parameters;
            return parameters.Length == 1
                || (parameters.Length == 2 && parameters[0].Type.SpecialType == SpecialType.System_String
                    && parameters[1].Type is INamedTypeSymbol { Name: "ChannelOptions" });
        }

        /// <summary>
        /// The origin of a channel expression that is itself a <c>Channel(...)</c> call (through
        /// conversions and <c>await</c>-free wrappers). Locals and fields are resolved by the rules,
        /// which know the flow; see <see cref="ChannelSlots"/>.
        /// </summary>
        public static bool TryGet(IOperation? channel, SdkSymbols sdk, out ChannelOrigin origin)
            => TryGetFromCall(SymbolPath.Unwrap(channel) as IInvocationOperation, sdk, out origin);

        /// <summary>The constant value passed for <paramref name="parameter"/> (its default when omitted); unset when not constant.</summary>
        public static Optional<object?> ValueOf(IInvocationOperation invocation, IParameterSymbol parameter)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (!SymbolEqualityComparer.Default.Equals(argument.Parameter?.OriginalDefinition, parameter.OriginalDefinition)
                    && !(argument.Parameter?.Ordinal == parameter.Ordinal && argument.Parameter?.Name == parameter.Name))
                {
                    continue;
                }

                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    return parameter.HasExplicitDefaultValue ? new Optional<object?>(parameter.ExplicitDefaultValue) : default;
                }

                return ConstantFolding.Fold(argument.Value);
            }

            return parameter.HasExplicitDefaultValue ? new Optional<object?>(parameter.ExplicitDefaultValue) : default;
        }

        public override string ToString() => string.Format(CultureInfo.InvariantCulture, "{0}.Channel({1})", Client.Display, DisplayName);
    }

    /// <summary>Helpers for the places a channel is kept: locals, fields and properties.</summary>
    internal static class ChannelSlots
    {
        /// <summary>
        /// The symbol an assignment target or reference names when it is a local, a field or a
        /// property of the containing type (<c>_channel</c>, <c>this.Channel</c>); null otherwise.
        /// </summary>
        public static ISymbol? GetSlot(IOperation? operation)
        {
            operation = SymbolPath.Unwrap(operation);
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IFieldReferenceOperation field when field.Instance is null || SymbolPath.Unwrap(field.Instance) is IInstanceReferenceOperation:
                    return field.Field;
                case IPropertyReferenceOperation property when property.Arguments.IsEmpty
                    && (property.Instance is null || SymbolPath.Unwrap(property.Instance) is IInstanceReferenceOperation):
                    return property.Property;
                default:
                    return null;
            }
        }

        /// <summary>
        /// For an assignment or variable initializer whose value is a channel, the slot written and the
        /// value: <c>_channel = client.Channel("x")</c>, <c>var channel = client.Channel("x")</c>.
        /// </summary>
        public static bool TryGetAssignment(IOperation operation, out ISymbol slot, out IOperation value)
        {
            slot = null!;
            value = null!;
            if (!IsAssignmentKind(operation.Kind))
            {
                return false;
            }

            switch (operation)
            {
                case ISimpleAssignmentOperation assignment when GetSlot(assignment.Target) is { } target:
                    slot = target;
                    value = assignment.Value;
                    return true;
                case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer() is { } initializer:
                    slot = declarator.Symbol;
                    value = initializer.Value;
                    return true;
                case IFieldInitializerOperation fieldInitializer when fieldInitializer.InitializedFields.Length == 1:
                    slot = fieldInitializer.InitializedFields[0];
                    value = fieldInitializer.Value;
                    return true;
                case IPropertyInitializerOperation propertyInitializer when propertyInitializer.InitializedProperties.Length == 1:
                    slot = propertyInitializer.InitializedProperties[0];
                    value = propertyInitializer.Value;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// The kinds <see cref="TryGetAssignment"/> reads: every walk asks it of every operation, and one test of the
        /// kind turns the others (most of a body) away before any type test.
        /// </summary>
        public static bool IsAssignmentKind(OperationKind kind)
            => kind == OperationKind.SimpleAssignment || kind == OperationKind.VariableDeclarator
                || kind == OperationKind.FieldInitializer || kind == OperationKind.PropertyInitializer;

        /// <summary>The value with <c>await</c> and conversions removed (for <c>_channel = await table.On(...)</c>).</summary>
        public static IOperation? UnwrapAwait(IOperation? value)
        {
            value = SymbolPath.Unwrap(value);
            while (value is IAwaitOperation awaited)
            {
                value = SymbolPath.Unwrap(awaited.Operation);
                if (value is IInvocationOperation invocation && invocation.TargetMethod.Name == "ConfigureAwait")
                {
                    value = SymbolPath.Unwrap(invocation.Instance);
                }
            }

            return value;
        }

        /// <summary>True for a <c>ref</c> or <c>out</c> parameter: the callee may write the slot the caller passes.</summary>
        public static bool IsRefOrOut(IParameterSymbol? parameter)
            => parameter != null && (parameter.RefKind == RefKind.Ref || parameter.RefKind == RefKind.Out);

        /// <summary>The field of this instance an argument passes for a <c>ref</c>/<c>out</c> parameter (<c>SetUp(ref _channel)</c>), or null.</summary>
        public static IFieldSymbol? InstanceFieldPassedByRef(IArgumentOperation argument)
            => IsRefOrOut(argument.Parameter) && GetSlot(argument.Value) is IFieldSymbol field && !field.IsStatic ? field : null;

        public static bool IsSame(ISymbol? a, ISymbol? b) => a != null && SymbolEqualityComparer.Default.Equals(a, b);

        /// <summary>Whether <paramref name="symbol"/> may hold null per its declared nullability (unknown counts as nullable).</summary>
        public static bool MayBeNull(ISymbol symbol)
        {
            switch (symbol)
            {
                case IFieldSymbol field:
                    return field.NullableAnnotation != NullableAnnotation.NotAnnotated;
                case IPropertySymbol property:
                    return property.NullableAnnotation != NullableAnnotation.NotAnnotated;
                case ILocalSymbol local:
                    return local.NullableAnnotation != NullableAnnotation.NotAnnotated;
                default:
                    return true;
            }
        }
    }
}
