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
                // At run time this never helps: once the awaited Subscribe() above returns, the channel
                // has joined and this call returns at once and sends nothing; a refused join has
                // already thrown from the first await. It only misleads the reader into thinking the
                // code retries.
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
