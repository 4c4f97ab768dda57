using Microsoft.CodeAnalysis;

namespace SupabaseRealtime.Analyzers
{
    /// <summary>The rule IDs. A rule's ID enters here together with its analyzer, never as a placeholder.</summary>
    public static class RuleIds
    {
        public const string SecretKeyInSource = "SRT008";
        public const string ChannelArgumentsMisplaced = "SRT009";

        public const string SubscribedBeforeAuth = "SRT001";
        public const string ChannelBeforeConnect = "SRT005";

        public const string SRT003 = "SRT003";
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
            RuleIds.SRT003,
            "Update where an upsert is needed in a change handler",
            "Change handler for '{0}' receives INSERT events but applies them with {1}; the row does not exist locally yet. Use {2}.",
            Categories.Reliability,
            DiagnosticSeverity.Warning,
            "A postgres-changes handler whose listen type lets INSERT events through applies a change with an update-only "
            + "method (Update, UpdateAsync) although the store offers an insert-or-update one. An inserted row does not exist "
            + "in the local store or mirror table yet, so Update changes nothing (Postgrest's Update is a PATCH by primary key) "
            + "or throws 'not found'. Use Upsert, InsertOrReplace, AddOrUpdate or Put, or apply Update only in a branch that "
            + "INSERT events cannot reach.");

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
