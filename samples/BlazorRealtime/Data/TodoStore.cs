using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace BlazorRealtime.Data
{
    /// <summary>The browser-side store of todos (a scoped service); think IndexedDB or SQLite behind it.</summary>
    public sealed class TodoStore
    {
        private readonly ConcurrentDictionary<long, Todo> _todos = new ConcurrentDictionary<long, Todo>();

        public IReadOnlyList<Todo> All => _todos.Values.OrderBy(t => t.Id).ToList();

        /// <summary>Replaces a todo the store already has; does nothing for one it has never seen.</summary>
        public Task<bool> UpdateAsync(Todo todo)
        {
            if (!_todos.ContainsKey(todo.Id))
            {
                return Task.FromResult(false);
            }

            _todos[todo.Id] = todo;
            return Task.FromResult(true);
        }

        /// <summary>Adds the todo, or replaces the one with its id.</summary>
        public Task<bool> UpsertAsync(Todo todo)
        {
            _todos[todo.Id] = todo;
            return Task.FromResult(true);
        }
    }
}
