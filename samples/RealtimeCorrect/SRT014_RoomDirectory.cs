using System.Threading.Tasks;
using Supabase.Realtime;

namespace RealtimeSamples
{
    /// <summary>SRT014, written right: connects realtime only when its socket is not connected yet.</summary>
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
            // ConnectAsync() opens a new socket on every call (Realtime 6.0+): connect once.
            if (_supabase.Realtime.Socket?.IsConnected != true)
            {
                await _supabase.Realtime.ConnectAsync();
            }
        }
    }
}
