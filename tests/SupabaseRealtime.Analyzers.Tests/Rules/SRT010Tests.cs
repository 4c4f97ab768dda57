using System;
using System.Collections.Immutable;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using Verify = SupabaseRealtime.Analyzers.Tests.Verification.CSharpCodeFixVerifier<
    SupabaseRealtime.Analyzers.Rules.UnpairedChangeHandlerAnalyzer,
    SupabaseRealtime.Analyzers.CodeFixes.Rules.UnpairedChangeHandlerCodeFixProvider>;
using VerifyAnalyzer = SupabaseRealtime.Analyzers.Tests.Verification.CSharpAnalyzerVerifier<
    SupabaseRealtime.Analyzers.Rules.UnpairedChangeHandlerAnalyzer>;

namespace SupabaseRealtime.Analyzers.Tests.Rules
{
    public class SRT010Tests
    {
        private const string RewriteKey = "SRT010.OnPostgresChange";
        private const string RegisterKey = "SRT010.Register";

        // The official example: one Channel(database, schema, table) registration, three handlers.
        private const string ThreeHandlersOnOneRegistration = """
            using System.Threading.Tasks;
            using Supabase.Realtime;
            using Supabase.Realtime.PostgresChanges;
            using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

            public sealed class UsersFeed
            {
                public async Task StartAsync(Client realtime)
                {
                    var channel = realtime.Channel("realtime", "public", "users");
                    channel.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => System.Console.WriteLine("updated"));
                    channel.{|#0:AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => System.Console.WriteLine("inserted"))|};
                    channel.{|#1:AddPostgresChangeHandler(ListenType.Deletes, (sender, change) => System.Console.WriteLine("deleted"))|};
                    await channel.Subscribe();
                }
            }
            """;

        [Fact]
        public Task Reports_every_handler_after_the_first_on_one_all_registration()
            => Verify.VerifyAnalyzerAsync(
                ThreeHandlersOnOneRegistration,
                Verify.Diagnostic().WithLocation(0).WithMessage(
                    "This INSERT handler on channel 'users' never runs: no registration is free for it (its one registration, from Channel(\"realtime\", \"public\", \"users\"), is taken by the handler on line 11)"),
                Verify.Diagnostic().WithLocation(1).WithArguments(
                    "DELETE",
                    "users",
                    "never runs: no registration is free for it (its one registration, from Channel(\"realtime\", \"public\", \"users\"), is taken by the handler on line 11)"));

        [Fact]
        public Task Reports_a_handler_whose_only_registration_listens_for_another_event()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class TodoSync
                {
                    private readonly Supabase.Client _supabase;

                    public TodoSync(Supabase.Client supabase) => _supabase = supabase;

                    public async Task StartAsync()
                    {
                        var channel = _supabase.Realtime.Channel("todos");
                        channel.Register(new PostgresChangesOptions("public", "todos", PostgresChangesOptions.ListenType.Inserts));
                        channel.{|#0:AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Updates, OnChange)|};
                        await channel.Subscribe();
                    }

                    private void OnChange(Supabase.Realtime.Interfaces.IRealtimeChannel sender, PostgresChangesResponse change)
                    {
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "UPDATE", "todos", "never runs: no registration is free for it (its one registration, from the Register on line 14, listens for INSERT events only)"));

        [Fact]
        public Task Reports_a_handler_added_before_any_registration_but_not_the_one_added_after()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class ChatRoom
                {
                    public async Task JoinAsync(Client realtime)
                    {
                        var channel = realtime.Channel("room:42");
                        channel.{|#0:AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { })|};
                        channel.Register(new PostgresChangesOptions("public", "messages", ListenType.Inserts));
                        channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                        await channel.Subscribe();
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("INSERT", "room:42", "never runs: no registration is free for it (it has no registration at this point)"));

        [Fact]
        public Task Reports_a_third_handler_when_the_registration_that_could_serve_it_is_taken()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class OrdersFeed
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("orders");
                        channel.Register(new PostgresChangesOptions("public", "orders", ListenType.Inserts));
                        channel.Register(new PostgresChangesOptions("public", "orders", ListenType.Updates));
                        channel.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => { });
                        channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                        channel.{|#0:AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { })|};
                        await channel.Subscribe();
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "INSERT", "orders",
                    "never runs: no registration is free for it (the one of its 2 registrations that could serve it, from the Register on line 11, is taken by the handler on line 14)"));

        [Fact]
        public Task Reports_a_handler_when_every_registration_that_could_serve_it_is_taken()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class InventoryFeed
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("realtime", "public", "stock");
                        channel.Register(new PostgresChangesOptions("public", "stock", ListenType.Deletes));
                        channel.AddPostgresChangeHandler(ListenType.Deletes, (sender, change) => { });
                        channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                        channel.{|#0:AddPostgresChangeHandler(ListenType.Deletes, (sender, change) => { })|};
                        await channel.Subscribe();
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "DELETE", "stock", "never runs: no registration is free for it (all 2 of its registrations are taken, by the handlers on lines 12 and 13)"));

        [Fact]
        public Task Reports_a_handler_no_registration_listens_for()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class AuditFeed
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("audit");
                        channel.Register(new PostgresChangesOptions("public", "audit", ListenType.Inserts));
                        channel.Register(new PostgresChangesOptions("public", "audit", ListenType.Updates));
                        channel.{|#0:AddPostgresChangeHandler(ListenType.All, (sender, change) => { })|};
                        await channel.Subscribe();
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("*", "audit", "never runs: no registration is free for it (none of its 2 registrations listens for * events)"));

        [Fact]
        public Task Reports_a_handler_after_an_OnPostgresChange_that_took_its_own_registration()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class NotesFeed
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("notes");
                        channel.OnPostgresChange((sender, change) => { }, ListenType.Inserts, new PostgresChangesFilter { Table = "notes" });
                        channel.{|#0:AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { })|};
                        await channel.Subscribe();
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "INSERT", "notes", "never runs: no registration is free for it (its one registration, from the OnPostgresChange on line 11, is taken by its own handler)"));

        [Fact]
        public Task Reports_a_field_channel_created_in_the_constructor_and_set_up_in_one_member()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class ProfilesViewModel
                {
                    private readonly RealtimeChannel _channel;

                    public ProfilesViewModel(Supabase.Client supabase)
                    {
                        _channel = supabase.Realtime.Channel("realtime", "public", "profiles");
                    }

                    public async Task LoadAsync()
                    {
                        _channel.AddPostgresChangeHandler(ListenType.Inserts, OnInsert);
                        _channel.{|#0:AddPostgresChangeHandler(ListenType.Updates, OnUpdate)|};
                        await _channel.Subscribe();
                    }

                    private void OnInsert(Supabase.Realtime.Interfaces.IRealtimeChannel sender, PostgresChangesResponse change) { }

                    private void OnUpdate(Supabase.Realtime.Interfaces.IRealtimeChannel sender, PostgresChangesResponse change) { }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "UPDATE", "profiles",
                    "never runs: no registration is free for it (its one registration, from Channel(\"realtime\", \"public\", \"profiles\"), is taken by the handler on line 17)"));

        [Fact]
        public Task Reports_a_field_channel_set_up_in_one_member_and_removed_on_dispose()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;

                public sealed class TodoListViewModel : IDisposable
                {
                    private readonly Supabase.Client _supabase;
                    private RealtimeChannel? _channel;

                    public TodoListViewModel(Supabase.Client supabase) => _supabase = supabase;

                    public async Task LoadAsync()
                    {
                        _channel = _supabase.Realtime.Channel("realtime", "public", "todos");
                        _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, OnTodoChanged);
                        _channel.{|#0:AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Updates, OnTodoChanged)|};
                        await _channel.Subscribe();
                    }

                    public void Dispose()
                    {
                        if (_channel != null)
                        {
                            _supabase.Realtime.Remove(_channel);
                        }
                    }

                    private void OnTodoChanged(IRealtimeChannel sender, PostgresChangesResponse change) { }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "UPDATE", "todos", "never runs: no registration is free for it (its one registration, from Channel(\"realtime\", \"public\", \"todos\"), is taken by the handler on line 17)"));

        [Fact]
        public Task Reports_an_auto_property_channel_created_by_its_initializer()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class PresenceBoard
                {
                    private static readonly Client Realtime = new("wss://example.supabase.co/realtime/v1");

                    private RealtimeChannel Seats { get; } = Realtime.Channel("realtime", "public", "seats");

                    public Task ShowAsync()
                    {
                        Seats.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => { });
                        Seats.{|#0:AddPostgresChangeHandler(ListenType.Updates, (sender, change) => { })|};
                        return Seats.Subscribe();
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "UPDATE", "seats", "never runs: no registration is free for it (its one registration, from Channel(\"realtime\", \"public\", \"seats\"), is taken by the handler on line 13)"));

        [Fact]
        public Task Reports_in_top_level_statements()
            => new VerifyAnalyzer.Test
            {
                OutputKind = OutputKind.ConsoleApplication,
                TestCode = """
                    using Supabase.Realtime;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    var supabase = new Supabase.Client("https://example.supabase.co", "anon-key");
                    await supabase.InitializeAsync();
                    var channel = supabase.Realtime.Channel("realtime", "public", "todos");
                    channel.AddPostgresChangeHandler(ListenType.All, (sender, change) => System.Console.WriteLine(change.Event));
                    channel.[|AddPostgresChangeHandler(ListenType.Deletes, (sender, change) => System.Console.WriteLine("deleted"))|];
                    await channel.Subscribe();
                    System.Console.ReadLine();
                    """,
            }.RunAsync();

        [Fact]
        public async Task Reports_from_realtime_7_1_on()
        {
            var test = new VerifyAnalyzer.Test { TestCode = ThreeHandlersOnOneRegistration, Sdk = SdkVersion.Realtime730 };
            test.ExpectedDiagnostics.Add(AnyMessage().WithLocation(0));
            test.ExpectedDiagnostics.Add(AnyMessage().WithLocation(1));
            await test.RunAsync();
        }

        [Fact]
        public Task Ignores_realtime_7_0_where_every_handler_of_a_listen_type_runs()
            => new VerifyAnalyzer.Test { TestCode = Unmarked(ThreeHandlersOnOneRegistration), Sdk = SdkVersion.Supabase111 }.RunAsync();

        [Fact]
        public Task Ignores_one_registration_per_handler()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class UsersFeed
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("realtime", "public", "users");
                        channel.Register(new PostgresChangesOptions("public", "users", ListenType.Updates));
                        channel.Register(new PostgresChangesOptions("public", "users", ListenType.Deletes));
                        channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                        channel.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => { });
                        channel.AddPostgresChangeHandler(ListenType.Deletes, (sender, change) => { });
                        await channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_an_all_registration_serving_an_inserts_handler()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class MessagesFeed
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("realtime", "public", "messages", "room_id", "42");
                        channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                        await channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_registrations_with_options_that_are_not_constant()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class TableFeed
                {
                    public async Task StartAsync(Client realtime, string table, ListenType listenType, PostgresChangesOptions options)
                    {
                        var channel = realtime.Channel("feed");
                        channel.Register(new PostgresChangesOptions("public", table, listenType));
                        channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                        channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });

                        var other = realtime.Channel("other");
                        other.Register(options);
                        other.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => { });

                        var third = realtime.Channel("realtime", "public", table);
                        third.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => { });
                        third.AddPostgresChangeHandler(listenType, (sender, change) => { });
                        await channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_handlers_added_in_branches()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class UsersFeed
                {
                    public async Task StartAsync(Client realtime, bool onlyInserts)
                    {
                        var channel = realtime.Channel("realtime", "public", "users");
                        if (onlyInserts)
                        {
                            channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                        }
                        else
                        {
                            channel.AddPostgresChangeHandler(ListenType.All, (sender, change) => { });
                        }

                        if (!onlyInserts)
                        {
                            channel.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => { });
                        }

                        channel.AddPostgresChangeHandler(ListenType.Deletes, (sender, change) => { });
                        await channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_handlers_added_with_OnPostgresChange_only()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class UsersFeed
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("realtime", "public", "users");
                        channel.OnPostgresChange((sender, change) => { }, ListenType.Inserts, new PostgresChangesFilter { Table = "users" });
                        channel.OnPostgresChange((sender, change) => { }, ListenType.Updates, new PostgresChangesFilter { Table = "users" });
                        channel.OnPostgresChange((sender, change) => { }, ListenType.Deletes);
                        await channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_channel_handed_to_other_code_before_its_handlers()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class UsersFeed
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("realtime", "public", "users");
                        AddRegistrations(channel);
                        channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                        channel.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => { });
                        await channel.Subscribe();
                    }

                    private static void AddRegistrations(RealtimeChannel channel)
                        => channel.Register(new PostgresChangesOptions("public", "users", ListenType.Updates));
                }
                """);

        [Fact]
        public Task Ignores_a_channel_whose_origin_is_unknown()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class ChannelSetup
                {
                    public Task ListenAsync(RealtimeChannel channel)
                    {
                        channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                        channel.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => { });
                        return channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_field_channel_whose_handlers_are_added_by_two_members()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class DashboardViewModel
                {
                    private readonly RealtimeChannel _channel;

                    public DashboardViewModel(Client realtime) => _channel = realtime.Channel("realtime", "public", "orders");

                    public void WatchInserts() => _channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });

                    public void WatchUpdates() => _channel.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => { });

                    public Task StartAsync() => _channel.Subscribe();
                }
                """);

        [Fact]
        public Task Ignores_a_channel_field_other_types_can_reach()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class SharedFeed
                {
                    public RealtimeChannel Channel { get; }

                    public SharedFeed(Client realtime) => Channel = realtime.Channel("realtime", "public", "users");

                    public Task StartAsync()
                    {
                        Channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                        Channel.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => { });
                        return Channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public async Task Ignores_a_field_channel_that_generated_code_also_sets_up()
        {
            var test = new VerifyAnalyzer.Test();
            test.Sources.Add("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed partial class UsersPage
                {
                    private readonly RealtimeChannel _channel;

                    public UsersPage(Client realtime) => _channel = realtime.Channel("realtime", "public", "users");

                    public Task StartAsync()
                    {
                        _channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                        _channel.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => { });
                        return _channel.Subscribe();
                    }
                }
                """);
            test.Sources.Add(("/0/UsersPage.g.cs", """
                // <auto-generated/>
                using Supabase.Realtime.PostgresChanges;

                public sealed partial class UsersPage
                {
                    public void Bind() => _channel.Register(new PostgresChangesOptions("public", "users", PostgresChangesOptions.ListenType.Updates));
                }
                """));
            await test.RunAsync();
        }

        [Fact]
        public Task Ignores_handlers_added_in_a_loop_or_after_handlers_are_removed()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class UsersFeed
                {
                    public async Task StartAsync(Client realtime, ListenType[] types)
                    {
                        var channel = realtime.Channel("realtime", "public", "users");
                        foreach (var type in types)
                        {
                            channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                        }

                        var other = realtime.Channel("realtime", "public", "accounts");
                        other.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                        other.ClearPostgresChangeHandlers();
                        other.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                        await channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_half_typed_code()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class UsersFeed
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("realtime", "public", "users");
                        channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                        channel.AddPostgresChangeHandler(ListenType.{|CS0117:Upserts|});
                        channel.{|CS1061:AddPostgresChangeHandlr|}(ListenType.Updates, (sender, change) => { });
                        await channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Fix_registers_a_binding_before_each_handler_without_one()
            => new Verify.Test
            {
                Sdk = SdkVersion.Realtime730,
                TestCode = ThreeHandlersOnOneRegistration,
                ExpectedDiagnostics = { AnyMessage().WithLocation(0), AnyMessage().WithLocation(1) },
                CodeActionEquivalenceKey = RegisterKey,
                FixedCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    public sealed class UsersFeed
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("realtime", "public", "users");
                            channel.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => System.Console.WriteLine("updated"));
                            channel.Register(new PostgresChangesOptions("public", "users", ListenType.Inserts));
                            channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => System.Console.WriteLine("inserted"));
                            channel.Register(new PostgresChangesOptions("public", "users", ListenType.Deletes));
                            channel.AddPostgresChangeHandler(ListenType.Deletes, (sender, change) => System.Console.WriteLine("deleted"));
                            await channel.Subscribe();
                        }
                    }
                    """,
            }.RunAsync();

        // The real PostgresChangesFilter has only a parameterless constructor: Schema is "public" unless set.
        [Fact]
        public Task Ignores_OnPostgresChange_with_filters_that_differ_in_table_or_schema()
            => VerifyAnalyzer.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class ProfileFeed
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("profiles");
                        channel.OnPostgresChange((sender, change) => { }, ListenType.Updates, new PostgresChangesFilter { Table = "profiles" });
                        channel.OnPostgresChange((sender, change) => { }, ListenType.Updates, new PostgresChangesFilter { Table = "avatars" });
                        channel.OnPostgresChange((sender, change) => { }, ListenType.Updates, new PostgresChangesFilter { Schema = "audit", Table = "profiles" });
                        channel.OnPostgresChange((sender, change) => { }, ListenType.Inserts);
                        await channel.Subscribe();
                    }
                }
                """);

        // supabase.From<T>().On(...) calls Channel("realtime", "public", table): one cached channel per table, whose one
        // "*" registration the first On() takes; every later On() for that table adds a handler that finds none free.
        private const string TableModels = """

            namespace Shop.Models
            {
                using Supabase.Postgrest.Attributes;
                using Supabase.Postgrest.Models;

                [Table("orders")]
                public sealed class Order : BaseModel
                {
                    [PrimaryKey("id")]
                    public int Id { get; set; }
                }

                [Table("customers")]
                public sealed class Customer : BaseModel
                {
                    [PrimaryKey("id")]
                    public int Id { get; set; }
                }
            }
            """;

        [Fact]
        public Task Reports_every_table_On_after_the_first_for_one_table()
            => VerifyAnalyzer.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Shop.Models;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class OrderBoard
                {
                    public async Task StartAsync(Supabase.Client supabase)
                    {
                        await supabase.From<Order>().On(ListenType.Inserts, (sender, change) => System.Console.WriteLine("new order"));
                        await supabase.From<Order>().{|#0:On(ListenType.Updates, (sender, change) => System.Console.WriteLine("order changed"))|};
                        await supabase.From<Customer>().On(ListenType.All, (sender, change) => System.Console.WriteLine("customer"));
                    }
                }
                """ + TableModels,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "UPDATE", "orders", "never runs: no registration is free for it (its one registration, from the From<Order>().On(...) on line 9, is taken by the handler on line 9)"));

        [Fact]
        public Task Ignores_one_table_On_per_table_and_table_On_before_realtime_7_1()
            => VerifyAnalyzer.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Shop.Models;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class OrderBoard
                {
                    public async Task StartAsync(Supabase.Client supabase)
                    {
                        await supabase.From<Order>().On(ListenType.All, (sender, change) => System.Console.WriteLine("order"));
                        await supabase.From<Customer>().On(ListenType.All, (sender, change) => System.Console.WriteLine("customer"));
                    }
                }
                """ + TableModels);

        [Fact]
        public Task Ignores_every_table_On_on_supabase_1_1_where_each_handler_runs()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                    using System.Threading.Tasks;
                    using Shop.Models;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    public sealed class OrderBoard
                    {
                        public async Task StartAsync(Supabase.Client supabase)
                        {
                            await supabase.From<Order>().On(ListenType.Inserts, (sender, change) => System.Console.WriteLine("new order"));
                            await supabase.From<Order>().On(ListenType.Updates, (sender, change) => System.Console.WriteLine("order changed"));
                        }
                    }
                    """ + TableModels,
            }.RunAsync();

        // A teardown in another member that unsubscribes and clears the field does not make the set-up unknown.
        [Fact]
        public Task Reports_handlers_of_a_field_channel_whose_teardown_unsubscribes_and_clears_it()
            => VerifyAnalyzer.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class InventoryFeed
                {
                    private readonly Client _realtime;
                    private RealtimeChannel? _channel;

                    public InventoryFeed(Client realtime) => _realtime = realtime;

                    public async Task StartAsync()
                    {
                        _channel = _realtime.Channel("realtime", "public", "stock");
                        _channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => System.Console.WriteLine("added"));
                        _channel.{|#0:AddPostgresChangeHandler(ListenType.Updates, (sender, change) => System.Console.WriteLine("changed"))|};
                        _channel.{|#1:AddPostgresChangeHandler(ListenType.Deletes, (sender, change) => System.Console.WriteLine("removed"))|};
                        await _channel.Subscribe();
                    }

                    public void Stop()
                    {
                        _channel?.Unsubscribe();
                        _channel = null;
                    }
                }
                """,
                AnyMessage().WithLocation(0),
                AnyMessage().WithLocation(1));

        [Fact]
        public Task Ignores_a_field_channel_created_again_by_another_member_after_its_teardown_clears_it()
            => VerifyAnalyzer.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class InventoryFeed
                {
                    private readonly Client _realtime;
                    private RealtimeChannel? _channel;

                    public InventoryFeed(Client realtime) => _realtime = realtime;

                    public async Task StartAsync()
                    {
                        _channel = _realtime.Channel("realtime", "public", "stock", "warehouse", "1");
                        _channel.AddPostgresChangeHandler(ListenType.All, (sender, change) => System.Console.WriteLine("stock"));
                        await _channel.Subscribe();
                    }

                    public async Task SwitchAsync(string warehouse)
                    {
                        _channel = _realtime.Channel("realtime", "public", "stock", "warehouse", warehouse);
                        _channel.AddPostgresChangeHandler(ListenType.All, (sender, change) => System.Console.WriteLine(warehouse));
                        await _channel.Subscribe();
                    }

                    public void Stop()
                    {
                        _channel?.Unsubscribe();
                        _channel = null;
                    }
                }
                """);

        [Fact]
        public Task Fix_offers_no_registration_from_realtime_7_4_where_Register_is_obsolete()
            => new Verify.Test
            {
                TestCode = ThreeHandlersOnOneRegistration,
                ExpectedDiagnostics = { AnyMessage().WithLocation(0), AnyMessage().WithLocation(1) },
                CodeActionEquivalenceKey = RegisterKey,
                FixedCode = ThreeHandlersOnOneRegistration,
            }.RunAsync();

        [Fact]
        public Task Fix_rewrites_the_handler_into_OnPostgresChange_with_the_channel_filter()
            => new Verify.Test
            {
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.Interfaces;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class ChatRoomViewModel
                    {
                        private readonly RealtimeChannel _channel;

                        public ChatRoomViewModel(Supabase.Client supabase)
                        {
                            _channel = supabase.Realtime.Channel("realtime", "public", "messages", "room_id", "42");
                        }

                        public async Task JoinAsync()
                        {
                            _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, OnMessage);
                            _channel.{|#0:AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Deletes, OnMessageDeleted)|};
                            await _channel.Subscribe();
                        }

                        private void OnMessage(IRealtimeChannel sender, PostgresChangesResponse change) { }

                        private void OnMessageDeleted(IRealtimeChannel sender, PostgresChangesResponse change) { }
                    }
                    """,
                ExpectedDiagnostics = { AnyMessage().WithLocation(0) },
                CodeActionEquivalenceKey = RewriteKey,
                FixedCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.Interfaces;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class ChatRoomViewModel
                    {
                        private readonly RealtimeChannel _channel;

                        public ChatRoomViewModel(Supabase.Client supabase)
                        {
                            _channel = supabase.Realtime.Channel("realtime", "public", "messages", "room_id", "42");
                        }

                        public async Task JoinAsync()
                        {
                            _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, OnMessage);
                            _channel.OnPostgresChange(OnMessageDeleted, PostgresChangesOptions.ListenType.Deletes, new PostgresChangesFilter { Schema = "public", Table = "messages", Filter = "room_id=eq.42" });
                            await _channel.Subscribe();
                        }

                        private void OnMessage(IRealtimeChannel sender, PostgresChangesResponse change) { }

                        private void OnMessageDeleted(IRealtimeChannel sender, PostgresChangesResponse change) { }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Fix_all_rewrites_every_handler_and_qualifies_types_without_a_using()
            => new Verify.Test
            {
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    public sealed class UsersFeed
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("realtime", "public", "users");
                            channel.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => { });
                            channel.{|#0:AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { })|};
                            channel.{|#1:AddPostgresChangeHandler(ListenType.Deletes, (sender, change) => { })|};
                            await channel.Subscribe();
                        }
                    }
                    """,
                ExpectedDiagnostics = { AnyMessage().WithLocation(0), AnyMessage().WithLocation(1) },
                CodeActionEquivalenceKey = RewriteKey,
                FixedCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    public sealed class UsersFeed
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("realtime", "public", "users");
                            channel.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => { });
                            channel.OnPostgresChange((sender, change) => { }, ListenType.Inserts, new Supabase.Realtime.PostgresChanges.PostgresChangesFilter { Schema = "public", Table = "users" });
                            channel.OnPostgresChange((sender, change) => { }, ListenType.Deletes, new Supabase.Realtime.PostgresChanges.PostgresChangesFilter { Schema = "public", Table = "users" });
                            await channel.Subscribe();
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public async Task Fix_offers_only_the_registration_when_the_sdk_has_no_OnPostgresChange()
        {
            var test = new Verify.Test
            {
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class UsersFeed
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("realtime", "public", "users");
                            channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => { });
                            channel.[|AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Updates, (sender, change) => { })|];
                            await channel.Subscribe();
                        }
                    }
                    """,
                Sdk = SdkVersion.Realtime730,
                CodeActionIndex = 0,
                FixedCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class UsersFeed
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("realtime", "public", "users");
                            channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => { });
                            channel.Register(new PostgresChangesOptions("public", "users", PostgresChangesOptions.ListenType.Updates));
                            channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Updates, (sender, change) => { });
                            await channel.Subscribe();
                        }
                    }
                    """,
            };
            await test.RunAsync();
        }

        [Fact]
        public async Task Fix_does_not_offer_OnPostgresChange_when_the_sdk_lacks_it()
        {
            const string source = """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class UsersFeed
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("realtime", "public", "users");
                        channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                        channel.[|AddPostgresChangeHandler(ListenType.Updates, (sender, change) => { })|];
                        await channel.Subscribe();
                    }
                }
                """;
            var test = new Verify.Test { TestCode = source, Sdk = SdkVersion.Realtime730, CodeActionEquivalenceKey = RewriteKey, FixedCode = source };
            await test.RunAsync();
        }

        [Fact]
        public Task Fix_registers_a_binding_in_top_level_statements()
            => new Verify.Test
            {
                Sdk = SdkVersion.Realtime730,
                OutputKind = OutputKind.ConsoleApplication,
                TestCode = """
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    var realtime = new Client("wss://example.supabase.co/realtime/v1");
                    await realtime.ConnectAsync();
                    var channel = realtime.Channel("realtime", "public", "todos");
                    channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => System.Console.WriteLine("inserted"));
                    channel.[|AddPostgresChangeHandler(ListenType.Deletes, (sender, change) => System.Console.WriteLine("deleted"))|];
                    await channel.Subscribe();
                    """,
                CodeActionEquivalenceKey = RegisterKey,
                FixedCode = """
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    var realtime = new Client("wss://example.supabase.co/realtime/v1");
                    await realtime.ConnectAsync();
                    var channel = realtime.Channel("realtime", "public", "todos");
                    channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => System.Console.WriteLine("inserted"));
                    channel.Register(new PostgresChangesOptions("public", "todos", ListenType.Deletes));
                    channel.AddPostgresChangeHandler(ListenType.Deletes, (sender, change) => System.Console.WriteLine("deleted"));
                    await channel.Subscribe();
                    """,
            }.RunAsync();

        [Fact]
        public Task Fix_does_not_add_a_registration_another_fix_already_added()
            => new Verify.Test
            {
                Sdk = SdkVersion.Realtime730,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    public sealed class UsersFeed
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("realtime", "public", "users");
                            channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                            channel.[|AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { })|];
                            channel.[|AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { })|];
                            await channel.Subscribe();
                        }
                    }
                    """,
                CodeActionEquivalenceKey = RegisterKey,
                NumberOfIncrementalIterations = 1,
                FixedCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    public sealed class UsersFeed
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("realtime", "public", "users");
                            channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                            channel.Register(new PostgresChangesOptions("public", "users", ListenType.Inserts));
                            channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                            channel.[|AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { })|];
                            await channel.Subscribe();
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Fix_is_not_offered_for_a_handler_added_after_Subscribe()
            => new Verify.Test
            {
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    public sealed class UsersFeed
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("realtime", "public", "users");
                            channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                            await channel.Subscribe();
                            channel.[|AddPostgresChangeHandler(ListenType.Updates, (sender, change) => { })|];
                        }
                    }
                    """,
                CodeActionEquivalenceKey = RegisterKey,
                FixedCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    public sealed class UsersFeed
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("realtime", "public", "users");
                            channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                            await channel.Subscribe();
                            channel.[|AddPostgresChangeHandler(ListenType.Updates, (sender, change) => { })|];
                        }
                    }
                    """,
            }.RunAsync();

        // --- Equal options add no registration (sdk-behaviour.md 4.1: BindPostgresChangesOptions returns on equal options). ---
        private const string EqualRegisterTwice = """
            using System.Threading.Tasks;
            using Supabase.Realtime;
            using Supabase.Realtime.PostgresChanges;
            using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

            public sealed class OrderNotifications
            {
                public async Task StartAsync(Client realtime)
                {
                    var channel = realtime.Channel("orders");
                    channel.Register(new PostgresChangesOptions("public", "orders", ListenType.Inserts));
                    channel.Register(new PostgresChangesOptions("public", "orders", ListenType.Inserts));
                    channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => System.Console.WriteLine("toast"));
                    channel.{|#0:AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => System.Console.WriteLine("badge"))|};
                    await channel.Subscribe();
                }
            }
            """;

        [Fact]
        public Task Reports_a_handler_counting_on_a_second_Register_of_equal_options()
            => VerifyAnalyzer.VerifyAnalyzerAsync(
                EqualRegisterTwice,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "INSERT", "orders", "never runs: no registration is free for it (its one registration, from the Register on line 11, is taken by the handler on line 13)"));

        [Fact]
        public Task Reports_a_handler_counting_on_a_second_Register_of_equal_options_on_realtime_7_3()
            => new VerifyAnalyzer.Test { TestCode = EqualRegisterTwice, Sdk = SdkVersion.Realtime730, ExpectedDiagnostics = { AnyMessage().WithLocation(0) } }.RunAsync();

        [Fact]
        public Task Ignores_an_equal_Register_on_realtime_7_0_where_every_handler_runs()
            => new VerifyAnalyzer.Test { TestCode = Unmarked(EqualRegisterTwice), Sdk = SdkVersion.Supabase111 }.RunAsync();

        [Fact]
        public Task Reports_an_OnPostgresChange_whose_options_equal_an_earlier_one()
            => VerifyAnalyzer.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class MessageList
                {
                    public async Task OpenAsync(Client realtime)
                    {
                        var channel = realtime.Channel("room:7");
                        channel.OnPostgresChange((sender, change) => System.Console.WriteLine("append"), ListenType.Inserts, new PostgresChangesFilter { Table = "messages" });
                        channel.{|#0:OnPostgresChange((sender, change) => System.Console.WriteLine("unread"), ListenType.Inserts, new PostgresChangesFilter { Table = "messages" })|};
                        await channel.Subscribe();
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "INSERT",
                    "room:7",
                    "never runs: no registration is free for it: its options equal those of the registration from the OnPostgresChange on line 11, so it adds no registration of its own (only another join entry), and that one is taken by the OnPostgresChange on line 11; give it other options (another event or filter), or handle both in one handler"));

        [Fact]
        public Task Ignores_an_equal_Register_with_one_handler_and_registrations_that_differ_in_filter()
            => VerifyAnalyzer.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class OrderNotifications
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("orders");
                        channel.Register(new PostgresChangesOptions("public", "orders", ListenType.Inserts));
                        channel.Register(new PostgresChangesOptions("public", "orders", ListenType.Inserts));
                        channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => System.Console.WriteLine("toast"));

                        var mine = realtime.Channel("my-orders");
                        mine.Register(new PostgresChangesOptions("public", "orders", ListenType.Inserts, "customer_id=eq.1"));
                        mine.Register(new PostgresChangesOptions("public", "orders", ListenType.Inserts, "customer_id=eq.2"));
                        mine.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => System.Console.WriteLine("one"));
                        mine.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => System.Console.WriteLine("two"));
                        await channel.Subscribe();
                        await mine.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_OnPostgresChange_calls_whose_options_differ_only_in_event()
            => VerifyAnalyzer.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class MessageList
                {
                    public async Task OpenAsync(Client realtime)
                    {
                        var channel = realtime.Channel("room:7");
                        channel.OnPostgresChange((sender, change) => System.Console.WriteLine("append"), ListenType.Inserts, new PostgresChangesFilter { Table = "messages" });
                        channel.OnPostgresChange((sender, change) => System.Console.WriteLine("edit"), ListenType.Updates, new PostgresChangesFilter { Table = "messages" });
                        await channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_an_equal_Register_with_one_handler_on_realtime_7_3()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime730,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    public sealed class OrderNotifications
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("realtime", "public", "orders");
                            channel.Register(new PostgresChangesOptions("public", "orders"));
                            channel.Register(new PostgresChangesOptions("public", "orders", ListenType.Deletes));
                            channel.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => System.Console.WriteLine("changed"));
                            channel.AddPostgresChangeHandler(ListenType.Deletes, (sender, change) => System.Console.WriteLine("gone"));
                            await channel.Subscribe();
                        }
                    }
                    """,
            }.RunAsync();

        // --- OnPostgresChange binds its handler by the pairing rule: an earlier free registration takes it (7.4, run). ---
        [Fact]
        public Task Reports_an_OnPostgresChange_whose_handler_takes_an_earlier_free_registration()
            => VerifyAnalyzer.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class ShopFeed
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("shop");
                        channel.Register(new PostgresChangesOptions("public", "orders", ListenType.Inserts));
                        channel.{|#0:OnPostgresChange((sender, change) => System.Console.WriteLine("new customer"), ListenType.Inserts, new PostgresChangesFilter { Table = "customers" })|};
                        await channel.Subscribe();
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "INSERT",
                    "shop",
                    "runs for public.orders, never for its own public.customers: from Supabase.Realtime 7.1 OnPostgresChange registers its options, then binds its handler to the first free registration, here the one from the Register on line 11, and its own stays free; give that registration its own handler before this call, or remove it"));

        [Fact]
        public Task Reports_an_all_OnPostgresChange_on_a_channel_whose_table_overload_registered_another_table()
            => VerifyAnalyzer.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class UsersPage
                {
                    public async Task ShowAsync(Client realtime)
                    {
                        var channel = realtime.Channel("realtime", "public", "users");
                        channel.{|#0:OnPostgresChange((sender, change) => System.Console.WriteLine("avatar"), ListenType.All, new PostgresChangesFilter { Table = "avatars" })|};
                        await channel.Subscribe();
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "*",
                    "users",
                    "runs for public.users, never for its own public.avatars: from Supabase.Realtime 7.1 OnPostgresChange registers its options, then binds its handler to the first free registration, here the one from Channel(\"realtime\", \"public\", \"users\"), and its own stays free; give that registration its own handler before this call, or remove it"));

        // Its options equal the free Register on line 12, which adds no registration; the handler still takes the first free one.
        [Fact]
        public Task Reports_an_OnPostgresChange_of_registered_options_whose_handler_takes_an_earlier_registration()
            => VerifyAnalyzer.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class ShopFeed
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("shop");
                        channel.Register(new PostgresChangesOptions("public", "orders", ListenType.Inserts));
                        channel.Register(new PostgresChangesOptions("public", "customers", ListenType.Inserts));
                        channel.{|#0:OnPostgresChange((sender, change) => System.Console.WriteLine("new customer"), ListenType.Inserts, new PostgresChangesFilter { Table = "customers" })|};
                        await channel.Subscribe();
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "INSERT",
                    "shop",
                    "runs for public.orders, never for its own public.customers: from Supabase.Realtime 7.1 OnPostgresChange registers its options, then binds its handler to the first free registration, here the one from the Register on line 11, and its own stays free; give that registration its own handler before this call, or remove it"));

        [Fact]
        public Task Ignores_an_OnPostgresChange_whose_event_has_its_own_registration_first()
            => VerifyAnalyzer.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class UsersPage
                {
                    public async Task ShowAsync(Client realtime)
                    {
                        // The * registration is free, but an INSERT handler takes the first free INSERT registration: its own.
                        var channel = realtime.Channel("realtime", "public", "users");
                        channel.OnPostgresChange((sender, change) => System.Console.WriteLine("avatar"), ListenType.Inserts, new PostgresChangesFilter { Table = "avatars" });
                        channel.AddPostgresChangeHandler(ListenType.All, (sender, change) => System.Console.WriteLine("user"));
                        await channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_an_OnPostgresChange_after_the_earlier_registration_got_its_handler()
            => VerifyAnalyzer.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class ShopFeed
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("shop");
                        channel.Register(new PostgresChangesOptions("public", "orders", ListenType.Inserts));
                        channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => System.Console.WriteLine("new order"));
                        channel.OnPostgresChange((sender, change) => System.Console.WriteLine("new customer"), ListenType.Inserts, new PostgresChangesFilter { Table = "customers" });
                        await channel.Subscribe();
                    }
                }
                """);

        // 7.0 has no OnPostgresChange; there a handler is not bound to any registration at all.
        [Fact]
        public Task Ignores_a_handler_beside_an_unused_registration_on_realtime_7_0()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    public sealed class ShopFeed
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("shop");
                            channel.Register(new PostgresChangesOptions("public", "orders", ListenType.Inserts));
                            channel.Register(new PostgresChangesOptions("public", "customers", ListenType.Inserts));
                            channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => System.Console.WriteLine("new row"));
                            await channel.Subscribe();
                        }
                    }
                    """,
            }.RunAsync();

        // --- RemovePostgresChangeHandler removes the whole registration (7.1+; run 7.4.0, works in 7.0.2). ---
        private const string HandlerReaddedAfterRemove = """
            using System.Threading.Tasks;
            using Supabase.Realtime;
            using Supabase.Realtime.Interfaces;
            using Supabase.Realtime.PostgresChanges;
            using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

            public sealed class TodoBoard
            {
                public async Task StartAsync(Client realtime)
                {
                    var channel = realtime.Channel("realtime", "public", "todos");
                    channel.AddPostgresChangeHandler(ListenType.Inserts, OnDraftAdded);
                    channel.RemovePostgresChangeHandler(ListenType.Inserts, OnDraftAdded);
                    channel.{|#0:AddPostgresChangeHandler(ListenType.Inserts, OnTodoAdded)|};
                    await channel.Subscribe();
                }

                private void OnDraftAdded(IRealtimeChannel sender, PostgresChangesResponse change) { }

                private void OnTodoAdded(IRealtimeChannel sender, PostgresChangesResponse change) { }
            }
            """;

        [Fact]
        public Task Reports_a_handler_added_after_RemovePostgresChangeHandler_removed_the_registration()
            => VerifyAnalyzer.VerifyAnalyzerAsync(
                HandlerReaddedAfterRemove,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "INSERT",
                    "todos",
                    "never runs: no registration is free for it: the RemovePostgresChangeHandler on line 13 removed the registration from Channel(\"realtime\", \"public\", \"todos\") together with its handler (from Supabase.Realtime 7.1 it removes the whole registration); add the handler back with OnPostgresChange(handler, listenType, filter), which registers again (a channel that has joined gets it at its next join)"));

        [Fact]
        public Task Reports_a_handler_added_after_RemovePostgresChangeHandler_on_realtime_7_3()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime730,
                TestCode = HandlerReaddedAfterRemove,
                ExpectedDiagnostics =
                {
                    Verify.Diagnostic().WithLocation(0).WithArguments(
                        "INSERT",
                        "todos",
                        "never runs: no registration is free for it: the RemovePostgresChangeHandler on line 13 removed the registration from Channel(\"realtime\", \"public\", \"todos\") together with its handler (from Supabase.Realtime 7.1 it removes the whole registration); Register(...) the options again before adding the handler back (a channel that has joined gets it at its next join)"),
                },
            }.RunAsync();

        [Fact]
        public Task Ignores_a_handler_added_after_RemovePostgresChangeHandler_on_realtime_7_0()
            => new VerifyAnalyzer.Test { TestCode = Unmarked(HandlerReaddedAfterRemove), Sdk = SdkVersion.Supabase111 }.RunAsync();

        [Fact]
        public Task Ignores_a_handler_added_back_with_OnPostgresChange_after_the_removal()
            => VerifyAnalyzer.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class TodoBoard
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("todos");
                        channel.OnPostgresChange(OnDraftAdded, ListenType.Inserts, new PostgresChangesFilter { Table = "todos" });
                        channel.RemovePostgresChangeHandler(ListenType.Inserts, OnDraftAdded);
                        channel.OnPostgresChange(OnTodoAdded, ListenType.Inserts, new PostgresChangesFilter { Table = "todos" });
                        await channel.Subscribe();
                    }

                    private void OnDraftAdded(IRealtimeChannel sender, PostgresChangesResponse change) { }

                    private void OnTodoAdded(IRealtimeChannel sender, PostgresChangesResponse change) { }
                }
                """);

        // RemovePostgresChangeHandler removes the first registration whose handler is equal and whose listen type is the one
        // named: a removal naming another listen type, or a method group where a lambda was added, removes nothing.
        [Fact]
        public Task Reports_with_the_plain_reason_after_a_removal_that_matched_no_registration_on_realtime_7_3()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime730,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.Interfaces;
                    using Supabase.Realtime.PostgresChanges;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    public sealed class TodoBoard
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var todos = realtime.Channel("realtime", "public", "todos");
                            todos.AddPostgresChangeHandler(ListenType.Inserts, OnTodoAdded);
                            todos.RemovePostgresChangeHandler(ListenType.Updates, OnTodoAdded);
                            todos.{|#0:AddPostgresChangeHandler(ListenType.Updates, OnTodoChanged)|};

                            var tags = realtime.Channel("realtime", "public", "tags");
                            tags.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => System.Console.WriteLine("tag"));
                            tags.RemovePostgresChangeHandler(ListenType.Inserts, OnTodoAdded);
                            tags.{|#1:AddPostgresChangeHandler(ListenType.Deletes, OnTodoChanged)|};
                            await todos.Subscribe();
                            await tags.Subscribe();
                        }

                        private void OnTodoAdded(IRealtimeChannel sender, PostgresChangesResponse change) { }

                        private void OnTodoChanged(IRealtimeChannel sender, PostgresChangesResponse change) { }
                    }
                    """,
                ExpectedDiagnostics =
                {
                    Verify.Diagnostic().WithLocation(0).WithArguments(
                        "UPDATE", "todos", "never runs: no registration is free for it (its one registration, from Channel(\"realtime\", \"public\", \"todos\"), is taken by the handler on line 12)"),
                    Verify.Diagnostic().WithLocation(1).WithArguments(
                        "DELETE", "tags", "never runs: no registration is free for it (its one registration, from Channel(\"realtime\", \"public\", \"tags\"), is taken by the handler on line 17)"),
                },
            }.RunAsync();

        [Fact]
        public Task Ignores_a_removal_of_a_handler_the_analysis_cannot_compare()
            => VerifyAnalyzer.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using static Supabase.Realtime.Interfaces.IRealtimeChannel;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class TodoBoard
                {
                    public async Task StartAsync(Client realtime, PostgresChangesHandler handler)
                    {
                        var channel = realtime.Channel("realtime", "public", "todos");
                        channel.AddPostgresChangeHandler(ListenType.Inserts, handler);
                        channel.RemovePostgresChangeHandler(ListenType.Inserts, handler);
                        channel.AddPostgresChangeHandler(ListenType.Inserts, handler);
                        await channel.Subscribe();
                    }
                }
                """);

        // --- An All handler beside a typed handler of the same table: only the All handler runs (7.1+; run 7.1.0-8.0). ---
        [Fact]
        public Task Reports_a_typed_handler_beside_an_all_handler_of_the_same_table()
            => VerifyAnalyzer.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class OrdersDashboard
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("dashboard");
                        channel.OnPostgresChange((sender, change) => System.Console.WriteLine("refresh"), ListenType.All, new PostgresChangesFilter { Table = "orders" });
                        channel.{|#0:OnPostgresChange((sender, change) => System.Console.WriteLine("chime"), ListenType.Inserts, new PostgresChangesFilter { Table = "orders" })|};
                        await channel.Subscribe();
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "INSERT",
                    "dashboard",
                    "never runs: the OnPostgresChange on line 11 listens for every event of public.orders, and from Supabase.Realtime 7.1, when a change matches the registration of a ListenType.All handler, only that handler runs; handle INSERT in that handler (change.Event), or give it the typed events it needs instead of ListenType.All"));

        [Fact]
        public Task Reports_a_typed_handler_added_before_the_all_handler_of_the_same_table()
            => VerifyAnalyzer.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class OrdersDashboard
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("dashboard");
                        channel.{|#0:OnPostgresChange((sender, change) => System.Console.WriteLine("chime"), ListenType.Deletes, new PostgresChangesFilter { Table = "orders", Filter = "shop_id=eq.3" })|};
                        channel.OnPostgresChange((sender, change) => System.Console.WriteLine("refresh"), ListenType.All, new PostgresChangesFilter { Table = "orders" });
                        await channel.Subscribe();
                    }
                }
                """,
                AnyMessage().WithLocation(0));

        [Fact]
        public Task Reports_a_typed_handler_beside_an_all_handler_on_realtime_7_3()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime730,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    public sealed class OrdersDashboard
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("realtime", "public", "orders");
                            channel.AddPostgresChangeHandler(ListenType.All, (sender, change) => System.Console.WriteLine("refresh"));
                            channel.Register(new PostgresChangesOptions("public", "orders", ListenType.Inserts));
                            channel.{|#0:AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => System.Console.WriteLine("chime"))|};
                            await channel.Subscribe();
                        }
                    }
                    """,
                ExpectedDiagnostics =
                {
                    Verify.Diagnostic().WithLocation(0).WithArguments(
                        "INSERT",
                        "orders",
                        "never runs: the handler on line 11 listens for every event of public.orders, and from Supabase.Realtime 7.1, when a change matches the registration of a ListenType.All handler, only that handler runs; handle INSERT in that handler (change.Event), or give it the typed events it needs instead of ListenType.All"),
                },
            }.RunAsync();

        [Fact]
        public Task Ignores_an_all_handler_beside_a_typed_handler_on_realtime_7_0_where_both_run()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    public sealed class OrdersDashboard
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("realtime", "public", "orders");
                            channel.AddPostgresChangeHandler(ListenType.All, (sender, change) => System.Console.WriteLine("refresh"));
                            channel.Register(new PostgresChangesOptions("public", "orders", ListenType.Inserts));
                            channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => System.Console.WriteLine("chime"));
                            await channel.Subscribe();
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_an_all_handler_of_another_table_or_a_narrower_filter()
            => VerifyAnalyzer.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class OrdersDashboard
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("dashboard");
                        channel.OnPostgresChange((sender, change) => System.Console.WriteLine("refresh"), ListenType.All, new PostgresChangesFilter { Table = "customers" });
                        channel.OnPostgresChange((sender, change) => System.Console.WriteLine("mine"), ListenType.All, new PostgresChangesFilter { Table = "orders", Filter = "shop_id=eq.3" });
                        channel.OnPostgresChange((sender, change) => System.Console.WriteLine("chime"), ListenType.Inserts, new PostgresChangesFilter { Table = "orders" });
                        await channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_an_all_handler_of_another_schema_on_realtime_7_3()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime730,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    public sealed class OrdersDashboard
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("realtime", "audit", "orders");
                            channel.AddPostgresChangeHandler(ListenType.All, (sender, change) => System.Console.WriteLine("audit"));
                            channel.Register(new PostgresChangesOptions("public", "orders", ListenType.Inserts));
                            channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => System.Console.WriteLine("chime"));
                            await channel.Subscribe();
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_an_all_handler_added_after_Subscribe()
            => VerifyAnalyzer.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class OrdersDashboard
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("dashboard");
                        channel.OnPostgresChange((sender, change) => System.Console.WriteLine("chime"), ListenType.Inserts, new PostgresChangesFilter { Table = "orders" });
                        await channel.Subscribe();
                        channel.OnPostgresChange((sender, change) => System.Console.WriteLine("refresh"), ListenType.All, new PostgresChangesFilter { Table = "orders" });
                    }
                }
                """);

        /// <summary>An SRT010 warning whose message the test does not pin (the message tests do).</summary>
        private static DiagnosticResult AnyMessage() => new DiagnosticResult("SRT010", Microsoft.CodeAnalysis.DiagnosticSeverity.Warning);

        private static string Unmarked(string markup) => Markup.Strip(markup);
    }
}
