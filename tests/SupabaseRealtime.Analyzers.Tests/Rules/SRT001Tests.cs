using System.Threading.Tasks;
using Microsoft.CodeAnalysis.CodeFixes;
using SupabaseRealtime.Analyzers.CodeFixes.Rules;
using SupabaseRealtime.Analyzers.Rules;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using Verify = SupabaseRealtime.Analyzers.Tests.Verification.CSharpCodeFixVerifier<
    SupabaseRealtime.Analyzers.Rules.SubscribedBeforeAuthAnalyzer,
    SupabaseRealtime.Analyzers.CodeFixes.Rules.SubscribedBeforeAuthCodeFixProvider>;
using VerifyAnalyzer = SupabaseRealtime.Analyzers.Tests.Verification.CSharpAnalyzerVerifier<
    SupabaseRealtime.Analyzers.Rules.SubscribedBeforeAuthAnalyzer>;

namespace SupabaseRealtime.Analyzers.Tests.Rules
{
    /// <summary>SRT001: channel subscribed before realtime auth.</summary>
    public class SRT001Tests
    {
        private const string Model = """

            [Table("songs")]
            public class Song : BaseModel
            {
                public int Id { get; set; }

                public string Title { get; set; } = "";
            }
            """;

        /// <summary>The calls that sign the client out before signing in (Gotrue 6.x: DestroySession raises SignedOut).</summary>
        private static readonly string[] SignsOutFirst = { "SignUp", "SignInWithIdToken", "SignInWithOtp", "SignInWithSSO", "SignInAnonymously", "VerifyOTP", "VerifyTokenHash", "SetSession" };

        /// <summary>What SRT001 says about a subscription before <paramref name="method"/>, written out so a wrong text fails.</summary>
        private static string Consequence(string method)
            => System.Array.IndexOf(SignsOutFirst, method) >= 0
                ? SignedOut(method)
                : $"the channel joins with the client's key, so rows that only signed-in users may see are missing until '{method}' passes the user's token to realtime; authenticate first, then subscribe";

        /// <summary>What SRT001 says about a private channel (Realtime 7.4) subscribed before <paramref name="method"/>, written out.</summary>
        private static string PrivateConsequence(string method)
            => "it is a private channel, and its join is authorized with the client's key alone, so a topic whose policies need a signed-in user refuses it (Subscribe() fails with ChannelJoinFailure)"
                + (System.Array.IndexOf(SignsOutFirst, method) >= 0
                    ? $", and '{method}' first signs the client out, so Supabase.Client unsubscribes it even if it joined; sign in first, then subscribe"
                    : $" and the token '{method}' passes to realtime later never reaches the channel, which does not rejoin; authenticate first, then subscribe")
                + " (Realtime 7.4 sends no user token with a private join even then, supabase-csharp#400, so such a topic still refuses it)";

        private static string SignedOut(string method)
            => $"'{method}' first signs the client out, and Supabase.Client then unsubscribes every channel, so this one is closed and does not rejoin; sign in first, then subscribe";

        // ---- 1. One body ----------------------------------------------------------------------

        // Every Gotrue call of the real SDK that resolves to the session leaves the client signed in.
        [Theory]
        [InlineData("VerifyOTP", "VerifyOTP(\"+15550100\", token, Supabase.Gotrue.Constants.MobileOtpType.SMS)")]
        [InlineData("VerifyTokenHash", "VerifyTokenHash(token, Supabase.Gotrue.Constants.EmailOtpType.Email)")]
        [InlineData("ExchangeCodeForSession", "ExchangeCodeForSession(\"verifier\", token)")]
        [InlineData("GetSessionFromUrl", "GetSessionFromUrl(new System.Uri(\"app://callback#access_token=\" + token))")]
        [InlineData("SignInWithIdToken", "SignInWithIdToken(Supabase.Gotrue.Constants.Provider.Google, token)")]
        [InlineData("SignInAnonymously", "SignInAnonymously()")]
        [InlineData("SignUp", "SignUp(\"ada@example.com\", token)")]
        [InlineData("RefreshSession", "RefreshSession()")]
        [InlineData("RetrieveSessionAsync", "RetrieveSessionAsync()")]
        public Task Reports_subscribe_before_any_call_that_leaves_a_session(string method, string call)
            => Verify.VerifyAnalyzerAsync($$"""
                using System.Threading.Tasks;
                using Supabase.Realtime.PostgresChanges;

                public sealed class InboxSession
                {
                    private readonly Supabase.Client _supabase;

                    public InboxSession(Supabase.Client supabase) => _supabase = supabase;

                    public async Task ResumeAsync(string token)
                    {
                        var inbox = _supabase.Realtime.Channel("inbox");
                        await {|#0:inbox.Subscribe()|};
                        await {|#1:_supabase.Auth.{{call}}|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("inbox", method, Consequence(method)));

        [Fact]
        public Task Ignores_a_subscription_after_a_call_that_leaves_a_session()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;

                public sealed class InboxSession
                {
                    private readonly Supabase.Client _supabase;

                    public InboxSession(Supabase.Client supabase) => _supabase = supabase;

                    public async Task ResumeAsync(string token)
                    {
                        await _supabase.Auth.VerifyOTP("+15550100", token, Supabase.Gotrue.Constants.MobileOtpType.SMS);
                        var inbox = _supabase.Realtime.Channel("inbox");
                        await inbox.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_set_auth_before_the_subscription_on_realtime_6()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime604,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class Ticker
                    {
                        public async Task StartAsync(Client realtime, string jwt)
                        {
                            realtime.SetAuth(jwt);
                            var prices = realtime.Channel("prices");
                            await prices.Subscribe();
                        }
                    }
                    """,
            }.RunAsync();

        // Calls that start a flow (a code to send, a URL to open) leave no session, but they sign the client out first:
        // Supabase.Client then unsubscribes every channel, the one subscribed before included.
        [Theory]
        [InlineData("SignInWithOtp", "SignInWithOtp(new Supabase.Gotrue.SignInWithPasswordlessEmailOptions(\"ada@example.com\"))")]
        [InlineData("SignIn", "SignIn(Supabase.Gotrue.Constants.Provider.Github)")]
        [InlineData("SignInWithSSO", "SignInWithSSO(\"example.com\")")]
        public Task Reports_subscribe_before_a_flow_that_signs_the_client_out(string method, string call)
            => Verify.VerifyAnalyzerAsync($$"""
                using System.Threading.Tasks;

                public sealed class InboxSession
                {
                    private readonly Supabase.Client _supabase;

                    public InboxSession(Supabase.Client supabase) => _supabase = supabase;

                    public async Task StartAsync()
                    {
                        var inbox = _supabase.Realtime.Channel("inbox");
                        await {|#0:inbox.Subscribe()|};
                        await {|#1:_supabase.Auth.{{call}}|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("inbox", method, SignedOut(method)));

        // Sign-out-first flows that cannot reach this channel: another client, a later subscription, another object.
        [Theory]
        [InlineData("var other = new Supabase.Client(\"https://other.supabase.co\", \"anon\"); await inbox.Subscribe(); await other.Auth.SignInWithOtp(new Supabase.Gotrue.SignInWithPasswordlessEmailOptions(\"ada@example.com\"));")]
        [InlineData("await _supabase.Auth.SignInWithOtp(new Supabase.Gotrue.SignInWithPasswordlessEmailOptions(\"ada@example.com\")); await inbox.Subscribe();")]
        [InlineData("await _supabase.Auth.SignUp(\"ada@example.com\", \"secret\"); await inbox.Subscribe();")]
        [InlineData("await _supabase.Auth.SignIn(Supabase.Gotrue.Constants.Provider.Github); await inbox.Subscribe();")]
        [InlineData("await _supabase.Auth.SetSession(\"access\", \"refresh\"); await inbox.Subscribe();")]
        [InlineData("await _supabase.Auth.SignInAnonymously(); await inbox.Subscribe();")]
        public Task Ignores_sign_out_first_flows_that_cannot_close_the_channel(string statements)
            => Verify.VerifyAnalyzerAsync($$"""
                using System.Threading.Tasks;

                public sealed class InboxSession
                {
                    private readonly Supabase.Client _supabase;

                    public InboxSession(Supabase.Client supabase) => _supabase = supabase;

                    public async Task StartAsync()
                    {
                        var inbox = _supabase.Realtime.Channel("inbox");
                        {{statements}}
                    }
                }
                """);

        [Fact]
        public Task Ignores_sign_in_before_the_subscription_on_supabase_1_1()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                    using System.Threading.Tasks;

                    public sealed class InboxSession
                    {
                        public async Task StartAsync(Supabase.Client supabase, string phone, string token)
                        {
                            await supabase.Auth.VerifyOTP(phone, token, Supabase.Gotrue.Constants.MobileOtpType.SMS);
                            var inbox = supabase.Realtime.Channel("inbox");
                            await inbox.Subscribe();
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Reports_subscribe_before_verify_otp_on_supabase_1_1()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                    using System.Threading.Tasks;

                    public sealed class InboxSession
                    {
                        public async Task StartAsync(Supabase.Client supabase, string phone, string token)
                        {
                            var inbox = supabase.Realtime.Channel("inbox");
                            await {|#0:inbox.Subscribe()|};
                            await {|#1:supabase.Auth.VerifyOTP(phone, token, Supabase.Gotrue.Constants.MobileOtpType.SMS)|};
                        }
                    }
                    """,
                ExpectedDiagnostics = { VerifyAnalyzer.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("inbox", "VerifyOTP", Consequence("VerifyOTP")) },
            }.RunAsync();

        [Fact]
        public Task Ignores_a_subscription_on_another_client_than_the_one_signing_in()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;

                public sealed class InboxSession
                {
                    public async Task StartAsync(Supabase.Client chat, Supabase.Client admin, string phone, string token)
                    {
                        var inbox = chat.Realtime.Channel("inbox");
                        await inbox.Subscribe();
                        await admin.Auth.VerifyOTP(phone, token, Supabase.Gotrue.Constants.MobileOtpType.SMS);
                    }
                }
                """);

        // The magic link and MFA verification do not pass a session to realtime, nor sign the client out.
        [Theory]
        [InlineData("SignIn(\"ada@example.com\")")]
        [InlineData("Verify(new Supabase.Gotrue.Mfa.MfaVerifyParams())")]
        public Task Ignores_calls_that_leave_no_session_for_realtime(string call)
            => Verify.VerifyAnalyzerAsync($$"""
                using System.Threading.Tasks;

                public sealed class InboxSession
                {
                    private readonly Supabase.Client _supabase;

                    public InboxSession(Supabase.Client supabase) => _supabase = supabase;

                    public async Task ResumeAsync()
                    {
                        var inbox = _supabase.Realtime.Channel("inbox");
                        await inbox.Subscribe();
                        await _supabase.Auth.{{call}};
                    }
                }
                """);

        [Fact]
        public Task Reports_subscribe_before_sign_in_in_the_same_method()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class PlaylistViewModel
                {
                    private readonly Supabase.Client _supabase;

                    public PlaylistViewModel(Supabase.Client supabase) => _supabase = supabase;

                    public async Task StartAsync(string email, string password)
                    {
                        var channel = _supabase.Realtime.Channel("songs");
                        channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => { });
                        await {|#0:channel.Subscribe()|};

                        await {|#1:_supabase.Auth.SignIn(email, password)|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("songs", "SignIn", Consequence("SignIn")));

        [Fact]
        public Task Reports_subscribe_before_set_auth_on_a_realtime_client()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ScoreFeed
                {
                    private readonly Client _realtime;

                    public ScoreFeed(Client realtime) => _realtime = realtime;

                    public async Task ListenAsync(string accessToken)
                    {
                        var scores = _realtime.Channel("realtime", "public", "scores");
                        await {|#0:scores.Subscribe()|};
                        _realtime.SetAuth(accessToken);
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("scores", "SetAuth", Consequence("SetAuth")));

        [Fact]
        public Task Reports_table_on_before_sign_in_with_password()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Postgrest.Attributes;
                using Supabase.Postgrest.Models;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

                public sealed class SongSync
                {
                    public async Task RunAsync(Supabase.Client supabase, string email, string password)
                    {
                        await {|#0:supabase.From<Song>().On(ListenType.Inserts, (sender, change) => { })|};
                        await supabase.Auth.SignInWithPassword(email, password);
                    }
                }
                """ + Model,
                Verify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("songs", "SignInWithPassword", Consequence("SignInWithPassword")));

        [Fact]
        public Task Reports_when_auth_precedes_the_subscription_on_one_branch_only()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;

                public sealed class SessionRestore
                {
                    private readonly Supabase.Client _supabase;

                    public SessionRestore(Supabase.Client supabase) => _supabase = supabase;

                    public async Task ResumeAsync(string? accessToken, string? refreshToken, string email, string password)
                    {
                        if (accessToken != null && refreshToken != null)
                        {
                            await _supabase.Auth.SetSession(accessToken, refreshToken);
                        }

                        var presence = _supabase.Realtime.Channel("lobby");
                        await {|#0:presence.Subscribe()|};

                        if (_supabase.Auth.CurrentSession == null)
                        {
                            await _supabase.Auth.SignIn(email, password);
                        }
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("lobby", "SignIn", Consequence("SignIn")));

        [Fact]
        public Task Reports_inside_a_lambda_analysed_as_its_own_body()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using System.Threading.Tasks;

                public sealed class ChatPage
                {
                    public event Func<Task>? Appearing;

                    public ChatPage(Supabase.Client supabase, string email, string password)
                    {
                        Appearing += async () =>
                        {
                            var room = supabase.Realtime.Channel("room:42");
                            await {|#0:room.Subscribe()|};
                            await supabase.Auth.SignInWithPassword(email, password);
                        };
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("room:42", "SignInWithPassword", Consequence("SignInWithPassword")));

        [Fact]
        public Task Reports_inside_a_local_function()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;

                public static class Startup
                {
                    public static Task RunAsync(Supabase.Client supabase, string token, string refresh)
                    {
                        return ConnectAsync();

                        async Task ConnectAsync()
                        {
                            var orders = supabase.Realtime.Channel("realtime", "public", "orders");
                            await {|#0:orders.Subscribe()|};
                            await supabase.Auth.SetSession(token, refresh);
                        }
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("orders", "SetSession", Consequence("SetSession")));

        [Fact]
        public Task Reports_a_channel_field_assigned_in_the_constructor()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class InboxService
                {
                    private readonly Supabase.Client _supabase;
                    private readonly RealtimeChannel _inbox;

                    public InboxService(Supabase.Client supabase)
                    {
                        _supabase = supabase;
                        _inbox = _supabase.Realtime.Channel("inbox");
                    }

                    public async Task OpenAsync(string email, string password)
                    {
                        await {|#0:_inbox.Subscribe()|};
                        await _supabase.Auth.SignIn(email, password);
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("inbox", "SignIn", Consequence("SignIn")));

        [Fact]
        public Task Reports_on_the_realtime_5_shape()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class Ticker
                    {
                        public async Task StartAsync(Client realtime, string jwt)
                        {
                            await realtime.ConnectAsync();
                            var prices = realtime.Channel("realtime", "public", "prices");
                            prices.OnInsert += (sender, args) => { };
                            await {|#0:prices.Subscribe()|};
                            realtime.SetAuth(jwt);
                        }
                    }
                    """,
                ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("prices", "SetAuth", Consequence("SetAuth")) },
            }.RunAsync();

        [Fact]
        public Task Reports_on_the_legacy_postgrest_shape()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime604,
                TestCode = """
                    using System.Threading.Tasks;
                    using Postgrest.Attributes;
                    using Postgrest.Models;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class LegacySongSync
                    {
                        private readonly Supabase.Realtime.Client _realtime;

                        public LegacySongSync(Supabase.Realtime.Client realtime) => _realtime = realtime;

                        public async Task RunAsync(string jwt)
                        {
                            var songs = _realtime.Channel("realtime", "public", "songs");
                            songs.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => { });
                            await {|#0:songs.Subscribe()|};
                            _realtime.SetAuth(jwt);
                        }
                    }
                    """ + Model,
                ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("songs", "SetAuth", Consequence("SetAuth")) },
            }.RunAsync();

        // ---- 2. Across a type ------------------------------------------------------------------

        [Fact]
        public Task Reports_a_blazor_component_that_subscribes_in_OnInitializedAsync_and_signs_in_later()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public class TodoList : ComponentBase
                {
                    [Inject]
                    public Supabase.Client Supabase { get; set; } = default!;

                    private RealtimeChannel? _todos;

                    protected override async Task OnInitializedAsync()
                    {
                        _todos = Supabase.Realtime.Channel("realtime", "public", "todos");
                        _todos.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => StateHasChanged());
                        await {|#0:_todos.Subscribe()|};
                    }

                    private async Task LoginAsync(string email, string password)
                    {
                        await Supabase.Auth.SignIn(email, password);
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("todos", "SignIn", Consequence("SignIn")));

        [Fact]
        public Task Reports_a_unity_behaviour_that_subscribes_in_Start_and_signs_in_from_a_button()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime;
                using UnityEngine;

                public class Leaderboard : MonoBehaviour
                {
                    private Supabase.Client _supabase = new Supabase.Client("https://project.supabase.co", "anon-key");
                    private RealtimeChannel? _scores;

                    private async void Start()
                    {
                        await _supabase.InitializeAsync();
                        _scores = _supabase.Realtime.Channel("scores");
                        await {|#0:_scores.Subscribe()|};
                    }

                    public async void OnLoginClicked(string email, string password)
                    {
                        await _supabase.Auth.SignInWithPassword(email, password);
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("scores", "SignInWithPassword", Consequence("SignInWithPassword")));

        [Fact]
        public Task Reports_a_constructor_subscription_with_set_auth_in_another_member()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime;

                public sealed class NotificationHub
                {
                    private readonly Client _realtime;

                    public NotificationHub(Client realtime)
                    {
                        _realtime = realtime;
                        var alerts = _realtime.Channel("alerts");
                        _ = {|#0:alerts.Subscribe()|};
                    }

                    public void OnSignedIn(string accessToken)
                    {
                        _realtime.SetAuth(accessToken);
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("alerts", "SetAuth", Consequence("SetAuth")));

        [Fact]
        public Task Reports_a_configured_initializer_method()
        {
            var test = new VerifyAnalyzer.Test
            {
                TestCode = """
                    using System.Threading.Tasks;

                    public sealed class DashboardViewModel
                    {
                        private readonly Supabase.Client _supabase;

                        public DashboardViewModel(Supabase.Client supabase) => _supabase = supabase;

                        public async Task InitializeAsync()
                        {
                            var metrics = _supabase.Realtime.Channel("metrics");
                            await {|#0:metrics.Subscribe()|};
                        }

                        public Task SignInAsync(string email, string password) => _supabase.Auth.SignIn(email, password);
                    }
                    """,
                ExpectedDiagnostics = { Verify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("metrics", "SignIn", Consequence("SignIn")) },
            };
            test.AddEditorConfig("supabase_realtime.SRT001.initializer_methods = Load, InitializeAsync");
            return test.RunAsync();
        }

        // ---- Must not report -------------------------------------------------------------------

        [Fact]
        public Task Ignores_a_client_that_is_never_authenticated()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime.PostgresChanges;

                public class PublicScoreboard : ComponentBase
                {
                    [Inject]
                    public Supabase.Client Supabase { get; set; } = default!;

                    protected override async Task OnInitializedAsync()
                    {
                        var scores = Supabase.Realtime.Channel("realtime", "public", "scores");
                        scores.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Inserts, (sender, change) => StateHasChanged());
                        await scores.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_auth_of_another_client()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;

                public sealed class Mirror
                {
                    private readonly Supabase.Client _source;
                    private readonly Supabase.Client _target;

                    public Mirror(Supabase.Client source, Supabase.Client target)
                    {
                        _source = source;
                        _target = target;
                    }

                    public async Task StartAsync(string email, string password)
                    {
                        var feed = _source.Realtime.Channel("feed");
                        await feed.Subscribe();
                        await _target.Auth.SignIn(email, password);
                        _target.Realtime.SetAuth("service-jwt");
                    }
                }
                """);

        [Fact]
        public Task Ignores_auth_before_the_subscription_in_a_branch_that_dominates_it()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;

                public sealed class ChatRoom
                {
                    private readonly Supabase.Client _supabase;

                    public ChatRoom(Supabase.Client supabase) => _supabase = supabase;

                    public async Task JoinAsync(string email, string password, string? refreshToken)
                    {
                        if (_supabase.Auth.CurrentSession == null)
                        {
                            await _supabase.Auth.SignIn(email, password);
                            var room = _supabase.Realtime.Channel("room");
                            await room.Subscribe();
                        }

                        if (refreshToken != null)
                        {
                            // A later refresh of an already authenticated client.
                            await _supabase.Auth.SetSession(_supabase.Auth.CurrentSession!.AccessToken!, refreshToken);
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_auth_that_runs_first_on_every_path()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;

                public sealed class Reconnector
                {
                    public async Task RunAsync(Supabase.Client supabase, string email, string password)
                    {
                        for (var attempt = 0; attempt < 3; attempt++)
                        {
                            await supabase.Auth.SignIn(email, password);
                            var channel = supabase.Realtime.Channel("jobs");
                            await channel.Subscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_channel_from_a_parameter()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime.Interfaces;

                public sealed class Joiner
                {
                    public async Task JoinAsync(Supabase.Client supabase, IRealtimeChannel channel, string email, string password)
                    {
                        await channel.Subscribe();
                        await supabase.Auth.SignIn(email, password);
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_subscription_in_an_ordinary_method_with_auth_in_another_member()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;

                public sealed class FeedViewModel
                {
                    private readonly Supabase.Client _supabase;

                    public FeedViewModel(Supabase.Client supabase) => _supabase = supabase;

                    public async Task RefreshAsync()
                    {
                        var feed = _supabase.Realtime.Channel("feed");
                        await feed.Subscribe();
                    }

                    public Task LoginAsync(string email, string password) => _supabase.Auth.SignIn(email, password);
                }
                """);

        [Fact]
        public Task Ignores_an_initializer_that_calls_the_member_that_authenticates()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;

                public class Profile : ComponentBase
                {
                    [Inject]
                    public Supabase.Client Supabase { get; set; } = default!;

                    protected override async Task OnInitializedAsync()
                    {
                        await RestoreAsync();
                        var presence = Supabase.Realtime.Channel("presence");
                        await presence.Subscribe();
                    }

                    private Task RestoreAsync() => SignInAsync("user@example.com", "secret");

                    private Task SignInAsync(string email, string password) => Supabase.Auth.SignIn(email, password);
                }
                """);

        [Fact]
        public Task Ignores_an_initializer_authenticated_by_an_earlier_initializer()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;

                public class Orders : ComponentBase
                {
                    [Inject]
                    public Supabase.Client Supabase { get; set; } = default!;

                    [Parameter]
                    public string AccessToken { get; set; } = "";

                    protected override void OnInitialized()
                    {
                        Supabase.Realtime.SetAuth(AccessToken);
                    }

                    protected override async Task OnInitializedAsync()
                    {
                        var orders = Supabase.Realtime.Channel("orders");
                        await orders.Subscribe();
                    }

                    private void OnTokenRefreshed(string token) => Supabase.Realtime.SetAuth(token);
                }
                """);

        [Fact]
        public Task Ignores_initializer_names_on_types_that_are_not_components_or_behaviours()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;

                public class GameSession
                {
                    private readonly Supabase.Client _supabase;

                    public GameSession(Supabase.Client supabase) => _supabase = supabase;

                    private async void Start()
                    {
                        var lobby = _supabase.Realtime.Channel("lobby");
                        await lobby.Subscribe();
                    }

                    protected virtual async Task OnInitializedAsync()
                    {
                        var chat = _supabase.Realtime.Channel("chat");
                        await chat.Subscribe();
                    }

                    public Task LoginAsync(string email, string password) => _supabase.Auth.SignIn(email, password);
                }
                """);

        [Fact]
        public Task Ignores_a_channel_field_that_may_hold_channels_of_different_clients()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Switcher
                {
                    private readonly Supabase.Client _primary;
                    private readonly Supabase.Client _fallback;
                    private RealtimeChannel? _channel;

                    public Switcher(Supabase.Client primary, Supabase.Client fallback)
                    {
                        _primary = primary;
                        _fallback = fallback;
                    }

                    public void UseFallback() => _channel = _fallback.Realtime.Channel("events");

                    public void UsePrimary() => _channel = _primary.Realtime.Channel("events");

                    public async Task StartAsync(string email, string password)
                    {
                        await _channel!.Subscribe();
                        await _primary.Auth.SignIn(email, password);
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_client_reached_through_a_method_call()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;

                public sealed class Factory
                {
                    private Supabase.Client Create() => new Supabase.Client("https://project.supabase.co", "anon-key");

                    public async Task RunAsync(string email, string password)
                    {
                        var channel = Create().Realtime.Channel("numbers");
                        await channel.Subscribe();
                        await Create().Auth.SignIn(email, password);
                    }
                }
                """);

        [Fact]
        public Task Ignores_half_typed_code()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;

                public sealed class Draft
                {
                    public async Task RunAsync(Supabase.Client supabase, string email)
                    {
                        var channel = supabase.Realtime.Channel("x"{|CS1026:;|}
                        await channel.{|CS1061:Subscrib|}();
                        await supabase.Auth.{|CS1501:SignIn|}();
                        await supabase.Auth.SignIn(email, {|CS0103:password|});
                        await {|CS0103:missing|}.Subscribe();
                        var other = supabase.Realtime.Channel(
                        await {|CS0841:other|}.Subscribe(){|CS1026:;|}
                        await supabase.Auth.SignIn(email, "x"){|CS1002:|}
                    }

                    public async Task TypingAsync(Supabase.Client supabase, string email)
                    {
                        var channel = supabase.Realtime.Channel({|CS1503:1|}, {|CS1503:2|});
                        await channel.Subscribe();
                        await supabase.Auth.SignIn(email);
                        supabase.Realtime.{|CS7036:SetAuth|}();
                        await supabase.From<{|CS0246:Unknown|}>().On({|CS0103:x|}, (s, c) => { });
                        await supabase.Auth.SignIn(email, "p");
                    }
                }
                """);

        [Fact]
        public Task Reports_through_a_statement_that_is_still_being_typed()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;

                public sealed class Draft
                {
                    public async Task RunAsync(Supabase.Client supabase, string email, string password)
                    {
                        var channel = supabase.Realtime.Channel("drafts");
                        await {|#0:channel.Subscribe()|}{|CS1002:|}
                        var status = supabase.Auth.{|CS1061:CurrentSesion|};
                        await supabase.Auth.SignIn(email, password);
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithOptions(DiagnosticOptions.IgnoreAdditionalLocations).WithArguments("drafts", "SignIn", Consequence("SignIn")));

        [Fact]
        public Task Ignores_an_auth_client_held_in_a_local()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;

                public sealed class Indirect
                {
                    public async Task RunAsync(Supabase.Client supabase, string email, string password)
                    {
                        var channel = supabase.Realtime.Channel("indirect");
                        await channel.Subscribe();
                        var auth = supabase.Auth;
                        await auth.SignIn(email, password);
                    }
                }
                """);

        [Fact]
        public Task Ignores_set_auth_before_the_subscription()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class SecureFeed
                {
                    private readonly Client _realtime;

                    public SecureFeed(Client realtime) => _realtime = realtime;

                    public async Task OpenAsync(string accessToken, string refreshedToken)
                    {
                        _realtime.SetAuth(accessToken);
                        var feed = _realtime.Channel("secure-feed");
                        await feed.Subscribe();

                        // A refreshed token later is pushed to joined channels.
                        _realtime.SetAuth(refreshedToken);
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_subscription_in_a_handler_registered_by_an_initializer()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using System.Threading.Tasks;

                public sealed class ChatPage
                {
                    private readonly Supabase.Client _supabase;

                    public event Func<Task>? Appearing;

                    public ChatPage(Supabase.Client supabase)
                    {
                        _supabase = supabase;
                        Appearing += async () =>
                        {
                            var room = _supabase.Realtime.Channel("room");
                            await room.Subscribe();
                        };
                    }

                    public Task LoginAsync(string email, string password) => _supabase.Auth.SignIn(email, password);
                }
                """);

        [Fact]
        public Task Ignores_an_initializer_whose_client_is_not_the_one_signed_in()
            => Verify.VerifyAnalyzerAsync("""
                using Supabase.Realtime;
                using UnityEngine;

                public class Arena : MonoBehaviour
                {
                    private readonly Supabase.Client _public = new Supabase.Client("https://public.supabase.co", "anon-key");
                    private readonly Supabase.Client _account = new Supabase.Client("https://account.supabase.co", "anon-key");
                    private RealtimeChannel? _matches;

                    private async void Awake()
                    {
                        await _public.InitializeAsync();
                        _matches = _public.Realtime.Channel("matches");
                        await _matches.Subscribe();
                    }

                    public async void OnLoginClicked(string email, string password)
                    {
                        await _account.Auth.SignIn(email, password);
                    }
                }
                """);

        // ---- Private channels (Realtime 7.4: ChannelOptions.Private) -------------------------------
        // The join carries no user token and is authorized with the client's key: a private topic whose policies need a
        // signed-in user refuses it, Subscribe() faults, and SetAuth's access_token push only reaches joined channels.

        [Fact]
        public Task Reports_a_private_channel_subscribed_before_sign_in_as_refused()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime.Channel;

                public sealed class GameRoom
                {
                    private readonly Supabase.Client _supabase;

                    public GameRoom(Supabase.Client supabase) => _supabase = supabase;

                    public async Task EnterAsync(string email, string password)
                    {
                        var room = _supabase.Realtime.Channel("room:7", ChannelOptions.Private(_supabase.Realtime.Options, () => _supabase.Auth.CurrentSession?.AccessToken, _supabase.Realtime.SerializerSettings));
                        await {|#0:room.Subscribe()|};
                        await {|#1:_supabase.Auth.SignIn(email, password)|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("room:7", "SignIn", PrivateConsequence("SignIn")));

        [Fact]
        public Task Reports_a_private_channel_with_options_in_a_local_before_set_auth()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Channel;

                public sealed class DeviceLink
                {
                    private readonly Client _realtime;
                    private string? _token;

                    public DeviceLink(Client realtime) => _realtime = realtime;

                    public async Task PairAsync(string deviceId, string accessToken)
                    {
                        var options = ChannelOptions.Private(_realtime.Options, () => _token, _realtime.SerializerSettings);
                        var device = _realtime.Channel("device:" + deviceId, options);
                        await {|#0:device.Subscribe()|};
                        _token = accessToken;
                        {|#1:_realtime.SetAuth(accessToken)|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("device", "SetAuth", PrivateConsequence("SetAuth")));

        [Fact]
        public Task Reports_a_private_channel_field_subscribed_at_start_before_a_sign_out_first_call()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Channel;

                public sealed class SupportChat
                {
                    private readonly Supabase.Client _supabase;
                    private readonly RealtimeChannel _ticket;

                    public SupportChat(Supabase.Client supabase)
                    {
                        _supabase = supabase;
                        _ticket = _supabase.Realtime.Channel("ticket:open", ChannelOptions.Private(_supabase.Realtime.Options, () => _supabase.Auth.CurrentSession?.AccessToken, _supabase.Realtime.SerializerSettings));
                        _ = {|#0:_ticket.Subscribe()|};
                    }

                    public Task VerifyAsync(string email, string code)
                        => {|#1:_supabase.Auth.VerifyOTP(email, code, Supabase.Gotrue.Constants.EmailOtpType.Email)|};
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("ticket:open", "VerifyOTP", PrivateConsequence("VerifyOTP")));

        // A public channel keeps the public text, whether its options are ChannelOptions.Public or none.
        [Fact]
        public Task Reports_a_public_channel_with_public_options_with_the_public_text()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime.Channel;

                public sealed class GameLobby
                {
                    private readonly Supabase.Client _supabase;

                    public GameLobby(Supabase.Client supabase) => _supabase = supabase;

                    public async Task EnterAsync(string email, string password)
                    {
                        var lobby = _supabase.Realtime.Channel("lobby", ChannelOptions.Public(_supabase.Realtime.Options, () => null, _supabase.Realtime.SerializerSettings));
                        await {|#0:lobby.Subscribe()|};
                        var scores = _supabase.Realtime.Channel("scores");
                        await {|#1:scores.Subscribe()|};
                        await {|#2:_supabase.Auth.SignIn(email, password)|};
                    }
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithLocation(2).WithArguments("lobby", "SignIn", Consequence("SignIn")),
                Verify.Diagnostic().WithLocation(1).WithLocation(2).WithArguments("scores", "SignIn", Consequence("SignIn")));

        // Realtime 7.0 has no ChannelOptions.Private (nor Channel(name, options)): nothing there takes the private path.
        [Fact]
        public Task Reports_a_channel_before_sign_in_with_the_public_text_on_supabase_1_1()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime.Channel;

                    public sealed class GameRoom
                    {
                        private readonly Supabase.Client _supabase;

                        public GameRoom(Supabase.Client supabase) => _supabase = supabase;

                        public ChannelOptions? Options { get; private set; }

                        public async Task EnterAsync(string email, string password)
                        {
                                Options = new ChannelOptions(_supabase.Realtime.Options, () => _supabase.Auth.CurrentSession?.AccessToken, _supabase.Realtime.SerializerSettings);
                            var room = _supabase.Realtime.Channel("private-room:7");
                            await {|#0:room.Subscribe()|};
                            await {|#1:_supabase.Auth.SignIn(email, password)|};
                        }
                    }
                    """,
                ExpectedDiagnostics = { VerifyAnalyzer.Diagnostic().WithLocation(0).WithLocation(1).WithArguments("private-room:7", "SignIn", Consequence("SignIn")) },
            }.RunAsync();

        [Fact]
        public Task Ignores_a_private_channel_subscribed_after_sign_in()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime.Channel;

                public sealed class GameRoom
                {
                    private readonly Supabase.Client _supabase;

                    public GameRoom(Supabase.Client supabase) => _supabase = supabase;

                    public async Task EnterAsync(string email, string password)
                    {
                        await _supabase.Auth.SignIn(email, password);
                        var room = _supabase.Realtime.Channel("room:7", ChannelOptions.Private(_supabase.Realtime.Options, () => _supabase.Auth.CurrentSession?.AccessToken, _supabase.Realtime.SerializerSettings));
                        await room.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_private_channel_subscribed_after_set_auth_on_a_realtime_client()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.Channel;

                public sealed class DeviceLink
                {
                    private readonly Client _realtime;

                    public DeviceLink(Client realtime) => _realtime = realtime;

                    public async Task PairAsync(string deviceId, string accessToken)
                    {
                        _realtime.SetAuth(accessToken);
                        var options = ChannelOptions.Private(_realtime.Options, () => accessToken, _realtime.SerializerSettings);
                        await _realtime.Channel("device:" + deviceId, options).Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Ignores_a_private_channel_of_a_client_that_is_never_authenticated_here()
            => Verify.VerifyAnalyzerAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime.Channel;

                public sealed class Kiosk
                {
                    private readonly Supabase.Client _display;
                    private readonly Supabase.Client _admin;

                    public Kiosk(Supabase.Client display, Supabase.Client admin)
                    {
                        _display = display;
                        _admin = admin;
                    }

                    public async Task StartAsync(string email, string password)
                    {
                        var board = _display.Realtime.Channel("board", ChannelOptions.Private(_display.Realtime.Options, () => null, _display.Realtime.SerializerSettings));
                        await board.Subscribe();
                        await _admin.Auth.SignIn(email, password);
                    }
                }
                """);

        [Fact]
        public Task Fix_moves_the_sign_in_before_a_private_subscription()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime.Channel;

                public sealed class GameRoom
                {
                    private readonly Supabase.Client _supabase;

                    public GameRoom(Supabase.Client supabase) => _supabase = supabase;

                    public async Task EnterAsync(string email, string password)
                    {
                        var room = _supabase.Realtime.Channel("room:7", ChannelOptions.Private(_supabase.Realtime.Options, () => _supabase.Auth.CurrentSession?.AccessToken, _supabase.Realtime.SerializerSettings));
                        await [|room.Subscribe()|];
                        await _supabase.Auth.SignIn(email, password);
                    }
                }
                """, """
                using System.Threading.Tasks;
                using Supabase.Realtime.Channel;

                public sealed class GameRoom
                {
                    private readonly Supabase.Client _supabase;

                    public GameRoom(Supabase.Client supabase) => _supabase = supabase;

                    public async Task EnterAsync(string email, string password)
                    {
                        var room = _supabase.Realtime.Channel("room:7", ChannelOptions.Private(_supabase.Realtime.Options, () => _supabase.Auth.CurrentSession?.AccessToken, _supabase.Realtime.SerializerSettings));
                        await _supabase.Auth.SignIn(email, password);
                        await room.Subscribe();
                    }
                }
                """);

        // ---- Code fix --------------------------------------------------------------------------

        [Fact]
        public Task Fix_moves_the_sign_in_before_the_subscription()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime.PostgresChanges;

                public sealed class PlaylistViewModel
                {
                    private readonly Supabase.Client _supabase;

                    public PlaylistViewModel(Supabase.Client supabase) => _supabase = supabase;

                    public string Status { get; private set; } = "";

                    public async Task StartAsync(string email, string password)
                    {
                        var channel = _supabase.Realtime.Channel("songs");
                        channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => { });
                        await [|channel.Subscribe()|];

                        // Signing in hands the user's token to the realtime client.
                        await _supabase.Auth.SignIn(email, password);
                        Status = "live";
                    }
                }
                """, """
                using System.Threading.Tasks;
                using Supabase.Realtime.PostgresChanges;

                public sealed class PlaylistViewModel
                {
                    private readonly Supabase.Client _supabase;

                    public PlaylistViewModel(Supabase.Client supabase) => _supabase = supabase;

                    public string Status { get; private set; } = "";

                    public async Task StartAsync(string email, string password)
                    {
                        var channel = _supabase.Realtime.Channel("songs");
                        channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.All, (sender, change) => { });
                        // Signing in hands the user's token to the realtime client.
                        await _supabase.Auth.SignIn(email, password);
                        await channel.Subscribe();

                        Status = "live";
                    }
                }
                """);

        [Fact]
        public Task Fix_moves_set_auth_above_an_if_that_subscribes_and_keeps_the_layout()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ScoreFeed
                {
                    private readonly Client _realtime;

                    public ScoreFeed(Client realtime) => _realtime = realtime;

                    public async Task ListenAsync(string accessToken, bool live)
                    {
                        var scores = _realtime.Channel("realtime", "public", "scores");

                        // Only live games stream scores.
                        if (live)
                        {
                            await [|scores.Subscribe()|];
                        }

                        _realtime.SetAuth(accessToken);
                    }
                }
                """, """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class ScoreFeed
                {
                    private readonly Client _realtime;

                    public ScoreFeed(Client realtime) => _realtime = realtime;

                    public async Task ListenAsync(string accessToken, bool live)
                    {
                        var scores = _realtime.Channel("realtime", "public", "scores");

                        _realtime.SetAuth(accessToken);
                        // Only live games stream scores.
                        if (live)
                        {
                            await scores.Subscribe();
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_on_the_table_shape_of_the_legacy_postgrest()
            => new Verify.Test
            {
                Sdk = SdkVersion.Realtime604,
                TestCode = """
                    using System.Threading.Tasks;
                    using Postgrest.Attributes;
                    using Postgrest.Models;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class LegacySongSync
                    {
                        public async Task RunAsync(Supabase.Realtime.Client realtime, string jwt)
                        {
                            var songs = realtime.Channel("realtime", "public", "songs");
                            await [|songs.Subscribe()|];
                            realtime.SetAuth(jwt);
                        }
                    }
                    """ + Model,
                FixedCode = """
                    using System.Threading.Tasks;
                    using Postgrest.Attributes;
                    using Postgrest.Models;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class LegacySongSync
                    {
                        public async Task RunAsync(Supabase.Realtime.Client realtime, string jwt)
                        {
                            var songs = realtime.Channel("realtime", "public", "songs");
                            realtime.SetAuth(jwt);
                            await songs.Subscribe();
                        }
                    }
                    """ + Model,
            }.RunAsync();

        [Fact]
        public Task Fix_on_the_realtime_5_shape()
            => new Verify.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class Ticker
                    {
                        public async Task StartAsync(Client realtime, string jwt)
                        {
                            await realtime.ConnectAsync();
                            var prices = realtime.Channel("realtime", "public", "prices");
                            await [|prices.Subscribe()|];
                            realtime.SetAuth(jwt);
                        }
                    }
                    """,
                FixedCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class Ticker
                    {
                        public async Task StartAsync(Client realtime, string jwt)
                        {
                            await realtime.ConnectAsync();
                            var prices = realtime.Channel("realtime", "public", "prices");
                            realtime.SetAuth(jwt);
                            await prices.Subscribe();
                        }
                    }
                    """,
            }.RunAsync();

        [Fact]
        public Task Fix_all_moves_each_auth_statement_once_in_every_scope()
        {
            var test = new Verify.Test();
            test.Sources.Add("""
                using System.Threading.Tasks;

                public sealed class ChatService
                {
                    private readonly Supabase.Client _supabase;

                    public ChatService(Supabase.Client supabase) => _supabase = supabase;

                    public async Task OpenAsync(string email, string password)
                    {
                        var messages = _supabase.Realtime.Channel("messages");
                        var typing = _supabase.Realtime.Channel("typing");
                        await [|messages.Subscribe()|];
                        await [|typing.Subscribe()|];
                        await _supabase.Auth.SignIn(email, password);
                    }

                    public async Task ResumeAsync(string token)
                    {
                        var receipts = _supabase.Realtime.Channel("receipts");
                        await [|receipts.Subscribe()|];
                        _supabase.Realtime.SetAuth(token);
                    }
                }
                """);
            test.Sources.Add("""
                using System.Threading.Tasks;

                public sealed class PresenceService
                {
                    public async Task TrackAsync(Supabase.Client supabase, string access, string refresh)
                    {
                        var online = supabase.Realtime.Channel("online");
                        await [|online.Subscribe()|];

                        await supabase.Auth.SetSession(access, refresh);
                    }
                }
                """);
            test.FixedSources.Add("""
                using System.Threading.Tasks;

                public sealed class ChatService
                {
                    private readonly Supabase.Client _supabase;

                    public ChatService(Supabase.Client supabase) => _supabase = supabase;

                    public async Task OpenAsync(string email, string password)
                    {
                        var messages = _supabase.Realtime.Channel("messages");
                        var typing = _supabase.Realtime.Channel("typing");
                        await _supabase.Auth.SignIn(email, password);
                        await messages.Subscribe();
                        await typing.Subscribe();
                    }

                    public async Task ResumeAsync(string token)
                    {
                        var receipts = _supabase.Realtime.Channel("receipts");
                        _supabase.Realtime.SetAuth(token);
                        await receipts.Subscribe();
                    }
                }
                """);
            test.FixedSources.Add("""
                using System.Threading.Tasks;

                public sealed class PresenceService
                {
                    public async Task TrackAsync(Supabase.Client supabase, string access, string refresh)
                    {
                        var online = supabase.Realtime.Channel("online");
                        await supabase.Auth.SetSession(access, refresh);
                        await online.Subscribe();
                    }
                }
                """);
            test.NumberOfIncrementalIterations = 3;
            return test.RunAsync();
        }

        [Fact]
        public Task Fix_is_not_offered_when_the_auth_uses_a_local_declared_in_between()
        {
            const string Source = """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public interface ITokenStore
                {
                    Task<string> GetAccessTokenAsync();
                }

                public sealed class Feed
                {
                    public async Task StartAsync(Client realtime, ITokenStore tokens)
                    {
                        var feed = realtime.Channel("feed");
                        await [|feed.Subscribe()|];
                        var token = await tokens.GetAccessTokenAsync();
                        realtime.SetAuth(token);
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(Source, Source);
        }

        [Fact]
        public Task Fix_is_not_offered_when_the_auth_is_in_another_statement_list()
        {
            const string Source = """
                using System.Threading.Tasks;

                public sealed class Lobby
                {
                    public async Task EnterAsync(Supabase.Client supabase, string email, string password)
                    {
                        var lobby = supabase.Realtime.Channel("lobby");
                        await [|lobby.Subscribe()|];
                        if (supabase.Auth.CurrentSession == null)
                        {
                            await supabase.Auth.SignIn(email, password);
                        }
                    }
                }
                """;
            return Verify.VerifyCodeFixAsync(Source, Source);
        }

        [Fact]
        public Task Fix_moves_a_constructor_subscription_after_the_sign_in_of_a_later_member()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class ChatViewModel
                {
                    private readonly Supabase.Client _supabase;
                    private readonly RealtimeChannel _messages;

                    public ChatViewModel(Supabase.Client supabase)
                    {
                        _supabase = supabase;
                        _messages = _supabase.Realtime.Channel("messages");
                        _messages.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "messages" });
                        // Listen for new messages.
                        _ = [|_messages.Subscribe()|];
                    }

                    public bool SignedIn { get; private set; }

                    public async Task<bool> SignInAsync(string email, string password)
                    {
                        var session = await _supabase.Auth.SignIn(email, password);
                        SignedIn = session != null;
                        return SignedIn;
                    }

                    public void Leave()
                    {
                        if (_messages != null)
                        {
                            _supabase.Realtime.Remove(_messages);
                        }
                    }
                }
                """, """
                using System.Threading.Tasks;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class ChatViewModel
                {
                    private readonly Supabase.Client _supabase;
                    private readonly RealtimeChannel _messages;

                    public ChatViewModel(Supabase.Client supabase)
                    {
                        _supabase = supabase;
                        _messages = _supabase.Realtime.Channel("messages");
                        _messages.OnPostgresChange((sender, change) => { }, PostgresChangesOptions.ListenType.Inserts, new PostgresChangesFilter { Table = "messages" });
                    }

                    public bool SignedIn { get; private set; }

                    public async Task<bool> SignInAsync(string email, string password)
                    {
                        var session = await _supabase.Auth.SignIn(email, password);
                        // Listen for new messages.
                        _ = _messages.Subscribe();
                        SignedIn = session != null;
                        return SignedIn;
                    }

                    public void Leave()
                    {
                        if (_messages != null)
                        {
                            _supabase.Realtime.Remove(_messages);
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_moves_an_awaited_subscription_of_a_component_into_the_async_login_with_a_null_check_and_drops_async_from_the_initializer()
            => Verify.VerifyCodeFixAsync("""
                using System;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public class TodoList : ComponentBase, IDisposable
                {
                    [Inject]
                    public Supabase.Client Supabase { get; set; } = default!;

                    private RealtimeChannel? _todos;

                    public string Error { get; private set; } = "";

                    protected override async Task OnInitializedAsync()
                    {
                        _todos = Supabase.Realtime.Channel("todos");
                        _todos.OnPostgresChange((sender, change) => InvokeAsync(StateHasChanged), PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "todos" });
                        await [|_todos.Subscribe()|];
                    }

                    private async Task LoginAsync(string email, string password)
                    {
                        try
                        {
                            await Supabase.Auth.SignInWithPassword(email, password);
                        }
                        catch (Exception exception)
                        {
                            Error = exception.Message;
                        }
                    }

                    public void Dispose() => _todos?.Unsubscribe();
                }
                """, """
                using System;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public class TodoList : ComponentBase, IDisposable
                {
                    [Inject]
                    public Supabase.Client Supabase { get; set; } = default!;

                    private RealtimeChannel? _todos;

                    public string Error { get; private set; } = "";

                    protected override Task OnInitializedAsync()
                    {
                        _todos = Supabase.Realtime.Channel("todos");
                        _todos.OnPostgresChange((sender, change) => InvokeAsync(StateHasChanged), PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "todos" });
                        return Task.CompletedTask;
                    }

                    private async Task LoginAsync(string email, string password)
                    {
                        try
                        {
                            await Supabase.Auth.SignInWithPassword(email, password);
                            if (_todos != null)
                            {
                                await _todos.Subscribe();
                            }
                        }
                        catch (Exception exception)
                        {
                            Error = exception.Message;
                        }
                    }

                    public void Dispose() => _todos?.Unsubscribe();
                }
                """);

        [Fact]
        public Task Fix_moves_the_subscription_of_a_unity_start_into_the_login_button_handler()
            => Verify.VerifyCodeFixAsync("""
                using Supabase.Realtime;
                using UnityEngine;

                public class Leaderboard : MonoBehaviour
                {
                    private readonly Supabase.Client _supabase = new Supabase.Client("https://project.supabase.co", "anon-key");
                    private RealtimeChannel? _scores;

                    private async void Start()
                    {
                        _scores = _supabase.Realtime.Channel("scores");
                        await [|_scores.Subscribe()|];
                    }

                    public async void OnLoginClicked(string email, string password)
                    {
                        await _supabase.Auth.SignInWithPassword(email, password);
                    }

                    private void OnDestroy()
                    {
                        if (_scores != null)
                        {
                            _supabase.Realtime.Remove(_scores);
                        }
                    }
                }
                """, """
                using Supabase.Realtime;
                using UnityEngine;

                public class Leaderboard : MonoBehaviour
                {
                    private readonly Supabase.Client _supabase = new Supabase.Client("https://project.supabase.co", "anon-key");
                    private RealtimeChannel? _scores;

                    private void Start()
                    {
                        _scores = _supabase.Realtime.Channel("scores");
                    }

                    public async void OnLoginClicked(string email, string password)
                    {
                        await _supabase.Auth.SignInWithPassword(email, password);
                        if (_scores != null)
                        {
                            await _scores.Subscribe();
                        }
                    }

                    private void OnDestroy()
                    {
                        if (_scores != null)
                        {
                            _supabase.Realtime.Remove(_scores);
                        }
                    }
                }
                """);

        [Fact]
        public Task Fix_moves_a_chained_subscription_into_a_set_auth_method_and_keeps_an_unawaited_call_explicit()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class NotificationHub
                {
                    private readonly Client _realtime;

                    public NotificationHub(Client realtime)
                    {
                        _realtime = realtime;
                        [|_realtime.Channel("alerts").Subscribe()|];
                    }

                    public async Task OnSignedInAsync(string accessToken)
                    {
                        await Task.Yield();
                        _realtime.SetAuth(accessToken);
                    }
                }
                """, """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class NotificationHub
                {
                    private readonly Client _realtime;

                    public NotificationHub(Client realtime)
                    {
                        _realtime = realtime;
                    }

                    public async Task OnSignedInAsync(string accessToken)
                    {
                        await Task.Yield();
                        _realtime.SetAuth(accessToken);
                        _ = _realtime.Channel("alerts").Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Fix_is_not_offered_when_moving_the_subscription_would_change_what_the_type_does()
        {
            const string Source = """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class LocalChannel
                {
                    private readonly Client _realtime;

                    public LocalChannel(Client realtime)
                    {
                        _realtime = realtime;
                        var alerts = _realtime.Channel("alerts");
                        _ = [|alerts.Subscribe()|];
                    }

                    public async Task SignedInAsync(string token)
                    {
                        await Task.Yield();
                        _realtime.SetAuth(token);
                    }
                }

                public sealed class TwoWaysIn
                {
                    private readonly Supabase.Client _supabase;
                    private readonly RealtimeChannel _feed;

                    public TwoWaysIn(Supabase.Client supabase)
                    {
                        _supabase = supabase;
                        _feed = _supabase.Realtime.Channel("feed");
                        _ = [|_feed.Subscribe()|];
                    }

                    public async Task SignInAsync(string email, string password) { await _supabase.Auth.SignIn(email, password); }

                    public async Task SignUpAsync(string email, string password) { await _supabase.Auth.SignUp(email, password); }
                }

                public sealed class Typing
                {
                    private readonly Supabase.Client _supabase;
                    private readonly RealtimeChannel _typing;

                    public Typing(Supabase.Client supabase)
                    {
                        _supabase = supabase;
                        _typing = _supabase.Realtime.Channel("typing");
                        _ = [|_typing.Subscribe()|];
                    }

                    public async Task SignInAsync(string email, string password)
                    {
                        await _supabase.Auth.SignIn(email, password);
                    }

                    public Task PingAsync() => _typing.Send(Constants.ChannelEventName.Broadcast, "typing", new object());
                }

                public sealed class NotAsync
                {
                    private readonly Supabase.Client _supabase;
                    private RealtimeChannel? _scores;

                    public NotAsync(Supabase.Client supabase) => _supabase = supabase;

                    public async Task InitializeAsync()
                    {
                        _scores = _supabase.Realtime.Channel("scores");
                        await [|_scores.Subscribe()|];
                    }

                    public void OnToken(string token)
                    {
                        _supabase.Realtime.SetAuth(token);
                    }
                }

                public sealed class OnlySometimes
                {
                    private readonly Supabase.Client _supabase;
                    private readonly RealtimeChannel _news;

                    public OnlySometimes(Supabase.Client supabase, bool live)
                    {
                        _supabase = supabase;
                        _news = _supabase.Realtime.Channel("news");
                        if (live)
                        {
                            _ = [|_news.Subscribe()|];
                        }
                    }

                    public async Task SignInAsync(string email, string password)
                    {
                        await _supabase.Auth.SignIn(email, password);
                    }
                }
                """;
            var test = new Verify.Test { TestCode = Source, FixedCode = Source };
            test.AddEditorConfig("supabase_realtime.SRT001.initializer_methods = InitializeAsync");
            return test.RunAsync();
        }

        [Fact]
        public Task Fix_all_moves_each_subscription_of_the_document_after_its_auth_and_each_auth_before_its_subscription()
            => Verify.VerifyCodeFixAsync("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Inbox
                {
                    private readonly Supabase.Client _supabase;
                    private readonly RealtimeChannel _mail;
                    private readonly RealtimeChannel _receipts;

                    public Inbox(Supabase.Client supabase)
                    {
                        _supabase = supabase;
                        _mail = _supabase.Realtime.Channel("mail");
                        _receipts = _supabase.Realtime.Channel("receipts");
                        _ = [|_mail.Subscribe()|];
                        _ = [|_receipts.Subscribe()|];
                    }

                    public async Task SignInAsync(string email, string password)
                    {
                        await _supabase.Auth.SignIn(email, password);
                    }
                }

                public static class Drafts
                {
                    public static async Task OpenAsync(Supabase.Client supabase, string email, string password)
                    {
                        var drafts = supabase.Realtime.Channel("drafts");
                        await [|drafts.Subscribe()|];
                        await supabase.Auth.SignIn(email, password);
                    }
                }
                """, """
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Inbox
                {
                    private readonly Supabase.Client _supabase;
                    private readonly RealtimeChannel _mail;
                    private readonly RealtimeChannel _receipts;

                    public Inbox(Supabase.Client supabase)
                    {
                        _supabase = supabase;
                        _mail = _supabase.Realtime.Channel("mail");
                        _receipts = _supabase.Realtime.Channel("receipts");
                    }

                    public async Task SignInAsync(string email, string password)
                    {
                        await _supabase.Auth.SignIn(email, password);
                        _ = _mail.Subscribe();
                        _ = _receipts.Subscribe();
                    }
                }

                public static class Drafts
                {
                    public static async Task OpenAsync(Supabase.Client supabase, string email, string password)
                    {
                        var drafts = supabase.Realtime.Channel("drafts");
                        await supabase.Auth.SignIn(email, password);
                        await drafts.Subscribe();
                    }
                }
                """);

        [Fact]
        public Task Fix_is_not_offered_when_the_auth_is_in_another_member()
        {
            const string Source = """
                using Supabase.Realtime;

                public sealed class NotificationHub
                {
                    private readonly Client _realtime;

                    public NotificationHub(Client realtime)
                    {
                        _realtime = realtime;
                        _ = [|_realtime.Channel("alerts").Subscribe()|];
                    }

                    public void OnSignedIn(string accessToken) => _realtime.SetAuth(accessToken);
                }
                """;
            return Verify.VerifyCodeFixAsync(Source, Source);
        }
    
        [Fact]
        public Task Ignores_set_auth_before_the_subscription_on_the_realtime_5_shape()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using System.Threading.Tasks;
                    using Supabase.Realtime;

                    public sealed class Ticker
                    {
                        public async Task StartAsync(Client realtime, string jwt)
                        {
                            realtime.SetAuth(jwt);
                            var prices = realtime.Channel("prices");
                            await prices.Subscribe();
                        }
                    }
                    """,
            }.RunAsync();
}
}
