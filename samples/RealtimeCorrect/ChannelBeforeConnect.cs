using System;
using System.Threading;
using System.Threading.Tasks;
using Supabase.Realtime;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeCorrect
{
    /// <summary>Creates the client with AutoConnectRealtime, so InitializeAsync() connects the socket before Channel().</summary>
    public sealed class OrderSyncWorker
    {
        private readonly Supabase.Client _supabase = new Supabase.Client(
            "https://project.supabase.co",
            "public-anon-key",
            new Supabase.SupabaseOptions { AutoRefreshToken = true, AutoConnectRealtime = true });

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

    /// <summary>Connects first, then creates and joins the room's channel.</summary>
    public sealed class GameLobby
    {
        private readonly Client _realtime;
        private RealtimeChannel? _channel;

        public GameLobby(Client realtime) => _realtime = realtime;

        public async Task JoinAsync(string room)
        {
            await _realtime.ConnectAsync();
            _channel = _realtime.Channel("lobby:" + room);
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
