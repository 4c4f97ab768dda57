using System.Collections.Generic;
using System.Threading.Tasks;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>SRT001, written right: signs in first, so the join carries the user's token.</summary>
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
            // Signing in makes Supabase.Client call Realtime.SetAuth with the user's access token.
            await _supabase.Auth.SignIn(email, password);

            await _supabase.Realtime.ConnectAsync();

            var channel = _supabase.Realtime.Channel("chat");
            channel.OnPostgresChange(OnMessageInserted, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "messages" });
            await channel.Subscribe();
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
