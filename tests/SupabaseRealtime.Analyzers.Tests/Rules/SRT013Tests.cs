using System.Threading.Tasks;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using Verify = SupabaseRealtime.Analyzers.Tests.Verification.CSharpCodeFixVerifier<
    SupabaseRealtime.Analyzers.Rules.SubscribeNotObservedAnalyzer,
    SupabaseRealtime.Analyzers.CodeFixes.Rules.SubscribeNotObservedCodeFixProvider>;
using VerifyAnalyzer = SupabaseRealtime.Analyzers.Tests.Verification.CSharpAnalyzerVerifier<
    SupabaseRealtime.Analyzers.Rules.SubscribeNotObservedAnalyzer>;

namespace SupabaseRealtime.Analyzers.Tests.Rules
{
    public class SRT013Tests
    {
        private const string Current =
            "on Realtime 6.0 and later a join the server never answers leaves it pending for good and a refused join faults it "
            + "with RealtimeException, unseen, while the code after it runs as if the channel had joined";

        private const string Legacy =
            "on Realtime 5.x a join that times out faults it with PushTimeoutException and a refused join with Exception, "
            + "unseen, while the code after it runs as if the channel had joined";

        /// <summary>The diagnostic at marker 0 (its additional location, the expression whose task is lost, serves the fix).</summary>
        private static DiagnosticResult Reported(string channel, string reason, string consequence)
            => Verify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments(channel, reason, consequence);

        // ---------------------------------------------------------------- reports

        [Fact]
        public Task Reports_a_discarded_Subscribe_in_a_Blazor_component_and_offers_no_fix_in_the_void_override()
        {
            const string source = """
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class OrdersBoard : ComponentBase
                {
                    private RealtimeChannel? _channel;

                    [Inject]
                    public Supabase.Client Supabase { get; set; } = default!;

                    public int Changes { get; private set; }

                    protected override void OnInitialized()
                    {
                        _channel = Supabase.Realtime.Channel("orders-board");
                        _channel.OnPostgresChange((sender, change) => Changes++, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "orders" });
                        _ = {|#0:_channel.Subscribe()|};
                    }
                }
                """;
            return new Verify.Test
            {
                TestCode = source,
                FixedCode = source,
                ExpectedDiagnostics = { Reported("_channel", "its task is discarded", Current) },
            }.RunAsync();
        }

        [Fact]
        public Task Reports_a_bare_Subscribe_statement_in_an_async_method()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class InventoryFeed
                {
                    private readonly Client _realtime;

                    public InventoryFeed(Client realtime) => _realtime = realtime;

                    public int Changes { get; private set; }

                    public async Task StartAsync()
                    {
                        await _realtime.ConnectAsync();
                        var stock = _realtime.Channel("stock");
                        stock.OnPostgresChange((sender, change) => Changes++, PostgresChangesOptions.ListenType.Updates, new PostgresChangesFilter { Table = "stock" });
                        {|#0:stock.Subscribe()|};
                    }
                }
                """,
                Reported("stock", "its task is dropped", Current));

        [Fact]
        public Task Reports_a_Task_Run_of_Subscribe_that_nobody_awaits()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class PresenceRoom
                {
                    private readonly Client _realtime;

                    public PresenceRoom(Client realtime) => _realtime = realtime;

                    public void Enter(string room)
                    {
                        var channel = _realtime.Channel("room:" + room);
                        Task.Run(() => {|#0:channel.Subscribe()|});
                    }
                }
                """,
                Reported("channel", "it runs in a Task.Run whose task nobody awaits", Current));

        [Fact]
        public Task Reports_an_async_Task_Run_lambda_whose_task_is_discarded()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class TickerWidget
                {
                    private readonly Client _realtime;

                    public TickerWidget(Client realtime) => _realtime = realtime;

                    public void Show()
                    {
                        var ticker = _realtime.Channel("ticker");
                        _ = Task.Run(async () => await {|#0:ticker.Subscribe()|});
                    }
                }
                """,
                Reported("ticker", "it runs in a Task.Run whose task nobody awaits", Current));

        [Fact]
        public Task Reports_a_task_stored_in_a_local_that_is_never_read()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class DeliveryTracker
                {
                    private readonly Client _realtime;

                    public DeliveryTracker(Client realtime) => _realtime = realtime;

                    public async Task TrackAsync(long deliveryId)
                    {
                        await _realtime.ConnectAsync();
                        var channel = _realtime.Channel($"delivery:{deliveryId}");
                        var joining = {|#0:channel.Subscribe()|};
                    }
                }
                """,
                Reported("channel", "its task is stored in 'joining', which is never read", Current));

        [Fact]
        public Task Reports_a_ContinueWith_that_never_looks_at_the_task()
            => Verify.VerifyAnalyzerAsync("""
                using System.Collections.Generic;
                using Supabase.Realtime;

                public sealed class ChatRoomViewModel
                {
                    private readonly Client _realtime;

                    public ChatRoomViewModel(Client realtime) => _realtime = realtime;

                    public List<string> Status { get; } = new List<string>();

                    public void Join(string room)
                    {
                        var channel = _realtime.Channel("chat:" + room);
                        {|#0:channel.Subscribe()|}.ContinueWith(_ => Status.Add("joined " + room));
                    }
                }
                """,
                Reported("channel", "the ContinueWith continuation never looks at its task", Current));

        [Fact]
        public Task Reports_a_conditional_Subscribe_statement_and_offers_no_fix()
        {
            const string source = """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class AlertsPanel
                {
                    private RealtimeChannel? _alerts;

                    public AlertsPanel(Client realtime) => _alerts = realtime.Channel("alerts");

                    public async Task ResumeAsync()
                    {
                        await Task.Yield();
                        {|#0:_alerts?.Subscribe()|};
                    }
                }
                """;
            return new Verify.Test
            {
                TestCode = source,
                FixedCode = source,
                ExpectedDiagnostics = { Reported("_alerts", "its task is dropped", Current) },
            }.RunAsync();
        }

        [Fact]
        public Task Reports_a_discarded_Subscribe_in_a_state_handler_lambda()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime;
                using static Supabase.Realtime.Constants;

                public sealed class ReconnectingFeed
                {
                    public void Attach(RealtimeChannel feed)
                    {
                        feed.AddStateChangedHandler((sender, state) =>
                        {
                            if (state == ChannelState.Errored)
                            {
                                _ = {|#0:sender.Subscribe()|};
                            }
                        });
                    }
                }
                """,
                Reported("sender", "its task is discarded", Current));

        [Fact]
        public Task Reports_a_discarded_Subscribe_on_Supabase_1_1_1()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                    using Supabase.Realtime;

                    public sealed class ScoreTicker
                    {
                        public void Start(Supabase.Client supabase)
                        {
                            var scores = supabase.Realtime.Channel("scores");
                            _ = {|#0:scores.Subscribe()|};
                        }
                    }
                    """,
                ExpectedDiagnostics = { Reported("scores", "its task is discarded", Current) },
            }.RunAsync();

        [Fact]
        public Task Reports_a_bare_Subscribe_on_Realtime_5_with_its_own_consequence()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class LegacyLobby
                    {
                        private readonly Client _realtime;

                        public LegacyLobby(Client realtime) => _realtime = realtime;

                        public int Inserts { get; private set; }

                        public async Task OpenAsync()
                        {
                            await _realtime.ConnectAsync();
                            var lobby = _realtime.Channel("lobby");
                            lobby.OnInsert += (sender, e) => Inserts++;
                            {|#0:lobby.Subscribe()|};
                        }
                    }
                    """,
                ExpectedDiagnostics = { Reported("lobby", "its task is dropped", Legacy) },
            }.RunAsync();

        // ---------------------------------------------------------------- does not report

        [Fact]
        public Task Ignores_an_awaited_Subscribe()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class InventoryFeed
                {
                    public async Task StartAsync(Client realtime)
                    {
                        await realtime.ConnectAsync();
                        var stock = realtime.Channel("stock");
                        await stock.Subscribe();
                        await stock.Subscribe(5000).ConfigureAwait(false);
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_returned_Subscribe_task()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;

                public sealed class ChannelFactory
                {
                    private readonly Client _realtime;

                    public ChannelFactory(Client realtime) => _realtime = realtime;

                    public Task<IRealtimeChannel> JoinAsync(string topic)
                    {
                        var channel = _realtime.Channel(topic);
                        return channel.Subscribe();
                    }

                    public Task<IRealtimeChannel> RejoinAsync(RealtimeChannel channel) => channel.Subscribe();
                }
                """);

        [Fact]
        public Task Ignores_a_task_stored_and_awaited_later()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class DashboardLoader
                {
                    public async Task LoadAsync(Client realtime, Supabase.Client supabase)
                    {
                        var metrics = realtime.Channel("metrics");
                        var joining = metrics.Subscribe();
                        var rows = await supabase.Rpc("dashboard_rows", null);
                        await joining;
                    }
                }
                """);

        [Fact]
        public Task Ignores_Subscribe_tasks_passed_to_Task_WhenAll()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class WorkspaceSync
                {
                    public async Task StartAsync(Client realtime)
                    {
                        var docs = realtime.Channel("docs");
                        var comments = realtime.Channel("comments");
                        await Task.WhenAll(docs.Subscribe(), comments.Subscribe());
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_ContinueWith_that_observes_the_task()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using System.Collections.Generic;
                using Supabase.Realtime;

                public sealed class ChatRoomViewModel
                {
                    public List<string> Status { get; } = new List<string>();

                    public void Join(Client realtime, string room)
                    {
                        var channel = realtime.Channel("chat:" + room);
                        channel.Subscribe().ContinueWith(task =>
                        {
                            if (task.IsFaulted)
                            {
                                Status.Add("could not join: " + task.Exception?.GetBaseException().Message);
                            }
                        });
                    }
                }
                """);

        [Fact]
        public Task Ignores_an_awaited_Task_Run_of_Subscribe()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class PresenceRoom
                {
                    public async Task EnterAsync(Client realtime, string room)
                    {
                        var channel = realtime.Channel("room:" + room);
                        await Task.Run(() => channel.Subscribe());
                        await Task.Run(async () => await channel.Subscribe()).ConfigureAwait(false);
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_task_stored_in_a_field_or_handed_to_a_helper()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public static class TaskLogging
                {
                    public static async void LogFailures(this Task task, Action<Exception> log)
                    {
                        try
                        {
                            await task;
                        }
                        catch (Exception ex)
                        {
                            log(ex);
                        }
                    }
                }

                public sealed class OrdersWidget
                {
                    private Task? _joining;

                    public void Start(Client realtime)
                    {
                        var orders = realtime.Channel("orders");
                        _joining = orders.Subscribe();
                        realtime.Channel("refunds").Subscribe().LogFailures(ex => Console.Error.WriteLine(ex));
                    }

                    public Task Ready => _joining ?? Task.CompletedTask;
                }
                """);

        [Fact]
        public Task Ignores_a_blocking_wait_on_the_task()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime;

                public static class ConsoleMonitor
                {
                    public static void Run(Client realtime)
                    {
                        var channel = realtime.Channel("monitor");
                        channel.Subscribe().GetAwaiter().GetResult();
                        var joined = channel.Subscribe().Result;
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_Subscribe_method_of_the_app_s_own_types()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;

                public sealed class Newsletter
                {
                    public Task Subscribe() => Task.CompletedTask;
                }

                public sealed class SignUpForm
                {
                    public void Submit(Newsletter newsletter)
                    {
                        newsletter.Subscribe();
                        _ = newsletter.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_an_awaited_Subscribe_on_Supabase_1_1_1()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                    using System.Threading.Tasks;

                    public sealed class ScoreTicker
                    {
                        public async Task StartAsync(Supabase.Client supabase)
                        {
                            var scores = supabase.Realtime.Channel("scores");
                            await scores.Subscribe();
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_an_awaited_Subscribe_on_Realtime_5()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class LegacyLobby
                    {
                        public async Task OpenAsync(Client realtime)
                        {
                            await realtime.ConnectAsync();
                            var lobby = realtime.Channel("lobby");
                            await lobby.Subscribe();
                            var later = lobby.Subscribe();
                            await later;
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
                        public class RealtimeChannel
                        {
                            public Task<RealtimeChannel> Subscribe(int timeoutMs = 10000) => Task.FromResult(this);
                        }

                        public sealed class Lobby
                        {
                            public void Open(RealtimeChannel channel)
                            {
                                channel.Subscribe();
                                _ = channel.Subscribe();
                                Task.Run(() => channel.Subscribe());
                            }
                        }
                    }
                    """,
            }.RunAsync();

        // ---------------------------------------------------------------- fixes

        [Fact]
        public Task Fix_awaits_a_discarded_Subscribe_in_an_async_method()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class InventoryFeed
                {
                    public async Task StartAsync(Client realtime)
                    {
                        await realtime.ConnectAsync();
                        var stock = realtime.Channel("stock");
                        // Join the stock channel.
                        _ = [|stock.Subscribe()|];
                    }
                }
                """, """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class InventoryFeed
                {
                    public async Task StartAsync(Client realtime)
                    {
                        await realtime.ConnectAsync();
                        var stock = realtime.Channel("stock");
                        // Join the stock channel.
                        await stock.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Fix_makes_a_hosted_service_StartAsync_async_and_drops_its_completed_task()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Hosting;
                using Supabase.Realtime;

                public sealed class AuditListener : IHostedService
                {
                    private readonly Supabase.Client _supabase;
                    private RealtimeChannel? _audit;

                    public AuditListener(Supabase.Client supabase) => _supabase = supabase;

                    public Task StartAsync(CancellationToken cancellationToken)
                    {
                        _audit = _supabase.Realtime.Channel("audit");
                        [|_audit.Subscribe()|];

                        return Task.CompletedTask;
                    }

                    public Task StopAsync(CancellationToken cancellationToken)
                    {
                        if (_audit != null)
                        {
                            _supabase.Realtime.Remove(_audit);
                        }

                        return Task.CompletedTask;
                    }
                }
                """, """
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Hosting;
                using Supabase.Realtime;

                public sealed class AuditListener : IHostedService
                {
                    private readonly Supabase.Client _supabase;
                    private RealtimeChannel? _audit;

                    public AuditListener(Supabase.Client supabase) => _supabase = supabase;

                    public async Task StartAsync(CancellationToken cancellationToken)
                    {
                        _audit = _supabase.Realtime.Channel("audit");
                        await _audit.Subscribe();
                    }

                    public Task StopAsync(CancellationToken cancellationToken)
                    {
                        if (_audit != null)
                        {
                            _supabase.Realtime.Remove(_audit);
                        }

                        return Task.CompletedTask;
                    }
                }
                """);

        [Fact]
        public Task Fix_awaits_the_Task_Run_and_the_unread_local()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class DeliveryTracker
                {
                    public async Task TrackAsync(Client realtime, long deliveryId)
                    {
                        var channel = realtime.Channel($"delivery:{deliveryId}");
                        Task.Run(() => [|channel.Subscribe()|]);
                        var joining = [|channel.Subscribe()|];
                    }
                }
                """, """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class DeliveryTracker
                {
                    public async Task TrackAsync(Client realtime, long deliveryId)
                    {
                        var channel = realtime.Channel($"delivery:{deliveryId}");
                        await Task.Run(() => channel.Subscribe());
                        var joining = await channel.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Fix_all_makes_a_local_function_async_once_for_two_channels()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public static class Workspace
                {
                    public static async Task OpenAsync(Client realtime)
                    {
                        await JoinBothAsync();

                        Task JoinBothAsync()
                        {
                            [|realtime.Channel("docs").Subscribe()|];
                            _ = [|realtime.Channel("comments").Subscribe()|];
                            return Task.CompletedTask;
                        }
                    }
                }
                """, """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public static class Workspace
                {
                    public static async Task OpenAsync(Client realtime)
                    {
                        await JoinBothAsync();

                        async Task JoinBothAsync()
                        {
                            await realtime.Channel("docs").Subscribe();
                            await realtime.Channel("comments").Subscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_offers_nothing_in_a_constructor_or_a_void_method()
        {
            const string source = """
                using System;
                using Supabase.Realtime;

                public sealed class TickerWidget
                {
                    private readonly RealtimeChannel _ticker;

                    public TickerWidget(Client realtime)
                    {
                        _ticker = realtime.Channel("ticker");
                        _ = [|_ticker.Subscribe()|];
                    }

                    public void OnResumed(object? sender, EventArgs e) => [|_ticker.Subscribe()|];
                }
                """;
            return Verify.VerifyCodeFixAsync(source, source);
        }

        [Fact]
        public Task Fix_awaits_a_bare_Subscribe_in_top_level_statements()
            => new Verify.Test
            {
                OutputKind = Microsoft.CodeAnalysis.OutputKind.ConsoleApplication,
                TestCode = """
                    var realtime = new Supabase.Realtime.Client("wss://example.supabase.co/realtime/v1");
                    await realtime.ConnectAsync();
                    var channel = realtime.Channel("console");
                    [|channel.Subscribe()|];
                    System.Console.ReadLine();
                    """,
                FixedCode = """
                    var realtime = new Supabase.Realtime.Client("wss://example.supabase.co/realtime/v1");
                    await realtime.ConnectAsync();
                    var channel = realtime.Channel("console");
                    await channel.Subscribe();
                    System.Console.ReadLine();
                    """,
            }.RunAsync();

        [Fact]
        public Task Fix_awaits_a_bare_Subscribe_on_Realtime_5()
            => new Verify.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class LegacyLobby
                    {
                        public Task OpenAsync(Client realtime)
                        {
                            var lobby = realtime.Channel("lobby");
                            [|lobby.Subscribe()|];
                            return Task.CompletedTask;
                        }
                    }
                    """,
                FixedCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class LegacyLobby
                    {
                        public async Task OpenAsync(Client realtime)
                        {
                            var lobby = realtime.Channel("lobby");
                            await lobby.Subscribe();
                        }
                    }
                    """,
            }.RunAsync();
    }
}
