using Microsoft.CodeAnalysis;

namespace SupabaseRealtime.Analyzers
{
    /// <summary>The rule IDs. A rule's ID enters here together with its analyzer, never as a placeholder.</summary>
    public static class RuleIds
    {
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
