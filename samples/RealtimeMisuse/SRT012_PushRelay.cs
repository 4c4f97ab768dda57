using System.Threading.Tasks;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>Sends push notifications.</summary>
    public interface IPushSender
    {
        Task SendAsync(long roomId, string body);
    }

    /// <summary>SRT012: relays new chat messages to a push-notification service from an async change handler.</summary>
    public sealed class PushRelay
    {
        private readonly Supabase.Client _supabase;
        private readonly IPushSender _push;

        public PushRelay(Supabase.Client supabase, IPushSender push)
        {
            _supabase = supabase;
            _push = push;
        }

        public async Task StartAsync()
        {
            var channel = _supabase.Realtime.Channel("push-relay");
            // PostgresChangesHandler returns void, so this lambda is async void. When SendAsync throws
            // (the push service is down, a device token expired), the exception is rethrown on the
            // thread pool, nothing catches it, and the whole process ends.
            channel.OnPostgresChange(async (sender, change) => // SRT012
            {
                var message = change.Model<ChatMessage>();
                if (message != null)
                {
                    await _push.SendAsync(message.RoomId, message.Body);
                }
            }, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "messages" });
            await channel.Subscribe();
        }
    }
}
