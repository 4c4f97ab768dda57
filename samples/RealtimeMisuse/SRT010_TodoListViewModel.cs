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
    /// <summary>SRT010: a view model with one registration and three change handlers.</summary>
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
            // Channel(database, schema, table) makes one registration, for all events.
            _channel = _supabase.Realtime.Channel("realtime", "public", "todos");
            _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, OnTodoInserted);

            // Since Realtime 7.1 each handler takes one free registration, and the INSERT handler
            // above took the only one. At run time these two handlers are dropped silently: edited
            // and deleted todos never change the list.
            _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Updates, OnTodoUpdated); // SRT010
            _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Deletes, OnTodoDeleted); // SRT010
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
