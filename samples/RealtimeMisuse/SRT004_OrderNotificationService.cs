using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>SRT004: a hosted service that listens for new orders and never leaves the channel.</summary>
    public sealed class OrderNotificationService : BackgroundService
    {
        private readonly Supabase.Client _supabase;
        private readonly ILogger<OrderNotificationService> _logger;
        private RealtimeChannel? _orders;

        public OrderNotificationService(Supabase.Client supabase, ILogger<OrderNotificationService> logger)
        {
            // The client is a singleton, initialized (and its realtime socket connected) at startup.
            _supabase = supabase;
            _logger = logger;
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            _orders = _supabase.Realtime.Channel("orders");
            _orders.OnPostgresChange(OnOrderInserted, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "orders" });

            // Nothing ever leaves this channel: when the host stops the service (or restarts it), the
            // channel stays joined on the shared client with its handler, which keeps this service
            // alive and keeps logging orders; the next start gets the same cached channel back.
            await _orders.Subscribe(); // SRT004
        }

        private void OnOrderInserted(IRealtimeChannel sender, PostgresChangesResponse change)
        {
            var order = change.Model<Order>();
            if (order != null)
            {
                _logger.LogInformation("New order {OrderId} for {Total}", order.Id, order.Total);
            }
        }
    }
}
