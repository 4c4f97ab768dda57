using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using SupabaseRealtime.Analyzers.CodeFixes.Editing;
using SupabaseRealtime.Analyzers.Rules;

namespace SupabaseRealtime.Analyzers.CodeFixes.Rules
{
    /// <summary>
    /// SRT006 fixes: a binding added after <c>Subscribe()</c> moves before the first statement of the same
    /// list that subscribes the channel; a repeated registration, or a second broadcast / presence
    /// registration, is removed when it is a whole statement whose value is unused. Fix All applies every
    /// move (or removal) of a document in one edit, so several statements can move before one Subscribe.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(LateOrDuplicateBindingCodeFixProvider)), Shared]
    public sealed class LateOrDuplicateBindingCodeFixProvider : CodeFixProvider
    {
        internal const string MoveKey = "SRT006.MoveBeforeSubscribe";
        internal const string RemoveKey = "SRT006.RemoveDuplicate";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.LateOrDuplicateBinding);

        public override FixAllProvider GetFixAllProvider()
            => FixAll.FindingKey(FixAllProvider.Create(async (context, document, diagnostics)
                => (Document?)await ApplyAsync(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false)));

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
                var key = KeyOf(diagnostic);
                if (key is null || Plan(root, model, diagnostic) is null)
                {
                    continue;
                }

                var title = key == MoveKey ? "Move before the first Subscribe()" : "Remove the duplicate registration";
                context.RegisterCodeFix(
                    CodeAction.Create(title, cancellationToken => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), key, cancellationToken), key),
                    diagnostic);
            }
        }

        private static string? KeyOf(Diagnostic diagnostic)
        {
            diagnostic.Properties.TryGetValue(LateOrDuplicateBindingAnalyzer.FixProperty, out var fix);
            return fix == LateOrDuplicateBindingAnalyzer.MoveFix ? MoveKey
                : fix == LateOrDuplicateBindingAnalyzer.RemoveFix ? RemoveKey
                : null;
        }

        /// <summary>The statement to move or remove, and for a move the statement to put it before.</summary>
        private static (StatementSyntax Statement, StatementSyntax? Before)? Plan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var statement = StatementMoves.StatementInList(node);
            if (statement is null)
            {
                return null;
            }

            if (KeyOf(diagnostic) == RemoveKey)
            {
                return statement is ExpressionStatementSyntax expression && expression.Expression is InvocationExpressionSyntax
                    ? (statement, null)
                    : ((StatementSyntax, StatementSyntax?)?)null;
            }

            if (!diagnostic.Properties.TryGetValue(LateOrDuplicateBindingAnalyzer.MoveBeforeProperty, out var position)
                || !int.TryParse(position, NumberStyles.Integer, CultureInfo.InvariantCulture, out var start))
            {
                return null;
            }

            var target = StatementMoves.Siblings(statement).FirstOrDefault(s => s.SpanStart == start);
            return target != null && StatementMoves.CanMoveBefore(model, statement, target) ? (statement, target) : null;
        }

        private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? key, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var done = new HashSet<StatementSyntax>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (KeyOf(diagnostic) != key || !(Plan(root, model, diagnostic) is { } plan) || !done.Add(plan.Statement))
                {
                    continue;
                }

                editor.RemoveNode(StatementMoves.ListItem(plan.Statement), SyntaxRemoveOptions.KeepNoTrivia);
                if (plan.Before != null)
                {
                    editor.InsertBefore(
                        StatementMoves.ListItem(plan.Before),
                        StatementMoves.AsListItemLike(StatementMoves.WithoutLeadingBlankLines(plan.Statement), plan.Before));
                }
            }

            return editor.GetChangedDocument();
        }
    }
}
