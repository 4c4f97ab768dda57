using System;
using System.Threading;
using System.Threading.Tasks;
using Supabase.Realtime;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeMisuse
{
    /// <summary>
    /// SRT005: a background sync worker creates its own Supabase client and initializes it, but the
    /// client was built without AutoConnectRealtime, so InitializeAsync() leaves the realtime socket
    /// unconnected and nothing else in the class connects it. Channel() throws
    /// "Socket must exist, was `Connect` called?" and the worker dies on start.
    /// </summary>
    public sealed class OrderSyncWorker
    {
        private readonly Supabase.Client _supabase = new Supabase.Client(
            "https://project.supabase.co",
            "public-anon-key",
            new Supabase.SupabaseOptions { AutoRefreshToken = true });

        private RealtimeChannel? _orders;

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            await _supabase.InitializeAsync();
            _orders = _supabase.Realtime.Channel("realtime", "public", "orders");
            _orders.OnPostgresChange((sender, change) => Console.WriteLine("new order"), PostgresChangesOptions.ListenType.Inserts);
            await _orders.Subscribe();
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            if (_orders != null)
            {
                _supabase.Realtime.Remove(_orders);
            }

            return Task.CompletedTask;
        }
    }

    /// <summary>
    /// SRT005 in one method: the room channel is created before the socket connects; the connect
    /// call that would make it work comes one line too late.
    /// </summary>
    public sealed class GameLobby
    {
        private readonly Client _realtime;
        private RealtimeChannel? _channel;

        public GameLobby(Client realtime) => _realtime = realtime;

        public async Task JoinAsync(string room)
        {
            _channel = _realtime.Channel("lobby:" + room);
            await _realtime.ConnectAsync();
            await _channel.Subscribe();
        }

        public void Leave()
        {
            if (_channel != null)
            {
                _realtime.Remove(_channel);
                _channel = null;
            }
        }
    }
}
