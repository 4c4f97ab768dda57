using System.Threading.Tasks;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using Verify = SupabaseRealtime.Analyzers.Tests.Verification.CSharpCodeFixVerifier<
    SupabaseRealtime.Analyzers.Rules.AsyncHandlerUnguardedAnalyzer,
    SupabaseRealtime.Analyzers.CodeFixes.Rules.AsyncHandlerUnguardedCodeFixProvider>;
using VerifyAnalyzer = SupabaseRealtime.Analyzers.Tests.Verification.CSharpAnalyzerVerifier<
    SupabaseRealtime.Analyzers.Rules.AsyncHandlerUnguardedAnalyzer>;

namespace SupabaseRealtime.Analyzers.Tests.Rules
{
    public class SRT012Tests
    {
        private const string One = "its await is not inside a try/catch that catches Exception";
        private const string None = "none of its awaits is inside a try/catch that catches Exception";

        /// <summary>A store the handlers write to, appended to the sources.</summary>
        private const string Store = """


            namespace Orders.Storage
            {
                using System.Threading.Tasks;

                public interface IOrderStore
                {
                    Task SaveAsync(string json);

                    Task ForgetAsync(string json);
                }
            }
            """;

        // ---------------------------------------------------------------- reports

        [Fact]
        public Task Reports_an_async_change_handler_lambda_without_try()
            => Verify.VerifyAnalyzerAsync("""
                using Orders.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class OrderFeed
                {
                    private readonly IOrderStore _store;

                    public OrderFeed(IOrderStore store) => _store = store;

                    public void Attach(RealtimeChannel channel)
                        => channel.OnPostgresChange({|#0:async|} (sender, change) =>
                        {
                            await _store.SaveAsync(change.Payload?.Data?.Record?.ToString() ?? "{}");
                        }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "orders" });
                }
                """ + Store,
                Verify.Diagnostic().WithLocation(0).WithArguments("passed to 'channel.OnPostgresChange'", One));

        [Fact]
        public Task Reports_an_async_void_method_given_as_the_handler()
            => Verify.VerifyAnalyzerAsync("""
                using Orders.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;

                public sealed class OrderFeed
                {
                    private readonly IOrderStore _store;

                    public OrderFeed(IOrderStore store) => _store = store;

                    public void Attach(IRealtimeChannel orders)
                        => orders.OnPostgresChange(OnOrderChanged, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "orders" });

                    private {|#0:async|} void OnOrderChanged(IRealtimeChannel sender, PostgresChangesResponse change)
                    {
                        var json = change.Payload?.Data?.Record?.ToString() ?? "{}";
                        await _store.SaveAsync(json);
                        await _store.ForgetAsync(json);
                    }
                }
                """ + Store,
                Verify.Diagnostic().WithLocation(0).WithArguments("'OnOrderChanged' passed to 'orders.OnPostgresChange'", None));

        [Fact]
        public Task Reports_a_try_that_catches_only_one_exception_type_or_filters()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using System.Net.Http;
                using Orders.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class OrderFeed
                {
                    private readonly IOrderStore _store;

                    public OrderFeed(IOrderStore store) => _store = store;

                    public bool Verbose { get; set; }

                    public void Attach(RealtimeChannel channel)
                    {
                        channel.OnPostgresChange({|#0:async|} (sender, change) =>
                        {
                            try
                            {
                                await _store.SaveAsync("{}");
                            }
                            catch (HttpRequestException)
                            {
                            }
                        }, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "orders" });
                        channel.OnPostgresChange({|#1:async|} (sender, change) =>
                        {
                            try
                            {
                                await _store.ForgetAsync("{}");
                            }
                            catch (Exception ex) when (Verbose)
                            {
                                Console.Error.WriteLine(ex);
                            }
                        }, PostgresChangesOptions.ListenType.Deletes, new PostgresChangesFilter { Table = "orders" });
                    }
                }
                """ + Store,
                Verify.Diagnostic().WithLocation(0).WithArguments("passed to 'channel.OnPostgresChange'", One),
                Verify.Diagnostic().WithLocation(1).WithArguments("passed to 'channel.OnPostgresChange'", One));

        [Fact]
        public Task Reports_an_await_in_the_catch_block()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using Orders.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class OrderFeed
                {
                    private readonly IOrderStore _store;

                    public OrderFeed(IOrderStore store) => _store = store;

                    public void Attach(RealtimeChannel channel)
                        => channel.OnPostgresChange({|#0:async|} (sender, change) =>
                        {
                            try
                            {
                                await _store.SaveAsync("{}");
                            }
                            catch (Exception ex)
                            {
                                await _store.ForgetAsync(ex.Message);
                            }
                        }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "orders" });
                }
                """ + Store,
                Verify.Diagnostic().WithLocation(0).WithArguments("passed to 'channel.OnPostgresChange'", "1 of its 2 awaits are not inside a try/catch that catches Exception"));

        [Fact]
        public Task Reports_a_Blazor_handler_that_only_awaits_InvokeAsync()
            => Verify.VerifyAnalyzerAsync("""
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class OrderTicker : ComponentBase
                {
                    private readonly List<string> _events = new List<string>();

                    [Inject]
                    public Supabase.Client Supabase { get; set; } = default!;

                    protected override async Task OnInitializedAsync()
                    {
                        var channel = Supabase.Realtime.Channel("order-ticker");
                        channel.OnPostgresChange({|#0:async|} (sender, change) =>
                        {
                            _events.Add(change.Payload?.Data?._type ?? "?");
                            await InvokeAsync(StateHasChanged);
                        }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "orders" });
                        await channel.Subscribe();
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("passed to 'channel.OnPostgresChange'", One));

        [Fact]
        public Task Reports_an_async_state_handler_on_Realtime_6_0_4()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime604,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;
                    using static Supabase.Realtime.Constants;

                    public sealed class PresenceBadge
                    {
                        public string Status { get; private set; } = "offline";

                        public void Attach(RealtimeChannel room)
                            => room.AddStateChangedHandler({|#0:async|} (sender, state) =>
                            {
                                await Task.Delay(250);
                                Status = state == ChannelState.Joined ? "online" : "offline";
                            });
                    }
                    """,
                ExpectedDiagnostics = { VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments("passed to 'room.AddStateChangedHandler'", One) },
            }.RunAsync();

        [Fact]
        public Task Reports_an_async_From_On_handler_on_Supabase_1_1_1()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                    using System.Threading.Tasks;
                    using Orders.Storage;
                    using Supabase.Postgrest.Attributes;
                    using Supabase.Postgrest.Models;
                    using Supabase.Realtime.PostgresChanges;

                    [Table("orders")]
                    public sealed class Order : BaseModel
                    {
                        [PrimaryKey("id")]
                        public int Id { get; set; }
                    }

                    public sealed class OrderFeed
                    {
                        public async Task StartAsync(Supabase.Client supabase, IOrderStore store)
                        {
                            await supabase.From<Order>().On(PostgresChangesOptions.ListenType.Inserts, {|#0:async|} (sender, change) =>
                                await store.SaveAsync(change.Payload?.Data?.Record?.ToString() ?? "{}"));
                        }
                    }
                    """ + Store,
                ExpectedDiagnostics = { VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments("passed to 'supabase.From<Order>().On'", One) },
            }.RunAsync();

        [Fact]
        public Task Reports_an_async_OnInsert_event_handler_on_Realtime_5()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using Orders.Storage;
                    using Supabase.Realtime;

                    public sealed class OrderFeed
                    {
                        public void Attach(RealtimeChannel channel, IOrderStore store)
                        {
                            channel.OnInsert += {|#0:async|} (sender, e) => await store.SaveAsync(e.Response?.Payload?.Data?.Record?.ToString() ?? "{}");
                        }
                    }
                    """ + Store,
                ExpectedDiagnostics = { VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments("passed to 'channel.OnInsert'", One) },
            }.RunAsync();

        // ---------------------------------------------------------------- does not report

        [Fact]
        public Task Ignores_handlers_that_are_not_async()
            => Verify.VerifyAnalyzerAsync("""
                using Orders.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class OrderFeed
                {
                    public int Changes { get; private set; }

                    public void Attach(RealtimeChannel channel, IOrderStore store)
                    {
                        channel.OnPostgresChange((sender, change) => Changes++, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "orders" });
                        channel.AddStateChangedHandler((sender, state) => _ = store.SaveAsync(state.ToString()));
                    }
                }
                """ + Store);

        [Fact]
        public Task Ignores_an_async_handler_whose_awaits_are_all_guarded()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using Orders.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class OrderFeed
                {
                    public void Attach(RealtimeChannel channel, IOrderStore store)
                    {
                        channel.OnPostgresChange(async (sender, change) =>
                        {
                            var json = change.Payload?.Data?.Record?.ToString() ?? "{}";
                            try
                            {
                                await store.SaveAsync(json);
                                await store.ForgetAsync(json);
                            }
                            catch (Exception ex)
                            {
                                Console.Error.WriteLine(ex);
                            }
                        }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "orders" });
                        channel.AddErrorHandler(async (sender, error) =>
                        {
                            try
                            {
                                await store.SaveAsync(error.Message);
                            }
                            catch
                            {
                                // Logging must never take the app down.
                            }
                        });
                    }
                }
                """ + Store);

        [Fact]
        public Task Ignores_async_lambdas_given_to_anything_but_the_realtime_sdk()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using System.Threading.Tasks;
                using Orders.Storage;
                using Supabase.Realtime;

                public sealed class OrderFeed
                {
                    public event EventHandler<string>? Changed;

                    public async Task StartAsync(RealtimeChannel channel, IOrderStore store)
                    {
                        Changed += async (sender, json) => await store.SaveAsync(json);
                        await Task.Run(async () => await store.SaveAsync("{}"));
                        await channel.Subscribe();
                    }
                }
                """ + Store);

        [Fact]
        public Task Ignores_an_async_auth_listener_which_is_not_a_realtime_handler()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;

                public sealed class SessionLog
                {
                    public void Attach(Supabase.Client supabase)
                        => supabase.Auth.AddStateChangedListener(async (sender, state) => await Task.Delay(10));
                }
                """);

        [Fact]
        public Task Ignores_an_async_handler_without_awaits_and_awaits_in_nested_functions()
            => Verify.VerifyAnalyzerAsync("""
                #pragma warning disable CS1998 // async without await: the compiler's own warning
                using System;
                using System.Threading.Tasks;
                using Orders.Storage;
                using Supabase.Realtime;

                public sealed class OrderFeed
                {
                    public void Attach(RealtimeChannel channel, IOrderStore store)
                    {
                        channel.AddStateChangedHandler(async (sender, state) => Console.WriteLine(state));
                        channel.AddErrorHandler(async (sender, error) =>
                        {
                            Func<Task> later = async () => await store.SaveAsync(error.Message);
                            try
                            {
                                await later();
                            }
                            catch (Exception)
                            {
                            }
                        });
                    }
                }
                """ + Store);

        [Fact]
        public Task Ignores_a_guarded_async_broadcast_handler_and_a_synchronous_method_group()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using Orders.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.Models;
                using static Supabase.Realtime.Constants;

                public sealed class Cursor : BaseBroadcast
                {
                }

                public sealed class Whiteboard
                {
                    private readonly IOrderStore _store;

                    public Whiteboard(IOrderStore store) => _store = store;

                    public void Attach(RealtimeChannel board)
                    {
                        var cursors = board.Register<Cursor>(broadcastSelf: false);
                        cursors.AddBroadcastEventHandler(async (sender, broadcast) =>
                        {
                            try
                            {
                                await _store.SaveAsync(broadcast?.Event ?? "cursor");
                            }
                            catch (Exception ex)
                            {
                                Console.Error.WriteLine(ex);
                            }
                        });
                        board.AddStateChangedHandler(OnState);
                    }

                    private void OnState(IRealtimeChannel sender, ChannelState state) => Console.WriteLine(state);
                }
                """ + Store);

        [Fact]
        public Task Ignores_a_guarded_async_handler_on_Supabase_1_1_1()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                    using System;
                    using Orders.Storage;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class OrderFeed
                    {
                        public void Attach(RealtimeChannel channel, IOrderStore store)
                            => channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, async (sender, change) =>
                            {
                                try
                                {
                                    await store.SaveAsync("{}");
                                }
                                catch (Exception ex)
                                {
                                    Console.Error.WriteLine(ex);
                                }
                            });
                    }
                    """ + Store,
            }.RunAsync();

        [Fact]
        public Task Ignores_a_guarded_async_event_handler_on_Realtime_5()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System;
                    using Orders.Storage;
                    using Supabase.Realtime;

                    public sealed class OrderFeed
                    {
                        public void Attach(RealtimeChannel channel, IOrderStore store)
                        {
                            channel.OnInsert += async (sender, e) =>
                            {
                                try
                                {
                                    await store.SaveAsync("{}");
                                }
                                catch (Exception ex)
                                {
                                    Console.Error.WriteLine(ex);
                                }
                            };
                            channel.OnDelete += (sender, e) => Console.WriteLine("deleted");
                        }
                    }
                    """ + Store,
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
                        public delegate void PostgresChangesHandler(object sender, object change);

                        public sealed class RealtimeChannel
                        {
                            public void OnPostgresChange(PostgresChangesHandler handler) { }
                        }

                        public sealed class Feed
                        {
                            public void Attach(RealtimeChannel channel)
                                => channel.OnPostgresChange(async (sender, change) => await Task.Delay(1));
                        }
                    }
                    """,
            }.RunAsync();

        // ---------------------------------------------------------------- fixes

        [Fact]
        public Task Fix_wraps_the_body_and_logs_through_the_type_s_logger()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Hosting;
                using Microsoft.Extensions.Logging;
                using Orders.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class OrderWorker : BackgroundService
                {
                    private readonly Supabase.Client _supabase;
                    private readonly IOrderStore _store;
                    private readonly ILogger<OrderWorker> _logger;

                    public OrderWorker(Supabase.Client supabase, IOrderStore store, ILogger<OrderWorker> logger)
                    {
                        _supabase = supabase;
                        _store = store;
                        _logger = logger;
                    }

                    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                    {
                        var orders = _supabase.Realtime.Channel("orders");
                        orders.OnPostgresChange([|async|] (sender, change) =>
                        {
                            var json = change.Payload?.Data?.Record?.ToString() ?? "{}";
                            await _store.SaveAsync(json);
                        }, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "orders" });
                        await orders.Subscribe();
                    }
                }
                """ + Store, """
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Hosting;
                using Microsoft.Extensions.Logging;
                using Orders.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class OrderWorker : BackgroundService
                {
                    private readonly Supabase.Client _supabase;
                    private readonly IOrderStore _store;
                    private readonly ILogger<OrderWorker> _logger;

                    public OrderWorker(Supabase.Client supabase, IOrderStore store, ILogger<OrderWorker> logger)
                    {
                        _supabase = supabase;
                        _store = store;
                        _logger = logger;
                    }

                    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                    {
                        var orders = _supabase.Realtime.Channel("orders");
                        orders.OnPostgresChange(async (sender, change) =>
                        {
                            try
                            {
                                var json = change.Payload?.Data?.Record?.ToString() ?? "{}";
                                await _store.SaveAsync(json);
                            }
                            catch (System.Exception ex)
                            {
                                _logger.LogError(ex, "The realtime handler passed to orders.OnPostgresChange failed");
                            }
                        }, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "orders" });
                        await orders.Subscribe();
                    }
                }
                """ + Store);

        [Fact]
        public Task Fix_turns_an_expression_body_into_a_guarded_block_without_a_logger()
            => Verify.VerifyCodeFixAsync("""
                using System;
                using Orders.Storage;
                using Supabase.Realtime;

                public sealed class OrderFeed
                {
                    public void Attach(RealtimeChannel channel, IOrderStore store)
                        => channel.AddErrorHandler([|async|] (sender, error) => await store.SaveAsync(error.Message));
                }
                """ + Store, """
                using System;
                using Orders.Storage;
                using Supabase.Realtime;

                public sealed class OrderFeed
                {
                    public void Attach(RealtimeChannel channel, IOrderStore store)
                        => channel.AddErrorHandler(async (sender, error) =>
                        {
                            try
                            {
                                await store.SaveAsync(error.Message);
                            }
                            catch (Exception ex)
                            {
                                System.Diagnostics.Debug.WriteLine(ex);
                            }
                        });
                }
                """ + Store);

        [Fact]
        public Task Fix_all_wraps_an_async_void_method_and_a_lambda_and_imports_the_logging_extensions()
            => Verify.VerifyCodeFixAsync("""
                using System;
                using Orders.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;

                public sealed class OrderFeed
                {
                    private readonly IOrderStore _store;

                    public OrderFeed(IOrderStore store, Microsoft.Extensions.Logging.ILogger log)
                    {
                        _store = store;
                        Log = log;
                    }

                    private Microsoft.Extensions.Logging.ILogger Log { get; }

                    public void Attach(IRealtimeChannel orders)
                    {
                        orders.OnPostgresChange(OnOrderChanged, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "orders" });
                        orders.AddStateChangedHandler([|async|] (sender, state) => await _store.SaveAsync(state.ToString()));
                    }

                    private [|async|] void OnOrderChanged(IRealtimeChannel sender, PostgresChangesResponse change)
                    {
                        await _store.SaveAsync(change.Payload?.Data?.Record?.ToString() ?? "{}");
                    }
                }
                """ + Store, """
                using System;
                using Microsoft.Extensions.Logging;
                using Orders.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;

                public sealed class OrderFeed
                {
                    private readonly IOrderStore _store;

                    public OrderFeed(IOrderStore store, Microsoft.Extensions.Logging.ILogger log)
                    {
                        _store = store;
                        Log = log;
                    }

                    private Microsoft.Extensions.Logging.ILogger Log { get; }

                    public void Attach(IRealtimeChannel orders)
                    {
                        orders.OnPostgresChange(OnOrderChanged, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "orders" });
                        orders.AddStateChangedHandler(async (sender, state) =>
                        {
                            try
                            {
                                await _store.SaveAsync(state.ToString());
                            }
                            catch (Exception ex)
                            {
                                Log.LogError(ex, "The realtime handler passed to orders.AddStateChangedHandler failed");
                            }
                        });
                    }

                    private async void OnOrderChanged(IRealtimeChannel sender, PostgresChangesResponse change)
                    {
                        try
                        {
                            await _store.SaveAsync(change.Payload?.Data?.Record?.ToString() ?? "{}");
                        }
                        catch (Exception ex)
                        {
                            Log.LogError(ex, "The realtime handler passed to orders.OnPostgresChange failed");
                        }
                    }
                }
                """ + Store);

        [Fact]
        public Task Fix_turns_an_expression_bodied_async_void_method_into_a_guarded_block()
            => Verify.VerifyCodeFixAsync("""
                using System;
                using Orders.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using static Supabase.Realtime.Constants;

                public sealed class PresenceBadge
                {
                    private readonly IOrderStore _store;

                    public PresenceBadge(IOrderStore store) => _store = store;

                    public void Attach(RealtimeChannel room) => room.AddStateChangedHandler(OnState);

                    private [|async|] void OnState(IRealtimeChannel sender, ChannelState state) => await _store.SaveAsync(state.ToString());
                }
                """ + Store, """
                using System;
                using Orders.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using static Supabase.Realtime.Constants;

                public sealed class PresenceBadge
                {
                    private readonly IOrderStore _store;

                    public PresenceBadge(IOrderStore store) => _store = store;

                    public void Attach(RealtimeChannel room) => room.AddStateChangedHandler(OnState);

                    private async void OnState(IRealtimeChannel sender, ChannelState state)
                    {
                        try
                        {
                            await _store.SaveAsync(state.ToString());
                        }
                        catch (Exception ex)
                        {
                            System.Diagnostics.Debug.WriteLine(ex);
                        }
                    }
                }
                """ + Store);

        [Fact]
        public Task Fix_wraps_an_async_event_handler_on_Realtime_5()
            => new Verify.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using Orders.Storage;
                    using Supabase.Realtime;

                    public sealed class OrderFeed
                    {
                        public void Attach(RealtimeChannel channel, IOrderStore store)
                        {
                            channel.OnInsert += [|async|] (sender, e) =>
                            {
                                await store.SaveAsync("{}");
                            };
                        }
                    }
                    """ + Store,
                FixedCode = """
                    using Orders.Storage;
                    using Supabase.Realtime;

                    public sealed class OrderFeed
                    {
                        public void Attach(RealtimeChannel channel, IOrderStore store)
                        {
                            channel.OnInsert += async (sender, e) =>
                            {
                                try
                                {
                                    await store.SaveAsync("{}");
                                }
                                catch (System.Exception ex)
                                {
                                    System.Diagnostics.Debug.WriteLine(ex);
                                }
                            };
                        }
                    }
                    """ + Store,
            }.RunAsync();
    }
}
