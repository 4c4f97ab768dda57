using System.Collections.Generic;
using System.Threading.Tasks;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>SRT001: keeps the chat in sync; subscribes first and signs in afterwards.</summary>
    public sealed class ChatSyncManager
    {
        private readonly Supabase.Client _supabase;
        private readonly List<ChatMessage> _messages = new List<ChatMessage>();

        public ChatSyncManager(Supabase.Client supabase)
        {
            _supabase = supabase;
        }

        public IReadOnlyList<ChatMessage> Messages => _messages;

        public async Task StartAsync(string email, string password)
        {
            await _supabase.Realtime.ConnectAsync();

            var channel = _supabase.Realtime.Channel("chat");
            channel.OnPostgresChange(OnMessageInserted, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "messages" });

            // At run time the join goes out with the anon key: SignIn below has not run yet. Row-level
            // security on "messages" rejects the join (CHANNEL_ERROR) or filters every row out, so the
            // signed-in user's chat stays silent.
            await channel.Subscribe(); // SRT001

            await _supabase.Auth.SignIn(email, password);
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
