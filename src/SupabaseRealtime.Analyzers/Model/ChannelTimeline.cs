using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
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
}
