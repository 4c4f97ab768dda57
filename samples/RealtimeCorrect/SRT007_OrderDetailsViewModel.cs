using System;
using System.Collections.ObjectModel;
using System.ComponentModel;
using System.Threading.Tasks;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>
    /// SRT007, written right: the app creates one of these view models each time the user opens the
    /// orders page, on the app's one shared client, and disposes it when the user leaves.
    /// </summary>
    public sealed class OrderDetailsViewModel : INotifyPropertyChanged, IDisposable
    {
        private readonly Supabase.Client _supabase;
        private RealtimeChannel? _orders;

        public OrderDetailsViewModel(Supabase.Client supabase)
        {
            _supabase = supabase;
        }

        public event PropertyChangedEventHandler? PropertyChanged;

        public ObservableCollection<Order> Orders { get; } = new ObservableCollection<Order>();

        /// <summary>Called by the page when it appears.</summary>
        public async Task LoadAsync()
        {
            _orders = _supabase.Realtime.Channel("order-details");
            _orders.OnPostgresChange(OnOrderChanged, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "orders" });
            await _orders.Subscribe();
        }

        public void Dispose()
        {
            if (_orders != null)
            {
                // Leaves the channel and drops it from the shared client's cache, handler and all: the next
                // OrderDetailsViewModel gets a new channel from Channel("order-details") and its own handler runs.
                _supabase.Realtime.Remove(_orders);
                _orders = null;
            }
        }

        private void OnOrderChanged(IRealtimeChannel sender, PostgresChangesResponse change)
        {
            var order = change.Model<Order>();
            if (order != null)
            {
                Orders.Add(order);
                PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(nameof(Orders)));
            }
        }
    }
}
