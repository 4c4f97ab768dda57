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
                + "Register<TBroadcast> or Register<TPresence> made after Subscribe() is never sent (Realtime 7.x ignores it, "
                + "later releases throw); a Register of options the channel already has duplicates the binding, so every event "
                + "arrives twice; a second Register<TBroadcast> or Register<TPresence> throws InvalidOperationException.");

        /// <summary>A service-role JWT or an <c>sb_secret_</c> key written into C# source.</summary>
        public static readonly DiagnosticDescriptor SRT008 = Create(
            RuleIds.SecretKeyInSource,
            "Secret Supabase key in source",
            "This string is a Supabase service-role key; it bypasses row-level security. Load it from configuration or an environment variable, and never ship it in client code.",
            Categories.Security,
            DiagnosticSeverity.Error,
            "A Supabase service-role key (a JWT whose role is service_role or supabase_admin) or a new-format secret key (sb_secret_...) "
            + "bypasses row-level security. Compiled into an application it can be read back from the binary by anyone who has it, "
            + "which hands them the whole database. Keep secret keys on the server, in configuration or environment variables; "
            + "client code uses the anon or publishable key.");

        /// <summary>A realtime client's Channel(...) call whose arguments the SDK silently misreads.</summary>
        public static readonly DiagnosticDescriptor SRT009 = Create(
            RuleIds.ChannelArgumentsMisplaced,
            "Channel() arguments misplaced",
            "Channel() arguments misplaced: {0}",
            Categories.Usage,
            DiagnosticSeverity.Warning,
            "Channel(database, schema, table, column, value) builds the filter 'column=eq.value' itself, and only when both column and value "
            + "are non-null; a filter written into column, a column without a value (or a value without a column), or another operator "
            + "written into value is dropped or misread without any error, so every row of the table streams in or none matches. "
            + "Channel(name) prefixes the name with 'realtime:' itself, so a name that already starts with it gives the topic 'realtime:realtime:...'.");

        /// <summary>SRT001: a channel joins while the client still holds the anon key, because auth happens later.</summary>
        public static readonly DiagnosticDescriptor SRT001 = Create(
            RuleIds.SubscribedBeforeAuth,
            "Channel subscribed before realtime auth",
            "Channel '{0}' is subscribed before '{1}' authenticates the realtime client; it joins with the anon key and row-level security rejects or filters it",
            Categories.Reliability,
            DiagnosticSeverity.Warning,
            "The join message carries the access token the realtime client holds when Subscribe() runs. A channel subscribed before "
            + "SetAuth or a sign-in joins as 'anon': row-level security rejects the join or filters every row out, and signing in later "
            + "does not re-run the join. Authenticate first, then subscribe.");

        /// <summary>SRT005: <c>Channel(...)</c> runs while the socket is not connected, and throws.</summary>
        public static readonly DiagnosticDescriptor SRT005 = Create(
            RuleIds.ChannelBeforeConnect,
            "Channel created before the socket connects",
            "Channel '{0}' is created before the socket of '{1}' connects ({2}); Channel() throws \"Socket must exist, was `Connect` called?\"",
            Categories.Reliability,
            DiagnosticSeverity.Warning,
            "Client.Channel(...) needs a connected socket and throws \"Socket must exist, was `Connect` called?\" otherwise. Connect the "
            + "realtime client first (await ConnectAsync(), or InitializeAsync() on a Supabase client created with AutoConnectRealtime = true).");

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
            + "and no member of the type unsubscribes it, removes it from its client or disconnects the client. The channel, its "
            + "socket and its handlers outlive the instance, and with a shared client the next instance gets the stale cached "
            + "channel back. Release it in the type's teardown (Dispose, OnDestroy, StopAsync, ...), and make sure that teardown "
            + "is actually called.");

        /// <summary>SRT007: Unsubscribe() leaves the channel in the client's cache while the same set-up runs again on it.</summary>
        public static readonly DiagnosticDescriptor SRT007 = Create(
            RuleIds.UnsubscribeKeepsChannelCached,
            "Unsubscribe() keeps the channel cached",
            "'{0}' stays in the client's channel cache after Unsubscribe(); the Channel(...) call in '{1}' returns this same instance{2}, so its handlers and registrations pile up. Use Remove(channel).",
            Categories.Reliability,
            DiagnosticSeverity.Warning,
            "Client.Channel(...) hands back the cached channel for a topic until Remove(channel) drops it; Unsubscribe() only "
            + "leaves the channel and keeps it in the cache with its handlers and registrations. When the set-up code that adds "
            + "handlers or registrations runs again (a resubscribe method, OnEnable after OnDisable, StartAsync after StopAsync, "
            + "the next instance of a component on a shared client), it gets the old instance back: handlers run twice and "
            + "Register<T>() throws. Remove the channel from its client instead.");

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
            "Subscribe() sends a join for the channel instance it is called on. Calling it again on the same instance "
                + "(the same variable with no Unsubscribe(), Remove(channel) or reassignment in between, a loop around a channel "
                + "obtained outside it, a state or error handler of that channel, or a second Channel(...) call with the same "
                + "arguments on the same client, which returns the cached instance) sends another join while the first may still "
                + "be in flight, re-runs set-up on the old instance and, for retries from handlers, fights the client's own rejoin. "
                + "Subscribe each channel once; let the client rejoin, or Remove(channel) and create it again.");

        /// <summary>SRT010: a change handler that finds no free registration (Realtime 7.1+ pairs each handler with one).</summary>
        public static readonly DiagnosticDescriptor SRT010 = Create(
            RuleIds.UnpairedChangeHandler,
            "Change handler without a free binding",
            "This {0} handler never runs: channel '{1}' has no free registration for it ({2})",
            Categories.Reliability,
            DiagnosticSeverity.Warning,
            "Since Supabase.Realtime 7.1 every AddPostgresChangeHandler takes one registration of the channel: the first free "
                + "one whose event equals its listen type, else the first free one listening to all events. A handler that finds "
                + "none is dropped silently and never runs, as when one Channel(database, schema, table) registration is followed "
                + "by handlers for INSERT, UPDATE and DELETE.");

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
