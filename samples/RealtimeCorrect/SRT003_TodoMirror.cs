using System;
using System.Threading.Tasks;
using Supabase.Realtime;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>SRT003, written right: applies inserts and updates alike with Upsert.</summary>
    public sealed class TodoMirror
    {
        private readonly Supabase.Client _primary;
        private readonly Supabase.Client _reporting;

        public TodoMirror(Supabase.Client primary, Supabase.Client reporting)
        {
            _primary = primary;
            _reporting = reporting;
        }

        public async Task StartAsync()
        {
            await _primary.From<Todo>().On(PostgresChangesOptions.ListenType.All, async (sender, change) =>
            {
                // The handler is async void: an exception that escapes it ends the process.
                try
                {
                    var todo = change.Model<Todo>();
                    if (todo is null || change.Payload?.Data?.Type == Constants.EventType.Delete)
                    {
                        return;
                    }

                    // Insert or update: a todo the reporting project has never seen is created.
                    await _reporting.From<Todo>().Upsert(todo);
                }
                catch (Exception ex)
                {
                    Console.Error.WriteLine($"Mirroring a todo failed: {ex}");
                }
            });
        }
    }
}
