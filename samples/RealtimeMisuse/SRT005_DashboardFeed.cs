using System;
using System.Threading.Tasks;
using Supabase;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>SRT005: a dashboard creates its client and sets up its channel before connecting.</summary>
    public static class DashboardFeed
    {
        public static async Task<Supabase.Client> StartAsync(string url, string anonKey, Action<DailyStats> onStats)
        {
            var supabase = new Supabase.Client(url, anonKey, new SupabaseOptions { AutoConnectRealtime = true });

            // At run time this throws "Socket must exist, was `Connect` called?": the realtime socket
            // only connects inside InitializeAsync below, so the dashboard never starts.
            var stats = supabase.Realtime.Channel("dashboard"); // SRT005
            stats.OnPostgresChange(
                (sender, change) =>
                {
                    var row = change.Model<DailyStats>();
                    if (row != null)
                    {
                        onStats(row);
                    }
                },
                PostgresChangesOptions.ListenType.All,
                new PostgresChangesFilter { Table = "daily_stats" });

            await supabase.InitializeAsync();
            await stats.Subscribe();
            return supabase;
        }
    }
}
