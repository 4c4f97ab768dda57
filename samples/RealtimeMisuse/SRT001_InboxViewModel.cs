using System.Collections.Generic;
using System.Threading.Tasks;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>SRT001 across a type: the inbox joins its channel when it is created; the user signs in later with a one-time code.</summary>
    public sealed class InboxViewModel
    {
        private readonly Supabase.Client _supabase;
        private readonly RealtimeChannel _inbox;
        private readonly List<ChatMessage> _messages = new List<ChatMessage>();

        public InboxViewModel(Supabase.Client supabase)
        {
            _supabase = supabase;
            _inbox = _supabase.Realtime.Channel("inbox");
            _inbox.OnPostgresChange(OnMessageInserted, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "messages" });

            // At run time the join goes out before anyone signed in. VerifyOTP below first clears the
            // session (SignedOut), and Supabase.Client then unsubscribes every cached channel: the inbox
            // closes and nothing joins it again, so the signed-in user never sees a new message.
            _ = _inbox.Subscribe(); // SRT001
        }

        public IReadOnlyList<ChatMessage> Messages => _messages;

        public async Task<bool> VerifyCodeAsync(string email, string code)
        {
            var session = await _supabase.Auth.VerifyOTP(email, code, Supabase.Gotrue.Constants.EmailOtpType.MagicLink);
            return session != null;
        }

        public void Close()
        {
            _supabase.Realtime.Remove(_inbox);
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
