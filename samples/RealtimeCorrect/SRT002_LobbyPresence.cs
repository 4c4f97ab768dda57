using System;
using System.Threading.Tasks;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;

namespace RealtimeSamples
{
    /// <summary>SRT002, written right: joins the lobby once and lets the client rejoin on its own.</summary>
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

            // Subscribe() waits for the join (and throws when it times out); after a dropped
            // connection the client rejoins its channels by itself.
            await lobby.Subscribe();
            return lobby;
        }

        private void OnLobbyStateChanged(IRealtimeChannel sender, Constants.ChannelState state)
        {
            StateChanged?.Invoke(state);
        }
    }
}
