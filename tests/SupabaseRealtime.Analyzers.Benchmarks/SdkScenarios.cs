using System;
using System.Text;
using Entity = SupabaseRealtime.Analyzers.Benchmarks.CodebaseGenerator.Entity;

namespace SupabaseRealtime.Analyzers.Benchmarks
{
    /// <summary>
    /// One way of using the realtime SDK: a class at namespace level, misusing it for <see cref="Misuse"/> (an SRT ID) or
    /// correct when null; <see cref="Diagnostics"/> is how many diagnostics the misuse must produce.
    /// </summary>
    internal sealed record SdkScenario(string Name, string? Misuse, bool UsesObsoleteApi, Func<Entity, Random, string> Render, int Diagnostics = 1);

    /// <summary>
    /// The SDK usages planted in the synthetic codebase: for every rule SRT001-SRT014 at least one
    /// misuse and one correct counterpart, written the way application code writes them (a feed
    /// service, a Blazor component, a mirror, a client factory). Every class name is distinct, so
    /// any two scenarios can share a file.
    /// </summary>
    internal static class SdkScenarios
    {
        /// <summary>Bad and good alternate, so the first files of even a small codebase cover every rule.</summary>
        public static readonly SdkScenario[] All =
        {
            new("SRT001: subscribes, then signs in", "SRT001", false, SubscribeThenSignIn),
            new("SRT001 correct: signs in, then subscribes", null, false, SignInThenSubscribe),
            new("SRT002: Subscribe() on every pass of a keep-alive loop", "SRT002", false, SubscribeInLoop),
            new("SRT002 correct: one Subscribe()", null, false, SubscribeOnce),
            new("SRT003: Update in an INSERT handler", "SRT003", false, (e, r) => Mirror(e, "Mirror", "Update", "All")),
            new("SRT003 correct: Upsert in the handler", null, false, (e, r) => Mirror(e, "UpsertMirror", "Upsert", "All")),
            new("SRT004: component never releases its channel", "SRT004", false, (e, r) => Board(e, "Board", BoardTeardown.None)),
            new("SRT004 correct: component removes its channel in Dispose", null, false, (e, r) => Board(e, "DisposableBoard", BoardTeardown.Disposable)),
            new("SRT005: Channel() before ConnectAsync()", "SRT005", false, (e, r) => Monitor(e, "Monitor", connectFirst: false)),
            new("SRT005 correct: ConnectAsync() first", null, false, (e, r) => Monitor(e, "ConnectedMonitor", connectFirst: true)),
            new("SRT006: Register after Subscribe()", "SRT006", true, (e, r) => Audit(e, "Audit", AuditShape.RegisterAfterSubscribe)),
            new("SRT006 correct: Register before Subscribe()", null, true, (e, r) => Audit(e, "RegisteredAudit", AuditShape.Correct)),
            new("SRT007: Unsubscribe() and set up again", "SRT007", false, (e, r) => Subscription(e, "Subscription", remove: false)),
            new("SRT007 correct: Remove(channel)", null, false, (e, r) => Subscription(e, "RemovableSubscription", remove: true)),
            new("SRT008: service-role JWT in source", "SRT008", false, ServiceRoleJwt),
            new("SRT008 correct: anon and publishable keys, secret from the environment", null, false, SafeKeys),
            new("SRT009: filter written into the column argument", "SRT009", true, (e, r) => OwnerFeed(e, "OwnerFeed", OwnerFeedShape.FilterInColumn)),
            new("SRT009 correct: column and value", null, true, (e, r) => OwnerFeed(e, "FilteredOwnerFeed", OwnerFeedShape.Correct)),
            new("SRT010: three handlers on one registration (the second and third are unpaired)", "SRT010", true, (e, r) => Changes(e, "Changes", correct: false), Diagnostics: 2),
            new("SRT010 correct: OnPostgresChange per event", null, false, (e, r) => Changes(e, "ChangeHandlers", correct: true)),
            new("SRT001: component subscribes on init, signs in later", "SRT001", false, LiveList),
            new("SRT002: Subscribe() again from its own state handler", "SRT002", false, Watcher),
            new("SRT003 correct: Update in an UPDATE-only handler", null, false, (e, r) => Mirror(e, "UpdateMirror", "Update", "Updates")),
            new("SRT004: Dispose() without IDisposable", "SRT004", false, (e, r) => Board(e, "UnwiredBoard", BoardTeardown.Unwired)),
            new("SRT006: Register duplicates the Channel() binding", "SRT006", true, (e, r) => Audit(e, "DuplicateAudit", AuditShape.Duplicate)),
            new("SRT008: sb_secret_ key in source", "SRT008", false, SecretKey),
            new("SRT009: another operator than eq written into value", "SRT009", true, (e, r) => OwnerFeed(e, "OthersFeed", OwnerFeedShape.OperatorInValue)),
            new("SRT013: Subscribe() discarded in a start method", "SRT013", false, (e, r) => Ticker(e, "Ticker", awaited: false)),
            new("SRT013 correct: two Subscribe() tasks awaited with Task.WhenAll", null, false, (e, r) => Ticker(e, "PairedTicker", awaited: true)),
            new("SRT011: Model<T>() read in a Deletes handler", "SRT011", false, (e, r) => Pruner(e, "Pruner", "Model")),
            new("SRT011 correct: OldModel<T>() in the Deletes handler", null, false, (e, r) => Pruner(e, "OldRowPruner", "OldModel")),
            new("SRT012: async change handler with no try/catch", "SRT012", false, (e, r) => Relay(e, "Relay", guarded: false)),
            new("SRT012 correct: the async change handler catches and logs", null, false, (e, r) => Relay(e, "GuardedRelay", guarded: true)),
            new("SRT014: ConnectAsync() in a helper called before every room", "SRT014", false, (e, r) => Rooms(e, "Rooms", guarded: false)),
            new("SRT014 correct: the helper connects only when the socket is not connected", null, false, (e, r) => Rooms(e, "GuardedRooms", guarded: true)),
            new("SRT014: ConnectAsync() after InitializeAsync() with AutoConnectRealtime = true", "SRT014", false, DoubleConnect),
            new("SRT004: channels kept in a list, subscribed in a loop, never released", "SRT004", false, (e, r) => Feeds(e, "Feeds", release: false)),
            new("SRT004 correct: the list's channels removed in Dispose", null, false, (e, r) => Feeds(e, "RemovedFeeds", release: true)),
            new("SRT004: a field set up by a ref helper, never released", "SRT004", false, (e, r) => HelperBoard(e, "HelperBoard", release: false)),
            new("SRT004 correct: the ref helper's field removed in Dispose", null, false, (e, r) => HelperBoard(e, "ReleasedHelperBoard", release: true)),
        };

        private enum BoardTeardown
        {
            None,
            Unwired,
            Disposable,
        }

        private enum AuditShape
        {
            RegisterAfterSubscribe,
            Duplicate,
            Correct,
        }

        private enum OwnerFeedShape
        {
            FilterInColumn,
            OperatorInValue,
            Correct,
        }

        private static string SubscribeThenSignIn(Entity e, Random random) => Feed(e, "FeedService", signInFirst: false);

        private static string SignInThenSubscribe(Entity e, Random random) => Feed(e, "SignedInFeed", signInFirst: true);

        private static string Feed(Entity e, string suffix, bool signInFirst)
        {
            var n = e.Name;
            var t = e.Table;
            var signIn = "            await _supabase.Auth.SignIn(email, password);\n";
            return $$"""
                    public sealed class {{n}}{{suffix}}
                    {
                        private readonly SupabaseClient _supabase;
                        private readonly List<{{n}}> _items = new List<{{n}}>();
                        private RealtimeChannel? _channel;

                        public {{n}}{{suffix}}(SupabaseClient supabase)
                        {
                            _supabase = supabase;
                        }

                        public IReadOnlyList<{{n}}> Items => _items;

                        public async Task StartAsync(string email, string password)
                        {
                {{(signInFirst ? signIn : string.Empty)}}            _channel = _supabase.Realtime.Channel("{{t}}-feed");
                            _channel.OnPostgresChange((sender, change) =>
                            {
                                var model = change.Model<{{n}}>();
                                if (model != null)
                                {
                                    _items.Add(model);
                                }
                            }, ListenType.Inserts, new PostgresChangesFilter { Table = "{{t}}" });
                            await _channel.Subscribe();
                {{(signInFirst ? string.Empty : signIn)}}        }

                        public int CountSince(DateTime since) => _items.Count(x => x.InsertedAt >= since);
                    }

                """;
        }

        private static string LiveList(Entity e, Random random)
        {
            var n = e.Name;
            var t = e.Table;
            return $$"""
                    public sealed class {{n}}LiveList : ComponentBase, IDisposable
                    {
                        private readonly List<{{n}}> _rows = new List<{{n}}>();
                        private RealtimeChannel? _channel;

                        [Inject]
                        public SupabaseClient Supabase { get; set; } = default!;

                        public IReadOnlyList<{{n}}> Rows => _rows;

                        protected override async Task OnInitializedAsync()
                        {
                            _channel = Supabase.Realtime.Channel("{{t}}-live");
                            _channel.OnPostgresChange(OnChange, ListenType.All, new PostgresChangesFilter { Table = "{{t}}" });
                            await _channel.Subscribe();
                        }

                        public async Task SignInAsync(string email, string password)
                        {
                            await Supabase.Auth.SignIn(email, password);
                            StateHasChanged();
                        }

                        private void OnChange(IRealtimeChannel sender, PostgresChangesResponse change)
                        {
                            var model = change.Model<{{n}}>();
                            if (model == null)
                            {
                                return;
                            }

                            _rows.RemoveAll(x => x.Id == model.Id);
                            _rows.Add(model);
                            _ = InvokeAsync(StateHasChanged);
                        }

                        public void Dispose()
                        {
                            if (_channel != null)
                            {
                                Supabase.Realtime.Remove(_channel);
                            }
                        }
                    }

                """;
        }

        private static string SubscribeInLoop(Entity e, Random random)
        {
            var n = e.Name;
            var t = e.Table;
            return $$"""
                    public sealed class {{n}}Sync
                    {
                        private readonly SupabaseClient _supabase;
                        private readonly List<string> _log = new List<string>();

                        public {{n}}Sync(SupabaseClient supabase)
                        {
                            _supabase = supabase;
                        }

                        public IReadOnlyList<string> Log => _log;

                        // A "keep-alive" that subscribes again on every pass: once the channel has joined, each later
                        // Subscribe() returns at once and sends nothing. (A retry after a failed join, in a catch, is not
                        // a misuse: the failed join left the channel unjoined.)
                        public async Task<bool> KeepJoinedAsync(int passes)
                        {
                            var channel = _supabase.Realtime.Channel("{{t}}-sync");
                            channel.OnPostgresChange(Apply, ListenType.All, new PostgresChangesFilter { Table = "{{t}}" });
                            for (var pass = 0; pass < passes; pass++)
                            {
                                await channel.Subscribe();
                                _log.Add($"pass {pass}: {channel.State}");
                                await Task.Delay(TimeSpan.FromSeconds(30));
                            }

                            return channel.IsJoined;
                        }

                        private void Apply(IRealtimeChannel sender, PostgresChangesResponse change)
                            => _log.Add($"{change.Payload?.Data?.Type} on {{t}}");
                    }

                """;
        }

        private static string SubscribeOnce(Entity e, Random random)
        {
            var n = e.Name;
            var t = e.Table;
            return $$"""
                    public sealed class {{n}}SingleSubscription
                    {
                        private readonly SupabaseClient _supabase;
                        private readonly List<string> _log = new List<string>();

                        public {{n}}SingleSubscription(SupabaseClient supabase)
                        {
                            _supabase = supabase;
                        }

                        public IReadOnlyList<string> Log => _log;

                        public async Task StartAsync()
                        {
                            var channel = _supabase.Realtime.Channel("{{t}}-single");
                            channel.OnPostgresChange((sender, change) => _log.Add($"{change.Payload?.Data?.Type}"), ListenType.All, new PostgresChangesFilter { Table = "{{t}}" });
                            channel.AddStateChangedHandler((sender, state) => _log.Add($"{{t}} channel is {state}"));
                            await channel.Subscribe();
                        }
                    }

                """;
        }

        private static string Watcher(Entity e, Random random)
        {
            var n = e.Name;
            var t = e.Table;
            return $$"""
                    public sealed class {{n}}Watcher
                    {
                        private readonly SupabaseClient _supabase;
                        private readonly List<string> _log = new List<string>();

                        public {{n}}Watcher(SupabaseClient supabase)
                        {
                            _supabase = supabase;
                        }

                        public async Task StartAsync()
                        {
                            var channel = _supabase.Realtime.Channel("{{t}}-watch");
                            channel.OnPostgresChange((sender, change) => _log.Add($"{change.Payload?.Data?.Type}"), ListenType.All, new PostgresChangesFilter { Table = "{{t}}" });
                            channel.AddStateChangedHandler((sender, state) =>
                            {
                                _log.Add($"{{t}} channel is {state}");
                                if (state == Constants.ChannelState.Closed || state == Constants.ChannelState.Errored)
                                {
                                    channel.Subscribe().ContinueWith(rejoin => _log.Add($"{{t}} rejoin: {rejoin.Status}"));
                                }
                            });
                            await channel.Subscribe();
                        }
                    }

                """;
        }

        private static string Mirror(Entity e, string suffix, string method, string listenType)
        {
            var n = e.Name;
            var t = e.Table;
            return $$"""
                    public sealed class {{n}}{{suffix}}
                    {
                        private readonly SupabaseClient _source;
                        private readonly SupabaseClient _replica;
                        private readonly List<Exception> _errors = new List<Exception>();
                        private int _applied;

                        public {{n}}{{suffix}}(SupabaseClient source, SupabaseClient replica)
                        {
                            _source = source;
                            _replica = replica;
                        }

                        public int Applied => _applied;

                        public async Task StartAsync()
                        {
                            var channel = _source.Realtime.Channel("{{t}}-{{suffix.ToLowerInvariant()}}");
                            channel.OnPostgresChange(async (sender, change) =>
                            {
                                try
                                {
                                    var model = change.Model<{{n}}>();
                                    if (model == null)
                                    {
                                        return;
                                    }

                                    await _replica.From<{{n}}>().{{method}}(model);
                                    _applied++;
                                }
                                catch (Exception ex)
                                {
                                    _errors.Add(ex);
                                }
                            }, ListenType.{{listenType}}, new PostgresChangesFilter { Table = "{{t}}" });
                            await channel.Subscribe();
                        }
                    }

                """;
        }

        private static string Board(Entity e, string suffix, BoardTeardown teardown)
        {
            var n = e.Name;
            var t = e.Table;
            var bases = teardown == BoardTeardown.Disposable ? "ComponentBase, IDisposable" : "ComponentBase";
            var dispose = teardown == BoardTeardown.None
                ? string.Empty
                : """

                        public void Dispose()
                        {
                            if (_channel != null)
                            {
                                Supabase.Realtime.Remove(_channel);
                            }
                        }

                """;
            return $$"""
                    public sealed class {{n}}{{suffix}} : {{bases}}
                    {
                        private readonly List<{{n}}> _rows = new List<{{n}}>();
                        private RealtimeChannel? _channel;

                        [Inject]
                        public SupabaseClient Supabase { get; set; } = default!;

                        [Parameter]
                        public string? Filter { get; set; }

                        public IEnumerable<{{n}}> Visible => string.IsNullOrEmpty(Filter)
                            ? _rows
                            : _rows.Where(x => x.Name.Contains(Filter, StringComparison.OrdinalIgnoreCase));

                        protected override async Task OnInitializedAsync()
                        {
                            _rows.AddRange((await Supabase.From<{{n}}>().Get()).Models);
                            _channel = Supabase.Realtime.Channel("{{t}}-{{suffix.ToLowerInvariant()}}");
                            _channel.OnPostgresChange(OnChange, ListenType.All, new PostgresChangesFilter { Table = "{{t}}" });
                            await _channel.Subscribe();
                        }

                        private void OnChange(IRealtimeChannel sender, PostgresChangesResponse change)
                        {
                            var model = change.Model<{{n}}>();
                            if (model != null)
                            {
                                _rows.RemoveAll(x => x.Id == model.Id);
                                _rows.Add(model);
                                _ = InvokeAsync(StateHasChanged);
                            }
                        }
                {{dispose}}    }

                """;
        }

        /// <summary>A component that keeps one channel per feed in a list field (SRT004 through a collection slot).</summary>
        private static string Feeds(Entity e, string suffix, bool release)
        {
            var n = e.Name;
            var t = e.Table;
            var bases = release ? "ComponentBase, IDisposable" : "ComponentBase";
            var dispose = !release
                ? string.Empty
                : """

                        public void Dispose()
                        {
                            foreach (var feed in _feeds)
                            {
                                Supabase.Realtime.Remove(feed);
                            }

                            _feeds.Clear();
                        }

                """;
            var slug = suffix.ToLowerInvariant();
            return $$"""
                    public sealed class {{n}}{{suffix}} : {{bases}}
                    {
                        private readonly List<RealtimeChannel> _feeds = new List<RealtimeChannel>();
                        private int _changes;

                        [Inject]
                        public SupabaseClient Supabase { get; set; } = default!;

                        public int Changes => _changes;

                        protected override async Task OnInitializedAsync()
                        {
                            var inserted = Supabase.Realtime.Channel("{{t}}-{{slug}}-inserts");
                            inserted.OnPostgresChange(OnChange, ListenType.Inserts, new PostgresChangesFilter { Table = "{{t}}" });
                            _feeds.Add(inserted);
                            var deleted = Supabase.Realtime.Channel("{{t}}-{{slug}}-deletes");
                            deleted.OnPostgresChange(OnChange, ListenType.Deletes, new PostgresChangesFilter { Table = "{{t}}" });
                            _feeds.Add(deleted);
                            foreach (var feed in _feeds)
                            {
                                await feed.Subscribe();
                            }
                        }

                        private void OnChange(IRealtimeChannel sender, PostgresChangesResponse change)
                        {
                            _changes++;
                            _ = InvokeAsync(StateHasChanged);
                        }
                {{dispose}}    }

                """;
        }

        /// <summary>A component whose channel field a private helper sets up by ref (SRT004 through the type's own helper).</summary>
        private static string HelperBoard(Entity e, string suffix, bool release)
        {
            var n = e.Name;
            var t = e.Table;
            var bases = release ? "ComponentBase, IDisposable" : "ComponentBase";
            var dispose = !release
                ? string.Empty
                : """

                        public void Dispose()
                        {
                            if (_channel != null)
                            {
                                Supabase.Realtime.Remove(_channel);
                                _channel = null;
                            }
                        }

                """;
            return $$"""
                    public sealed class {{n}}{{suffix}} : {{bases}}
                    {
                        private readonly List<{{n}}> _rows = new List<{{n}}>();
                        private RealtimeChannel? _channel;

                        [Inject]
                        public SupabaseClient Supabase { get; set; } = default!;

                        public IReadOnlyList<{{n}}> Rows => _rows;

                        protected override async Task OnInitializedAsync()
                        {
                            await SetUp(ref _channel, "{{t}}-{{suffix.ToLowerInvariant()}}");
                        }

                        private Task SetUp(ref RealtimeChannel? channel, string topic)
                        {
                            channel = Supabase.Realtime.Channel(topic);
                            channel.OnPostgresChange(OnInserted, ListenType.Inserts, new PostgresChangesFilter { Table = "{{t}}" });
                            return channel.Subscribe();
                        }

                        private void OnInserted(IRealtimeChannel sender, PostgresChangesResponse change)
                        {
                            var model = change.Model<{{n}}>();
                            if (model != null)
                            {
                                _rows.Add(model);
                                _ = InvokeAsync(StateHasChanged);
                            }
                        }
                {{dispose}}    }

                """;
        }

        private static string Monitor(Entity e, string suffix, bool connectFirst)
        {
            var n = e.Name;
            var t = e.Table;
            var connect = "            await realtime.ConnectAsync();\n";
            return $$"""
                    public sealed class {{n}}{{suffix}}
                    {
                        private readonly string _realtimeUrl;
                        private readonly Dictionary<Guid, {{n}}> _latest = new Dictionary<Guid, {{n}}>();

                        public {{n}}{{suffix}}(string realtimeUrl)
                        {
                            _realtimeUrl = realtimeUrl;
                        }

                        public async Task<int> WatchAsync(TimeSpan duration)
                        {
                            var realtime = new Supabase.Realtime.Client(_realtimeUrl);
                {{(connectFirst ? connect : string.Empty)}}            var channel = realtime.Channel("{{t}}-{{suffix.ToLowerInvariant()}}");
                {{(connectFirst ? string.Empty : connect)}}            channel.OnPostgresChange((sender, change) =>
                            {
                                var model = change.Model<{{n}}>();
                                if (model != null)
                                {
                                    _latest[model.Id] = model;
                                }
                            }, ListenType.All, new PostgresChangesFilter { Table = "{{t}}" });
                            await channel.Subscribe();
                            await Task.Delay(duration);
                            realtime.Remove(channel);
                            realtime.Disconnect();
                            return _latest.Count;
                        }
                    }

                """;
        }

        private static string Audit(Entity e, string suffix, AuditShape shape)
        {
            var n = e.Name;
            var t = e.Table;
            var body = shape switch
            {
                AuditShape.RegisterAfterSubscribe => $$"""
                                var channel = _supabase.Realtime.Channel("{{t}}-audit");
                                await channel.Subscribe();
                                channel.Register(new PostgresChangesOptions("public", "{{t}}", ListenType.Inserts));
                                channel.AddPostgresChangeHandler(ListenType.Inserts, OnInsert);

                    """,
                AuditShape.Duplicate => $$"""
                                var channel = _supabase.Realtime.Channel("realtime", "public", "{{t}}");
                                channel.Register(new PostgresChangesOptions("public", "{{t}}"));
                                channel.AddPostgresChangeHandler(ListenType.All, OnInsert);
                                await channel.Subscribe();

                    """,
                _ => $$"""
                                var channel = _supabase.Realtime.Channel("{{t}}-audit");
                                channel.Register(new PostgresChangesOptions("public", "{{t}}", ListenType.Inserts));
                                channel.AddPostgresChangeHandler(ListenType.Inserts, OnInsert);
                                await channel.Subscribe();

                    """,
            };
            return $$"""
                    public sealed class {{n}}{{suffix}}
                    {
                        private readonly SupabaseClient _supabase;
                        private readonly List<{{n}}> _inserted = new List<{{n}}>();

                        public {{n}}{{suffix}}(SupabaseClient supabase)
                        {
                            _supabase = supabase;
                        }

                        public IReadOnlyList<{{n}}> Inserted => _inserted;

                        public async Task StartAsync()
                        {
                {{body}}        }

                        private void OnInsert(IRealtimeChannel sender, PostgresChangesResponse change)
                        {
                            var model = change.Model<{{n}}>();
                            if (model != null)
                            {
                                _inserted.Add(model);
                            }
                        }
                    }

                """;
        }

        private static string Subscription(Entity e, string suffix, bool remove)
        {
            var n = e.Name;
            var t = e.Table;
            var stop = remove
                ? """
                            if (_channel != null)
                            {
                                _supabase.Realtime.Remove(_channel);
                                _channel = null;
                            }

                """
                : """
                            _channel?.Unsubscribe();
                            _channel = null;

                """;
            return $$"""
                    public sealed class {{n}}{{suffix}}
                    {
                        private readonly SupabaseClient _supabase;
                        private RealtimeChannel? _channel;
                        private int _changes;

                        public {{n}}{{suffix}}(SupabaseClient supabase)
                        {
                            _supabase = supabase;
                        }

                        public int Changes => _changes;

                        public async Task StartAsync()
                        {
                            _channel = _supabase.Realtime.Channel("{{t}}-changes");
                            _channel.OnPostgresChange((sender, change) => _changes++, ListenType.All, new PostgresChangesFilter { Table = "{{t}}" });
                            await _channel.Subscribe();
                        }

                        public void Stop()
                        {
                {{stop}}        }
                    }

                """;
        }

        private static string ServiceRoleJwt(Entity e, Random random)
        {
            var n = e.Name;
            var project = Lower(random, 20);
            return $$"""
                    public static class {{n}}AdminClientFactory
                    {
                        private const string Url = "https://{{project}}.supabase.co";
                        private const string ServiceRoleKey = "{{Jwt(random, project, "service_role")}}";

                        public static SupabaseClient Create()
                            => new SupabaseClient(Url, ServiceRoleKey, new Supabase.SupabaseOptions { AutoConnectRealtime = true });
                    }

                """;
        }

        private static string SecretKey(Entity e, Random random)
        {
            var n = e.Name;
            var project = Lower(random, 20);
            return $$"""
                    public static class {{n}}ServiceKeys
                    {
                        public const string Url = "https://{{project}}.supabase.co";

                        public static SupabaseClient CreateAdmin()
                        {
                            var options = new Supabase.SupabaseOptions { AutoRefreshToken = false };
                            return new SupabaseClient(Url, "sb_secret_{{Base64Url(random, 32)}}", options);
                        }
                    }

                """;
        }

        private static string SafeKeys(Entity e, Random random)
        {
            var n = e.Name;
            var project = Lower(random, 20);
            return $$"""
                    public static class {{n}}ClientFactory
                    {
                        private const string Url = "https://{{project}}.supabase.co";
                        private const string AnonKey = "{{Jwt(random, project, "anon")}}";
                        private const string PublishableKey = "sb_publishable_{{Base64Url(random, 32)}}";

                        public static SupabaseClient CreateForBrowser() => new SupabaseClient(Url, AnonKey);

                        public static SupabaseClient CreatePublishable() => new SupabaseClient(Url, PublishableKey);

                        public static SupabaseClient CreateForServer()
                            => new SupabaseClient(
                                Url,
                                Environment.GetEnvironmentVariable("SUPABASE_SERVICE_ROLE_KEY") ?? throw new InvalidOperationException("SUPABASE_SERVICE_ROLE_KEY is not set."));
                    }

                """;
        }

        private static string OwnerFeed(Entity e, string suffix, OwnerFeedShape shape)
        {
            var n = e.Name;
            var t = e.Table;
            var setUp = shape switch
            {
                OwnerFeedShape.FilterInColumn => $$"""
                                var channel = _supabase.Realtime.Channel("realtime", "public", "{{t}}", $"owner_id=eq.{ownerId}");
                                channel.AddPostgresChangeHandler(ListenType.All, OnChange);

                    """,
                OwnerFeedShape.OperatorInValue => $$"""
                                var channel = _supabase.Realtime.Channel("realtime", "public", "{{t}}", "owner_id", $"neq.{ownerId}");
                                channel.AddPostgresChangeHandler(ListenType.All, OnChange);

                    """,
                _ => $$"""
                                var channel = _supabase.Realtime.Channel("realtime", "public", "{{t}}", "owner_id", ownerId.ToString());
                                channel.AddPostgresChangeHandler(ListenType.All, OnChange);

                    """,
            };
            return $$"""
                    public sealed class {{n}}{{suffix}}
                    {
                        private readonly SupabaseClient _supabase;
                        private readonly List<{{n}}> _mine = new List<{{n}}>();

                        public {{n}}{{suffix}}(SupabaseClient supabase)
                        {
                            _supabase = supabase;
                        }

                        public IReadOnlyList<{{n}}> Mine => _mine;

                        public async Task StartAsync(Guid ownerId)
                        {
                {{setUp}}            await channel.Subscribe();
                        }

                        private void OnChange(IRealtimeChannel sender, PostgresChangesResponse change)
                        {
                            var model = change.Model<{{n}}>();
                            if (model != null)
                            {
                                _mine.Add(model);
                            }
                        }
                    }

                """;
        }

        private static string Changes(Entity e, string suffix, bool correct)
        {
            var n = e.Name;
            var t = e.Table;
            var setUp = correct
                ? $$"""
                                var filter = new PostgresChangesFilter { Table = "{{t}}" };
                                var channel = _supabase.Realtime.Channel("{{t}}-handlers");
                                channel.OnPostgresChange(OnInsert, ListenType.Inserts, filter);
                                channel.OnPostgresChange(OnUpdate, ListenType.Updates, filter);
                                channel.OnPostgresChange(OnDelete, ListenType.Deletes, filter);

                    """
                : $$"""
                                var channel = _supabase.Realtime.Channel("realtime", "public", "{{t}}");
                                channel.AddPostgresChangeHandler(ListenType.Inserts, OnInsert);
                                channel.AddPostgresChangeHandler(ListenType.Updates, OnUpdate);
                                channel.AddPostgresChangeHandler(ListenType.Deletes, OnDelete);

                    """;
            return $$"""
                    public sealed class {{n}}{{suffix}}
                    {
                        private readonly SupabaseClient _supabase;
                        private readonly Dictionary<Guid, {{n}}> _rows = new Dictionary<Guid, {{n}}>();

                        public {{n}}{{suffix}}(SupabaseClient supabase)
                        {
                            _supabase = supabase;
                        }

                        public int Count => _rows.Count;

                        public async Task StartAsync()
                        {
                {{setUp}}            await channel.Subscribe();
                        }

                        private void OnInsert(IRealtimeChannel sender, PostgresChangesResponse change) => Store(change.Model<{{n}}>());

                        private void OnUpdate(IRealtimeChannel sender, PostgresChangesResponse change) => Store(change.Model<{{n}}>());

                        private void OnDelete(IRealtimeChannel sender, PostgresChangesResponse change)
                        {
                            var old = change.OldModel<{{n}}>();
                            if (old != null)
                            {
                                _rows.Remove(old.Id);
                            }
                        }

                        private void Store({{n}}? model)
                        {
                            if (model != null)
                            {
                                _rows[model.Id] = model;
                            }
                        }
                    }

                """;
        }

        private static string Relay(Entity e, string suffix, bool guarded)
        {
            var n = e.Name;
            var t = e.Table;
            var handler = guarded
                ? $$"""
                            channel.OnPostgresChange(async (sender, change) =>
                            {
                                try
                                {
                                    await ForwardAsync(change.Model<{{n}}>());
                                }
                                catch (Exception ex)
                                {
                                    _failures.Add(ex.Message);
                                }
                            }, ListenType.Inserts, new PostgresChangesFilter { Table = "{{t}}" });
                """
                : $$"""
                            channel.OnPostgresChange(async (sender, change) => await ForwardAsync(change.Model<{{n}}>()), ListenType.Inserts, new PostgresChangesFilter { Table = "{{t}}" });
                """;
            return $$"""
                    public sealed class {{n}}{{suffix}}
                    {
                        private readonly SupabaseClient _supabase;
                        private readonly List<string> _failures = new List<string>();
                        private readonly List<Guid> _forwarded = new List<Guid>();

                        public {{n}}{{suffix}}(SupabaseClient supabase)
                        {
                            _supabase = supabase;
                        }

                        public IReadOnlyList<string> Failures => _failures;

                        public async Task StartAsync()
                        {
                            var channel = _supabase.Realtime.Channel("{{t}}-{{suffix.ToLowerInvariant()}}");
                {{handler}}            await channel.Subscribe();
                        }

                        private async Task ForwardAsync({{n}}? model)
                        {
                            if (model is null)
                            {
                                return;
                            }

                            await Task.Delay(1);
                            _forwarded.Add(model.Id);
                        }
                    }

                """;
        }

        private static string Rooms(Entity e, string suffix, bool guarded)
        {
            var n = e.Name;
            var t = e.Table;
            var connect = guarded
                ? """
                            if (_supabase.Realtime.Socket?.IsConnected != true)
                            {
                                await _supabase.Realtime.ConnectAsync();
                            }
                """
                : """
                            await _supabase.Realtime.ConnectAsync();
                """;
            return $$"""
                    public sealed class {{n}}{{suffix}}
                    {
                        private readonly SupabaseClient _supabase;
                        private readonly List<RealtimeChannel> _open = new List<RealtimeChannel>();

                        public {{n}}{{suffix}}(SupabaseClient supabase)
                        {
                            _supabase = supabase;
                        }

                        public int Open => _open.Count;

                        public async Task OpenAsync(Guid id)
                        {
                            await EnsureConnectedAsync();
                            var channel = _supabase.Realtime.Channel($"{{t}}:{id}");
                            await channel.Subscribe();
                            _open.Add(channel);
                        }

                        public async Task OpenAllAsync()
                        {
                            await EnsureConnectedAsync();
                            var channel = _supabase.Realtime.Channel("{{t}}-{{suffix.ToLowerInvariant()}}");
                            await channel.Subscribe();
                            _open.Add(channel);
                        }

                        private async Task EnsureConnectedAsync()
                        {
                {{connect}}        }
                    }

                """;
        }

        private static string DoubleConnect(Entity e, Random random)
        {
            var n = e.Name;
            var project = Lower(random, 20);
            return $$"""
                    public static class {{n}}RealtimeBootstrap
                    {
                        public static async Task<SupabaseClient> CreateAsync(string anonKey)
                        {
                            var supabase = new SupabaseClient("https://{{project}}.supabase.co", anonKey, new Supabase.SupabaseOptions { AutoConnectRealtime = true });
                            await supabase.InitializeAsync();
                            await supabase.Realtime.ConnectAsync();
                            return supabase;
                        }
                    }

                """;
        }

        private static string Pruner(Entity e, string suffix, string read)
        {
            var n = e.Name;
            var t = e.Table;
            return $$"""
                    public sealed class {{n}}{{suffix}}
                    {
                        private readonly SupabaseClient _supabase;
                        private readonly Dictionary<Guid, {{n}}> _rows = new Dictionary<Guid, {{n}}>();

                        public {{n}}{{suffix}}(SupabaseClient supabase)
                        {
                            _supabase = supabase;
                        }

                        public int Count => _rows.Count;

                        public async Task StartAsync()
                        {
                            var channel = _supabase.Realtime.Channel("{{t}}-{{suffix.ToLowerInvariant()}}");
                            channel.OnPostgresChange(OnDeleted, ListenType.Deletes, new PostgresChangesFilter { Table = "{{t}}" });
                            await channel.Subscribe();
                        }

                        private void OnDeleted(IRealtimeChannel sender, PostgresChangesResponse change)
                        {
                            var gone = change.{{read}}<{{n}}>();
                            if (gone != null)
                            {
                                _rows.Remove(gone.Id);
                            }
                        }
                    }

                """;
        }

        private static string Ticker(Entity e, string suffix, bool awaited)
        {
            var n = e.Name;
            var t = e.Table;
            var start = awaited
                ? $$"""
                        public async Task StartAsync()
                        {
                            var changes = _supabase.Realtime.Channel("{{t}}-{{suffix.ToLowerInvariant()}}");
                            changes.OnPostgresChange((sender, change) => _ticks++, ListenType.All, new PostgresChangesFilter { Table = "{{t}}" });
                            var presence = _supabase.Realtime.Channel("{{t}}-{{suffix.ToLowerInvariant()}}-presence");
                            await Task.WhenAll(changes.Subscribe(), presence.Subscribe());
                            Started = DateTime.UtcNow;
                        }
                """
                : $$"""
                        public Task StartAsync()
                        {
                            var changes = _supabase.Realtime.Channel("{{t}}-{{suffix.ToLowerInvariant()}}");
                            changes.OnPostgresChange((sender, change) => _ticks++, ListenType.All, new PostgresChangesFilter { Table = "{{t}}" });
                            _ = changes.Subscribe();
                            Started = DateTime.UtcNow;
                            return Task.CompletedTask;
                        }
                """;
            return $$"""
                    public sealed class {{n}}{{suffix}}
                    {
                        private readonly SupabaseClient _supabase;
                        private int _ticks;

                        public {{n}}{{suffix}}(SupabaseClient supabase)
                        {
                            _supabase = supabase;
                        }

                        public int Ticks => _ticks;

                        public DateTime? Started { get; private set; }

                {{start}}    }

                """;
        }

        /// <summary>A well-formed HS256 JWT as Supabase issues them (the signature is random).</summary>
        private static string Jwt(Random random, string project, string role)
        {
            var header = Base64Url(Encoding.UTF8.GetBytes("{\"alg\":\"HS256\",\"typ\":\"JWT\"}"));
            var payload = Base64Url(Encoding.UTF8.GetBytes($"{{\"iss\":\"supabase\",\"ref\":\"{project}\",\"role\":\"{role}\",\"iat\":1718000000,\"exp\":2033576000}}"));
            return header + "." + payload + "." + Base64Url(random, 43);
        }

        private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        private static string Base64Url(Random random, int length)
        {
            const string alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = alphabet[random.Next(alphabet.Length)];
            }

            return new string(chars);
        }

        private static string Lower(Random random, int length)
        {
            var chars = new char[length];
            for (var i = 0; i < length; i++)
            {
                chars[i] = (char)('a' + random.Next(26));
            }

            return new string(chars);
        }
    }
}
