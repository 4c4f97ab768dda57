#nullable enable
// Compile-only stand-in for the Supabase package (the client that ties auth,
// realtime, postgrest and storage together). Define POSTGREST_LEGACY when
// compiling against the pre-3.3 Postgrest shape. Bodies do nothing useful.

using System.Collections.Generic;
using System.Threading.Tasks;
using Supabase.Gotrue;
using Supabase.Gotrue.Interfaces;
using Supabase.Interfaces;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;
using Supabase.Storage;
using Supabase.Storage.Interfaces;
#if POSTGREST_LEGACY
using Postgrest;
using Postgrest.Interfaces;
using Postgrest.Models;
using Postgrest.Responses;
using PostgrestClientOptions = Postgrest.ClientOptions;
#else
using Supabase.Postgrest;
using Supabase.Postgrest.Interfaces;
using Supabase.Postgrest.Models;
using Supabase.Postgrest.Responses;
using PostgrestClientOptions = Supabase.Postgrest.ClientOptions;
#endif
using GotrueClient = Supabase.Gotrue.Client;
using GotrueClientOptions = Supabase.Gotrue.ClientOptions;
using RealtimeClient = Supabase.Realtime.Client;
using RealtimeClientOptions = Supabase.Realtime.ClientOptions;

namespace Supabase
{
    /// <summary>Options of the Supabase client.</summary>
    public class SupabaseOptions
    {
        public string Schema { get; set; } = "public";

        public bool AutoConnectRealtime { get; set; }

        public bool AutoRefreshToken { get; set; } = true;

        public Dictionary<string, string> Headers { get; set; } = new Dictionary<string, string>();

        public string AuthUrlFormat { get; set; } = "{0}/auth/v1";

        public string RestUrlFormat { get; set; } = "{0}/rest/v1";

        public string RealtimeUrlFormat { get; set; } = "{0}/realtime/v1";

        public string StorageUrlFormat { get; set; } = "{0}/storage/v1";

        public RealtimeClientOptions RealtimeClientOptions { get; set; } = new RealtimeClientOptions();
    }

    /// <summary>The Supabase client.</summary>
    public class Client : ISupabaseClient<User, Session, RealtimeSocket, RealtimeChannel, Bucket, FileObject>
    {
        public Client(string supabaseUrl, string? supabaseKey, SupabaseOptions? options = null)
        {
            SupabaseUrl = supabaseUrl;
            SupabaseKey = supabaseKey;
            Options = options ?? new SupabaseOptions();
            Auth = new GotrueClient(new GotrueClientOptions());
            Realtime = new RealtimeClient(supabaseUrl, Options.RealtimeClientOptions);
            Postgrest = null!;
            Storage = null!;
        }

        /// <summary>Builds a client from ready clients; wires no auth events into realtime.</summary>
        public Client(
            IGotrueClient<User, Session> auth,
            IRealtimeClient<RealtimeSocket, RealtimeChannel> realtime,
            IPostgrestClient postgrest,
            IStorageClient<Bucket, FileObject> storage,
            SupabaseOptions options)
        {
            SupabaseUrl = string.Empty;
            Auth = auth;
            Realtime = realtime;
            Postgrest = postgrest;
            Storage = storage;
            Options = options;
        }

        public string SupabaseUrl { get; }

        public string? SupabaseKey { get; }

        public SupabaseOptions Options { get; }

        public IGotrueClient<User, Session> Auth { get; }

        public IRealtimeClient<RealtimeSocket, RealtimeChannel> Realtime { get; }

        public IPostgrestClient Postgrest { get; }

        public IStorageClient<Bucket, FileObject> Storage { get; }

        public ISupabaseTable<TModel, RealtimeChannel> From<TModel>() where TModel : BaseModel, new() => throw null!;

        public Task<BaseResponse> Rpc(string procedureName, object? parameters) => throw null!;

        public Task<ISupabaseClient<User, Session, RealtimeSocket, RealtimeChannel, Bucket, FileObject>> InitializeAsync() => throw null!;
    }

    /// <summary>A Postgrest table that can also listen to its realtime changes.</summary>
    public class SupabaseTable<TModel> : Table<TModel>, ISupabaseTable<TModel, RealtimeChannel>
        where TModel : BaseModel, new()
    {
        public SupabaseTable(IPostgrestClient postgrestClient, IRealtimeClient<RealtimeSocket, RealtimeChannel> realtimeClient, string schema = "public")
            : base(postgrestClient.BaseUrl, new PostgrestClientOptions { Schema = schema })
        {
            RealtimeClient = realtimeClient;
        }

        public IRealtimeClient<RealtimeSocket, RealtimeChannel> RealtimeClient { get; }

        public Task<RealtimeChannel> On(PostgresChangesOptions.ListenType listenType, IRealtimeChannel.PostgresChangesHandler handler) => throw null!;
    }
}

namespace Supabase.Interfaces
{
    /// <summary>The Supabase client's contract.</summary>
    public interface ISupabaseClient<TUser, TSession, TSocket, TChannel, TProvider, TStorage>
        where TUser : User
        where TSession : Session
        where TSocket : IRealtimeSocket
        where TChannel : IRealtimeChannel
        where TProvider : Bucket
        where TStorage : FileObject
    {
        IGotrueClient<TUser, TSession> Auth { get; }

        IRealtimeClient<TSocket, TChannel> Realtime { get; }

        IPostgrestClient Postgrest { get; }

        IStorageClient<TProvider, TStorage> Storage { get; }

        ISupabaseTable<TModel, TChannel> From<TModel>() where TModel : BaseModel, new();

        Task<BaseResponse> Rpc(string procedureName, object? parameters);

        Task<ISupabaseClient<TUser, TSession, TSocket, TChannel, TProvider, TStorage>> InitializeAsync();
    }

    /// <summary>A Postgrest table that can also listen to its realtime changes.</summary>
    public interface ISupabaseTable<TModel, TChannel> : IPostgrestTable<TModel>
        where TModel : BaseModel, new()
        where TChannel : IRealtimeChannel
    {
        Task<TChannel> On(PostgresChangesOptions.ListenType listenType, IRealtimeChannel.PostgresChangesHandler handler);
    }
}

// Minimal storage stand-ins: the real ones live in the Supabase.Storage package,
// which the analyzers do not look at; they exist here only to close the
// ISupabaseClient type parameters.
namespace Supabase.Storage
{
    /// <summary>A storage bucket.</summary>
    public class Bucket
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public bool Public { get; set; }
    }

    /// <summary>A stored file.</summary>
    public class FileObject
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public string? BucketId { get; set; }
    }
}

namespace Supabase.Storage.Interfaces
{
    /// <summary>The storage client's contract (only what the stand-in needs).</summary>
    public interface IStorageClient<TBucket, TFileObject>
        where TBucket : Bucket
        where TFileObject : FileObject
    {
        Task<List<TBucket>?> ListBuckets();

        Task<TBucket?> GetBucket(string id);
    }
}
