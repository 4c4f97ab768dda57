using System.Threading.Tasks;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>SRT009, written right: the room's filter goes where the SDK reads a filter.</summary>
    public sealed class RoomMessagesFeed
    {
        private readonly IRealtimeClient<RealtimeSocket, RealtimeChannel> _realtime;

        public RoomMessagesFeed(IRealtimeClient<RealtimeSocket, RealtimeChannel> realtime)
        {
            _realtime = realtime;
        }

        public async Task<RealtimeChannel> OpenAsync(long roomId, IRealtimeChannel.PostgresChangesHandler onMessage)
        {
            // The filter goes where the SDK reads one: OnPostgresChange sends PostgresChangesFilter.Filter
            // as written. (The other overload, Channel(database, schema, table, column, value), needs the
            // column and the value in their own arguments, "room_id" and roomId; on Realtime 7.4 its
            // binding takes a handler only through the obsolete AddPostgresChangeHandler.)
            var channel = _realtime.Channel($"room-messages-{roomId}");
            channel.OnPostgresChange(onMessage, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "messages", Filter = $"room_id=eq.{roomId}" });
            await channel.Subscribe();
            return channel;
        }
    }
}
