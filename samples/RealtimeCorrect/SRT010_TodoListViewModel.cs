using System;
using System.Collections.ObjectModel;
using System.ComponentModel;
using System.Linq;
using System.Threading.Tasks;
using Supabase.Realtime;
using Supabase.Realtime.Interfaces;
using Supabase.Realtime.PostgresChanges;

namespace RealtimeSamples
{
    /// <summary>SRT010, written right: each handler comes with its own registration (OnPostgresChange).</summary>
    public sealed class TodoListViewModel : INotifyPropertyChanged, IDisposable
    {
        private readonly Supabase.Client _supabase;
        private RealtimeChannel? _channel;

        public TodoListViewModel(Supabase.Client supabase)
        {
            _supabase = supabase;
        }

        public event PropertyChangedEventHandler? PropertyChanged;

        public ObservableCollection<Todo> Todos { get; } = new ObservableCollection<Todo>();

        public int OpenCount => Todos.Count(t => !t.IsComplete);

        public async Task LoadAsync()
        {
            var todos = new PostgresChangesFilter { Table = "todos" };
            _channel = _supabase.Realtime.Channel("todo-list");
            _channel.OnPostgresChange(OnTodoInserted, PostgresChangesOptions.ListenType.Inserts, todos);
            _channel.OnPostgresChange(OnTodoUpdated, PostgresChangesOptions.ListenType.Updates, todos);
            _channel.OnPostgresChange(OnTodoDeleted, PostgresChangesOptions.ListenType.Deletes, todos);
            await _channel.Subscribe();
        }

        public void Dispose()
        {
            if (_channel != null)
            {
                _supabase.Realtime.Remove(_channel);
            }
        }

        private void OnTodoInserted(IRealtimeChannel sender, PostgresChangesResponse change)
        {
            var todo = change.Model<Todo>();
            if (todo != null)
            {
                Todos.Add(todo);
                OnPropertyChanged(nameof(OpenCount));
            }
        }

        private void OnTodoUpdated(IRealtimeChannel sender, PostgresChangesResponse change)
        {
            var todo = change.Model<Todo>();
            var index = todo is null ? -1 : IndexOf(todo.Id);
            if (todo != null && index >= 0)
            {
                Todos[index] = todo;
                OnPropertyChanged(nameof(OpenCount));
            }
        }

        private void OnTodoDeleted(IRealtimeChannel sender, PostgresChangesResponse change)
        {
            var todo = change.OldModel<Todo>();
            var index = todo is null ? -1 : IndexOf(todo.Id);
            if (index >= 0)
            {
                Todos.RemoveAt(index);
                OnPropertyChanged(nameof(OpenCount));
            }
        }

        private int IndexOf(long id)
        {
            for (var i = 0; i < Todos.Count; i++)
            {
                if (Todos[i].Id == id)
                {
                    return i;
                }
            }

            return -1;
        }

        private void OnPropertyChanged(string propertyName)
        {
            PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(propertyName));
        }
    }
}
