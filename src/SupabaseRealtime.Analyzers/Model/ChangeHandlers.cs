using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>The postgres change events a handler can receive.</summary>
    [Flags]
    internal enum ChangeEvents
    {
        None = 0,
        Insert = 1,
        Update = 2,
        Delete = 4,
        All = Insert | Update | Delete,
    }

    /// <summary>How a change handler was attached.</summary>
    internal enum ChangeHandlerApi
    {
        /// <summary><c>IRealtimeChannel.AddPostgresChangeHandler(listenType, handler)</c>.</summary>
        AddPostgresChangeHandler,

        /// <summary><c>IRealtimeChannel.OnPostgresChange(handler, listenType, filter)</c> (Realtime 7.4+).</summary>
        OnPostgresChange,

        /// <summary><c>ISupabaseTable&lt;TModel, TChannel&gt;.On(listenType, handler)</c>.</summary>
        TableOn,

        /// <summary><c>channel.OnInsert/OnUpdate/OnDelete/OnPostgresChange += handler</c> (Realtime before 6.0).</summary>
        ChannelEvent,
    }

    /// <summary>
    /// One change handler attached to a channel or table: the registration, the delegate (a lambda or
    /// anonymous method, or a method group naming a method or local function), and the events it can receive.
    /// </summary>
    internal sealed class ChangeHandler
    {
        public ChangeHandler(
            IOperation registration,
            ChangeHandlerApi api,
            IOperation? handlerValue,
            IAnonymousFunctionOperation? anonymousFunction,
            IMethodSymbol? method,
            string? listenType,
            ChangeEvents events,
            string? table)
        {
            Registration = registration;
            Api = api;
            HandlerValue = handlerValue;
            AnonymousFunction = anonymousFunction;
            Method = method;
            ListenType = listenType;
            Events = events;
            Table = table;
        }

        /// <summary>The <see cref="IInvocationOperation"/> or <see cref="IEventAssignmentOperation"/> that attaches the handler.</summary>
        public IOperation Registration { get; }

        public ChangeHandlerApi Api { get; }

        /// <summary>The delegate argument as written (before delegate creation is unwrapped); null when missing.</summary>
        public IOperation? HandlerValue { get; }

        /// <summary>The lambda or anonymous method, when the handler is one.</summary>
        public IAnonymousFunctionOperation? AnonymousFunction { get; }

        /// <summary>The method or local function a method group names, when the handler is one.</summary>
        public IMethodSymbol? Method { get; }

        /// <summary>
        /// The listen type's member name (<c>All</c>, <c>Inserts</c>, <c>Updates</c>, <c>Deletes</c>) when it is a constant,
        /// the event name for the 5.x channel events, or null when it is not known at compile time.
        /// </summary>
        public string? ListenType { get; }

        /// <summary>The events the handler can receive; a listen type that is not a constant counts as all of them.</summary>
        public ChangeEvents Events { get; }

        /// <summary>The table the handler listens to, when the registration names it.</summary>
        public string? Table { get; }

        /// <summary>True when the handler's body is known (a lambda, an anonymous method or a method group).</summary>
        public bool HasKnownTarget => AnonymousFunction != null || Method != null;

        /// <summary>The type whose code the handler runs in (the lambda's enclosing type, or the method's type).</summary>
        public INamedTypeSymbol? OwnerType => AnonymousFunction?.Symbol?.ContainingType ?? Method?.ContainingType;

        public bool CanReceive(ChangeEvents events) => (Events & events) != 0;
    }

    /// <summary>
    /// Decides which delegates are postgres change handlers, and with which listen type. One instance per
    /// compilation (it holds the SDK symbols it matches on); reusable by every rule that looks at handlers.
    /// </summary>
    internal sealed class ChangeHandlers
    {
        private readonly SdkSymbols sdk;
        private readonly INamedTypeSymbol? handlerDelegate;
        private readonly INamedTypeSymbol? tableAttribute;
        private readonly INamedTypeSymbol? legacyTableAttribute;

        private ChangeHandlers(SdkSymbols sdk)
        {
            this.sdk = sdk;
            handlerDelegate = sdk.GetSdkType("Supabase.Realtime.Interfaces.IRealtimeChannel+PostgresChangesHandler");
            tableAttribute = sdk.GetSdkType("Supabase.Postgrest.Attributes.TableAttribute");
            legacyTableAttribute = sdk.GetSdkType("Postgrest.Attributes.TableAttribute");
        }

        public SdkSymbols Sdk => sdk;

        /// <summary>Returns the matcher, or null when the compilation has no realtime channel type (no handler can be attached).</summary>
        public static ChangeHandlers? Create(SdkSymbols sdk)
            => sdk.RealtimeChannelInterface is null && sdk.RealtimeChannel is null ? null : new ChangeHandlers(sdk);

        /// <summary>
        /// True when <paramref name="operation"/> attaches a postgres change handler: an invocation of
        /// <c>AddPostgresChangeHandler</c>, <c>OnPostgresChange</c> or <c>ISupabaseTable.On</c>, or a <c>+=</c>
        /// of a 5.x channel event (<c>OnInsert</c>, <c>OnUpdate</c>, <c>OnDelete</c>, <c>OnPostgresChange</c>).
        /// </summary>
        public bool TryGetHandler(IOperation? operation, out ChangeHandler handler)
        {
            handler = null!;
            switch (operation)
            {
                case IInvocationOperation invocation:
                    return TryGetFromInvocation(invocation, out handler);
                case IEventAssignmentOperation assignment:
                    return TryGetFromEvent(assignment, out handler);
                default:
                    return false;
            }
        }

        /// <summary>The name a Postgrest model maps to (its <c>[Table("...")]</c>), or null when it declares none.</summary>
        public string? TableOf(ITypeSymbol? model)
        {
            if (model is null || model.TypeKind == TypeKind.Error)
            {
                return null;
            }

            for (var type = model; type != null; type = type.BaseType)
            {
                foreach (var attribute in type.GetAttributes())
                {
                    var attributeClass = attribute.AttributeClass;
                    if (attributeClass is null)
                    {
                        continue;
                    }

                    // The SDK's attribute first; any other TableAttribute (sqlite-net, data annotations) names the table the same way.
                    var isSdk = SymbolEqualityComparer.Default.Equals(attributeClass, tableAttribute)
                        || SymbolEqualityComparer.Default.Equals(attributeClass, legacyTableAttribute);
                    if ((isSdk || attributeClass.Name == "TableAttribute")
                        && attribute.ConstructorArguments.Length > 0
                        && attribute.ConstructorArguments[0].Value is string name
                        && name.Length > 0)
                    {
                        return name;
                    }
                }
            }

            return null;
        }

        /// <summary>
        /// The lambda, anonymous method or method group behind a delegate value (through conversions,
        /// <c>new Handler(...)</c>, and locals written exactly once); both null when the delegate comes from
        /// elsewhere (a field, a parameter, a call, a local written more than once).
        /// </summary>
        public static (IAnonymousFunctionOperation? Lambda, IMethodSymbol? Method) ResolveDelegate(IOperation? value)
        {
            var hops = 0;
            for (var current = value; current != null;)
            {
                switch (current)
                {
                    case IConversionOperation conversion:
                        current = conversion.Operand;
                        continue;
                    case IDelegateCreationOperation creation:
                        current = creation.Target;
                        continue;
                    case IAnonymousFunctionOperation lambda:
                        return (lambda, null);
                    case IMethodReferenceOperation reference:
                        return (null, reference.Method);
                    case ILocalReferenceOperation local when hops++ < 4:
                        current = LocalWrites.Of(local).OnlyValue;
                        continue;
                    default:
                        return (null, null);
                }
            }

            return (null, null);
        }

        private bool TryGetFromInvocation(IInvocationOperation invocation, out ChangeHandler handler)
        {
            handler = null!;
            var method = invocation.TargetMethod;
            if (method is null)
            {
                return false;
            }

            ChangeHandlerApi api;
            switch (method.Name)
            {
                case "AddPostgresChangeHandler" when sdk.IsRealtimeChannel(method.ContainingType):
                    api = ChangeHandlerApi.AddPostgresChangeHandler;
                    break;
                case "OnPostgresChange" when sdk.IsRealtimeChannel(method.ContainingType):
                    api = ChangeHandlerApi.OnPostgresChange;
                    break;
                case "On" when sdk.IsSupabaseTable(method.ContainingType):
                    api = ChangeHandlerApi.TableOn;
                    break;
                default:
                    return false;
            }

            IArgumentOperation? handlerArgument = null;
            IArgumentOperation? listenTypeArgument = null;
            IArgumentOperation? filterArgument = null;
            foreach (var argument in invocation.Arguments)
            {
                var parameterType = argument.Parameter?.Type;
                if (parameterType is null)
                {
                    continue;
                }

                if (IsHandlerDelegate(parameterType))
                {
                    handlerArgument = argument;
                }
                else if (SymbolEqualityComparer.Default.Equals(parameterType, sdk.ListenType))
                {
                    listenTypeArgument = argument;
                }
                else if (SymbolEqualityComparer.Default.Equals(parameterType, sdk.PostgresChangesFilter))
                {
                    filterArgument = argument;
                }
            }

            if (handlerArgument is null)
            {
                return false;
            }

            var listenType = ListenTypeName(listenTypeArgument?.Value);
            var events = EventsOfListenType(listenType);
            string? table = api switch
            {
                ChangeHandlerApi.TableOn => TableOfSupabaseTable(invocation.Instance?.Type),
                ChangeHandlerApi.OnPostgresChange => TableOfFilter(filterArgument?.Value) ?? TableOfChannel(invocation.Instance),
                _ => TableOfChannel(invocation.Instance),
            };

            var (lambda, target) = ResolveDelegate(handlerArgument.Value);
            handler = new ChangeHandler(invocation, api, handlerArgument.Value, lambda, target, listenType, events, table);
            return true;
        }

        private bool TryGetFromEvent(IEventAssignmentOperation assignment, out ChangeHandler handler)
        {
            handler = null!;
            if (!assignment.Adds || !(assignment.EventReference is IEventReferenceOperation reference))
            {
                return false;
            }

            var @event = reference.Event;
            if (@event is null || !sdk.IsRealtimeChannel(@event.ContainingType))
            {
                return false;
            }

            ChangeEvents events;
            switch (@event.Name)
            {
                case "OnInsert":
                    events = ChangeEvents.Insert;
                    break;
                case "OnUpdate":
                    events = ChangeEvents.Update;
                    break;
                case "OnDelete":
                    events = ChangeEvents.Delete;
                    break;
                case "OnPostgresChange":
                    events = ChangeEvents.All;
                    break;
                default:
                    return false;
            }

            var (lambda, target) = ResolveDelegate(assignment.HandlerValue);
            handler = new ChangeHandler(assignment, ChangeHandlerApi.ChannelEvent, assignment.HandlerValue, lambda, target, @event.Name, events, TableOfChannel(reference.Instance));
            return true;
        }

        private bool IsHandlerDelegate(ITypeSymbol type)
        {
            if (handlerDelegate != null)
            {
                return SymbolEqualityComparer.Default.Equals(type, handlerDelegate);
            }

            // No PostgresChangesHandler by that name: a delegate whose Invoke takes a PostgresChangesResponse.
            if (type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { } invoke })
            {
                foreach (var parameter in invoke.Parameters)
                {
                    if (SdkSymbols.IsOrDerives(parameter.Type, sdk.PostgresChangesResponse))
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>The listen type member's name when the value is a constant, else null.</summary>
        private string? ListenTypeName(IOperation? value)
        {
            if (value is null || sdk.ListenType is null)
            {
                return null;
            }

            var constant = value.ConstantValue;
            if (!constant.HasValue || constant.Value is null)
            {
                return null;
            }

            foreach (var member in sdk.ListenType.GetMembers())
            {
                if (member is IFieldSymbol { HasConstantValue: true } field && Equals(field.ConstantValue, constant.Value))
                {
                    return field.Name;
                }
            }

            return null;
        }

        private static ChangeEvents EventsOfListenType(string? listenType)
        {
            switch (listenType)
            {
                case "Inserts":
                    return ChangeEvents.Insert;
                case "Updates":
                    return ChangeEvents.Update;
                case "Deletes":
                    return ChangeEvents.Delete;
                default:
                    // "All", and a listen type that is not a constant.
                    return ChangeEvents.All;
            }
        }

        private string? TableOfSupabaseTable(ITypeSymbol? tableType)
        {
            if (!(tableType is INamedTypeSymbol named) || sdk.SupabaseTableInterface is null)
            {
                return null;
            }

            INamedTypeSymbol? table = null;
            if (SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, sdk.SupabaseTableInterface))
            {
                table = named;
            }
            else
            {
                foreach (var implemented in named.AllInterfaces)
                {
                    if (SymbolEqualityComparer.Default.Equals(implemented.OriginalDefinition, sdk.SupabaseTableInterface))
                    {
                        table = implemented;
                        break;
                    }
                }
            }

            if (table is null || table.TypeArguments.Length == 0)
            {
                return null;
            }

            var model = table.TypeArguments[0];
            return TableOf(model) ?? (model.TypeKind == TypeKind.Error ? null : model.Name);
        }

        /// <summary>The table of <c>new PostgresChangesFilter(schema, table)</c> or <c>new PostgresChangesFilter { Table = "..." }</c>.</summary>
        private static string? TableOfFilter(IOperation? filter)
        {
            var creation = Unwrap(filter) as IObjectCreationOperation;
            if (creation is null)
            {
                return null;
            }

            string? table = null;
            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Name == "table" && argument.Value.ConstantValue is { HasValue: true, Value: string name })
                {
                    table = name;
                }
            }

            if (creation.Initializer != null)
            {
                foreach (var initializer in creation.Initializer.Initializers)
                {
                    if (initializer is ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property: { Name: "Table" } } } assignment
                        && assignment.Value.ConstantValue is { HasValue: true, Value: string name })
                    {
                        table = name;
                    }
                }
            }

            return string.IsNullOrEmpty(table) || table == "*" ? null : table;
        }

        /// <summary>The table of a channel held in a local initialized with <c>Channel(database, schema, table, ...)</c>.</summary>
        private string? TableOfChannel(IOperation? channel)
        {
            if (!(Unwrap(channel) is ILocalReferenceOperation local) || local.SemanticModel is null)
            {
                return null;
            }

            var references = local.Local.DeclaringSyntaxReferences;
            if (references.Length != 1
                || !(references[0].GetSyntax() is VariableDeclaratorSyntax declarator)
                || declarator.Initializer is null
                || declarator.SyntaxTree != local.SemanticModel.SyntaxTree)
            {
                return null;
            }

            if (!(Unwrap(local.SemanticModel.GetOperation(declarator.Initializer.Value)) is IInvocationOperation creation)
                || creation.TargetMethod.Name != "Channel"
                || !sdk.IsRealtimeClient(creation.TargetMethod.ContainingType))
            {
                return null;
            }

            foreach (var argument in creation.Arguments)
            {
                if (argument.Parameter?.Name == "table"
                    && argument.ArgumentKind == ArgumentKind.Explicit
                    && argument.Value.ConstantValue is { HasValue: true, Value: string name }
                    && name.Length > 0
                    && name != "*")
                {
                    return name;
                }
            }

            return null;
        }

        private static IOperation? Unwrap(IOperation? operation)
        {
            while (operation is IConversionOperation conversion && conversion.IsImplicit)
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }
}
