using System.Collections.Generic;
using System.Threading.Tasks;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>SRT006: opens a chat room, and only then asks for its new messages.</summary>
    public sealed class ChatRoom
    {
        private readonly IRealtimeClient<RealtimeSocket, RealtimeChannel> _realtime;
        private readonly List<ChatMessage> _messages = new List<ChatMessage>();

        public ChatRoom(IRealtimeClient<RealtimeSocket, RealtimeChannel> realtime)
        {
            _realtime = realtime;
        }

        public IReadOnlyList<ChatMessage> Messages => _messages;

        public async Task OpenAsync(long roomId)
        {
            var room = _realtime.Channel($"room-{roomId}");
            await room.Subscribe();

            // Postgres-changes bindings travel in the join message, and the join has already gone
            // out. At run time this binding is never sent: OnMessageInserted never runs (Realtime 7.x
            // drops it silently; later releases throw).
            room.OnPostgresChange(OnMessageInserted, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "messages", Filter = $"room_id=eq.{roomId}" }); // SRT006
        }

        private void OnMessageInserted(IRealtimeChannel sender, PostgresChangesResponse change)
        {
            var message = change.Model<ChatMessage>();
            if (message != null)
            {
                _messages.Add(message);
            }
        }
    }
}
