using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using Verify = SupabaseRealtime.Analyzers.Tests.Verification.CSharpCodeFixVerifier<
    SupabaseRealtime.Analyzers.Rules.SubscriptionNeverReleasedAnalyzer,
    SupabaseRealtime.Analyzers.CodeFixes.Rules.SubscriptionNeverReleasedCodeFixProvider>;
using VerifyAnalyzer = SupabaseRealtime.Analyzers.Tests.Verification.CSharpAnalyzerVerifier<
    SupabaseRealtime.Analyzers.Rules.SubscriptionNeverReleasedAnalyzer>;

namespace SupabaseRealtime.Analyzers.Tests.Rules
{
    /// <summary>SRT004: realtime subscription never released.</summary>
    public class SRT004Tests
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

        /// <summary>A screen of some framework holding a channel field it subscribes in <c>ConnectAsync</c>.</summary>
        private const string KindTemplate = Usings + """
            namespace Demo
            {
                public class Todo : BaseModel
                {
                }

                public class TodoScreen : BASE
                {
                    private readonly Supabase.Client _supabase;
                    private RealtimeChannel? _channel;

                    public TodoScreen(Supabase.Client supabase)
                    {
                        _supabase = supabase;
                    }

                    public async Task ConnectAsync()
                    {
                        _channel = _supabase.Realtime.Channel("todos");
                        _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => { });
                        await {|#0:_channel.Subscribe()|};
                    }
            MEMBERS
                }
            }
            """;

        private static string Kind(string baseList, string members)
            => KindTemplate.Replace("BASE", baseList).Replace("MEMBERS", members);

        private static DiagnosticResult Expected(string channel, string type, string advice)
            => Verify.Diagnostic().WithLocation(0).WithArguments(channel, type, advice);

        [Theory]
        [InlineData("Microsoft.AspNetCore.Components.ComponentBase", "", "Dispose")]
        [InlineData("Microsoft.AspNetCore.Components.OwningComponentBase", "", "Dispose")]
        [InlineData("UnityEngine.MonoBehaviour", "", "OnDestroy")]
        [InlineData("Microsoft.Maui.Controls.ContentPage", "", "Dispose")]
        [InlineData("Microsoft.Maui.Controls.ContentView", "", "Dispose")]
        [InlineData("Xamarin.Forms.ContentPage", "", "Dispose")]
        [InlineData("Xamarin.Forms.ContentView", "", "Dispose")]
        [InlineData("System.Windows.Window", "", "Dispose")]
        [InlineData("System.Windows.Controls.UserControl", "", "Dispose")]
        [InlineData("System.Windows.Controls.Page", "", "Dispose")]
        [InlineData("System.Windows.Forms.Form", "", "Dispose")]
        [InlineData("System.Windows.Forms.UserControl", "", "Dispose")]
        [InlineData("Avalonia.Controls.Window", "", "Dispose")]
        [InlineData("Avalonia.Controls.UserControl", "", "Dispose")]
        [InlineData("Microsoft.Extensions.Hosting.BackgroundService", "protected override Task ExecuteAsync(CancellationToken stoppingToken) => ConnectAsync();", "Dispose")]
        [InlineData("Microsoft.Extensions.Hosting.IHostedService", "public Task StartAsync(CancellationToken cancellationToken) => ConnectAsync(); public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;", "StopAsync")]
        [InlineData("INotifyPropertyChanged", "public event PropertyChangedEventHandler? PropertyChanged;", "Dispose")]
        [InlineData("IDisposable", "public void Dispose() { }", "Dispose")]
        [InlineData("IAsyncDisposable", "public ValueTask DisposeAsync() => default;", "DisposeAsync")]
        public Task Reports_field_channel_in_every_bounded_lifetime_kind(string baseList, string members, string teardown)
            => Verify.VerifyAnalyzerAsync(
                Kind(baseList, members),
                Expected("_channel", "TodoScreen", "unsubscribe or Remove it in " + teardown));

        [Theory]
        [InlineData("Microsoft.AspNetCore.Components.ComponentBase, IDisposable", "public void Dispose() => _channel?.Unsubscribe();")]
        [InlineData("Microsoft.AspNetCore.Components.OwningComponentBase", "protected override void Dispose(bool disposing) { if (disposing && _channel != null) _supabase.Realtime.Remove(_channel); base.Dispose(disposing); }")]
        [InlineData("UnityEngine.MonoBehaviour", "private void OnDestroy() { _channel?.Unsubscribe(); }")]
        [InlineData("Microsoft.Maui.Controls.ContentPage", "protected override void OnDisappearing() { base.OnDisappearing(); _channel?.Unsubscribe(); }")]
        [InlineData("Microsoft.Maui.Controls.ContentView, IDisposable", "public void Dispose() { _channel?.Unsubscribe(); }")]
        [InlineData("Xamarin.Forms.ContentPage", "protected override void OnDisappearing() { if (_channel != null) _supabase.Realtime.Remove(_channel); _supabase.Realtime.Disconnect(); }")]
        [InlineData("Xamarin.Forms.ContentView, IDisposable", "public void Dispose() { _channel?.Unsubscribe(); }")]
        [InlineData("System.Windows.Window", "protected override void OnClosed(EventArgs e) { _channel?.Unsubscribe(); base.OnClosed(e); }")]
        [InlineData("System.Windows.Controls.UserControl", "private void OnUnloaded(object sender, System.Windows.RoutedEventArgs e) => _channel?.Unsubscribe();")]
        [InlineData("System.Windows.Controls.Page", "public void Leave() => _channel?.Unsubscribe();")]
        [InlineData("System.Windows.Forms.Form", "protected override void OnFormClosed(System.Windows.Forms.FormClosedEventArgs e) { _channel?.Unsubscribe(); }")]
        [InlineData("System.Windows.Forms.UserControl", "protected override void Dispose(bool disposing) { if (disposing) _channel?.Unsubscribe(); base.Dispose(disposing); }")]
        [InlineData("Avalonia.Controls.Window", "protected override void OnClosed(EventArgs e) { if (_channel != null) _supabase.Realtime.Remove(_channel); }")]
        [InlineData("Avalonia.Controls.UserControl", "protected override void OnDetachedFromVisualTree(Avalonia.VisualTreeAttachmentEventArgs e) => _channel?.Unsubscribe();")]
        [InlineData("Microsoft.Extensions.Hosting.BackgroundService", "protected override Task ExecuteAsync(CancellationToken stoppingToken) => ConnectAsync(); public override async Task StopAsync(CancellationToken cancellationToken) { _channel?.Unsubscribe(); await base.StopAsync(cancellationToken); }")]
        [InlineData("Microsoft.Extensions.Hosting.IHostedService", "public Task StartAsync(CancellationToken cancellationToken) => ConnectAsync(); public Task StopAsync(CancellationToken cancellationToken) { _channel?.Unsubscribe(); return Task.CompletedTask; }")]
        [InlineData("INotifyPropertyChanged, IDisposable", "public event PropertyChangedEventHandler? PropertyChanged; public void Dispose() { if (_channel != null) { _supabase.Realtime.Remove(_channel); } }")]
        [InlineData("IDisposable", "public void Dispose() { _channel?.Unsubscribe(); }")]
        [InlineData("IAsyncDisposable", "public ValueTask DisposeAsync() { _channel?.Unsubscribe(); return default; }")]
        public Task Ignores_field_channel_released_in_every_bounded_lifetime_kind(string baseList, string members)
            => Verify.VerifyAnalyzerAsync(Kind(baseList, members));

        [Fact]
        public Task Reports_blazor_component_whose_dispose_is_never_called()
            => Verify.VerifyAnalyzerAsync(Usings + """
                using Microsoft.AspNetCore.Components;

                namespace Demo
                {
                    public partial class TodoList : ComponentBase
                    {
                        private RealtimeChannel? _channel;

                        [Inject]
                        public Supabase.Client Supabase { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _channel = Supabase.Realtime.Channel("todos");
                            _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => StateHasChanged());
                            await {|#0:_channel.Subscribe()|};
                        }

                        public void Dispose()
                        {
                            _channel?.Unsubscribe();
                        }
                    }
                }
                """,
                Expected("_channel", "TodoList", "Dispose() is never called because TodoList does not implement IDisposable"));

        [Fact]
        public Task Reports_view_model_whose_dispose_async_is_never_called()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class ChatViewModel : INotifyPropertyChanged
                    {
                        private readonly Supabase.Client _supabase;
                        private RealtimeChannel? _room;

                        public ChatViewModel(Supabase.Client supabase) => _supabase = supabase;

                        public event PropertyChangedEventHandler? PropertyChanged;

                        public async Task JoinAsync()
                        {
                            _room = _supabase.Realtime.Channel("room:lobby");
                            _room.AddStateChangedHandler((sender, state) => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs("State")));
                            await {|#0:_room.Subscribe()|};
                        }

                        public ValueTask DisposeAsync()
                        {
                            if (_room != null)
                            {
                                _supabase.Realtime.Remove(_room);
                            }

                            return default;
                        }
                    }
                }
                """,
                Expected("_room", "ChatViewModel", "DisposeAsync() is never called because ChatViewModel does not implement IAsyncDisposable"));

        [Fact]
        public Task Ignores_dispose_without_interface_that_the_type_calls_itself()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public class TodoPage : Microsoft.Maui.Controls.ContentPage
                    {
                        private readonly Supabase.Client _supabase;
                        private RealtimeChannel? _channel;

                        public TodoPage(Supabase.Client supabase) => _supabase = supabase;

                        protected override async void OnAppearing()
                        {
                            _channel = _supabase.Realtime.Channel("todos");
                            await _channel.Subscribe();
                        }

                        protected override void OnDisappearing() => Dispose();

                        public void Dispose() => _channel?.Unsubscribe();
                    }
                }
                """);

        [Fact]
        public Task Reports_local_channel_that_is_never_released()
            => Verify.VerifyAnalyzerAsync(Usings + """
                using Microsoft.AspNetCore.Components;

                namespace Demo
                {
                    public class Presence : ComponentBase
                    {
                        [Inject]
                        public Supabase.Client Supabase { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            var channel = Supabase.Realtime.Channel("presence");
                            channel.AddStateChangedHandler((sender, state) => StateHasChanged());
                            await {|#0:channel.Subscribe()|};
                        }
                    }
                }
                """,
                Expected("channel", "Presence", "unsubscribe or Remove it in Dispose"));

        [Fact]
        public Task Reports_discarded_table_on_result()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public class Todo : BaseModel
                    {
                    }

                    public sealed class TodoViewModel : INotifyPropertyChanged
                    {
                        private readonly Supabase.Client _supabase;

                        public TodoViewModel(Supabase.Client supabase) => _supabase = supabase;

                        public event PropertyChangedEventHandler? PropertyChanged;

                        public async Task LoadAsync()
                        {
                            await {|#0:_supabase.From<Todo>().On(PostgresChangesOptions.ListenType.All, (sender, change) => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs("Items")))|};
                        }
                    }
                }
                """,
                Expected("_supabase.From<Todo>().On(...)", "TodoViewModel", "unsubscribe or Remove it in Dispose"));

        [Fact]
        public Task Reports_field_assigned_from_awaited_table_on()
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
                            _changes = await {|#0:_supabase.From<Todo>().On(PostgresChangesOptions.ListenType.Inserts, (sender, change) => { })|};
                        }

                        public void Dispose()
                        {
                        }
                    }
                }
                """,
                Expected("_changes", "TodoSync", "unsubscribe or Remove it in Dispose"));

        [Fact]
        public Task Reports_local_channel_stored_into_a_field()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class Scoreboard : UnityEngine.MonoBehaviour
                    {
                        private Supabase.Realtime.Client _realtime = default!;
                        private IRealtimeChannel? _scores;

                        private void Awake()
                        {
                            _realtime = new Supabase.Realtime.Client("wss://example.supabase.co/realtime/v1");
                        }

                        private async void Start()
                        {
                            await _realtime.ConnectAsync();
                            var channel = _realtime.Channel("scores");
                            channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => { });
                            await {|#0:channel.Subscribe()|};
                            _scores = channel;
                        }

                        private void OnDisable()
                        {
                        }
                    }
                }
                """,
                Expected("_scores", "Scoreboard", "unsubscribe or Remove it in OnDisable"));

        [Fact]
        public Task Reports_channel_kept_in_a_collection_field_that_is_never_released()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class RoomsViewModel : INotifyPropertyChanged, IDisposable
                    {
                        private readonly Supabase.Client _supabase;
                        private readonly Dictionary<string, RealtimeChannel> _rooms = new();

                        public RoomsViewModel(Supabase.Client supabase) => _supabase = supabase;

                        public event PropertyChangedEventHandler? PropertyChanged;

                        public async Task JoinAsync(string room)
                        {
                            var channel = _supabase.Realtime.Channel("room:" + room);
                            channel.AddStateChangedHandler((sender, state) => { });
                            await {|#0:channel.Subscribe()|};
                            _rooms[room] = channel;
                        }

                        public void Dispose()
                        {
                            _rooms.Clear();
                        }
                    }
                }
                """,
                Expected("channel", "RoomsViewModel", "unsubscribe or Remove it in Dispose"));

        [Theory]
        [InlineData("foreach (var channel in _rooms.Values) channel.Unsubscribe();")]
        [InlineData("foreach (var pair in _rooms) _supabase.Realtime.Remove(pair.Value);")]
        [InlineData("foreach (var channel in _rooms.Values.ToList()) { _supabase.Realtime.Remove(channel); }")]
        [InlineData("_rooms.Values.ToList().ForEach(channel => channel.Unsubscribe());")]
        [InlineData("foreach (var channel in _rooms.Values) _supabase.Realtime.Remove(channel); _supabase.Realtime.Disconnect();")]
        // A Remove method group applied to the collection releases the stored channels too.
        [InlineData("_rooms.Values.ToList().ForEach(_supabase.Realtime.Remove);")]
        [InlineData("foreach (var channel in _rooms.Values.ToArray()) _supabase.Realtime.Remove(channel);")]
        public Task Ignores_collection_field_whose_elements_are_released(string release)
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class RoomsViewModel : INotifyPropertyChanged, IDisposable
                    {
                        private readonly Supabase.Client _supabase;
                        private readonly Dictionary<string, RealtimeChannel> _rooms = new();

                        public RoomsViewModel(Supabase.Client supabase) => _supabase = supabase;

                        public event PropertyChangedEventHandler? PropertyChanged;

                        public async Task JoinAsync(string room)
                        {
                            var channel = _supabase.Realtime.Channel("room:" + room);
                            await channel.Subscribe();
                            _rooms.Add(room, channel);
                        }

                        public void Dispose()
                        {
                            RELEASE
                            _rooms.Clear();
                        }
                    }
                }
                """.Replace("RELEASE", release));

        [Fact]
        public Task Reports_channel_subscribed_straight_from_channel_call()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class Ticker : IDisposable
                    {
                        private readonly Client _realtime;

                        public Ticker(Client realtime) => _realtime = realtime;

                        public Task StartAsync() => {|#0:_realtime.Channel("ticks").Subscribe()|};

                        public void Dispose()
                        {
                        }
                    }
                }
                """,
                Expected("_realtime.Channel(\"ticks\")", "Ticker", "unsubscribe or Remove it in Dispose"));

        [Fact]
        public Task Reports_with_configured_lifetime_type_and_teardown_method()
        {
            var test = new VerifyAnalyzer.Test
            {
                TestCode = Usings + """
                    namespace Demo.Screens
                    {
                        public abstract class Screen
                        {
                            public abstract Task ActivateAsync();
                        }

                        public interface IDeactivate
                        {
                            void Deactivate();
                        }

                        public sealed class Lobby : Screen, IDeactivate
                        {
                            private readonly Client _realtime;
                            private RealtimeChannel? _lobby;

                            public Lobby(Client realtime) => _realtime = realtime;

                            public override async Task ActivateAsync()
                            {
                                _lobby = _realtime.Channel("lobby");
                                await {|#0:_lobby.Subscribe()|};
                            }

                            public void Deactivate()
                            {
                            }
                        }
                    }
                    """,
            };
            test.AddEditorConfig("""
                supabase_realtime.SRT004.lifetime_types = Demo.Screens.Screen, Demo.Missing.Type
                supabase_realtime.SRT004.teardown_methods = Deactivate
                """);
            test.ExpectedDiagnostics.Add(Expected("_lobby", "Lobby", "unsubscribe or Remove it in Deactivate"));
            return test.RunAsync();
        }

        [Fact]
        public Task Ignores_type_that_is_not_configured_as_a_lifetime_type()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo.Screens
                {
                    public abstract class Screen
                    {
                        public abstract Task ActivateAsync();
                    }

                    public sealed class Lobby : Screen
                    {
                        private readonly Client _realtime;
                        private RealtimeChannel? _lobby;

                        public Lobby(Client realtime) => _realtime = realtime;

                        public override async Task ActivateAsync()
                        {
                            _lobby = _realtime.Channel("lobby");
                            await _lobby.Subscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Reports_legacy_event_channel_in_a_component()
        {
            var test = new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System.Threading.Tasks;
                    using Microsoft.AspNetCore.Components;
                    using Supabase.Realtime;

                    namespace Demo
                    {
                        public class Feed : ComponentBase
                        {
                            private RealtimeChannel? _feed;

                            [Inject]
                            public Client Realtime { get; set; } = default!;

                            protected override async Task OnInitializedAsync()
                            {
                                _feed = Realtime.Channel("realtime", "public", "posts");
                                _feed.OnInsert += (sender, args) => StateHasChanged();
                                await {|#0:_feed.Subscribe()|};
                            }
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Expected("_feed", "Feed", "unsubscribe or Remove it in Dispose"));
            return test.RunAsync();
        }

        [Fact]
        public Task Ignores_release_forms_unsubscribe_and_remove()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class Dashboard : IDisposable
                    {
                        private readonly Supabase.Client _supabase;
                        private readonly Client _other;
                        private RealtimeChannel? _orders;
                        private IRealtimeChannel? _stock;
                        private RealtimeChannel? _alerts;

                        public Dashboard(Supabase.Client supabase, Client other)
                        {
                            _supabase = supabase;
                            _other = other;
                        }

                        public async Task StartAsync()
                        {
                            _orders = _supabase.Realtime.Channel("orders");
                            await _orders.Subscribe();
                            _stock = _supabase.Realtime.Channel("stock");
                            await _stock.Subscribe();
                            _alerts = _other.Channel("alerts");
                            await _alerts.Subscribe();
                        }

                        public void Dispose()
                        {
                            _orders?.Unsubscribe();
                            if (_stock != null)
                            {
                                _supabase.Realtime.Remove((RealtimeChannel)_stock);
                            }

                            this._other.Remove(this._other.Channel("alerts"));
                            this._other.Disconnect();
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_release_in_a_helper_method_of_the_type()
            => Verify.VerifyAnalyzerAsync(Usings + """
                using Microsoft.AspNetCore.Components;

                namespace Demo
                {
                    public class TodoList : ComponentBase, IAsyncDisposable
                    {
                        private RealtimeChannel? _channel;

                        [Inject]
                        public Supabase.Client Supabase { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _channel = Supabase.Realtime.Channel("todos");
                            await _channel.Subscribe();
                        }

                        public ValueTask DisposeAsync()
                        {
                            Leave();
                            return default;
                        }

                        private void Leave()
                        {
                            if (_channel != null)
                            {
                                Supabase.Realtime.Remove(_channel);
                            }
                        }
                    }
                }
                """);

        // Disconnect() leaves every channel in the client's cache, bound to the closed socket (sdk-behaviour.md
        // section 3, every line): on an injected client it releases nothing.
        private const string DisconnectKeepsIt = "Disconnect() leaves it in the client's channel cache, where the next Channel(...) of its topic gets it back bound to the closed socket; Remove it in ";

        [Fact]
        public Task Reports_channels_of_an_injected_client_a_background_service_only_disconnects()
            => Verify.VerifyAnalyzerAsync(Usings + """
                using Microsoft.Extensions.Hosting;

                namespace Demo
                {
                    public class Todo : BaseModel
                    {
                    }

                    public sealed class TodoSyncWorker : BackgroundService
                    {
                        private readonly Supabase.Client _supabase;

                        public TodoSyncWorker(Supabase.Client supabase) => _supabase = supabase;

                        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                        {
                            await {|#0:_supabase.From<Todo>().On(PostgresChangesOptions.ListenType.All, (sender, change) => { })|};
                            var audit = _supabase.Realtime.Channel("audit");
                            await {|#1:audit.Subscribe()|};
                        }

                        public override Task StopAsync(CancellationToken cancellationToken)
                        {
                            _supabase.Realtime.Disconnect();
                            return base.StopAsync(cancellationToken);
                        }
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("_supabase.From<Todo>().On(...)", "TodoSyncWorker", DisconnectKeepsIt + "StopAsync"),
                Verify.Diagnostic().WithLocation(1).WithArguments("audit", "TodoSyncWorker", DisconnectKeepsIt + "StopAsync"));

        [Fact]
        public Task Reports_field_channel_of_an_injected_client_only_disconnected_in_dispose()
            => Verify.VerifyAnalyzerAsync(Usings + """
                using Microsoft.AspNetCore.Components;

                namespace Demo
                {
                    public partial class OrderBoard : ComponentBase, IDisposable
                    {
                        private RealtimeChannel? _orders;

                        [Inject]
                        public Client Realtime { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _orders = Realtime.Channel("orders");
                            _orders.OnPostgresChange((sender, change) => InvokeAsync(StateHasChanged), PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "orders" });
                            await {|#0:_orders.Subscribe()|};
                        }

                        public void Dispose() => Realtime.Disconnect();
                    }
                }
                """,
                Expected("_orders", "OrderBoard", DisconnectKeepsIt + "Dispose"));

        [Fact]
        public Task Reports_field_channel_of_an_injected_client_only_disconnected_on_the_realtime_5_shape()
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
                                await {|#0:_feed.Subscribe()|};
                            }

                            public void Dispose() => Realtime.Disconnect();
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Expected("_feed", "Feed", DisconnectKeepsIt + "Dispose"));
            return test.RunAsync();
        }

        [Fact]
        public Task Ignores_field_channel_of_an_injected_client_removed_then_disconnected_on_the_realtime_5_shape()
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

                                Realtime.Disconnect();
                            }
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_field_channel_of_a_client_the_type_creates_and_disconnects_on_the_realtime_5_shape()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System;
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    namespace Demo
                    {
                        public sealed class PriceTicker : IDisposable
                        {
                            private readonly Client _realtime = new Client("wss://example.supabase.co/realtime/v1");
                            private RealtimeChannel? _prices;

                            public async Task StartAsync()
                            {
                                await _realtime.ConnectAsync();
                                _prices = _realtime.Channel("prices");
                                _prices.OnUpdate += (sender, args) => { };
                                await _prices.Subscribe();
                            }

                            public void Dispose() => _realtime.Disconnect();
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Ignores_channels_of_a_supabase_client_the_service_creates_and_disconnects()
            => Verify.VerifyAnalyzerAsync(Usings + """
                using Microsoft.Extensions.Hosting;

                namespace Demo
                {
                    public class Todo : BaseModel
                    {
                    }

                    public sealed class TodoSyncWorker : BackgroundService
                    {
                        private readonly Supabase.Client _supabase;

                        public TodoSyncWorker(string url, string key)
                        {
                            _supabase = new Supabase.Client(url, key, new Supabase.SupabaseOptions { AutoConnectRealtime = true });
                        }

                        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                        {
                            await _supabase.InitializeAsync();
                            await _supabase.From<Todo>().On(PostgresChangesOptions.ListenType.All, (sender, change) => { });
                            var audit = _supabase.Realtime.Channel("audit");
                            await audit.Subscribe();
                        }

                        public override Task StopAsync(CancellationToken cancellationToken)
                        {
                            _supabase.Realtime.Disconnect();
                            return base.StopAsync(cancellationToken);
                        }
                    }
                }
                """);

        [Fact]
        public Task Reports_local_channel_of_an_injected_client_disconnected_in_the_same_method()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class PollViewModel : INotifyPropertyChanged
                    {
                        private readonly Client _realtime;

                        public PollViewModel(Client realtime) => _realtime = realtime;

                        public event PropertyChangedEventHandler? PropertyChanged;

                        public int Votes { get; private set; }

                        public async Task WatchAsync(TimeSpan window)
                        {
                            var votes = _realtime.Channel("poll:votes");
                            votes.OnPostgresChange((sender, change) => Votes++, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "votes" });
                            await {|#0:votes.Subscribe()|};
                            await Task.Delay(window);
                            _realtime.Disconnect();
                        }
                    }
                }
                """,
                Expected("votes", "PollViewModel", DisconnectKeepsIt + "Dispose"));

        [Fact]
        public Task Ignores_local_channel_of_a_client_created_in_the_same_method_and_disconnected()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class PollViewModel : INotifyPropertyChanged
                    {
                        public event PropertyChangedEventHandler? PropertyChanged;

                        public int Votes { get; private set; }

                        public async Task WatchAsync(string url, TimeSpan window)
                        {
                            var realtime = new Client(url);
                            await realtime.ConnectAsync();
                            var votes = realtime.Channel("poll:votes");
                            votes.OnPostgresChange((sender, change) => Votes++, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "votes" });
                            await votes.Subscribe();
                            await Task.Delay(window);
                            realtime.Disconnect();
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_channel_of_an_injected_client_removed_before_the_disconnect_in_stop_async()
            => Verify.VerifyAnalyzerAsync(Usings + """
                using Microsoft.Extensions.Hosting;

                namespace Demo
                {
                    public sealed class AuditWorker : BackgroundService
                    {
                        private readonly Supabase.Client _supabase;
                        private RealtimeChannel? _audit;

                        public AuditWorker(Supabase.Client supabase) => _supabase = supabase;

                        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                        {
                            _audit = _supabase.Realtime.Channel("audit");
                            await _audit.Subscribe();
                        }

                        public override Task StopAsync(CancellationToken cancellationToken)
                        {
                            if (_audit != null)
                            {
                                _supabase.Realtime.Remove(_audit);
                            }

                            _supabase.Realtime.Disconnect();
                            return base.StopAsync(cancellationToken);
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_entry_point_main()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class Program : IDisposable
                    {
                        public static async Task Main()
                        {
                            var supabase = new Supabase.Client("https://example.supabase.co", "anon");
                            await supabase.InitializeAsync();
                            var channel = supabase.Realtime.Channel("todos");
                            await channel.Subscribe();
                            await Task.Delay(Timeout.Infinite);
                        }

                        public void Dispose()
                        {
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_top_level_statements()
        {
            var test = new VerifyAnalyzer.Test
            {
                OutputKind = OutputKind.ConsoleApplication,
                TestCode = """
                    using System.Threading;
                    using System.Threading.Tasks;

                    var supabase = new Supabase.Client("https://example.supabase.co", "anon");
                    await supabase.InitializeAsync();
                    var channel = supabase.Realtime.Channel("todos");
                    await channel.Subscribe();
                    await Task.Delay(Timeout.Infinite);
                    """,
            };
            return test.RunAsync();
        }

        [Fact]
        public Task Ignores_singleton_service_without_bounded_lifetime()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class RealtimeHub
                    {
                        private readonly Supabase.Client _supabase;
                        private RealtimeChannel? _channel;

                        public RealtimeHub(Supabase.Client supabase) => _supabase = supabase;

                        public async Task StartAsync()
                        {
                            _channel = _supabase.Realtime.Channel("todos");
                            await _channel.Subscribe();
                            var presence = _supabase.Realtime.Channel("presence");
                            await presence.Subscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_escaped_channels()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class ChannelOwner
                    {
                        public IRealtimeChannel? Channel { get; set; }

                        public void Adopt(IRealtimeChannel channel) => Channel = channel;
                    }

                    public sealed class Lobby : IDisposable
                    {
                        private readonly Client _realtime;
                        private readonly ChannelOwner _owner = new();
                        private RealtimeChannel? _kept;

                        public Lobby(Client realtime) => _realtime = realtime;

                        public async Task<RealtimeChannel> OpenAsync()
                        {
                            var returned = _realtime.Channel("returned");
                            await returned.Subscribe();
                            return returned;
                        }

                        public async Task PassAsync()
                        {
                            var passed = _realtime.Channel("passed");
                            await passed.Subscribe();
                            _owner.Adopt(passed);
                            var stored = _realtime.Channel("stored");
                            await stored.Subscribe();
                            _owner.Channel = stored;
                            _kept = _realtime.Channel("kept");
                            await _kept.Subscribe();
                            Track(_kept);
                        }

                        public void Dispose()
                        {
                        }

                        private static void Track(IRealtimeChannel channel)
                        {
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_local_channel_released_in_its_method()
            => Verify.VerifyAnalyzerAsync(Usings + """
                using Microsoft.Extensions.Hosting;

                namespace Demo
                {
                    public sealed class AuditWorker : BackgroundService
                    {
                        private readonly Client _realtime;

                        public AuditWorker(Client realtime) => _realtime = realtime;

                        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                        {
                            var channel = _realtime.Channel("audit");
                            try
                            {
                                await channel.Subscribe();
                                await Task.Delay(Timeout.Infinite, stoppingToken);
                            }
                            finally
                            {
                                _realtime.Remove(channel);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_channel_received_from_outside()
            => Verify.VerifyAnalyzerAsync(Usings + """
                using Microsoft.AspNetCore.Components;

                namespace Demo
                {
                    public class ChatRoom : ComponentBase
                    {
                        private IRealtimeChannel? _channel;

                        [Parameter]
                        public IRealtimeChannel? Room { get; set; }

                        protected override async Task OnParametersSetAsync()
                        {
                            _channel = Room;
                            if (_channel != null)
                            {
                                await _channel.Subscribe();
                            }

                            if (Room != null)
                            {
                                await Room.Subscribe();
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_static_and_non_private_channel_fields()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public class BaseScreen : IDisposable
                    {
                        private static RealtimeChannel? s_shared;
                        protected RealtimeChannel? Channel;

                        public async Task OpenAsync(Client realtime)
                        {
                            s_shared ??= realtime.Channel("shared");
                            await s_shared.Subscribe();
                            Channel = realtime.Channel("screen");
                            await Channel.Subscribe();
                        }

                        public virtual void Dispose()
                        {
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_half_typed_code()
            => Verify.VerifyAnalyzerAsync(Usings + """
                using Microsoft.AspNetCore.Components;

                namespace Demo
                {
                    public class Broken : ComponentBase
                    {
                        private RealtimeChannel? _channel;

                        [Inject]
                        public Supabase.Client Supabase { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _channel = Supabase.Realtime.Channel({|CS1503:42|});
                            await _channel.{|CS1061:Subscribes|}();
                            await {|CS0103:missing|}.Subscribe();
                            _ = Supabase.From<{|CS0246:Missing|}>().On(PostgresChangesOptions.ListenType.All, (s, c) => { });
                        }
                    }
                }
                """);

        /// <summary>
        /// Found by the fix round-trip: with <c>using System;</c> still missing, <c>IDisposable</c> does not bind, so
        /// "does not implement IDisposable" is unknown; the fix used to add a second <c>IDisposable</c>.
        /// </summary>
        [Fact]
        public Task Ignores_a_dispose_whose_interface_does_not_bind_yet()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;

                namespace Demo
                {
                    public class Presence : ComponentBase, {|CS0246:IDisposable|}
                    {
                        [Inject]
                        public Supabase.Client Supabase { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            var channel = Supabase.Realtime.Channel("presence");
                            await channel.Subscribe();
                        }

                        public void Dispose()
                        {
                            foreach (var channel in Supabase.Realtime.Subscriptions.Values)
                            {
                                Supabase.Realtime.Remove(channel);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Reports_window_whose_closed_handler_does_not_release()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public class OrdersWindow : System.Windows.Window
                    {
                        private readonly Client _realtime;
                        private RealtimeChannel? _orders;

                        public OrdersWindow(Client realtime)
                        {
                            _realtime = realtime;
                            Closed += OnWindowClosed;
                        }

                        public async Task LoadAsync()
                        {
                            _orders = _realtime.Channel("orders");
                            await {|#0:_orders.Subscribe()|};
                        }

                        private void OnWindowClosed(object? sender, EventArgs e)
                        {
                        }
                    }
                }
                """,
                Expected("_orders", "OrdersWindow", "unsubscribe or Remove it in OnWindowClosed"));

        [Fact]
        public Task Reports_window_whose_closed_handler_is_wired_in_a_member_without_sdk_use()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public class OrdersWindow : System.Windows.Window
                    {
                        private RealtimeChannel? _orders;

                        public OrdersWindow()
                        {
                            Title = "Orders";
                            Closed += OnWindowClosed;
                        }

                        public string Title { get; set; } = string.Empty;

                        public Client Realtime { get; set; } = default!;

                        public async Task LoadAsync()
                        {
                            _orders = Realtime.Channel("orders");
                            await {|#0:_orders.Subscribe()|};
                        }

                        private void OnWindowClosed(object? sender, EventArgs e)
                        {
                            Title = string.Empty;
                        }
                    }
                }
                """,
                Expected("_orders", "OrdersWindow", "unsubscribe or Remove it in OnWindowClosed"));

        [Fact]
        public Task Reports_channel_array_of_the_type_never_released()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class Rooms : IDisposable
                    {
                        private readonly Client _realtime;
                        private readonly RealtimeChannel[] _rooms = new RealtimeChannel[2];

                        public Rooms(Client realtime) => _realtime = realtime;

                        public int Count => _rooms.Length;

                        public async Task JoinAsync(int index)
                        {
                            var room = _realtime.Channel("room:" + index);
                            _rooms[index] = room;
                            await {|#0:room.Subscribe()|};
                        }

                        public void Dispose()
                        {
                        }
                    }
                }
                """,
                Expected("room", "Rooms", "unsubscribe or Remove it in Dispose"));

        [Fact]
        public Task Ignores_channel_array_handed_out_by_a_member_without_sdk_use()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class Rooms : IDisposable
                    {
                        private readonly Client _realtime;
                        private readonly RealtimeChannel[] _rooms = new RealtimeChannel[2];

                        public Rooms(Client realtime) => _realtime = realtime;

                        public object[] Snapshot() => _rooms;

                        public async Task JoinAsync(int index)
                        {
                            var room = _realtime.Channel("room:" + index);
                            _rooms[index] = room;
                            await room.Subscribe();
                        }

                        public void Dispose()
                        {
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_local_channels_of_a_client_the_type_owns_and_disconnects()
            => Verify.VerifyAnalyzerAsync(Usings + """
                namespace Demo
                {
                    public sealed class LiveFeed : IDisposable
                    {
                        private readonly Client _realtime = new Client("wss://example.supabase.co/realtime/v1");

                        public async Task StartAsync()
                        {
                            await _realtime.ConnectAsync();
                            var news = _realtime.Channel("news");
                            news.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => { });
                            await news.Subscribe();
                        }

                        public void Dispose() => _realtime.Disconnect();
                    }
                }
                """);

        [Fact]
        public Task Ignores_local_channel_when_the_type_removes_channels_of_its_client()
            => Verify.VerifyAnalyzerAsync(Usings + """
                using Microsoft.AspNetCore.Components;

                namespace Demo
                {
                    public class Presence : ComponentBase, IDisposable
                    {
                        [Inject]
                        public Supabase.Client Supabase { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            var channel = Supabase.Realtime.Channel("presence");
                            await channel.Subscribe();
                        }

                        public void Dispose()
                        {
                            foreach (var channel in Supabase.Realtime.Subscriptions.Values)
                            {
                                Supabase.Realtime.Remove(channel);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_release_through_a_pattern_variable()
            => Verify.VerifyAnalyzerAsync(Usings + """
                using Microsoft.AspNetCore.Components;

                namespace Demo
                {
                    public class Feed : ComponentBase, IDisposable
                    {
                        private IRealtimeChannel? _feed;

                        [Inject]
                        public Supabase.Client Supabase { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _feed = Supabase.Realtime.Channel("feed");
                            await _feed.Subscribe();
                        }

                        public void Dispose()
                        {
                            if (_feed is RealtimeChannel feed)
                            {
                                Supabase.Realtime.Remove(feed);
                            }
                        }
                    }
                }
                """);

        // The Remove lands after the Disconnect(): the channel is still IsJoined, so Remove unsubscribes it (the leave is
        // buffered on the stopped socket, nothing throws) and drops it from the cache.
        [Fact]
        public Task Fix_removes_the_field_channel_beside_a_disconnect_of_an_injected_client()
            => Verify.VerifyCodeFixAsync("""
                using System;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                namespace Demo
                {
                    public partial class OrderBoard : ComponentBase, IDisposable
                    {
                        private RealtimeChannel? _orders;

                        [Inject]
                        public Client Realtime { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _orders = Realtime.Channel("orders");
                            _orders.OnPostgresChange((sender, change) => InvokeAsync(StateHasChanged), PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "orders" });
                            await [|_orders.Subscribe()|];
                        }

                        public void Dispose()
                        {
                            Realtime.Disconnect();
                        }
                    }
                }
                """, """
                using System;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                namespace Demo
                {
                    public partial class OrderBoard : ComponentBase, IDisposable
                    {
                        private RealtimeChannel? _orders;

                        [Inject]
                        public Client Realtime { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _orders = Realtime.Channel("orders");
                            _orders.OnPostgresChange((sender, change) => InvokeAsync(StateHasChanged), PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "orders" });
                            await _orders.Subscribe();
                        }

                        public void Dispose()
                        {
                            Realtime.Disconnect();
                            if (_orders != null)
                            {
                                Realtime.Remove(_orders);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_releases_field_at_the_end_of_the_existing_dispose()
            => Verify.VerifyCodeFixAsync("""
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                namespace Demo
                {
                    public partial class TodoList : ComponentBase, IDisposable
                    {
                        private readonly CancellationTokenSource _cancellation = new();
                        private RealtimeChannel? _channel;

                        [Inject]
                        public Supabase.Client Supabase { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _channel = Supabase.Realtime.Channel("todos");
                            _channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => StateHasChanged());
                            await [|_channel.Subscribe()|];
                        }

                        public void Dispose()
                        {
                            _cancellation.Cancel();
                            _cancellation.Dispose();
                        }
                    }
                }
                """, """
                using System;
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                namespace Demo
                {
                    public partial class TodoList : ComponentBase, IDisposable
                    {
                        private readonly CancellationTokenSource _cancellation = new();
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
                            _cancellation.Cancel();
                            _cancellation.Dispose();
                            if (_channel != null)
                            {
                                Supabase.Realtime.Remove(_channel);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_releases_non_nullable_field_inside_if_disposing_before_the_base_call()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;
                using System.Windows.Forms;
                using Supabase.Realtime;

                namespace Demo
                {
                    public class OrdersForm : Form
                    {
                        private readonly Client _realtime;
                        private readonly RealtimeChannel _orders;

                        public OrdersForm(Client realtime)
                        {
                            _realtime = realtime;
                            _orders = _realtime.Channel("orders");
                        }

                        protected override async void OnLoad(System.EventArgs e)
                        {
                            base.OnLoad(e);
                            await [|_orders.Subscribe()|];
                        }

                        protected override void Dispose(bool disposing)
                        {
                            if (disposing)
                            {
                                Text = string.Empty;
                            }

                            base.Dispose(disposing);
                        }

                        public string Text { get; set; } = string.Empty;
                    }
                }
                """, """
                using System.Threading.Tasks;
                using System.Windows.Forms;
                using Supabase.Realtime;

                namespace Demo
                {
                    public class OrdersForm : Form
                    {
                        private readonly Client _realtime;
                        private readonly RealtimeChannel _orders;

                        public OrdersForm(Client realtime)
                        {
                            _realtime = realtime;
                            _orders = _realtime.Channel("orders");
                        }

                        protected override async void OnLoad(System.EventArgs e)
                        {
                            base.OnLoad(e);
                            await _orders.Subscribe();
                        }

                        protected override void Dispose(bool disposing)
                        {
                            if (disposing)
                            {
                                Text = string.Empty;
                                _realtime.Remove(_orders);
                            }

                            base.Dispose(disposing);
                        }

                        public string Text { get; set; } = string.Empty;
                    }
                }
                """);

        [Fact]
        public Task Fix_unsubscribes_when_the_client_is_not_a_member_and_expands_an_expression_body()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;
                using Microsoft.Maui.Controls;
                using Supabase.Realtime;

                namespace Demo
                {
                    public class ChatPage : ContentPage
                    {
                        private RealtimeChannel? _room;

                        public async Task JoinAsync(Client realtime)
                        {
                            _room = realtime.Channel("room:lobby");
                            await [|_room.Subscribe()|];
                        }

                        protected override void OnDisappearing() => base.OnDisappearing();
                    }
                }
                """, """
                using System.Threading.Tasks;
                using Microsoft.Maui.Controls;
                using Supabase.Realtime;

                namespace Demo
                {
                    public class ChatPage : ContentPage
                    {
                        private RealtimeChannel? _room;

                        public async Task JoinAsync(Client realtime)
                        {
                            _room = realtime.Channel("room:lobby");
                            await _room.Subscribe();
                        }

                        protected override void OnDisappearing()
                        {
                            base.OnDisappearing();
                            _room?.Unsubscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_adds_on_destroy_to_a_unity_behaviour()
            => Verify.VerifyCodeFixAsync("""
                using Supabase.Realtime;
                using UnityEngine;

                namespace Demo
                {
                    public class Scoreboard : MonoBehaviour
                    {
                        private Client _realtime = default!;
                        private RealtimeChannel? _scores;

                        private void Awake()
                        {
                            _realtime = new Client("wss://example.supabase.co/realtime/v1");
                        }

                        private async void Start()
                        {
                            await _realtime.ConnectAsync();
                            _scores = _realtime.Channel("scores");
                            await [|_scores.Subscribe()|];
                        }
                    }
                }
                """, """
                using Supabase.Realtime;
                using UnityEngine;

                namespace Demo
                {
                    public class Scoreboard : MonoBehaviour
                    {
                        private Client _realtime = default!;
                        private RealtimeChannel? _scores;

                        private void Awake()
                        {
                            _realtime = new Client("wss://example.supabase.co/realtime/v1");
                        }

                        private async void Start()
                        {
                            await _realtime.ConnectAsync();
                            _scores = _realtime.Channel("scores");
                            await _scores.Subscribe();
                        }

                        private void OnDestroy()
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
        public Task Fix_reaches_a_nullable_client_field_of_a_unity_behaviour_with_a_null_conditional_access()
            => Verify.VerifyCodeFixAsync("""
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using UnityEngine;

                namespace Demo
                {
                    public sealed class MatchLobby : MonoBehaviour
                    {
                        private Supabase.Client? _supabase;
                        private RealtimeChannel? _players;
                        private RealtimeChannel? _chat;

                        public void Bind(Supabase.Client supabase) => _supabase = supabase;

                        private async void Start()
                        {
                            if (_supabase == null)
                            {
                                return;
                            }

                            _players = _supabase.Realtime.Channel("players");
                            _players.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "players" });
                            await [|_players.Subscribe()|];
                            _chat = _supabase.Realtime.Channel("lobby-chat");
                            await [|_chat.Subscribe()|];
                        }

                        private void OnDisable()
                        {
                            Debug("lobby hidden");
                        }

                        private static void Debug(string message) { }
                    }
                }
                """, """
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using UnityEngine;

                namespace Demo
                {
                    public sealed class MatchLobby : MonoBehaviour
                    {
                        private Supabase.Client? _supabase;
                        private RealtimeChannel? _players;
                        private RealtimeChannel? _chat;

                        public void Bind(Supabase.Client supabase) => _supabase = supabase;

                        private async void Start()
                        {
                            if (_supabase == null)
                            {
                                return;
                            }

                            _players = _supabase.Realtime.Channel("players");
                            _players.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "players" });
                            await _players.Subscribe();
                            _chat = _supabase.Realtime.Channel("lobby-chat");
                            await _chat.Subscribe();
                        }

                        private void OnDisable()
                        {
                            Debug("lobby hidden");
                            if (_players != null)
                            {
                                _supabase?.Realtime.Remove(_players);
                            }

                            if (_chat != null)
                            {
                                _supabase?.Realtime.Remove(_chat);
                            }
                        }

                        private static void Debug(string message) { }
                    }
                }
                """);

        [Fact]
        public Task Fix_adds_idisposable_and_dispose_to_a_sealed_view_model()
            => Verify.VerifyCodeFixAsync("""
                using System.ComponentModel;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                namespace Demo
                {
                    public sealed class ChatViewModel : INotifyPropertyChanged
                    {
                        private readonly Supabase.Client _supabase;
                        private RealtimeChannel? _room;

                        public ChatViewModel(Supabase.Client supabase) => _supabase = supabase;

                        public event PropertyChangedEventHandler? PropertyChanged;

                        public async Task JoinAsync()
                        {
                            _room = _supabase.Realtime.Channel("room:lobby");
                            _room.AddStateChangedHandler((sender, state) => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs("State")));
                            await [|_room.Subscribe()|];
                        }
                    }
                }
                """, """
                using System;
                using System.ComponentModel;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                namespace Demo
                {
                    public sealed class ChatViewModel : INotifyPropertyChanged, IDisposable
                    {
                        private readonly Supabase.Client _supabase;
                        private RealtimeChannel? _room;

                        public ChatViewModel(Supabase.Client supabase) => _supabase = supabase;

                        public event PropertyChangedEventHandler? PropertyChanged;

                        public async Task JoinAsync()
                        {
                            _room = _supabase.Realtime.Channel("room:lobby");
                            _room.AddStateChangedHandler((sender, state) => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs("State")));
                            await _room.Subscribe();
                        }

                        public void Dispose()
                        {
                            if (_room != null)
                            {
                                _supabase.Realtime.Remove(_room);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_adds_the_dispose_pattern_to_an_unsealed_component()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;

                namespace Demo
                {
                    public partial class TodoList : ComponentBase
                    {
                        private RealtimeChannel? _channel;

                        [Inject]
                        public Supabase.Client Supabase { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _channel = Supabase.Realtime.Channel("todos");
                            await [|_channel.Subscribe()|];
                        }
                    }
                }
                """, """
                using System;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;

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
                            await _channel.Subscribe();
                        }

                        public void Dispose()
                        {
                            Dispose(true);
                            GC.SuppressFinalize(this);
                        }

                        protected virtual void Dispose(bool disposing)
                        {
                            if (disposing)
                            {
                                if (_channel != null)
                                {
                                    Supabase.Realtime.Remove(_channel);
                                }
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_overrides_dispose_of_a_background_service()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Hosting;
                using Supabase.Realtime;

                namespace Demo
                {
                    public sealed class AuditWorker : BackgroundService
                    {
                        private readonly Client _realtime;
                        private RealtimeChannel? _audit;

                        public AuditWorker(Client realtime) => _realtime = realtime;

                        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                        {
                            _audit = _realtime.Channel("audit");
                            await [|_audit.Subscribe()|];
                        }
                    }
                }
                """, """
                using System.Threading;
                using System.Threading.Tasks;
                using Microsoft.Extensions.Hosting;
                using Supabase.Realtime;

                namespace Demo
                {
                    public sealed class AuditWorker : BackgroundService
                    {
                        private readonly Client _realtime;
                        private RealtimeChannel? _audit;

                        public AuditWorker(Client realtime) => _realtime = realtime;

                        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                        {
                            _audit = _realtime.Channel("audit");
                            await _audit.Subscribe();
                        }

                        public override void Dispose()
                        {
                            if (_audit != null)
                            {
                                _realtime.Remove(_audit);
                            }

                            base.Dispose();
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_overrides_dispose_bool_of_an_owning_component()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;

                namespace Demo
                {
                    public class Inbox : OwningComponentBase
                    {
                        private IRealtimeChannelHolder? _unused;
                        private RealtimeChannel? _inbox;

                        [Inject]
                        public Client Realtime { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _inbox = Realtime.Channel("inbox");
                            await [|_inbox.Subscribe()|];
                        }
                    }

                    public interface IRealtimeChannelHolder
                    {
                    }
                }
                """, """
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;

                namespace Demo
                {
                    public class Inbox : OwningComponentBase
                    {
                        private IRealtimeChannelHolder? _unused;
                        private RealtimeChannel? _inbox;

                        [Inject]
                        public Client Realtime { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _inbox = Realtime.Channel("inbox");
                            await _inbox.Subscribe();
                        }

                        protected override void Dispose(bool disposing)
                        {
                            if (disposing)
                            {
                                if (_inbox != null)
                                {
                                    Realtime.Remove(_inbox);
                                }
                            }

                            base.Dispose(disposing);
                        }
                    }

                    public interface IRealtimeChannelHolder
                    {
                    }
                }
                """);

        [Fact]
        public Task Fix_adds_the_missing_interface_for_an_unwired_dispose()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;

                namespace Demo
                {
                    public partial class TodoList : ComponentBase
                    {
                        private RealtimeChannel? _channel;

                        [Inject]
                        public Supabase.Client Supabase { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _channel = Supabase.Realtime.Channel("todos");
                            await [|_channel.Subscribe()|];
                        }

                        public void Dispose()
                        {
                            _channel?.Unsubscribe();
                        }
                    }
                }
                """, """
                using System;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;

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
                            await _channel.Subscribe();
                        }

                        public void Dispose()
                        {
                            _channel?.Unsubscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_adds_iasyncdisposable_for_an_unwired_dispose_async()
            => Verify.VerifyCodeFixAsync("""
                using System;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;

                namespace Demo
                {
                    public class Feed : ComponentBase
                    {
                        private RealtimeChannel? _feed;

                        [Inject]
                        public Client Realtime { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _feed = Realtime.Channel("feed");
                            await [|_feed.Subscribe()|];
                        }

                        public ValueTask DisposeAsync()
                        {
                            if (_feed != null)
                            {
                                Realtime.Remove(_feed);
                            }

                            return ValueTask.CompletedTask;
                        }
                    }
                }
                """, """
                using System;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;

                namespace Demo
                {
                    public class Feed : ComponentBase, IAsyncDisposable
                    {
                        private RealtimeChannel? _feed;

                        [Inject]
                        public Client Realtime { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _feed = Realtime.Channel("feed");
                            await _feed.Subscribe();
                        }

                        public ValueTask DisposeAsync()
                        {
                            if (_feed != null)
                            {
                                Realtime.Remove(_feed);
                            }

                            return ValueTask.CompletedTask;
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_keeps_a_local_channel_in_a_new_field()
            => Verify.VerifyCodeFixAsync("""
                using System;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;

                namespace Demo
                {
                    public class Presence : ComponentBase, IDisposable
                    {
                        private int _online;

                        [Inject]
                        public Supabase.Client Supabase { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            var channel = Supabase.Realtime.Channel("presence");
                            channel.AddStateChangedHandler((sender, state) => _online++);
                            await [|channel.Subscribe()|];
                        }

                        public void Dispose()
                        {
                        }
                    }
                }
                """, """
                using System;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;

                namespace Demo
                {
                    public class Presence : ComponentBase, IDisposable
                    {
                        private int _online;
                        private RealtimeChannel? _channel;

                        [Inject]
                        public Supabase.Client Supabase { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            var channel = Supabase.Realtime.Channel("presence");
                            _channel = channel;
                            channel.AddStateChangedHandler((sender, state) => _online++);
                            await channel.Subscribe();
                        }

                        public void Dispose()
                        {
                            if (_channel != null)
                            {
                                Supabase.Realtime.Remove(_channel);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_keeps_a_discarded_table_on_result_in_a_new_field()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;
                using Supabase.Postgrest.Models;
                using Supabase.Realtime.PostgresChanges;

                namespace Demo
                {
                    public class Todo : BaseModel
                    {
                    }

                    public sealed class TodoPage : Microsoft.Maui.Controls.ContentPage
                    {
                        private readonly Supabase.Client _supabase;

                        public TodoPage(Supabase.Client supabase) => _supabase = supabase;

                        protected override async void OnAppearing()
                        {
                            base.OnAppearing();
                            await [|_supabase.From<Todo>().On(PostgresChangesOptions.ListenType.All, (sender, change) => { })|];
                        }

                        protected override void OnDisappearing()
                        {
                            base.OnDisappearing();
                        }
                    }
                }
                """, """
                using System.Threading.Tasks;
                using Supabase.Postgrest.Models;
                using Supabase.Realtime.PostgresChanges;

                namespace Demo
                {
                    public class Todo : BaseModel
                    {
                    }

                    public sealed class TodoPage : Microsoft.Maui.Controls.ContentPage
                    {
                        private readonly Supabase.Client _supabase;
                        private Supabase.Realtime.RealtimeChannel? _todoChannel;

                        public TodoPage(Supabase.Client supabase) => _supabase = supabase;

                        protected override async void OnAppearing()
                        {
                            base.OnAppearing();
                            _todoChannel = await _supabase.From<Todo>().On(PostgresChangesOptions.ListenType.All, (sender, change) => { });
                        }

                        protected override void OnDisappearing()
                        {
                            base.OnDisappearing();
                            if (_todoChannel != null)
                            {
                                _supabase.Realtime.Remove(_todoChannel);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_casts_an_interface_typed_field_when_every_value_is_concrete()
            => Verify.VerifyCodeFixAsync("""
                using System;
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;

                namespace Demo
                {
                    public sealed class StockTicker : IDisposable
                    {
                        private readonly Supabase.Client _supabase;
                        private IRealtimeChannel? _stock;

                        public StockTicker(Supabase.Client supabase) => _supabase = supabase;

                        public async Task StartAsync()
                        {
                            _stock = _supabase.Realtime.Channel("stock");
                            await [|_stock.Subscribe()|];
                        }

                        public void Dispose() => Console.WriteLine("stopped");
                    }
                }
                """, """
                using System;
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;

                namespace Demo
                {
                    public sealed class StockTicker : IDisposable
                    {
                        private readonly Supabase.Client _supabase;
                        private IRealtimeChannel? _stock;

                        public StockTicker(Supabase.Client supabase) => _supabase = supabase;

                        public async Task StartAsync()
                        {
                            _stock = _supabase.Realtime.Channel("stock");
                            await _stock.Subscribe();
                        }

                        public void Dispose()
                        {
                            Console.WriteLine("stopped");
                            if (_stock != null)
                            {
                                _supabase.Realtime.Remove((RealtimeChannel)_stock);
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_all_releases_every_channel_in_every_document()
        {
            var test = new Verify.Test();
            test.Sources.Add("""
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;

                namespace Demo
                {
                    public sealed class Dashboard : ComponentBase
                    {
                        private RealtimeChannel? _orders;
                        private RealtimeChannel? _stock;

                        [Inject]
                        public Client Realtime { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _orders = Realtime.Channel("orders");
                            await [|_orders.Subscribe()|];
                            _stock = Realtime.Channel("stock");
                            await [|_stock.Subscribe()|];
                            await [|_stock.Subscribe()|];
                        }
                    }

                    public sealed class Alerts : ComponentBase
                    {
                        [Inject]
                        public Client Realtime { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            var alerts = Realtime.Channel("alerts");
                            await [|alerts.Subscribe()|];
                        }
                    }
                }
                """);
            test.Sources.Add("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                namespace Demo
                {
                    public sealed class Ticker : UnityEngine.MonoBehaviour
                    {
                        private Client _realtime = default!;
                        private RealtimeChannel? _ticks;

                        private async void Start()
                        {
                            _ticks = _realtime.Channel("ticks");
                            await [|_ticks.Subscribe()|];
                        }
                    }
                }
                """);
            test.FixedSources.Add("""
                using System;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;

                namespace Demo
                {
                    public sealed class Dashboard : ComponentBase, IDisposable
                    {
                        private RealtimeChannel? _orders;
                        private RealtimeChannel? _stock;

                        [Inject]
                        public Client Realtime { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            _orders = Realtime.Channel("orders");
                            await _orders.Subscribe();
                            _stock = Realtime.Channel("stock");
                            await _stock.Subscribe();
                            await _stock.Subscribe();
                        }

                        public void Dispose()
                        {
                            if (_orders != null)
                            {
                                Realtime.Remove(_orders);
                            }

                            if (_stock != null)
                            {
                                Realtime.Remove(_stock);
                            }
                        }
                    }

                    public sealed class Alerts : ComponentBase, IDisposable
                    {
                        private RealtimeChannel? _alerts;

                        [Inject]
                        public Client Realtime { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            var alerts = Realtime.Channel("alerts");
                            _alerts = alerts;
                            await alerts.Subscribe();
                        }

                        public void Dispose()
                        {
                            if (_alerts != null)
                            {
                                Realtime.Remove(_alerts);
                            }
                        }
                    }
                }
                """);
            test.FixedSources.Add("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                namespace Demo
                {
                    public sealed class Ticker : UnityEngine.MonoBehaviour
                    {
                        private Client _realtime = default!;
                        private RealtimeChannel? _ticks;

                        private async void Start()
                        {
                            _ticks = _realtime.Channel("ticks");
                            await _ticks.Subscribe();
                        }

                        private void OnDestroy()
                        {
                            if (_ticks != null)
                            {
                                _realtime.Remove(_ticks);
                            }
                        }
                    }
                }
                """);
            test.NumberOfIncrementalIterations = 4;
            return test.RunAsync();
        }

        [Fact]
        public Task Fix_is_not_offered_for_a_collection_field()
        {
            const string Source = """
                using System;
                using System.Collections.Generic;
                using System.Threading.Tasks;
                using Supabase.Realtime;

                namespace Demo
                {
                    public sealed class Rooms : IDisposable
                    {
                        private readonly Client _realtime;
                        private readonly List<RealtimeChannel> _rooms = new();

                        public Rooms(Client realtime) => _realtime = realtime;

                        public async Task JoinAsync(string name)
                        {
                            var room = _realtime.Channel("room:" + name);
                            _rooms.Add(room);
                            await [|room.Subscribe()|];
                        }

                        public void Dispose() => _rooms.Clear();
                    }
                }
                """;
            return new Verify.Test { TestCode = Source, FixedCode = Source }.RunAsync();
        }
    
        // Subscribe() returns the channel itself: keeping or logging that result hands the channel to no one who releases it.
        [Fact]
        public Task Reports_a_component_that_logs_the_channel_subscribe_returns()
        {
            var test = new VerifyAnalyzer.Test
            {
                TestCode = Usings + """
                    using Microsoft.AspNetCore.Components;
                    using Microsoft.Extensions.Logging;

                    namespace Demo
                    {
                        public class OrdersPanel : ComponentBase
                        {
                            [Inject]
                            public Supabase.Client Supabase { get; set; } = default!;

                            [Inject]
                            public ILogger<OrdersPanel> Logger { get; set; } = default!;

                            protected override async Task OnInitializedAsync()
                            {
                                var orders = Supabase.Realtime.Channel("realtime", "public", "orders");
                                orders.OnPostgresChange((sender, change) => StateHasChanged(), PostgresChangesOptions.ListenType.All);
                                var joined = await {|#0:orders.Subscribe()|};
                                Logger.LogInformation("Joined {Topic} in state {State}", joined.Topic, joined.State);
                                Logger.LogInformation("Joined {Channel}", orders);
                                System.Console.WriteLine($"joined {orders}");
                            }
                        }
                    }
                    """,
            };
            test.ExpectedDiagnostics.Add(Expected("orders", "OrdersPanel", "unsubscribe or Remove it in Dispose"));
            return test.RunAsync();
        }

        [Theory]
        [InlineData("_joined = await orders.Subscribe();")]
        [InlineData("var joined = await orders.Subscribe(); Track(joined);")]
        [InlineData("var joined = await orders.Subscribe(); _joined = joined;")]
        public Task Ignores_a_component_that_keeps_the_channel_subscribe_returns_for_its_teardown(string subscribe)
            => Verify.VerifyAnalyzerAsync(Usings + $$"""
                using Microsoft.AspNetCore.Components;

                namespace Demo
                {
                    public class OrdersPanel : ComponentBase, IDisposable
                    {
                        private static readonly List<IRealtimeChannel> Open = new();

                        private IRealtimeChannel? _joined;

                        [Inject]
                        public Supabase.Client Supabase { get; set; } = default!;

                        protected override async Task OnInitializedAsync()
                        {
                            var orders = Supabase.Realtime.Channel("realtime", "public", "orders");
                            orders.OnPostgresChange((sender, change) => StateHasChanged(), PostgresChangesOptions.ListenType.All);
                            {{subscribe}}
                        }

                        private static void Track(IRealtimeChannel channel) => Open.Add(channel);

                        public void Dispose()
                        {
                            _joined?.Unsubscribe();
                            foreach (var channel in Open)
                            {
                                channel.Unsubscribe();
                            }
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_legacy_event_channel_released_in_dispose()
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
