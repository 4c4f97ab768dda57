using System.Threading.Tasks;
using Supabase.Realtime;

namespace RealtimeSamples
{
    /// <summary>SRT014: opens chat rooms, connecting realtime before each one.</summary>
    public sealed class RoomDirectory
    {
        private readonly Supabase.Client _supabase;

        public RoomDirectory(Supabase.Client supabase) => _supabase = supabase;

        public async Task<RealtimeChannel> OpenRoomAsync(string room)
        {
            await ConnectRealtimeAsync();
            var channel = _supabase.Realtime.Channel("room:" + room);
            await channel.Subscribe();
            return channel;
        }

        public async Task<RealtimeChannel> OpenDirectMessagesAsync(string userId)
        {
            await ConnectRealtimeAsync();
            var channel = _supabase.Realtime.Channel("dm:" + userId);
            await channel.Subscribe();
            return channel;
        }

        private async Task ConnectRealtimeAsync()
        {
            // Every room opened runs this again. From Realtime 6.0 each ConnectAsync() opens a new
            // socket and never closes the previous one: after three rooms, three sockets heartbeat,
            // and the rooms opened first keep receiving on sockets Disconnect() never closes.
            await _supabase.Realtime.ConnectAsync(); // SRT014
        }
    }
}
