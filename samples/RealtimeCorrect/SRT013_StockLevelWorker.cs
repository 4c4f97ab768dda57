using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>SRT013, written right: the worker awaits the join, so a refused join fails the start.</summary>
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

        public async Task StartAsync(CancellationToken cancellationToken)
        {
            _stock = _supabase.Realtime.Channel("stock-levels");
            _stock.OnPostgresChange(OnStockChanged, PostgresChangesOptions.ListenType.Updates, new PostgresChangesFilter { Table = "stock_items" });

            // A refused join throws RealtimeException here and the host reports the failed start.
            await _stock.Subscribe();
            _logger.LogInformation("Watching stock levels");
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
