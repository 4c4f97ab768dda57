using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using SupabaseRealtime.Analyzers.CodeFixes.Editing;
using SupabaseRealtime.Analyzers.Rules;

namespace SupabaseRealtime.Analyzers.CodeFixes.Rules
{
    /// <summary>
    /// SRT001: moves the later auth statement to just before the subscription statement, when both sit
    /// in the same statement list and the auth statement depends on nothing declared or written between
    /// them.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SubscribedBeforeAuthCodeFixProvider)), Shared]
    public sealed class SubscribedBeforeAuthCodeFixProvider : CodeFixProvider
    {
        public const string MoveAuthEquivalenceKey = "SRT001.MoveAuthBeforeSubscribe";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.SubscribedBeforeAuth);

        public override FixAllProvider GetFixAllProvider() => FixAll.ForDocuments(FixDocumentAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!IsMoveFix(diagnostic) || !MoveBeforeFix.TryGetMove(root, model, diagnostic, context.CancellationToken, out _, out _))
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Authenticate before subscribing",
                        cancellationToken => MoveBeforeFix.ApplyAsync(context.Document, new[] { diagnostic }, cancellationToken),
                        MoveAuthEquivalenceKey),
                    diagnostic);
            }
        }

        private static bool IsMoveFix(Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(SubscribedBeforeAuthAnalyzer.FixProperty, out var fix)
                && fix == SubscribedBeforeAuthAnalyzer.MoveAuthFix;

        private static Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
            => equivalenceKey == MoveAuthEquivalenceKey
                ? MoveBeforeFix.ApplyAsync(document, diagnostics.Where(IsMoveFix), cancellationToken)
                : Task.FromResult(document);
    }
}
