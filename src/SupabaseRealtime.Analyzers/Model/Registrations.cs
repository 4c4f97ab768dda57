using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;
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

                switch (parameter.Name)
                {
                    case "schema":
                        schema = value.Value as string;
                        break;
                    case "table":
                        table = value.Value as string;
                        break;
                    case "filter":
                        filter = value.Value as string;
                        break;
                    default:
                        if (value.Value != null)
                        {
                            return Unknown;
                        }

                        break;
                }
            }

            if (!ApplyInitializer(creation.Initializer, ref schema, ref table, ref filter))
            {
                return Unknown;
            }

            return schema is null || eventName is null ? Unknown : Known(schema, table, eventName, filter);
        }

        /// <summary>
        /// The registration <c>OnPostgresChange(handler, listenType, filter)</c> makes: the filter's
        /// schema, table and filter (a null filter means <c>new PostgresChangesFilter()</c>).
        /// </summary>
        /// <summary>What <c>new PostgresChangesFilter().Schema</c> is in the SDK.</summary>
        internal const string FilterDefaultSchema = "public";

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

                switch (parameter.Name)
                {
                    case "schema":
                        schema = value.Value as string;
                        break;
                    case "table":
                        table = value.Value as string;
                        break;
                    case "filter":
                        filter = value.Value as string;
                        break;
                    default:
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

    /// <summary>What a call does to a channel's bindings.</summary>
    internal enum ChannelCallKind
    {
        /// <summary><c>client.Channel(...)</c>: creates the channel (the postgres overload registers one binding).</summary>
        Create,

        /// <summary><c>Register(PostgresChangesOptions)</c>.</summary>
        RegisterPostgres,

        /// <summary><c>OnPostgresChange(handler, listenType, filter)</c>: registers and binds its handler.</summary>
        OnPostgresChange,

        /// <summary><c>AddPostgresChangeHandler(listenType, handler)</c>: binds a handler to a free registration.</summary>
        AddHandler,

        /// <summary><c>RemovePostgresChangeHandler</c> / <c>ClearPostgresChangeHandlers</c>.</summary>
        RemoveHandlers,

        /// <summary>
        /// <c>supabase.From&lt;T&gt;().On(listenType, handler)</c>: <c>Channel("realtime", "public", table)</c> (cached per
        /// table), then <c>AddPostgresChangeHandler(listenType, handler)</c> and <c>Subscribe()</c> on it. In a timeline it
        /// stands as a <see cref="Create"/> and an <see cref="AddHandler"/>.
        /// </summary>
        TableOn,

        /// <summary><c>Register&lt;TBroadcast&gt;(...)</c>.</summary>
        RegisterBroadcast,

        /// <summary><c>Register&lt;TPresence&gt;(presenceKey)</c>.</summary>
        RegisterPresence,

        Subscribe,

        Unsubscribe,
    }

    /// <summary>
    /// One body with its own control-flow graph: a member's body, a field or property initializer, or
    /// a lambda / local function inside one (<see cref="IsNested"/>: it runs at a time the model does not know).
    /// </summary>
    internal sealed class BodyFlow
    {
        public BodyFlow(CallOrder order, bool isNested, bool isConstructorPhase, bool isInitializer, SyntaxNode syntax)
        {
            Order = order;
            IsNested = isNested;
            IsConstructorPhase = isConstructorPhase;
            IsInitializer = isInitializer;
            Syntax = syntax;
        }

        public CallOrder Order { get; }

        public bool IsNested { get; }

        /// <summary>An instance constructor's body or an instance field/property initializer.</summary>
        public bool IsConstructorPhase { get; }

        public bool IsInitializer { get; }

        /// <summary>The syntax of the root operation (orders initializers by position).</summary>
        public SyntaxNode Syntax { get; }

        /// <summary>True when every normal completion of the body passes <paramref name="point"/> exactly once.</summary>
        public bool IsOnEveryPath(FlowPoint point)
        {
            var exit = new FlowPoint(Order.Graph.Blocks.Length - 1, 0, 0);
            return !Order.IsInCycle(point) && !Order.ExistsPathFromEntry(exit, new[] { point });
        }

        /// <summary>True when some slot write in <paramref name="rebinds"/> can run after <paramref name="point"/> in this body.</summary>
        public bool IsReboundAfter(FlowPoint point, IReadOnlyCollection<FlowPoint> rebinds)
        {
            foreach (var rebind in rebinds)
            {
                if (!IsSameStatement(rebind, point) && Order.Reaches(point, rebind))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsSameStatement(FlowPoint a, FlowPoint b) => a.Block == b.Block && a.Index == b.Index;

        /// <summary>
        /// True when <paramref name="first"/> has run on every path to <paramref name="second"/>, with no
        /// <paramref name="rebinds"/> (the channel slot written again) in between.
        /// </summary>
        public bool Dominates(FlowPoint first, FlowPoint second, IReadOnlyCollection<FlowPoint> rebinds)
        {
            if (!Order.Reaches(first, second) || Order.ExistsPathFromEntry(second, new[] { first }))
            {
                return false;
            }

            var around = new[] { first };
            foreach (var rebind in rebinds)
            {
                // The write of the first call's own result (var channel = client.Channel(...)) is not a rebind.
                if (!IsSameStatement(rebind, first) && Order.ExistsPath(rebind, second, around))
                {
                    return false;
                }
            }

            return true;
        }
    }

    /// <summary>One SDK call on a channel (or the <c>Channel(...)</c> call that made it), placed in its body.</summary>
    internal sealed class ChannelCall
    {
        public ChannelCall(ChannelCallKind kind, IInvocationOperation invocation, BodyFlow body, FlowPoint point, PostgresBinding? binding, string? handlerEvent)
        {
            Kind = kind;
            Invocation = invocation;
            Body = body;
            Point = point;
            Binding = binding;
            HandlerEvent = handlerEvent;
        }

        public ChannelCallKind Kind { get; }

        public IInvocationOperation Invocation { get; }

        public BodyFlow Body { get; }

        public FlowPoint Point { get; }

        /// <summary>The registration this call makes (Register(options), OnPostgresChange, postgres <c>Channel(...)</c>); null when it makes none.</summary>
        public PostgresBinding? Binding { get; }

        /// <summary>The event of the handler this call binds (AddPostgresChangeHandler, OnPostgresChange); null when not constant.</summary>
        public string? HandlerEvent { get; }

        /// <summary>Register(options), OnPostgresChange, Register&lt;TBroadcast&gt; or Register&lt;TPresence&gt;: a binding sent in the join message.</summary>
        public bool AddsJoinBinding => IsJoinBinding(Kind);

        /// <summary>True for the kinds of call that add a binding sent in the join message.</summary>
        public static bool IsJoinBinding(ChannelCallKind kind)
            => kind == ChannelCallKind.RegisterPostgres || kind == ChannelCallKind.OnPostgresChange
                || kind == ChannelCallKind.RegisterBroadcast || kind == ChannelCallKind.RegisterPresence;

        /// <summary>The 1-based line of the call (mapped through <c>#line</c>).</summary>
        public int Line => Invocation.Syntax.GetLocation().GetMappedLineSpan().StartLinePosition.Line + 1;

        /// <summary>The method name as written for messages: <c>Register</c>, <c>Register&lt;ChatMessage&gt;</c>, <c>OnPostgresChange</c>.</summary>
        public string Name
        {
            get
            {
                var method = Invocation.TargetMethod;
                return method.IsGenericMethod && method.TypeArguments.Length == 1
                    ? method.Name + "<" + method.TypeArguments[0].Name + ">"
                    : method.Name;
            }
        }

        /// <summary>The call without its receiver, arguments as written: <c>Channel("realtime", "public", "users")</c>.</summary>
        public string Text
        {
            get
            {
                if (Kind == ChannelCallKind.Create && Invocation.TargetMethod.Name == "On"
                    && SymbolPath.Unwrap(Invocation.Instance) is IInvocationOperation from && from.TargetMethod.TypeArguments.Length == 1)
                {
                    // The channel From<T>().On(...) makes: named by the call the code wrote.
                    return string.Format(CultureInfo.InvariantCulture, "the From<{0}>().On(...) on line {1}", from.TargetMethod.TypeArguments[0].Name, Line);
                }

                var text = new StringBuilder(Invocation.TargetMethod.Name).Append('(');
                if (Invocation.Syntax is InvocationExpressionSyntax syntax)
                {
                    var arguments = syntax.ArgumentList.Arguments;
                    for (var i = 0; i < arguments.Count; i++)
                    {
                        text.Append(i == 0 ? string.Empty : ", ").Append(arguments[i].ToString());
                    }
                }

                return text.Append(')').ToString();
            }
        }

        /// <summary>From the method name to the end of the call: <c>Register(new PostgresChangesOptions(...))</c>.</summary>
        public Location NameLocation
        {
            get
            {
                var syntax = Invocation.Syntax;
                if (syntax is InvocationExpressionSyntax invocation)
                {
                    SyntaxNode? name = null;
                    if (invocation.Expression is MemberAccessExpressionSyntax access)
                    {
                        name = access.Name;
                    }
                    else if (invocation.Expression is MemberBindingExpressionSyntax binding)
                    {
                        name = binding.Name;
                    }

                    if (name != null)
                    {
                        return Location.Create(syntax.SyntaxTree, Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(name.SpanStart, syntax.Span.End));
                    }
                }

                return syntax.GetLocation();
            }
        }

        /// <summary>Classifies an SDK call on a channel (or a realtime client's <c>Channel(...)</c>).</summary>
        public static bool TryGetKind(IInvocationOperation invocation, SdkSymbols sdk, out ChannelCallKind kind)
        {
            kind = default;
            var method = invocation.TargetMethod;
            if (!IsChannelCallName(method.Name))
            {
                return false;
            }

            if (ChannelOrigin.IsChannelMethod(method, sdk))
            {
                kind = ChannelCallKind.Create;
                return true;
            }

            if (method.Name == "On")
            {
                if (ChannelCalls.IsTableOn(invocation, sdk, out _))
                {
                    kind = ChannelCallKind.TableOn;
                    return true;
                }

                return false;
            }

            if (!sdk.IsRealtimeChannel(method.ContainingType))
            {
                return false;
            }

            switch (method.Name)
            {
                case "Register" when method.IsGenericMethod:
                    if (method.TypeArguments.Length != 1 || method.TypeArguments[0].TypeKind == TypeKind.Error)
                    {
                        // Half-typed: which registration this is stays unknown.
                        return false;
                    }

                    kind = method.Parameters.Length == 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_String
                        ? ChannelCallKind.RegisterPresence
                        : ChannelCallKind.RegisterBroadcast;
                    return true;
                case "Register" when method.Parameters.Length == 1
                    && SymbolEqualityComparer.Default.Equals(method.Parameters[0].Type, sdk.PostgresChangesOptions):
                    kind = ChannelCallKind.RegisterPostgres;
                    return true;
                case "OnPostgresChange":
                    kind = ChannelCallKind.OnPostgresChange;
                    return true;
                case "AddPostgresChangeHandler":
                    kind = ChannelCallKind.AddHandler;
                    return true;
                case "RemovePostgresChangeHandler":
                case "ClearPostgresChangeHandlers":
                    kind = ChannelCallKind.RemoveHandlers;
                    return true;
                case "Subscribe":
                    kind = ChannelCallKind.Subscribe;
                    return true;
                case "Unsubscribe":
                    kind = ChannelCallKind.Unsubscribe;
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>The cheap test before any symbol check: the names of the calls the model follows.</summary>
        public static bool IsChannelCallName(string name)
        {
            // By length first: runs on every invocation of every type, and most names are rejected without hashing them.
            switch (name.Length)
            {
                case 2:
                    return name == "On";
                case 7:
                    return name == "Channel";
                case 8:
                    return name == "Register";
                case 9:
                    return name == "Subscribe";
                case 11:
                    return name == "Unsubscribe";
                case 16:
                    return name == "OnPostgresChange";
                case 24:
                    return name == "AddPostgresChangeHandler";
                case 27:
                    return name == "RemovePostgresChangeHandler" || name == "ClearPostgresChangeHandlers";
                default:
                    return false;
            }
        }

        /// <summary>
        /// The channel a call is made on: its receiver, through <c>Register(options)</c> and
        /// <c>OnPostgresChange(...)</c>, which return the channel itself (<c>channel.Register(a).Register(b)</c>).
        /// </summary>
        public static IOperation? ReceiverOf(IInvocationOperation invocation, SdkSymbols sdk)
        {
            var receiver = SymbolPath.Unwrap(invocation.Instance);
            while (receiver is IInvocationOperation inner && TryGetKind(inner, sdk, out var kind)
                && (kind == ChannelCallKind.RegisterPostgres || kind == ChannelCallKind.OnPostgresChange))
            {
                receiver = SymbolPath.Unwrap(inner.Instance);
            }

            return receiver;
        }
    }

    /// <summary>
    /// Everything the model saw happen to one channel instance: its <c>Channel(...)</c> creation,
    /// registrations, handlers and subscriptions, with "which runs before which" answered over the
    /// bodies' control-flow graphs. A channel is a local (or several locals and direct calls naming the
    /// same cached instance) in one member, or a field / auto-property across the members of a type.
    /// </summary>
    internal sealed class ChannelTimeline
    {
        private readonly Dictionary<BodyFlow, List<FlowPoint>> rebinds;
        private readonly Func<BodyFlow, bool> isStableIn;
        private readonly bool constructorRunsFirst;

        internal ChannelTimeline(
            string displayName,
            ImmutableArray<ChannelCall> calls,
            Dictionary<BodyFlow, List<FlowPoint>> rebinds,
            Func<BodyFlow, bool> isStableIn,
            bool constructorRunsFirst,
            bool singleConstructor)
        {
            DisplayName = displayName;
            Calls = calls;
            this.rebinds = rebinds;
            this.isStableIn = isStableIn;
            this.constructorRunsFirst = constructorRunsFirst;
            SingleConstructor = singleConstructor;
            PairingSequence = ImmutableArray<ChannelCall>.Empty;
        }

        /// <summary>The channel's name for messages: its topic or table, else the variable holding it.</summary>
        public string DisplayName { get; }

        /// <summary>Every call, sorted: constructor phase first, then member by member in flow order.</summary>
        public ImmutableArray<ChannelCall> Calls { get; }

        /// <summary>The type has one instance constructor: what its body does always happens (for field channels).</summary>
        public bool SingleConstructor { get; }

        /// <summary>
        /// The creation, registrations and handlers in the one order they run, each exactly once, as far
        /// as that order is known (empty when the channel's set-up is not fully visible: it escapes, its
        /// origin is unknown, a handler is removed, ...). The pairing simulation runs over this.
        /// </summary>
        public ImmutableArray<ChannelCall> PairingSequence { get; internal set; }

        /// <summary>True when, on some path, <paramref name="first"/> runs and then <paramref name="second"/> on the same instance in the same body.</summary>
        public bool MayRunBeforeInSameBody(ChannelCall first, ChannelCall second, IReadOnlyCollection<FlowPoint>? alsoAvoid = null)
        {
            if (first == second || first.Body != second.Body || !isStableIn(first.Body))
            {
                return false;
            }

            var avoid = new List<FlowPoint>(Rebinds(first.Body));
            if (alsoAvoid != null)
            {
                avoid.AddRange(alsoAvoid);
            }

            return first.Body.Order.ExistsPath(first.Point, second.Point, avoid);
        }

        /// <summary>True when <paramref name="first"/> has run on the same instance whenever <paramref name="second"/> runs.</summary>
        public bool AlwaysRunsBefore(ChannelCall first, ChannelCall second)
        {
            if (first == second)
            {
                return false;
            }

            if (first.Body == second.Body)
            {
                return isStableIn(first.Body) && first.Body.Dominates(first.Point, second.Point, Rebinds(first.Body));
            }

            // Across members: what the constructor phase always does happens before any other member runs.
            if (!first.Body.IsConstructorPhase || first.Body.IsNested || second.Body.IsNested || !constructorRunsFirst
                || !(first.Body.IsInitializer || SingleConstructor) || first.Body.IsReboundAfter(first.Point, Rebinds(first.Body)))
            {
                return false;
            }

            if (second.Body.IsConstructorPhase)
            {
                // An initializer runs before the constructor body.
                return first.Body.IsInitializer && !second.Body.IsInitializer && first.Body.IsOnEveryPath(first.Point);
            }

            return first.Body.IsOnEveryPath(first.Point);
        }

        /// <summary>The writes of the slot in <paramref name="body"/>: past one, the slot may hold another channel.</summary>
        public IReadOnlyCollection<FlowPoint> Rebinds(BodyFlow body)
            => rebinds.TryGetValue(body, out var points) ? (IReadOnlyCollection<FlowPoint>)points : Array.Empty<FlowPoint>();

        public override string ToString() => DisplayName;
    }

    /// <summary>
    /// Collects, for one named type, the channel calls and channel slots of every member (one
    /// operation block at a time, from any thread), and builds the <see cref="ChannelTimeline"/>s at the
    /// end of the type: one per channel local (per member) and one per channel field or auto-property.
    /// </summary>
    internal sealed class RegistrationCollector
    {
        private readonly SdkSymbols sdk;
        private readonly INamedTypeSymbol type;
        private readonly ImmutableHashSet<ISymbol> typeSlots;
        private readonly Func<ChannelCallKind, bool> isTrigger;

        /// <summary>What the type's blocks added; created at the first block (most types never get one).</summary>
        private Collected? collected;

        public RegistrationCollector(INamedTypeSymbol type, SdkSymbols sdk, Func<ChannelCallKind, bool> isTrigger)
        {
            this.type = type;
            this.sdk = sdk;
            this.isTrigger = isTrigger;
            // Runs for every type of the compilation: no allocation unless the type keeps a channel.
            ImmutableHashSet<ISymbol>.Builder? slots = null;
            foreach (var member in type.GetMembers())
            {
                if (member is IFieldSymbol field && !field.IsStatic && field.Type.SpecialType == SpecialType.None
                    && field.Type.TypeKind != TypeKind.Enum && field.Type.TypeKind != TypeKind.Struct && sdk.IsRealtimeChannel(field.Type))
                {
                    // An auto-property's backing field stands for the property.
                    slots ??= ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
                    slots.Add(field.AssociatedSymbol is IPropertySymbol property ? (ISymbol)property : field);
                }
            }

            typeSlots = slots?.ToImmutable() ?? ImmutableHashSet<ISymbol>.Empty;
        }

        /// <summary>
        /// Registers, for one named type, the actions that collect every member's channel facts, and a
        /// symbol-end action that hands <paramref name="analyze"/> the timelines of the channels with at
        /// least one call of a kind <paramref name="isTrigger"/> accepts (graphs are built only for those).
        /// </summary>
        public static void RegisterActions(SymbolStartAnalysisContext start, SdkCompilation compilation,
            Func<ChannelCallKind, bool> isTrigger, Action<SymbolAnalysisContext, ImmutableArray<ChannelTimeline>> analyze)
        {
            if (!(start.Symbol is INamedTypeSymbol type))
            {
                return;
            }

            var collector = new RegistrationCollector(type, compilation.Sdk, isTrigger);
            var tracksSlots = !collector.typeSlots.IsEmpty;

            // The blocks worth a look: those that touch the SDK at all (the shared, cached body check; a
            // channel call or a use of a channel field or property is such a touch). Each is scanned for
            // channel calls and channel slots.
            start.RegisterOperationBlockAction(context =>
            {
                var owner = MemberOf(context.OwningSymbol);
                if (owner is null || !SymbolEqualityComparer.Default.Equals(owner.ContainingType, type))
                {
                    return;
                }

                var blocks = context.OperationBlocks;
                for (var i = 0; i < blocks.Length; i++)
                {
                    if (!BodyOrders.TryGetNewGraphRoot(blocks, i, out var root) || !compilation.Sdk.ReferencesSdk(root))
                    {
                        continue;
                    }

                    if (compilation.Scope.ShouldAnalyze(root.Syntax.SyntaxTree))
                    {
                        collector.Add(owner, root);
                    }
                    else if (tracksSlots && collector.HoldsChannelFacts(root))
                    {
                        // Part of the type is not analyzed (generated code) and uses its channels.
                        collector.MarkIncomplete();
                    }
                }
            });

            start.RegisterSymbolEndAction(end =>
            {
                var timelines = collector.Build(end.CancellationToken);
                if (!timelines.IsEmpty)
                {
                    analyze(end, timelines);
                }
            });
        }

        private static IOperation RootOf(IOperation operation)
        {
            while (operation.Parent != null)
            {
                operation = operation.Parent;
            }

            return operation;
        }

        /// <summary>The member a symbol belongs to: lambdas and local functions belong to their containing member.</summary>
        private static ISymbol? MemberOf(ISymbol? symbol)
        {
            while (symbol is IMethodSymbol method
                && (method.MethodKind == MethodKind.AnonymousFunction || method.MethodKind == MethodKind.LocalFunction))
            {
                symbol = method.ContainingSymbol;
            }

            return symbol;
        }

        /// <summary>
        /// Adds the operation block holding <paramref name="operation"/> (a body block is taken up to its
        /// root: the method, constructor or initializer), once; its graphs are built later, only when needed.
        /// </summary>
        public void Add(ISymbol owner, IOperation operation)
        {
            var root = RootOf(operation);
            var state = GetCollected();
            lock (state)
            {
                if (!state.AddedRoots.Add(root))
                {
                    return;
                }
            }

            var isInitializer = root is IFieldInitializerOperation || root is IPropertyInitializerOperation;
            if (!isInitializer && !(root is IMethodBodyOperation) && !(root is IConstructorBodyOperation) && !(root is IBlockOperation))
            {
                return;
            }

            var isConstructorPhase = isInitializer
                ? !owner.IsStatic
                : owner is IMethodSymbol method && method.MethodKind == MethodKind.Constructor && !method.IsStatic;
            var facts = BlockFacts.Scan(root, sdk, typeSlots, type, isConstructorPhase, isInitializer);
            if (facts is null)
            {
                return;
            }

            lock (state)
            {
                state.Blocks.Add(facts);
            }
        }

        /// <summary>True when a block the rules do not analyze (generated code) calls a channel or uses one of the type's channel slots.</summary>
        private bool HoldsChannelFacts(IOperation root)
        {
            var isInitializer = root is IFieldInitializerOperation || root is IPropertyInitializerOperation;
            var facts = BlockFacts.Scan(root, sdk, typeSlots, type, isConstructorPhase: false, isInitializer);
            if (facts is null)
            {
                return false;
            }

            if (facts.Calls.Count > 0)
            {
                return true;
            }

            foreach (var slot in facts.Slots.Keys)
            {
                if (typeSlots.Contains(slot))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Part of the type is not analyzed (generated code): facts about its fields are incomplete.</summary>
        public void MarkIncomplete()
        {
            var state = GetCollected();
            lock (state)
            {
                state.Incomplete = true;
            }
        }

        private Collected GetCollected()
            => Volatile.Read(ref collected) ?? LazyInitializer.EnsureInitialized(ref collected, () => new Collected())!;

        /// <summary>The timelines of every channel local, field and property of the type.</summary>
        public ImmutableArray<ChannelTimeline> Build(CancellationToken cancellationToken)
        {
            // Most types: no block was added, nothing to lock.
            var state = Volatile.Read(ref collected);
            if (state is null)
            {
                return ImmutableArray<ChannelTimeline>.Empty;
            }

            List<BlockFacts> snapshot;
            bool typeIsIncomplete;
            lock (state)
            {
                if (state.Blocks.Count == 0)
                {
                    return ImmutableArray<ChannelTimeline>.Empty;
                }

                snapshot = new List<BlockFacts>(state.Blocks);
                typeIsIncomplete = state.Incomplete;
            }

            // Partial types: keep a stable order whatever order the blocks arrived in.
            snapshot.Sort((a, b) =>
            {
                var byPath = string.CompareOrdinal(a.Root.Syntax.SyntaxTree.FilePath, b.Root.Syntax.SyntaxTree.FilePath);
                return byPath != 0 ? byPath : a.Root.Syntax.SpanStart.CompareTo(b.Root.Syntax.SpanStart);
            });

            var timelines = ImmutableArray.CreateBuilder<ChannelTimeline>();
            foreach (var block in snapshot)
            {
                if (block.HasCallOf(isTrigger))
                {
                    block.EnsureBodies(sdk, cancellationToken);
                    BuildLocalTimelines(block, timelines);
                }
            }

            if (!typeIsIncomplete)
            {
                foreach (var slot in typeSlots)
                {
                    BuildSlotTimeline(slot, snapshot, timelines, cancellationToken);
                }
            }

            return timelines.ToImmutable();
        }

        /// <summary>The blocks one type added (guarded by locking the instance).</summary>
        private sealed class Collected
        {
            public List<BlockFacts> Blocks { get; } = new List<BlockFacts>();

            public HashSet<IOperation> AddedRoots { get; } = new HashSet<IOperation>();

            public bool Incomplete { get; set; }
        }

        private void BuildLocalTimelines(BlockFacts block, ImmutableArray<ChannelTimeline>.Builder timelines)
        {
            var groups = new List<LocalGroup>();
            foreach (var (invocation, kind) in block.Calls)
            {
                if (kind == ChannelCallKind.Create)
                {
                    continue;
                }

                var receiver = ChannelCall.ReceiverOf(invocation, sdk);
                LocalGroup? group = null;
                if (kind == ChannelCallKind.TableOn)
                {
                    // The table's cached channel: one instance per client and table, however many On() calls.
                    if (ChannelOrigin.TryGetFromTableOn(invocation, sdk, out var table) && table.IsConstant)
                    {
                        group = FindOrAdd(groups, table, null);
                    }
                }
                else if (receiver is IInvocationOperation creation && ChannelOrigin.TryGetFromCall(creation, sdk, out var direct))
                {
                    if (direct.IsConstant)
                    {
                        group = FindOrAdd(groups, direct, null);
                    }
                }
                else if (LocalSlot(receiver) is { } local && block.Slots.TryGetValue(local, out var facts)
                    && !facts.HardEscape && (facts.Writes.Count > 0 || local is IParameterSymbol))
                {
                    ChannelOrigin? origin = null;
                    if (facts.Writes.Count == 1 && SymbolPath.Unwrap(facts.Writes[0].Value) is IInvocationOperation made)
                    {
                        ChannelOrigin.TryGetFromCall(made, sdk, out origin);
                    }

                    group = origin != null && origin.IsConstant ? FindOrAdd(groups, origin, local) : FindOrAdd(groups, origin, local, bySlot: true);
                }

                group?.Calls.Add((invocation, kind));
            }

            foreach (var group in groups)
            {
                if (!group.Calls.Any(call => isTrigger(call.Kind)))
                {
                    continue;
                }

                var timeline = BuildLocalTimeline(block, group);
                if (timeline != null)
                {
                    timelines.Add(timeline);
                }
            }
        }

        private ChannelTimeline? BuildLocalTimeline(BlockFacts block, LocalGroup group)
        {
            var calls = new List<ChannelCall>();
            var escapes = false;
            var removed = false;
            var rebinds = new Dictionary<BodyFlow, List<FlowPoint>>();
            ChannelCall? creation = null;
            if (group.BySlot)
            {
                // One local, maybe written several times: every write may bind another channel.
                // (Remove(channel) drops it from the client's cache; the variable still holds it.)
                var facts = block.Slots[group.Locals[0]];
                escapes = facts.SoftEscape;
                foreach (var write in facts.Writes)
                {
                    if (block.TryLocate(write.Operation.Syntax, out var body, out var point)
                        || block.TryLocate(write.Value.Syntax, out body, out point))
                    {
                        Add(rebinds, body, point);
                    }
                }

                if (group.Origin != null && block.TryLocate(group.Origin.Call.Syntax, out var creationBody, out var creationPoint))
                {
                    creation = new ChannelCall(ChannelCallKind.Create, group.Origin.Call, creationBody, creationPoint, BindingOf(group.Origin), null);
                    calls.Add(creation);
                }
            }
            else
            {
                // The same cached instance, however many locals and Channel(...) calls name it.
                foreach (var local in group.Locals)
                {
                    var facts = block.Slots[local];
                    escapes |= facts.SoftEscape;
                    removed |= facts.Removed;
                }

                foreach (var (invocation, kind) in block.Calls)
                {
                    var created = kind == ChannelCallKind.Create ? ChannelOrigin.TryGetFromCall(invocation, sdk, out var origin)
                        : kind == ChannelCallKind.TableOn ? ChannelOrigin.TryGetFromTableOn(invocation, sdk, out origin)
                        : (origin = null) != null;
                    if (created && origin!.IsSameInstanceAs(group.Origin!) && block.TryLocate(invocation.Syntax, out var body, out var point))
                    {
                        var call = new ChannelCall(ChannelCallKind.Create, invocation, body, point, BindingOf(origin), null);
                        calls.Add(call);
                        escapes |= !CreationIsKept(invocation, group);
                        if (creation is null || IsEarlier(call, creation))
                        {
                            creation = call;
                        }
                    }
                }

                // After Remove(channel), Channel(...) with the same arguments makes a new instance.
                if (removed)
                {
                    return null;
                }
            }

            foreach (var (invocation, kind) in group.Calls)
            {
                if (block.TryLocate(invocation.Syntax, out var body, out var point))
                {
                    calls.Add(MakeCall(kind == ChannelCallKind.TableOn ? ChannelCallKind.AddHandler : kind, invocation, body, point));
                }
            }

            calls.Sort(CompareInBody);
            var timeline = new ChannelTimeline(
                group.Origin?.DisplayName ?? group.Locals[0].Name,
                calls.ToImmutableArray(),
                rebinds,
                _ => true,
                constructorRunsFirst: false,
                singleConstructor: false);

            if (!escapes && !removed && creation != null)
            {
                timeline.PairingSequence = PairingSequenceInOneBody(timeline, creation);
            }

            return timeline;
        }

        private void BuildSlotTimeline(ISymbol slot, List<BlockFacts> snapshot, ImmutableArray<ChannelTimeline>.Builder timelines, CancellationToken cancellationToken)
        {
            var triggered = false;
            foreach (var block in snapshot)
            {
                foreach (var (invocation, kind) in block.Calls)
                {
                    triggered |= isTrigger(kind) && ChannelSlots.IsSame(ChannelSlots.GetSlot(ChannelCall.ReceiverOf(invocation, sdk)), slot);
                }
            }

            if (!triggered)
            {
                return;
            }

            var calls = new List<ChannelCall>();
            var writes = new List<(BlockFacts Block, ChannelSlotWrite Write)>();
            var escapes = slot.DeclaredAccessibility != Accessibility.Private;
            var constructorCallsMembers = false;
            foreach (var block in snapshot)
            {
                constructorCallsMembers |= block.IsConstructorPhase && block.CallsOwnMembers;
                if (block.Slots.TryGetValue(slot, out var facts))
                {
                    block.EnsureBodies(sdk, cancellationToken);
                    if (facts.HardEscape)
                    {
                        return;
                    }

                    escapes |= facts.SoftEscape;
                    foreach (var write in facts.Writes)
                    {
                        writes.Add((block, write));
                    }
                }

                foreach (var (invocation, kind) in block.Calls)
                {
                    if (kind != ChannelCallKind.Create && ChannelSlots.IsSame(ChannelSlots.GetSlot(ChannelCall.ReceiverOf(invocation, sdk)), slot)
                        && block.TryLocate(invocation.Syntax, out var body, out var point))
                    {
                        calls.Add(MakeCall(kind, invocation, body, point));
                    }
                }
            }

            if (calls.Count == 0)
            {
                return;
            }

            // Where the slot is written decides which bodies may rely on it holding one channel.
            var rebinds = new Dictionary<BodyFlow, List<FlowPoint>>();
            var writeBodies = new List<(bool InConstructorPhase, BodyFlow? Body)>();
            var writtenOnlyInConstructorPhase = true;

            // `_channel = null` in a teardown clears the slot: it binds no other channel, so it neither hides the set-up's
            // creation nor unsettles the order of the set-up's calls (sdk-behaviour.md section 3: the cached instance stays).
            writes.RemoveAll(w => IsClear(w.Write.Value));
            foreach (var (block, write) in writes)
            {
                BodyFlow? body = null;
                if (block.Bodies.Count > 0
                    && (block.TryLocate(write.Operation.Syntax, out body, out var point) || block.TryLocate(write.Value.Syntax, out body, out point)))
                {
                    Add(rebinds, body, point);
                }

                var inConstructorPhase = block.IsConstructorPhase && !write.IsNested;
                writeBodies.Add((inConstructorPhase, body));
                writtenOnlyInConstructorPhase &= inConstructorPhase;
            }

            // A body may rely on the slot holding one channel when nothing else writes it after construction.
            bool IsStableIn(BodyFlow body)
            {
                foreach (var (inConstructorPhase, written) in writeBodies)
                {
                    if (!inConstructorPhase && written != body)
                    {
                        return false;
                    }
                }

                return true;
            }

            ChannelOrigin? origin = null;
            ChannelCall? creation = null;
            if (writes.Count == 1 && SymbolPath.Unwrap(writes[0].Write.Value) is IInvocationOperation made
                && ChannelOrigin.TryGetFromCall(made, sdk, out origin)
                && writes[0].Block.Bodies.Count > 0 && writes[0].Block.TryLocate(made.Syntax, out var creationBody, out var creationPoint))
            {
                creation = new ChannelCall(ChannelCallKind.Create, made, creationBody, creationPoint, BindingOf(origin), null);
                calls.Add(creation);
            }

            var constructorRunsFirst = writtenOnlyInConstructorPhase && !constructorCallsMembers;

            calls.Sort(CompareAcrossMembers);
            var timeline = new ChannelTimeline(
                origin?.DisplayName ?? slot.Name,
                calls.ToImmutableArray(),
                rebinds,
                IsStableIn,
                constructorRunsFirst,
                singleConstructor: type.InstanceConstructors.Length == 1);

            if (!escapes && creation != null)
            {
                timeline.PairingSequence = !creation.Body.IsConstructorPhase
                    ? PairingSequenceInOneBody(timeline, creation)
                    : constructorRunsFirst && (creation.Body.IsInitializer || timeline.SingleConstructor)
                        ? PairingSequenceAfterConstructor(timeline, creation)
                        : ImmutableArray<ChannelCall>.Empty;
            }

            timelines.Add(timeline);
        }

        private static bool IsClear(IOperation value)
        {
            var unwrapped = SymbolPath.Unwrap(value);
            return unwrapped != null && unwrapped.ConstantValue.HasValue && unwrapped.ConstantValue.Value is null;
        }

        /// <summary>
        /// The pairing order when the channel is created and set up in one body: the creation, then
        /// every registration and handler, as long as each runs exactly once, after the previous one.
        /// </summary>
        private static ImmutableArray<ChannelCall> PairingSequenceInOneBody(ChannelTimeline timeline, ChannelCall creation)
        {
            var steps = new List<ChannelCall>();
            foreach (var call in timeline.Calls)
            {
                if (call.Kind == ChannelCallKind.RemoveHandlers && !HandlerPairing.IsFollowedRemoval(call))
                {
                    return ImmutableArray<ChannelCall>.Empty;
                }

                if (IsPairingStep(call) && call != creation)
                {
                    if (call.Body != creation.Body)
                    {
                        return ImmutableArray<ChannelCall>.Empty;
                    }

                    steps.Add(call);
                }
            }

            var sequence = ImmutableArray.CreateBuilder<ChannelCall>();
            if (!IsUsable(creation) || creation.Body.Order.IsInCycle(creation.Point))
            {
                return ImmutableArray<ChannelCall>.Empty;
            }

            sequence.Add(creation);
            AppendChain(timeline, sequence, steps);
            return sequence.ToImmutable();
        }

        /// <summary>
        /// The pairing order when the constructor (or an initializer) creates the channel: the
        /// constructor phase's calls, each on every path, then the calls of at most one other member.
        /// </summary>
        private static ImmutableArray<ChannelCall> PairingSequenceAfterConstructor(ChannelTimeline timeline, ChannelCall creation)
        {
            var constructorSteps = new List<ChannelCall>();
            var memberSteps = new List<ChannelCall>();
            foreach (var call in timeline.Calls)
            {
                if (call.Kind == ChannelCallKind.RemoveHandlers && !HandlerPairing.IsFollowedRemoval(call))
                {
                    return ImmutableArray<ChannelCall>.Empty;
                }

                if (!IsPairingStep(call) || call == creation)
                {
                    continue;
                }

                if (call.Body.IsNested)
                {
                    return ImmutableArray<ChannelCall>.Empty;
                }

                if (call.Body.IsConstructorPhase)
                {
                    constructorSteps.Add(call);
                }
                else if (memberSteps.Count == 0 || memberSteps[0].Body == call.Body)
                {
                    memberSteps.Add(call);
                }
                else
                {
                    // Two members set the channel up: their order is unknown.
                    return ImmutableArray<ChannelCall>.Empty;
                }
            }

            var sequence = ImmutableArray.CreateBuilder<ChannelCall>();
            if (!IsUsable(creation) || !creation.Body.IsOnEveryPath(creation.Point) || creation.Body.IsReboundAfter(creation.Point, timeline.Rebinds(creation.Body)))
            {
                return ImmutableArray<ChannelCall>.Empty;
            }

            sequence.Add(creation);
            foreach (var step in constructorSteps)
            {
                var previous = sequence[sequence.Count - 1];
                if (!step.Body.IsOnEveryPath(step.Point) || !IsUsable(step) || !(step.Body.IsInitializer || timeline.SingleConstructor)
                    || (previous.Body == step.Body ? !timeline.AlwaysRunsBefore(previous, step) : !(previous.Body.IsInitializer && !step.Body.IsInitializer)))
                {
                    return sequence.ToImmutable();
                }

                sequence.Add(step);
            }

            if (memberSteps.Count > 0 && !memberSteps[0].Body.Order.IsInCycle(memberSteps[0].Point) && IsUsable(memberSteps[0]))
            {
                sequence.Add(memberSteps[0]);
                memberSteps.RemoveAt(0);
                AppendChain(timeline, sequence, memberSteps);
            }

            return sequence.ToImmutable();
        }

        /// <summary>Appends <paramref name="steps"/> while each runs once, after the previous one, and is fully known.</summary>
        private static void AppendChain(ChannelTimeline timeline, ImmutableArray<ChannelCall>.Builder sequence, List<ChannelCall> steps)
        {
            foreach (var step in steps)
            {
                var previous = sequence[sequence.Count - 1];
                if (!IsUsable(step) || step.Body.Order.IsInCycle(step.Point) || !(OwnCreation(previous, step) || timeline.AlwaysRunsBefore(previous, step)))
                {
                    return;
                }

                sequence.Add(step);
            }
        }

        /// <summary>From&lt;T&gt;().On(...) stands as a creation and a handler at one point: its Channel(...) runs first.</summary>
        private static bool OwnCreation(ChannelCall previous, ChannelCall step)
            => previous.Kind == ChannelCallKind.Create && step.Kind == ChannelCallKind.AddHandler && previous.Invocation == step.Invocation;

        /// <summary>Registrations, handlers and the <c>RemovePostgresChangeHandler</c> calls the replay follows.</summary>
        internal static bool IsPairingStep(ChannelCall call)
            => call.Kind == ChannelCallKind.RegisterPostgres || call.Kind == ChannelCallKind.OnPostgresChange
                || call.Kind == ChannelCallKind.AddHandler || HandlerPairing.IsFollowedRemoval(call);

        /// <summary>Unknown options or listen types stop the simulation: unknown never reports.</summary>
        private static bool IsUsable(ChannelCall call)
        {
            switch (call.Kind)
            {
                case ChannelCallKind.RegisterPostgres:
                    return call.Binding != null && call.Binding.IsKnown;
                case ChannelCallKind.OnPostgresChange:
                    return call.Binding != null && call.Binding.IsKnown && call.HandlerEvent != null;
                case ChannelCallKind.AddHandler:
                    return call.HandlerEvent != null;
                case ChannelCallKind.Create:
                    return call.Binding is null || call.Binding.IsKnown;
                default:
                    return true;
            }
        }

        private ChannelCall MakeCall(ChannelCallKind kind, IInvocationOperation invocation, BodyFlow body, FlowPoint point)
        {
            PostgresBinding? binding = null;
            string? handlerEvent = null;
            switch (kind)
            {
                case ChannelCallKind.RegisterPostgres:
                    binding = invocation.Arguments.Length == 1 ? PostgresBinding.FromOptions(invocation.Arguments[0].Value, sdk) : PostgresBinding.Unknown;
                    break;
                case ChannelCallKind.OnPostgresChange:
                    handlerEvent = EventArgument(invocation);
                    binding = PostgresBinding.FromFilter(FilterArgument(invocation), handlerEvent, sdk);
                    break;
                case ChannelCallKind.AddHandler:
                case ChannelCallKind.RemoveHandlers:
                    handlerEvent = EventArgument(invocation);
                    break;
            }

            return new ChannelCall(kind, invocation, body, point, binding, handlerEvent);
        }

        private string? EventArgument(IInvocationOperation invocation)
        {
            foreach (var parameter in invocation.TargetMethod.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, sdk.ListenType))
                {
                    return PostgresBinding.EventOf(PostgresBinding.ArgumentValue(invocation.Arguments, parameter), sdk);
                }
            }

            return null;
        }

        private IOperation? FilterArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter != null && SymbolEqualityComparer.Default.Equals(argument.Parameter.Type.OriginalDefinition, sdk.PostgresChangesFilter))
                {
                    return argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument.Value;
                }
            }

            return null;
        }

        private static PostgresBinding? BindingOf(ChannelOrigin origin)
            => origin.IsTopicOverload ? null : PostgresBinding.FromChannel(origin);

        /// <summary>A <c>Channel(...)</c> call whose channel goes only where the model follows it (a call on it, or a local of the group).</summary>
        private bool CreationIsKept(IInvocationOperation creation, LocalGroup group)
        {
            IOperation child = creation;
            var parent = creation.Parent;
            while (parent is IConversionOperation || parent is IParenthesizedOperation)
            {
                child = parent;
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IInvocationOperation next when next.Instance == child && ChannelCall.TryGetKind(next, sdk, out _):
                case IConditionalAccessOperation access when access.Operation == child:
                case IExpressionStatementOperation _:
                    return true;

                // await supabase.From<T>().On(...); as a statement: the channel it returns goes nowhere.
                case IAwaitOperation awaited when awaited.Operation == child && awaited.Parent is IExpressionStatementOperation:
                    return true;
                case IVariableInitializerOperation initializer when initializer.Parent is IVariableDeclaratorOperation declarator:
                    return group.Locals.Contains(declarator.Symbol, SymbolEqualityComparer.Default);
                case ISimpleAssignmentOperation assignment when assignment.Value == child:
                    return group.Locals.Contains(LocalSlot(assignment.Target), SymbolEqualityComparer.Default);
                default:
                    return false;
            }
        }

        /// <summary>The local or parameter an expression names (fields and properties are the type's slots).</summary>
        private static ISymbol? LocalSlot(IOperation? operation)
        {
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                default:
                    return null;
            }
        }

        private static LocalGroup FindOrAdd(List<LocalGroup> groups, ChannelOrigin? origin, ISymbol? local, bool bySlot = false)
        {
            foreach (var group in groups)
            {
                var matches = bySlot
                    ? group.BySlot && ChannelSlots.IsSame(group.Locals[0], local)
                    : !group.BySlot && group.Origin != null && origin != null && group.Origin.IsSameInstanceAs(origin);
                if (matches)
                {
                    if (local != null && !group.Locals.Contains(local, SymbolEqualityComparer.Default))
                    {
                        group.Locals.Add(local);
                    }

                    return group;
                }
            }

            var added = new LocalGroup(origin, bySlot);
            if (local != null)
            {
                added.Locals.Add(local);
            }

            groups.Add(added);
            return added;
        }

        private static void Add(Dictionary<BodyFlow, List<FlowPoint>> map, BodyFlow body, FlowPoint point)
        {
            if (!map.TryGetValue(body, out var points))
            {
                points = new List<FlowPoint>();
                map[body] = points;
            }

            points.Add(point);
        }

        private static bool IsEarlier(ChannelCall a, ChannelCall b) => CompareInBody(a, b) < 0;

        private static int CompareInBody(ChannelCall a, ChannelCall b)
        {
            if (a.Body != b.Body)
            {
                // Nested bodies after their container, in source order.
                if (a.Body.IsNested != b.Body.IsNested)
                {
                    return a.Body.IsNested ? 1 : -1;
                }

                return a.Body.Syntax.SpanStart.CompareTo(b.Body.Syntax.SpanStart);
            }

            return ComparePoints(a.Point, b.Point);
        }

        private static int CompareAcrossMembers(ChannelCall a, ChannelCall b)
        {
            if (a.Body != b.Body)
            {
                var phase = Phase(a.Body).CompareTo(Phase(b.Body));
                if (phase != 0)
                {
                    return phase;
                }

                var byPath = string.CompareOrdinal(a.Body.Syntax.SyntaxTree.FilePath, b.Body.Syntax.SyntaxTree.FilePath);
                return byPath != 0 ? byPath : a.Body.Syntax.SpanStart.CompareTo(b.Body.Syntax.SpanStart);
            }

            return ComparePoints(a.Point, b.Point);
        }

        private static int Phase(BodyFlow body)
            => body.IsInitializer ? 0 : body.IsConstructorPhase ? 1 : body.IsNested ? 3 : 2;

        private static int ComparePoints(FlowPoint a, FlowPoint b)
        {
            if (a.Block != b.Block)
            {
                return a.Block.CompareTo(b.Block);
            }

            return a.Index != b.Index ? a.Index.CompareTo(b.Index) : a.SyntaxEnd.CompareTo(b.SyntaxEnd);
        }

        private sealed class LocalGroup
        {
            public LocalGroup(ChannelOrigin? origin, bool bySlot)
            {
                Origin = origin;
                BySlot = bySlot;
            }

            public ChannelOrigin? Origin { get; }

            public bool BySlot { get; }

            /// <summary>The locals (or the parameter) holding the channel.</summary>
            public List<ISymbol> Locals { get; } = new List<ISymbol>();

            public List<(IInvocationOperation Invocation, ChannelCallKind Kind)> Calls { get; } = new List<(IInvocationOperation, ChannelCallKind)>();
        }
    }

    /// <summary>A write of a channel slot: the assignment (or declarator, or initializer) and the value written.</summary>
    internal readonly struct ChannelSlotWrite
    {
        public ChannelSlotWrite(IOperation operation, IOperation value)
        {
            Operation = operation;
            Value = value;
            IsNested = false;
            for (var parent = operation.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation)
                {
                    IsNested = true;
                    break;
                }
            }
        }

        public IOperation Operation { get; }

        public IOperation Value { get; }

        /// <summary>Written inside a lambda or local function, at a time the model does not know.</summary>
        public bool IsNested { get; }
    }

    /// <summary>How one block uses one channel slot.</summary>
    internal sealed class SlotFacts
    {
        public List<ChannelSlotWrite> Writes { get; } = new List<ChannelSlotWrite>();

        /// <summary>The channel goes somewhere the model does not follow (an argument, a return value, another variable).</summary>
        public bool SoftEscape { get; set; }

        /// <summary>The slot is written where the model cannot see it (<c>ref</c>/<c>out</c>, <c>??=</c>, deconstruction): not tracked at all.</summary>
        public bool HardEscape { get; set; }

        /// <summary>
        /// Passed to a realtime client's <c>Remove(channel)</c>: a later <c>Channel(...)</c> with the same
        /// arguments makes a new instance (matters for channels known only by their arguments).
        /// </summary>
        public bool Removed { get; set; }
    }

    /// <summary>The channel calls and slot uses of one operation block, and its bodies' graphs.</summary>
    internal sealed class BlockFacts
    {
        private BlockFacts(IOperation root, bool isConstructorPhase, bool isInitializer)
        {
            Root = root;
            IsConstructorPhase = isConstructorPhase;
            IsInitializer = isInitializer;
        }

        public IOperation Root { get; }

        public bool IsConstructorPhase { get; }

        public bool IsInitializer { get; }

        /// <summary>The block calls an instance member of its own type (then the constructor may run set-up code of other members).</summary>
        public bool CallsOwnMembers { get; private set; }

        public List<(IInvocationOperation Invocation, ChannelCallKind Kind)> Calls { get; } = new List<(IInvocationOperation, ChannelCallKind)>();

        public Dictionary<ISymbol, SlotFacts> Slots { get; } = new Dictionary<ISymbol, SlotFacts>(SymbolEqualityComparer.Default);

        public List<BodyFlow> Bodies { get; } = new List<BodyFlow>();

        private bool bodiesBuilt;

        /// <summary>Scans a block; null when it neither calls a channel nor uses a channel slot.</summary>
        public static BlockFacts? Scan(IOperation root, SdkSymbols sdk, ImmutableHashSet<ISymbol> typeSlots,
            INamedTypeSymbol type, bool isConstructorPhase, bool isInitializer)
        {
            var facts = new BlockFacts(root, isConstructorPhase, isInitializer);
            var channelTypes = new Dictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
            bool IsChannel(ITypeSymbol? candidate)
            {
                if (candidate is null)
                {
                    return false;
                }

                if (!channelTypes.TryGetValue(candidate, out var isChannel))
                {
                    isChannel = sdk.IsRealtimeChannel(candidate);
                    channelTypes[candidate] = isChannel;
                }

                return isChannel;
            }

            switch (root)
            {
                case IFieldInitializerOperation fieldInitializer:
                    foreach (var field in fieldInitializer.InitializedFields)
                    {
                        var slot = field.AssociatedSymbol is IPropertySymbol property ? (ISymbol)property : field;
                        if (typeSlots.Contains(slot))
                        {
                            facts.Slot(slot).Writes.Add(new ChannelSlotWrite(fieldInitializer, fieldInitializer.Value));
                        }
                    }

                    break;
                case IPropertyInitializerOperation propertyInitializer:
                    foreach (var property in propertyInitializer.InitializedProperties)
                    {
                        if (typeSlots.Contains(property))
                        {
                            facts.Slot(property).Writes.Add(new ChannelSlotWrite(propertyInitializer, propertyInitializer.Value));
                        }
                    }

                    break;
            }

            foreach (var operation in root.Descendants())
            {
                switch (operation)
                {
                    case IInvocationOperation invocation:
                        if (ChannelCall.TryGetKind(invocation, sdk, out var kind))
                        {
                            facts.Calls.Add((invocation, kind));
                            if ((kind == ChannelCallKind.RegisterPostgres || kind == ChannelCallKind.OnPostgresChange)
                                && !ResultIsDiscarded(invocation, sdk) && SlotOf(ChannelCall.ReceiverOf(invocation, sdk)) is { } receiverSlot)
                            {
                                // Register(...) returns the channel: a kept result is an alias the model does not follow.
                                facts.Slot(receiverSlot).SoftEscape = true;
                            }
                        }

                        var target = invocation.TargetMethod;
                        if (!target.IsStatic && SymbolEqualityComparer.Default.Equals(target.ContainingType, type)
                            && (invocation.Instance is null || SymbolPath.Unwrap(invocation.Instance) is IInstanceReferenceOperation))
                        {
                            facts.CallsOwnMembers = true;
                        }

                        break;
                    case IVariableDeclaratorOperation declarator when IsChannel(declarator.Symbol.Type):
                        if (declarator.GetVariableInitializer() is { } initializer)
                        {
                            facts.Slot(declarator.Symbol).Writes.Add(new ChannelSlotWrite(declarator, initializer.Value));
                        }

                        break;
                    case ILocalReferenceOperation local when IsChannel(local.Local.Type):
                        facts.Classify(local, local.Local, sdk);
                        break;
                    case IParameterReferenceOperation parameter when IsChannel(parameter.Parameter.Type):
                        facts.Classify(parameter, parameter.Parameter, sdk);
                        break;
                    case IFieldReferenceOperation field when IsOwnInstanceMember(field.Instance):
                        var fieldSlot = field.Field.AssociatedSymbol is IPropertySymbol backed ? (ISymbol)backed : field.Field;
                        if (typeSlots.Contains(fieldSlot))
                        {
                            facts.Classify(field, fieldSlot, sdk);
                        }

                        break;
                    case IPropertyReferenceOperation property when IsOwnInstanceMember(property.Instance) && typeSlots.Contains(property.Property):
                        facts.Classify(property, property.Property, sdk);
                        break;
                }
            }

            return facts.Calls.Count > 0 || facts.Slots.Count > 0 ? facts : null;
        }

        /// <summary>True when the block makes a call of a kind <paramref name="isKind"/> accepts.</summary>
        public bool HasCallOf(Func<ChannelCallKind, bool> isKind)
        {
            foreach (var (_, kind) in Calls)
            {
                if (isKind(kind))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Builds, once, the graphs of the block and of the lambdas and local functions in it that hold a
        /// channel call or a slot write (only the symbol-end action calls this, on one thread).
        /// </summary>
        public void EnsureBodies(SdkSymbols sdk, CancellationToken cancellationToken)
        {
            if (bodiesBuilt)
            {
                return;
            }

            bodiesBuilt = true;
            if (Calls.Count == 0 || !(sdk.GraphOf(Root, cancellationToken) is { } graph))
            {
                return;
            }

            var relevant = new List<Microsoft.CodeAnalysis.Text.TextSpan>();
            foreach (var (invocation, _) in Calls)
            {
                relevant.Add(invocation.Syntax.Span);
            }

            foreach (var slot in Slots.Values)
            {
                foreach (var write in slot.Writes)
                {
                    relevant.Add(write.Operation.Syntax.Span);
                }
            }

            bool HoldsRelevant(SyntaxNode syntax)
            {
                foreach (var span in relevant)
                {
                    if (syntax.Span.Contains(span))
                    {
                        return true;
                    }
                }

                return false;
            }

            var first = true;
            foreach (var body in CallOrder.WithNestedBodies(graph, HoldsRelevant))
            {
                var order = CallOrder.Create(body);
                if (order != null)
                {
                    Bodies.Add(new BodyFlow(order, isNested: !first, IsConstructorPhase && first, IsInitializer && first, Root.Syntax));
                }

                first = false;
            }
        }

        /// <summary>The body and flow point of the operation whose syntax is <paramref name="syntax"/>.</summary>
        public bool TryLocate(SyntaxNode syntax, out BodyFlow body, out FlowPoint point)
        {
            foreach (var candidate in Bodies)
            {
                if (candidate.Order.TryGetPoint(syntax, out point))
                {
                    body = candidate;
                    return true;
                }
            }

            body = null!;
            point = default;
            return false;
        }

        private static ISymbol? SlotOf(IOperation? operation)
            => operation is IParameterReferenceOperation parameter ? parameter.Parameter : ChannelSlots.GetSlot(operation);

        private static bool IsOwnInstanceMember(IOperation? instance)
            => instance != null && SymbolPath.Unwrap(instance) is IInstanceReferenceOperation;

        private SlotFacts Slot(ISymbol symbol)
        {
            if (!Slots.TryGetValue(symbol, out var facts))
            {
                facts = new SlotFacts();
                Slots[symbol] = facts;
            }

            return facts;
        }

        /// <summary>Decides what a reference to a channel slot does: a write, a call on the channel, or an escape.</summary>
        private void Classify(IOperation reference, ISymbol symbol, SdkSymbols sdk)
        {
            var facts = Slot(symbol);
            var child = reference;
            var parent = reference.Parent;
            while (parent is IConversionOperation || parent is IParenthesizedOperation || parent is IDeclarationExpressionOperation)
            {
                child = parent;
                parent = parent.Parent;
            }

            switch (parent)
            {
                case ISimpleAssignmentOperation assignment when assignment.Target == child:
                    if (assignment.IsRef)
                    {
                        facts.HardEscape = true;
                    }
                    else
                    {
                        facts.Writes.Add(new ChannelSlotWrite(assignment, assignment.Value));
                    }

                    break;
                case ICompoundAssignmentOperation compound when compound.Target == child:
                case ICoalesceAssignmentOperation coalesce when coalesce.Target == child:
                case ITupleOperation _:
                    facts.HardEscape = true;
                    break;
                case IArgumentOperation argument:
                    if (argument.Parameter?.RefKind == RefKind.Ref || argument.Parameter?.RefKind == RefKind.Out)
                    {
                        facts.HardEscape = true;
                    }
                    else if (argument.Parent is IInvocationOperation remove && remove.TargetMethod.Name == "Remove"
                        && sdk.IsRealtimeClient(remove.TargetMethod.ContainingType))
                    {
                        facts.Removed = true;
                    }
                    else
                    {
                        facts.SoftEscape = true;
                    }

                    break;
                case IInvocationOperation call when call.Instance == child:
                    facts.SoftEscape |= !sdk.IsRealtimeChannel(call.TargetMethod.ContainingType);
                    break;
                case IPropertyReferenceOperation _:
                case IFieldReferenceOperation _:
                case IEventReferenceOperation _:
                case IConditionalAccessOperation _:
                case IIsPatternOperation _:
                case IIsTypeOperation _:
                case IIsNullOperation _:
                    break;
                case IBinaryOperation binary when IsNullConstant(binary.LeftOperand) || IsNullConstant(binary.RightOperand):
                    break;
                default:
                    facts.SoftEscape = true;
                    break;
            }
        }

        private static bool IsNullConstant(IOperation operation)
            => operation.ConstantValue.HasValue && operation.ConstantValue.Value is null;

        /// <summary>True when the channel a call returns is thrown away or only called on again.</summary>
        private static bool ResultIsDiscarded(IInvocationOperation invocation, SdkSymbols sdk)
        {
            IOperation child = invocation;
            var parent = invocation.Parent;
            while (parent is IConversionOperation || parent is IParenthesizedOperation)
            {
                child = parent;
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IExpressionStatementOperation _:
                case IConditionalAccessOperation _:
                    return true;
                case IInvocationOperation next when next.Instance == child:
                    return sdk.IsRealtimeChannel(next.TargetMethod.ContainingType);
                case ISimpleAssignmentOperation assignment when assignment.Target is IDiscardOperation:
                    return true;
                default:
                    return false;
            }
        }
    }

    /// <summary>
    /// The Realtime 7.1+ pairing of handlers with registrations, simulated over a channel's
    /// <see cref="ChannelTimeline.PairingSequence"/> (sdk-behaviour.md, section 4.2):
    /// <list type="bullet">
    /// <item>a registration (<c>Register</c>, the postgres <c>Channel(...)</c>, <c>OnPostgresChange</c>) adds a binding
    /// unless one with equal options exists (then it adds only a join entry);</item>
    /// <item>each handler (<c>AddPostgresChangeHandler</c>, and <c>OnPostgresChange</c> after its registration) takes the
    /// first binding without a handler whose event equals its listen type, else the first free one whose event is
    /// <c>*</c>; with none free it is dropped;</item>
    /// <item><c>RemovePostgresChangeHandler(listenType, handler)</c> removes the first binding whose handler equals
    /// <c>handler</c> with that listen type: the whole binding, not only its handler.</item>
    /// </list>
    /// </summary>
    internal static class HandlerPairing
    {
        /// <summary>One registration during the simulation.</summary>
        internal sealed class Slot
        {
            public Slot(ChannelCall source, PostgresBinding binding)
            {
                Source = source;
                Binding = binding;
            }

            /// <summary>The call that made the registration: <c>Channel(...)</c>, <c>Register</c> or <c>OnPostgresChange</c>.</summary>
            public ChannelCall Source { get; }

            public PostgresBinding Binding { get; }

            /// <summary>The call whose handler took the registration; null while free.</summary>
            public ChannelCall? Taker { get; set; }

            public bool CouldServe(string handlerEvent)
                => Binding.Event == handlerEvent || Binding.Event == PostgresBinding.AllEvents;
        }

        /// <summary>A handler that found no free registration, and the registrations the channel had then (in order, with their takers).</summary>
        internal sealed class Unpaired
        {
            public Unpaired(ChannelCall handler, ImmutableArray<(ChannelCall Source, PostgresBinding Binding, ChannelCall? Taker)> registrations)
            {
                Handler = handler;
                Registrations = registrations;
            }

            public ChannelCall Handler { get; }

            public ImmutableArray<(ChannelCall Source, PostgresBinding Binding, ChannelCall? Taker)> Registrations { get; }

            /// <summary>
            /// The earlier <c>RemovePostgresChangeHandler</c> that removed a registration which could have served this handler,
            /// and the call that had made that registration; null when none did.
            /// </summary>
            public (ChannelCall Removal, ChannelCall Source)? RemovedRegistration { get; set; }

            /// <summary>For an <c>OnPostgresChange</c>: the existing registration its options equal (so it added none); else null.</summary>
            public ChannelCall? EqualRegistration { get; set; }
        }

        /// <summary>An <c>OnPostgresChange</c> whose handler took an earlier, unrelated free registration instead of its own.</summary>
        internal sealed class Misrouted
        {
            public Misrouted(ChannelCall handler, PostgresBinding own, Slot taken)
            {
                Handler = handler;
                Own = own;
                Taken = taken;
            }

            public ChannelCall Handler { get; }

            /// <summary>The options the <c>OnPostgresChange</c> registered.</summary>
            public PostgresBinding Own { get; }

            /// <summary>The registration its handler took: the one it runs for.</summary>
            public Slot Taken { get; }
        }

        /// <summary>A typed handler that never runs because a <c>ListenType.All</c> handler's registration matches every change it would get.</summary>
        internal sealed class Shadowed
        {
            public Shadowed(ChannelCall handler, Slot own, Slot all)
            {
                Handler = handler;
                Own = own;
                All = all;
            }

            public ChannelCall Handler { get; }

            public Slot Own { get; }

            /// <summary>The registration of the All handler that runs instead.</summary>
            public Slot All { get; }
        }

        /// <summary>What the replay found: handlers dropped, handlers bound to another table, typed handlers an All handler hides.</summary>
        internal sealed class Outcome
        {
            public Outcome(ImmutableArray<Unpaired> unpaired, ImmutableArray<Misrouted> misrouted, ImmutableArray<Slot> finalSlots, bool removalUnknown)
            {
                Unpaired = unpaired;
                Misrouted = misrouted;
                FinalSlots = finalSlots;
                RemovalUnknown = removalUnknown;
            }

            public ImmutableArray<Unpaired> Unpaired { get; }

            public ImmutableArray<Misrouted> Misrouted { get; }

            /// <summary>The registrations and their handlers after the last step.</summary>
            public ImmutableArray<Slot> FinalSlots { get; }

            /// <summary>A removal whose effect is unknown (its handler may or may not equal a bound one): nothing after it is certain.</summary>
            public bool RemovalUnknown { get; }

            /// <summary>
            /// Typed handlers whose every change an All handler's registration also matches (same schema and table, and the
            /// All registration has no filter or the same one): on such a change only the first All handler runs.
            /// </summary>
            public ImmutableArray<Shadowed> Shadowed()
            {
                var shadowed = ImmutableArray.CreateBuilder<Shadowed>();
                if (RemovalUnknown)
                {
                    return shadowed.ToImmutable();
                }

                foreach (var typed in FinalSlots)
                {
                    if (typed.Taker?.HandlerEvent is null || typed.Taker.HandlerEvent == PostgresBinding.AllEvents)
                    {
                        continue;
                    }

                    foreach (var all in FinalSlots)
                    {
                        if (all.Taker?.HandlerEvent == PostgresBinding.AllEvents && Covers(all.Binding, typed.Binding))
                        {
                            shadowed.Add(new Shadowed(typed.Taker, typed, all));
                            break;
                        }
                    }
                }

                return shadowed.ToImmutable();
            }

            private static bool Covers(PostgresBinding all, PostgresBinding typed)
                => all.IsKnown && typed.IsKnown
                    && string.Equals(all.Schema, typed.Schema, StringComparison.Ordinal)
                    && string.Equals(all.Table, typed.Table, StringComparison.Ordinal)
                    && (all.Filter is null || string.Equals(all.Filter, typed.Filter, StringComparison.Ordinal));
        }

        /// <summary>Runs the pairing over <paramref name="sequence"/> and returns every handler that never runs for want of a registration.</summary>
        public static ImmutableArray<Unpaired> Simulate(ImmutableArray<ChannelCall> sequence) => Replay(sequence).Unpaired;

        /// <summary>Runs the pairing over <paramref name="sequence"/>.</summary>
        public static Outcome Replay(ImmutableArray<ChannelCall> sequence)
        {
            var slots = new List<Slot>();
            var removed = new List<(ChannelCall Removal, Slot Slot)>();
            var unpaired = ImmutableArray.CreateBuilder<Unpaired>();
            var misrouted = ImmutableArray.CreateBuilder<Misrouted>();
            foreach (var call in sequence)
            {
                switch (call.Kind)
                {
                    case ChannelCallKind.Create when call.Binding != null:
                    case ChannelCallKind.RegisterPostgres when call.Binding != null:
                        // Equal options add no binding (BindPostgresChangesOptions), only another join entry.
                        if (EqualSlot(slots, call.Binding) is null)
                        {
                            slots.Add(new Slot(call, call.Binding));
                        }

                        break;
                    case ChannelCallKind.OnPostgresChange when call.Binding != null && call.HandlerEvent != null:
                        var equal = EqualSlot(slots, call.Binding);
                        Slot? own = null;
                        if (equal is null)
                        {
                            own = new Slot(call, call.Binding);
                            slots.Add(own);
                        }

                        var bound = Bind(slots, call);
                        if (bound is null)
                        {
                            unpaired.Add(new Unpaired(call, Snapshot(slots)) { EqualRegistration = equal?.Source, RemovedRegistration = RemovedFor(removed, call) });
                        }
                        else if (bound != (own ?? equal))
                        {
                            misrouted.Add(new Misrouted(call, call.Binding, bound));
                        }

                        break;
                    case ChannelCallKind.AddHandler when call.HandlerEvent != null:
                        if (Bind(slots, call) is null)
                        {
                            unpaired.Add(new Unpaired(call, Snapshot(slots)) { RemovedRegistration = RemovedFor(removed, call) });
                        }

                        break;
                    case ChannelCallKind.RemoveHandlers when IsFollowedRemoval(call):
                        Slot? match = null;
                        foreach (var slot in slots)
                        {
                            if (slot.Taker is null || slot.Taker.HandlerEvent != call.HandlerEvent)
                            {
                                continue;
                            }

                            var same = SameDelegate(HandlerArgument(slot.Taker), HandlerArgument(call));
                            if (same is null)
                            {
                                return new Outcome(unpaired.ToImmutable(), misrouted.ToImmutable(), slots.ToImmutableArray(), removalUnknown: true);
                            }

                            if (same.Value)
                            {
                                match = slot;
                                break;
                            }
                        }

                        if (match != null)
                        {
                            slots.Remove(match);
                            removed.Add((call, match));
                        }

                        break;
                }
            }

            return new Outcome(unpaired.ToImmutable(), misrouted.ToImmutable(), slots.ToImmutableArray(), removalUnknown: false);
        }

        /// <summary>
        /// A <c>RemovePostgresChangeHandler(listenType, handler)</c> the replay can follow: a constant listen type and a
        /// method group (static, or of <c>this</c>), whose equality with the bound handlers is known.
        /// </summary>
        internal static bool IsFollowedRemoval(ChannelCall call)
            => call.Kind == ChannelCallKind.RemoveHandlers && call.Invocation.TargetMethod.Name == "RemovePostgresChangeHandler"
                && call.HandlerEvent != null && MethodGroup(HandlerArgument(call)) != null;

        private static Slot? EqualSlot(List<Slot> slots, PostgresBinding binding)
        {
            foreach (var slot in slots)
            {
                if (slot.Binding.HasSameOptionsAs(binding))
                {
                    return slot;
                }
            }

            return null;
        }

        private static Slot? Bind(List<Slot> slots, ChannelCall handler)
        {
            var taken = Find(slots, handler.HandlerEvent!, exact: true) ?? Find(slots, handler.HandlerEvent!, exact: false);
            if (taken != null)
            {
                taken.Taker = handler;
            }

            return taken;
        }

        private static ImmutableArray<(ChannelCall, PostgresBinding, ChannelCall?)> Snapshot(List<Slot> slots)
        {
            var snapshot = ImmutableArray.CreateBuilder<(ChannelCall, PostgresBinding, ChannelCall?)>(slots.Count);
            foreach (var slot in slots)
            {
                snapshot.Add((slot.Source, slot.Binding, slot.Taker));
            }

            return snapshot.MoveToImmutable();
        }

        /// <summary>The last removal of a registration that could have served <paramref name="handler"/>.</summary>
        private static (ChannelCall, ChannelCall)? RemovedFor(List<(ChannelCall Removal, Slot Slot)> removed, ChannelCall handler)
        {
            for (var i = removed.Count - 1; i >= 0; i--)
            {
                if (removed[i].Slot.CouldServe(handler.HandlerEvent!))
                {
                    return (removed[i].Removal, removed[i].Slot.Source);
                }
            }

            return null;
        }

        /// <summary>The handler delegate a call passes (the argument of the SDK's handler delegate type).</summary>
        private static IOperation? HandlerArgument(ChannelCall call)
        {
            foreach (var argument in call.Invocation.Arguments)
            {
                if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        private static IMethodReferenceOperation? MethodGroup(IOperation? handler)
        {
            while (handler is IConversionOperation conversion)
            {
                handler = conversion.Operand;
            }

            return handler is IDelegateCreationOperation { Target: IMethodReferenceOperation method }
                && (method.Method.IsStatic || SymbolPath.Unwrap(method.Instance) is IInstanceReferenceOperation)
                ? method
                : null;
        }

        /// <summary>
        /// Whether two handler arguments make equal delegates (delegate <c>==</c>: same method, same target). A method group
        /// of a static method or of <c>this</c> equals one of the same method; a lambda's delegate never equals a method
        /// group's; anything else (a delegate variable, another object's method) is unknown.
        /// </summary>
        private static bool? SameDelegate(IOperation? bound, IOperation? removal)
        {
            var removed = MethodGroup(removal);
            if (removed is null)
            {
                return null;
            }

            var unwrapped = bound;
            while (unwrapped is IConversionOperation conversion)
            {
                unwrapped = conversion.Operand;
            }

            if (unwrapped is IDelegateCreationOperation { Target: IAnonymousFunctionOperation _ })
            {
                return false;
            }

            var method = MethodGroup(bound);
            return method is null ? (bool?)null : SymbolEqualityComparer.Default.Equals(method.Method, removed.Method);
        }

        private static Slot? Find(List<Slot> slots, string handlerEvent, bool exact)
        {
            foreach (var slot in slots)
            {
                if (slot.Taker is null
                    && (slot.Binding.Event == handlerEvent || (!exact && slot.Binding.Event == PostgresBinding.AllEvents)))
                {
                    return slot;
                }
            }

            return null;
        }

        /// <summary>"the handler on line 10", "the OnPostgresChange on line 12".</summary>
        public static string Describe(ChannelCall taker)
            => string.Format(
                CultureInfo.InvariantCulture,
                taker.Kind == ChannelCallKind.OnPostgresChange ? "the OnPostgresChange on line {0}" : "the handler on line {0}",
                taker.Line);
    }
}
