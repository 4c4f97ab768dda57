using Supabase.Realtime;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;
using UnityEngine;

namespace RealtimeSamples
{
    /// <summary>SRT007: a Unity scoreboard that listens while enabled and "stops" with Unsubscribe().</summary>
    public sealed class ScoreboardBehaviour : MonoBehaviour
    {
        private Supabase.Client? _supabase;
        private RealtimeChannel? _scores;

        public int TopScore { get; private set; }

        /// <summary>Called by the scene's bootstrapper with the app's shared client.</summary>
        public void Initialize(Supabase.Client supabase)
        {
            _supabase = supabase;
        }

        private async void OnEnable()
        {
            if (_supabase is null)
            {
                return;
            }

            _scores = _supabase.Realtime.Channel("scores");
            _scores.OnPostgresChange(OnScoreChanged, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "scores" });
            await _scores.Subscribe();
        }

        private void OnDisable()
        {
            if (_scores != null)
            {
                // Unsubscribe() leaves the channel in the client's cache with its handler and binding. At
                // run time the next OnEnable gets this same instance back from Channel("scores") and
                // OnPostgresChange binds it once more: every scene switch adds one more copy of the
                // binding to the channel's join message, and (Realtime 7.1+) the handler added again
                // finds no free registration and is dropped. Remove(channel) drops it from the cache.
                _scores.Unsubscribe(); // SRT007
            }
        }

        private void OnScoreChanged(IRealtimeChannel sender, PostgresChangesResponse change)
        {
            var score = change.Model<Score>();
            if (score != null && score.Points > TopScore)
            {
                TopScore = score.Points;
            }
        }
    }
}
