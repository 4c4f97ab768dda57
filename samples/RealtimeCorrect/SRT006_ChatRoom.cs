using System.Collections.Generic;
using System.Threading.Tasks;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>SRT006, written right: binds the room's new messages before it joins.</summary>
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

            // The binding travels in the join message that Subscribe() sends.
            room.OnPostgresChange(OnMessageInserted, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "messages", Filter = $"room_id=eq.{roomId}" });
            await room.Subscribe();
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
