using Microsoft.CodeAnalysis;

namespace SupabaseRealtime.Analyzers
{
    /// <summary>The rule IDs. A rule's ID enters here together with its analyzer, never as a placeholder.</summary>
    public static class RuleIds
    {
        public const string LateOrDuplicateBinding = "SRT006";
        public const string SecretKeyInSource = "SRT008";
        public const string ChannelArgumentsMisplaced = "SRT009";
        public const string UnpairedChangeHandler = "SRT010";
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
