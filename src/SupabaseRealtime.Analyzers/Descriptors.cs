using Microsoft.CodeAnalysis;

namespace SupabaseRealtime.Analyzers
{
    /// <summary>The rule IDs. A rule's ID enters here together with its analyzer, never as a placeholder.</summary>
    public static class RuleIds
    {
        public const string SubscriptionNeverReleased = "SRT004";
        public const string UnsubscribeKeepsChannelCached = "SRT007";
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
