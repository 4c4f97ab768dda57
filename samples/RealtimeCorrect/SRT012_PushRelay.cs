using System;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>Sends push notifications.</summary>
    public interface IPushSender
    {
        Task SendAsync(long roomId, string body);
    }

    /// <summary>SRT012, written right: the async change handler catches and logs what it throws.</summary>
    public sealed class PushRelay
    {
        private readonly Supabase.Client _supabase;
        private readonly IPushSender _push;
        private readonly ILogger<PushRelay> _logger;

        public PushRelay(Supabase.Client supabase, IPushSender push, ILogger<PushRelay> logger)
        {
            _supabase = supabase;
            _push = push;
            _logger = logger;
        }

        public async Task StartAsync()
        {
            var channel = _supabase.Realtime.Channel("push-relay");
            // PostgresChangesHandler returns void, so this lambda is async void: it catches and logs
            // whatever it throws, and the next message is relayed as usual.
            channel.OnPostgresChange(async (sender, change) =>
            {
                try
                {
                    var message = change.Model<ChatMessage>();
                    if (message != null)
                    {
                        await _push.SendAsync(message.RoomId, message.Body);
                    }
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "Relaying a chat message to push failed");
                }
            }, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "messages" });
            await channel.Subscribe();
        }
    }
}
