using System.Threading.Tasks;
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
        /// <summary>The Postgrest model the sources share, appended to each of them.</summary>
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
                            }, ListenType.Inserts, new PostgresChangesFilter("public", "todos"));
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
        public Task Reports_in_nested_type_top_level_and_nested_lambda()
        {
            var test = new VerifyAnalyzer.Test
            {
                TestCode = """
                    using System;
                    using Supabase.Realtime.PostgresChanges;
                    using TodoApp.Models;
                    using TodoApp.Storage;

                    ILocalStore<Todo> store = null!;
                    var client = new Supabase.Client("https://x.supabase.co", "anon");
                    var channel = client.Realtime.Channel("todos");
                    channel.OnPostgresChange((s, change) => store.[|UpdateAsync|](change.Model<Todo>()!), PostgresChangesOptions.ListenType.All);

                    public static class Outer
                    {
                        public sealed class Inner
                        {
                            public void Start(Supabase.Client client, ILocalStore<Todo> store)
                            {
                                var channel = client.Realtime.Channel("todos");
                                channel.OnPostgresChange((s, change) =>
                                {
                                    Action apply = () => store.[|UpdateAsync|](change.Model<Todo>()!);
                                    apply();
                                }, PostgresChangesOptions.ListenType.All);
                            }
                        }
                    }
                    """ + Models,
                OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
            };
            return test.RunAsync();
        }

        [Fact]
        public Task Ignores_Update_in_a_branch_only_UPDATE_events_reach()
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

                                switch (change.Payload?.Data?.Type)
                                {
                                    case Constants.EventType.Insert:
                                        await store.UpsertAsync(todo);
                                        break;
                                    case Constants.EventType.Update:
                                        await store.UpdateAsync(todo);
                                        break;
                                }

                                if (change.Payload?.Data?.Type == Constants.EventType.Insert)
                                {
                                    await store.UpsertAsync(todo);
                                }
                                else
                                {
                                    await store.UpdateAsync(todo);
                                }

                                var task = change.Payload?.Data?.Type is Constants.EventType.Delete ? store.UpdateAsync(todo) : Task.CompletedTask;
                                await task;

                                if (change.Payload?.Data?.Type is not Constants.EventType.Update) return;
                                await store.UpdateAsync(todo);
                            }, ListenType.All);
                        }
                    }
                }
                """ + Models);
    }
}
