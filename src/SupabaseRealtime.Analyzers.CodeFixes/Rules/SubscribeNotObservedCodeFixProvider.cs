using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using SupabaseRealtime.Analyzers.CodeFixes.Editing;
using SupabaseRealtime.Analyzers.Rules;

namespace SupabaseRealtime.Analyzers.CodeFixes.Rules
{
    /// <summary>
    /// SRT013: awaits the lost task (<c>await channel.Subscribe();</c>, <c>await Task.Run(...)</c>, <c>var t = await ...</c>),
    /// making the enclosing function async when that keeps its signature (<see cref="AsyncFunctions"/>). No fix in a
    /// void function, a constructor or an accessor, for <c>x?.Subscribe()</c>, a <c>ContinueWith</c>, or a local
    /// declared with an explicit type.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SubscribeNotObservedCodeFixProvider)), Shared]
    public sealed class SubscribeNotObservedCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "SRT013.AwaitSubscribe";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.SubscribeNotObserved);

        public override FixAllProvider GetFixAllProvider() => FixAll.ForDocuments((document, diagnostics, key, token) => ApplyAsync(document, diagnostics, token));

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
                if (TryPlan(root, model, diagnostic, context.CancellationToken, out _, out _, out _))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Await the Subscribe() task",
                            cancellationToken => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken),
                            EquivalenceKey),
                        diagnostic);
                }
            }
        }

        /// <summary>The statement to rewrite, its rewritten form, and the function to make async (null when none).</summary>
        private static bool TryPlan(
            SyntaxNode root,
            SemanticModel model,
            Diagnostic diagnostic,
            CancellationToken cancellationToken,
            out StatementSyntax statement,
            out StatementSyntax replacement,
            out SyntaxNode? makeAsync)
        {
            statement = null!;
            replacement = null!;
            makeAsync = null;
            if (!diagnostic.Properties.TryGetValue(SubscribeNotObservedAnalyzer.ShapeProperty, out var shape)
                || diagnostic.AdditionalLocations.Count == 0
                || !(root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax lost))
            {
                return false;
            }

            lost = Outermost(lost, diagnostic.AdditionalLocations[0].SourceSpan);
            if (lost is ConditionalAccessExpressionSyntax
                || root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true).FirstAncestorOrSelf<ConditionalAccessExpressionSyntax>() is { } access
                    && access.Span == diagnostic.Location.SourceSpan)
            {
                // `await x?.Subscribe()` throws when x is null, and so does awaiting a Task.Run whose lambda hands back null: no fix.
                return false;
            }

            var parent = Parenthesized(lost).Parent;
            var awaited = SyntaxFactory.AwaitExpression(lost.WithoutTrivia()).WithTriviaFrom(lost);
            switch (shape)
            {
                case SubscribeNotObservedAnalyzer.StatementShape when parent is ExpressionStatementSyntax expressionStatement:
                    statement = expressionStatement;
                    replacement = expressionStatement.WithExpression(awaited);
                    break;

                case SubscribeNotObservedAnalyzer.DiscardShape when parent is AssignmentExpressionSyntax assignment
                    && assignment.Parent is ExpressionStatementSyntax discardStatement:
                    statement = discardStatement;
                    replacement = discardStatement.WithExpression(awaited.WithTriviaFrom(assignment));
                    break;

                case SubscribeNotObservedAnalyzer.UnreadLocalShape when parent is EqualsValueClauseSyntax value
                    && value.Parent is VariableDeclaratorSyntax declarator
                    && declarator.Parent is VariableDeclarationSyntax declaration
                    && declaration.Type.IsVar
                    && declaration.Variables.Count == 1
                    && declaration.Parent is LocalDeclarationStatementSyntax local
                    && !local.UsingKeyword.IsKind(SyntaxKind.UsingKeyword):
                    statement = local;
                    replacement = local.ReplaceNode(lost, awaited);
                    break;

                default:
                    return false;
            }

            return AsyncFunctions.CanAwaitAt(statement, model, cancellationToken, out makeAsync);
        }

        private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var model = editor.SemanticModel;
            var root = editor.OriginalRoot;
            var functions = new HashSet<SyntaxNode>();
            var statements = new HashSet<SyntaxNode>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (!TryPlan(root, model, diagnostic, cancellationToken, out var statement, out var replacement, out var makeAsync)
                    || !statements.Add(statement))
                {
                    continue;
                }

                editor.ReplaceNode(statement, replacement);
                if (makeAsync != null)
                {
                    functions.Add(makeAsync);
                }
            }

            // Innermost first, so an outer function's rewrite sees the inner one's.
            foreach (var function in functions.OrderByDescending(f => f.SpanStart))
            {
                editor.ReplaceNode(function, (current, generator) => AsyncFunctions.MakeAsync(current));
            }

            return editor.GetChangedDocument();
        }

        /// <summary>The largest expression with exactly this span (FindNode may return an inner node of the same span).</summary>
        private static ExpressionSyntax Outermost(ExpressionSyntax node, Microsoft.CodeAnalysis.Text.TextSpan span)
        {
            while (node.Parent is ExpressionSyntax parent && parent.Span == span)
            {
                node = parent;
            }

            return node;
        }

        private static SyntaxNode Parenthesized(ExpressionSyntax node)
        {
            SyntaxNode current = node;
            while (current.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                current = parenthesized;
            }

            return current;
        }
    }
}
