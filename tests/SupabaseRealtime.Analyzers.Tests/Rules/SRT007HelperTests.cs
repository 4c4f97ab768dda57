using System.Threading.Tasks;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using VerifyAnalyzer = SupabaseRealtime.Analyzers.Tests.Verification.CSharpAnalyzerVerifier<
    SupabaseRealtime.Analyzers.Rules.UnsubscribeKeepsChannelCachedAnalyzer>;

namespace SupabaseRealtime.Analyzers.Tests.Rules
{
    /// <summary>SRT007 through the type's own helper methods: set-up through a ref helper, set-up and teardown spread over private helpers.</summary>
    public class SRT007HelperTests
    {
        private const string WhatSetUpAgainDoes = "the handlers added first keep running and the ones added again are dropped";

        private const string Usings = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Maui.Controls;
            using Supabase.Realtime;
            using Supabase.Realtime.PostgresChanges;
            using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

            """;

        [Fact]
        public Task Reports_an_unsubscribe_of_a_field_a_ref_helper_sets_up_again_on_every_appearing()
            => VerifyAnalyzer.VerifyAnalyzerAsync(Usings + """
                namespace Shop.Pages
                {
                    public class OrdersPage : ContentPage
                    {
                        private readonly Supabase.Client _client;
                        private RealtimeChannel? _ordersChannel;
                        private int _newOrders;

                        public OrdersPage(Supabase.Client client) => _client = client;

                        protected override async void OnAppearing()
                        {
                            base.OnAppearing();
                            await SetUpAsync(ref _ordersChannel, "orders");
                        }

                        protected override void OnDisappearing()
                        {
                            base.OnDisappearing();
                            {|#0:_ordersChannel?.Unsubscribe()|};
                        }

                        private Task SetUpAsync(ref RealtimeChannel? channel, string topic)
                        {
                            channel = _client.Realtime.Channel(topic);
                            channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => _newOrders += topic.Length);
                            return channel.Subscribe();
                        }
                    }
                }
                """,
                VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments("_ordersChannel", "SetUpAsync", string.Empty, WhatSetUpAgainDoes));

        [Fact]
        public Task Ignores_an_unsubscribe_of_a_field_a_ref_helper_sets_up_when_the_page_also_removes_it()
            => VerifyAnalyzer.VerifyAnalyzerAsync(Usings + """
                namespace Shop.Pages
                {
                    public class OrdersPage : ContentPage
                    {
                        private readonly Supabase.Client _client;
                        private RealtimeChannel? _ordersChannel;

                        public OrdersPage(Supabase.Client client) => _client = client;

                        protected override async void OnAppearing()
                        {
                            base.OnAppearing();
                            await SetUpAsync(ref _ordersChannel, "orders");
                        }

                        protected override void OnDisappearing()
                        {
                            base.OnDisappearing();
                            Release(ref _ordersChannel);
                        }

                        private Task SetUpAsync(ref RealtimeChannel? channel, string topic)
                        {
                            channel = _client.Realtime.Channel(topic);
                            channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => Console.WriteLine("new order"));
                            return channel.Subscribe();
                        }

                        private void Release(ref RealtimeChannel? channel)
                        {
                            if (channel is null)
                            {
                                return;
                            }

                            channel.Unsubscribe();
                            _client.Realtime.Remove(channel);
                            channel = null;
                        }
                    }
                }
                """);

        /// <summary>A page whose set-up and teardown are spread over private helpers (StartListening, CreateChannel, BindHandlers, StopListening).</summary>
        private const string SpreadPage = Usings + """
            namespace Shop.Pages
            {
                public class OrdersPage : ContentPage
                {
                    private readonly Supabase.Client _client;
                    private RealtimeChannel? _ordersChannel;

                    public OrdersPage(Supabase.Client client) => _client = client;

                    protected override async void OnAppearing()
                    {
                        base.OnAppearing();
                        await StartListening();
                    }

                    protected override void OnDisappearing()
                    {
                        base.OnDisappearing();
                        StopListening();
                    }

                    private async Task StartListening()
                    {
                        CreateChannel();
                        BindHandlers();
                        await _ordersChannel!.Subscribe();
                    }

                    private void CreateChannel() => _ordersChannel = _client.Realtime.Channel("orders");

                    private void BindHandlers() => _ordersChannel!.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => Console.WriteLine("new order"));

                    private void StopListening() => {|#0:_ordersChannel?.Unsubscribe()|};
                }
            }
            """;

        [Fact]
        public Task Reports_a_teardown_helper_that_only_unsubscribes_a_channel_the_set_up_helpers_take_again()
            => VerifyAnalyzer.VerifyAnalyzerAsync(
                SpreadPage,
                VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments("_ordersChannel", "CreateChannel", string.Empty, WhatSetUpAgainDoes));

        /// <summary>A Windows service that creates its own client and sets its channel up once, from the constructor, through a helper.</summary>
        private const string OwnedClientService = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Hosting;
            using Supabase.Realtime;
            using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

            namespace Warehouse.Service
            {
                public sealed class StockWatcher : IHostedService, IDisposable
                {
                    private readonly Client _realtime = new Client("wss://example.supabase.co/realtime/v1");
                    private RealtimeChannel? _stock;
                private int _changes;

                    public StockWatcher()
                    {
                        CreateChannel();
                    }

                    public async Task StartAsync(CancellationToken cancellationToken)
                    {
                        await _realtime.ConnectAsync();
                        await _stock!.Subscribe();
                    }

                    public Task StopAsync(CancellationToken cancellationToken)
                    {
                        STOP
                        return Task.CompletedTask;
                    }

                    public void Dispose()
                    {
                        DISPOSE
                    }

                    private void CreateChannel()
                    {
                        var since = DateTime.UtcNow;
                        _stock = _realtime.Channel("stock");
                        _stock.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => Console.WriteLine($"{++_changes} changes since {since}"));
                    }

                    private void Release() => _stock?.Unsubscribe();
                }
            }
            """;

        [Fact]
        public Task Ignores_an_unsubscribe_when_the_only_set_up_is_a_helper_the_constructor_calls()
            => VerifyAnalyzer.VerifyAnalyzerAsync(OwnedClientService.Replace("STOP", "Release();").Replace("DISPOSE", string.Empty));

        [Fact]
        public Task Ignores_an_unsubscribe_in_a_helper_only_the_final_teardown_calls_when_the_type_owns_the_client()
            => VerifyAnalyzer.VerifyAnalyzerAsync(OwnedClientService
                .Replace("public StockWatcher()\n        {\n            CreateChannel();\n        }", "public StockWatcher()\n        {\n        }")
                .Replace("await _stock!.Subscribe();", "CreateChannel();\n            await _stock!.Subscribe();")
                .Replace("STOP", string.Empty).Replace("DISPOSE", "Release();"));

        [Fact]
        public Task Reports_an_unsubscribe_in_a_helper_that_a_repeatable_member_also_calls()
            => VerifyAnalyzer.VerifyAnalyzerAsync(OwnedClientService
                .Replace("public StockWatcher()\n        {\n            CreateChannel();\n        }", "public StockWatcher()\n        {\n        }")
                .Replace("await _stock!.Subscribe();", "CreateChannel();\n            await _stock!.Subscribe();")
                .Replace("private void Release() => _stock?.Unsubscribe();", "private void Release() => {|#0:_stock?.Unsubscribe()|};")
                .Replace("STOP", "Release();").Replace("DISPOSE", "Release();"),
                VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments("_stock", "CreateChannel", string.Empty, WhatSetUpAgainDoes));
    }
}
