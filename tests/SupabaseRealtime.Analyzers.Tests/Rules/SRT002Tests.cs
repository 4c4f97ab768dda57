using System.Threading.Tasks;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using Verify = SupabaseRealtime.Analyzers.Tests.Verification.CSharpCodeFixVerifier<
    SupabaseRealtime.Analyzers.Rules.ChannelSubscribedMoreThanOnceAnalyzer,
    SupabaseRealtime.Analyzers.CodeFixes.Rules.ChannelSubscribedMoreThanOnceCodeFixProvider>;
using VerifyAnalyzer = SupabaseRealtime.Analyzers.Tests.Verification.CSharpAnalyzerVerifier<
    SupabaseRealtime.Analyzers.Rules.ChannelSubscribedMoreThanOnceAnalyzer>;

namespace SupabaseRealtime.Analyzers.Tests.Rules
{
    /// <summary>SRT002: Channel subscribed more than once.</summary>
    public class SRT002Tests
    {
        private const string LoopReason = "inside a loop while it is obtained outside the loop: once the channel has joined, a later pass's Subscribe() returns at once and sends nothing, and a pass that runs while a join is in flight sends a second join; subscribe once, before the loop";

        private const string Joined = "the channel has joined by then, so this call returns at once and sends nothing; remove it";

        private const string InFlight = "the first join may still be in flight, so this call sends a second join whose replies are handled by the wrong push; await the first Subscribe() and subscribe once";

        private static string HandlerReason(string handler, int line)
            => $"inside its own {handler} (registered on line {line}): it joins again each time the channel closes or fails, the code's own Unsubscribe() or Remove() included, with no limit (the client itself rejoins only after a socket reconnect); rejoin from the code that decides to";

        /// <summary>A repeat after an awaited Subscribe() on <paramref name="line"/>: a no-op.</summary>
        private static string After(int line) => $"after the Subscribe() on line {line}: {Joined}";

        /// <summary>A repeat while the Subscribe() on <paramref name="line"/> may still be joining: a second join.</summary>
        private static string WhileJoining(int line) => $"after the Subscribe() on line {line}: {InFlight}";

        private static string SameInstanceReason(string first, int line, string client, bool awaited = true)
            => $"after the Subscribe() of '{first}' on line {line}: both come from {client}.Channel(...) with the same arguments, which returns one cached instance, so {(awaited ? Joined : InFlight)}";

        // ---- Case 1: twice in one method ------------------------------------------------------

        [Fact]
        public Task Reports_second_subscribe_of_a_field_in_one_method()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class TodoSyncService
                {
                    private readonly Client _realtime;
                    private RealtimeChannel? _channel;

                    public TodoSyncService(Client realtime) => _realtime = realtime;

                    public async Task StartAsync()
                    {
                        _channel = _realtime.Channel("todos");
                        _channel.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.All);
                        await _channel.Subscribe();
                        Log("subscribed");
                        await {|#0:_channel.Subscribe()|};
                    }

                    private static void Log(string message) { }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("_channel", After(16)));

        [Fact]
        public Task Reports_second_subscribe_of_a_local_without_await()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ChatRoom
                {
                    public void Join(Client realtime)
                    {
                        var channel = realtime.Channel("room:lobby");
                        _ = channel.Subscribe();
                        {|#0:channel.Subscribe()|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("channel", WhileJoining(9)));

        [Fact]
        public Task Reports_subscribe_after_a_branch_that_may_have_subscribed()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class PresenceService
                {
                    private readonly Client _realtime;
                    public PresenceService(Client realtime) => _realtime = realtime;

                    public async Task ConnectAsync(bool eager)
                    {
                        var channel = _realtime.Channel("presence");
                        if (eager)
                        {
                            await channel.Subscribe();
                        }

                        await {|#0:channel.Subscribe()|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("channel", After(14)));

        [Fact]
        public Task Reports_when_a_method_called_in_between_releases_nothing()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class FeedViewModel
                {
                    private readonly Client _realtime;
                    private RealtimeChannel? _feed;
                    private int _count;

                    public FeedViewModel(Client realtime) => _realtime = realtime;

                    public async Task LoadAsync()
                    {
                        _feed = _realtime.Channel("feed");
                        await _feed.Subscribe();
                        Refresh();
                        await {|#0:_feed.Subscribe()|};
                    }

                    private void Refresh() => _count++;
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("_feed", After(15)));

        [Fact]
        public Task Reports_twice_inside_one_lambda()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Startup
                {
                    public Func<Task> Build(Client realtime, RealtimeChannel channel)
                        => async () =>
                        {
                            await channel.Subscribe();
                            await {|#0:channel.Subscribe()|};
                        };
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("channel", After(10)));

        [Fact]
        // A failed join leaves the channel unjoined (sdk-behaviour.md section 2): a retry after the failure joins again.
        public Task Ignores_retry_in_catch_after_subscribe_in_try()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Notifications
                {
                    public async Task ListenAsync(Client realtime)
                    {
                        var channel = realtime.Channel("notifications");
                        try
                        {
                            await channel.Subscribe();
                        }
                        catch (TimeoutException)
                        {
                            await channel.Subscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_unsubscribe_between()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ReconnectingFeed
                {
                    private RealtimeChannel? _channel;

                    public async Task ResetAsync(Client realtime)
                    {
                        _channel = realtime.Channel("feed");
                        await _channel.Subscribe();
                        _channel.Unsubscribe();
                        await _channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_remove_between()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class RoomSwitcher
                {
                    public async Task SwitchAsync(Client realtime, RealtimeChannel channel)
                    {
                        await channel.Subscribe();
                        realtime.Remove(channel);
                        await channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_reassignment_between()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class RoomSwitcher
                {
                    private RealtimeChannel? _room;

                    public async Task SwitchAsync(Client realtime, string next)
                    {
                        _room = realtime.Channel("room:lobby");
                        await _room.Subscribe();
                        _room = realtime.Channel("room:" + next);
                        await _room.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_disconnect_between()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Reconnector
                {
                    public async Task RestartAsync(Client realtime, RealtimeChannel channel)
                    {
                        await channel.Subscribe();
                        realtime.Disconnect();
                        await realtime.ConnectAsync();
                        await channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_exclusive_branches()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public enum Mode { Fast, Slow, Off }

                public sealed class ModeSwitch
                {
                    public async Task StartAsync(Client realtime, Mode mode, bool flag)
                    {
                        var channel = realtime.Channel("status");
                        if (flag)
                        {
                            await channel.Subscribe(5000);
                        }
                        else
                        {
                            await channel.Subscribe();
                        }

                        switch (mode)
                        {
                            case Mode.Fast:
                                await realtime.Channel("fast").Subscribe();
                                break;
                            case Mode.Slow:
                                await realtime.Channel("fast").Subscribe(20000);
                                break;
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_called_method_that_removes_the_channel()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class LiveScores
                {
                    private readonly Client _realtime;
                    private RealtimeChannel? _scores;

                    public LiveScores(Client realtime) => _realtime = realtime;

                    public async Task RestartAsync()
                    {
                        _scores ??= _realtime.Channel("scores");
                        await _scores.Subscribe();
                        Stop();
                        await _scores.Subscribe();
                    }

                    public void Stop()
                    {
                        if (_scores != null)
                        {
                            TearDown(_scores);
                        }
                    }

                    private void TearDown(RealtimeChannel channel) => _realtime.Remove(channel);
                }
                """);

        [Fact]
        public Task Ignores_release_through_a_helper_that_does_not_touch_the_sdk()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ScoreboardService
                {
                    private readonly Client _realtime;
                    private RealtimeChannel? _scores;
                    private int _resets;

                    public ScoreboardService(Client realtime) => _realtime = realtime;

                    public async Task ReloadAsync()
                    {
                        _scores = _realtime.Channel("scores");
                        await _scores.Subscribe();
                        Reset();
                        await _scores.Subscribe();
                    }

                    private void Reset()
                    {
                        _resets++;
                        Leave();
                    }

                    private void Leave() => _scores?.Unsubscribe();
                }
                """);

        [Fact]
        public Task Ignores_called_method_that_reassigns_the_field()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class LiveScores
                {
                    private readonly Client _realtime;
                    private RealtimeChannel _scores;

                    public LiveScores(Client realtime)
                    {
                        _realtime = realtime;
                        _scores = realtime.Channel("scores");
                    }

                    public async Task RefreshAsync(string league)
                    {
                        await _scores.Subscribe();
                        Retarget(league);
                        await _scores.Subscribe();
                    }

                    private void Retarget(string league) => _scores = _realtime.Channel("scores:" + league);
                }
                """);

        [Fact]
        public Task Ignores_one_subscribe_in_each_of_two_methods()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ChatService
                {
                    private readonly RealtimeChannel _channel;

                    public ChatService(Client realtime) => _channel = realtime.Channel("chat");

                    public Task StartAsync() => _channel.Subscribe();

                    public async Task ResumeAsync()
                    {
                        if (!_channel.IsJoined)
                        {
                            await _channel.Subscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_field_subscribed_once_in_a_constructor()
            => Verify.VerifyAnalyzerAsync(
                """
                using Supabase.Realtime;

                public sealed class Ticker
                {
                    private readonly RealtimeChannel _prices;

                    public Ticker(Client realtime)
                    {
                        _prices = realtime.Channel("prices");
                        _prices.OnPostgresChange((sender, change) => { }, Supabase.Realtime.PostgresChanges.PostgresChangesOptions.ListenType.Inserts);
                        _ = _prices.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_channel_written_by_a_lambda_in_the_method()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Switcher
                {
                    public async Task RunAsync(Client realtime, Action<Action<string>> onRoomChange)
                    {
                        var channel = realtime.Channel("room:a");
                        onRoomChange(room => channel = realtime.Channel(room));
                        await channel.Subscribe();
                        await Task.Delay(1000);
                        await channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Reports_in_top_level_statements()
            => new VerifyAnalyzer.Test
            {
                OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
                TestCode = """
                    using Supabase.Realtime;

                    var realtime = new Client("wss://example.supabase.co/realtime/v1");
                    await realtime.ConnectAsync();
                    var presence = realtime.Channel("presence");
                    await presence.Subscribe();
                    await {|#0:presence.Subscribe()|};
                    """,
                ExpectedDiagnostics = { VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments("presence", After(6)) },
            }.RunAsync();

        [Fact]
        public Task Ignores_channel_handed_to_a_helper_between()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;

                public static class ChannelHelpers
                {
                    public static void Reset(IRealtimeChannel channel) => channel.Unsubscribe();
                }

                public sealed class Watcher
                {
                    public Watcher(IRealtimeChannel channel) { }
                }

                public sealed class Board
                {
                    public async Task RefreshAsync(Client realtime)
                    {
                        var channel = realtime.Channel("board");
                        await channel.Subscribe();
                        ChannelHelpers.Reset(channel);
                        await channel.Subscribe();
                        _ = new Watcher(channel);
                        await channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_computed_property_and_out_argument()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Sessions
                {
                    private readonly Client _realtime;

                    public Sessions(Client realtime) => _realtime = realtime;

                    private RealtimeChannel Fresh => _realtime.Channel("session:" + Guid.NewGuid());

                    public async Task StartAsync()
                    {
                        await Fresh.Subscribe();
                        await Fresh.Subscribe();

                        var channel = _realtime.Channel("session");
                        await channel.Subscribe();
                        Replace(out channel);
                        await channel.Subscribe();
                    }

                    private void Replace(out RealtimeChannel channel) => channel = _realtime.Channel("session:next");
                }
                """);

        [Fact]
        public Task Ignores_lookalike_types_outside_the_sdk()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;

                namespace MyApp
                {
                    public sealed class Channel
                    {
                        public Task Subscribe() => Task.CompletedTask;
                    }

                    public sealed class Client
                    {
                        public Channel Channel(string name) => new Channel();
                    }

                    public sealed class Page
                    {
                        public async Task OpenAsync(Client client)
                        {
                            var channel = client.Channel("x");
                            await channel.Subscribe();
                            await channel.Subscribe();
                            await client.Channel("x").Subscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Reports_null_conditional_subscribe_twice()
            => Verify.VerifyAnalyzerAsync(
                """
                using Supabase.Realtime;

                public sealed class Banner
                {
                    private RealtimeChannel? _channel;

                    public void Show()
                    {
                        _channel?.Subscribe();
                        _channel?{|#0:.Subscribe()|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("_channel", WhileJoining(9)));

        [Fact]
        public Task Ignores_channels_read_from_a_dictionary()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Registry
                {
                    private readonly Dictionary<string, RealtimeChannel> _channels = new Dictionary<string, RealtimeChannel>();

                    public async Task StartAsync()
                    {
                        await _channels["a"].Subscribe();
                        await _channels["b"].Subscribe();
                    }
                }
                """);

        // ---- Case 2: in a loop ----------------------------------------------------------------

        [Fact]
        public Task Ignores_retry_loop_around_a_field()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ResilientFeed
                {
                    private readonly RealtimeChannel _feed;

                    public ResilientFeed(Client realtime) => _feed = realtime.Channel("feed");

                    public async Task StartAsync()
                    {
                        for (var attempt = 0; attempt < 3; attempt++)
                        {
                            try
                            {
                                await _feed.Subscribe();
                                return;
                            }
                            catch (TimeoutException)
                            {
                                await Task.Delay(1000 * attempt);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_retry_through_a_goto_label()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ResilientFeed
                {
                    private readonly RealtimeChannel _feed;

                    public ResilientFeed(Client realtime) => _feed = realtime.Channel("feed");

                    public async Task StartAsync()
                    {
                        var attempt = 0;
                    retry:
                        try
                        {
                            await _feed.Subscribe();
                        }
                        catch (TimeoutException) when (attempt++ < 3)
                        {
                            await Task.Delay(1000 * attempt);
                            goto retry;
                        }
                    }
                }
                """);

        [Fact]
        public Task Reports_subscribe_run_again_through_a_goto_label()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class PollingFeed
                {
                    private readonly RealtimeChannel _feed;
                    private bool _stopped;

                    public PollingFeed(Client realtime) => _feed = realtime.Channel("feed");

                    public async Task StartAsync()
                    {
                    again:
                        await {|#0:_feed.Subscribe()|};
                        await Task.Delay(5000);
                        if (!_stopped)
                        {
                            goto again;
                        }
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("_feed", LoopReason));

        [Fact]
        public Task Ignores_a_goto_that_only_jumps_past_the_subscribe()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class OptionalFeed
                {
                    private readonly RealtimeChannel _feed;

                    public OptionalFeed(Client realtime) => _feed = realtime.Channel("feed");

                    public async Task StartAsync(bool enabled)
                    {
                        if (!enabled)
                        {
                            goto done;
                        }

                        await _feed.Subscribe();
                    done:
                        await Task.Yield();
                    }
                }
                """);

        [Fact]
        public Task Reports_subscribe_run_again_through_a_goto_case()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class FeedStates
                {
                    private readonly RealtimeChannel _feed;

                    public FeedStates(Client realtime) => _feed = realtime.Channel("feed");

                    public async Task RunAsync(int state)
                    {
                        switch (state)
                        {
                            case 0:
                                await {|#0:_feed.Subscribe()|};
                                goto case 1;
                            case 1:
                                await Task.Delay(5000);
                                goto case 0;
                        }
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("_feed", LoopReason));

        [Fact]
        public Task Reports_loop_over_rooms_with_a_channel_obtained_before_it()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class RoomsPage
                {
                    public async Task OpenAsync(Client realtime, IEnumerable<string> rooms)
                    {
                        var channel = realtime.Channel("rooms");
                        foreach (var room in rooms)
                        {
                            await {|#0:channel.Subscribe()|};
                        }
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("channel", LoopReason));

        [Fact]
        public Task Reports_while_not_joined_loop()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime.Interfaces;

                public sealed class Joiner
                {
                    public async Task EnsureJoinedAsync(IRealtimeChannel channel)
                    {
                        while (!channel.IsJoined)
                        {
                            await {|#0:channel.Subscribe()|};
                        }
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("channel", LoopReason));

        [Fact]
        public Task Ignores_loop_that_creates_its_channel_inside()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class RoomsPage
                {
                    private readonly List<RealtimeChannel> _channels = new List<RealtimeChannel>();

                    public async Task OpenAsync(Client realtime, IEnumerable<string> rooms)
                    {
                        foreach (var room in rooms)
                        {
                            var channel = realtime.Channel($"room:{room}");
                            await channel.Subscribe();
                            _channels.Add(channel);
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_loop_over_channels()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Resubscriber
                {
                    public async Task SubscribeAllAsync(IEnumerable<RealtimeChannel> channels)
                    {
                        foreach (var channel in channels)
                        {
                            await channel.Subscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_loop_that_unsubscribes_before_subscribing_again()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Cycler
                {
                    public async Task CycleAsync(Client realtime, RealtimeChannel channel, int times)
                    {
                        for (var i = 0; i < times; i++)
                        {
                            await channel.Subscribe();
                            await Task.Delay(1000);
                            channel.Unsubscribe();
                        }
                    }
                }
                """);

        // ---- Case 3: from the channel's own handlers ------------------------------------------

        [Fact]
        public Task Reports_resubscribe_of_the_sender_in_a_state_handler()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ChatViewModel
                {
                    private RealtimeChannel? _channel;

                    public async Task InitializeAsync(Client realtime)
                    {
                        _channel = realtime.Channel("chat");
                        _channel.AddStateChangedHandler((sender, state) =>
                        {
                            if (state == Constants.ChannelState.Closed)
                            {
                                _ = {|#0:sender.Subscribe()|};
                            }
                        });
                        await _channel.Subscribe();
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("_channel", HandlerReason("state handler", 11)));

        [Fact]
        public Task Reports_resubscribe_of_the_field_in_an_error_handler_method()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Exceptions;
                using Supabase.Realtime.Interfaces;

                public sealed class OrdersFeed
                {
                    private readonly RealtimeChannel _orders;

                    public OrdersFeed(Client realtime)
                    {
                        _orders = realtime.Channel("orders");
                        _orders.AddErrorHandler(OnError);
                    }

                    public Task StartAsync() => _orders.Subscribe();

                    private async void OnError(IRealtimeChannel sender, RealtimeException exception)
                    {
                        await Task.Delay(500);
                        await {|#0:_orders.Subscribe()|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("_orders", HandlerReason("error handler", 13)));

        [Fact]
        public Task Reports_resubscribe_in_a_local_function_handler()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;

                public sealed class Dashboard
                {
                    public async Task ShowAsync(Client realtime)
                    {
                        var metrics = realtime.Channel("metrics");
                        metrics.AddStateChangedHandler(Retry);
                        await metrics.Subscribe();

                        void Retry(IRealtimeChannel sender, Constants.ChannelState state)
                        {
                            if (state == Constants.ChannelState.Errored)
                            {
                                {|#0:metrics.Subscribe()|};
                            }
                        }
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("metrics", HandlerReason("state handler", 10)));

        [Fact]
        public Task Reports_resubscribe_in_an_anonymous_method_handler()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Exceptions;
                using Supabase.Realtime.Interfaces;

                public sealed class Dashboard
                {
                    public Task ShowAsync(Client realtime)
                    {
                        var metrics = realtime.Channel("metrics");
                        metrics.AddErrorHandler(delegate (IRealtimeChannel sender, RealtimeException error)
                        {
                            Task.Run(async () => await {|#0:sender.Subscribe()|});
                        });
                        return metrics.Subscribe();
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("metrics", HandlerReason("error handler", 11)));

        [Theory]
        [InlineData("StateChanged")]
        [InlineData("OnError")]
        [InlineData("OnClose")]
        public Task Reports_resubscribe_in_a_realtime5_event_handler(string eventName)
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = $$"""
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class LegacyFeed
                    {
                        private RealtimeChannel? _channel;

                        public async Task StartAsync(Client realtime)
                        {
                            _channel = realtime.Channel("legacy");
                            _channel.{{eventName}} += async (sender, args) =>
                            {
                                await Task.Delay(1000);
                                await {|#0:((RealtimeChannel)sender!).Subscribe()|};
                            };
                            _channel.OnInsert += (sender, args) => { };
                            await _channel.Subscribe();
                        }
                    }
                    """,
                ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("_channel", HandlerReason(eventName + " handler", 11)) },
            }.RunAsync();

        [Fact]
        public Task Reports_resubscribe_of_the_field_in_a_realtime5_state_handler_method()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System;
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.Channel;

                    public sealed class LegacyFeed
                    {
                        private readonly RealtimeChannel _channel;

                        public LegacyFeed(Client realtime)
                        {
                            _channel = realtime.Channel("legacy");
                            _channel.StateChanged += OnStateChanged;
                        }

                        private void OnStateChanged(object? sender, ChannelStateChangedEventArgs args)
                        {
                            if (args.State == Constants.ChannelState.Closed)
                            {
                                {|#0:_channel.Subscribe()|};
                            }
                        }
                    }
                    """,
                ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("_channel", HandlerReason("StateChanged handler", 13)) },
            }.RunAsync();

        [Fact]
        public Task Ignores_realtime5_message_handlers_and_handlers_of_other_channels()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class LegacyFeed
                    {
                        private RealtimeChannel? _main;
                        private RealtimeChannel? _fallback;

                        public async Task StartAsync(Client realtime)
                        {
                            _main = realtime.Channel("main");
                            _fallback = realtime.Channel("fallback");
                            _main.OnMessage += (sender, args) => _ = ((RealtimeChannel)sender!).Subscribe();
                            _main.OnError += (sender, args) => _ = _fallback.Subscribe();
                            await _main.Subscribe();
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_state_handler_that_unsubscribes_before_subscribing()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ChatViewModel
                {
                    public async Task InitializeAsync(Client realtime)
                    {
                        var channel = realtime.Channel("chat");
                        channel.AddStateChangedHandler(async (sender, state) =>
                        {
                            if (state == Constants.ChannelState.Errored)
                            {
                                sender.Unsubscribe();
                                await sender.Subscribe();
                            }
                        });
                        await channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_handler_that_subscribes_another_channel()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Failover
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var primary = realtime.Channel("primary");
                        var backup = realtime.Channel("backup");
                        primary.AddErrorHandler((sender, error) => _ = backup.Subscribe());
                        realtime.AddStateChangedHandler((sender, state) => _ = primary.Subscribe());
                        await primary.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_handler_on_a_local_that_is_assigned_again()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Rotator
                {
                    public async Task RotateAsync(Client realtime, string next)
                    {
                        var channel = realtime.Channel("room:first");
                        channel.AddStateChangedHandler((sender, state) => _ = channel.Subscribe());
                        channel = realtime.Channel("room:" + next);
                        await channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_subscribes_in_separate_event_handlers()
            => Verify.VerifyAnalyzerAsync(
                """
                using System;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ConnectButton
                {
                    public event EventHandler? Clicked;
                    public event EventHandler? Resumed;

                    public void Wire(RealtimeChannel channel)
                    {
                        Clicked += async (sender, args) => await channel.Subscribe();
                        Resumed += async (sender, args) => await channel.Subscribe();
                    }
                }
                """);

        // ---- Case 4: two Channel(...) calls for one cached instance ---------------------------

        // 7.4: Channel(name, options) shares the cache entry of Channel(name); the options take no part in it.
        [Fact]
        public Task Reports_second_channel_call_with_the_same_name_and_channel_options()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Channel;
                using Supabase.Realtime.PostgresChanges;

                public sealed class InboxService
                {
                    private readonly Client _realtime;

                    public InboxService(Client realtime) => _realtime = realtime;

                    public async Task StartAsync(ChannelOptions options)
                    {
                        var messages = _realtime.Channel("inbox", options);
                        messages.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.Inserts);
                        await messages.Subscribe();

                        var receipts = _realtime.Channel("inbox");
                        receipts.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.Updates);
                        await {|#0:receipts.Subscribe()|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("receipts", SameInstanceRegistrationReason("messages", 16, "_realtime", "OnPostgresChange(...)", 19)));

        [Fact]
        public Task Ignores_channel_calls_with_options_for_different_names()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Channel;

                public sealed class InboxService
                {
                    private readonly Client _realtime;

                    public InboxService(Client realtime) => _realtime = realtime;

                    public async Task StartAsync(ChannelOptions options)
                    {
                        await _realtime.Channel("inbox", options).Subscribe();
                        await _realtime.Channel("receipts", options).Subscribe();
                    }
                }
                """);

        // Topics through a static readonly field and a local: folded as the SDK sees them.
        [Fact]
        public Task Reports_same_topic_through_a_static_readonly_field_and_a_local()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class LobbyService
                {
                    private static readonly string LobbyTopic = "lobby";

                    private readonly Client _realtime;

                    public LobbyService(Client realtime) => _realtime = realtime;

                    public async Task StartAsync()
                    {
                        var name = "lobby";
                        var presence = _realtime.Channel(LobbyTopic);
                        await presence.Subscribe();

                        var chat = _realtime.Channel(name);
                        await {|#0:chat.Subscribe()|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("chat", SameInstanceReason("presence", 16, "_realtime")));

        [Theory]
        [InlineData("var name = \"lobby\"; if (other) { name = \"other\"; }")]
        [InlineData("var name = \"lobby\"; Rename(ref name);")]
        [InlineData("var name = \"lobby\"; (name, _) = (other ? \"other\" : \"lobby\", 0);")]
        [InlineData("var name = \"lobby\"; name ??= \"other\"; name += \"-2\";")]
        [InlineData("var name = Prefix + \"lobby\";")]
        public Task Ignores_topics_that_are_not_constant_through_locals_and_fields(string declaration)
            => Verify.VerifyAnalyzerAsync(
                $$"""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class LobbyService
                {
                    private static readonly string Prefix;

                    static LobbyService() => Prefix = System.Environment.MachineName;

                    private readonly Client _realtime;

                    public LobbyService(Client realtime) => _realtime = realtime;

                    public async Task StartAsync(bool other)
                    {
                        {{declaration}}
                        var presence = _realtime.Channel("lobby");
                        await presence.Subscribe();

                        var chat = _realtime.Channel(name);
                        await chat.Subscribe();
                    }

                    private static void Rename(ref string name) => name += "-2";
                }
                """);

        // A failed join leaves the channel unjoined: a retry in the catch, or a guarded retry loop, joins again on purpose.
        [Theory]
        [InlineData("try { await lobby.Subscribe(); } catch (Supabase.Realtime.Exceptions.RealtimeException) { await Task.Delay(1000); await lobby.Subscribe(); }")]
        [InlineData("for (var attempt = 0; attempt < 3; attempt++) { try { await lobby.Subscribe(); break; } catch (Supabase.Realtime.Exceptions.RealtimeException) { await Task.Delay(1000 * attempt); } }")]
        public Task Ignores_a_retry_after_a_failed_join(string statements)
            => Verify.VerifyAnalyzerAsync(
                $$"""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class LobbyService
                {
                    private readonly Client _realtime;

                    public LobbyService(Client realtime) => _realtime = realtime;

                    public async Task JoinAsync()
                    {
                        var lobby = _realtime.Channel("lobby");
                        {{statements}}
                    }
                }
                """);

        [Fact]
        public Task Reports_a_second_subscribe_after_a_try_that_joined()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class LobbyService
                {
                    private readonly Client _realtime;

                    public LobbyService(Client realtime) => _realtime = realtime;

                    public async Task JoinAsync()
                    {
                        var lobby = _realtime.Channel("lobby");
                        try
                        {
                            await lobby.Subscribe();
                        }
                        catch (Supabase.Realtime.Exceptions.RealtimeException)
                        {
                            return;
                        }

                        await {|#0:lobby.Subscribe()|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("lobby", After(15)));

        [Fact]
        public Task Reports_second_channel_call_with_the_same_topic()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class InboxService
                {
                    private readonly Client _realtime;

                    public InboxService(Client realtime) => _realtime = realtime;

                    public async Task StartAsync()
                    {
                        var messages = _realtime.Channel("inbox");
                        messages.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.Inserts);
                        await messages.Subscribe();

                        var receipts = _realtime.Channel("inbox");
                        receipts.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.Updates);
                        await {|#0:receipts.Subscribe()|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("receipts", SameInstanceRegistrationReason("messages", 15, "_realtime", "OnPostgresChange(...)", 18)));

        [Fact]
        public Task Reports_same_topic_through_a_constant_and_direct_calls()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase;

                public sealed class GameLobby
                {
                    private const string Lobby = "lobby";
                    private readonly Client _supabase;

                    public GameLobby(Client supabase) => _supabase = supabase;

                    public async Task EnterAsync()
                    {
                        await _supabase.Realtime.Channel(Lobby).Subscribe();
                        await {|#0:_supabase.Realtime.Channel("lob" + "by").Subscribe()|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "_supabase.Realtime.Channel(\"lob\" + \"by\")", SameInstanceReason("_supabase.Realtime.Channel(Lobby)", 13, "_supabase.Realtime")));

        [Fact]
        public Task Reports_same_table_through_the_postgres_overload()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class TodoBoard
                {
                    public async Task OpenAsync(Client realtime)
                    {
                        var inserts = realtime.Channel("realtime", "public", "todos");
                        await inserts.Subscribe();
                        var updates = realtime.Channel(table: "todos");
                        await {|#0:updates.Subscribe()|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("updates", SameInstanceReason("inserts", 9, "realtime")));

        [Fact]
        public Task Reports_same_topic_assigned_again_to_the_same_field()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Ticker
                {
                    private RealtimeChannel? _prices;

                    public async Task StartAsync(Client realtime)
                    {
                        _prices = realtime.Channel("prices");
                        await _prices.Subscribe();
                        _prices = realtime.Channel("prices");
                        await {|#0:_prices.Subscribe()|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("_prices", SameInstanceReason("_prices", 11, "realtime")));

        [Fact]
        public Task Reports_two_fields_set_once_from_the_same_topic()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;

                public sealed class TeamPage
                {
                    private readonly IRealtimeChannel _members;
                    private readonly IRealtimeChannel _typing;

                    public TeamPage(Client realtime)
                    {
                        _members = realtime.Channel("team");
                        _typing = realtime.Channel("team");
                    }

                    public async Task OnInitializedAsync()
                    {
                        await _members.Subscribe();
                        await {|#0:_typing.Subscribe()|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("_typing", SameInstanceReason("_members", 18, "realtime")));

        [Fact]
        public Task Ignores_field_whose_initializer_and_assignment_differ()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class SharedFeeds
                {
                    private static readonly Client Shared = new Client("wss://example.supabase.co/realtime/v1");
                    private RealtimeChannel _feed = Shared.Channel("feed:a");

                    public void Retarget() => _feed = Shared.Channel("feed:b");

                    public async Task StartAsync()
                    {
                        await _feed.Subscribe();
                        await Shared.Channel("feed:b").Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_distinct_constant_topics()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class InboxService
                {
                    private const string Prefix = "inbox:";

                    public async Task StartAsync(Client realtime)
                    {
                        var messages = realtime.Channel(Prefix + "messages");
                        await messages.Subscribe();
                        var receipts = realtime.Channel(Prefix + "receipts");
                        await receipts.Subscribe();
                        await realtime.Channel("realtime", "public", "todos").Subscribe();
                        await realtime.Channel("realtime", "public", "todos", "owner", "me").Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_non_constant_topics()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class UserChannels
                {
                    public async Task StartAsync(Client realtime, string userId, string teamId)
                    {
                        var mine = realtime.Channel($"user:{userId}");
                        await mine.Subscribe();
                        var team = realtime.Channel($"user:{teamId}");
                        await team.Subscribe();
                        var again = realtime.Channel(userId);
                        await again.Subscribe();
                        var same = realtime.Channel(userId);
                        await same.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_same_topic_on_two_clients_and_after_removal()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Mirror
                {
                    public async Task StartAsync(Client primary, Client secondary)
                    {
                        var a = primary.Channel("mirror");
                        await a.Subscribe();
                        var b = secondary.Channel("mirror");
                        await b.Subscribe();

                        primary.Remove(a);
                        var c = primary.Channel("mirror");
                        await c.Subscribe();
                    }
                }
                """);

        // ---- Half-typed code ------------------------------------------------------------------

        [Fact]
        public Task Ignores_half_typed_code()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Draft
                {
                    private RealtimeChannel? _channel;

                    public async Task StartAsync(Client realtime)
                    {
                        _channel = realtime.Channel({|CS1503:42|});
                        await {|CS0103:chanel|}.Subscribe();
                        await _channel.{|CS1061:Subscrib|}();
                        await {|CS0103:Missing|}().Subscribe();
                        _channel.AddStateChangedHandler({|CS0103:Unknown|});
                        await realtime.Channel().Subscribe({|CS1503:"x"|});
                        await _channel.Subscribe({|CS1002:|}{|CS1026:|}
                    }
                }
                """);

        [Fact]
        public Task Reports_in_half_typed_code_around_valid_calls()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Draft
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var channel = realtime.Channel("draft");
                        await channel.Subscribe();
                        {|CS0103:Undefined|}(channel);
                        await {|#0:channel.Subscribe()|};
                        channel.{|CS1061:Nope|} = 1;
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("channel", After(9)));

        // ---- Code fix -------------------------------------------------------------------------

        [Fact]
        public Task Fix_removes_the_redundant_awaited_statement()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class TodoSyncService
                {
                    private RealtimeChannel? _channel;

                    public async Task StartAsync(Client realtime)
                    {
                        _channel = realtime.Channel("todos");
                        await _channel.Subscribe();
                        // subscribe again to be sure
                        await [|_channel.Subscribe()|];
                        Log("started");
                    }

                    private static void Log(string message) { }
                }
                """,
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class TodoSyncService
                {
                    private RealtimeChannel? _channel;

                    public async Task StartAsync(Client realtime)
                    {
                        _channel = realtime.Channel("todos");
                        await _channel.Subscribe();
                        // subscribe again to be sure
                        Log("started");
                    }

                    private static void Log(string message) { }
                }
                """);

        [Fact]
        public Task Fix_removes_unawaited_discarded_and_configured_statements()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Joiner
                {
                    public async Task JoinAsync(Client realtime)
                    {
                        var channel = realtime.Channel("join");
                        await channel.Subscribe().ConfigureAwait(false);
                        [|channel.Subscribe()|];
                        _ = [|channel.Subscribe()|];
                        await [|channel.Subscribe()|].ConfigureAwait(false);
                        await ([|channel.Subscribe(3000)|]);
                    }
                }
                """,
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Joiner
                {
                    public async Task JoinAsync(Client realtime)
                    {
                        var channel = realtime.Channel("join");
                        await channel.Subscribe().ConfigureAwait(false);
                    }
                }
                """);

        [Fact]
        public Task Fix_uses_the_first_local_for_the_second_channel_of_the_same_topic()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class InboxService
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var messages = realtime.Channel("inbox");
                        messages.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.Inserts);
                        await messages.Subscribe();

                        var receipts = realtime.Channel("inbox");
                        receipts.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.Updates);
                        await [|receipts.Subscribe()|];
                        Watch(receipts);
                    }

                    private static void Watch(RealtimeChannel channel) { }
                }
                """,
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class InboxService
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var messages = realtime.Channel("inbox");
                        messages.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.Inserts);
                        await messages.Subscribe();
                        messages.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.Updates);
                        Watch(messages);
                    }

                    private static void Watch(RealtimeChannel channel) { }
                }
                """);

        [Fact]
        public Task Fix_only_removes_the_statement_when_the_first_local_does_not_fit()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;

                public sealed class InboxService
                {
                    public async Task StartAsync(Client realtime)
                    {
                        IRealtimeChannel messages = realtime.Channel("inbox");
                        await messages.Subscribe();
                        var receipts = realtime.Channel("inbox");
                        await [|receipts.Subscribe()|];
                        realtime.Remove(receipts);
                    }
                }
                """,
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;

                public sealed class InboxService
                {
                    public async Task StartAsync(Client realtime)
                    {
                        IRealtimeChannel messages = realtime.Channel("inbox");
                        await messages.Subscribe();
                        var receipts = realtime.Channel("inbox");
                        realtime.Remove(receipts);
                    }
                }
                """);

        [Fact]
        public Task Fix_removes_the_guard_it_leaves_empty_and_keeps_the_comments()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;

                public sealed class GameLobby
                {
                    private readonly IRealtimeClient<RealtimeSocket, RealtimeChannel> _realtime;

                    public GameLobby(IRealtimeClient<RealtimeSocket, RealtimeChannel> realtime) => _realtime = realtime;

                    public async Task<RealtimeChannel> EnterAsync(bool spectator)
                    {
                        var lobby = _realtime.Channel("lobby");
                        await lobby.Subscribe();

                        if (!lobby.IsJoined && !spectator)
                        {
                            // Make sure we are in: the first join may not have gone through yet.
                            await [|lobby.Subscribe()|]; // belt and braces
                        }

                        return lobby;
                    }
                }
                """,
                """
                using System;
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;

                public sealed class GameLobby
                {
                    private readonly IRealtimeClient<RealtimeSocket, RealtimeChannel> _realtime;

                    public GameLobby(IRealtimeClient<RealtimeSocket, RealtimeChannel> realtime) => _realtime = realtime;

                    public async Task<RealtimeChannel> EnterAsync(bool spectator)
                    {
                        var lobby = _realtime.Channel("lobby");
                        await lobby.Subscribe();

                        // Make sure we are in: the first join may not have gone through yet.

                        return lobby;
                    }
                }
                """);

        [Fact]
        public Task Fix_removes_nested_empty_guards_and_keeps_a_guard_with_other_statements()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ScoreFeed
                {
                    private RealtimeChannel? _scores;
                    private int _joins;

                    public bool Verbose { get; set; }

                    public async Task StartAsync(Client realtime)
                    {
                        _scores = realtime.Channel("scores");
                        await _scores.Subscribe();
                        if (_scores is not null)
                        {
                            if (_scores.State != Constants.ChannelState.Joined)
                            {
                                await [|_scores.Subscribe()|];
                            }
                        }

                        if (Verbose)
                        {
                            _joins++;
                            await [|_scores.Subscribe()|];
                        }
                    }
                }
                """,
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ScoreFeed
                {
                    private RealtimeChannel? _scores;
                    private int _joins;

                    public bool Verbose { get; set; }

                    public async Task StartAsync(Client realtime)
                    {
                        _scores = realtime.Channel("scores");
                        await _scores.Subscribe();

                        if (Verbose)
                        {
                            _joins++;
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_is_not_offered_when_it_would_leave_a_guard_with_side_effects_or_an_else()
        {
            const string Source = """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ScoreFeed
                {
                    private RealtimeChannel? _scores;

                    public async Task StartAsync(Client realtime, bool quiet)
                    {
                        _scores = realtime.Channel("scores");
                        await _scores.Subscribe();
                        if (await IsOnlineAsync())
                        {
                            await [|_scores.Subscribe()|];
                        }

                        if (quiet)
                        {
                            await [|_scores.Subscribe()|];
                        }
                        else
                        {
                            Log("loud");
                        }
                    }

                    private static Task<bool> IsOnlineAsync() => Task.FromResult(true);

                    private static void Log(string message) { }
                }
                """;
            return new Verify.Test { TestCode = Source, FixedCode = Source }.RunAsync();
        }

        [Fact]
        public Task Fix_hoists_the_subscribe_before_a_loop_that_does_not_depend_on_the_join()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class PresencePoller
                {
                    private readonly List<string> _seen = new List<string>();

                    public async Task WatchAsync(Client realtime, CancellationToken token)
                    {
                        var presence = realtime.Channel("presence");
                        presence.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "presence" });

                        while (!token.IsCancellationRequested)
                        {
                            _seen.Clear();
                            // Stay in the presence channel while polling.
                            await [|presence.Subscribe()|];
                            await Task.Delay(TimeSpan.FromSeconds(30), token);
                        }
                    }
                }
                """,
                """
                using System;
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class PresencePoller
                {
                    private readonly List<string> _seen = new List<string>();

                    public async Task WatchAsync(Client realtime, CancellationToken token)
                    {
                        var presence = realtime.Channel("presence");
                        presence.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "presence" });

                        // Stay in the presence channel while polling.
                        await presence.Subscribe();
                        while (!token.IsCancellationRequested)
                        {
                            _seen.Clear();
                            await Task.Delay(TimeSpan.FromSeconds(30), token);
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_hoists_out_of_a_foreach_over_rooms_and_an_inner_loop_of_a_per_team_channel()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class RoomsPage
                {
                    private readonly List<string> _shown = new List<string>();
                    private RealtimeChannel? _rooms;

                    public async Task OpenAsync(Client realtime, IEnumerable<string> rooms, IEnumerable<string> teams)
                    {
                        _rooms = realtime.Channel("rooms");
                        foreach (var room in rooms)
                        {
                            await [|_rooms.Subscribe()|];
                            _shown.Add(room);
                        }

                        foreach (var team in teams)
                        {
                            var channel = realtime.Channel($"team-{team}");
                            for (var page = 0; page < 3; page++)
                            {
                                _ = [|channel.Subscribe()|];
                                _shown.Add(team + page);
                            }
                        }
                    }
                }
                """,
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class RoomsPage
                {
                    private readonly List<string> _shown = new List<string>();
                    private RealtimeChannel? _rooms;

                    public async Task OpenAsync(Client realtime, IEnumerable<string> rooms, IEnumerable<string> teams)
                    {
                        _rooms = realtime.Channel("rooms");
                        await _rooms.Subscribe();
                        foreach (var room in rooms)
                        {
                            _shown.Add(room);
                        }

                        foreach (var team in teams)
                        {
                            var channel = realtime.Channel($"team-{team}");
                            _ = channel.Subscribe();
                            for (var page = 0; page < 3; page++)
                            {
                                _shown.Add(team + page);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_does_not_hoist_what_the_loop_depends_on()
        {
            const string Source = """
                using System;
                using System.Collections.Generic;
                using System.Threading;
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class Holdouts
                {
                    private RealtimeChannel? _feed;

                    public async Task RunAsync(Client realtime, RealtimeChannel shared, IEnumerable<string> tables, CancellationToken token)
                    {
                        var feed = realtime.Channel("feed");
                        for (var attempt = 1; attempt <= 3; attempt++)
                        {
                            await [|feed.Subscribe(1000 * attempt)|];
                            await Task.Delay(100);
                        }

                        foreach (var table in tables)
                        {
                            feed.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = table });
                            await [|feed.Subscribe()|];
                        }

                        while (!token.IsCancellationRequested)
                        {
                            await realtime.ConnectAsync();
                            await [|shared.Subscribe()|];
                            await Task.Delay(100);
                        }

                        while (!token.IsCancellationRequested)
                        {
                            if (token.CanBeCanceled)
                            {
                                continue;
                            }

                            await [|shared.Subscribe()|];
                            await Task.Delay(100);
                        }

                        for (var round = 0; round < 2; round++)
                        {
                            foreach (var table in tables)
                            {
                                await [|shared.Subscribe()|];
                                Log(table);
                            }
                        }

                        foreach (var table in tables)
                        {
                            await [|shared.Subscribe()|];
                        }

                        _feed = feed;
                        foreach (var table in tables)
                        {
                            await [|_feed.Subscribe()|];
                            if (table.Length == 0)
                            {
                                Reset();
                            }
                        }
                    }

                    private void Reset() => _feed?.Unsubscribe();

                    private static void Log(string message) { }
                }
                """;
            return new Verify.Test { TestCode = Source, FixedCode = Source }.RunAsync();
        }

        [Fact]
        public Task Fix_removes_the_retry_from_the_channels_own_state_handler()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ChatViewModel
                {
                    private RealtimeChannel? _channel;

                    public string Status { get; private set; } = string.Empty;

                    public async Task InitializeAsync(Client realtime)
                    {
                        _channel = realtime.Channel("chat");
                        _channel.AddStateChangedHandler(async (sender, state) =>
                        {
                            Status = state.ToString();
                            if (state == Constants.ChannelState.Closed)
                            {
                                // Come back when the channel closes.
                                await [|sender.Subscribe()|];
                            }
                        });
                        await _channel.Subscribe();
                    }
                }
                """,
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ChatViewModel
                {
                    private RealtimeChannel? _channel;

                    public string Status { get; private set; } = string.Empty;

                    public async Task InitializeAsync(Client realtime)
                    {
                        _channel = realtime.Channel("chat");
                        _channel.AddStateChangedHandler((sender, state) =>
                        {
                            Status = state.ToString();
                            // Come back when the channel closes.
                        });
                        await _channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Fix_removes_the_retry_from_an_async_void_error_handler_method_and_keeps_its_other_awaits()
            => Verify.VerifyCodeFixAsync(
                """
                using System;
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Exceptions;
                using Supabase.Realtime.Interfaces;

                public sealed class OrdersFeed
                {
                    private readonly RealtimeChannel _orders;
                    private readonly RealtimeChannel _stock;

                    public OrdersFeed(Client realtime)
                    {
                        _orders = realtime.Channel("orders");
                        _orders.AddErrorHandler(OnOrdersError);
                        _stock = realtime.Channel("stock");
                        _stock.AddErrorHandler(OnStockError);
                    }

                    public event Action<string>? Failed;

                    public async Task StartAsync()
                    {
                        await _orders.Subscribe();
                        await _stock.Subscribe();
                    }

                    private async void OnOrdersError(IRealtimeChannel sender, RealtimeException exception)
                    {
                        Failed?.Invoke(exception.Message);
                        await [|_orders.Subscribe()|];
                    }

                    private async void OnStockError(IRealtimeChannel sender, RealtimeException exception)
                    {
                        await Task.Delay(500);
                        await [|_stock.Subscribe()|];
                    }
                }
                """,
                """
                using System;
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Exceptions;
                using Supabase.Realtime.Interfaces;

                public sealed class OrdersFeed
                {
                    private readonly RealtimeChannel _orders;
                    private readonly RealtimeChannel _stock;

                    public OrdersFeed(Client realtime)
                    {
                        _orders = realtime.Channel("orders");
                        _orders.AddErrorHandler(OnOrdersError);
                        _stock = realtime.Channel("stock");
                        _stock.AddErrorHandler(OnStockError);
                    }

                    public event Action<string>? Failed;

                    public async Task StartAsync()
                    {
                        await _orders.Subscribe();
                        await _stock.Subscribe();
                    }

                    private void OnOrdersError(IRealtimeChannel sender, RealtimeException exception)
                    {
                        Failed?.Invoke(exception.Message);
                    }

                    private async void OnStockError(IRealtimeChannel sender, RealtimeException exception)
                    {
                        await Task.Delay(500);
                    }
                }
                """);

        [Fact]
        public Task Fix_is_not_offered_for_a_retry_in_an_async_task_lambda_inside_the_handler()
        {
            const string Source = """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Exceptions;
                using Supabase.Realtime.Interfaces;

                public sealed class Dashboard
                {
                    public Task ShowAsync(Client realtime)
                    {
                        var metrics = realtime.Channel("metrics");
                        metrics.AddErrorHandler((sender, error) =>
                        {
                            Task.Run(async () =>
                            {
                                await [|sender.Subscribe()|];
                            });
                        });
                        return metrics.Subscribe();
                    }
                }
                """;
            return new Verify.Test { TestCode = Source, FixedCode = Source }.RunAsync();
        }

        [Fact]
        public Task Fix_is_not_offered_for_a_loop_on_IsJoined_an_expression_bodied_handler_partial_paths_or_used_results()
        {
            const string Source = """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;

                public sealed class Holdouts
                {
                    public async Task<IRealtimeChannel> RunAsync(Client realtime, RealtimeChannel loop, bool eager)
                    {
                        while (!loop.IsJoined)
                        {
                            await {|#0:loop.Subscribe()|};
                        }

                        var chat = realtime.Channel("chat");
                        chat.AddStateChangedHandler((sender, state) => {|#1:sender.Subscribe()|});
                        if (eager)
                        {
                            await chat.Subscribe();
                        }

                        await {|#2:chat.Subscribe()|};
                        return await {|#3:chat.Subscribe()|};
                    }
                }
                """;
            return new Verify.Test
            {
                TestCode = Source,
                FixedCode = Source,
                ExpectedDiagnostics =
                {
                    Verify.Diagnostic().WithLocation(0).WithArguments("loop", LoopReason),
                    Verify.Diagnostic().WithLocation(1).WithArguments("chat", HandlerReason("state handler", 15)),
                    Verify.Diagnostic().WithLocation(2).WithArguments("chat", After(18)),
                    Verify.Diagnostic().WithLocation(3).WithArguments("chat", After(21)),
                },
            }.RunAsync();
        }

        [Fact]
        public Task Fix_in_half_typed_code_only_removes_the_statement()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class InboxService
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var messages = realtime.Channel("inbox");
                        await messages.Subscribe();
                        var receipts = realtime.Channel("inbox");
                        await [|receipts.Subscribe()|];
                        {|CS0103:Undefined|}(receipts);
                    }
                }
                """,
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class InboxService
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var messages = realtime.Channel("inbox");
                        await messages.Subscribe();
                        var receipts = realtime.Channel("inbox");
                        {|CS0103:Undefined|}(receipts);
                    }
                }
                """);

        [Fact]
        public Task Fix_is_not_offered_for_a_retry_after_a_caught_failure()
        {
            const string Source = """
                using System;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Notifications
                {
                    public async Task ListenAsync(Client realtime)
                    {
                        var channel = realtime.Channel("notifications");
                        try
                        {
                            await channel.Subscribe();
                        }
                        catch (TimeoutException)
                        {
                        }

                        await [|channel.Subscribe()|];
                    }
                }
                """;
            return new Verify.Test { TestCode = Source, FixedCode = Source }.RunAsync();
        }

        [Fact]
        public Task Fix_all_applies_each_diagnostics_own_fix_one_after_another()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Arena
                {
                    private readonly List<string> _log = new List<string>();
                    private RealtimeChannel? _arena;

                    public async Task StartAsync(Client realtime, IEnumerable<string> players)
                    {
                        _arena = realtime.Channel("arena");
                        _arena.AddStateChangedHandler((sender, state) =>
                        {
                            if (state == Constants.ChannelState.Closed)
                            {
                                _ = [|sender.Subscribe()|];
                            }
                        });
                        await _arena.Subscribe();
                        if (!_arena.IsJoined)
                        {
                            await [|_arena.Subscribe()|];
                            await [|_arena.Subscribe()|];
                        }

                        foreach (var player in players)
                        {
                            await [|_arena.Subscribe()|];
                            _log.Add(player);
                        }
                    }
                }
                """,
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Arena
                {
                    private readonly List<string> _log = new List<string>();
                    private RealtimeChannel? _arena;

                    public async Task StartAsync(Client realtime, IEnumerable<string> players)
                    {
                        _arena = realtime.Channel("arena");
                        _arena.AddStateChangedHandler((sender, state) =>
                        {
                        });
                        await _arena.Subscribe();

                        foreach (var player in players)
                        {
                            _log.Add(player);
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_all_removes_every_redundant_subscribe_and_merges_same_topic_locals()
            => Verify.VerifyCodeFixAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Hub
                {
                    private RealtimeChannel? _alerts;

                    public async Task StartAsync(Client realtime)
                    {
                        _alerts = realtime.Channel("alerts");
                        await _alerts.Subscribe();
                        await [|_alerts.Subscribe()|];
                        await [|_alerts.Subscribe()|];

                        var orders = realtime.Channel("orders");
                        await orders.Subscribe();
                        var orderUpdates = realtime.Channel("orders");
                        await [|orderUpdates.Subscribe()|];
                        var orderDeletes = realtime.Channel("orders");
                        await [|orderDeletes.Subscribe()|];
                        Log(orderDeletes.Topic);
                        orderUpdates.Unsubscribe();
                    }

                    public async Task ResumeAsync(Client realtime)
                    {
                        var feed = realtime.Channel("feed");
                        await feed.Subscribe();
                        [|feed.Subscribe()|];
                    }

                    private static void Log(string message) { }
                }
                """,
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Hub
                {
                    private RealtimeChannel? _alerts;

                    public async Task StartAsync(Client realtime)
                    {
                        _alerts = realtime.Channel("alerts");
                        await _alerts.Subscribe();

                        var orders = realtime.Channel("orders");
                        await orders.Subscribe();
                        Log(orders.Topic);
                        orders.Unsubscribe();
                    }

                    public async Task ResumeAsync(Client realtime)
                    {
                        var feed = realtime.Channel("feed");
                        await feed.Subscribe();
                    }

                    private static void Log(string message) { }
                }
                """);

        // ---- Set-up between the calls, and a cached channel per loop pass ----------------------

        /// <summary>A repeat after an awaited Subscribe() with a registration (<paramref name="call"/> on <paramref name="line"/>) in between.</summary>
        private static string RegistrationWaits(string call, int line)
            => $"the channel has joined by then, so this call returns at once and sends nothing, and the join that went out does not carry the {call} on line {line}: the server is not asked for its changes until the channel joins again; register before the first Subscribe(), or call Unsubscribe() before this Subscribe() so that it sends a new join";

        /// <summary>A loop whose passes register on one joined channel: only the first pass's registration is in the join.</summary>
        private static string OnlyFirstPassJoins(string call, int line)
            => $"only the first pass's Subscribe() sends a join, later passes return at once and send nothing, so the join carries the first pass's {call} (line {line}) only and the server is never asked for the changes of the later passes' registrations; give each pass its own channel with a distinct topic, or register one filter that covers them all (in.(...)) and subscribe once";

        private static string SameInstanceRegistrationReason(string first, int line, string client, string call, int callLine)
            => $"after the Subscribe() of '{first}' on line {line}: both come from {client}.Channel(...) with the same arguments, which returns one cached instance, so {RegistrationWaits(call, callLine)}";

        /// <summary>A loop that takes one cached channel on every pass: later passes get it joined.</summary>
        private static string CachedPassReason(string client)
            => $"inside a loop that gets it from {client}.Channel(...) with the same arguments on every pass, which returns one cached instance: later passes get the cached channel that has already joined, so their Subscribe() returns at once and sends nothing; subscribe once, before the loop";

        private static string PerPassReason(string client, string call, int line)
            => $"inside a loop that gets it from {client}.Channel(...) with the same arguments on every pass, which returns one cached instance: {OnlyFirstPassJoins(call, line)}";

        [Fact]
        public Task Reports_on_postgres_change_added_between_two_subscribes_on_realtime74_and_removes_the_no_op()
        {
            const string Source = """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;

                public sealed class KitchenBoard
                {
                    private readonly Client _realtime;
                    private RealtimeChannel? _tickets;

                    public KitchenBoard(Client realtime) => _realtime = realtime;

                    public async Task OpenAsync(bool showVoided)
                    {
                        _tickets = _realtime.Channel("kitchen");
                        _tickets.OnPostgresChange(OnTicket, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "tickets" });
                        await _tickets.Subscribe();
                        if (showVoided)
                        {
                            _tickets.OnPostgresChange(OnVoided, PostgresChangesOptions.ListenType.Deletes, new PostgresChangesFilter { Table = "tickets" });
                        }

                        await {|#0:_tickets.Subscribe()|};
                    }

                    private void OnTicket(IRealtimeChannel sender, PostgresChangesResponse change) { }

                    private void OnVoided(IRealtimeChannel sender, PostgresChangesResponse change) { }
                }
                """;
            return new Verify.Test
            {
                TestCode = Source,
                FixedCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.Interfaces;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class KitchenBoard
                    {
                        private readonly Client _realtime;
                        private RealtimeChannel? _tickets;

                        public KitchenBoard(Client realtime) => _realtime = realtime;

                        public async Task OpenAsync(bool showVoided)
                        {
                            _tickets = _realtime.Channel("kitchen");
                            _tickets.OnPostgresChange(OnTicket, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "tickets" });
                            await _tickets.Subscribe();
                            if (showVoided)
                            {
                                _tickets.OnPostgresChange(OnVoided, PostgresChangesOptions.ListenType.Deletes, new PostgresChangesFilter { Table = "tickets" });
                            }
                        }

                        private void OnTicket(IRealtimeChannel sender, PostgresChangesResponse change) { }

                        private void OnVoided(IRealtimeChannel sender, PostgresChangesResponse change) { }
                    }
                    """,
                ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("_tickets", "after the Subscribe() on line 17: " + RegistrationWaits("OnPostgresChange(...)", 20)) },
            }.RunAsync();
        }

        [Fact]
        public Task Reports_register_between_two_subscribes_on_realtime5()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class LegacyInventoryFeed
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var stock = realtime.Channel("inventory");
                            stock.Register(new PostgresChangesOptions("public", "stock_levels"));
                            stock.OnUpdate += (sender, args) => { };
                            await stock.Subscribe();
                            stock.Register(new PostgresChangesOptions("public", "reorders"));
                            stock.OnInsert += (sender, args) => { };
                            await {|#0:stock.Subscribe()|};
                        }
                    }
                    """,
                ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("stock", "after the Subscribe() on line 12: " + RegistrationWaits("Register(...)", 13)) },
            }.RunAsync();

        [Fact]
        public Task Reports_register_between_subscribes_of_one_cached_instance_and_merges_the_locals()
        {
            const string Source = """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class ShipmentTracker
                {
                    private readonly Client _realtime;

                    public ShipmentTracker(Client realtime) => _realtime = realtime;

                    public async Task TrackAsync()
                    {
                        var shipments = _realtime.Channel("logistics");
                        shipments.Register(new PostgresChangesOptions("public", "shipments"));
                        await shipments.Subscribe();

                        var delays = _realtime.Channel("logistics");
                        delays.Register(new PostgresChangesOptions("public", "delays"));
                        await {|#0:delays.Subscribe()|};
                    }
                }
                """;
            return new Verify.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = Source,
                FixedCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class ShipmentTracker
                    {
                        private readonly Client _realtime;

                        public ShipmentTracker(Client realtime) => _realtime = realtime;

                        public async Task TrackAsync()
                        {
                            var shipments = _realtime.Channel("logistics");
                            shipments.Register(new PostgresChangesOptions("public", "shipments"));
                            await shipments.Subscribe();
                            shipments.Register(new PostgresChangesOptions("public", "delays"));
                        }
                    }
                    """,
                ExpectedDiagnostics =
                {
                    Verify.Diagnostic().WithLocation(0).WithArguments(
                        "delays",
                        "after the Subscribe() of 'shipments' on line 15: both come from _realtime.Channel(...) with the same arguments, which returns one cached instance, so "
                            + RegistrationWaits("Register(...)", 18)),
                },
            }.RunAsync();
        }

        [Fact]
        public Task Ignores_registration_between_subscribes_when_the_channel_is_unsubscribed_first()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;

                public sealed class KitchenBoard
                {
                    private readonly Client _realtime;
                    private RealtimeChannel? _tickets;

                    public KitchenBoard(Client realtime) => _realtime = realtime;

                    public async Task OpenAsync(bool showVoided)
                    {
                        _tickets = _realtime.Channel("kitchen");
                        _tickets.OnPostgresChange(OnTicket, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "tickets" });
                        await _tickets.Subscribe();
                        if (showVoided)
                        {
                            _tickets.OnPostgresChange(OnVoided, PostgresChangesOptions.ListenType.Deletes, new PostgresChangesFilter { Table = "tickets" });
                            _tickets.Unsubscribe();
                            await _tickets.Subscribe();
                        }
                    }

                    private void OnTicket(IRealtimeChannel sender, PostgresChangesResponse change) { }

                    private void OnVoided(IRealtimeChannel sender, PostgresChangesResponse change) { }
                }
                """);

        [Fact]
        public Task Ignores_register_on_a_fresh_instance_after_remove_on_realtime5()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class LegacyInventoryFeed
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var stock = realtime.Channel("inventory");
                            stock.Register(new PostgresChangesOptions("public", "stock_levels"));
                            await stock.Subscribe();

                            realtime.Remove(stock);
                            stock = realtime.Channel("inventory");
                            stock.Register(new PostgresChangesOptions("public", "stock_levels"));
                            stock.Register(new PostgresChangesOptions("public", "reorders"));
                            await stock.Subscribe();
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_registration_on_another_channel_between_two_subscribes()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class BackOffice
                    {
                        private readonly Client _realtime;

                        public BackOffice(Client realtime) => _realtime = realtime;

                        public async Task StartAsync()
                        {
                            var orders = _realtime.Channel("orders");
                            orders.Register(new PostgresChangesOptions("public", "orders"));
                            await orders.Subscribe();

                            var audit = _realtime.Channel("audit");
                            audit.Register(new PostgresChangesOptions("public", "audit_log"));
                            await audit.Subscribe();
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Fix_still_removes_a_repeat_with_only_a_handler_added_between_on_realtime702()
            => new Verify.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class OrderDesk
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var feed = realtime.Channel("orders");
                            feed.Register(new PostgresChangesOptions("public", "orders"));
                            await feed.Subscribe();
                            feed.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => { });
                            await {|#0:feed.Subscribe()|};
                        }
                    }
                    """,
                FixedCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class OrderDesk
                    {
                        public async Task StartAsync(Client realtime)
                        {
                            var feed = realtime.Channel("orders");
                            feed.Register(new PostgresChangesOptions("public", "orders"));
                            await feed.Subscribe();
                            feed.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => { });
                        }
                    }
                    """,
                ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("feed", After(11)) },
            }.RunAsync();

        [Fact]
        public Task Fix_removes_a_repeat_whose_registration_in_between_repeats_one_the_join_carried_on_realtime73()
            => new Verify.Test
            {
                Sdk = SdkVersion.Realtime730,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class ProfileCard
                    {
                        public async Task ShowAsync(Client realtime)
                        {
                            var profile = realtime.Channel("realtime", "public", "profiles", "id", "42");
                            await profile.Subscribe();
                            profile.Register(new PostgresChangesOptions("public", "profiles", PostgresChangesOptions.ListenType.All, "id=eq.42"));
                            await {|#0:profile.Subscribe()|};
                        }

                        public async Task ListTeamsAsync(Client realtime)
                        {
                            var teams = realtime.Channel("teams");
                            teams.Register(new PostgresChangesOptions("public", "teams"));
                            await teams.Subscribe();
                            teams.Register(new PostgresChangesOptions("public", "teams"));
                            await {|#1:teams.Subscribe()|};
                        }
                    }
                    """,
                FixedCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class ProfileCard
                    {
                        public async Task ShowAsync(Client realtime)
                        {
                            var profile = realtime.Channel("realtime", "public", "profiles", "id", "42");
                            await profile.Subscribe();
                            profile.Register(new PostgresChangesOptions("public", "profiles", PostgresChangesOptions.ListenType.All, "id=eq.42"));
                        }

                        public async Task ListTeamsAsync(Client realtime)
                        {
                            var teams = realtime.Channel("teams");
                            teams.Register(new PostgresChangesOptions("public", "teams"));
                            await teams.Subscribe();
                            teams.Register(new PostgresChangesOptions("public", "teams"));
                        }
                    }
                    """,
                ExpectedDiagnostics =
                {
                    Verify.Diagnostic().WithLocation(0).WithArguments("profile", After(10)),
                    Verify.Diagnostic().WithLocation(1).WithArguments("teams", After(19)),
                },
            }.RunAsync();

        [Fact]
        public Task Reports_loop_that_registers_a_filter_per_id_on_one_cached_channel_on_realtime74()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;

                public sealed class OrderWatchlist
                {
                    private readonly Client _realtime;

                    public OrderWatchlist(Client realtime) => _realtime = realtime;

                    public async Task WatchAsync(IEnumerable<long> orderIds)
                    {
                        foreach (var id in orderIds)
                        {
                            var channel = _realtime.Channel("orders");
                            channel.OnPostgresChange(OnOrderChanged, PostgresChangesOptions.ListenType.Updates, new PostgresChangesFilter { Table = "orders", Filter = $"id=eq.{id}" });
                            await {|#0:channel.Subscribe()|};
                        }
                    }

                    private void OnOrderChanged(IRealtimeChannel sender, PostgresChangesResponse change) { }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("channel", PerPassReason("_realtime", "OnPostgresChange(...)", 18)));

        [Fact]
        public Task Reports_for_loop_that_registers_a_filter_per_driver_on_one_cached_channel_on_realtime5()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System.Collections.Generic;
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class LegacyDriverMap
                    {
                        public async Task FollowAsync(Client realtime, IReadOnlyList<string> driverIds)
                        {
                            for (var i = 0; i < driverIds.Count; i++)
                            {
                                var positions = realtime.Channel("driver-positions");
                                positions.Register(new PostgresChangesOptions("public", "positions", PostgresChangesOptions.ListenType.Updates, "driver_id=eq." + driverIds[i]));
                                positions.OnUpdate += (sender, args) => { };
                                await {|#0:positions.Subscribe()|};
                            }
                        }
                    }
                    """,
                ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("positions", PerPassReason("realtime", "Register(...)", 13)) },
            }.RunAsync();

        [Fact]
        public Task Reports_loop_that_registers_a_filter_per_team_on_a_channel_obtained_before_it()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                    using System.Collections.Generic;
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class TeamInbox
                    {
                        public async Task OpenAsync(Client realtime, IEnumerable<string> teamIds)
                        {
                            var inbox = realtime.Channel("inbox");
                            foreach (var teamId in teamIds)
                            {
                                inbox.Register(new PostgresChangesOptions("public", "messages", filter: $"team_id=eq.{teamId}"));
                                await {|#0:inbox.Subscribe()|};
                            }
                        }
                    }
                    """,
                ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("inbox", "inside a loop while it is obtained outside the loop: " + OnlyFirstPassJoins("Register(...)", 13)) },
            }.RunAsync();

        [Fact]
        public Task Ignores_loop_whose_topic_has_the_id_on_realtime74()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;

                public sealed class OrderWatchlist
                {
                    private readonly Client _realtime;

                    public OrderWatchlist(Client realtime) => _realtime = realtime;

                    public async Task WatchAsync(IEnumerable<long> orderIds)
                    {
                        foreach (var id in orderIds)
                        {
                            var channel = _realtime.Channel($"orders:{id}");
                            channel.OnPostgresChange(OnOrderChanged, PostgresChangesOptions.ListenType.Updates, new PostgresChangesFilter { Table = "orders", Filter = $"id=eq.{id}" });
                            await channel.Subscribe();
                        }
                    }

                    private void OnOrderChanged(IRealtimeChannel sender, PostgresChangesResponse change) { }
                }
                """);

        [Fact]
        public Task Ignores_loop_whose_topic_has_the_driver_on_realtime5()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System.Collections.Generic;
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class LegacyDriverMap
                    {
                        public async Task FollowAsync(Client realtime, IReadOnlyList<string> driverIds)
                        {
                            for (var i = 0; i < driverIds.Count; i++)
                            {
                                var positions = realtime.Channel("driver-positions:" + driverIds[i]);
                                positions.Register(new PostgresChangesOptions("public", "positions", PostgresChangesOptions.ListenType.Updates, "driver_id=eq." + driverIds[i]));
                                positions.OnUpdate += (sender, args) => { };
                                await positions.Subscribe();
                            }
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_loop_that_removes_the_channel_before_the_next_pass()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                    using System.Collections.Generic;
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class CourierRoute
                    {
                        public async Task RideAsync(Client realtime, IEnumerable<long> stops)
                        {
                            foreach (var stop in stops)
                            {
                                var deliveries = realtime.Channel("deliveries");
                                deliveries.Register(new PostgresChangesOptions("public", "deliveries", filter: $"stop_id=eq.{stop}"));
                                await deliveries.Subscribe();
                                await Task.Delay(60_000);
                                realtime.Remove(deliveries);
                            }
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_loop_that_leaves_after_its_first_subscribe()
            => Verify.VerifyAnalyzerAsync(
                """
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;

                public sealed class Shift
                {
                    public long Id { get; set; }

                    public bool IsActive { get; set; }
                }

                public sealed class ShiftBanner
                {
                    private readonly Client _realtime;

                    public ShiftBanner(Client realtime) => _realtime = realtime;

                    public async Task ShowAsync(IEnumerable<Shift> shifts)
                    {
                        foreach (var shift in shifts)
                        {
                            if (!shift.IsActive)
                            {
                                continue;
                            }

                            var channel = _realtime.Channel("shifts");
                            channel.OnPostgresChange(OnShiftChanged, PostgresChangesOptions.ListenType.Updates, new PostgresChangesFilter { Table = "shifts", Filter = $"id=eq.{shift.Id}" });
                            await channel.Subscribe();
                            break;
                        }
                    }

                    private void OnShiftChanged(IRealtimeChannel sender, PostgresChangesResponse change) { }
                }
                """);

        // ---- Case 5 without a registration: a constant topic taken on every pass ---------------------

        [Fact]
        public Task Reports_status_loop_that_takes_the_cached_channel_on_every_pass()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase160,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class StatusPanel
                    {
                        public async Task WarmUpAsync(Client realtime)
                        {
                            for (var i = 0; i < 3; i++)
                            {
                                var status = realtime.Channel("status");
                                await {|#0:status.Subscribe()|};
                            }
                        }
                    }
                    """,
                ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("status", CachedPassReason("realtime")) },
            }.RunAsync();

        [Fact]
        public Task Reports_status_loop_that_takes_the_cached_channel_on_every_pass_on_realtime5()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System.Collections.Generic;
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class KioskHeartbeat
                    {
                        private readonly Client _realtime;

                        public KioskHeartbeat(Client realtime) => _realtime = realtime;

                        public async Task AnnounceAsync(IEnumerable<string> kiosks)
                        {
                            foreach (var kiosk in kiosks)
                            {
                                var status = _realtime.Channel("kiosk-status");
                                await {|#0:status.Subscribe()|};
                            }
                        }
                    }
                    """,
                ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithArguments("status", CachedPassReason("_realtime")) },
            }.RunAsync();

        [Fact]
        public Task Ignores_status_loop_that_leaves_after_the_subscribe()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase160,
                TestCode = """
                    using System.Collections.Generic;
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class StatusPanel
                    {
                        public async Task ShowFirstOnlineAsync(Client realtime, IEnumerable<bool> online)
                        {
                            foreach (var isOnline in online)
                            {
                                if (!isOnline)
                                {
                                    continue;
                                }

                                var status = realtime.Channel("status");
                                await status.Subscribe();
                                break;
                            }
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_status_loop_that_removes_the_channel_at_the_end_of_each_pass()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase160,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class StatusProbe
                    {
                        public async Task ProbeAsync(Client realtime, int rounds)
                        {
                            for (var i = 0; i < rounds; i++)
                            {
                                var status = realtime.Channel("status");
                                await status.Subscribe();
                                await Task.Delay(5_000);
                                realtime.Remove(status);
                            }
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_status_loop_that_unsubscribes_at_the_end_of_each_pass_on_realtime5()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class KioskHeartbeat
                    {
                        public async Task PulseAsync(Client realtime, int pulses)
                        {
                            for (var i = 0; i < pulses; i++)
                            {
                                var status = realtime.Channel("kiosk-status");
                                await status.Subscribe();
                                await Task.Delay(1_000);
                                status.Unsubscribe();
                            }
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_status_loop_whose_topic_has_the_loop_index()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase160,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class ShardMonitor
                    {
                        public async Task WatchAsync(Client realtime, int shardCount)
                        {
                            for (var i = 0; i < shardCount; i++)
                            {
                                var status = realtime.Channel("status:" + i);
                                await status.Subscribe();
                            }
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_status_loop_that_retries_a_failed_join()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase160,
                TestCode = """
                    using System;
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class StatusConnector
                    {
                        public async Task JoinAsync(Client realtime)
                        {
                            for (var attempt = 1; attempt <= 3; attempt++)
                            {
                                var status = realtime.Channel("status");
                                try
                                {
                                    await status.Subscribe();
                                    return;
                                }
                                catch (Exception)
                                {
                                    await Task.Delay(attempt * 1_000);
                                }
                            }
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_status_loop_that_hands_the_channel_to_a_helper()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase160,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class StatusRotation
                    {
                        private readonly Client _realtime;

                        public StatusRotation(Client realtime) => _realtime = realtime;

                        public async Task RotateAsync(int rounds)
                        {
                            for (var i = 0; i < rounds; i++)
                            {
                                var status = _realtime.Channel("status");
                                await status.Subscribe();
                                await RetireAsync(status);
                            }
                        }

                        private async Task RetireAsync(RealtimeChannel channel)
                        {
                            await Task.Delay(10_000);
                            _realtime.Remove(channel);
                        }
                    }
                    """,
            }.RunAsync();
    }
}
