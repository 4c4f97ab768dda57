using System.Threading.Tasks;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using Verify = SupabaseRealtime.Analyzers.Tests.Verification.CSharpCodeFixVerifier<
    SupabaseRealtime.Analyzers.Rules.UnsubscribeKeepsChannelCachedAnalyzer,
    SupabaseRealtime.Analyzers.CodeFixes.Rules.UnsubscribeKeepsChannelCachedCodeFixProvider>;
using VerifyAnalyzer = SupabaseRealtime.Analyzers.Tests.Verification.CSharpAnalyzerVerifier<
    SupabaseRealtime.Analyzers.Rules.UnsubscribeKeepsChannelCachedAnalyzer>;

namespace SupabaseRealtime.Analyzers.Tests.Rules
{
    /// <summary>SRT007: Unsubscribe() keeps the channel cached.</summary>
    public class SRT007Tests
    {
        private const string Usings = """
            using System;
            using System.ComponentModel;
            using System.Threading;
            using System.Threading.Tasks;
            using Supabase.Postgrest.Models;
            using Supabase.Realtime;
            using Supabase.Realtime.Interfaces;
            using Supabase.Realtime.PostgresChanges;

            """;

        /// <summary>Realtime 7.1+ (the default SDK): the first handlers keep running, the ones added again are dropped.</summary>
        private const string Paired = "the handlers added first keep running and the ones added again are dropped";

        private static DiagnosticResult Expected(string channel, string member, string suffix = "", string consequence = Paired)
            => Verify.Diagnostic().WithLocation(0).WithArguments(channel, member, suffix, consequence);

        [Fact]
        public Task Reports_resubscribe_that_obtains_the_same_channel_again()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class TodoFeed
                    {
                        private readonly Supabase.Client _supabase;
                        private RealtimeChannel? _channel;

                        public TodoFeed(Supabase.Client supabase) => _supabase = supabase;

                        public async Task ResubscribeAsync()
                        {
                            {|#0:_channel?.Unsubscribe()|};
                            _channel = _supabase.Realtime.Channel("todos");
                            var openedAt1 = DateTime.UtcNow;
                            _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => Console.WriteLine(openedAt1));
                            await _channel.Subscribe();
                        }
                    }
                }
                """,
                Expected("_channel", "ResubscribeAsync"));

        [Fact]
        public Task Reports_retry_loop_that_obtains_the_channel_again_on_each_pass()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public static class JobListener
                    {
                        public static async Task ListenAsync(Client realtime, CancellationToken token)
                        {
                            while (!token.IsCancellationRequested)
                            {
                                var jobs = realtime.Channel("jobs");
                                var openedAt1 = DateTime.UtcNow;
                                jobs.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => Console.WriteLine(openedAt1));
                                await jobs.Subscribe();
                                await Task.Delay(TimeSpan.FromMinutes(5), token);
                                {|#0:jobs.Unsubscribe()|};
                            }
                        }
                    }
                }
                """,
                Expected("jobs", "ListenAsync"));

        [Fact]
        public Task Reports_unity_behaviour_that_sets_up_again_in_on_enable()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public class LiveScores : UnityEngine.MonoBehaviour
                    {
                        private Client _realtime = default!;
                        private RealtimeChannel? _scores;

                        private void Awake()
                        {
                            _realtime = new Client("wss://example.supabase.co/realtime/v1");
                        }

                        private async void OnEnable()
                        {
                            _scores = _realtime.Channel("scores");
                            var openedAt1 = DateTime.UtcNow;
                            _scores.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Updates, (sender, change) => Console.WriteLine(openedAt1));
                            await _scores.Subscribe();
                        }

                        private void OnDisable()
                        {
                            {|#0:_scores?.Unsubscribe()|};
                        }
                    }
                }
                """,
                Expected("_scores", "OnEnable"));

        // A pause and resume of one object with equal delegates (a method group of this, a lambda capturing nothing or
        // only this): 6.0-7.0 skip the equal delegate, 7.1+ drop it while the equal first one keeps running. Nothing changes.
        [Theory]
        [InlineData("OnScore")]
        [InlineData("(sender, change) => Console.WriteLine(\"score\")")]
        [InlineData("(sender, change) => OnScore(sender, change)")]
        public Task Ignores_a_pause_and_resume_of_one_behaviour_with_equal_delegates(string handler)
            => Verify.VerifyAnalyzerAsync(Usings + $$"""
                namespace Demo
                {
                    public class LiveScores : UnityEngine.MonoBehaviour
                    {
                        private Client _realtime = default!;
                        private RealtimeChannel? _scores;

                        private void Awake()
                        {
                            _realtime = new Client("wss://example.supabase.co/realtime/v1");
                        }

                        private async void OnEnable()
                        {
                            _scores = _realtime.Channel("scores");
                            _scores.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Updates, {{handler}});
                            await _scores.Subscribe();
                        }

                        private void OnDisable()
                        {
                            _scores?.Unsubscribe();
                        }

                        private void OnScore(IRealtimeChannel sender, PostgresChangesResponse change) => Console.WriteLine(change.Event);
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_pause_and_resume_with_equal_delegates_on_realtime_7_0()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = Usings + """
                    namespace Demo
                    {
                        public sealed class TodoFeed
                        {
                            private readonly Supabase.Client _supabase;
                            private RealtimeChannel? _channel;

                            public TodoFeed(Supabase.Client supabase) => _supabase = supabase;

                            public async Task ResumeAsync()
                            {
                                _channel = _supabase.Realtime.Channel("todos");
                                _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, OnChange);
                                await _channel.Subscribe();
                            }

                            public void Pause() => _channel?.Unsubscribe();

                            private void OnChange(IRealtimeChannel sender, PostgresChangesResponse change) => Console.WriteLine(change.Event);
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Reports_a_pause_and_resume_that_registers_presence_again()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public class Viewer : Supabase.Realtime.Models.BasePresence
                    {
                    }

                    public class LobbyBehaviour : UnityEngine.MonoBehaviour
                    {
                        private Client _realtime = default!;
                        private RealtimeChannel? _lobby;

                        private void Awake()
                        {
                            _realtime = new Client("wss://example.supabase.co/realtime/v1");
                        }

                        private async void OnEnable()
                        {
                            _lobby = _realtime.Channel("lobby");
                            _lobby.Register<Viewer>("player-1");
                            _lobby.AddStateChangedHandler((sender, state) => Console.WriteLine(state));
                            await _lobby.Subscribe();
                        }

                        private void OnDisable()
                        {
                            {|#0:_lobby?.Unsubscribe()|};
                        }
                    }
                }
                """,
                Expected("_lobby", "OnEnable"));

        [Fact]
        public Task Reports_a_pause_and_resume_with_equal_delegates_on_realtime_5_events()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System;
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    namespace Demo
                    {
                        public sealed class TodoFeed
                        {
                            private readonly Client _realtime;
                            private RealtimeChannel? _channel;

                            public TodoFeed(Client realtime) => _realtime = realtime;

                            public async Task ResumeAsync()
                            {
                                _channel = _realtime.Channel("todos");
                                _channel.OnInsert += OnInsert;
                                await _channel.Subscribe();
                            }

                            public void Pause() => {|#0:_channel?.Unsubscribe()|};

                            private void OnInsert(object? sender, PostgresChangesEventArgs args) => Console.WriteLine(args.Response);
                        }
                    }
                    """,
                ExpectedDiagnostics = { Expected("_channel", "ResumeAsync", "", "every handler attached again runs once more per change") },
            }.RunAsync();

        [Fact]
        public Task Reports_hosted_service_that_can_start_again_after_stop()
            => Verify.VerifyAnalyzerAsync(Usings + """
                using Microsoft.Extensions.Hosting;

                namespace Demo
                {
                    public sealed class PresenceService : IHostedService
                    {
                        private readonly Client _realtime;
                        private RealtimeChannel? _presence;

                        public PresenceService(Client realtime) => _realtime = realtime;

                        public async Task StartAsync(CancellationToken cancellationToken)
                        {
                            _presence = _realtime.Channel("presence");
                            var openedAt1 = DateTime.UtcNow;
                            _presence.AddStateChangedHandler((sender, state) => Console.WriteLine(openedAt1));
                            var openedAt2 = DateTime.UtcNow;
                            _presence.AddErrorHandler((sender, error) => Console.WriteLine(openedAt2));
                            await _presence.Subscribe();
                        }

                        public Task StopAsync(CancellationToken cancellationToken)
                        {
                            {|#0:_presence?.Unsubscribe()|};
                            return Task.CompletedTask;
                        }
                    }
                }
                """,
                Expected("_presence", "StartAsync"));

        [Fact]
        public Task Reports_auth_handler_that_unsubscribes_on_sign_out_and_sets_up_on_sign_in()
            => Verify.VerifyAnalyzerAsync(Usings + """
                using Supabase.Gotrue;
                using Supabase.Gotrue.Interfaces;

                namespace Demo
                {
                    public sealed class ChatService
                    {
                        private readonly Supabase.Client _supabase;
                        private RealtimeChannel? _messages;

                        public ChatService(Supabase.Client supabase)
                        {
                            _supabase = supabase;
                            _supabase.Auth.AddStateChangedListener(OnAuthStateChanged);
                        }

                        private async void OnAuthStateChanged(IGotrueClient<User, Session> sender, Supabase.Gotrue.Constants.AuthState state)
                        {
                            if (state == Supabase.Gotrue.Constants.AuthState.SignedOut)
                            {
                                {|#0:_messages?.Unsubscribe()|};
                                return;
                            }

                            _messages = _supabase.Realtime.Channel("messages");
                            var openedAt1 = DateTime.UtcNow;
                            _messages.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (s, change) => Console.WriteLine(openedAt1));
                            await _messages.Subscribe();
                        }
                    }
                }
                """,
                Expected("_messages", "OnAuthStateChanged"));

        [Fact]
        public Task Reports_component_whose_next_instance_gets_the_channel_back_from_a_shared_client()
            => Verify.VerifyAnalyzerAsync(Usings + """
                using Microsoft.AspNetCore.Components;

                namespace Demo
                {
                    public partial class TodoList : ComponentBase, IDisposable
                    {
                        private RealtimeChannel? _channel;

                        [Inject]
                        public Supabase.Client Supabase { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _channel = Supabase.Realtime.Channel("todos");
                            _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => StateHasChanged());
                            await _channel.Subscribe();
                        }

                        public void Dispose()
                        {
                            {|#0:_channel?.Unsubscribe()|};
                        }
                    }
                }
                """,
                Expected("_channel", "OnInitializedAsync", " to the next TodoList"));

        [Fact]
        public Task Reports_view_model_that_sets_up_in_its_constructor_on_an_injected_client()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class TodoViewModel : INotifyPropertyChanged, IDisposable
                    {
                        private readonly IRealtimeChannel _channel;

                        public TodoViewModel(Supabase.Client supabase)
                        {
                            _channel = supabase.Realtime.Channel("realtime", "public", "todos");
                            _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs("Items")));
                            _ = _channel.Subscribe();
                        }

                        public event PropertyChangedEventHandler? PropertyChanged;

                        public void Dispose() => {|#0:_channel.Unsubscribe()|};
                    }
                }
                """,
                Expected("_channel", "TodoViewModel", " to the next TodoViewModel"));

        [Fact]
        public Task Reports_legacy_event_handlers_on_a_component_with_a_shared_client()
        {
            var test = new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System;
                    using System.Threading.Tasks;
                    using Microsoft.AspNetCore.Components;
                    using Supabase.Realtime;

                    namespace Demo
                    {
                        public class Feed : ComponentBase, IDisposable
                        {
                            private RealtimeChannel? _feed;

                            [Inject]
                            public Client Realtime { get; set; } = default!;

                            protected override async Task OnInitializedAsync()
                            {
                                _feed = Realtime.Channel("realtime", "public", "posts");
                                _feed.OnInsert += (sender, args) => StateHasChanged();
                                _feed.StateChanged += (sender, args) => StateHasChanged();
                                await _feed.Subscribe();
                            }

                            public void Dispose()
                            {
                                {|#0:_feed?.Unsubscribe()|};
                            }
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Expected("_feed", "OnInitializedAsync", " to the next Feed", "every handler attached again runs once more per change"));
            return test.RunAsync();
        }

        [Fact]
        public Task Ignores_a_resubscribe_that_removes_the_channel_on_realtime_7_0()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = Usings + """
                    namespace Demo
                    {
                        public sealed class TodoFeed
                        {
                            private readonly Supabase.Client _supabase;
                            private RealtimeChannel? _channel;

                            public TodoFeed(Supabase.Client supabase) => _supabase = supabase;

                            public async Task ResubscribeAsync(string listId)
                            {
                                if (_channel != null)
                                {
                                    _supabase.Realtime.Remove(_channel);
                                }

                                _channel = _supabase.Realtime.Channel("todos");
                                _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => Console.WriteLine(listId));
                                await _channel.Subscribe();
                            }
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Reports_handlers_added_again_beside_the_first_on_realtime_7_0()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = Usings + """
                    namespace Demo
                    {
                        public sealed class TodoFeed
                        {
                            private readonly Supabase.Client _supabase;
                            private RealtimeChannel? _channel;

                            public TodoFeed(Supabase.Client supabase) => _supabase = supabase;

                            public async Task ResubscribeAsync(string listId)
                            {
                                {|#0:_channel?.Unsubscribe()|};
                                _channel = _supabase.Realtime.Channel("todos");
                                _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => Console.WriteLine(listId));
                                await _channel.Subscribe();
                            }
                        }
                    }
                    """,
                ExpectedDiagnostics = { Expected("_channel", "ResubscribeAsync", "", "handlers added again run beside the first ones unless they are the same delegate") },
            }.RunAsync();

        [Fact]
        public Task Reports_with_configured_lifetime_type()
        {
            var test = new VerifyAnalyzer.Test
            {
                TestCode = Usings + """
                    namespace Demo
                    {
                        public abstract class Screen
                        {
                            public abstract Task ActivateAsync();

                            public abstract void Close();
                        }

                        public sealed class Lobby : Screen
                        {
                            private readonly Client _realtime;
                            private RealtimeChannel? _lobby;

                            public Lobby(Client realtime) => _realtime = realtime;

                            public override async Task ActivateAsync()
                            {
                                _lobby = _realtime.Channel("lobby");
                                _lobby.AddStateChangedHandler((sender, state) => { });
                                await _lobby.Subscribe();
                            }

                            public override void Close() => {|#0:_lobby?.Unsubscribe()|};
                        }
                    }
                    """,
            };
            test.AddEditorConfig("""
                supabase_realtime.SRT004.lifetime_types = Demo.Screen
                supabase_realtime.SRT004.teardown_methods = Close
                """);
            test.ExpectedDiagnostics.Add(Expected("_lobby", "ActivateAsync", " to the next Lobby"));
            return test.RunAsync();
        }

        [Fact]
        public Task Ignores_when_the_type_removes_channels_of_the_client()
            => Verify.VerifyAnalyzerAsync(Usings + """
                using Microsoft.AspNetCore.Components;

                namespace Demo
                {
                    public partial class TodoList : ComponentBase, IDisposable
                    {
                        private RealtimeChannel? _channel;
                        private RealtimeChannel? _presence;

                        [Inject]
                        public Supabase.Client Supabase { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _channel = Supabase.Realtime.Channel("todos");
                            _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => StateHasChanged());
                            await _channel.Subscribe();
                            _presence = Supabase.Realtime.Channel("presence");
                            _presence.AddStateChangedHandler((sender, state) => StateHasChanged());
                            await _presence.Subscribe();
                        }

                        public void Dispose()
                        {
                            _channel?.Unsubscribe();
                            if (_presence != null)
                            {
                                Supabase.Realtime.Remove(_presence);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_final_teardown_of_a_channel_received_from_outside()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class RoomViewModel : INotifyPropertyChanged, IDisposable
                    {
                        private readonly IRealtimeChannel _room;

                        public RoomViewModel(IRealtimeChannel room)
                        {
                            _room = room;
                            _room.AddStateChangedHandler((sender, state) => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs("State")));
                        }

                        public event PropertyChangedEventHandler? PropertyChanged;

                        public void Dispose() => _room.Unsubscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_client_owned_and_disconnected_by_the_type()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class Ticker : IDisposable
                    {
                        private readonly Client _realtime = new Client("wss://example.supabase.co/realtime/v1");
                        private RealtimeChannel? _ticks;

                        public async Task StartAsync()
                        {
                            await _realtime.ConnectAsync();
                            _ticks = _realtime.Channel("ticks");
                            _ticks.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => { });
                            await _ticks.Subscribe();
                        }

                        public void Dispose()
                        {
                            _ticks?.Unsubscribe();
                            _realtime.Disconnect();
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_channel_without_handlers_or_registrations()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class Heartbeat
                    {
                        private readonly Client _realtime;
                        private RealtimeChannel? _channel;

                        public Heartbeat(Client realtime) => _realtime = realtime;

                        public async Task RestartAsync()
                        {
                            _channel?.Unsubscribe();
                            _channel = _realtime.Channel("heartbeat");
                            await _channel.Subscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_topics_that_are_not_constant()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class RoomSwitcher
                    {
                        private readonly Client _realtime;
                        private RealtimeChannel? _room;

                        public RoomSwitcher(Client realtime) => _realtime = realtime;

                        public async Task SwitchAsync(string room)
                        {
                            _room?.Unsubscribe();
                            _room = _realtime.Channel($"room:{room}");
                            _room.AddStateChangedHandler((sender, state) => { });
                            await _room.Subscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_set_up_only_in_the_constructor_of_a_long_lived_service()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class AuditLog
                    {
                        private readonly RealtimeChannel _audit;

                        public AuditLog(Client realtime)
                        {
                            _audit = realtime.Channel("audit");
                            _audit.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => { });
                            _ = _audit.Subscribe();
                        }

                        public void Stop() => _audit.Unsubscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_unity_set_up_in_start_with_an_owned_client()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public class Chat : UnityEngine.MonoBehaviour
                    {
                        private Client _realtime = default!;
                        private RealtimeChannel? _chat;

                        private void Awake()
                        {
                            _realtime = new Client("wss://example.supabase.co/realtime/v1");
                        }

                        private async void Start()
                        {
                            _chat = _realtime.Channel("chat");
                            _chat.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => { });
                            await _chat.Subscribe();
                        }

                        private void OnDisable()
                        {
                            _chat?.Unsubscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_channel_of_a_table_on_call()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public class Todo : BaseModel
                    {
                    }

                    public sealed class TodoSync : IDisposable
                    {
                        private readonly Supabase.Client _supabase;
                        private RealtimeChannel? _changes;

                        public TodoSync(Supabase.Client supabase) => _supabase = supabase;

                        public async Task StartAsync()
                        {
                            _changes = await _supabase.From<Todo>().On(PostgresChangesOptions.ListenType.All, (sender, change) => { });
                            _changes.AddStateChangedHandler((sender, state) => { });
                        }

                        public void Dispose() => _changes?.Unsubscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_half_typed_code()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class Broken
                    {
                        private readonly Client _realtime;
                        private RealtimeChannel? _channel;

                        public Broken(Client realtime) => _realtime = realtime;

                        public async Task RestartAsync()
                        {
                            _channel?{|CS1061:.Unsubscribes|}();
                            {|CS0103:missing|}.Unsubscribe();
                            _channel = _realtime.Channel({|CS1503:7|});
                            _channel.AddStateChangedHandler((sender, state) => { });
                            await _channel.Subscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_replaces_conditional_unsubscribe_with_null_checked_remove()
            => Verify.VerifyCodeFixAsync(Usings + """
                namespace Demo
                {
                    public sealed class TodoFeed
                    {
                        private readonly Supabase.Client _supabase;
                        private RealtimeChannel? _channel;

                        public TodoFeed(Supabase.Client supabase) => _supabase = supabase;

                        public async Task ResubscribeAsync()
                        {
                            [|_channel?.Unsubscribe()|];
                            _channel = _supabase.Realtime.Channel("todos");
                            var openedAt1 = DateTime.UtcNow;
                            _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => Console.WriteLine(openedAt1));
                            await _channel.Subscribe();
                        }
                    }
                }
                """, Usings + """
                namespace Demo
                {
                    public sealed class TodoFeed
                    {
                        private readonly Supabase.Client _supabase;
                        private RealtimeChannel? _channel;

                        public TodoFeed(Supabase.Client supabase) => _supabase = supabase;

                        public async Task ResubscribeAsync()
                        {
                            if (_channel != null)
                            {
                                _supabase.Realtime.Remove(_channel);
                            }

                            _channel = _supabase.Realtime.Channel("todos");
                            var openedAt1 = DateTime.UtcNow;
                            _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => Console.WriteLine(openedAt1));
                            await _channel.Subscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_removes_a_local_channel_from_the_client_parameter()
            => Verify.VerifyCodeFixAsync(Usings + """
                namespace Demo
                {
                    public static class JobListener
                    {
                        public static async Task ListenAsync(Client realtime, CancellationToken token)
                        {
                            while (!token.IsCancellationRequested)
                            {
                                var jobs = realtime.Channel("jobs");
                                var openedAt1 = DateTime.UtcNow;
                                jobs.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => Console.WriteLine(openedAt1));
                                await jobs.Subscribe();
                                await Task.Delay(TimeSpan.FromMinutes(5), token);
                                [|jobs.Unsubscribe()|];
                            }
                        }
                    }
                }
                """, Usings + """
                namespace Demo
                {
                    public static class JobListener
                    {
                        public static async Task ListenAsync(Client realtime, CancellationToken token)
                        {
                            while (!token.IsCancellationRequested)
                            {
                                var jobs = realtime.Channel("jobs");
                                var openedAt1 = DateTime.UtcNow;
                                jobs.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => Console.WriteLine(openedAt1));
                                await jobs.Subscribe();
                                await Task.Delay(TimeSpan.FromMinutes(5), token);
                                realtime.Remove(jobs);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_casts_an_interface_typed_channel_when_every_value_is_concrete()
            => Verify.VerifyCodeFixAsync(Usings + """
                namespace Demo
                {
                    public sealed class TodoViewModel : INotifyPropertyChanged, IDisposable
                    {
                        private readonly Supabase.Client _supabase;
                        private readonly IRealtimeChannel _channel;

                        public TodoViewModel(Supabase.Client supabase)
                        {
                            _supabase = supabase;
                            _channel = _supabase.Realtime.Channel("realtime", "public", "todos");
                            _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs("Items")));
                            _ = _channel.Subscribe();
                        }

                        public event PropertyChangedEventHandler? PropertyChanged;

                        public void Dispose()
                        {
                            [|_channel.Unsubscribe()|];
                        }
                    }
                }
                """, Usings + """
                namespace Demo
                {
                    public sealed class TodoViewModel : INotifyPropertyChanged, IDisposable
                    {
                        private readonly Supabase.Client _supabase;
                        private readonly IRealtimeChannel _channel;

                        public TodoViewModel(Supabase.Client supabase)
                        {
                            _supabase = supabase;
                            _channel = _supabase.Realtime.Channel("realtime", "public", "todos");
                            _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs("Items")));
                            _ = _channel.Subscribe();
                        }

                        public event PropertyChangedEventHandler? PropertyChanged;

                        public void Dispose()
                        {
                            _supabase.Realtime.Remove((RealtimeChannel)_channel);
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_expands_an_expression_bodied_teardown()
            => Verify.VerifyCodeFixAsync(Usings + """
                namespace Demo
                {
                    public class LiveScores : UnityEngine.MonoBehaviour
                    {
                        private Client _realtime = default!;
                        private RealtimeChannel? _scores;

                        private void Awake() => _realtime = new Client("wss://example.supabase.co/realtime/v1");

                        private async void OnEnable()
                        {
                            _scores = _realtime.Channel("scores");
                            var openedAt1 = DateTime.UtcNow;
                            _scores.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Updates, (sender, change) => Console.WriteLine(openedAt1));
                            await _scores.Subscribe();
                        }

                        private void OnDisable() => [|_scores?.Unsubscribe()|];
                    }
                }
                """, Usings + """
                namespace Demo
                {
                    public class LiveScores : UnityEngine.MonoBehaviour
                    {
                        private Client _realtime = default!;
                        private RealtimeChannel? _scores;

                        private void Awake() => _realtime = new Client("wss://example.supabase.co/realtime/v1");

                        private async void OnEnable()
                        {
                            _scores = _realtime.Channel("scores");
                            var openedAt1 = DateTime.UtcNow;
                            _scores.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Updates, (sender, change) => Console.WriteLine(openedAt1));
                            await _scores.Subscribe();
                        }

                        private void OnDisable()
                        {
                            if (_scores != null)
                            {
                                _realtime.Remove(_scores);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_reaches_the_client_through_a_nullable_field_with_a_null_conditional_access()
            => Verify.VerifyCodeFixAsync(Usings + """
                namespace Demo
                {
                    public sealed class LeaderboardBehaviour : UnityEngine.MonoBehaviour
                    {
                        private Supabase.Client? _supabase;
                        private RealtimeChannel? _scores;

                        public void Initialize(Supabase.Client supabase) => _supabase = supabase;

                        private async void OnEnable()
                        {
                            if (_supabase is null)
                            {
                                return;
                            }

                            _scores = _supabase.Realtime.Channel("scores");
                            _scores.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "scores" });
                            await _scores.Subscribe();
                        }

                        private void OnDisable()
                        {
                            if (_scores != null)
                            {
                                // Leave the channel while the behaviour is disabled.
                                [|_scores.Unsubscribe()|];
                            }
                        }
                    }
                }
                """, Usings + """
                namespace Demo
                {
                    public sealed class LeaderboardBehaviour : UnityEngine.MonoBehaviour
                    {
                        private Supabase.Client? _supabase;
                        private RealtimeChannel? _scores;

                        public void Initialize(Supabase.Client supabase) => _supabase = supabase;

                        private async void OnEnable()
                        {
                            if (_supabase is null)
                            {
                                return;
                            }

                            _scores = _supabase.Realtime.Channel("scores");
                            _scores.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "scores" });
                            await _scores.Subscribe();
                        }

                        private void OnDisable()
                        {
                            if (_scores != null)
                            {
                                // Leave the channel while the behaviour is disabled.
                                _supabase?.Realtime.Remove(_scores);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_keeps_a_plain_access_where_the_nullable_client_field_is_known_to_be_set()
            => Verify.VerifyCodeFixAsync(Usings + """
                namespace Demo
                {
                    public sealed class LeaderboardBehaviour : UnityEngine.MonoBehaviour
                    {
                        private Supabase.Client? _supabase;
                        private Client? _realtime;
                        private RealtimeChannel? _scores;
                        private RealtimeChannel? _ranks;

                        public void Initialize(Supabase.Client supabase, Client realtime)
                        {
                            _supabase = supabase;
                            _realtime = realtime;
                        }

                        private async void OnEnable()
                        {
                            if (_supabase is null || _realtime is null)
                            {
                                return;
                            }

                            _scores = _supabase.Realtime.Channel("scores");
                            _scores.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "scores" });
                            await _scores.Subscribe();
                            _ranks = _realtime.Channel("ranks");
                            _ranks.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.Updates, new PostgresChangesFilter { Table = "ranks" });
                            await _ranks.Subscribe();
                        }

                        private void OnDisable()
                        {
                            if (_supabase != null)
                            {
                                [|_scores?.Unsubscribe()|];
                            }

                            [|_ranks?.Unsubscribe()|];
                        }
                    }
                }
                """, Usings + """
                namespace Demo
                {
                    public sealed class LeaderboardBehaviour : UnityEngine.MonoBehaviour
                    {
                        private Supabase.Client? _supabase;
                        private Client? _realtime;
                        private RealtimeChannel? _scores;
                        private RealtimeChannel? _ranks;

                        public void Initialize(Supabase.Client supabase, Client realtime)
                        {
                            _supabase = supabase;
                            _realtime = realtime;
                        }

                        private async void OnEnable()
                        {
                            if (_supabase is null || _realtime is null)
                            {
                                return;
                            }

                            _scores = _supabase.Realtime.Channel("scores");
                            _scores.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "scores" });
                            await _scores.Subscribe();
                            _ranks = _realtime.Channel("ranks");
                            _ranks.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.Updates, new PostgresChangesFilter { Table = "ranks" });
                            await _ranks.Subscribe();
                        }

                        private void OnDisable()
                        {
                            if (_supabase != null)
                            {
                                if (_scores != null)
                                {
                                    _supabase.Realtime.Remove(_scores);
                                }
                            }

                            if (_ranks != null)
                            {
                                _realtime?.Remove(_ranks);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_is_not_offered_when_the_client_is_not_reachable()
        {
            const string Source = Usings + """
                namespace Demo
                {
                    public sealed class Lobby
                    {
                        private RealtimeChannel? _lobby;

                        public async Task JoinAsync(Client realtime)
                        {
                            _lobby = realtime.Channel("lobby");
                            var openedAt1 = DateTime.UtcNow;
                            _lobby.AddStateChangedHandler((sender, state) => Console.WriteLine(openedAt1));
                            await _lobby.Subscribe();
                        }

                        public void Leave()
                        {
                            [|_lobby?.Unsubscribe()|];
                        }
                    }
                }
                """;
            return new Verify.Test { TestCode = Source, FixedCode = Source }.RunAsync();
        }

        [Fact]
        public Task Fix_all_uses_remove_everywhere()
        {
            var test = new Verify.Test();
            test.Sources.Add(Usings + """
                using Microsoft.AspNetCore.Components;

                namespace Demo
                {
                    public partial class Cards : ComponentBase, IDisposable
                    {
                        private RealtimeChannel? _cards;

                        [Inject]
                        public Client Realtime { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _cards = Realtime.Channel("cards");
                            var openedAt1 = DateTime.UtcNow;
                            _cards.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => Console.WriteLine(openedAt1));
                            await _cards.Subscribe();
                        }

                        public void Dispose()
                        {
                            [|_cards?.Unsubscribe()|];
                        }
                    }

                    public partial class Lanes : ComponentBase, IDisposable
                    {
                        private RealtimeChannel? _lanes;

                        [Inject]
                        public Client Realtime { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _lanes = Realtime.Channel("lanes");
                            var openedAt2 = DateTime.UtcNow;
                            _lanes.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => Console.WriteLine(openedAt2));
                            await _lanes.Subscribe();
                        }

                        public void Dispose()
                        {
                            [|_lanes!.Unsubscribe()|];
                        }
                    }
                }
                """);
            test.Sources.Add(Usings + """
                namespace Demo
                {
                    public static class Poller
                    {
                        public static async Task PollAsync(Client realtime, CancellationToken token)
                        {
                            for (var attempt = 0; attempt < 3 && !token.IsCancellationRequested; attempt++)
                            {
                                var updates = realtime.Channel("updates");
                                var openedAt1 = DateTime.UtcNow;
                                updates.AddStateChangedHandler((sender, state) => Console.WriteLine(openedAt1));
                                await updates.Subscribe();
                                _ = [|updates.Unsubscribe()|];
                            }
                        }
                    }
                }
                """);
            test.FixedSources.Add(Usings + """
                using Microsoft.AspNetCore.Components;

                namespace Demo
                {
                    public partial class Cards : ComponentBase, IDisposable
                    {
                        private RealtimeChannel? _cards;

                        [Inject]
                        public Client Realtime { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _cards = Realtime.Channel("cards");
                            var openedAt1 = DateTime.UtcNow;
                            _cards.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => Console.WriteLine(openedAt1));
                            await _cards.Subscribe();
                        }

                        public void Dispose()
                        {
                            if (_cards != null)
                            {
                                Realtime.Remove(_cards);
                            }
                        }
                    }

                    public partial class Lanes : ComponentBase, IDisposable
                    {
                        private RealtimeChannel? _lanes;

                        [Inject]
                        public Client Realtime { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _lanes = Realtime.Channel("lanes");
                            var openedAt2 = DateTime.UtcNow;
                            _lanes.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => Console.WriteLine(openedAt2));
                            await _lanes.Subscribe();
                        }

                        public void Dispose()
                        {
                            Realtime.Remove(_lanes!);
                        }
                    }
                }
                """);
            test.FixedSources.Add(Usings + """
                namespace Demo
                {
                    public static class Poller
                    {
                        public static async Task PollAsync(Client realtime, CancellationToken token)
                        {
                            for (var attempt = 0; attempt < 3 && !token.IsCancellationRequested; attempt++)
                            {
                                var updates = realtime.Channel("updates");
                                var openedAt1 = DateTime.UtcNow;
                                updates.AddStateChangedHandler((sender, state) => Console.WriteLine(openedAt1));
                                await updates.Subscribe();
                                realtime.Remove(updates);
                            }
                        }
                    }
                }
                """);
            return test.RunAsync();
        }
    
        [Fact]
        public Task Ignores_legacy_event_handlers_on_a_component_that_removes_its_channel()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System;
                    using System.Threading.Tasks;
                    using Microsoft.AspNetCore.Components;
                    using Supabase.Realtime;

                    namespace Demo
                    {
                        public class Feed : ComponentBase, IDisposable
                        {
                            private RealtimeChannel? _feed;

                            [Inject]
                            public Client Realtime { get; set; } = default!;

                            protected override async Task OnInitializedAsync()
                            {
                                _feed = Realtime.Channel("realtime", "public", "posts");
                                _feed.OnInsert += (sender, args) => StateHasChanged();
                                await _feed.Subscribe();
                            }

                            public void Dispose()
                            {
                                if (_feed != null)
                                {
                                    Realtime.Remove(_feed);
                                }
                            }
                        }
                    }
                    """,
            }.RunAsync();
}
}
