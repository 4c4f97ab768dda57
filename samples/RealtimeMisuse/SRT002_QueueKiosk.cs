using System;
using System.Threading;
using System.Threading.Tasks;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>SRT002 in a loop: a waiting-room kiosk that "stays subscribed" by subscribing on every pass.</summary>
    public sealed class QueueKiosk
    {
        private readonly Client _realtime;

        public QueueKiosk(Client realtime)
        {
            _realtime = realtime;
        }

        public int LastTicket { get; private set; }

        public DateTime LastRefresh { get; private set; }

        public async Task RunAsync(CancellationToken token)
        {
            var queue = _realtime.Channel("queue");
            queue.OnPostgresChange(OnTicketIssued, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "tickets" });

            while (!token.IsCancellationRequested)
            {
                // At run time every pass after the first finds the channel joined: Subscribe() returns at
                // once and sends nothing, so the loop only looks as if it kept the kiosk connected.
                await queue.Subscribe(); // SRT002
                LastRefresh = DateTime.UtcNow;
                await Task.Delay(TimeSpan.FromSeconds(30), token);
            }
        }

        private void OnTicketIssued(IRealtimeChannel sender, PostgresChangesResponse change)
        {
            LastTicket++;
        }
    }
}
