using System;
using System.Threading.Tasks;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;

namespace RealtimeSamples
{
    /// <summary>SRT002: joins the game lobby, and "makes sure" by joining again.</summary>
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
            await lobby.Subscribe();

            if (!lobby.IsJoined)
            {
                // At run time this sends a second join for the same channel instance while the first
                // one may still be in flight: the server closes the earlier join, the state handler
                // sees the lobby drop and come back, and the client's own rejoin logic now races a
                // manual one. The client already rejoins by itself.
                await lobby.Subscribe(); // SRT002
            }

            return lobby;
        }

        private void OnLobbyStateChanged(IRealtimeChannel sender, Constants.ChannelState state)
        {
            StateChanged?.Invoke(state);
        }
    }
}
