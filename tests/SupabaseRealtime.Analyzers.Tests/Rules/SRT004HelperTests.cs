using System.Threading.Tasks;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using Verify = SupabaseRealtime.Analyzers.Tests.Verification.CSharpCodeFixVerifier<
    SupabaseRealtime.Analyzers.Rules.SubscriptionNeverReleasedAnalyzer,
    SupabaseRealtime.Analyzers.CodeFixes.Rules.SubscriptionNeverReleasedCodeFixProvider>;
using VerifyAnalyzer = SupabaseRealtime.Analyzers.Tests.Verification.CSharpAnalyzerVerifier<
    SupabaseRealtime.Analyzers.Rules.SubscriptionNeverReleasedAnalyzer>;

namespace SupabaseRealtime.Analyzers.Tests.Rules
{
    /// <summary>SRT004 through the type's own helper methods: a field passed by ref to a set-up helper, releases in teardown helpers.</summary>
    public class SRT004HelperTests
    {
        private const string Usings = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Maui.Controls;
            using Supabase.Realtime;
            using Supabase.Realtime.PostgresChanges;
            using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

            """;

        /// <summary>A MAUI page that sets its channel field up through <c>SetUpAsync(ref _ordersChannel, "orders")</c>; TEARDOWN is its OnDisappearing body.</summary>
        private const string RefHelperPage = Usings + """
            namespace Shop.Pages
            {
                public class OrdersPage : ContentPage
                {
                    private readonly Supabase.Client _client;
                    private RealtimeChannel? _ordersChannel;
                    private int _changes;

                    public OrdersPage(Supabase.Client client) => _client = client;

                    protected override async void OnAppearing()
                    {
                        base.OnAppearing();
                        await SetUpAsync(ref _ordersChannel, "orders");
                    }

                    protected override void OnDisappearing()
                    {
                        base.OnDisappearing();
                        TEARDOWN
                    }

                    private Task SetUpAsync(ref RealtimeChannel? channel, string topic)
                    {
                        channel = _client.Realtime.Channel(topic);
                        channel.AddPostgresChangeHandler(ListenType.All, (sender, change) => _changes++);
                        return {|#0:channel.Subscribe()|};
                    }
                }
            }
            """;

        private static string Page(string teardown) => RefHelperPage.Replace("TEARDOWN", teardown);

        [Fact]
        public Task Reports_a_field_a_ref_helper_sets_up_and_nothing_releases()
            => VerifyAnalyzer.VerifyAnalyzerAsync(
                Page("_changes = 0;"),
                VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments("_ordersChannel", "OrdersPage", "unsubscribe or Remove it in OnDisappearing"));

        [Fact]
        public Task Fix_removes_the_field_a_ref_helper_sets_up_in_the_teardown()
            => Verify.VerifyCodeFixAsync(
                Page("_changes = 0;"),
                Verify.Diagnostic().WithLocation(0).WithArguments("_ordersChannel", "OrdersPage", "unsubscribe or Remove it in OnDisappearing"),
                Page("""
                    _changes = 0;
                                if (_ordersChannel != null)
                                {
                                    _client.Realtime.Remove(_ordersChannel);
                                }
                    """).Replace("{|#0:channel.Subscribe()|}", "channel.Subscribe()"));

        [Fact]
        public Task Reports_a_field_an_out_helper_creates_and_the_caller_subscribes()
            => VerifyAnalyzer.VerifyAnalyzerAsync(Usings + """
                namespace Warehouse.ViewModels
                {
                    public sealed class StockViewModel : System.ComponentModel.INotifyPropertyChanged
                    {
                        private readonly Supabase.Client _supabase;
                        private RealtimeChannel? _stockChannel;

                        public StockViewModel(Supabase.Client supabase) => _supabase = supabase;

                        public event System.ComponentModel.PropertyChangedEventHandler? PropertyChanged;

                        public async Task LoadAsync()
                        {
                            Open(out _stockChannel, "stock");
                            await {|#0:_stockChannel.Subscribe()|};
                        }

                        private void Open(out RealtimeChannel channel, string topic)
                        {
                            channel = _supabase.Realtime.Channel(topic);
                            channel.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => PropertyChanged?.Invoke(this, new System.ComponentModel.PropertyChangedEventArgs("Stock")));
                        }
                    }
                }
                """,
                VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments("_stockChannel", "StockViewModel", "unsubscribe or Remove it in Dispose"));

        [Fact]
        public Task Reports_a_blazor_component_whose_release_helper_only_an_unwired_Dispose_calls()
            => VerifyAnalyzer.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                namespace Shop.Components
                {
                    public partial class LiveOrders : ComponentBase
                    {
                        private RealtimeChannel? _channel;

                        [Inject]
                        public Supabase.Client Supabase { get; set; } = default!;

                        protected override async Task OnInitializedAsync() => await StartListening();

                        private async Task StartListening()
                        {
                            _channel = Supabase.Realtime.Channel("orders");
                            _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => InvokeAsync(StateHasChanged));
                            await {|#0:_channel.Subscribe()|};
                        }

                        private void StopListening()
                        {
                            if (_channel != null)
                            {
                                Supabase.Realtime.Remove(_channel);
                            }
                        }

                        public void Dispose() => StopListening();
                    }
                }
                """,
                VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments("_channel", "LiveOrders", "Dispose() is never called because LiveOrders does not implement IDisposable"));

        [Fact]
        public Task Ignores_a_field_a_ref_helper_sets_up_and_the_teardown_unsubscribes()
            => VerifyAnalyzer.VerifyAnalyzerAsync(Page("_ordersChannel?.Unsubscribe();").Replace("{|#0:channel.Subscribe()|}", "channel.Subscribe()"));

        [Fact]
        public Task Ignores_a_field_a_ref_teardown_helper_removes()
            => VerifyAnalyzer.VerifyAnalyzerAsync(
                Page("Release(ref _ordersChannel);").Replace("{|#0:channel.Subscribe()|}", "channel.Subscribe()").Replace(
                    "private Task SetUpAsync(",
                    "private void Release(ref RealtimeChannel? channel) { if (channel != null) { _client.Realtime.Remove(channel); channel = null; } }\n\n        private Task SetUpAsync("));

        [Fact]
        public Task Ignores_a_ref_helper_that_is_also_passed_a_local()
            => VerifyAnalyzer.VerifyAnalyzerAsync(
                Page("_changes = 0;").Replace("{|#0:channel.Subscribe()|}", "channel.Subscribe()").Replace(
                    "protected override void OnDisappearing()",
                    "public async Task PreviewAsync() { RealtimeChannel? preview = null; await SetUpAsync(ref preview, \"orders-preview\"); }\n\n        protected override void OnDisappearing()"));

        [Fact]
        public Task Ignores_a_field_passed_by_ref_to_a_helper_of_another_type()
            => VerifyAnalyzer.VerifyAnalyzerAsync(Usings + """
                namespace Shop.Pages
                {
                    public sealed class ChannelSetUp
                    {
                        private readonly Supabase.Client _client;

                        public ChannelSetUp(Supabase.Client client) => _client = client;

                        public Task SetUpAsync(ref RealtimeChannel? channel, string topic)
                        {
                            channel = _client.Realtime.Channel(topic);
                            return channel.Subscribe();
                        }
                    }

                    public class OrdersPage : ContentPage
                    {
                        private readonly ChannelSetUp _setUp;
                        private RealtimeChannel? _ordersChannel;

                        public OrdersPage(ChannelSetUp setUp) => _setUp = setUp;

                        protected override async void OnAppearing()
                        {
                            base.OnAppearing();
                            await _setUp.SetUpAsync(ref _ordersChannel, "orders");
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_ref_helper_a_derived_page_may_replace()
            => VerifyAnalyzer.VerifyAnalyzerAsync(
                Page("_changes = 0;").Replace("{|#0:channel.Subscribe()|}", "channel.Subscribe()")
                    .Replace("private Task SetUpAsync(", "protected virtual Task SetUpAsync("));

        [Fact]
        public Task Ignores_a_ref_helper_that_passes_its_parameter_on_to_itself_and_does_not_hang()
            => VerifyAnalyzer.VerifyAnalyzerAsync(
                Page("_changes = 0;").Replace("{|#0:channel.Subscribe()|}", "channel.Subscribe()").Replace(
                    "channel = _client.Realtime.Channel(topic);",
                    "if (topic.EndsWith(\":retry\", StringComparison.Ordinal)) { return SetUpAsync(ref channel, topic.Substring(0, topic.Length - 6)); }\n\n            channel = _client.Realtime.Channel(topic);"));

        [Fact]
        public Task Ignores_a_ref_helper_whose_subscribe_task_the_caller_keeps()
            => VerifyAnalyzer.VerifyAnalyzerAsync(
                Page("_changes = 0;").Replace("{|#0:channel.Subscribe()|}", "channel.Subscribe()")
                    .Replace("await SetUpAsync(ref _ordersChannel, \"orders\");", "_joining = SetUpAsync(ref _ordersChannel, \"orders\");\n            await _joining;")
                    .Replace("private int _changes;", "private int _changes;\n        private Task? _joining;"));

        /// <summary>A MAUI page whose set-up and teardown are spread over private helpers; DISPOSE and the helpers' calls vary.</summary>
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
                        DISAPPEAR
                    }

                    public void Dispose() => StopListening();

                    private async Task StartListening()
                    {
                        CreateChannel();
                        BindHandlers();
                        await _ordersChannel!.Subscribe();
                    }

                    private void CreateChannel() => _ordersChannel = _client.Realtime.Channel("orders");

                    private void BindHandlers() => _ordersChannel!.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => Console.WriteLine("new order"));

                    private void StopListening()
                    {
                        if (_ordersChannel != null)
                        {
                            _ordersChannel.Unsubscribe();
                            _client.Realtime.Remove(_ordersChannel);
                        }
                    }
                    MEMBERS
                }
            }
            """;

        [Fact]
        public Task Ignores_a_page_whose_teardown_helper_removes_the_channel()
            => VerifyAnalyzer.VerifyAnalyzerAsync(SpreadPage.Replace("public void Dispose() => StopListening();", string.Empty)
                .Replace("DISAPPEAR", "StopListening();").Replace("MEMBERS", string.Empty));

        [Fact]
        public Task Ignores_a_release_helper_that_a_public_member_also_calls()
            => VerifyAnalyzer.VerifyAnalyzerAsync(SpreadPage.Replace("DISAPPEAR", string.Empty)
                .Replace("MEMBERS", "public void SignOut() => StopListening();"));

        [Fact]
        public Task Ignores_release_helpers_that_call_each_other_and_does_not_hang()
            => VerifyAnalyzer.VerifyAnalyzerAsync(SpreadPage.Replace("DISAPPEAR", string.Empty)
                .Replace("_client.Realtime.Remove(_ordersChannel);", "_client.Realtime.Remove(_ordersChannel);\n                    RetryLater();")
                .Replace("MEMBERS", "private void RetryLater() { if (_ordersChannel?.IsJoined == true) StopListening(); }"));

        [Fact]
        public Task Reports_a_page_whose_release_helper_only_the_unwired_Dispose_calls()
            => VerifyAnalyzer.VerifyAnalyzerAsync(
                SpreadPage.Replace("DISAPPEAR", string.Empty).Replace("MEMBERS", string.Empty)
                    .Replace("await _ordersChannel!.Subscribe();", "await {|#0:_ordersChannel!.Subscribe()|};"),
                VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments("_ordersChannel", "OrdersPage", "Dispose() is never called because OrdersPage does not implement IDisposable"));
    }
}
