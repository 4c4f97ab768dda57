using System.Threading.Tasks;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;

namespace RealtimeSamples
{
    /// <summary>SRT002 from a state handler: the typing indicator joins its channel again whenever it closes.</summary>
    public sealed class TypingIndicator
    {
        private readonly Client _realtime;
        private RealtimeChannel? _typing;

        public TypingIndicator(Client realtime)
        {
            _realtime = realtime;
        }

        public bool Connected { get; private set; }

        public async Task JoinAsync(string room)
        {
            _typing = _realtime.Channel($"typing-{room}");
            _typing.AddStateChangedHandler(OnTypingStateChanged);
            await _typing.Subscribe();
        }

        public void Leave()
        {
            if (_typing != null)
            {
                _realtime.Remove(_typing);
                _typing = null;
            }
        }

        private void OnTypingStateChanged(IRealtimeChannel sender, Constants.ChannelState state)
        {
            Connected = state == Constants.ChannelState.Joined;
            if (state == Constants.ChannelState.Closed)
            {
                // At run time Leave() removes the channel, Remove unsubscribes it, its state turns Closed,
                // and this joins it again: a join the client no longer routes any message for.
                _ = sender.Subscribe(); // SRT002
            }
        }
    }
}
