using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>SRT013: a worker that starts watching stock levels and never learns whether its channel joined.</summary>
    public sealed class StockLevelWorker : IHostedService
    {
        private readonly Supabase.Client _supabase;
        private readonly ILogger<StockLevelWorker> _logger;
        private RealtimeChannel? _stock;

        public StockLevelWorker(Supabase.Client supabase, ILogger<StockLevelWorker> logger)
        {
            // The client is a singleton, initialized (and its realtime socket connected) at startup.
            _supabase = supabase;
            _logger = logger;
        }

        public Task StartAsync(CancellationToken cancellationToken)
        {
            _stock = _supabase.Realtime.Channel("stock-levels");
            _stock.OnPostgresChange(OnStockChanged, PostgresChangesOptions.ListenType.Updates, new PostgresChangesFilter { Table = "stock_items" });

            // Fire and forget: if row-level security refuses the join, the task faults with a
            // RealtimeException nobody sees; if the server never answers, it never completes. Either
            // way the log says "watching" and the host reports the service as started.
            _ = _stock.Subscribe(); // SRT013
            _logger.LogInformation("Watching stock levels");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken)
        {
            if (_stock != null)
            {
                _supabase.Realtime.Remove(_stock);
            }

            return Task.CompletedTask;
        }

        private void OnStockChanged(IRealtimeChannel sender, PostgresChangesResponse change)
        {
            var item = change.Model<StockItem>();
            if (item != null)
            {
                _logger.LogInformation("Stock of {Sku} is now {Quantity}", item.Sku, item.Quantity);
            }
        }
    }
}
