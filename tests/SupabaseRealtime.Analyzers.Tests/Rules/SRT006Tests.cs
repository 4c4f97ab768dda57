using System.Threading.Tasks;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using Verify = SupabaseRealtime.Analyzers.Tests.Verification.CSharpCodeFixVerifier<
    SupabaseRealtime.Analyzers.Rules.LateOrDuplicateBindingAnalyzer,
    SupabaseRealtime.Analyzers.CodeFixes.Rules.LateOrDuplicateBindingCodeFixProvider>;

namespace SupabaseRealtime.Analyzers.Tests.Rules
{
    public class SRT006Tests
    {
        private const string MoveKey = "SRT006.MoveBeforeSubscribe";
        private const string RemoveKey = "SRT006.RemoveDuplicate";

        private const string AfterSubscribe = "runs after the channel is subscribed on line {0}: the join has gone out, so this binding takes effect only at the channel's next join; set it up before Subscribe()";

        private const string Models = """

            public class CursorMoved : Supabase.Realtime.Models.BaseBroadcast { }

            public class Viewer : Supabase.Realtime.Models.BasePresence { }
            """;

        private static string After(int line) => string.Format(System.Globalization.CultureInfo.InvariantCulture, AfterSubscribe, line);

        // Case 1: a binding added after Subscribe().

        [Fact]
        public Task Reports_Register_after_Subscribe()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class TodoSync
                {
                    private readonly Supabase.Client _supabase;

                    public TodoSync(Supabase.Client supabase) => _supabase = supabase;

                    public async Task StartAsync()
                    {
                        var channel = _supabase.Realtime.Channel("todos");
                        channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                        await channel.Subscribe();
                        channel.{|#0:Register(new PostgresChangesOptions("public", "todos", ListenType.Inserts))|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("Register", "todos", After(16)));

        [Fact]
        public Task Reports_OnPostgresChange_and_broadcast_and_presence_after_Subscribe_on_some_path()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class Whiteboard
                {
                    public async Task OpenAsync(Client realtime, bool joinNow)
                    {
                        var channel = realtime.Channel("board:7");
                        if (joinNow)
                        {
                            await channel.Subscribe();
                        }

                        channel.{|#0:OnPostgresChange((sender, change) => { }, ListenType.Inserts, new PostgresChangesFilter { Table = "strokes" })|};
                        var cursors = channel.{|#1:Register<CursorMoved>(true)|};
                        var viewers = channel.{|#2:Register<Viewer>("user-1")|};
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("OnPostgresChange", "board:7", After(13)),
                Verify.Diagnostic().WithLocation(1).WithArguments("Register<CursorMoved>", "board:7", After(13)),
                Verify.Diagnostic().WithLocation(2).WithArguments("Register<Viewer>", "board:7", After(13)));

        [Fact]
        public Task Reports_Register_in_a_retry_loop_after_the_first_attempt_subscribed_the_cached_channel()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class ReconnectingFeed
                {
                    public async Task StartAsync(Client realtime)
                    {
                        for (var attempt = 0; attempt < 3; attempt++)
                        {
                            var channel = realtime.Channel("orders");
                            channel.{|#0:Register(new PostgresChangesOptions("public", "orders"))|};
                            await channel.Subscribe();
                        }
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("Register", "orders", After(13)));

        [Fact]
        public Task Reports_Register_after_Subscribe_on_a_field_channel()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class OrdersViewModel
                {
                    private readonly RealtimeChannel _orders;

                    public OrdersViewModel(Client realtime) => _orders = realtime.Channel("orders");

                    public async Task ShowAsync()
                    {
                        await _orders.Subscribe();
                        _orders.{|#0:Register(new PostgresChangesOptions("public", "orders"))|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("Register", "orders", After(13)));

        // A topic that is not constant: the message names the channel by the variable that holds it.
        [Fact]
        public Task Reports_a_late_binding_on_a_room_channel_by_its_variable()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class RoomFeed
                {
                    private readonly Client _realtime;

                    public RoomFeed(Client realtime) => _realtime = realtime;

                    public async Task JoinAsync(int roomId)
                    {
                        var room = _realtime.Channel($"room-{roomId}");
                        await room.Subscribe();
                        room.{|#0:OnPostgresChange((sender, change) => { }, ListenType.Inserts, new PostgresChangesFilter { Table = "messages" })|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("OnPostgresChange", "room", After(15)));

        [Fact]
        public Task Ignores_Register_before_Subscribe_with_the_realtime_5_event_shape()
            => new CSharpAnalyzerVerifier<SupabaseRealtime.Analyzers.Rules.LateOrDuplicateBindingAnalyzer>.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class LegacyFeed
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("realtime", "public", "todos");
                            channel.Register(new PostgresChangesOptions("public", "lists"));
                            channel.OnInsert += (sender, args) => { };
                            await channel.Subscribe();
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Reports_Register_after_Subscribe_with_the_realtime_5_event_shape()
            => new CSharpAnalyzerVerifier<SupabaseRealtime.Analyzers.Rules.LateOrDuplicateBindingAnalyzer>.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class LegacyFeed
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("realtime", "public", "todos");
                            channel.OnInsert += (sender, args) => { };
                            await channel.Subscribe();
                            channel.[|Register(new PostgresChangesOptions("public", "lists"))|];
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_bindings_added_before_Subscribe_or_after_Unsubscribe()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class TodoSync
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("todos");
                        channel.Register(new PostgresChangesOptions("public", "todos"));
                        channel.Register<CursorMoved>();
                        await channel.Subscribe();

                        channel.Unsubscribe();
                        channel.Register(new PostgresChangesOptions("public", "lists"));
                        await channel.Subscribe();
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_a_binding_on_another_channel_or_a_new_channel_each_iteration()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class MultiTableFeed
                {
                    public async Task StartAsync(Client realtime, string[] tables)
                    {
                        var first = realtime.Channel("first");
                        await first.Subscribe();
                        var second = realtime.Channel("second");
                        second.Register(new PostgresChangesOptions("public", "second"));

                        foreach (var table in tables)
                        {
                            var channel = realtime.Channel("realtime", "public", table);
                            channel.Register(new PostgresChangesOptions("public", table, PostgresChangesOptions.ListenType.Inserts));
                            await channel.Subscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_Subscribe_in_another_method_or_in_a_lambda()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class FeedViewModel
                {
                    private readonly RealtimeChannel _channel;

                    public FeedViewModel(Client realtime) => _channel = realtime.Channel("feed");

                    public Task StartAsync() => _channel.Subscribe();

                    public void WatchComments()
                    {
                        Func<Task> start = () => _channel.Subscribe();
                        _channel.Register(new PostgresChangesOptions("public", "comments"));
                    }
                }
                """);

        // Case 2: a registration the channel already has.

        [Fact]
        public Task Reports_Register_repeating_the_binding_Channel_made()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class MessagesFeed
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("realtime", "public", "messages", "room_id", "42");
                        channel.{|#0:Register(new PostgresChangesOptions("public", "messages", filter: "room_id=eq.42"))|};
                        await channel.Subscribe();
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "Register",
                    "messages",
                    "repeats the binding made by Channel(\"realtime\", \"public\", \"messages\", \"room_id\", \"42\"): it only adds a second entry to the join message (each change still arrives once); remove it"));

        [Fact]
        public Task Reports_Register_repeating_an_earlier_Register_across_constructor_and_member()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class ProfileService
                {
                    private readonly RealtimeChannel _channel;

                    public ProfileService(Client realtime)
                    {
                        _channel = realtime.Channel("profiles");
                        _channel.Register(new PostgresChangesOptions("public", "profiles", ListenType.Updates));
                    }

                    public async Task StartAsync()
                    {
                        _channel.{|#0:Register(new PostgresChangesOptions("public", "profiles", ListenType.Updates))|};
                        await _channel.Subscribe();
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "Register", "profiles", "repeats the binding of the Register on line 13: it only adds a second entry to the join message (each change still arrives once); remove it"));

        // The real PostgresChangesFilter has only a parameterless constructor; Schema is "public" unless set.
        [Fact]
        public Task Ignores_OnPostgresChange_filters_that_differ_in_table_or_schema()
            => Verify.VerifyAnalyzerAsync(
                """
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

        [Fact]
        public Task Ignores_registrations_that_differ_or_are_not_constant()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class UsersFeed
                {
                    public async Task StartAsync(Client realtime, string table)
                    {
                        var channel = realtime.Channel("realtime", "public", "users");
                        channel.Register(new PostgresChangesOptions("public", "users", ListenType.Inserts));
                        channel.Register(new PostgresChangesOptions("public", "users", ListenType.All, "id=eq.1"));
                        channel.Register(new PostgresChangesOptions("public", table));
                        channel.Register(new PostgresChangesOptions("public", table));
                        await channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_equal_registrations_on_exclusive_branches()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class UsersFeed
                {
                    public async Task StartAsync(Client realtime, bool archived)
                    {
                        var channel = realtime.Channel("users");
                        if (archived)
                        {
                            channel.Register(new PostgresChangesOptions("archive", "users"));
                            channel.Register<CursorMoved>();
                        }
                        else
                        {
                            channel.Register(new PostgresChangesOptions("archive", "users"));
                            channel.Register<CursorMoved>();
                        }

                        await channel.Subscribe();
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_a_field_written_again_by_another_member()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class RoomViewModel
                {
                    private readonly Client _realtime;
                    private RealtimeChannel _channel;

                    public RoomViewModel(Client realtime)
                    {
                        _realtime = realtime;
                        _channel = realtime.Channel("realtime", "public", "rooms");
                    }

                    public void SwitchRoom(string room) => _channel = _realtime.Channel(room);

                    public async Task StartAsync()
                    {
                        _channel.Register(new PostgresChangesOptions("public", "rooms"));
                        await _channel.Subscribe();
                    }
                }
                """);

        // Case 3: a second broadcast or presence registration.

        [Fact]
        public Task Reports_a_second_broadcast_and_a_second_presence_registration()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class CursorRoom
                {
                    public async Task JoinAsync(Client realtime)
                    {
                        var channel = realtime.Channel("cursors");
                        var cursors = channel.Register<CursorMoved>(broadcastSelf: true);
                        var viewers = channel.Register<Viewer>("user-1");
                        channel.{|#0:Register<CursorMoved>()|};
                        realtime.Channel("cursors").{|#1:Register<Viewer>("user-2")|};
                        await channel.Subscribe();
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "Register<CursorMoved>", "cursors", "is the channel's second broadcast registration (the first is on line 9): it throws InvalidOperationException"),
                Verify.Diagnostic().WithLocation(1).WithArguments(
                    "Register<Viewer>", "cursors", "is the channel's second presence registration (the first is on line 10): it throws InvalidOperationException"));

        [Fact]
        public Task Ignores_one_broadcast_and_one_presence_registration_per_channel()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class CursorRoom
                {
                    public async Task JoinAsync(Client realtime, string room)
                    {
                        var channel = realtime.Channel("cursors");
                        channel.Register<CursorMoved>();
                        channel.Register<Viewer>("user-1");
                        var other = realtime.Channel("other");
                        other.Register<CursorMoved>();
                        var dynamic = realtime.Channel(room);
                        dynamic.Register<CursorMoved>();
                        realtime.Channel(room).Register<CursorMoved>();
                        await channel.Subscribe();
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_half_typed_code()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class TodoSync
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("todos");
                        channel.Register(new PostgresChangesOptions({|CS1503:1|}));
                        channel.Register(new PostgresChangesOptions({|CS1503:1|}));
                        channel.Register<{|CS0246:Cursor|}>();
                        channel.Register<{|CS0246:Cursor|}>();
                        await channel.Subscribe();
                        channel.{|CS1061:Registr|}(new PostgresChangesOptions("public"));
                        channel.Register({|CS0103:Missing|}.Options){|CS1002:|}
                    }
                }
                """);

        // Fixes.

        [Fact]
        public Task Fix_moves_the_registration_before_the_first_Subscribe()
            => new Verify.Test
            {
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    public sealed class TodoSync
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("todos");
                            channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });

                            // Listen, then say hello.
                            await channel.Subscribe();

                            channel.[|Register(new PostgresChangesOptions("public", "todos", ListenType.Inserts))|];
                            System.Console.WriteLine("listening");
                        }
                    }
                    """,
                CodeActionEquivalenceKey = MoveKey,
                FixedCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    public sealed class TodoSync
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("todos");
                            channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                            channel.Register(new PostgresChangesOptions("public", "todos", ListenType.Inserts));

                            // Listen, then say hello.
                            await channel.Subscribe();
                            System.Console.WriteLine("listening");
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Fix_all_moves_several_bindings_before_one_Subscribe_in_order()
            => new Verify.Test
            {
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    public sealed class Whiteboard
                    {
                        public async Task OpenAsync(Client realtime)
                        {
                            var channel = realtime.Channel("board:7");
                            await channel.Subscribe();
                            channel.[|OnPostgresChange((sender, change) => { }, ListenType.Inserts, new PostgresChangesFilter { Table = "strokes" })|];
                            var cursors = channel.[|Register<CursorMoved>(true)|];
                            cursors.AddBroadcastEventHandler((sender, broadcast) => { });
                        }
                    }
                    """ + Models,
                CodeActionEquivalenceKey = MoveKey,
                FixedCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;
                    using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                    public sealed class Whiteboard
                    {
                        public async Task OpenAsync(Client realtime)
                        {
                            var channel = realtime.Channel("board:7");
                            channel.OnPostgresChange((sender, change) => { }, ListenType.Inserts, new PostgresChangesFilter { Table = "strokes" });
                            var cursors = channel.Register<CursorMoved>(true);
                            await channel.Subscribe();
                            cursors.AddBroadcastEventHandler((sender, broadcast) => { });
                        }
                    }
                    """ + Models,
            }.RunAsync();

        [Fact]
        public Task Fix_moves_a_top_level_statement_before_Subscribe()
            => new Verify.Test
            {
                OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
                TestCode = """
                    using Supabase.Realtime.PostgresChanges;

                    var supabase = new Supabase.Client("https://example.supabase.co", "anon-key");
                    await supabase.InitializeAsync();
                    var channel = supabase.Realtime.Channel("todos");
                    await channel.Subscribe();
                    channel.[|Register(new PostgresChangesOptions("public", "todos"))|];
                    System.Console.ReadLine();
                    """,
                CodeActionEquivalenceKey = MoveKey,
                FixedCode = """
                    using Supabase.Realtime.PostgresChanges;

                    var supabase = new Supabase.Client("https://example.supabase.co", "anon-key");
                    await supabase.InitializeAsync();
                    var channel = supabase.Realtime.Channel("todos");
                    channel.Register(new PostgresChangesOptions("public", "todos"));
                    await channel.Subscribe();
                    System.Console.ReadLine();
                    """,
            }.RunAsync();

        [Fact]
        public Task Fix_does_not_move_a_statement_that_reads_a_value_computed_after_Subscribe()
        {
            const string source = """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class TodoSync
                {
                    public async Task StartAsync(Client realtime, System.Func<string> nextTable)
                    {
                        var channel = realtime.Channel("todos");
                        await channel.Subscribe();
                        var table = nextTable();
                        channel.[|Register(new PostgresChangesOptions("public", table))|];
                    }
                }
                """;
            return new Verify.Test { TestCode = source, CodeActionEquivalenceKey = MoveKey, FixedCode = source }.RunAsync();
        }

        [Fact]
        public Task Fix_removes_the_repeated_registration()
            => new Verify.Test
            {
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class MessagesFeed
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("realtime", "public", "messages");
                            channel.[|Register(new PostgresChangesOptions("public", "messages"))|];
                            channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => { });
                            await channel.Subscribe();
                        }
                    }
                    """,
                CodeActionEquivalenceKey = RemoveKey,
                FixedCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class MessagesFeed
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var channel = realtime.Channel("realtime", "public", "messages");
                            channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => { });
                            await channel.Subscribe();
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Fix_all_removes_every_second_registration_but_keeps_one_whose_value_is_used()
            => new Verify.Test
            {
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class CursorRoom
                    {
                        public async Task JoinAsync(Client realtime)
                        {
                            var channel = realtime.Channel("cursors");
                            channel.Register<CursorMoved>();
                            channel.Register<Viewer>("user-1");
                            channel.[|Register<CursorMoved>(true)|];
                            channel.[|Register<Viewer>("user-1")|];
                            var again = channel.[|Register<CursorMoved>()|];
                            await channel.Subscribe();
                        }
                    }
                    """ + Models,
                CodeActionEquivalenceKey = RemoveKey,
                FixedCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class CursorRoom
                    {
                        public async Task JoinAsync(Client realtime)
                        {
                            var channel = realtime.Channel("cursors");
                            channel.Register<CursorMoved>();
                            channel.Register<Viewer>("user-1");
                            var again = channel.[|Register<CursorMoved>()|];
                            await channel.Subscribe();
                        }
                    }
                    """ + Models,
            }.RunAsync();
    }
}
