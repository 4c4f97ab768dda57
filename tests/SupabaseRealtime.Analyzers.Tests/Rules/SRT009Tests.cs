using System.Threading.Tasks;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using AnalyzerVerify = SupabaseRealtime.Analyzers.Tests.Verification.CSharpAnalyzerVerifier<
    SupabaseRealtime.Analyzers.Rules.ChannelArgumentsMisplacedAnalyzer>;
using Verify = SupabaseRealtime.Analyzers.Tests.Verification.CSharpCodeFixVerifier<
    SupabaseRealtime.Analyzers.Rules.ChannelArgumentsMisplacedAnalyzer,
    SupabaseRealtime.Analyzers.CodeFixes.Rules.ChannelArgumentsMisplacedCodeFixProvider>;

namespace SupabaseRealtime.Analyzers.Tests.Rules
{
    public class SRT009Tests
    {
        private static string FilterInColumn(string column)
            => $"the column argument {column} already holds a filter, which the SDK drops (it builds 'column=eq.value' only from a separate column and value), so every row of the table streams in";

        /// <summary>Case 1 with a value: the SDK sends $"{column}=eq.{value}", the filter written in column included.</summary>
        private static string FilterInColumnWithValue(string column, string sent, string? op = null)
            => $"the column argument {column} already holds a filter, and the SDK appends '=eq.' and the value to it, so the filter it sends is '{sent}'; "
                + (op is null
                    ? "pass the column name alone as column and keep the value in value"
                    : $"this overload filters with eq only, so write the '{op}' filter as a postgres_changes filter of its own");

        private static string ColumnWithoutValue(string column)
            => $"the column argument {column} has no value, so the SDK adds no filter and every row of the table streams in";

        private static string ValueWithoutColumn(string value)
            => $"the value argument {value} has no column, so the SDK adds no filter and every row of the table streams in";

        private static string RealtimePrefix(string name)
            => $"the channel name {name} starts with \"realtime:\", which the SDK adds itself, so the topic becomes \"realtime:realtime:...\"";

        private static string OperatorInValue(string value, string op)
            => $"the value argument {value} holds the operator '{op}', but this overload always filters with eq, so rows are compared with that text";

        // ---- Reports ----

        [Fact]
        public Task Reports_a_filter_written_into_column()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly Client client;

                        public RoomFeed(Client client) => this.client = client;

                        public Task StartAsync()
                        {
                            var channel = client.Realtime.Channel("realtime", "public", "messages", {|#0:"room_id=eq.42"|});
                            return channel.Subscribe();
                        }
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(FilterInColumn("\"room_id=eq.42\"")));

        [Fact]
        public Task Reports_a_filter_in_an_interpolated_column()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using Supabase.Realtime;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly Client realtime;

                        public RoomFeed(Client realtime) => this.realtime = realtime;

                        public RealtimeChannel Open(Guid userId)
                            => realtime.Channel("realtime", "public", "messages", {|#0:$"user_id=eq.{userId}"|}, null);
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(FilterInColumn("$\"user_id=eq.{userId}\"")));

        [Fact]
        public Task Reports_a_filter_in_a_concatenated_column()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly IRealtimeClient<RealtimeSocket, RealtimeChannel> realtime;

                        public RoomFeed(IRealtimeClient<RealtimeSocket, RealtimeChannel> realtime) => this.realtime = realtime;

                        public RealtimeChannel Open(string ids)
                            => realtime.Channel("realtime", "public", "rooms", {|#0:"id=in.(" + ids + ")"|});
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(FilterInColumn("\"id=in.(\" + ids + \")\"")));

        [Fact]
        public Task Reports_a_column_without_a_value()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase;
                using Supabase.Realtime;

                namespace Chat.Rooms
                {
                    public sealed class MessageFeed
                    {
                        private readonly Supabase.Client client;

                        public MessageFeed(Supabase.Client client) => this.client = client;

                        public RealtimeChannel Open() => client.Realtime.Channel("realtime", "public", "messages", {|#0:"room_id"|});
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(ColumnWithoutValue("\"room_id\"")));

        [Fact]
        public Task Reports_a_value_without_a_column()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime;

                namespace Chat.Rooms
                {
                    public sealed class MessageFeed
                    {
                        private readonly Client realtime;

                        public MessageFeed(Client realtime) => this.realtime = realtime;

                        public RealtimeChannel Open(string roomId) => realtime.Channel(table: "messages", value: {|#0:roomId|});
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(ValueWithoutColumn("roomId")));

        [Fact]
        public Task Reports_a_channel_name_with_the_realtime_prefix()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase;

                namespace Chat.Presence
                {
                    public sealed class LobbyPresence
                    {
                        private readonly Client client;

                        public LobbyPresence(Client client) => this.client = client;

                        public Task JoinAsync() => client.Realtime.Channel({|#0:"realtime:lobby"|}).Subscribe();
                    }
                }
                """,
                SdkVersion.Supabase111,
                Verify.Diagnostic().WithLocation(0).WithArguments(RealtimePrefix("\"realtime:lobby\"")));

        private static string AlsoCreated(string name, string kind, int line)
            => $"the channel \"{name}\" is also created as a {kind} channel on line {line} of this client, and the client caches channels by name alone: whichever Channel() runs first decides, so this call may get a {kind} channel; give the two channels different names";

        // 7.4: Channel(name, ChannelOptions) caches by name alone: a private and a public channel of one name are one instance.
        [Fact]
        public Task Reports_a_private_and_a_public_channel_of_one_name_on_one_client()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using Supabase.Realtime;
                using Supabase.Realtime.Channel;

                namespace Chat.Rooms
                {
                    public sealed class RoomChannels
                    {
                        private readonly Client realtime;

                        public RoomChannels(Client realtime) => this.realtime = realtime;

                        public RealtimeChannel Staff(Func<string?> token)
                            => realtime.Channel("room-1", ChannelOptions.Private(realtime.Options, token, realtime.SerializerSettings));

                        public RealtimeChannel Visitors() => {|#0:realtime.Channel("room-1")|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(AlsoCreated("room-1", "private", 14)));

        [Fact]
        public Task Ignores_private_and_public_channels_of_different_names_or_clients_or_unknown_options()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using Supabase.Realtime;
                using Supabase.Realtime.Channel;

                namespace Chat.Rooms
                {
                    public sealed class RoomChannels
                    {
                        private readonly Client realtime;
                        private readonly Client other;

                        public RoomChannels(Client realtime, Client other)
                        {
                            this.realtime = realtime;
                            this.other = other;
                        }

                        public RealtimeChannel Staff(Func<string?> token)
                            => realtime.Channel("room-1", ChannelOptions.Private(realtime.Options, token, realtime.SerializerSettings));

                        public RealtimeChannel Visitors() => realtime.Channel("room-2");

                        public RealtimeChannel Elsewhere() => other.Channel("room-1");

                        public RealtimeChannel Same(ChannelOptions options) => realtime.Channel("room-1", options);

                        public RealtimeChannel Again(Func<string?> token)
                            => realtime.Channel("room-1", ChannelOptions.Private(realtime.Options, token, realtime.SerializerSettings));
                    }
                }
                """);

        [Fact]
        public Task Ignores_channel_names_alone_before_realtime_7_4()
            => new Verify.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                    using Supabase.Realtime;

                    namespace Chat.Rooms
                    {
                        public sealed class RoomChannels
                        {
                            private readonly Client realtime;

                            public RoomChannels(Client realtime) => this.realtime = realtime;

                            public RealtimeChannel Staff() => realtime.Channel("room-1");

                            public RealtimeChannel Visitors() => realtime.Channel("room-1");
                        }
                    }
                    """,
                FixedCode = """
                    using Supabase.Realtime;

                    namespace Chat.Rooms
                    {
                        public sealed class RoomChannels
                        {
                            private readonly Client realtime;

                            public RoomChannels(Client realtime) => this.realtime = realtime;

                            public RealtimeChannel Staff() => realtime.Channel("room-1");

                            public RealtimeChannel Visitors() => realtime.Channel("room-1");
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_a_channel_name_with_the_realtime_prefix_from_realtime_7_4()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase;
                using Supabase.Realtime.Channel;
                using RealtimeChannel = Supabase.Realtime.RealtimeChannel;

                namespace Chat.Presence
                {
                    public sealed class LobbyPresence
                    {
                        private const string Lobby = "realtime:lobby";

                        private readonly Client client;

                        public LobbyPresence(Client client) => this.client = client;

                        // 7.4 uses a name that already starts with "realtime:" as it is: the topic is realtime:lobby.
                        public Task JoinAsync() => client.Realtime.Channel("realtime:lobby").Subscribe();

                        public RealtimeChannel Room(int roomId, ChannelOptions options) => client.Realtime.Channel($"realtime:room:{roomId}", options);

                        public RealtimeChannel Main() => client.Realtime.Channel(Lobby);
                    }
                }
                """);

        [Fact]
        public Task Reports_an_interpolated_or_constant_channel_name_with_the_realtime_prefix()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime;

                namespace Chat.Presence
                {
                    public sealed class RoomPresence
                    {
                        private const string Lobby = "realtime:lobby";

                        private readonly Client realtime;

                        public RoomPresence(Client realtime) => this.realtime = realtime;

                        public RealtimeChannel Room(int roomId) => realtime.Channel({|#0:$"realtime:room:{roomId}"|});

                        public RealtimeChannel Main() => realtime.Channel({|#1:Lobby|});
                    }
                }
                """,
                SdkVersion.Supabase111,
                Verify.Diagnostic().WithLocation(0).WithArguments(RealtimePrefix("$\"realtime:room:{roomId}\"")),
                Verify.Diagnostic().WithLocation(1).WithArguments(RealtimePrefix("\"realtime:lobby\"")));

        [Fact]
        public Task Reports_another_operator_written_into_value()
            => Verify.VerifyAnalyzerAsync("""
                                using Supabase.Realtime;

                namespace Shop.Stock
                {
                    public sealed class LowStockFeed
                    {
                        private readonly Supabase.Client client;

                        public LowStockFeed(Supabase.Client client) => this.client = client;

                        public RealtimeChannel Open(int threshold)
                            => client.Realtime.Channel("realtime", "public", "products", "stock", {|#0:$"lt.{threshold}"|});

                        public RealtimeChannel Expensive() => client.Realtime.Channel("realtime", "public", "products", "price", {|#1:"gte.100"|});
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(OperatorInValue("$\"lt.{threshold}\"", "lt")),
                Verify.Diagnostic().WithLocation(1).WithArguments(OperatorInValue("\"gte.100\"", "gte")));

        [Fact]
        public Task Reports_only_the_first_case_that_applies()
            => Verify.VerifyAnalyzerAsync("""
                                using Supabase.Realtime;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly Supabase.Client client;

                        public RoomFeed(Supabase.Client client) => this.client = client;

                        // A filter in column and no value: the filter case is named.
                        public RealtimeChannel Open() => client.Realtime.Channel("realtime", "public", "messages", {|#0:"room_id=gt.5"|});
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(FilterInColumn("\"room_id=gt.5\"")));

        // With a value too, the filter is not dropped: Channel(database, schema, table, column, value) sends
        // $"{column}=eq.{value}", so the filter in column gets a second "=eq." and the value.
        [Fact]
        public Task Reports_a_filter_in_column_with_a_value_as_the_filter_the_sdk_sends()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using Supabase.Realtime;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly Supabase.Client client;

                        public RoomFeed(Supabase.Client client) => this.client = client;

                        public RealtimeChannel Lobby() => client.Realtime.Channel("realtime", "public", "messages", {|#0:"room_id=eq.42"|}, "42");

                        public RealtimeChannel Inbox(Guid userId)
                            => client.Realtime.Channel("realtime", "public", "messages", {|#1:$"user_id=eq.{userId}"|}, userId.ToString());

                        public RealtimeChannel Thread(string threadId)
                            => client.Realtime.Channel("realtime", "public", "messages", column: {|#2:"thread_id=eq." + threadId|}, value: threadId);
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(FilterInColumnWithValue("\"room_id=eq.42\"", "room_id=eq.42=eq.42")),
                Verify.Diagnostic().WithLocation(1).WithArguments(FilterInColumnWithValue("$\"user_id=eq.{userId}\"", "user_id=eq.{userId}=eq.{userId.ToString()}")),
                Verify.Diagnostic().WithLocation(2).WithArguments(FilterInColumnWithValue("\"thread_id=eq.\" + threadId", "thread_id=eq.{threadId}=eq.{threadId}")));

        [Fact]
        public Task Reports_another_operator_in_column_with_a_value_on_supabase_1_1()
            => new AnalyzerVerify.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                    using Supabase.Realtime;

                    namespace Shop.Stock
                    {
                        public sealed class ProductFeed
                        {
                            private readonly Client realtime;

                            public ProductFeed(Client realtime) => this.realtime = realtime;

                            public RealtimeChannel Expensive() => realtime.Channel("realtime", "public", "products", {|#0:"price=gte.100"|}, "100");
                        }
                    }
                    """,
                ExpectedDiagnostics = { AnalyzerVerify.Diagnostic().WithLocation(0).WithArguments(FilterInColumnWithValue("\"price=gte.100\"", "price=gte.100=eq.100", "gte")) },
            }.RunAsync();

        [Fact]
        public Task Reports_on_the_legacy_realtime_shape()
            => new AnalyzerVerify.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using Supabase.Realtime;

                    namespace Legacy.Feeds
                    {
                        public sealed class Feed
                        {
                            private readonly Client realtime = new Client("wss://example.supabase.co/realtime/v1");

                            public RealtimeChannel Open() => realtime.Channel([|"realtime:feed"|]);
                        }
                    }
                    """,
            }.RunAsync();

        // ---- Ignores ----

        [Fact]
        public Task Ignores_a_plain_channel_name()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly Client client;

                        public RoomFeed(Client client) => this.client = client;

                        public Task JoinAsync() => client.Realtime.Channel("room:1").Subscribe();

                        public Task JoinNestedAsync() => client.Realtime.Channel("chat:realtime:1").Subscribe();
                    }
                }
                """);

        // A column name with a value is the filter the SDK builds itself, whatever the value's text (an '=' included).
        [Fact]
        public Task Ignores_a_column_name_with_a_value_that_contains_an_equals_sign()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime;

                namespace Chat.Rooms
                {
                    public sealed class TagFeed
                    {
                        private readonly Client realtime;

                        public TagFeed(Client realtime) => this.realtime = realtime;

                        public RealtimeChannel Open() => realtime.Channel("realtime", "public", "tags", "label", "a=b");

                        public RealtimeChannel Named(string label) => realtime.Channel(table: "tags", column: "label", value: label, schema: "public");
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_filter_passed_to_postgres_changes_options_beside_the_table_channel()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                namespace Shop.Stock
                {
                    public sealed class ProductFeed
                    {
                        private readonly Client realtime;

                        public ProductFeed(Client realtime) => this.realtime = realtime;

                        public RealtimeChannel Expensive(IRealtimeChannelHandlers handlers)
                        {
                            var channel = realtime.Channel("expensive-products");
                            channel.OnPostgresChange(handlers.OnChange, PostgresChangesOptions.ListenType.All,
                                new PostgresChangesFilter { Table = "products", Filter = "price=gte.100" });
                            return channel;
                        }
                    }

                    public interface IRealtimeChannelHandlers
                    {
                        void OnChange(Supabase.Realtime.Interfaces.IRealtimeChannel sender, PostgresChangesResponse change);
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_correct_column_and_value()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                                using Supabase.Realtime;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly Supabase.Client client;

                        public RoomFeed(Supabase.Client client) => this.client = client;

                        public RealtimeChannel Open(Guid userId)
                            => client.Realtime.Channel("realtime", "public", "messages", "user_id", userId.ToString());

                        public RealtimeChannel OpenNamed(string roomId)
                            => client.Realtime.Channel(table: "messages", column: "room_id", value: roomId);
                    }
                }
                """);

        [Fact]
        public Task Ignores_arguments_that_are_not_constants()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime;

                namespace Chat.Rooms
                {
                    public sealed class ChannelFactory
                    {
                        private readonly Client realtime;

                        public ChannelFactory(Client realtime) => this.realtime = realtime;

                        public RealtimeChannel Named(string name) => realtime.Channel(name);

                        public RealtimeChannel Filtered(string table, string column, string value)
                            => realtime.Channel("realtime", "public", table, column, value);

                        public RealtimeChannel Prefixed(string prefix, string name) => realtime.Channel(prefix + name);
                    }
                }
                """);

        [Fact]
        public Task Ignores_eq_and_plain_text_in_value()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime;

                namespace Shop.Stock
                {
                    public sealed class ProductFeed
                    {
                        private readonly Client realtime;

                        public ProductFeed(Client realtime) => this.realtime = realtime;

                        public RealtimeChannel Sku() => realtime.Channel("realtime", "public", "products", "sku", "item.5");

                        public RealtimeChannel Version() => realtime.Channel("realtime", "public", "products", "version", "v1.2");

                        public RealtimeChannel Written() => realtime.Channel("realtime", "public", "products", "id", "eq.5");
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_table_channel_without_a_filter()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime;

                namespace Shop.Stock
                {
                    public sealed class ProductFeed
                    {
                        private readonly Client realtime;

                        public ProductFeed(Client realtime) => this.realtime = realtime;

                        public RealtimeChannel All() => realtime.Channel("realtime", "public", "products");

                        public RealtimeChannel Defaults() => realtime.Channel();

                        public RealtimeChannel Nulls() => realtime.Channel("realtime", "public", "products", null, null);
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_look_alike_channel_method()
            => Verify.VerifyAnalyzerAsync("""
                namespace Chat.Fakes
                {
                    public sealed class FakeRealtime
                    {
                        public object Channel(string name) => name;

                        public object Channel(string database, string schema, string table, string? column = null, string? value = null) => table;
                    }

                    public static class Uses
                    {
                        public static object A(FakeRealtime realtime) => realtime.Channel("realtime:room");

                        public static object B(FakeRealtime realtime) => realtime.Channel("realtime", "public", "messages", "room_id=eq.1");
                    }
                }
                """);

        [Fact]
        public Task Ignores_half_typed_calls()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly Client realtime;

                        public RoomFeed(Client realtime) => this.realtime = realtime;

                        public RealtimeChannel A() => realtime.{|CS1501:Channel|}("realtime", "public", "messages", "room_id=eq.1", "1", null, 5);

                        public RealtimeChannel B() => realtime.Channel("realtime", "public", "messages", column: {|CS0103:missing|});

                        public void C() => realtime.Channel("room:1"{|CS1026:|}{|CS1002:|}
                    }
                }
                """);

        [Fact]
        public Task Ignores_code_without_the_sdk()
            => new AnalyzerVerify.Test
            {
                Sdk = SdkVersion.None,
                TestCode = """
                    namespace Tools
                    {
                        public sealed class Client
                        {
                            public object Channel(string name) => name;
                        }

                        public static class Uses
                        {
                            public static object A(Client client) => client.Channel("realtime:room");
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_named_arguments_in_any_order()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly Client realtime;

                        public RoomFeed(Client realtime) => this.realtime = realtime;

                        public RealtimeChannel Open(string roomId)
                            => realtime.Channel(value: roomId, column: "room_id", table: "messages", schema: "public");
                    }
                }
                """);

        [Fact]
        public Task Ignores_other_members_of_the_client_and_the_channel()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly Client realtime;

                        public RoomFeed(Client realtime) => this.realtime = realtime;

                        public Task<bool> AnnounceAsync(RealtimeChannel channel)
                        {
                            realtime.SetAuth("realtime:token");
                            channel.Push("realtime:ping", "room_id=eq.1");
                            return channel.Send(Constants.ChannelEventName.Broadcast, "realtime:note", new { column = "room_id=eq.1" });
                        }
                    }
                }
                """);

        // ---- Fixes ----

        [Fact]
        public Task Fix_splits_a_constant_filter()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;
                using Supabase;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly Client client;

                        public RoomFeed(Client client) => this.client = client;

                        public Task StartAsync()
                        {
                            var channel = client.Realtime.Channel("realtime", "public", "messages", [|"room_id=eq.42"|]);
                            return channel.Subscribe();
                        }
                    }
                }
                """, """
                using System.Threading.Tasks;
                using Supabase;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly Client client;

                        public RoomFeed(Client client) => this.client = client;

                        public Task StartAsync()
                        {
                            var channel = client.Realtime.Channel("realtime", "public", "messages", "room_id", "42");
                            return channel.Subscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_splits_an_interpolated_filter_and_keeps_the_hole()
            => Verify.VerifyCodeFixAsync("""
                using Supabase.Realtime;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly Client realtime;

                        public RoomFeed(Client realtime) => this.realtime = realtime;

                        public RealtimeChannel ByUser(string userId) => realtime.Channel("realtime", "public", "messages", [|$"user_id=eq.{userId}"|]);

                        public RealtimeChannel ByRoom(int roomId) => realtime.Channel("realtime", "public", "messages", [|$"room_id=eq.{roomId}"|], null);

                        public RealtimeChannel ByThread(string threadId) => realtime.Channel("realtime", "public", "messages", [|$"thread=eq.t-{threadId}"|]);
                    }
                }
                """, """
                using Supabase.Realtime;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly Client realtime;

                        public RoomFeed(Client realtime) => this.realtime = realtime;

                        public RealtimeChannel ByUser(string userId) => realtime.Channel("realtime", "public", "messages", "user_id", userId);

                        public RealtimeChannel ByRoom(int roomId) => realtime.Channel("realtime", "public", "messages", "room_id", $"{roomId}");

                        public RealtimeChannel ByThread(string threadId) => realtime.Channel("realtime", "public", "messages", "thread", $"t-{threadId}");
                    }
                }
                """);

        [Fact]
        public Task Fix_gives_a_named_column_a_named_value()
            => Verify.VerifyCodeFixAsync("""
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly IRealtimeClient<RealtimeSocket, RealtimeChannel> realtime;

                        public RoomFeed(IRealtimeClient<RealtimeSocket, RealtimeChannel> realtime) => this.realtime = realtime;

                        public RealtimeChannel Open(string roomId) => realtime.Channel(table: "messages", column: [|"room_id=eq." + roomId|]);
                    }
                }
                """, """
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly IRealtimeClient<RealtimeSocket, RealtimeChannel> realtime;

                        public RoomFeed(IRealtimeClient<RealtimeSocket, RealtimeChannel> realtime) => this.realtime = realtime;

                        public RealtimeChannel Open(string roomId) => realtime.Channel(table: "messages", column: "room_id", value: roomId);
                    }
                }
                """);

        [Fact]
        public Task Fix_fills_a_written_null_value_and_keeps_later_arguments()
            => Verify.VerifyCodeFixAsync("""
                using System.Collections.Generic;
                using Supabase.Realtime;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly Client realtime;

                        public RoomFeed(Client realtime) => this.realtime = realtime;

                        public RealtimeChannel Open(Dictionary<string, string> parameters)
                            => realtime.Channel("realtime", "public", "messages", [|"room_id=eq.42"|], null, parameters);

                        public RealtimeChannel OpenNamed(Dictionary<string, string> parameters)
                            => realtime.Channel("realtime", "public", "messages", [|"room_id=eq.7"|], parameters: parameters);
                    }
                }
                """, """
                using System.Collections.Generic;
                using Supabase.Realtime;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly Client realtime;

                        public RoomFeed(Client realtime) => this.realtime = realtime;

                        public RealtimeChannel Open(Dictionary<string, string> parameters)
                            => realtime.Channel("realtime", "public", "messages", "room_id", "42", parameters);

                        public RealtimeChannel OpenNamed(Dictionary<string, string> parameters)
                            => realtime.Channel("realtime", "public", "messages", "room_id", "7", parameters: parameters);
                    }
                }
                """);

        [Fact]
        public Task Fix_strips_the_realtime_prefix()
            => new Verify.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                using System.Threading.Tasks;
                using Supabase;

                namespace Chat.Presence
                {
                    public sealed class Presence
                    {
                        private readonly Client client;

                        public Presence(Client client) => this.client = client;

                        public Task LobbyAsync() => client.Realtime.Channel([|"realtime:lobby"|]).Subscribe();

                        public Task RoomAsync(int roomId) => client.Realtime.Channel([|$"realtime:room:{roomId}"|]).Subscribe();

                        public Task NamedAsync(string name) => client.Realtime.Channel([|"realtime:" + name|]).Subscribe();

                        public Task VerbatimAsync(string name) => client.Realtime.Channel([|$@"realtime:{name}"|]).Subscribe();
                    }
                }
                """,
                FixedCode = """
                using System.Threading.Tasks;
                using Supabase;

                namespace Chat.Presence
                {
                    public sealed class Presence
                    {
                        private readonly Client client;

                        public Presence(Client client) => this.client = client;

                        public Task LobbyAsync() => client.Realtime.Channel("lobby").Subscribe();

                        public Task RoomAsync(int roomId) => client.Realtime.Channel($"room:{roomId}").Subscribe();

                        public Task NamedAsync(string name) => client.Realtime.Channel(name).Subscribe();

                        public Task VerbatimAsync(string name) => client.Realtime.Channel($@"{name}").Subscribe();
                    }
                }
                """,
            }.RunAsync();

        // The value is already written and is the filter's own: only the column name is kept, so the SDK sends the
        // filter once. A different value, or one the fix cannot prove equal, keeps its diagnostic and gets no fix.
        [Fact]
        public Task Fix_keeps_only_the_column_name_when_the_filter_value_is_already_written()
            => new Verify.Test
            {
                TestCode = """
                    using System;
                    using Supabase.Realtime;

                    namespace Chat.Rooms
                    {
                        public sealed class RoomFeed
                        {
                            private const string LobbyId = "42";

                            private readonly Client realtime;

                            public RoomFeed(Client realtime) => this.realtime = realtime;

                            public RealtimeChannel Lobby() => realtime.Channel("realtime", "public", "messages", [|"room_id=eq.42"|], LobbyId);

                            public RealtimeChannel Thread(string threadId)
                                => realtime.Channel("realtime", "public", "messages", column: [|"thread_id=eq." + threadId|], value: threadId);

                            public RealtimeChannel Inbox(Guid userId)
                                => realtime.Channel("realtime", "public", "messages", [|$"user_id=eq.{userId}"|], userId.ToString());
                        }
                    }
                    """,
                FixedCode = """
                    using System;
                    using Supabase.Realtime;

                    namespace Chat.Rooms
                    {
                        public sealed class RoomFeed
                        {
                            private const string LobbyId = "42";

                            private readonly Client realtime;

                            public RoomFeed(Client realtime) => this.realtime = realtime;

                            public RealtimeChannel Lobby() => realtime.Channel("realtime", "public", "messages", "room_id", LobbyId);

                            public RealtimeChannel Thread(string threadId)
                                => realtime.Channel("realtime", "public", "messages", column: "thread_id", value: threadId);

                            public RealtimeChannel Inbox(Guid userId)
                                => realtime.Channel("realtime", "public", "messages", [|$"user_id=eq.{userId}"|], userId.ToString());
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Fix_is_not_offered_for_other_operators_missing_values_or_constants_from_elsewhere()
        {
            const string Source = """
                using Supabase.Realtime;

                namespace Shop.Stock
                {
                    public sealed class ProductFeed
                    {
                        private const string Topic = "realtime:stock";

                        private readonly Client realtime;

                        public ProductFeed(Client realtime) => this.realtime = realtime;

                        public RealtimeChannel Cheap() => realtime.Channel("realtime", "public", "products", [|"price=lt.10"|]);

                        public RealtimeChannel Column() => realtime.Channel("realtime", "public", "products", [|"price"|]);

                        public RealtimeChannel Value() => realtime.Channel("realtime", "public", "products", "price", [|"gt.5"|]);

                        public RealtimeChannel Both() => realtime.Channel("realtime", "public", "products", [|"id=eq.1"|], "2");

                        public RealtimeChannel Shared() => realtime.Channel([|Topic|]);

                        public RealtimeChannel Bare() => realtime.Channel([|"realtime:"|]);
                    }
                }
                """;
            return new Verify.Test { Sdk = SdkVersion.Supabase111, TestCode = Source, FixedCode = Source }.RunAsync();
        }

        [Fact]
        public Task Fix_all_fixes_every_call_across_documents()
        {
            var test = new Verify.Test { Sdk = SdkVersion.Supabase111, NumberOfFixAllInDocumentIterations = 3, NumberOfFixAllIterations = 2 };
            test.Sources.Add("""
                using Supabase.Realtime;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly Client realtime;

                        public RoomFeed(Client realtime) => this.realtime = realtime;

                        public RealtimeChannel A() => realtime.Channel("realtime", "public", "messages", [|"room_id=eq.1"|]);

                        public RealtimeChannel B() => realtime.Channel("realtime", "public", "messages", [|"room_id=eq.2"|]);

                        public RealtimeChannel C() => realtime.Channel([|"realtime:lobby"|]);
                    }
                }
                """);
            test.Sources.Add("""
                using Supabase.Realtime;

                namespace Chat.Presence
                {
                    public static class Lobby
                    {
                        public static RealtimeChannel Join(Client realtime) => realtime.Channel([|"realtime:presence"|]);
                    }
                }
                """);
            test.FixedSources.Add("""
                using Supabase.Realtime;

                namespace Chat.Rooms
                {
                    public sealed class RoomFeed
                    {
                        private readonly Client realtime;

                        public RoomFeed(Client realtime) => this.realtime = realtime;

                        public RealtimeChannel A() => realtime.Channel("realtime", "public", "messages", "room_id", "1");

                        public RealtimeChannel B() => realtime.Channel("realtime", "public", "messages", "room_id", "2");

                        public RealtimeChannel C() => realtime.Channel("lobby");
                    }
                }
                """);
            test.FixedSources.Add("""
                using Supabase.Realtime;

                namespace Chat.Presence
                {
                    public static class Lobby
                    {
                        public static RealtimeChannel Join(Client realtime) => realtime.Channel("presence");
                    }
                }
                """);
            return test.RunAsync();
        }
    
        [Fact]
        public Task Ignores_correct_arguments_on_the_legacy_realtime_shape()
            => new CSharpAnalyzerVerifier<SupabaseRealtime.Analyzers.Rules.ChannelArgumentsMisplacedAnalyzer>.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using Supabase.Realtime;

                    namespace Chat.Legacy
                    {
                        public sealed class LegacyRoom
                        {
                            private readonly Client realtime;

                            public LegacyRoom(Client realtime) => this.realtime = realtime;

                            public RealtimeChannel Messages(int roomId) => realtime.Channel("realtime", "public", "messages", "room_id", roomId.ToString());

                            public RealtimeChannel Lobby() => realtime.Channel("lobby");
                        }
                    }
                    """,
            }.RunAsync();
}
}
