using Microsoft.CodeAnalysis;

namespace SupabaseRealtime.Analyzers
{
    /// <summary>The rule IDs. A rule's ID enters here together with its analyzer, never as a placeholder.</summary>
    public static class RuleIds
    {
        public const string SubscribedBeforeAuth = "SRT001";
        public const string ChannelBeforeConnect = "SRT005";
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
