// Compiled by eng/check-package.sh in a throw-away project that takes the analyzers from the
// packed SupabaseRealtime.Analyzers package (and the real SDK, the Supabase 1.6.0 package), the way a
// user does. expected-diagnostics.txt beside this file lists what the build must report.
using System.Threading.Tasks;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;

namespace PackageConsumer
{
    public sealed class LobbyClient
    {
        private readonly IRealtimeClient<RealtimeSocket, RealtimeChannel> _realtime;

        public LobbyClient(IRealtimeClient<RealtimeSocket, RealtimeChannel> realtime)
        {
            _realtime = realtime;
        }

        public static Supabase.Client CreateAdminClient(string url)
        {
            return new Supabase.Client(url, "sb_secret_example0123456789abcdefghij"); // SRT008
        }

        public async Task JoinAsync()
        {
            var lobby = _realtime.Channel("lobby");
            await lobby.Subscribe();
            await lobby.Subscribe(); // SRT002
        }
    }
}
