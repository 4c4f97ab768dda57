#nullable enable
// Compile-only stand-in for the Supabase.Realtime package (Realtime 6.x-8.x).
// Define REALTIME_PRE_7_4 to get the shape before 7.4 (no OnPostgresChange, no
// PostgresChangesFilter, nothing marked "Favor OnPostgresChange instead.").
// Define POSTGREST_LEGACY when compiling against the pre-3.3 Postgrest shape.
// Bodies do nothing useful.

using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Net.WebSockets;
using System.Threading.Tasks;
using Supabase.Realtime.Broadcast;
using Supabase.Realtime.Channel;
using Supabase.Realtime.Exceptions;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.Models;
using Supabase.Realtime.PostgresChanges;
using Supabase.Realtime.Presence;
using Supabase.Realtime.Socket;
#if POSTGREST_LEGACY
using Postgrest.Models;
#else
using Supabase.Postgrest.Models;
#endif

namespace Supabase.Realtime
{
    /// <summary>Constants of the realtime client.</summary>
    public static class Constants
    {
        public const int DefaultTimeout = 10000;

        public enum SocketState
        {
            Open,
            Close,
            Reconnect,
            Error,
        }

        public enum ChannelState
        {
            Closed,
            Errored,
            Joined,
            Joining,
            Leaving,
        }

        public enum EventType
        {
            Insert,
            Update,
            Delete,
            PostgresChanges,
            Broadcast,
            PresenceState,
            PresenceDiff,
            Other,
        }

        public enum ChannelEventName
        {
            Broadcast,
            Presence,
            PostgresChanges,
        }

        public enum PresenceListenEventType
        {
            Sync,
            Join,
            Leave,
        }
    }

    /// <summary>Options for the realtime client.</summary>
    public class ClientOptions
    {
        public SocketOptionsParameters Parameters { get; set; } = new SocketOptionsParameters();

        public Dictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();

        public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(Constants.DefaultTimeout);

        public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);

        public Func<int, TimeSpan> ReconnectAfterInterval { get; set; } = tries => TimeSpan.FromSeconds(Math.Min(tries, 10));
    }

    /// <summary>The realtime client.</summary>
    public class Client : IRealtimeClient<RealtimeSocket, RealtimeChannel>
    {
        public Client(string realtimeUrl, ClientOptions? options = null)
        {
            RealtimeUrl = realtimeUrl;
            Options = options ?? new ClientOptions();
        }

        public string RealtimeUrl { get; }

        public ClientOptions Options { get; }

        public Func<Dictionary<string, string>>? GetHeaders { get; set; }

        public IRealtimeSocket? Socket => throw null!;

        public ReadOnlyDictionary<string, RealtimeChannel> Subscriptions => throw null!;

        public RealtimeChannel Channel(string channelName) => throw null!;

        public RealtimeChannel Channel(string database = "realtime", string schema = "public", string table = "*", string? column = null, string? value = null, Dictionary<string, string>? parameters = null) => throw null!;

        [Obsolete("Please use ConnectAsync() instead.")]
        public IRealtimeClient<RealtimeSocket, RealtimeChannel> Connect(Action<IRealtimeClient<RealtimeSocket, RealtimeChannel>, RealtimeException?>? callback = null) => throw null!;

        public Task<IRealtimeClient<RealtimeSocket, RealtimeChannel>> ConnectAsync() => throw null!;

        public IRealtimeClient<RealtimeSocket, RealtimeChannel> Disconnect(WebSocketCloseStatus code = WebSocketCloseStatus.NormalClosure, string reason = "Programmatic Disconnect") => throw null!;

        public void Remove(RealtimeChannel channel) => throw null!;

        public void SetAuth(string jwt) => throw null!;

        public void AddStateChangedHandler(IRealtimeClient<RealtimeSocket, RealtimeChannel>.SocketStateEventHandler handler) => throw null!;

        public void RemoveStateChangedHandler(IRealtimeClient<RealtimeSocket, RealtimeChannel>.SocketStateEventHandler handler) => throw null!;

        public void ClearStateChangedHandlers() => throw null!;

        public void AddDebugHandler(IRealtimeDebugger.DebugEventHandler handler) => throw null!;

        public void RemoveDebugHandler(IRealtimeDebugger.DebugEventHandler handler) => throw null!;

        public void ClearDebugHandlers() => throw null!;
    }

    /// <summary>The web socket behind a realtime client.</summary>
    public class RealtimeSocket : IRealtimeSocket
    {
        public RealtimeSocket(string endpoint, ClientOptions options)
        {
            EndpointUrl = endpoint;
            Options = options;
        }

        public string EndpointUrl { get; }

        public ClientOptions Options { get; }

        public bool IsConnected => throw null!;

        public void Connect() => throw null!;

        public Task ConnectAsync() => throw null!;

        public void Disconnect(WebSocketCloseStatus code = WebSocketCloseStatus.NormalClosure, string reason = "") => throw null!;

        public void Push(SocketRequest data) => throw null!;

        public string MakeMsgRef() => throw null!;

        public string ReplyEventName(string msgRef) => throw null!;

        public void AddStateChangedHandler(IRealtimeSocket.StateEventHandler handler) => throw null!;

        public void RemoveStateChangedHandler(IRealtimeSocket.StateEventHandler handler) => throw null!;

        public void ClearStateChangedHandlers() => throw null!;

        public void AddMessageReceivedHandler(IRealtimeSocket.MessageEventHandler handler) => throw null!;

        public void RemoveMessageReceivedHandler(IRealtimeSocket.MessageEventHandler handler) => throw null!;

        public void ClearMessageReceivedHandlers() => throw null!;
    }

    /// <summary>A channel on the realtime socket.</summary>
    public class RealtimeChannel : IRealtimeChannel
    {
        /// <summary>True once the channel has finished joining.</summary>
        public bool IsSubscribed;

        public RealtimeChannel(IRealtimeSocket socket, string channelName, ChannelOptions options)
        {
            Socket = socket;
            Topic = channelName;
            Options = options;
        }

        public IRealtimeSocket Socket { get; }

        public string Topic { get; }

        public ChannelOptions Options { get; }

        public Constants.ChannelState State { get; private set; } = Constants.ChannelState.Closed;

        public bool IsClosed => State == Constants.ChannelState.Closed;

        public bool IsErrored => State == Constants.ChannelState.Errored;

        public bool IsJoined => State == Constants.ChannelState.Joined;

        public bool IsJoining => State == Constants.ChannelState.Joining;

        public bool IsLeaving => State == Constants.ChannelState.Leaving;

        public bool HasJoinedOnce { get; private set; }

        public BroadcastOptions? BroadcastOptions => throw null!;

        public PresenceOptions? PresenceOptions => throw null!;

        public Task<IRealtimeChannel> Subscribe(int timeoutMs = Constants.DefaultTimeout) => throw null!;

        public IRealtimeChannel Unsubscribe() => throw null!;

        public void Rejoin(int timeoutMs = Constants.DefaultTimeout) => throw null!;

#if !REALTIME_PRE_7_4
        [Obsolete("Favor OnPostgresChange instead.")]
#endif
        public IRealtimeChannel Register(PostgresChangesOptions postgresChangesOptions) => throw null!;

        public RealtimeBroadcast<TBroadcast> Register<TBroadcast>(bool broadcastSelf = false, bool broadcastAck = false) where TBroadcast : BaseBroadcast => throw null!;

        public RealtimePresence<TPresence> Register<TPresence>(string presenceKey) where TPresence : BasePresence => throw null!;

        public RealtimeBroadcast<TBroadcast>? Broadcast<TBroadcast>() where TBroadcast : BaseBroadcast => throw null!;

        public RealtimePresence<TPresence>? Presence<TPresence>() where TPresence : BasePresence => throw null!;

#if !REALTIME_PRE_7_4
        public IRealtimeChannel OnPostgresChange(IRealtimeChannel.PostgresChangesHandler handler, PostgresChangesOptions.ListenType listenType, PostgresChangesFilter? filter = null) => throw null!;

        [Obsolete("Favor OnPostgresChange instead.")]
#endif
        public void AddPostgresChangeHandler(PostgresChangesOptions.ListenType listenType, IRealtimeChannel.PostgresChangesHandler postgresChangeHandler) => throw null!;

        public void RemovePostgresChangeHandler(PostgresChangesOptions.ListenType listenType, IRealtimeChannel.PostgresChangesHandler postgresChangeHandler) => throw null!;

        public void ClearPostgresChangeHandlers() => throw null!;

        public void AddStateChangedHandler(IRealtimeChannel.StateChangedHandler stateChangedHandler) => throw null!;

        public void RemoveStateChangedHandler(IRealtimeChannel.StateChangedHandler stateChangedHandler) => throw null!;

        public void ClearStateChangedHandlers() => throw null!;

        public void AddMessageReceivedHandler(IRealtimeChannel.MessageReceivedHandler messageReceivedHandler) => throw null!;

        public void RemoveMessageReceivedHandler(IRealtimeChannel.MessageReceivedHandler messageReceivedHandler) => throw null!;

        public void ClearMessageReceivedHandlers() => throw null!;

        public void AddErrorHandler(IRealtimeChannel.ErrorEventHandler handler) => throw null!;

        public void RemoveErrorHandler(IRealtimeChannel.ErrorEventHandler handler) => throw null!;

        public void ClearErrorHandlers() => throw null!;

        public Push Push(string eventName, string? type = null, object? payload = null, int timeoutMs = Constants.DefaultTimeout) => throw null!;

        public Task<bool> Send(Constants.ChannelEventName eventName, string? type, object payload, int timeoutMs = Constants.DefaultTimeout) => throw null!;
    }
}

namespace Supabase.Realtime.Interfaces
{
    /// <summary>The realtime client's contract.</summary>
    public interface IRealtimeClient<TSocket, TChannel>
        where TSocket : IRealtimeSocket
        where TChannel : IRealtimeChannel
    {
        /// <summary>Called when the socket's state changes.</summary>
        delegate void SocketStateEventHandler(IRealtimeClient<TSocket, TChannel> sender, Constants.SocketState state);

        ClientOptions Options { get; }

        Func<Dictionary<string, string>>? GetHeaders { get; set; }

        IRealtimeSocket? Socket { get; }

        ReadOnlyDictionary<string, TChannel> Subscriptions { get; }

        TChannel Channel(string channelName);

        TChannel Channel(string database = "realtime", string schema = "public", string table = "*", string? column = null, string? value = null, Dictionary<string, string>? parameters = null);

        [Obsolete("Please use ConnectAsync() instead.")]
        IRealtimeClient<TSocket, TChannel> Connect(Action<IRealtimeClient<TSocket, TChannel>, RealtimeException?>? callback = null);

        Task<IRealtimeClient<TSocket, TChannel>> ConnectAsync();

        IRealtimeClient<TSocket, TChannel> Disconnect(WebSocketCloseStatus code = WebSocketCloseStatus.NormalClosure, string reason = "Programmatic Disconnect");

        void Remove(TChannel channel);

        void SetAuth(string jwt);

        void AddStateChangedHandler(SocketStateEventHandler handler);

        void RemoveStateChangedHandler(SocketStateEventHandler handler);

        void ClearStateChangedHandlers();

        void AddDebugHandler(IRealtimeDebugger.DebugEventHandler handler);

        void RemoveDebugHandler(IRealtimeDebugger.DebugEventHandler handler);

        void ClearDebugHandlers();
    }

    /// <summary>Carries the debug delegate used by the client.</summary>
    public interface IRealtimeDebugger
    {
        delegate void DebugEventHandler(object sender, string message, Exception? exception);
    }

    /// <summary>The realtime socket's contract.</summary>
    public interface IRealtimeSocket
    {
        delegate void StateEventHandler(IRealtimeSocket sender, Constants.SocketState state);

        delegate void MessageEventHandler(IRealtimeSocket sender, SocketResponse message);

        string EndpointUrl { get; }

        bool IsConnected { get; }

        void Connect();

        Task ConnectAsync();

        void Disconnect(WebSocketCloseStatus code = WebSocketCloseStatus.NormalClosure, string reason = "");

        void Push(SocketRequest data);

        string MakeMsgRef();

        string ReplyEventName(string msgRef);

        void AddStateChangedHandler(StateEventHandler handler);

        void RemoveStateChangedHandler(StateEventHandler handler);

        void ClearStateChangedHandlers();

        void AddMessageReceivedHandler(MessageEventHandler handler);

        void RemoveMessageReceivedHandler(MessageEventHandler handler);

        void ClearMessageReceivedHandlers();
    }

    /// <summary>A realtime channel's contract.</summary>
    public interface IRealtimeChannel
    {
        delegate void PostgresChangesHandler(IRealtimeChannel sender, PostgresChangesResponse change);

        delegate void StateChangedHandler(IRealtimeChannel sender, Constants.ChannelState state);

        delegate void ErrorEventHandler(IRealtimeChannel sender, RealtimeException exception);

        delegate void MessageReceivedHandler(IRealtimeChannel sender, SocketResponse message);

        string Topic { get; }

        Constants.ChannelState State { get; }

        ChannelOptions Options { get; }

        bool IsClosed { get; }

        bool IsErrored { get; }

        bool IsJoined { get; }

        bool IsJoining { get; }

        bool IsLeaving { get; }

        bool HasJoinedOnce { get; }

        BroadcastOptions? BroadcastOptions { get; }

        PresenceOptions? PresenceOptions { get; }

        Task<IRealtimeChannel> Subscribe(int timeoutMs = Constants.DefaultTimeout);

        IRealtimeChannel Unsubscribe();

        void Rejoin(int timeoutMs = Constants.DefaultTimeout);

#if !REALTIME_PRE_7_4
        [Obsolete("Favor OnPostgresChange instead.")]
#endif
        IRealtimeChannel Register(PostgresChangesOptions postgresChangesOptions);

        RealtimeBroadcast<TBroadcast> Register<TBroadcast>(bool broadcastSelf = false, bool broadcastAck = false) where TBroadcast : BaseBroadcast;

        RealtimePresence<TPresence> Register<TPresence>(string presenceKey) where TPresence : BasePresence;

        RealtimeBroadcast<TBroadcast>? Broadcast<TBroadcast>() where TBroadcast : BaseBroadcast;

        RealtimePresence<TPresence>? Presence<TPresence>() where TPresence : BasePresence;

#if !REALTIME_PRE_7_4
        IRealtimeChannel OnPostgresChange(PostgresChangesHandler handler, PostgresChangesOptions.ListenType listenType, PostgresChangesFilter? filter = null);

        [Obsolete("Favor OnPostgresChange instead.")]
#endif
        void AddPostgresChangeHandler(PostgresChangesOptions.ListenType listenType, PostgresChangesHandler postgresChangeHandler);

        void RemovePostgresChangeHandler(PostgresChangesOptions.ListenType listenType, PostgresChangesHandler postgresChangeHandler);

        void ClearPostgresChangeHandlers();

        void AddStateChangedHandler(StateChangedHandler stateChangedHandler);

        void RemoveStateChangedHandler(StateChangedHandler stateChangedHandler);

        void ClearStateChangedHandlers();

        void AddMessageReceivedHandler(MessageReceivedHandler messageReceivedHandler);

        void RemoveMessageReceivedHandler(MessageReceivedHandler messageReceivedHandler);

        void ClearMessageReceivedHandlers();

        void AddErrorHandler(ErrorEventHandler handler);

        void RemoveErrorHandler(ErrorEventHandler handler);

        void ClearErrorHandlers();

        Push Push(string eventName, string? type = null, object? payload = null, int timeoutMs = Constants.DefaultTimeout);

        Task<bool> Send(Constants.ChannelEventName eventName, string? type, object payload, int timeoutMs = Constants.DefaultTimeout);
    }

    /// <summary>A broadcast registration's contract.</summary>
    public interface IRealtimeBroadcast
    {
        delegate void BroadcastEventHandler(IRealtimeBroadcast sender, BaseBroadcast? broadcast);

        void AddBroadcastEventHandler(BroadcastEventHandler handler);

        void RemoveBroadcastEventHandler(BroadcastEventHandler handler);

        void ClearBroadcastEventHandlers();
    }

    /// <summary>A presence registration's contract.</summary>
    public interface IRealtimePresence
    {
        delegate void PresenceEventHandler(IRealtimePresence sender, Constants.EventType? eventType);

        void AddPresenceEventHandler(Constants.EventType eventType, PresenceEventHandler handler);

        void RemovePresenceEventHandler(Constants.EventType eventType, PresenceEventHandler handler);

        void ClearPresenceEventHandlers(Constants.EventType? eventType = null);

        void Track(object? payload, int timeoutMs = Constants.DefaultTimeout);

        void Untrack();
    }
}

namespace Supabase.Realtime.PostgresChanges
{
    /// <summary>A postgres_changes binding sent in the join message.</summary>
    public class PostgresChangesOptions
    {
        public enum ListenType
        {
            All,
            Inserts,
            Updates,
            Deletes,
        }

        public PostgresChangesOptions(string schema, string? table = null, ListenType eventType = ListenType.All, string? filter = null, Dictionary<string, string>? parameters = null)
        {
            Schema = schema;
            Table = table;
            ListenEventType = eventType;
            Filter = filter;
            Parameters = parameters;
        }

        public string Schema { get; set; }

        public string? Table { get; set; }

        public string? Filter { get; set; }

        public Dictionary<string, string>? Parameters { get; set; }

        public ListenType ListenEventType { get; }

        /// <summary>The event name sent to the server: "*", "INSERT", "UPDATE" or "DELETE".</summary>
        public string Event => ListenEventType switch
        {
            ListenType.Inserts => "INSERT",
            ListenType.Updates => "UPDATE",
            ListenType.Deletes => "DELETE",
            _ => "*",
        };
    }

#if !REALTIME_PRE_7_4
    /// <summary>The filter handed to <c>OnPostgresChange</c> (Realtime 7.4+).</summary>
    public class PostgresChangesFilter
    {
        public PostgresChangesFilter(string schema = "public", string? table = null, string? filter = null)
        {
            Schema = schema;
            Table = table;
            Filter = filter;
        }

        public string Schema { get; set; }

        public string? Table { get; set; }

        public string? Filter { get; set; }
    }
#endif

    /// <summary>The payload of a postgres_changes message.</summary>
    public class PostgresChangesPayload<T> where T : class
    {
        public T? Data { get; set; }

        public List<int>? Ids { get; set; }
    }

    /// <summary>A postgres_changes message.</summary>
    public class PostgresChangesResponse : SocketResponse<PostgresChangesPayload<SocketResponsePayload>>
    {
        public TModel? Model<TModel>() where TModel : BaseModel, new() => throw null!;

        public TModel? OldModel<TModel>() where TModel : BaseModel, new() => throw null!;
    }
}

namespace Supabase.Realtime.Models
{
    /// <summary>The data of a postgres_changes payload.</summary>
    public class SocketResponsePayload
    {
        public Constants.EventType Type { get; set; }

        public string? Schema { get; set; }

        public string? Table { get; set; }

        public DateTimeOffset? CommitTimestamp { get; set; }

        public Dictionary<string, object?>? Record { get; set; }

        public Dictionary<string, object?>? OldRecord { get; set; }

        public List<object>? Columns { get; set; }

        public object? Errors { get; set; }
    }
}

namespace Supabase.Realtime.Socket
{
    /// <summary>The query parameters sent when the socket connects.</summary>
    public class SocketOptionsParameters
    {
        public string? Token { get; set; }

        public string? ApiKey { get; set; }
    }

    /// <summary>A message sent on the socket.</summary>
    public class SocketRequest
    {
        public string? Topic { get; set; }

        public string? Event { get; set; }

        public object? Payload { get; set; }

        public string? Ref { get; set; }

        public string? JoinRef { get; set; }
    }

    /// <summary>A message received on the socket.</summary>
    public class SocketResponse
    {
        public string? Topic { get; set; }

        public string? Event { get; set; }

        public Constants.EventType Type { get; set; }

        public string? Ref { get; set; }

        public string? Json { get; set; }
    }

    /// <summary>A message received on the socket, with a typed payload.</summary>
    public class SocketResponse<T> : SocketResponse where T : class
    {
        public T? Payload { get; set; }
    }
}

namespace Supabase.Realtime.Exceptions
{
    /// <summary>Why a realtime operation failed.</summary>
    public static class FailureHint
    {
        public enum Reason
        {
            Unknown,
            SocketError,
            PushTimeout,
            ChannelNotOpen,
            ChannelJoinFailure,
            BroadcastNotRegistered,
            PresenceNotRegistered,
        }
    }

    /// <summary>Thrown or reported by the realtime client.</summary>
    public class RealtimeException : Exception
    {
        public RealtimeException(string? message)
            : base(message)
        {
        }

        public RealtimeException(string? message, Exception? innerException)
            : base(message, innerException)
        {
        }

        public FailureHint.Reason Reason { get; set; } = FailureHint.Reason.Unknown;
    }
}

namespace Supabase.Realtime.Channel
{
    /// <summary>Options a channel is created with.</summary>
    public class ChannelOptions
    {
        public ChannelOptions(ClientOptions clientOptions, Func<string?> retrieveAccessToken)
        {
            ClientOptions = clientOptions;
            RetrieveAccessToken = retrieveAccessToken;
        }

        public ClientOptions ClientOptions { get; }

        public Func<string?> RetrieveAccessToken { get; }

        public Dictionary<string, string>? Parameters { get; set; }
    }

    /// <summary>Broadcast settings of a channel.</summary>
    public class BroadcastOptions
    {
        public BroadcastOptions(bool broadcastSelf = false, bool broadcastAck = false)
        {
            BroadcastSelf = broadcastSelf;
            BroadcastAck = broadcastAck;
        }

        public bool BroadcastSelf { get; set; }

        public bool BroadcastAck { get; set; }
    }

    /// <summary>Presence settings of a channel.</summary>
    public class PresenceOptions
    {
        public PresenceOptions(string presenceKey)
        {
            Key = presenceKey;
        }

        public string Key { get; set; }
    }

    /// <summary>A message pushed to the server on a channel.</summary>
    public class Push
    {
        public Push(IRealtimeSocket socket, IRealtimeChannel channel, string eventName, string? type = null, object? payload = null, int timeoutMs = Constants.DefaultTimeout)
        {
            Socket = socket;
            Channel = channel;
            EventName = eventName;
            Type = type;
            Payload = payload;
            TimeoutMs = timeoutMs;
        }

        public IRealtimeSocket Socket { get; }

        public IRealtimeChannel Channel { get; }

        public string EventName { get; }

        public string? Type { get; }

        public object? Payload { get; }

        public int TimeoutMs { get; }

        public SocketRequest? Message { get; private set; }

        public SocketResponse? Response { get; private set; }

        public void Send() => throw null!;

        public void Resend() => throw null!;
    }
}

namespace Supabase.Realtime.Broadcast
{
    /// <summary>Base class of broadcast payload models.</summary>
    public class BaseBroadcast
    {
        public string? Event { get; set; }

        public Dictionary<string, object>? Payload { get; set; }
    }

    /// <summary>A broadcast payload model with a typed payload.</summary>
    public class BaseBroadcast<TPayload> : BaseBroadcast
    {
        public new TPayload? Payload { get; set; }
    }

    /// <summary>The broadcast registration of a channel.</summary>
    public class RealtimeBroadcast<TBroadcastModel> : IRealtimeBroadcast where TBroadcastModel : BaseBroadcast
    {
        public RealtimeBroadcast(RealtimeChannel channel, BroadcastOptions options)
        {
            Channel = channel;
            Options = options;
        }

        public RealtimeChannel Channel { get; }

        public BroadcastOptions Options { get; }

        public TBroadcastModel? Current() => throw null!;

        public Task<bool> Send(string broadcastEventName, TBroadcastModel? payload, int timeoutMs = Constants.DefaultTimeout) => throw null!;

        public void AddBroadcastEventHandler(IRealtimeBroadcast.BroadcastEventHandler handler) => throw null!;

        public void RemoveBroadcastEventHandler(IRealtimeBroadcast.BroadcastEventHandler handler) => throw null!;

        public void ClearBroadcastEventHandlers() => throw null!;
    }
}

namespace Supabase.Realtime.Presence
{
    /// <summary>Base class of presence state models.</summary>
    public class BasePresence
    {
        public string? PhxRef { get; set; }

        public string? PhxRefPrev { get; set; }
    }

    /// <summary>The presence registration of a channel.</summary>
    public class RealtimePresence<TPresenceModel> : IRealtimePresence where TPresenceModel : BasePresence
    {
        public RealtimePresence(RealtimeChannel channel, PresenceOptions options)
        {
            Channel = channel;
            Options = options;
        }

        public RealtimeChannel Channel { get; }

        public PresenceOptions Options { get; }

        public Dictionary<string, List<TPresenceModel>> CurrentState { get; } = new Dictionary<string, List<TPresenceModel>>();

        public Dictionary<string, List<TPresenceModel>> LastState { get; } = new Dictionary<string, List<TPresenceModel>>();

        public void Track(object? payload, int timeoutMs = Constants.DefaultTimeout) => throw null!;

        public void Untrack() => throw null!;

        public void AddPresenceEventHandler(Constants.EventType eventType, IRealtimePresence.PresenceEventHandler handler) => throw null!;

        public void RemovePresenceEventHandler(Constants.EventType eventType, IRealtimePresence.PresenceEventHandler handler) => throw null!;

        public void ClearPresenceEventHandlers(Constants.EventType? eventType = null) => throw null!;
    }
}
