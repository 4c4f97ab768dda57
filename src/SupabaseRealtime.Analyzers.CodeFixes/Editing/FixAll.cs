using System;
using System.Collections.Immutable;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;

namespace SupabaseRealtime.Analyzers.CodeFixes.Editing
{
    /// <summary>
    /// Fix All providers for fixes whose edits depend on each other (so batch merging of single fixes
    /// would be wrong): one document at a time, all of its diagnostics at once, for the code action
    /// (equivalence key) Fix All was started from. Supports document, project and solution scope.
    /// </summary>
    internal static class FixAll
    {
        public static FixAllProvider ForDocuments(Func<Document, ImmutableArray<Diagnostic>, string?, CancellationToken, Task<Document>> fix)
            => FixAllProvider.Create(
                async (context, document, diagnostics) => await fix(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false),
                ImmutableArray.Create(FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution));
    }
}
