using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;

namespace SupabaseRealtime.Analyzers.CodeFixes.Editing
{
    /// <summary>
    /// Fix All providers. <see cref="ForDocuments"/> is for fixes whose edits depend on each other (so batch merging
    /// of single fixes would be wrong): one document at a time, all of its diagnostics at once, for the code action
    /// (equivalence key) Fix All was started from. Supports document, project and solution scope.
    /// <see cref="Batch"/> is the batch fixer for independent single fixes. Both go through <see cref="KeyFinding"/>.
    /// </summary>
    internal static class FixAll
    {
        public static FixAllProvider ForDocuments(Func<Document, ImmutableArray<Diagnostic>, string?, CancellationToken, Task<Document>> fix)
            => new KeyFinding(FixAllProvider.Create(
                async (context, document, diagnostics) => await fix(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false),
                ImmutableArray.Create(FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution)));

        /// <summary>A rule's own Fix All provider, through <see cref="KeyFinding"/>.</summary>
        public static FixAllProvider FindingKey(FixAllProvider inner) => new KeyFinding(inner);

        /// <summary>The framework's batch fixer, through <see cref="KeyFinding"/>.</summary>
        public static FixAllProvider Batch { get; } = new KeyFinding(WellKnownFixAllProviders.BatchFixer);

        /// <summary>
        /// Fix All started without an equivalence key finds the rule's own: <c>dotnet format analyzers</c> with several
        /// IDs picks the first diagnostic of any ID the analyzer reported (one analyzer hosts every rule) to learn the
        /// key, registers this rule's fixes for it, gets none, and so passes no key; every fix would then be skipped.
        /// Here the key is the one this rule's fix offers first for the first of the requested diagnostics.
        /// </summary>
        private sealed class KeyFinding : FixAllProvider
        {
            private readonly FixAllProvider inner;

            public KeyFinding(FixAllProvider inner) => this.inner = inner;

            public override IEnumerable<FixAllScope> GetSupportedFixAllScopes() => inner.GetSupportedFixAllScopes();

            public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
            {
                if (fixAllContext.CodeActionEquivalenceKey != null)
                {
                    return await inner.GetFixAsync(fixAllContext).ConfigureAwait(false);
                }

                var project = fixAllContext.Project;
                var diagnostics = fixAllContext.Document != null && fixAllContext.Scope == FixAllScope.Document
                    ? await fixAllContext.GetDocumentDiagnosticsAsync(fixAllContext.Document).ConfigureAwait(false)
                    : await fixAllContext.GetAllDiagnosticsAsync(project).ConfigureAwait(false);
                foreach (var diagnostic in diagnostics.Where(d => d.Location.IsInSource).OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal).ThenBy(d => d.Location.SourceSpan.Start))
                {
                    var document = project.Solution.GetDocument(diagnostic.Location.SourceTree);
                    if (document is null)
                    {
                        continue;
                    }

                    string? key = null;
                    var context = new CodeFixContext(document, diagnostic, (action, _) => key ??= action.EquivalenceKey, fixAllContext.CancellationToken);
                    await fixAllContext.CodeFixProvider.RegisterCodeFixesAsync(context).ConfigureAwait(false);
                    if (key is null)
                    {
                        continue;
                    }

                    var keyed = new FixAllContext(
                        document,
                        fixAllContext.CodeFixProvider,
                        fixAllContext.Scope,
                        key,
                        fixAllContext.DiagnosticIds,
                        new Delegating(fixAllContext),
                        fixAllContext.CancellationToken);
                    return await inner.GetFixAsync(keyed).ConfigureAwait(false);
                }

                return await inner.GetFixAsync(fixAllContext).ConfigureAwait(false);
            }
        }

        /// <summary>The diagnostics of the original Fix All context.</summary>
        private sealed class Delegating : FixAllContext.DiagnosticProvider
        {
            private readonly FixAllContext original;

            public Delegating(FixAllContext original) => this.original = original;

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Wrap(original.GetAllDiagnosticsAsync(project));

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
                => Wrap(original.GetDocumentDiagnosticsAsync(document));

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Wrap(original.GetProjectDiagnosticsAsync(project));

            private static async Task<IEnumerable<Diagnostic>> Wrap(Task<ImmutableArray<Diagnostic>> diagnostics)
                => await diagnostics.ConfigureAwait(false);
        }
    }
}
