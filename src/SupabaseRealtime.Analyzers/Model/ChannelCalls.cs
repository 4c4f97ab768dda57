using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>The channel handlers whose registration makes code run again on the same channel.</summary>
    internal enum ChannelHandlerKind
    {
        /// <summary><c>AddStateChangedHandler(handler)</c> (Realtime 6.0+).</summary>
        StateChanged,

        /// <summary><c>AddErrorHandler(handler)</c> (Realtime 6.0+).</summary>
        Error,

        /// <summary><c>channel.StateChanged += handler</c> (Realtime before 6.0).</summary>
        StateChangedEvent,

        /// <summary><c>channel.OnError += handler</c> (Realtime before 6.0).</summary>
        ErrorEvent,

        /// <summary><c>channel.OnClose += handler</c> (Realtime before 6.0).</summary>
        CloseEvent,
    }

    /// <summary>
    /// Recognizes the channel calls several rules key on, by symbol: <c>Subscribe()</c>,
    /// <c>Unsubscribe()</c>, <c>client.Remove(channel)</c>, <c>client.Disconnect()</c>, and the
    /// registration of state, error and close handlers on a channel (methods and 5.x events).
    /// </summary>
    internal static class ChannelCalls
    {
        /// <summary>True for <c>channel.Subscribe(...)</c> on a realtime channel.</summary>
        public static bool IsSubscribe(IInvocationOperation invocation, SdkSymbols sdk)
            => invocation.TargetMethod.Name == "Subscribe" && sdk.IsRealtimeChannel(invocation.TargetMethod.ContainingType);

        /// <summary>True for <c>channel.Unsubscribe()</c> on a realtime channel.</summary>
        public static bool IsUnsubscribe(IInvocationOperation invocation, SdkSymbols sdk)
            => invocation.TargetMethod.Name == "Unsubscribe" && sdk.IsRealtimeChannel(invocation.TargetMethod.ContainingType);

        /// <summary>True for <c>client.Disconnect(...)</c> on a realtime client.</summary>
        public static bool IsDisconnect(IInvocationOperation invocation, SdkSymbols sdk)
            => invocation.TargetMethod.Name == "Disconnect" && sdk.IsRealtimeClient(invocation.TargetMethod.ContainingType);

        /// <summary>For <c>client.Remove(channel)</c> on a realtime client, the channel argument (null when missing).</summary>
        public static bool TryGetRemovedChannel(IInvocationOperation invocation, SdkSymbols sdk, out IOperation? channel)
        {
            channel = null;
            if (invocation.TargetMethod.Name != "Remove" || !sdk.IsRealtimeClient(invocation.TargetMethod.ContainingType))
            {
                return false;
            }

            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter?.Ordinal == 0)
                {
                    channel = argument.Value;
                }
            }

            return true;
        }

        /// <summary>
        /// For the registration of a state, error or close handler on a channel
        /// (<c>AddStateChangedHandler</c>, <c>AddErrorHandler</c>, or <c>+=</c> on the 5.x
        /// <c>StateChanged</c>/<c>OnError</c>/<c>OnClose</c> events): the channel, the handler value and the kind.
        /// </summary>
        public static bool TryGetHandlerRegistration(IOperation operation, SdkSymbols sdk, out IOperation? channel, out IOperation? handler, out ChannelHandlerKind kind)
        {
            channel = null;
            handler = null;
            kind = default;
            switch (operation)
            {
                case IInvocationOperation invocation when sdk.IsRealtimeChannel(invocation.TargetMethod.ContainingType):
                    switch (invocation.TargetMethod.Name)
                    {
                        case "AddStateChangedHandler":
                            kind = ChannelHandlerKind.StateChanged;
                            break;
                        case "AddErrorHandler":
                            kind = ChannelHandlerKind.Error;
                            break;
                        default:
                            return false;
                    }

                    channel = invocation.Instance;
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter?.Ordinal == 0)
                        {
                            handler = argument.Value;
                        }
                    }

                    return true;

                case IEventAssignmentOperation assignment when assignment.Adds
                    && assignment.EventReference is IEventReferenceOperation reference
                    && sdk.IsRealtimeChannel(reference.Event.ContainingType):
                    switch (reference.Event.Name)
                    {
                        case "StateChanged":
                            kind = ChannelHandlerKind.StateChangedEvent;
                            break;
                        case "OnError":
                            kind = ChannelHandlerKind.ErrorEvent;
                            break;
                        case "OnClose":
                            kind = ChannelHandlerKind.CloseEvent;
                            break;
                        default:
                            return false;
                    }

                    channel = reference.Instance;
                    handler = assignment.HandlerValue;
                    return true;

                default:
                    return false;
            }
        }

        /// <summary>
        /// The code a handler value runs: a lambda or anonymous method (<paramref name="function"/>), or
        /// a method group (<paramref name="method"/>: a local function or a method).
        /// </summary>
        public static bool TryGetHandlerTarget(IOperation? handler, out IAnonymousFunctionOperation? function, out IMethodSymbol? method)
        {
            function = null;
            method = null;
            var value = SymbolPath.Unwrap(handler);
            if (value is IDelegateCreationOperation creation)
            {
                value = SymbolPath.Unwrap(creation.Target);
            }

            switch (value)
            {
                case IAnonymousFunctionOperation anonymous:
                    function = anonymous;
                    return true;
                case IMethodReferenceOperation reference:
                    method = reference.Method;
                    return true;
                default:
                    return false;
            }
        }

        // ---- set-up, release and reporting helpers shared with the lifetime rules ----

        /// <summary>True for a realtime channel method named <paramref name="name"/>.</summary>
        public static bool IsChannelMethod(IMethodSymbol method, SdkSymbols sdk, string name)
            => method.Name == name && sdk.IsRealtimeChannel(method.ContainingType);

        /// <summary>True for a realtime client method named <paramref name="name"/>.</summary>
        public static bool IsClientMethod(IMethodSymbol method, SdkSymbols sdk, string name)
            => method.Name == name && sdk.IsRealtimeClient(method.ContainingType);

        /// <summary><c>client.Remove(channel)</c>: leaves the channel and drops it from the cache. <paramref name="channel"/> is the argument.</summary>
        public static bool IsRemove(IInvocationOperation invocation, SdkSymbols sdk, out IOperation? channel)
        {
            channel = null;
            return invocation.Instance != null && invocation.TargetMethod.Parameters.Length == 1
                && TryGetRemovedChannel(invocation, sdk, out channel);
        }

        /// <summary>
        /// Handler and registration calls that stay on the channel instance: <c>AddPostgresChangeHandler</c>,
        /// <c>OnPostgresChange</c>, <c>Register(...)</c>, <c>Register&lt;T&gt;(...)</c>, <c>AddStateChangedHandler</c>,
        /// <c>AddErrorHandler</c>, <c>AddMessageReceivedHandler</c>.
        /// </summary>
        public static bool IsSetUp(IInvocationOperation invocation, SdkSymbols sdk)
        {
            if (invocation.Instance is null || !sdk.IsRealtimeChannel(invocation.TargetMethod.ContainingType))
            {
                return false;
            }

            switch (invocation.TargetMethod.Name)
            {
                case "AddPostgresChangeHandler":
                case "OnPostgresChange":
                case "Register":
                case "AddStateChangedHandler":
                case "AddErrorHandler":
                case "AddMessageReceivedHandler":
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>A 5.x channel event handler added with <c>+=</c> (<c>OnInsert</c>, <c>OnPostgresChange</c>, <c>StateChanged</c>, ...).</summary>
        public static bool IsSetUpEvent(IEventAssignmentOperation assignment, SdkSymbols sdk, out IOperation? channel)
        {
            channel = null;
            if (!assignment.Adds || !(assignment.EventReference is IEventReferenceOperation reference)
                || reference.Instance is null || !sdk.IsRealtimeChannel(reference.Event.ContainingType))
            {
                return false;
            }

            channel = reference.Instance;
            return true;
        }

        /// <summary>
        /// <c>table.On(listenType, handler)</c> on a Supabase table: creates (or reuses) the table's channel,
        /// adds the handler and subscribes. <paramref name="client"/> is the realtime client of the Supabase
        /// client the table came from (<c>supabase.From&lt;T&gt;()</c> → <c>supabase.Realtime</c>), when known.
        /// </summary>
        public static bool IsTableOn(IInvocationOperation invocation, SdkSymbols sdk, out SymbolPath client)
        {
            client = default;
            if (!Subscriptions.IsTableOn(invocation, sdk))
            {
                return false;
            }

            if (SymbolPath.Unwrap(invocation.Instance) is IInvocationOperation from && from.TargetMethod.Name == Subscriptions.FromMethod
                && SymbolPath.TryGet(from.Instance, out var supabase)
                && ClientIdentity.TryGetRealtimeOfSupabase(supabase, sdk, out var realtime))
            {
                client = realtime;
            }

            return true;
        }

        /// <summary>Where to report a call: <c>x?.M()</c> as a whole when the call is the part after <c>?</c>, else the invocation.</summary>
        public static Location ReportLocation(IInvocationOperation invocation)
            => invocation.Syntax.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.ConditionalAccessExpressionSyntax access && access.WhenNotNull == invocation.Syntax
                ? access.GetLocation()
                : invocation.Syntax.GetLocation();

        /// <summary>True when <paramref name="operation"/> or anything in it is invalid or has an error type (half-typed code).</summary>
        public static bool HasErrors(IOperation operation)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (descendant is IInvalidOperation || ContainsErrorType(descendant.Type))
                {
                    return true;
                }

                if (descendant is IInvocationOperation invocation)
                {
                    foreach (var argument in invocation.TargetMethod.TypeArguments)
                    {
                        if (ContainsErrorType(argument))
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool ContainsErrorType(ITypeSymbol? type)
        {
            switch (type)
            {
                case null:
                    return false;
                case IErrorTypeSymbol _:
                    return true;
                case IArrayTypeSymbol array:
                    return ContainsErrorType(array.ElementType);
                case INamedTypeSymbol named:
                    foreach (var argument in named.TypeArguments)
                    {
                        if (ContainsErrorType(argument))
                        {
                            return true;
                        }
                    }

                    return false;
                default:
                    return type.TypeKind == TypeKind.Error;
            }
        }

        /// <summary>The client path of a receiver, also through <c>?.</c>.</summary>
        public static bool TryGetClient(IOperation? receiver, SdkSymbols sdk, out SymbolPath client)
            => ClientIdentity.TryGetRealtimeClient(SymbolPath.Unwrap(receiver), sdk, out client);

        /// <summary>The result type of an awaited <c>Task&lt;T&gt;</c> (its <c>T</c>); the type itself otherwise.</summary>
        public static ITypeSymbol? AwaitedType(INamedTypeSymbol? task)
            => task != null && task.IsGenericType && task.TypeArguments.Length == 1 ? task.TypeArguments[0] : task;

        /// <summary>The parameter type of <c>Remove(channel)</c> on a client of type <paramref name="client"/> (<c>RealtimeChannel</c> for the SDK's client).</summary>
        public static ITypeSymbol? RemoveParameterType(ITypeSymbol? client)
        {
            if (client is null)
            {
                return null;
            }

            foreach (var candidate in SelfBasesAndInterfaces(client))
            {
                foreach (var member in candidate.GetMembers("Remove"))
                {
                    if (member is IMethodSymbol method && method.Parameters.Length == 1 && !method.IsStatic)
                    {
                        return method.Parameters[0].Type;
                    }
                }
            }

            return null;
        }

        private static System.Collections.Generic.IEnumerable<ITypeSymbol> SelfBasesAndInterfaces(ITypeSymbol type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                yield return current;
            }

            foreach (var implemented in type.AllInterfaces)
            {
                yield return implemented;
            }
        }

        /// <summary>True when two client paths may name the same client: equal, or either unknown.</summary>
        public static bool MayBeSameClient(SymbolPath a, SymbolPath b) => a.IsDefault || b.IsDefault || a.Equals(b);
    }
}
