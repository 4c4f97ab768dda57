using Microsoft.CodeAnalysis;

namespace SupabaseRealtime.Analyzers
{
    /// <summary>The rule IDs. A rule's ID enters here together with its analyzer, never as a placeholder.</summary>
    public static class RuleIds
    {
        public const string SubscribedBeforeAuth = "SRT001";
        public const string ChannelSubscribedMoreThanOnce = "SRT002";
        public const string UpdateInsteadOfUpsert = "SRT003";
        public const string SubscriptionNeverReleased = "SRT004";
        public const string ChannelBeforeConnect = "SRT005";
        public const string LateOrDuplicateBinding = "SRT006";
        public const string UnsubscribeKeepsChannelCached = "SRT007";
        public const string SecretKeyInSource = "SRT008";
        public const string ChannelArgumentsMisplaced = "SRT009";
        public const string UnpairedChangeHandler = "SRT010";
        public const string ModelReadForDelete = "SRT011";
        public const string AsyncHandlerUnguarded = "SRT012";
        public const string SubscribeNotObserved = "SRT013";
        public const string ConnectWhileConnected = "SRT014";
    }

    /// <summary>Diagnostic categories used by the rules.</summary>
    internal static class Categories
    {
        public const string Reliability = "Reliability";
        public const string Usage = "Usage";
        public const string Security = "Security";
    }

    /// <summary>Every descriptor the package reports, in one catalogue.</summary>
    public static class Descriptors
    {
        /// <summary>Where each rule's documentation page lives: <c>docs/rules/&lt;ID&gt;.md</c> in the repository.</summary>
        public const string HelpLinkBase = "https://github.com/SupabaseRealtime/SupabaseRealtime.Analyzers/blob/main/docs/rules/";

        public static string HelpLink(string id) => HelpLinkBase + id + ".md";

        /// <summary>SRT006: a postgres_changes, broadcast or presence binding added after <c>Subscribe()</c>, or twice.</summary>
        public static readonly DiagnosticDescriptor SRT006 = Create(
            RuleIds.LateOrDuplicateBinding,
            "Postgres-changes binding added after Subscribe, or twice",
            "{0} on channel '{1}' {2}",
            Categories.Reliability,
            DiagnosticSeverity.Warning,
            "Bindings travel in the channel's join message. A Register(PostgresChangesOptions), OnPostgresChange, "
                + "Register<TBroadcast> or Register<TPresence> made after Subscribe() takes effect only at the channel's next join "
                + "(the 8.0 line throws); a Register of options the channel already has adds a second entry to the join message and "
                + "nothing else (each change still arrives once); a second Register<TBroadcast> or Register<TPresence> on one channel "
                + "throws InvalidOperationException.");

        /// <summary>A service-role JWT or an <c>sb_secret_</c> key written into C# source.</summary>
        public static readonly DiagnosticDescriptor SRT008 = Create(
            RuleIds.SecretKeyInSource,
            "Secret Supabase key in source",
            "This string is {0}; it bypasses row-level security, and {1}. Load it from configuration or an environment variable, and never ship it in client code.",
            Categories.Security,
            DiagnosticSeverity.Error,
            "A legacy Supabase service_role key (a JWT whose role is service_role; also a JWT for supabase_admin) and a secret API key "
            + "(sb_secret_..., not a JWT) both bypass row-level security. Compiled into an application either can be read back from the "
            + "binary by anyone who has it, which hands them the whole database. A leaked service_role JWT stays valid until the project's "
            + "legacy JWT secret is rotated or its legacy API keys are disabled; a secret API key can be deleted on its own in the "
            + "project's API key settings. Keep secret keys on the server, in configuration or environment variables; client code uses "
            + "the publishable or anon key.");

        /// <summary>A realtime client's Channel(...) call whose arguments the SDK silently misreads.</summary>
        public static readonly DiagnosticDescriptor SRT009 = Create(
            RuleIds.ChannelArgumentsMisplaced,
            "Channel() arguments misplaced",
            "Channel() arguments misplaced: {0}",
            Categories.Usage,
            DiagnosticSeverity.Warning,
            "Channel(database, schema, table, column, value) builds the filter 'column=eq.value' itself, and only when both column and value "
            + "are non-null. A filter written into column is dropped when no value is given, and with a value it is sent with '=eq.' and "
            + "the value appended ('room_id=eq.42=eq.42'); a column without a value (or a value without a column) adds no filter, so every "
            + "row of the table streams in; another operator written into value is compared as text after eq. None of this raises an error. "
            + "Before Realtime 7.4, Channel(name) prefixes the name with 'realtime:' itself, so a name that already starts with it gives "
            + "the topic 'realtime:realtime:...'. From 7.4, Channel(name, ChannelOptions) caches by name alone, so a private and a public "
            + "channel of one name on one client are one instance, private or public as the first call made it.");

        /// <summary>SRT001: a channel joins while the client still holds the anon key, because auth happens later.</summary>
        public static readonly DiagnosticDescriptor SRT001 = Create(
            RuleIds.SubscribedBeforeAuth,
            "Channel subscribed before realtime auth",
            "Channel '{0}' is subscribed before '{1}' runs: {2}",
            Categories.Reliability,
            DiagnosticSeverity.Warning,
            "Every join is authorized with the client's key; the user's token reaches realtime only afterwards (an access_token "
            + "push after the join reply, at SetAuth, on each heartbeat). A channel subscribed before SetAuth or an email/password "
            + "sign-in misses the rows that only signed-in users may see until the token arrives. Most other sign-in calls "
            + "(SignUp, SignInWithOtp and VerifyOTP, SignInWithIdToken, SSO, OAuth, anonymous sign-in, SetSession) first sign the "
            + "client out, and Supabase.Client then unsubscribes every cached channel: a channel subscribed before them is closed "
            + "and does not rejoin. A private channel (Realtime 7.4, ChannelOptions.Private) is not upgraded later: a topic whose "
            + "policies need a signed-in user refuses its join (Subscribe() fails with ChannelJoinFailure), and in 7.4 even a join "
            + "after sign-in carries no user token (supabase-csharp#400). Authenticate first, then subscribe.");

        /// <summary>SRT005: <c>Channel(...)</c> runs while the socket is not connected, and throws.</summary>
        public static readonly DiagnosticDescriptor SRT005 = Create(
            RuleIds.ChannelBeforeConnect,
            "Channel created before the socket connects",
            "Channel '{0}' on '{1}': {2}",
            Categories.Reliability,
            DiagnosticSeverity.Warning,
            "Client.Channel(...) for a topic that is not cached yet throws \"Socket must exist, was `Connect` called?\" while the "
            + "client has no socket, and so does supabase.From<T>().On(...), which calls Channel(...) before it checks the socket; "
            + "a Supabase client's InitializeAsync() connects realtime only when it was created with AutoConnectRealtime = true "
            + "(the default is false). Connect the realtime client first (await ConnectAsync(), or InitializeAsync() with "
            + "AutoConnectRealtime = true). A cached topic never throws: after Disconnect(), which leaves every channel in the "
            + "client's cache bound to the closed socket, Channel(...) of a topic subscribed before returns that dead instance, "
            + "whose Subscribe() does nothing and whose handlers never fire, also once the client is connected again. Remove the "
            + "channel before disconnecting.");

        public static readonly DiagnosticDescriptor SRT003 = Create(
            RuleIds.UpdateInsteadOfUpsert,
            "Update where an upsert is needed in a change handler",
            "Change handler for '{0}' receives INSERT events but applies them with {1}; the row does not exist locally yet. Use {2}.",
            Categories.Reliability,
            DiagnosticSeverity.Warning,
            "A postgres-changes handler whose listen type lets INSERT events through applies a change with an update-only "
            + "method (Update, UpdateAsync) although the store offers an insert-or-update one. An inserted row does not exist "
            + "in the local store or mirror table yet, so Update changes nothing (Postgrest's Update is a PATCH by primary key) "
            + "or throws 'not found'. Use Upsert, InsertOrReplace, AddOrUpdate or Put, or apply Update only in a branch that "
            + "INSERT events cannot reach.");

        /// <summary>SRT004: a type with a bounded lifetime subscribes a realtime channel and never releases it.</summary>
        public static readonly DiagnosticDescriptor SRT004 = Create(
            RuleIds.SubscriptionNeverReleased,
            "Realtime subscription never released",
            "'{0}' is subscribed but {1} never releases it; {2}",
            Categories.Reliability,
            DiagnosticSeverity.Warning,
            "A component, page, view model, hosted service or other type with a bounded lifetime subscribes a realtime channel "
            + "and no member of the type unsubscribes it or removes it from its client (disconnecting counts only for a client the "
            + "type created itself). The channel, its socket and its handlers outlive the instance, and with a shared client the "
            + "next instance gets the stale cached channel back. Disconnect() releases nothing there: every SDK line keeps the "
            + "channels cached, bound to the stopped socket, so after the next connect Channel(...) of that topic returns the dead "
            + "instance. Remove it in the type's teardown (Dispose, OnDestroy, StopAsync, ...), and make sure that teardown "
            + "is actually called.");

        /// <summary>SRT007: Unsubscribe() leaves the channel in the client's cache while the same set-up runs again on it.</summary>
        public static readonly DiagnosticDescriptor SRT007 = Create(
            RuleIds.UnsubscribeKeepsChannelCached,
            "Unsubscribe() keeps the channel cached",
            "'{0}' stays in the client's channel cache after Unsubscribe(); the Channel(...) call in '{1}' returns this same instance{2}: {3}, and a second Register<T>() throws. Use Remove(channel).",
            Categories.Reliability,
            DiagnosticSeverity.Warning,
            "Client.Channel(...) hands back the cached channel for a topic until Remove(channel) drops it; Unsubscribe() only "
            + "leaves the channel and keeps it in the cache with its handlers and registrations. When the set-up code runs again on "
            + "it (a resubscribe method, OnEnable after OnDisable, StartAsync after StopAsync, the next instance of a component on a "
            + "shared client): on Realtime 7.1 and later the handlers added first keep running and the ones added again are "
            + "dropped; on 6.0 to 7.0 handlers that are not the same delegate run beside them; on 5.x every handler attached again "
            + "runs once more; and a second Register<T>() throws in every version. Remove the channel from its client instead.");

        /// <summary>
        /// One channel instance is subscribed again: twice on one path, in a loop, from its own state
        /// or error handler, or through two <c>Channel(...)</c> calls that return the same cached instance.
        /// </summary>
        public static readonly DiagnosticDescriptor SRT002 = Create(
            RuleIds.ChannelSubscribedMoreThanOnce,
            "Channel subscribed more than once",
            "'{0}' is subscribed again {1}",
            Categories.Reliability,
            DiagnosticSeverity.Warning,
            "Subscribe() joins the channel instance it is called on. Called again on the same instance (the same variable with no "
                + "Unsubscribe(), Remove(channel) or reassignment in between, a loop around a channel obtained outside it, a state or "
                + "error handler of that channel, or a second Channel(...) call with the same arguments on the same client, in one "
                + "body or on every pass of a loop, which returns the cached instance), it does nothing once the channel has joined (the call returns at once), and sends a "
                + "second join while the first is still in flight, whose replies are handled by the wrong push. A retry from the "
                + "channel's own state or error handler joins again after every close, the code's own Unsubscribe() or Remove() "
                + "included; the client itself rejoins only after a socket reconnect. A postgres_changes registration made after the "
                + "join waits for the next join, which the repeat does not send; a loop that registers a filter per pass on one cached "
                + "channel therefore joins once, with the first pass's filter. Set a channel up, then subscribe it once.");

        /// <summary>SRT010: a change handler that finds no free registration (Realtime 7.1+ pairs each handler with one).</summary>
        public static readonly DiagnosticDescriptor SRT010 = Create(
            RuleIds.UnpairedChangeHandler,
            "Change handler without a free binding",
            "This {0} handler on channel '{1}' {2}",
            Categories.Reliability,
            DiagnosticSeverity.Warning,
            "Since Supabase.Realtime 7.1 every postgres-changes handler takes one registration of the channel: the first free "
                + "one whose event equals its listen type, else the first free one listening to all events (OnPostgresChange registers "
                + "its options first; equal options add none). A handler that finds none is dropped silently and never runs: after "
                + "one Channel(database, schema, table) registration, handlers for INSERT, UPDATE and DELETE; every "
                + "supabase.From<T>().On(...) after the first for one table, which all share that table's cached channel and its one "
                + "registration; a handler added again after RemovePostgresChangeHandler, which removes its whole registration. An "
                + "OnPostgresChange whose handler takes an earlier free registration runs for that registration's table, never for its "
                + "own. And when a change matches the registration of a ListenType.All handler, only that handler runs: a typed handler "
                + "of the same table never does.");

        /// <summary>SRT011: the new record (<c>Model&lt;T&gt;()</c>, <c>Payload.Data.Record</c>) read where only DELETE events arrive.</summary>
        public static readonly DiagnosticDescriptor SRT011 = Create(
            RuleIds.ModelReadForDelete,
            "Model<T>() read for a DELETE event",
            "'{0}' is null for every DELETE event and {1}, so the deleted row is never seen; read '{2}' instead, which holds only the primary key unless the table has REPLICA IDENTITY FULL",
            Categories.Reliability,
            DiagnosticSeverity.Warning,
            "For a DELETE the server sends no new record: PostgresChangesResponse.Model<T>() returns null and Payload.Data.Record is "
                + "null, in every Realtime version. Code that reads them in a Deletes handler, an OnDelete event or a branch that only "
                + "DELETE events reach dereferences null or never removes anything. The deleted row is in OldModel<T>() "
                + "(Payload.Data.OldRecord): its primary key, and the other columns only when the table has REPLICA IDENTITY FULL and "
                + "no row-level security.");

        /// <summary>SRT012: an async realtime handler (async void) whose awaits no catch-all try/catch covers.</summary>
        public static readonly DiagnosticDescriptor SRT012 = Create(
            RuleIds.AsyncHandlerUnguarded,
            "Async realtime handler lets exceptions escape",
            "The async handler {0} is async void and {1}: an exception there is rethrown on the thread pool, where nothing catches it, and terminates the process on .NET Core and .NET 5+; catch and log it inside the handler",
            Categories.Reliability,
            DiagnosticSeverity.Warning,
            "Realtime handlers (PostgresChangesHandler, state, error, message, socket-state, broadcast and presence handlers, and "
                + "the 5.x events) return void, so an async lambda or method given as one is async void: the SDK cannot await it, and an "
                + "exception it throws is rethrown on a thread-pool thread, which terminates the process on .NET Core and .NET 5 and later "
                + "(MAUI included). Wrap the handler's body in try/catch (Exception) and log what it catches.");

        /// <summary>SRT013: the task of <c>Subscribe()</c> is dropped, discarded or never read, so a failed or unanswered join goes unseen.</summary>
        public static readonly DiagnosticDescriptor SRT013 = Create(
            RuleIds.SubscribeNotObserved,
            "Subscribe() task not observed",
            "'{0}.Subscribe()' is not observed: {1}; {2}. Await it.",
            Categories.Reliability,
            DiagnosticSeverity.Warning,
            "Subscribe() returns a task that completes when the server accepts the join. Dropped, discarded, stored and never read, "
                + "or run by a Task.Run nobody awaits, its outcome is lost: on Realtime 6.0 and later a join that gets no reply never "
                + "completes and a refused join faults the task with RealtimeException (5.x: PushTimeoutException and Exception), and "
                + "the code that follows goes on as if the channel had joined. Await the task.");

        /// <summary>SRT014: <c>ConnectAsync()</c> of a client that may already be connected (Realtime 6.0+ opens another socket each call).</summary>
        public static readonly DiagnosticDescriptor SRT014 = Create(
            RuleIds.ConnectWhileConnected,
            "ConnectAsync() on a client that may already be connected",
            "'{0}.ConnectAsync()' {1}, and nothing checks '{0}.Socket' first: on Realtime 6.0 and later every call opens a new socket and never closes the previous one, which stays open with its channels; connect only when '{0}.Socket?.IsConnected' is not true",
            Categories.Reliability,
            DiagnosticSeverity.Warning,
            "From Realtime 6.0, ConnectAsync() creates a new socket on every call and does not close the one before: the old socket "
                + "keeps running, heartbeating and delivering changes to the channels created on it, and Disconnect() later closes only "
                + "the newest. A ConnectAsync() that runs again for the same client (in a loop, an auth-state or socket-state handler, a "
                + "method called from several places, beside another connect of the same client, or after InitializeAsync() of a "
                + "Supabase client created with AutoConnectRealtime = true) therefore leaks a socket each time. Check the client's "
                + "Socket?.IsConnected first. Realtime 5.x returns at once when a socket exists and is not reported.");

        private static DiagnosticDescriptor Create(
            string id,
            string title,
            string messageFormat,
            string category,
            DiagnosticSeverity severity,
            string description,
            params string[] customTags)
            => new DiagnosticDescriptor(
                id,
                title,
                messageFormat,
                category,
                severity,
                isEnabledByDefault: true,
                description: description,
                helpLinkUri: HelpLink(id),
                customTags: customTags);
    }
}
