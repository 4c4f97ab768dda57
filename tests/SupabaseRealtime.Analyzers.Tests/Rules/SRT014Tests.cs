using System.Threading.Tasks;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using Verify = SupabaseRealtime.Analyzers.Tests.Verification.CSharpCodeFixVerifier<
    SupabaseRealtime.Analyzers.Rules.ConnectWhileConnectedAnalyzer,
    SupabaseRealtime.Analyzers.CodeFixes.Rules.ConnectWhileConnectedCodeFixProvider>;
using VerifyAnalyzer = SupabaseRealtime.Analyzers.Tests.Verification.CSharpAnalyzerVerifier<
    SupabaseRealtime.Analyzers.Rules.ConnectWhileConnectedAnalyzer>;

namespace SupabaseRealtime.Analyzers.Tests.Rules
{
    public class SRT014Tests
    {
        // ---------------------------------------------------------------- reports

        [Fact]
        public Task Reports_ConnectAsync_in_an_auth_state_listener()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Gotrue;
                using static Supabase.Gotrue.Constants;

                public sealed class SessionWatcher
                {
                    private readonly Supabase.Client _supabase;

                    public SessionWatcher(Supabase.Client supabase)
                    {
                        _supabase = supabase;
                        _supabase.Auth.AddStateChangedListener(async (sender, state) =>
                        {
                            if (state == AuthState.SignedIn)
                            {
                                await {|#0:_supabase.Realtime.ConnectAsync()|};
                            }
                        });
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("_supabase.Realtime", "runs on every auth state change"));

        [Fact]
        public Task Reports_ConnectAsync_after_InitializeAsync_with_AutoConnectRealtime()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase;

                public static class Bootstrap
                {
                    public static async Task<Supabase.Client> CreateAsync(string url, string key)
                    {
                        var supabase = new Supabase.Client(url, key, new SupabaseOptions { AutoConnectRealtime = true });
                        await supabase.InitializeAsync();
                        await {|#0:supabase.Realtime.ConnectAsync()|};
                        return supabase;
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments(
                    "supabase.Realtime", "runs after 'supabase.InitializeAsync()' has connected it (the client is created with AutoConnectRealtime = true)"));

        [Fact]
        public Task Reports_ConnectAsync_in_a_reconnect_loop()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class KeepAlive
                {
                    private readonly Client _realtime;

                    public KeepAlive(Client realtime) => _realtime = realtime;

                    public async Task RunAsync(CancellationToken cancellationToken)
                    {
                        while (!cancellationToken.IsCancellationRequested)
                        {
                            await {|#0:_realtime.ConnectAsync()|};
                            await Task.Delay(TimeSpan.FromMinutes(5), cancellationToken);
                        }
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("_realtime", "sits in a loop"));

        [Fact]
        public Task Reports_ConnectAsync_in_a_helper_the_type_calls_from_two_places()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ChatService
                {
                    private readonly Client _realtime;

                    public ChatService(Client realtime) => _realtime = realtime;

                    public async Task JoinRoomAsync(string room)
                    {
                        await EnsureRealtimeAsync();
                        await _realtime.Channel("room:" + room).Subscribe();
                    }

                    public async Task OpenInboxAsync(string user)
                    {
                        await EnsureRealtimeAsync();
                        await _realtime.Channel("inbox:" + user).Subscribe();
                    }

                    private async Task EnsureRealtimeAsync()
                    {
                        await {|#0:_realtime.ConnectAsync()|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("_realtime", "is in 'EnsureRealtimeAsync', which this type calls from 2 places"));

        [Fact]
        public Task Reports_ConnectAsync_in_a_helper_the_type_calls_in_a_loop()
            => Verify.VerifyAnalyzerAsync("""
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class BoardLoader
                {
                    private readonly Client _realtime;

                    public BoardLoader(Client realtime) => _realtime = realtime;

                    public async Task LoadAsync(IEnumerable<string> boards)
                    {
                        foreach (var board in boards)
                        {
                            await OpenAsync(board);
                        }
                    }

                    private async Task OpenAsync(string board)
                    {
                        await {|#0:_realtime.ConnectAsync()|};
                        await _realtime.Channel("board:" + board).Subscribe();
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("_realtime", "is in 'OpenAsync', which this type calls in a loop"));

        [Fact]
        public Task Reports_ConnectAsync_in_two_members_of_one_type()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;

                public sealed class AppShell
                {
                    private readonly Supabase.Client _supabase;

                    public AppShell(Supabase.Client supabase) => _supabase = supabase;

                    public async Task StartAsync()
                    {
                        await {|#0:_supabase.Realtime.ConnectAsync()|};
                    }

                    public async Task OnResumedAsync()
                    {
                        await {|#1:_supabase.Realtime.ConnectAsync()|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("_supabase.Realtime", "is one of two places in this type that connect it ('OnResumedAsync' connects it too)"),
                Verify.Diagnostic().WithLocation(1).WithArguments("_supabase.Realtime", "is one of two places in this type that connect it ('StartAsync' connects it too)"));

        [Fact]
        public Task Reports_ConnectAsync_in_a_socket_state_handler_on_Realtime_6_0_4()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime604,
                TestCode = """
                    using Supabase.Realtime;
                    using Supabase.Realtime.Interfaces;
                    using static Supabase.Realtime.Constants;

                    public sealed class Reconnector
                    {
                        private readonly Client _realtime;

                        public Reconnector(Client realtime)
                        {
                            _realtime = realtime;
                            _realtime.AddStateChangedHandler(OnSocketState);
                        }

                        private void OnSocketState(IRealtimeClient<RealtimeSocket, RealtimeChannel> sender, SocketState state)
                        {
                            if (state != SocketState.Open)
                            {
                                _ = {|#0:_realtime.ConnectAsync()|};
                            }
                        }
                    }
                    """,
                ExpectedDiagnostics = { VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments("_realtime", "is in 'OnSocketState', which runs on every socket state change") },
            }.RunAsync();

        [Fact]
        public Task Reports_ConnectAsync_twice_on_one_path_on_Supabase_1_1_1()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public static class Probe
                    {
                        public static async Task<bool> CheckAsync(string url)
                        {
                            var realtime = new Client(url);
                            await realtime.ConnectAsync();
                            var ok = realtime.Subscriptions.Count == 0;
                            await {|#0:realtime.ConnectAsync()|};
                            return ok;
                        }
                    }
                    """,
                ExpectedDiagnostics = { VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments("realtime", "runs after an earlier ConnectAsync() of it in this method") },
            }.RunAsync();

        [Fact]
        public Task Reports_a_second_ConnectAsync_after_a_guarded_first_one()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Warmup
                {
                    private readonly Client _realtime;

                    public Warmup(Client realtime) => _realtime = realtime;

                    public async Task StartAsync()
                    {
                        if (_realtime.Socket?.IsConnected != true)
                        {
                            await _realtime.ConnectAsync();
                        }

                        await _realtime.Channel("warmup").Subscribe();
                        await {|#0:_realtime.ConnectAsync()|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("_realtime", "runs after an earlier ConnectAsync() of it in this method"));

        // ---------------------------------------------------------------- does not report

        [Fact]
        public Task Ignores_ConnectAsync_once_at_start_up()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Dashboard
                {
                    private readonly Supabase.Client _supabase;

                    public Dashboard(Supabase.Client supabase) => _supabase = supabase;

                    public async Task StartAsync()
                    {
                        await _supabase.InitializeAsync();
                        await _supabase.Realtime.ConnectAsync();
                        await _supabase.Realtime.Channel("dashboard").Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_ConnectAsync_after_Disconnect()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class KeepAlive
                {
                    private readonly Client _realtime;

                    public KeepAlive(Client realtime) => _realtime = realtime;

                    public async Task RunAsync(CancellationToken cancellationToken)
                    {
                        while (!cancellationToken.IsCancellationRequested)
                        {
                            _realtime.Disconnect();
                            await _realtime.ConnectAsync();
                            await Task.Delay(TimeSpan.FromMinutes(5), cancellationToken);
                        }
                    }

                    public async Task RestartAsync()
                    {
                        _realtime.Disconnect();
                        await _realtime.ConnectAsync();
                    }
                }
                """);

        [Fact]
        public Task Ignores_ConnectAsync_behind_a_look_at_the_socket()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Gotrue;
                using static Supabase.Gotrue.Constants;

                public sealed class SessionWatcher
                {
                    private readonly Supabase.Client _supabase;

                    public SessionWatcher(Supabase.Client supabase)
                    {
                        _supabase = supabase;
                        _supabase.Auth.AddStateChangedListener(async (sender, state) =>
                        {
                            if (state == AuthState.SignedIn && _supabase.Realtime.Socket?.IsConnected != true)
                            {
                                await _supabase.Realtime.ConnectAsync();
                            }
                        });
                    }
                }
                """);

        [Fact]
        public Task Ignores_ConnectAsync_behind_a_property_that_reads_the_socket()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ChatService
                {
                    private readonly Client _realtime;

                    public ChatService(Client realtime) => _realtime = realtime;

                    public bool IsLive => _realtime.Socket?.IsConnected == true;

                    public async Task JoinRoomAsync(string room)
                    {
                        await EnsureRealtimeAsync();
                        await _realtime.Channel("room:" + room).Subscribe();
                    }

                    public async Task OpenInboxAsync(string user)
                    {
                        await EnsureRealtimeAsync();
                        await _realtime.Channel("inbox:" + user).Subscribe();
                    }

                    private async Task EnsureRealtimeAsync()
                    {
                        if (!IsLive)
                        {
                            await _realtime.ConnectAsync();
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_connected_flag_the_method_tests_and_sets()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ChatService
                {
                    private readonly Client _realtime;
                    private bool _connected;

                    public ChatService(Client realtime) => _realtime = realtime;

                    public async Task JoinRoomAsync(string room)
                    {
                        await EnsureRealtimeAsync();
                        await _realtime.Channel("room:" + room).Subscribe();
                    }

                    public async Task OpenInboxAsync(string user)
                    {
                        await EnsureRealtimeAsync();
                        await _realtime.Channel("inbox:" + user).Subscribe();
                    }

                    private async Task EnsureRealtimeAsync()
                    {
                        if (_connected)
                        {
                            return;
                        }

                        await _realtime.ConnectAsync();
                        _connected = true;
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_connect_task_kept_with_coalescing_assignment()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;

                public sealed class ChatService
                {
                    private readonly Client _realtime;
                    private Task<IRealtimeClient<RealtimeSocket, RealtimeChannel>>? _connecting;

                    public ChatService(Client realtime) => _realtime = realtime;

                    public async Task JoinRoomAsync(string room)
                    {
                        await (_connecting ??= _realtime.ConnectAsync());
                        await _realtime.Channel("room:" + room).Subscribe();
                    }

                    public async Task OpenInboxAsync(string user)
                    {
                        await (_connecting ??= _realtime.ConnectAsync());
                        await _realtime.Channel("inbox:" + user).Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_clients_created_in_the_member_and_one_client_per_pass()
            => Verify.VerifyAnalyzerAsync("""
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ProjectMonitor
                {
                    public async Task ProbeAsync(IEnumerable<string> urls, IReadOnlyList<Client> pool)
                    {
                        foreach (var url in urls)
                        {
                            var realtime = new Client(url);
                            await realtime.ConnectAsync();
                            realtime.Disconnect();
                        }

                        foreach (var client in pool)
                        {
                            await client.ConnectAsync();
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_retry_loop_that_leaves_once_connected()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Exceptions;

                public sealed class Starter
                {
                    private readonly Client _realtime;

                    public Starter(Client realtime) => _realtime = realtime;

                    public async Task StartAsync()
                    {
                        for (var attempt = 1; ; attempt++)
                        {
                            try
                            {
                                await _realtime.ConnectAsync();
                                break;
                            }
                            catch (RealtimeException) when (attempt < 5)
                            {
                                await Task.Delay(TimeSpan.FromSeconds(attempt));
                            }
                        }
                    }
                }

                public sealed class FlaggedStarter
                {
                    private readonly Client _realtime;

                    public FlaggedStarter(Client realtime) => _realtime = realtime;

                    public async Task StartAsync()
                    {
                        var connected = false;
                        while (!connected)
                        {
                            try
                            {
                                await _realtime.ConnectAsync();
                                connected = true;
                            }
                            catch (RealtimeException)
                            {
                                await Task.Delay(1000);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_InitializeAsync_without_AutoConnectRealtime_then_ConnectAsync()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase;

                public static class Bootstrap
                {
                    public static async Task<Supabase.Client> CreateAsync(string url, string key)
                    {
                        var supabase = new Supabase.Client(url, key, new SupabaseOptions { AutoRefreshToken = true });
                        await supabase.InitializeAsync();
                        await supabase.Realtime.ConnectAsync();
                        return supabase;
                    }
                }
                """);

        [Fact]
        public Task Ignores_the_idempotent_Connect_and_a_public_method_called_from_elsewhere()
            => Verify.VerifyAnalyzerAsync("""
                #pragma warning disable CS0618 // Connect() is obsolete since Realtime 6.0, and idempotent
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class LegacyStarter
                {
                    private readonly Client _realtime;

                    public LegacyStarter(Client realtime) => _realtime = realtime;

                    public void Poll()
                    {
                        for (var i = 0; i < 3; i++)
                        {
                            _realtime.Connect();
                        }
                    }
                }

                public sealed class RealtimeGateway
                {
                    private readonly Client _realtime;

                    public RealtimeGateway(Client realtime) => _realtime = realtime;

                    public Task ConnectAsync() => _realtime.ConnectAsync();
                }
                """);

        [Fact]
        public Task Ignores_ConnectAsync_once_on_Realtime_6_0_4()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime604,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class Feed
                    {
                        private readonly Client _realtime;

                        public Feed(Client realtime) => _realtime = realtime;

                        public async Task StartAsync()
                        {
                            if (_realtime.Socket == null || !_realtime.Socket.IsConnected)
                            {
                                await _realtime.ConnectAsync();
                            }

                            await _realtime.Channel("feed").Subscribe();
                        }

                        public async Task ResumeAsync()
                        {
                            await _realtime.Channel("feed").Subscribe();
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_every_shape_on_Realtime_5_where_ConnectAsync_is_idempotent()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System;
                    using System.Threading;
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class KeepAlive
                    {
                        private readonly Client _realtime;

                        public KeepAlive(Client realtime) => _realtime = realtime;

                        public async Task RunAsync(CancellationToken cancellationToken)
                        {
                            while (!cancellationToken.IsCancellationRequested)
                            {
                                await _realtime.ConnectAsync();
                                await Task.Delay(TimeSpan.FromMinutes(5), cancellationToken);
                            }
                        }

                        public async Task StartAsync()
                        {
                            await _realtime.ConnectAsync();
                            await _realtime.ConnectAsync();
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_look_alike_code_without_the_sdk()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.None,
                TestCode = """
                    using System.Threading.Tasks;

                    namespace MyApp.Realtime
                    {
                        public sealed class Client
                        {
                            public Task ConnectAsync() => Task.CompletedTask;
                        }

                        public sealed class KeepAlive
                        {
                            public async Task RunAsync(Client client)
                            {
                                for (var i = 0; i < 3; i++)
                                {
                                    await client.ConnectAsync();
                                }
                            }
                        }
                    }
                    """,
            }.RunAsync();

        // ---------------------------------------------------------------- fixes

        [Fact]
        public Task Fix_guards_ConnectAsync_in_an_auth_state_listener()
            => Verify.VerifyCodeFixAsync("""
                using Supabase.Gotrue;
                using static Supabase.Gotrue.Constants;

                public sealed class SessionWatcher
                {
                    private readonly Supabase.Client _supabase;

                    public SessionWatcher(Supabase.Client supabase)
                    {
                        _supabase = supabase;
                        _supabase.Auth.AddStateChangedListener(async (sender, state) =>
                        {
                            if (state == AuthState.SignedIn)
                            {
                                // Realtime follows the session.
                                await [|_supabase.Realtime.ConnectAsync()|];
                            }
                        });
                    }
                }
                """, """
                using Supabase.Gotrue;
                using static Supabase.Gotrue.Constants;

                public sealed class SessionWatcher
                {
                    private readonly Supabase.Client _supabase;

                    public SessionWatcher(Supabase.Client supabase)
                    {
                        _supabase = supabase;
                        _supabase.Auth.AddStateChangedListener(async (sender, state) =>
                        {
                            if (state == AuthState.SignedIn)
                            {
                                // Realtime follows the session.
                                if (_supabase.Realtime.Socket?.IsConnected != true)
                                {
                                    await _supabase.Realtime.ConnectAsync();
                                }
                            }
                        });
                    }
                }
                """);

        [Fact]
        public Task Fix_all_guards_both_connects_of_a_type()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;

                public sealed class AppShell
                {
                    private readonly Supabase.Client _supabase;

                    public AppShell(Supabase.Client supabase) => _supabase = supabase;

                    public async Task StartAsync()
                    {
                        await [|_supabase.Realtime.ConnectAsync()|].ConfigureAwait(false);
                    }

                    public async Task OnResumedAsync()
                    {
                        await [|_supabase.Realtime.ConnectAsync()|];
                    }
                }
                """, """
                using System.Threading.Tasks;

                public sealed class AppShell
                {
                    private readonly Supabase.Client _supabase;

                    public AppShell(Supabase.Client supabase) => _supabase = supabase;

                    public async Task StartAsync()
                    {
                        if (_supabase.Realtime.Socket?.IsConnected != true)
                        {
                            await _supabase.Realtime.ConnectAsync().ConfigureAwait(false);
                        }
                    }

                    public async Task OnResumedAsync()
                    {
                        if (_supabase.Realtime.Socket?.IsConnected != true)
                        {
                            await _supabase.Realtime.ConnectAsync();
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_guards_a_client_held_through_its_interface_on_Realtime_6_0_4()
            => new Verify.Test
            {
                Sdk = SdkVersion.Realtime604,
                TestCode = """
                    using System;
                    using System.Threading;
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.Interfaces;

                    public sealed class KeepAlive
                    {
                        private readonly IRealtimeClient<RealtimeSocket, RealtimeChannel> _realtime;

                        public KeepAlive(IRealtimeClient<RealtimeSocket, RealtimeChannel> realtime) => _realtime = realtime;

                        public async Task RunAsync(CancellationToken cancellationToken)
                        {
                            while (!cancellationToken.IsCancellationRequested)
                            {
                                await [|_realtime.ConnectAsync()|];
                                await Task.Delay(TimeSpan.FromMinutes(5), cancellationToken);
                            }
                        }
                    }
                    """,
                FixedCode = """
                    using System;
                    using System.Threading;
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using Supabase.Realtime.Interfaces;

                    public sealed class KeepAlive
                    {
                        private readonly IRealtimeClient<RealtimeSocket, RealtimeChannel> _realtime;

                        public KeepAlive(IRealtimeClient<RealtimeSocket, RealtimeChannel> realtime) => _realtime = realtime;

                        public async Task RunAsync(CancellationToken cancellationToken)
                        {
                            while (!cancellationToken.IsCancellationRequested)
                            {
                                if (_realtime.Socket?.IsConnected != true)
                                {
                                    await _realtime.ConnectAsync();
                                }
                                await Task.Delay(TimeSpan.FromMinutes(5), cancellationToken);
                            }
                        }
                    }
                    """,
            }.RunAsync();
    }
}
