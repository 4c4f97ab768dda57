using Supabase.Realtime;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;
using UnityEngine;

namespace RealtimeSamples
{
    /// <summary>SRT007, written right: the scoreboard removes its channel when disabled.</summary>
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
            if (_supabase != null && _scores != null)
            {
                // Leaves the channel and drops it from the cache: the next OnEnable starts afresh.
                _supabase.Realtime.Remove(_scores);
                _scores = null;
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
