using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>SRT004, written right: the hosted service removes its channel when the host stops it.</summary>
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

        public override async Task StopAsync(CancellationToken cancellationToken)
        {
            if (_orders != null)
            {
                // Leaves the channel and drops it from the client's cache, handler and all.
                _supabase.Realtime.Remove(_orders);
                _orders = null;
            }

            await base.StopAsync(cancellationToken);
        }

        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
        {
            _orders = _supabase.Realtime.Channel("orders");
            _orders.OnPostgresChange(OnOrderInserted, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "orders" });
            await _orders.Subscribe();
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
