#nullable enable
// Compile-only stand-in for Supabase.Realtime before 6.0, when channels and the
// client exposed C# events instead of Add/Remove...Handler methods. Compile it
// alone (with Postgrest.cs) as an assembly named Supabase.Realtime. Define
// POSTGREST_LEGACY when compiling against the pre-3.3 Postgrest shape.
// Bodies do nothing useful.

using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Net.WebSockets;
using System.Threading.Tasks;
using Supabase.Realtime.Channel;
using Supabase.Realtime.Exceptions;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.Models;
using Supabase.Realtime.PostgresChanges;
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
    }

    /// <summary>Options for the realtime client.</summary>
    public class ClientOptions
    {
        public SocketOptionsParameters Parameters { get; set; } = new SocketOptionsParameters();

        public Dictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();

        public TimeSpan Timeout { get; set; } = TimeSpan.FromMilliseconds(Constants.DefaultTimeout);

        public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(30);
    }

    /// <summary>Raised when the socket's state changes.</summary>
    public class SocketStateChangedEventArgs : EventArgs
    {
        public SocketStateChangedEventArgs(Constants.SocketState state, SocketResponse? response = null)
        {
            State = state;
            Response = response;
        }

        public Constants.SocketState State { get; }

        public SocketResponse? Response { get; }
    }

    /// <summary>Raised when a channel's state changes.</summary>
    public class ChannelStateChangedEventArgs : EventArgs
    {
        public ChannelStateChangedEventArgs(Constants.ChannelState state)
        {
            State = state;
        }

        public Constants.ChannelState State { get; }
    }

    /// <summary>Raised for every message a socket or channel receives.</summary>
    public class SocketResponseEventArgs : EventArgs
    {
        public SocketResponseEventArgs(SocketResponse response)
        {
            Response = response;
        }

        public SocketResponse Response { get; }
    }

    /// <summary>Raised for a postgres_changes message.</summary>
    public class PostgresChangesEventArgs : EventArgs
    {
        public PostgresChangesEventArgs(PostgresChangesResponse response)
        {
            Response = response;
        }

        public PostgresChangesResponse Response { get; }
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

        public IRealtimeSocket? Socket => throw null!;

        public ReadOnlyDictionary<string, RealtimeChannel> Subscriptions => throw null!;

        public event EventHandler<SocketStateChangedEventArgs>? OnOpen { add { } remove { } }

        public event EventHandler<SocketStateChangedEventArgs>? OnClose { add { } remove { } }

        public event EventHandler<SocketStateChangedEventArgs>? OnError { add { } remove { } }

        public event EventHandler<SocketStateChangedEventArgs>? OnReconnect { add { } remove { } }

        public event EventHandler<SocketResponseEventArgs>? OnMessage { add { } remove { } }

        public RealtimeChannel Channel(string channelName) => throw null!;

        public RealtimeChannel Channel(string database = "realtime", string schema = "public", string table = "*", string? column = null, string? value = null, Dictionary<string, string>? parameters = null) => throw null!;

        public IRealtimeClient<RealtimeSocket, RealtimeChannel> Connect(Action<IRealtimeClient<RealtimeSocket, RealtimeChannel>>? callback = null) => throw null!;

        public Task<IRealtimeClient<RealtimeSocket, RealtimeChannel>> ConnectAsync() => throw null!;

        public IRealtimeClient<RealtimeSocket, RealtimeChannel> Disconnect(WebSocketCloseStatus code = WebSocketCloseStatus.NormalClosure, string reason = "Programmatic Disconnect") => throw null!;

        public void Remove(RealtimeChannel channel) => throw null!;

        public void SetAuth(string jwt) => throw null!;
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

        public event EventHandler<SocketStateChangedEventArgs>? StateChanged { add { } remove { } }

        public event EventHandler<SocketResponseEventArgs>? OnMessage { add { } remove { } }

        public void Connect() => throw null!;

        public Task ConnectAsync() => throw null!;

        public void Disconnect(WebSocketCloseStatus code = WebSocketCloseStatus.NormalClosure, string reason = "") => throw null!;

        public void Push(SocketRequest data) => throw null!;

        public string MakeMsgRef() => throw null!;

        public string ReplyEventName(string msgRef) => throw null!;
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

        public event EventHandler<PostgresChangesEventArgs>? OnInsert { add { } remove { } }

        public event EventHandler<PostgresChangesEventArgs>? OnUpdate { add { } remove { } }

        public event EventHandler<PostgresChangesEventArgs>? OnDelete { add { } remove { } }

        public event EventHandler<PostgresChangesEventArgs>? OnPostgresChange { add { } remove { } }

        public event EventHandler<SocketResponseEventArgs>? OnMessage { add { } remove { } }

        public event EventHandler<ChannelStateChangedEventArgs>? StateChanged { add { } remove { } }

        public event EventHandler<ChannelStateChangedEventArgs>? OnClose { add { } remove { } }

        public event EventHandler<ChannelStateChangedEventArgs>? OnError { add { } remove { } }

        public Task<IRealtimeChannel> Subscribe(int timeoutMs = Constants.DefaultTimeout) => throw null!;

        public IRealtimeChannel Unsubscribe() => throw null!;

        public void Rejoin(int timeoutMs = Constants.DefaultTimeout) => throw null!;

        public IRealtimeChannel Register(PostgresChangesOptions postgresChangesOptions) => throw null!;

        public Push Push(string eventName, string? type = null, object? payload = null, int timeoutMs = Constants.DefaultTimeout) => throw null!;
    }
}

namespace Supabase.Realtime.Interfaces
{
    /// <summary>The realtime client's contract.</summary>
    public interface IRealtimeClient<TSocket, TChannel>
        where TSocket : IRealtimeSocket
        where TChannel : IRealtimeChannel
    {
        ClientOptions Options { get; }

        IRealtimeSocket? Socket { get; }

        ReadOnlyDictionary<string, TChannel> Subscriptions { get; }

        event EventHandler<SocketStateChangedEventArgs>? OnOpen;

        event EventHandler<SocketStateChangedEventArgs>? OnClose;

        event EventHandler<SocketStateChangedEventArgs>? OnError;

        event EventHandler<SocketStateChangedEventArgs>? OnReconnect;

        event EventHandler<SocketResponseEventArgs>? OnMessage;

        TChannel Channel(string channelName);

        TChannel Channel(string database = "realtime", string schema = "public", string table = "*", string? column = null, string? value = null, Dictionary<string, string>? parameters = null);

        IRealtimeClient<TSocket, TChannel> Connect(Action<IRealtimeClient<TSocket, TChannel>>? callback = null);

        Task<IRealtimeClient<TSocket, TChannel>> ConnectAsync();

        IRealtimeClient<TSocket, TChannel> Disconnect(WebSocketCloseStatus code = WebSocketCloseStatus.NormalClosure, string reason = "Programmatic Disconnect");

        void Remove(TChannel channel);

        void SetAuth(string jwt);
    }

    /// <summary>The realtime socket's contract.</summary>
    public interface IRealtimeSocket
    {
        string EndpointUrl { get; }

        bool IsConnected { get; }

        event EventHandler<SocketStateChangedEventArgs>? StateChanged;

        event EventHandler<SocketResponseEventArgs>? OnMessage;

        void Connect();

        Task ConnectAsync();

        void Disconnect(WebSocketCloseStatus code = WebSocketCloseStatus.NormalClosure, string reason = "");

        void Push(SocketRequest data);

        string MakeMsgRef();

        string ReplyEventName(string msgRef);
    }

    /// <summary>A realtime channel's contract.</summary>
    public interface IRealtimeChannel
    {
        string Topic { get; }

        Constants.ChannelState State { get; }

        ChannelOptions Options { get; }

        bool IsClosed { get; }

        bool IsErrored { get; }

        bool IsJoined { get; }

        bool IsJoining { get; }

        bool IsLeaving { get; }

        bool HasJoinedOnce { get; }

        event EventHandler<PostgresChangesEventArgs>? OnInsert;

        event EventHandler<PostgresChangesEventArgs>? OnUpdate;

        event EventHandler<PostgresChangesEventArgs>? OnDelete;

        event EventHandler<PostgresChangesEventArgs>? OnPostgresChange;

        event EventHandler<SocketResponseEventArgs>? OnMessage;

        event EventHandler<ChannelStateChangedEventArgs>? StateChanged;

        event EventHandler<ChannelStateChangedEventArgs>? OnClose;

        event EventHandler<ChannelStateChangedEventArgs>? OnError;

        Task<IRealtimeChannel> Subscribe(int timeoutMs = Constants.DefaultTimeout);

        IRealtimeChannel Unsubscribe();

        void Rejoin(int timeoutMs = Constants.DefaultTimeout);

        IRealtimeChannel Register(PostgresChangesOptions postgresChangesOptions);

        Push Push(string eventName, string? type = null, object? payload = null, int timeoutMs = Constants.DefaultTimeout);
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
    /// <summary>Thrown by the realtime client.</summary>
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

        public void Send() => throw null!;
    }
}
