using System.Threading.Tasks;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using Verify = SupabaseRealtime.Analyzers.Tests.Verification.CSharpCodeFixVerifier<
    SupabaseRealtime.Analyzers.Rules.UnsubscribeKeepsChannelCachedAnalyzer,
    SupabaseRealtime.Analyzers.CodeFixes.Rules.UnsubscribeKeepsChannelCachedCodeFixProvider>;

namespace SupabaseRealtime.Analyzers.Tests.Rules
{
    /// <summary>
    /// SRT007 on channels kept in collection fields: the elements are one slot of the collection, judged like a field
    /// and named by the collection's name. Only what the rule reports for the equivalent single-field shape.
    /// </summary>
    public class SRT007CollectionTests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.ComponentModel;
            using System.Linq;
            using System.Threading;
            using System.Threading.Tasks;
            using Supabase.Postgrest.Models;
            using Supabase.Realtime;
            using Supabase.Realtime.Interfaces;
            using Supabase.Realtime.PostgresChanges;

            """;

        private const string Paired = "the handlers added first keep running and the ones added again are dropped";

        private static DiagnosticResult Expected(string channel, string member, string suffix = "")
            => Verify.Diagnostic().WithLocation(0).WithArguments(channel, member, suffix, Paired);

        /// <summary>A chat service with one channel per room, set up in <c>JoinAsync</c>; TEARDOWN goes in <c>Dispose</c>.</summary>
        private const string ChatService = Usings + """
            namespace Demo
            {
                public sealed class ChatService : IDisposable
                {
                    private readonly Supabase.Client _supabase;
                    private readonly List<RealtimeChannel> _roomChannels = new();

                    public ChatService(Supabase.Client supabase) => _supabase = supabase;

                    public event Action<string>? MessageArrived;

                    public async Task JoinAsync()
                    {
                        _roomChannels.Add(_supabase.Realtime.Channel("room:lobby"));
                        _roomChannels.Add(_supabase.Realtime.Channel("room:support"));
                        foreach (var room in _roomChannels)
                        {
                            room.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => MessageArrived?.Invoke(room.Topic));
                            await room.Subscribe();
                        }
                    }

                    public void Dispose()
                    {
                        TEARDOWN
                    }
                }
            }
            """;

        [Fact]
        public Task Reports_chat_service_that_only_unsubscribes_its_room_channels_in_a_loop()
            => Verify.VerifyAnalyzerAsync(
                ChatService.Replace("TEARDOWN", "foreach (var room in _roomChannels) {|#0:room.Unsubscribe()|};"),
                Expected("_roomChannels", "JoinAsync", " to the next ChatService"));

        [Fact]
        public Task Fix_removes_each_room_channel_from_the_client_in_the_loop()
            => Verify.VerifyCodeFixAsync(
                ChatService.Replace("TEARDOWN", "foreach (var room in _roomChannels) {|#0:room.Unsubscribe()|};"),
                Expected("_roomChannels", "JoinAsync", " to the next ChatService"),
                ChatService.Replace("TEARDOWN", "foreach (var room in _roomChannels) _supabase.Realtime.Remove(room);"));

        [Theory]
        [InlineData("foreach (var room in _roomChannels) { room.Unsubscribe(); _supabase.Realtime.Remove(room); }")]
        [InlineData("foreach (var room in _roomChannels) room.Unsubscribe(); _roomChannels.ForEach(_supabase.Realtime.Remove);")]
        [InlineData("_roomChannels.ForEach(room => room.Unsubscribe()); _roomChannels.ForEach(room => _supabase.Realtime.Remove(room));")]
        public Task Ignores_chat_service_that_also_removes_its_room_channels(string teardown)
            => Verify.VerifyAnalyzerAsync(ChatService.Replace("TEARDOWN", teardown));

        [Fact]
        public Task Ignores_chat_service_that_hands_its_room_channels_to_another_object()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class RoomJanitor
                    {
                        public RoomJanitor(IEnumerable<RealtimeChannel> rooms) => Rooms = rooms;

                        public IEnumerable<RealtimeChannel> Rooms { get; }
                    }

                    public sealed class ChatService : IDisposable
                    {
                        private readonly Supabase.Client _supabase;
                        private readonly List<RealtimeChannel> _roomChannels = new();

                        public ChatService(Supabase.Client supabase) => _supabase = supabase;

                        public RoomJanitor? Janitor { get; private set; }

                        public async Task JoinAsync()
                        {
                            _roomChannels.Add(_supabase.Realtime.Channel("room:lobby"));
                            foreach (var room in _roomChannels)
                            {
                                room.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => Console.WriteLine(room.Topic));
                                await room.Subscribe();
                            }

                            Janitor = new RoomJanitor(_roomChannels);
                        }

                        public void Dispose()
                        {
                            foreach (var room in _roomChannels) room.Unsubscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_chat_service_whose_room_channels_come_from_outside()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class ChatService : IDisposable
                    {
                        private readonly List<RealtimeChannel> _roomChannels = new();

                        public async Task AttachAsync(RealtimeChannel lobby)
                        {
                            _roomChannels.Add(lobby);
                            lobby.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => Console.WriteLine(lobby.Topic));
                            await lobby.Subscribe();
                        }

                        public void Dispose()
                        {
                            foreach (var room in _roomChannels) room.Unsubscribe();
                        }
                    }
                }
                """);

        // The topics are not constant: as for a single field (SRT007Tests.Ignores_topics_that_are_not_constant), the rule
        // cannot tell that the next Channel(...) call names a cached instance.
        [Fact]
        public Task Ignores_room_channels_created_in_a_loop_from_topics_that_are_not_constant()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class ChatService : IDisposable
                    {
                        private readonly Supabase.Client _supabase;
                        private readonly List<string> _topics = new() { "lobby", "support" };
                        private readonly List<RealtimeChannel> _roomChannels = new();

                        public ChatService(Supabase.Client supabase) => _supabase = supabase;

                        public async Task JoinAsync()
                        {
                            foreach (var topic in _topics)
                            {
                                var room = _supabase.Realtime.Channel("room:" + topic);
                                room.AddStateChangedHandler((sender, state) => Console.WriteLine(topic));
                                _roomChannels.Add(room);
                                await room.Subscribe();
                            }
                        }

                        public void Dispose()
                        {
                            foreach (var room in _roomChannels) room.Unsubscribe();
                        }
                    }
                }
                """);

        // A list of topics is not a list of channels: Channel(topic).Unsubscribe() is the single-channel shape, whose
        // topic is not constant.
        [Fact]
        public Task Ignores_a_list_of_topic_names()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class TopicWatcher : IDisposable
                    {
                        private readonly Client _realtime;
                        private readonly List<string> _topics = new();

                        public TopicWatcher(Client realtime) => _realtime = realtime;

                        public async Task WatchAsync(string topic)
                        {
                            _topics.Add(topic);
                            var channel = _realtime.Channel(topic);
                            channel.AddStateChangedHandler((sender, state) => Console.WriteLine(topic));
                            await channel.Subscribe();
                        }

                        public void Dispose()
                        {
                            foreach (var topic in _topics) _realtime.Channel(topic).Unsubscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_singleton_presence_hub_that_sets_up_its_channels_once()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class PresenceHub
                    {
                        private readonly RealtimeChannel[] _channels;

                        public PresenceHub(Client realtime)
                        {
                            _channels = new[] { realtime.Channel("presence:eu"), realtime.Channel("presence:us") };
                            foreach (var channel in _channels)
                            {
                                channel.AddStateChangedHandler((sender, state) => Console.WriteLine(channel.Topic));
                                _ = channel.Subscribe();
                            }
                        }

                        public void Stop()
                        {
                            foreach (var channel in _channels) channel.Unsubscribe();
                        }
                    }
                }
                """);

        /// <summary>A dashboard view model with an array of feeds that it shows and hides.</summary>
        [Fact]
        public Task Reports_dashboard_that_hides_its_feeds_and_takes_them_again_when_shown()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class DashboardViewModel : INotifyPropertyChanged
                    {
                        private readonly Client _realtime;
                        private readonly RealtimeChannel[] _feeds = new RealtimeChannel[2];

                        public DashboardViewModel(Client realtime) => _realtime = realtime;

                        public event PropertyChangedEventHandler? PropertyChanged;

                        public async Task ShowAsync()
                        {
                            var shownAt = DateTime.UtcNow;
                            _feeds[0] = _realtime.Channel("orders");
                            _feeds[1] = _realtime.Channel("stock");
                            foreach (var feed in _feeds)
                            {
                                feed.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => Console.WriteLine(shownAt));
                                await feed.Subscribe();
                            }
                        }

                        public void Hide()
                        {
                            foreach (var feed in _feeds)
                            {
                                {|#0:feed.Unsubscribe()|};
                            }
                        }
                    }
                }
                """,
                Expected("_feeds", "ShowAsync"));

        /// <summary>A dashboard keeping its panels' channels by name; PAUSE pauses one.</summary>
        private const string PanelBoard = Usings + """
            namespace Demo
            {
                public sealed class PanelBoard
                {
                    private readonly Client _realtime;
                    private readonly Dictionary<string, RealtimeChannel> _panels = new();

                    public PanelBoard(Client realtime) => _realtime = realtime;

                    public async Task ShowAsync()
                    {
                        var shownAt = DateTime.UtcNow;
                        _panels["orders"] = _realtime.Channel("orders");
                        _panels["stock"] = _realtime.Channel("stock");
                        foreach (var panel in _panels.Values)
                        {
                            panel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, HANDLER);
                            await panel.Subscribe();
                        }
                    }

                    public void Pause(string name)
                    {
                        PAUSE
                    }

                    private void Refresh(IRealtimeChannel sender, PostgresChangesResponse change) => Console.WriteLine(change.Event);
                }
            }
            """;

        [Theory]
        [InlineData("if (_panels.TryGetValue(name, out var panel)) {|#0:panel.Unsubscribe()|};")]
        [InlineData("{|#0:_panels[name].Unsubscribe()|};")]
        [InlineData("foreach (var pair in _panels) {|#0:pair.Value.Unsubscribe()|};")]
        public Task Reports_panel_board_that_pauses_a_panel_looked_up_by_name_and_shows_it_again(string pause)
            => Verify.VerifyAnalyzerAsync(
                PanelBoard.Replace("HANDLER", "(sender, change) => Console.WriteLine(shownAt)").Replace("PAUSE", pause),
                Expected("_panels", "ShowAsync"));

        // The single-field pause and resume with equal delegates (SRT007Tests.Ignores_a_pause_and_resume_of_one_behaviour_with_equal_delegates):
        // the handler added again is equal to the first, so on 6.0+ nothing changes.
        [Theory]
        [InlineData("Refresh")]
        [InlineData("(sender, change) => Console.WriteLine(\"changed\")")]
        public Task Ignores_panel_board_that_shows_its_panels_again_with_equal_handlers(string handler)
            => Verify.VerifyAnalyzerAsync(
                PanelBoard.Replace("HANDLER", handler).Replace("PAUSE", "if (_panels.TryGetValue(name, out var panel)) panel.Unsubscribe();"));

        [Theory]
        [InlineData("foreach (var panel in _panels.Values) { panel.Unsubscribe(); _realtime.Remove(panel); }")]
        [InlineData("foreach (var panel in _panels.Values.ToList()) _realtime.Remove(panel);")]
        public Task Ignores_panel_board_that_removes_its_panels_through_the_values(string pause)
            => Verify.VerifyAnalyzerAsync(
                PanelBoard.Replace("HANDLER", "(sender, change) => Console.WriteLine(shownAt)").Replace("PAUSE", pause));

        [Fact]
        public Task Ignores_panel_board_whose_paused_panel_is_handed_to_a_tracker()
            => Verify.VerifyAnalyzerAsync(
                PanelBoard.Replace("HANDLER", "(sender, change) => Console.WriteLine(shownAt)")
                    .Replace("PAUSE", "if (_panels.TryGetValue(name, out var panel)) { panel.Unsubscribe(); Paused.Add(panel); }")
                    .Replace("public PanelBoard(Client realtime)", "public List<IRealtimeChannel> Paused { get; } = new();\n\n        public PanelBoard(Client realtime)"));

        [Fact]
        public Task Reports_unity_behaviour_that_unsubscribes_its_channel_list_in_on_disable()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public class MatchFeed : UnityEngine.MonoBehaviour
                    {
                        private readonly List<RealtimeChannel> _channels = new();
                        private Client _realtime = default!;

                        private void Awake()
                        {
                            _realtime = new Client("wss://example.supabase.co/realtime/v1");
                        }

                        private async void OnEnable()
                        {
                            var enabledAt = DateTime.UtcNow;
                            _channels.Add(_realtime.Channel("match:scores"));
                            _channels.Add(_realtime.Channel("match:chat"));
                            foreach (var channel in _channels)
                            {
                                channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => Console.WriteLine(enabledAt));
                                await channel.Subscribe();
                            }
                        }

                        private void OnDisable()
                        {
                            _channels.ForEach(channel => {|#0:channel.Unsubscribe()|});
                            _channels.Clear();
                        }
                    }
                }
                """,
                Expected("_channels", "OnEnable"));

        [Fact]
        public Task Ignores_unity_behaviour_whose_channels_have_no_handlers()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public class Heartbeats : UnityEngine.MonoBehaviour
                    {
                        private readonly List<RealtimeChannel> _channels = new();
                        private Client _realtime = default!;

                        private void Awake()
                        {
                            _realtime = new Client("wss://example.supabase.co/realtime/v1");
                        }

                        private async void OnEnable()
                        {
                            _channels.Add(_realtime.Channel("heartbeat:eu"));
                            foreach (var channel in _channels)
                            {
                                await channel.Subscribe();
                            }
                        }

                        private void OnDisable()
                        {
                            _channels.ForEach(channel => channel.Unsubscribe());
                            _channels.Clear();
                        }
                    }
                }
                """);
    }
}
