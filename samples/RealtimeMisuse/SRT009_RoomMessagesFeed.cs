using System.Threading.Tasks;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>SRT009: streams the messages of one chat room, with the filter in the wrong argument.</summary>
    public sealed class RoomMessagesFeed
    {
        private readonly IRealtimeClient<RealtimeSocket, RealtimeChannel> _realtime;

        public RoomMessagesFeed(IRealtimeClient<RealtimeSocket, RealtimeChannel> realtime)
        {
            _realtime = realtime;
        }

        public async Task<RealtimeChannel> OpenAsync(long roomId, IRealtimeChannel.PostgresChangesHandler onMessage)
        {
            // The whole filter sits in `column` and `value` is missing. The SDK builds
            // "column=eq.value" only when both are set, so at run time it drops the filter and the
            // messages of every room stream into this one (a privacy leak where RLS allows it).
            var channel = _realtime.Channel("realtime", "public", "messages", $"room_id=eq.{roomId}"); // SRT009
            channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, onMessage);
            await channel.Subscribe();
            return channel;
        }
    }
}
