using Microsoft.CodeAnalysis;

namespace SupabaseRealtime.Analyzers
{
    /// <summary>The rule IDs. A rule's ID enters here together with its analyzer, never as a placeholder.</summary>
    public static class RuleIds
    {
        public const string SRT002 = "SRT002";
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

        /// <summary>
        /// One channel instance is subscribed again: twice on one path, in a loop, from its own state
        /// or error handler, or through two <c>Channel(...)</c> calls that return the same cached instance.
        /// </summary>
        public static readonly DiagnosticDescriptor SRT002 = Create(
            RuleIds.SRT002,
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
