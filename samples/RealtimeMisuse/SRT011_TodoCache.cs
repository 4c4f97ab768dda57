using System.Collections.Generic;
using System.Threading.Tasks;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>SRT011: keeps the todos in memory and drops the ones deleted elsewhere.</summary>
    public sealed class TodoCache
    {
        private readonly Supabase.Client _supabase;
        private readonly Dictionary<long, Todo> _todos = new Dictionary<long, Todo>();

        public TodoCache(Supabase.Client supabase) => _supabase = supabase;

        public IReadOnlyCollection<Todo> Todos => _todos.Values;

        public async Task StartAsync()
        {
            foreach (var todo in (await _supabase.From<Todo>().Get()).Models)
            {
                _todos[todo.Id] = todo;
            }

            var channel = _supabase.Realtime.Channel("todo-cache");
            channel.OnPostgresChange(OnTodoDeleted, PostgresChangesOptions.ListenType.Deletes, new PostgresChangesFilter { Table = "todos" });
            await channel.Subscribe();
        }

        private void OnTodoDeleted(IRealtimeChannel sender, PostgresChangesResponse change)
        {
            // A DELETE carries no new record: Model<Todo>() is null for every event this handler gets,
            // so no todo is ever removed and the list keeps showing rows that no longer exist.
            var todo = change.Model<Todo>(); // SRT011
            if (todo != null)
            {
                _todos.Remove(todo.Id);
            }
        }
    }
}
