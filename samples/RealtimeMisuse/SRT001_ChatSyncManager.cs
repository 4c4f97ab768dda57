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

            // At run time the join is authorized with the client's key: SignIn below has not run yet.
            // Until Supabase.Client passes the session to realtime, row-level security on "messages"
            // keeps back every row that only the signed-in user may see, so the chat starts silent.
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
