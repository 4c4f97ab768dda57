using Microsoft.CodeAnalysis;

namespace SupabaseRealtime.Analyzers
{
    /// <summary>The rule IDs. A rule's ID enters here together with its analyzer, never as a placeholder.</summary>
    public static class RuleIds
    {
        public const string SubscriptionNeverReleased = "SRT004";
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
