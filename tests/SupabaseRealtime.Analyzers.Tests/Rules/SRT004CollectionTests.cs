using System.Threading.Tasks;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using Verify = SupabaseRealtime.Analyzers.Tests.Verification.CSharpCodeFixVerifier<
    SupabaseRealtime.Analyzers.Rules.SubscriptionNeverReleasedAnalyzer,
    SupabaseRealtime.Analyzers.CodeFixes.Rules.SubscriptionNeverReleasedCodeFixProvider>;

namespace SupabaseRealtime.Analyzers.Tests.Rules
{
    /// <summary>
    /// SRT004 on channels kept in collection fields and subscribed through the collection (a loop variable, a lambda
    /// parameter, an element access, a lookup): the elements are one slot of the collection, released when the type
    /// releases its elements, and the message names the collection. No fix for collections.
    /// </summary>
    public class SRT004CollectionTests
    {
        private const string Usings = """
            using System;
            using System.Collections.Generic;
            using System.ComponentModel;
            using System.Linq;
            using System.Threading.Tasks;
            using Supabase.Realtime;
            using Supabase.Realtime.Interfaces;
            using Supabase.Realtime.PostgresChanges;

            """;

        private static DiagnosticResult Expected(string channel, string type, string advice)
            => Verify.Diagnostic().WithLocation(0).WithArguments(channel, type, advice);

        /// <summary>A Unity behaviour that creates its channels one by one and subscribes them in a loop; TEARDOWN in OnDestroy.</summary>
        private const string MatchFeed = Usings + """
            namespace Demo
            {
                public class MatchFeed : UnityEngine.MonoBehaviour
                {
                    private readonly List<RealtimeChannel> _channels = new();
                    private Supabase.Client _supabase = default!;

                    public void Init(Supabase.Client supabase) => _supabase = supabase;

                    private async void Start()
                    {
                        _channels.Add(_supabase.Realtime.Channel("match:scores"));
                        _channels.Add(_supabase.Realtime.Channel("match:chat"));
                        foreach (var channel in _channels)
                        {
                            channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => Console.WriteLine(channel.Topic));
                            await {|#0:channel.Subscribe()|};
                        }
                    }

                    private void OnDestroy()
                    {
                        TEARDOWN
                    }
                }
            }
            """;

        [Fact]
        public Task Reports_unity_behaviour_that_never_releases_its_channel_list()
            => Verify.VerifyAnalyzerAsync(
                MatchFeed.Replace("TEARDOWN", "_channels.Clear();"),
                Expected("_channels", "MatchFeed", "unsubscribe or Remove it in OnDestroy"));

        [Theory]
        [InlineData("foreach (var channel in _channels) channel.Unsubscribe();")]
        [InlineData("foreach (var channel in _channels) { channel.Unsubscribe(); _supabase.Realtime.Remove(channel); }")]
        [InlineData("_channels.ForEach(_supabase.Realtime.Remove); _channels.Clear();")]
        [InlineData("_channels.ForEach(channel => _supabase.Realtime.Remove(channel));")]
        [InlineData("for (var i = 0; i < _channels.Count; i++) _channels[i].Unsubscribe();")]
        public Task Ignores_unity_behaviour_that_releases_its_channel_list(string teardown)
            => Verify.VerifyAnalyzerAsync(MatchFeed.Replace("TEARDOWN", teardown));

        [Fact]
        public Task Ignores_unity_behaviour_that_hands_its_channel_list_to_a_janitor()
            => Verify.VerifyAnalyzerAsync(
                MatchFeed.Replace("TEARDOWN", "ChannelJanitor.ReleaseAll(_channels);")
                    .Replace("public class MatchFeed", "public static class ChannelJanitor\n    {\n        public static void ReleaseAll(List<RealtimeChannel> channels) { }\n    }\n\n    public class MatchFeed"));

        [Fact]
        public Task Ignores_unity_behaviour_whose_channel_list_is_handed_over_element_by_element()
            => Verify.VerifyAnalyzerAsync(
                MatchFeed.Replace("TEARDOWN", "_channels.Clear();")
                    .Replace("await {|#0:channel.Subscribe()|};", "await channel.Subscribe();\n                Tracker.Add(channel);")
                    .Replace("private readonly List<RealtimeChannel> _channels = new();", "private readonly List<RealtimeChannel> _channels = new();\n        public static readonly List<IRealtimeChannel> Tracker = new();"));

        [Fact]
        public Task Reports_dashboard_view_model_subscribing_array_elements_it_never_releases()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class DashboardViewModel : INotifyPropertyChanged, IDisposable
                    {
                        private readonly Client _realtime;
                        private readonly RealtimeChannel[] _feeds = new RealtimeChannel[2];

                        public DashboardViewModel(Client realtime) => _realtime = realtime;

                        public event PropertyChangedEventHandler? PropertyChanged;

                        public async Task LoadAsync()
                        {
                            _feeds[0] = _realtime.Channel("orders");
                            _feeds[1] = _realtime.Channel("stock");
                            _feeds[0].AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs("Orders")));
                            await {|#0:_feeds[0].Subscribe()|};
                        }

                        public void Dispose()
                        {
                            PropertyChanged = null;
                        }
                    }
                }
                """,
                Expected("_feeds", "DashboardViewModel", "unsubscribe or Remove it in Dispose"));

        [Fact]
        public Task Ignores_dashboard_view_model_whose_feeds_come_from_its_caller()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class DashboardViewModel : INotifyPropertyChanged, IDisposable
                    {
                        private RealtimeChannel[] _feeds = new RealtimeChannel[0];

                        public event PropertyChangedEventHandler? PropertyChanged;

                        public async Task LoadAsync(RealtimeChannel[] feeds)
                        {
                            _feeds = feeds;
                            await _feeds[0].Subscribe();
                        }

                        public void Dispose()
                        {
                            PropertyChanged = null;
                        }
                    }
                }
                """);

        /// <summary>A chat room service keeping one channel per room in a dictionary; TEARDOWN in Dispose.</summary>
        private const string RoomService = Usings + """
            namespace Demo
            {
                public sealed class RoomService : IDisposable
                {
                    private readonly Client _realtime;
                    private readonly Dictionary<string, RealtimeChannel> _rooms = new();

                    public RoomService(Client realtime) => _realtime = realtime;

                    public async Task EnterAsync(string room)
                    {
                        if (!_rooms.TryGetValue(room, out var channel))
                        {
                            channel = _realtime.Channel("room:" + room);
                            _rooms[room] = channel;
                        }

                        await {|#0:channel.Subscribe()|};
                    }

                    public void Dispose()
                    {
                        TEARDOWN
                    }
                }
            }
            """;

        [Fact]
        public Task Reports_room_service_whose_looked_up_room_channels_are_never_released()
            => Verify.VerifyAnalyzerAsync(
                RoomService.Replace("TEARDOWN", "_rooms.Clear();"),
                Expected("_rooms", "RoomService", "unsubscribe or Remove it in Dispose"));

        [Theory]
        [InlineData("foreach (var channel in _rooms.Values) _realtime.Remove(channel);")]
        [InlineData("_rooms.Values.ToList().ForEach(_realtime.Remove);")]
        [InlineData("foreach (var pair in _rooms) pair.Value.Unsubscribe();")]
        public Task Ignores_room_service_that_releases_its_room_channels_through_the_values(string teardown)
            => Verify.VerifyAnalyzerAsync(RoomService.Replace("TEARDOWN", teardown).Replace("{|#0:channel.Subscribe()|}", "channel.Subscribe()"));

        [Fact]
        public Task Ignores_a_singleton_room_directory_that_lives_as_long_as_the_app()
            => Verify.VerifyAnalyzerAsync(
                RoomService.Replace("TEARDOWN", "_rooms.Clear();").Replace("{|#0:channel.Subscribe()|}", "channel.Subscribe()")
                    .Replace("public sealed class RoomService : IDisposable", "public sealed class RoomService")
                    .Replace("public void Dispose()", "public void Reset()"));

        [Fact]
        public Task Ignores_a_list_of_topic_names_released_through_channel_calls()
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
                            await _realtime.Channel(topic).Subscribe();
                        }

                        public void Dispose()
                        {
                            foreach (var topic in _topics) _realtime.Remove(_realtime.Channel(topic));
                        }
                    }
                }
                """);
    }
}
