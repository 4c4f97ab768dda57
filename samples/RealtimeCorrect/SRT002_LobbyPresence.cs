using System;
using System.Threading.Tasks;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;

namespace RealtimeSamples
{
    /// <summary>SRT002, written right: joins the lobby once.</summary>
    public sealed class LobbyPresence
    {
        private readonly IRealtimeClient<RealtimeSocket, RealtimeChannel> _realtime;

        public LobbyPresence(IRealtimeClient<RealtimeSocket, RealtimeChannel> realtime)
        {
            _realtime = realtime;
        }

        public event Action<Constants.ChannelState>? StateChanged;

        public async Task<RealtimeChannel> JoinAsync()
        {
            var lobby = _realtime.Channel("lobby");
            lobby.AddStateChangedHandler(OnLobbyStateChanged);

            // Subscribe() waits for the join: a refused join throws here (on 6.0+ a join that gets no
            // reply never completes, so bound the wait if that matters). After a socket reconnect the
            // client rejoins the channels that are still subscribed.
            await lobby.Subscribe();
            return lobby;
        }

        private void OnLobbyStateChanged(IRealtimeChannel sender, Constants.ChannelState state)
        {
            StateChanged?.Invoke(state);
        }
    }
}
