using System.Globalization;
using System.Threading.Tasks;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>SRT009, written right: the column and the value go in their own arguments.</summary>
    public sealed class RoomMessagesFeed
    {
        private readonly IRealtimeClient<RealtimeSocket, RealtimeChannel> _realtime;

        public RoomMessagesFeed(IRealtimeClient<RealtimeSocket, RealtimeChannel> realtime)
        {
            _realtime = realtime;
        }

        public async Task<RealtimeChannel> OpenAsync(long roomId, IRealtimeChannel.PostgresChangesHandler onMessage)
        {
            // The SDK builds the filter "room_id=eq.<roomId>" from the two.
            var channel = _realtime.Channel("realtime", "public", "messages", column: "room_id", value: roomId.ToString(CultureInfo.InvariantCulture));

            // Channel(...) made the binding; this attaches the handler to it (OnPostgresChange would
            // add a second binding). Obsolete since Realtime 7.4 only in favour of that shape.
#pragma warning disable CS0618
            channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, onMessage);
#pragma warning restore CS0618
            await channel.Subscribe();
            return channel;
        }
    }
}
