using System.Collections.Generic;
using System.Threading.Tasks;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>SRT011, written right: a deleted todo is read from the old record.</summary>
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
            // A DELETE carries only the old record: OldModel<Todo>() holds the primary key (the other
            // columns too only with REPLICA IDENTITY FULL and no row-level security), which is all this needs.
            var todo = change.OldModel<Todo>();
            if (todo != null)
            {
                _todos.Remove(todo.Id);
            }
        }
    }
}
