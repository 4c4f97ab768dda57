using System.Threading.Tasks;
using Microsoft.AspNetCore.Components;
using Supabase.Realtime;
using Supabase.Realtime.PostgresChanges;

namespace BlazorRealtime.Components
{
    /// <summary>The code-behind of PresenceBar.razor: joins the sessions channel (the markup's Dispose() removes it).</summary>
    public partial class PresenceBar
    {
        private RealtimeChannel? _presence;
        private int _online;

        [Inject]
        public Supabase.Client SupabaseClient { get; set; } = default!;

        protected override async Task OnInitializedAsync()
        {
            _presence = SupabaseClient.Realtime.Channel("presence-bar");
            _presence.OnPostgresChange((sender, change) => InvokeAsync(() =>
            {
                _online++;
                StateHasChanged();
            }), PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "sessions" });
            await _presence.Subscribe();
        }
    }
}
