using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Testing;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using VerifyAnalyzer = SupabaseRealtime.Analyzers.Tests.Verification.CSharpAnalyzerVerifier<
    SupabaseRealtime.Analyzers.Rules.UnpairedChangeHandlerAnalyzer>;

namespace SupabaseRealtime.Analyzers.Tests.Rules
{
    /// <summary>SRT010 through the type's own helper methods: a ref set-up helper, teardown helpers that unsubscribe and clear the field.</summary>
    public class SRT010HelperTests
    {
        /// <summary>A WPF view model that sets its channel up through <c>Listen(ref _inventoryChannel, "inventory")</c>.</summary>
        private const string RefHelperViewModel = """
            using System.ComponentModel;
            using System.Threading.Tasks;
            using Supabase.Realtime;
            using Supabase.Realtime.PostgresChanges;
            using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

            namespace Warehouse.ViewModels
            {
                public sealed class InventoryViewModel : INotifyPropertyChanged
                {
                    private readonly Supabase.Client _supabase;
                    private RealtimeChannel? _inventoryChannel;

                    public InventoryViewModel(Supabase.Client supabase) => _supabase = supabase;

                    public event PropertyChangedEventHandler? PropertyChanged;

                    public async Task LoadAsync()
                    {
                        await Listen(ref _inventoryChannel, "inventory");
                    }

                    private Task Listen(ref RealtimeChannel? channel, string topic)
                    {
                        channel = _supabase.Realtime.Channel(topic);
                        channel.Register(new PostgresChangesOptions("public", "inventory", ListenType.Inserts));
                        channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => Raise("Items"));
                        channel.SECOND;
                        return channel.Subscribe();
                    }

                    private void Raise(string property) => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(property));
                }
            }
            """;

        [Fact]
        public Task Reports_a_handler_of_a_ref_helper_naming_the_field_it_sets_up()
            => VerifyAnalyzer.VerifyAnalyzerAsync(
                RefHelperViewModel.Replace("SECOND", "{|#0:AddPostgresChangeHandler(ListenType.Deletes, (sender, change) => Raise(\"Items\"))|}"),
                VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments(
                    "DELETE", "_inventoryChannel", "never runs: no registration is free for it (its one registration, from the Register on line 26, listens for INSERT events only)"));

        [Fact]
        public Task Ignores_a_ref_helper_whose_handlers_each_have_a_registration()
            => VerifyAnalyzer.VerifyAnalyzerAsync(
                RefHelperViewModel.Replace("SECOND", "Register(new PostgresChangesOptions(\"public\", \"inventory\", ListenType.Deletes)).AddPostgresChangeHandler(ListenType.Deletes, (sender, change) => Raise(\"Items\"))"));

        /// <summary>A MAUI page: StartListening registers one binding for every event and adds three handlers; TEARDOWN is what OnDisappearing calls.</summary>
        private const string ThreeHandlersPage = """
            using System;
            using System.Threading.Tasks;
            using Microsoft.Maui.Controls;
            using Supabase.Realtime;
            using Supabase.Realtime.PostgresChanges;
            using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

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
                        TEARDOWN
                    }

                    private async Task StartListening()
                    {
                        _ordersChannel = _client.Realtime.Channel("orders");
                        _ordersChannel.Register(new PostgresChangesOptions("public", "orders", ListenType.All));
                        _ordersChannel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => Console.WriteLine("new order"));
                        _ordersChannel.{|#0:AddPostgresChangeHandler(ListenType.Updates, (sender, change) => Console.WriteLine("order changed"))|};
                        _ordersChannel.{|#1:AddPostgresChangeHandler(ListenType.Deletes, (sender, change) => Console.WriteLine("order cancelled"))|};
                        await _ordersChannel.Subscribe();
                    }

                    private void StopListening()
                    {
                        _ordersChannel?.Unsubscribe();
                        _ordersChannel = null;
                    }

                    private void Release(ref RealtimeChannel? channel)
                    {
                        if (channel != null)
                        {
                            channel.Unsubscribe();
                            _client.Realtime.Remove(channel);
                            channel = null;
                        }
                    }

                    private void Reset(ref RealtimeChannel? channel) => channel = _client.Realtime.Channel("orders:archive");
                }
            }
            """;

        private static DiagnosticResult Unpaired(int location, string @event)
            => VerifyAnalyzer.Diagnostic().WithLocation(location).WithArguments(
                @event, "orders", "never runs: no registration is free for it (its one registration, from the Register on line 32, is taken by the handler on line 33)");

        // Issue shape 4: a teardown helper that unsubscribes and clears the field leaves the set-up's bindings known.
        [Fact]
        public Task Reports_handlers_of_one_registration_when_a_teardown_helper_unsubscribes_and_clears_the_field()
            => VerifyAnalyzer.VerifyAnalyzerAsync(ThreeHandlersPage.Replace("TEARDOWN", "StopListening();"), Unpaired(0, "UPDATE"), Unpaired(1, "DELETE"));

        [Fact]
        public Task Reports_handlers_of_one_registration_when_a_ref_teardown_helper_removes_and_clears_the_field()
            => VerifyAnalyzer.VerifyAnalyzerAsync(ThreeHandlersPage.Replace("TEARDOWN", "Release(ref _ordersChannel);"), Unpaired(0, "UPDATE"), Unpaired(1, "DELETE"));

        [Fact]
        public Task Ignores_a_field_a_ref_helper_may_bind_to_another_channel()
            => VerifyAnalyzer.VerifyAnalyzerAsync(ThreeHandlersPage.Replace("TEARDOWN", "Reset(ref _ordersChannel);")
                .Replace("{|#0:", string.Empty).Replace("{|#1:", string.Empty).Replace(")|};", ");"));
    }
}
