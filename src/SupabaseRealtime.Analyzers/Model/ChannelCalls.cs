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
    }
}
