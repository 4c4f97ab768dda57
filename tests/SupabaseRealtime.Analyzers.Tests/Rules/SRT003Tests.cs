using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using Verify = SupabaseRealtime.Analyzers.Tests.Verification.CSharpCodeFixVerifier<
    SupabaseRealtime.Analyzers.Rules.UpdateInsteadOfUpsertAnalyzer,
    SupabaseRealtime.Analyzers.CodeFixes.Rules.UpdateInsteadOfUpsertCodeFixProvider>;
using VerifyAnalyzer = SupabaseRealtime.Analyzers.Tests.Verification.CSharpAnalyzerVerifier<
    SupabaseRealtime.Analyzers.Rules.UpdateInsteadOfUpsertAnalyzer>;

namespace SupabaseRealtime.Analyzers.Tests.Rules
{
    public class SRT003Tests
    {
        /// <summary>The Postgrest model and stores the sources share, appended to each of them.</summary>
        private const string Models = """


            namespace TodoApp.Models
            {
                using Supabase.Postgrest.Attributes;
                using Supabase.Postgrest.Models;

                [Table("todos")]
                public class Todo : BaseModel
                {
                    [PrimaryKey("id")]
                    public int Id { get; set; }

                    [Column("title")]
                    public string? Title { get; set; }

                    [Column("is_complete")]
                    public bool IsComplete { get; set; }
                }
            }

            namespace TodoApp.Storage
            {
                using System.Collections.Generic;
                using System.Threading.Tasks;

                /// <summary>An offline store on the device.</summary>
                public interface ILocalStore<T>
                {
                    Task<T?> FindAsync(int id);

                    Task UpdateAsync(T item);

                    Task UpsertAsync(T item);

                    Task DeleteAsync(int id);
                }
            }
            """;

        /// <summary><see cref="Models"/> for the SDK lines whose Postgrest still uses the <c>Postgrest.*</c> namespaces (5.x, 6.0.4).</summary>
        private static readonly string LegacyModels = Models.Replace("using Supabase.Postgrest.", "using Postgrest.");

        /// <summary>A sqlite-net look-alike: Update/InsertOrReplace on the connection.</summary>
        private const string Sqlite = """


            namespace SQLite
            {
                using System;
                using System.Threading.Tasks;

                [AttributeUsage(AttributeTargets.Class)]
                public sealed class TableAttribute : Attribute
                {
                    public TableAttribute(string name) => Name = name;

                    public string Name { get; }
                }

                public class SQLiteConnection
                {
                    public SQLiteConnection(string databasePath)
                    {
                    }

                    public int Insert(object obj) => 0;

                    public int Update(object obj) => 0;

                    public int Update(object obj, Type objType) => 0;

                    public int InsertOrReplace(object obj) => 0;

                    public int InsertOrReplace(object obj, Type objType) => 0;

                    public int Delete(object objectToDelete) => 0;
                }

                public class SQLiteAsyncConnection
                {
                    public SQLiteAsyncConnection(string databasePath)
                    {
                    }

                    public Task<int> UpdateAsync(object obj) => Task.FromResult(0);

                    public Task<int> InsertOrReplaceAsync(object obj) => Task.FromResult(0);
                }
            }

            namespace TodoApp.Offline
            {
                [SQLite.Table("todo_rows")]
                public class TodoRow
                {
                    public int Id { get; set; }

                    public string? Title { get; set; }
                }
            }
            """;

        // ---------------------------------------------------------------- reports

        [Fact]
        public Task Reports_Update_in_a_lambda_handler_on_a_Postgrest_mirror_table()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Postgrest.Interfaces;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;

                namespace TodoApp.Sync
                {
                    public sealed class TodoMirrorService
                    {
                        private readonly Supabase.Client client;
                        private readonly IPostgrestTable<Todo> mirror;

                        public TodoMirrorService(Supabase.Client client, IPostgrestTable<Todo> mirror)
                        {
                            this.client = client;
                            this.mirror = mirror;
                        }

                        public async Task StartAsync()
                        {
                            var channel = client.Realtime.Channel("realtime", "public", "todos");
                            channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) =>
                            {
                                var todo = change.Model<Todo>();
                                if (todo != null)
                                {
                                    _ = mirror.{|#0:Update|}(todo);
                                }
                            });
                            await channel.Subscribe();
                        }
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("todos", "Update", "Upsert"));

        [Fact]
        public Task Reports_UpdateAsync_in_an_async_lambda_on_a_local_store()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;
                using TodoApp.Storage;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.ViewModels
                {
                    public sealed class TodoListViewModel
                    {
                        private readonly Supabase.Client client;
                        private readonly ILocalStore<Todo> store;

                        public TodoListViewModel(Supabase.Client client, ILocalStore<Todo> store)
                        {
                            this.client = client;
                            this.store = store;
                        }

                        public async Task LoadAsync()
                        {
                            var channel = client.Realtime.Channel("todos");
                            channel.OnPostgresChange(async (sender, change) =>
                            {
                                var todo = change.Model<Todo>();
                                if (todo is null)
                                {
                                    return;
                                }

                                await store.{|#0:UpdateAsync|}(todo);
                            }, ListenType.Inserts, new PostgresChangesFilter { Table = "todos" });
                            await channel.Subscribe();
                        }
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("todos", "UpdateAsync", "UpsertAsync"));

        [Fact]
        public Task Reports_Update_in_a_method_group_handler()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Postgrest.Interfaces;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class TodoReplicator
                    {
                        private readonly IRealtimeChannel channel;
                        private readonly IPostgrestTable<Todo> replica;

                        public TodoReplicator(IRealtimeChannel channel, IPostgrestTable<Todo> replica)
                        {
                            this.channel = channel;
                            this.replica = replica;
                        }

                        public Task StartAsync()
                        {
                            channel.OnPostgresChange(OnTodoChanged, ListenType.All);
                            return channel.Subscribe();
                        }

                        private async void OnTodoChanged(IRealtimeChannel sender, PostgresChangesResponse change)
                        {
                            var todo = change.Model<Todo>();
                            if (todo != null)
                            {
                                await replica.{|#0:Update|}(todo);
                            }
                        }
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("todos", "Update", "Upsert"));

        [Fact]
        public Task Reports_Update_in_a_local_function_handler()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;
                using TodoApp.Storage;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class OfflineSync
                    {
                        public async Task RunAsync(Supabase.Client client, ILocalStore<Todo> store)
                        {
                            var channel = client.Realtime.Channel("offline-todos");
                            channel.AddPostgresChangeHandler(ListenType.All, Apply);
                            await channel.Subscribe();

                            async void Apply(IRealtimeChannel sender, PostgresChangesResponse change)
                            {
                                if (change.Model<Todo>() is Todo todo)
                                {
                                    await store.{|#0:UpdateAsync|}(todo);
                                }
                            }
                        }
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("todos", "UpdateAsync", "UpsertAsync"));

        [Fact]
        public Task Reports_Update_in_private_helpers_the_handler_calls()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;
                using TodoApp.Storage;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class TodoSyncService
                    {
                        private readonly ILocalStore<Todo> store;

                        public TodoSyncService(ILocalStore<Todo> store) => this.store = store;

                        public void Attach(IRealtimeChannel channel)
                            => channel.OnPostgresChange((sender, change) => _ = ApplyAsync(change), ListenType.All, new PostgresChangesFilter { Table = "todos" });

                        private async Task ApplyAsync(PostgresChangesResponse change)
                        {
                            var todo = change.Model<Todo>();
                            if (todo is null)
                            {
                                return;
                            }

                            await store.{|#0:UpdateAsync|}(todo);
                            await SaveLocallyAsync(todo);
                        }

                        internal Task SaveLocallyAsync(Todo todo) => store.{|#1:UpdateAsync|}(todo);
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("todos", "UpdateAsync", "UpsertAsync"),
                Verify.Diagnostic().WithLocation(1).WithArguments("todos", "UpdateAsync", "UpsertAsync"));

        [Fact]
        public Task Reports_Update_in_a_handler_attached_with_the_table_On()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using TodoApp.Models;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Components
                {
                    public sealed class TodoBoard
                    {
                        private readonly Supabase.Client supabase;

                        public TodoBoard(Supabase.Client supabase) => this.supabase = supabase;

                        public async Task InitializeAsync()
                        {
                            var todos = supabase.From<Todo>();
                            await todos.On(ListenType.All, async (sender, change) =>
                            {
                                var todo = change.Model<Todo>();
                                if (todo != null)
                                {
                                    await todos.{|#0:Update|}(todo);
                                }
                            });
                        }
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("todos", "Update", "Upsert"));

        [Fact]
        public Task Reports_Update_when_the_listen_type_is_not_a_constant()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;
                using TodoApp.Storage;

                namespace TodoApp.Sync
                {
                    public sealed class ConfigurableSync
                    {
                        private readonly ILocalStore<Todo> store;

                        public ConfigurableSync(ILocalStore<Todo> store) => this.store = store;

                        public void Listen(IRealtimeChannel channel, PostgresChangesOptions.ListenType listenType)
                            => channel.OnPostgresChange((sender, change) => store.{|#0:UpdateAsync|}(change.Model<Todo>()!), listenType);
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("todos", "UpdateAsync", "UpsertAsync"));

        [Fact]
        public Task Reports_Update_after_an_INSERT_branch_that_falls_through()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;
                using TodoApp.Storage;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class TodoCache
                    {
                        private readonly ILocalStore<Todo> store;

                        public TodoCache(ILocalStore<Todo> store) => this.store = store;

                        public void Attach(IRealtimeChannel channel)
                            => channel.OnPostgresChange(async (sender, change) =>
                            {
                                var todo = change.Model<Todo>()!;
                                if (change.Payload?.Data?.Type == Constants.EventType.Insert)
                                {
                                    await store.UpsertAsync(todo);
                                }

                                await store.{|#0:UpdateAsync|}(todo);
                            }, ListenType.All);
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("todos", "UpdateAsync", "UpsertAsync"));

        [Fact]
        public Task Reports_sqlite_net_Update_where_InsertOrReplace_exists()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using SQLite;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;
                using TodoApp.Offline;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class SqliteMirror
                    {
                        private readonly SQLiteConnection db = new SQLiteConnection("todos.db3");
                        private readonly SQLiteAsyncConnection asyncDb = new SQLiteAsyncConnection("todos.db3");

                        public void Attach(IRealtimeChannel channel)
                        {
                            channel.OnPostgresChange((sender, change) =>
                            {
                                var todo = change.Model<Todo>()!;
                                var row = new TodoRow { Id = todo.Id, Title = todo.Title };
                                db.{|#0:Update|}(row);
                                _ = asyncDb.{|#1:UpdateAsync|}(row);
                            }, ListenType.All);
                        }
                    }
                }
                """ + Models + Sqlite,
                Verify.Diagnostic().WithLocation(0).WithArguments("todo_rows", "Update", "InsertOrReplace"),
                Verify.Diagnostic().WithLocation(1).WithArguments("todo_rows", "UpdateAsync", "InsertOrReplaceAsync"));

        [Fact]
        public Task Reports_Update_in_Realtime_5_event_handlers()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System;
                    using Supabase.Realtime;
                    using TodoApp.Models;
                    using TodoApp.Storage;

                    namespace TodoApp.Legacy
                    {
                        public sealed class LegacyTodoListener
                        {
                            private readonly ILocalStore<Todo> store;

                            public LegacyTodoListener(ILocalStore<Todo> store) => this.store = store;

                            public void Attach(Client realtime)
                            {
                                var channel = realtime.Channel("realtime", "public", "todos");
                                channel.OnInsert += (sender, args) => store.{|#0:UpdateAsync|}(args.Response!.Model<Todo>()!);
                                channel.OnPostgresChange += OnChange;
                            }

                            private void OnChange(object? sender, Supabase.Realtime.PostgresChanges.PostgresChangesEventArgs args)
                                => store.{|#1:UpdateAsync|}(args.Response!.Model<Todo>()!);
                        }
                    }
                    """ + LegacyModels,
                ExpectedDiagnostics =
                {
                    VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments("todos", "UpdateAsync", "UpsertAsync"),
                    VerifyAnalyzer.Diagnostic().WithLocation(1).WithArguments("todos", "UpdateAsync", "UpsertAsync"),
                },
            }.RunAsync();

        [Fact]
        public Task Reports_when_the_counterpart_comes_from_a_base_interface_or_an_extension_method()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;
                using TodoApp.Repositories;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Repositories
                {
                    public interface IWritableRepository<T>
                    {
                        void Put(T item);
                    }

                    public interface ITodoRepository : IWritableRepository<Todo>
                    {
                        void Update(Todo todo);
                    }

                    public sealed class TodoCache
                    {
                        public void Update(Todo todo)
                        {
                        }
                    }

                    public static class TodoCacheExtensions
                    {
                        public static void AddOrUpdate(this TodoCache cache, Todo todo)
                        {
                        }
                    }
                }

                namespace TodoApp.Sync
                {
                    public sealed class RepositorySync
                    {
                        public void Attach(IRealtimeChannel channel, ITodoRepository repository, TodoCache cache)
                            => channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) =>
                            {
                                var todo = change.Model<Todo>()!;
                                repository.{|#0:Update|}(todo);
                                cache.{|#1:Update|}(todo);
                            });
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("todos", "Update", "Put"),
                Verify.Diagnostic().WithLocation(1).WithArguments("todos", "Update", "AddOrUpdate"));

        [Fact]
        public Task Reports_Update_in_a_lambda_the_handler_creates()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using System.Threading;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;
                using TodoApp.Storage;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.ViewModels
                {
                    public sealed class TodoPageViewModel
                    {
                        private readonly SynchronizationContext ui;
                        private readonly ILocalStore<Todo> store;

                        public TodoPageViewModel(SynchronizationContext ui, ILocalStore<Todo> store)
                        {
                            this.ui = ui;
                            this.store = store;
                        }

                        public void Attach(IRealtimeChannel channel)
                            => channel.OnPostgresChange((sender, change) =>
                            {
                                var todo = change.Model<Todo>()!;
                                ui.Post(_ => store.{|#0:UpdateAsync|}(todo), null);
                            }, ListenType.All);
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("todos", "UpdateAsync", "UpsertAsync"));

        [Fact]
        public Task Reports_in_top_level_statements_and_nested_types()
            => new VerifyAnalyzer.Test
            {
                OutputKind = OutputKind.ConsoleApplication,
                TestCode = """
                    using Supabase.Realtime.PostgresChanges;
                    using TodoApp.Models;
                    using TodoApp.Storage;

                    ILocalStore<Todo> store = Stores.Open();
                    var client = new Supabase.Client("https://example.supabase.co", "anon-key");
                    var channel = client.Realtime.Channel("todos");
                    channel.OnPostgresChange((s, change) => store.[|UpdateAsync|](change.Model<Todo>()!), PostgresChangesOptions.ListenType.All);

                    public static class Stores
                    {
                        public static ILocalStore<Todo> Open() => null!;

                        public sealed class Watcher
                        {
                            public void Start(Supabase.Client client, ILocalStore<Todo> store)
                                => client.Realtime.Channel("todos").OnPostgresChange(
                                    (s, change) => store.[|UpdateAsync|](change.Model<Todo>()!),
                                    PostgresChangesOptions.ListenType.All);
                        }
                    }
                    """ + Models,
            }.RunAsync();

        /// <summary>
        /// The handler's body is in a file no callback of the registering type saw; analyzers do not create semantic
        /// models of their own, so it is unknown, and unknown never reports.
        /// </summary>
        [Fact]
        public Task Ignores_a_method_group_handler_of_another_type_declared_in_another_file()
        {
            var test = new VerifyAnalyzer.Test();
            test.Sources.Add("""
                using Supabase.Realtime.Interfaces;
                using TodoApp.Handlers;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class Wiring
                    {
                        public void Attach(IRealtimeChannel channel, TodoChangeApplier applier)
                            => channel.OnPostgresChange(applier.Apply, ListenType.All);
                    }

                    public sealed class BackupWiring
                    {
                        public void Attach(IRealtimeChannel backup, TodoChangeApplier applier)
                            => backup.AddPostgresChangeHandler(ListenType.Inserts, applier.Apply);
                    }
                }
                """);
            test.Sources.Add("""
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;
                using TodoApp.Storage;

                namespace TodoApp.Handlers
                {
                    public sealed class TodoChangeApplier
                    {
                        private readonly ILocalStore<Todo> store;

                        public TodoChangeApplier(ILocalStore<Todo> store) => this.store = store;

                        public void Apply(IRealtimeChannel sender, PostgresChangesResponse change)
                            => store.UpdateAsync(change.Model<Todo>()!);
                    }
                }
                """ + Models);
            return test.RunAsync();
        }

        [Fact]
        public Task Reports_in_a_helper_declared_in_another_part_of_a_partial_class()
        {
            var test = new VerifyAnalyzer.Test();
            test.Sources.Add("""
                using Supabase.Realtime.Interfaces;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Components
                {
                    public partial class TodoList
                    {
                        public void Attach(IRealtimeChannel channel)
                            => channel.OnPostgresChange((sender, change) => Apply(change), ListenType.All);
                    }
                }
                """);
            test.Sources.Add("""
                using System.Threading.Tasks;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;
                using TodoApp.Storage;

                namespace TodoApp.Components
                {
                    public partial class TodoList
                    {
                        private readonly ILocalStore<Todo> store = null!;

                        private async void Apply(PostgresChangesResponse change)
                        {
                            try
                            {
                                await store.[|UpdateAsync|](change.Model<Todo>()!);
                            }
                            catch (TaskCanceledException)
                            {
                                await store.[|UpdateAsync|](change.Model<Todo>()!);
                            }
                        }
                    }
                }
                """ + Models);
            return test.RunAsync();
        }

        [Fact]
        public Task Reports_configured_pairs_from_editorconfig()
        {
            var test = new VerifyAnalyzer.Test
            {
                TestCode = """
                    using Supabase.Realtime.Interfaces;
                    using TodoApp.Models;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    namespace TodoApp.Sync
                    {
                        public sealed class DocumentStore
                        {
                            public void Save(Todo todo)
                            {
                            }

                            public void SaveOrInsert(Todo todo)
                            {
                            }

                            public void Update(Todo todo)
                            {
                            }

                            public void Merge(Todo todo)
                            {
                            }
                        }

                        public sealed class DocumentSync
                        {
                            public void Attach(IRealtimeChannel channel, DocumentStore documents)
                                => channel.OnPostgresChange((sender, change) =>
                                {
                                    var todo = change.Model<Todo>()!;
                                    documents.{|#0:Save|}(todo);
                                    documents.{|#1:Update|}(todo);
                                }, ListenType.All);
                        }
                    }
                    """ + Models,
                ExpectedDiagnostics =
                {
                    VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments("todos", "Save", "SaveOrInsert"),
                    VerifyAnalyzer.Diagnostic().WithLocation(1).WithArguments("todos", "Update", "Merge"),
                },
            };
            test.AddEditorConfig("supabase_realtime.SRT003.upsert_methods = Update=Merge, Save=SaveOrInsert");
            return test.RunAsync();
        }

        [Fact]
        public Task Reports_the_legacy_Postgrest_table()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime604,
                TestCode = """
                    using Postgrest.Interfaces;
                    using Postgrest.Models;
                    using Supabase.Realtime.Interfaces;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    namespace TodoApp.Legacy
                    {
                        [Postgrest.Attributes.Table("notes")]
                        public sealed class Note : BaseModel
                        {
                            public string? Body { get; set; }
                        }

                        public sealed class NoteMirror
                        {
                            public void Attach(IRealtimeChannel channel, IPostgrestTable<Note> notes)
                                => channel.AddPostgresChangeHandler(ListenType.All, (sender, change) => notes.{|#0:Update|}(change.Model<Note>()!));
                        }
                    }
                    """,
                ExpectedDiagnostics = { VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments("notes", "Update", "Upsert") },
            }.RunAsync();

        [Fact]
        public Task Reports_a_handler_held_in_a_local_to_detach_it_later()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime.Interfaces;
                using TodoApp.Models;
                using TodoApp.Storage;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class ScopedListener
                    {
                        public async Task ListenWhileAsync(IRealtimeChannel channel, ILocalStore<Todo> store, Task until)
                        {
                            IRealtimeChannel.PostgresChangesHandler handler = (sender, change) => store.{|#0:UpdateAsync|}(change.Model<Todo>()!);
                            channel.OnPostgresChange(handler, ListenType.All);
                            await until;
                            channel.RemovePostgresChangeHandler(ListenType.All, handler);
                        }
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("todos", "UpdateAsync", "UpsertAsync"));

        // ---------------------------------------------------------------- must not report

        [Fact]
        public Task Ignores_a_handler_whose_listen_type_is_Updates()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Postgrest.Interfaces;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class TodoMirrorService
                    {
                        public async Task StartAsync(Supabase.Client client, IPostgrestTable<Todo> mirror)
                        {
                            var channel = client.Realtime.Channel("realtime", "public", "todos");
                            channel.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => mirror.Update(change.Model<Todo>()!));
                            channel.OnPostgresChange((sender, change) => mirror.Update(change.Model<Todo>()!), ListenType.Deletes);
                            await client.From<Todo>().On(ListenType.Updates, (sender, change) => mirror.Update(change.Model<Todo>()!));
                            await channel.Subscribe();
                        }
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_Update_in_branches_INSERT_events_cannot_reach()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;
                using TodoApp.Storage;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.ViewModels
                {
                    public sealed class TodoListViewModel
                    {
                        private readonly ILocalStore<Todo> store;

                        public TodoListViewModel(ILocalStore<Todo> store) => this.store = store;

                        public void Listen(Supabase.Client client)
                        {
                            var channel = client.Realtime.Channel("todos");
                            channel.OnPostgresChange(async (sender, change) =>
                            {
                                var todo = change.Model<Todo>();
                                if (todo is null) return;
                                if (change.Payload?.Data?.Type == Constants.EventType.Update)
                                {
                                    await store.UpdateAsync(todo);
                                }

                                if (change.Payload?.Data?.Type == Constants.EventType.Insert)
                                {
                                    await store.UpsertAsync(todo);
                                }
                                else
                                {
                                    await store.UpdateAsync(todo);
                                }

                                var pending = change.Payload?.Data?.Type is Constants.EventType.Update ? store.UpdateAsync(todo) : Task.CompletedTask;
                                await pending;

                                if (change.Payload != null && change.Payload.Data != null && change.Payload.Data.Type == Constants.EventType.Update && todo.Id > 0)
                                {
                                    await store.UpdateAsync(todo);
                                }
                            }, ListenType.All);
                        }
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_Update_under_a_switch_case_for_UPDATE()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;
                using TodoApp.Storage;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class TodoSync
                    {
                        private readonly ILocalStore<Todo> store;

                        public TodoSync(ILocalStore<Todo> store) => this.store = store;

                        public void Attach(IRealtimeChannel channel) => channel.OnPostgresChange(OnChange, ListenType.All);

                        private async void OnChange(IRealtimeChannel sender, PostgresChangesResponse change)
                        {
                            var todo = change.Model<Todo>()!;
                            switch (change.Payload?.Data?.Type)
                            {
                                case Constants.EventType.Insert:
                                    await store.UpsertAsync(todo);
                                    break;
                                case Constants.EventType.Update:
                                    await store.UpdateAsync(todo);
                                    break;
                                case Constants.EventType.Delete:
                                    await store.DeleteAsync(todo.Id);
                                    break;
                            }

                            var work = change.Payload!.Data!.Type switch
                            {
                                Constants.EventType.Update => store.UpdateAsync(todo),
                                _ => store.UpsertAsync(todo),
                            };
                            await work;
                        }
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_Update_after_an_early_return_for_other_events()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;
                using TodoApp.Storage;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class TodoSync
                    {
                        private readonly ILocalStore<Todo> store;

                        public TodoSync(ILocalStore<Todo> store) => this.store = store;

                        public void Attach(IRealtimeChannel channel)
                        {
                            channel.OnPostgresChange(async (sender, change) =>
                            {
                                var type = change.Payload?.Data?.Type;
                                if (type != Constants.EventType.Update)
                                {
                                    return;
                                }

                                await store.UpdateAsync(change.Model<Todo>()!);
                            }, ListenType.All);

                            channel.OnPostgresChange(async (sender, change) =>
                            {
                                if (change.Payload?.Data?.Type is not Constants.EventType.Update) return;
                                await store.UpdateAsync(change.Model<Todo>()!);
                            }, ListenType.All);

                            channel.OnPostgresChange(async (sender, change) =>
                            {
                                if (change.Payload?.Data?.Type == Constants.EventType.Insert) throw new System.InvalidOperationException();
                                await store.UpdateAsync(change.Model<Todo>()!);
                            }, ListenType.All);
                        }
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_a_helper_called_only_for_UPDATE_events()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;
                using TodoApp.Storage;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class TodoSync
                    {
                        private readonly ILocalStore<Todo> store;

                        public TodoSync(ILocalStore<Todo> store) => this.store = store;

                        public void Attach(IRealtimeChannel channel)
                            => channel.OnPostgresChange((sender, change) =>
                            {
                                if (change.Payload?.Data?.Type == Constants.EventType.Update)
                                {
                                    _ = ApplyUpdateAsync(change.Model<Todo>()!);
                                }
                                else
                                {
                                    _ = store.UpsertAsync(change.Model<Todo>()!);
                                }
                            }, ListenType.All);

                        private Task ApplyUpdateAsync(Todo todo) => store.UpdateAsync(todo);
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_Update_guarded_on_the_event_name_or_listen_type()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;
                using TodoApp.Storage;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class TodoSync
                    {
                        private readonly ILocalStore<Todo> store;

                        public TodoSync(ILocalStore<Todo> store) => this.store = store;

                        public void Attach(IRealtimeChannel channel, ListenType listenType)
                            => channel.OnPostgresChange((sender, change) =>
                            {
                                if (listenType == ListenType.Updates)
                                {
                                    _ = store.UpdateAsync(change.Model<Todo>()!);
                                }

                                if (change.Payload?.Data?._type == "UPDATE")
                                {
                                    _ = store.UpdateAsync(change.Model<Todo>()!);
                                }
                            }, listenType);
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_Update_when_the_receiver_offers_no_insert_or_update()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Microsoft.EntityFrameworkCore;
                using Supabase.Realtime.Interfaces;
                using TodoApp.Models;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace Microsoft.EntityFrameworkCore
                {
                    public class DbSet<TEntity> where TEntity : class
                    {
                        public virtual void Add(TEntity entity)
                        {
                        }

                        public virtual void Update(TEntity entity)
                        {
                        }

                        public virtual void Remove(TEntity entity)
                        {
                        }
                    }

                    public class DbContext
                    {
                        public virtual Task<int> SaveChangesAsync() => Task.FromResult(0);
                    }
                }

                namespace TodoApp.Data
                {
                    public sealed class TodoContext : DbContext
                    {
                        public DbSet<Todo> Todos { get; } = new DbSet<Todo>();
                    }

                    public sealed class EfMirror
                    {
                        public void Attach(IRealtimeChannel channel, TodoContext db)
                            => channel.OnPostgresChange(async (sender, change) =>
                            {
                                db.Todos.Update(change.Model<Todo>()!);
                                await db.SaveChangesAsync();
                            }, ListenType.All);
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_Update_outside_change_handlers()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Postgrest.Interfaces;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using TodoApp.Models;

                namespace TodoApp.Services
                {
                    public sealed class TodoEditor
                    {
                        private readonly IPostgrestTable<Todo> todos;

                        public TodoEditor(IPostgrestTable<Todo> todos) => this.todos = todos;

                        public Task RenameAsync(Todo todo, string title)
                        {
                            todo.Title = title;
                            return todos.Update(todo);
                        }

                        public void Watch(IRealtimeChannel channel)
                            => channel.AddStateChangedHandler((sender, state) =>
                            {
                                if (state == Constants.ChannelState.Joined)
                                {
                                    _ = todos.Update(new Todo());
                                }
                            });
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_Update_on_unrelated_types_inside_a_handler()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime.Interfaces;
                using TodoApp.Models;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Views
                {
                    public sealed class TodoBadge
                    {
                        public void Update(int count)
                        {
                        }
                    }

                    public sealed class StatusBar
                    {
                        public void Update(string text)
                        {
                        }

                        public void Upsert(Todo todo)
                        {
                        }
                    }

                    public sealed class TodoView
                    {
                        private readonly TodoBadge badge = new TodoBadge();
                        private readonly StatusBar status = new StatusBar();
                        private int count;

                        public void Attach(IRealtimeChannel channel)
                            => channel.OnPostgresChange((sender, change) =>
                            {
                                badge.Update(++count);
                                status.Update("Synced " + change.Model<Todo>()?.Title);
                            }, ListenType.All);
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_a_counterpart_that_takes_other_arguments_or_is_not_accessible()
            => Verify.VerifyAnalyzerAsync("""
                using System.Collections.Generic;
                using Supabase.Realtime.Interfaces;
                using TodoApp.Models;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class BatchStore
                    {
                        public void Update(Todo todo)
                        {
                        }

                        public void Upsert(IReadOnlyCollection<Todo> todos)
                        {
                        }

                        public void Put(Todo todo, bool overwrite)
                        {
                        }

                        private void AddOrUpdate(Todo todo)
                        {
                        }

                        public static void InsertOrReplace(Todo todo)
                        {
                        }
                    }

                    public sealed class BatchSync
                    {
                        public void Attach(IRealtimeChannel channel, BatchStore store)
                            => channel.OnPostgresChange((sender, change) => store.Update(change.Model<Todo>()!), ListenType.All);
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_Realtime_5_OnUpdate_and_OnDelete_events()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using Supabase.Realtime;
                    using TodoApp.Models;
                    using TodoApp.Storage;

                    namespace TodoApp.Legacy
                    {
                        public sealed class LegacyTodoListener
                        {
                            public void Attach(Client realtime, ILocalStore<Todo> store)
                            {
                                var channel = realtime.Channel("realtime", "public", "todos");
                                channel.OnUpdate += (sender, args) => store.UpdateAsync(args.Response!.Model<Todo>()!);
                                channel.OnDelete += (sender, args) => store.UpdateAsync(args.Response!.OldModel<Todo>()!);
                                channel.OnPostgresChange += (sender, args) =>
                                {
                                    if (args.Response?.Payload?.Data?.Type == Constants.EventType.Update)
                                    {
                                        store.UpdateAsync(args.Response.Model<Todo>()!);
                                    }
                                };
                            }
                        }
                    }
                    """ + LegacyModels,
            }.RunAsync();

        [Fact]
        public Task Ignores_a_configured_name_without_the_editorconfig_pair()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime.Interfaces;
                using TodoApp.Models;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class DocumentStore
                    {
                        public void Save(Todo todo)
                        {
                        }

                        public void SaveOrInsert(Todo todo)
                        {
                        }
                    }

                    public sealed class DocumentSync
                    {
                        public void Attach(IRealtimeChannel channel, DocumentStore documents)
                            => channel.OnPostgresChange((sender, change) => documents.Save(change.Model<Todo>()!), ListenType.All);
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_static_calls()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime.Interfaces;
                using TodoApp.Models;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public static class Cache
                    {
                        public static void Update(Todo todo)
                        {
                        }

                        public static void Upsert(Todo todo)
                        {
                        }
                    }

                    public sealed class StaticSync
                    {
                        public void Attach(IRealtimeChannel channel)
                            => channel.OnPostgresChange((sender, change) => Cache.Update(change.Model<Todo>()!), ListenType.All);
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_a_handler_local_that_is_written_more_than_once()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime.Interfaces;
                using TodoApp.Models;
                using TodoApp.Storage;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class SwitchingListener
                    {
                        public void Attach(IRealtimeChannel channel, ILocalStore<Todo> store, bool readOnly)
                        {
                            IRealtimeChannel.PostgresChangesHandler handler = (sender, change) => store.UpdateAsync(change.Model<Todo>()!);
                            if (readOnly)
                            {
                                handler = (sender, change) => { };
                            }

                            channel.OnPostgresChange(handler, ListenType.All);
                        }
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_a_lambda_the_handler_creates_only_for_UPDATE_events()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using TodoApp.Models;
                using TodoApp.Storage;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.ViewModels
                {
                    public sealed class TodoPageViewModel
                    {
                        private readonly SynchronizationContext ui;
                        private readonly ILocalStore<Todo> store;

                        public TodoPageViewModel(SynchronizationContext ui, ILocalStore<Todo> store)
                        {
                            this.ui = ui;
                            this.store = store;
                        }

                        public void Attach(IRealtimeChannel channel)
                            => channel.OnPostgresChange((sender, change) =>
                            {
                                var todo = change.Model<Todo>()!;
                                if (change.Payload?.Data?.Type == Constants.EventType.Update)
                                {
                                    ui.Post(_ => store.UpdateAsync(todo), null);
                                }
                                else
                                {
                                    ui.Post(_ => store.UpsertAsync(todo), null);
                                }
                            }, ListenType.All);
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_try_catch_and_finally_inside_an_UPDATE_only_branch()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using TodoApp.Models;
                using TodoApp.Storage;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class CarefulSync
                    {
                        public void Attach(IRealtimeChannel channel, ILocalStore<Todo> store)
                            => channel.OnPostgresChange(async (sender, change) =>
                            {
                                var todo = change.Model<Todo>()!;
                                if (change.Payload?.Data?.Type != Constants.EventType.Update)
                                {
                                    await store.UpsertAsync(todo);
                                    return;
                                }

                                try
                                {
                                    await store.UpdateAsync(todo);
                                }
                                catch (InvalidOperationException)
                                {
                                    await store.UpdateAsync(todo);
                                }
                                finally
                                {
                                    await store.UpdateAsync(todo);
                                }
                            }, ListenType.All);
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_half_typed_code()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime.Interfaces;
                using TodoApp.Models;
                using TodoApp.Storage;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class Draft
                    {
                        public void Attach(IRealtimeChannel channel, ILocalStore<Todo> store)
                        {
                            channel.OnPostgresChange((sender, change) => store.{|CS7036:UpdateAsync|}(), ListenType.All);
                            channel.OnPostgresChange({|CS0103:Missing|}, ListenType.All);
                            channel.{|CS7036:OnPostgresChange|}();
                            channel.AddPostgresChangeHandler(ListenType.All, (sender, change) => store.{|CS1061:Updat|}(change.Model<Todo>()!));
                        }
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_without_the_sdk_types_in_scope()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.None,
                TestCode = """
                    using System;

                    namespace MyApp
                    {
                        public sealed class Channel
                        {
                            public void AddPostgresChangeHandler(int listenType, Action<object, object> handler)
                            {
                            }
                        }

                        public sealed class Store
                        {
                            public void Update(object row)
                            {
                            }

                            public void Upsert(object row)
                            {
                            }
                        }

                        public sealed class Sync
                        {
                            public void Attach(Channel channel, Store store) => channel.AddPostgresChangeHandler(0, (s, e) => store.Update(e));
                        }
                    }
                    """,
            }.RunAsync();

        // ---------------------------------------------------------------- code fix

        [Fact]
        public Task Fix_renames_Update_to_Upsert_keeping_await_arguments_and_trivia()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;
                using Supabase.Postgrest;
                using Supabase.Postgrest.Interfaces;
                using Supabase.Realtime.Interfaces;
                using TodoApp.Models;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class TodoMirrorService
                    {
                        private readonly IPostgrestTable<Todo> mirror;

                        public TodoMirrorService(IPostgrestTable<Todo> mirror) => this.mirror = mirror;

                        public void Attach(IRealtimeChannel channel)
                            => channel.OnPostgresChange(async (sender, change) =>
                            {
                                var todo = change.Model<Todo>()!;
                                await mirror /* replica */ .{|#0:Update|} /* by key */ (todo, new QueryOptions { Returning = QueryOptions.ReturnType.Minimal })
                                    .ConfigureAwait(false);
                            }, ListenType.All);
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("todos", "Update", "Upsert"),
                """
                using System.Threading.Tasks;
                using Supabase.Postgrest;
                using Supabase.Postgrest.Interfaces;
                using Supabase.Realtime.Interfaces;
                using TodoApp.Models;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class TodoMirrorService
                    {
                        private readonly IPostgrestTable<Todo> mirror;

                        public TodoMirrorService(IPostgrestTable<Todo> mirror) => this.mirror = mirror;

                        public void Attach(IRealtimeChannel channel)
                            => channel.OnPostgresChange(async (sender, change) =>
                            {
                                var todo = change.Model<Todo>()!;
                                await mirror /* replica */ .Upsert /* by key */ (todo, new QueryOptions { Returning = QueryOptions.ReturnType.Minimal })
                                    .ConfigureAwait(false);
                            }, ListenType.All);
                    }
                }
                """ + Models);

        [Fact]
        public Task Fix_keeps_type_arguments_and_conditional_access()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime.Interfaces;
                using TodoApp.Models;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class GenericStore
                    {
                        public Task UpdateAsync<T>(T item) => Task.CompletedTask;

                        public Task UpsertAsync<T>(T item) => Task.CompletedTask;
                    }

                    public sealed class MemoryCache
                    {
                        public void Update(Todo todo)
                        {
                        }

                        public void AddOrUpdate(Todo todo)
                        {
                        }
                    }

                    public sealed class CacheSync
                    {
                        private readonly GenericStore store = new GenericStore();
                        private MemoryCache? cache;

                        public void Attach(IRealtimeChannel channel)
                            => channel.OnPostgresChange(async (sender, change) =>
                            {
                                var todo = change.Model<Todo>()!;
                                cache?.[|Update|](todo);
                                await store.[|UpdateAsync|]<Todo>(todo);
                            }, ListenType.All);
                    }
                }
                """ + Models,
                """
                using System.Threading.Tasks;
                using Supabase.Realtime.Interfaces;
                using TodoApp.Models;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class GenericStore
                    {
                        public Task UpdateAsync<T>(T item) => Task.CompletedTask;

                        public Task UpsertAsync<T>(T item) => Task.CompletedTask;
                    }

                    public sealed class MemoryCache
                    {
                        public void Update(Todo todo)
                        {
                        }

                        public void AddOrUpdate(Todo todo)
                        {
                        }
                    }

                    public sealed class CacheSync
                    {
                        private readonly GenericStore store = new GenericStore();
                        private MemoryCache? cache;

                        public void Attach(IRealtimeChannel channel)
                            => channel.OnPostgresChange(async (sender, change) =>
                            {
                                var todo = change.Model<Todo>()!;
                                cache?.AddOrUpdate(todo);
                                await store.UpsertAsync<Todo>(todo);
                            }, ListenType.All);
                    }
                }
                """ + Models);

        [Fact]
        public Task Fix_all_renames_every_call_to_its_own_counterpart()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;
                using SQLite;
                using Supabase.Postgrest.Interfaces;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;
                using TodoApp.Offline;
                using TodoApp.Storage;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class EverywhereSync
                    {
                        private readonly IPostgrestTable<Todo> mirror;
                        private readonly ILocalStore<Todo> store;
                        private readonly SQLiteConnection db = new SQLiteConnection("todos.db3");

                        public EverywhereSync(IPostgrestTable<Todo> mirror, ILocalStore<Todo> store)
                        {
                            this.mirror = mirror;
                            this.store = store;
                        }

                        public void Attach(IRealtimeChannel channel)
                        {
                            channel.OnPostgresChange(OnChange, ListenType.All);
                            channel.OnPostgresChange((sender, change) => db.[|Update|](new TodoRow { Id = change.Model<Todo>()!.Id }), ListenType.Inserts);
                        }

                        private async void OnChange(IRealtimeChannel sender, PostgresChangesResponse change)
                        {
                            var todo = change.Model<Todo>()!;
                            await mirror.[|Update|](todo);
                            await store.[|UpdateAsync|](todo);
                        }
                    }
                }
                """ + Models + Sqlite,
                """
                using System.Threading.Tasks;
                using SQLite;
                using Supabase.Postgrest.Interfaces;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;
                using TodoApp.Models;
                using TodoApp.Offline;
                using TodoApp.Storage;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class EverywhereSync
                    {
                        private readonly IPostgrestTable<Todo> mirror;
                        private readonly ILocalStore<Todo> store;
                        private readonly SQLiteConnection db = new SQLiteConnection("todos.db3");

                        public EverywhereSync(IPostgrestTable<Todo> mirror, ILocalStore<Todo> store)
                        {
                            this.mirror = mirror;
                            this.store = store;
                        }

                        public void Attach(IRealtimeChannel channel)
                        {
                            channel.OnPostgresChange(OnChange, ListenType.All);
                            channel.OnPostgresChange((sender, change) => db.InsertOrReplace(new TodoRow { Id = change.Model<Todo>()!.Id }), ListenType.Inserts);
                        }

                        private async void OnChange(IRealtimeChannel sender, PostgresChangesResponse change)
                        {
                            var todo = change.Model<Todo>()!;
                            await mirror.Upsert(todo);
                            await store.UpsertAsync(todo);
                        }
                    }
                }
                """ + Models + Sqlite);

        [Fact]
        public Task Fix_renames_to_the_configured_counterpart()
        {
            var test = new Verify.Test
            {
                TestCode = """
                    using Supabase.Realtime.Interfaces;
                    using TodoApp.Models;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    namespace TodoApp.Sync
                    {
                        public sealed class DocumentStore
                        {
                            public void Save(Todo todo)
                            {
                            }

                            public void SaveOrInsert(Todo todo)
                            {
                            }
                        }

                        public sealed class DocumentSync
                        {
                            public void Attach(IRealtimeChannel channel, DocumentStore documents)
                                => channel.OnPostgresChange((sender, change) => documents.[|Save|](change.Model<Todo>()!), ListenType.All);
                        }
                    }
                    """ + Models,
                FixedCode = """
                    using Supabase.Realtime.Interfaces;
                    using TodoApp.Models;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    namespace TodoApp.Sync
                    {
                        public sealed class DocumentStore
                        {
                            public void Save(Todo todo)
                            {
                            }

                            public void SaveOrInsert(Todo todo)
                            {
                            }
                        }

                        public sealed class DocumentSync
                        {
                            public void Attach(IRealtimeChannel channel, DocumentStore documents)
                                => channel.OnPostgresChange((sender, change) => documents.SaveOrInsert(change.Model<Todo>()!), ListenType.All);
                        }
                    }
                    """ + Models,
            };
            test.AddEditorConfig("supabase_realtime.SRT003.upsert_methods = Update=Upsert, Save=SaveOrInsert");
            return test.RunAsync();
        }

        [Fact]
        public Task Fix_offers_nothing_when_the_renamed_call_would_not_fit()
        {
            const string source = """
                using Supabase.Realtime.Interfaces;
                using TodoApp.Models;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                namespace TodoApp.Sync
                {
                    public sealed class VersionedCache
                    {
                        public bool Update(Todo todo) => true;

                        public void Upsert(Todo todo)
                        {
                        }
                    }

                    public sealed class CacheSync
                    {
                        public int Changed { get; private set; }

                        public void Attach(IRealtimeChannel channel, VersionedCache cache)
                            => channel.OnPostgresChange((sender, change) =>
                            {
                                if (cache.[|Update|](change.Model<Todo>()!))
                                {
                                    Changed++;
                                }
                            }, ListenType.All);
                    }
                }
                """ + Models;
            return new Verify.Test { TestCode = source, FixedCode = source }.RunAsync();
        }
    }
}
