using System.Threading.Tasks;
using Microsoft.AspNetCore.Components;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace BlazorRealtime.Components
{
    /// <summary>The code-behind of OrderTicker.razor: counts today's orders as they come in.</summary>
    public partial class OrderTicker
    {
        private RealtimeChannel? _orders;
        private int _count;

        [Inject]
        public Supabase.Client SupabaseClient { get; set; } = default!;

        protected override async Task OnInitializedAsync()
        {
            _orders = SupabaseClient.Realtime.Channel("order-ticker");
            _orders.OnPostgresChange(OnOrderInserted, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "orders" });
            await _orders.Subscribe(); // SRT004
        }

        private void OnOrderInserted(IRealtimeChannel sender, PostgresChangesResponse change)
        {
            _ = InvokeAsync(() =>
            {
                _count++;
                StateHasChanged();
            });
        }
    }
}
