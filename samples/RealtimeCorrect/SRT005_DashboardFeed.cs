using System;
using System.Threading.Tasks;
using Supabase;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>SRT005, written right: connects (InitializeAsync) before it creates the channel.</summary>
    public static class DashboardFeed
    {
        public static async Task<Supabase.Client> StartAsync(string url, string anonKey, Action<DailyStats> onStats)
        {
            var supabase = new Supabase.Client(url, anonKey, new SupabaseOptions { AutoConnectRealtime = true });

            // With AutoConnectRealtime, InitializeAsync connects the realtime socket.
            await supabase.InitializeAsync();

            var stats = supabase.Realtime.Channel("dashboard");
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

            await stats.Subscribe();
            return supabase;
        }
    }
}
