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
using SupabaseRealtime.Analyzers.CodeFixes.Editing;
using SupabaseRealtime.Analyzers.Rules;

namespace SupabaseRealtime.Analyzers.CodeFixes.Rules
{
    /// <summary>
    /// SRT002: removes the redundant <c>Subscribe()</c> statement. When the second subscription came from
    /// another <c>Channel(...)</c> call with the same arguments held in its own local, that local's
    /// declaration goes too and its uses take the first local, provided the result still compiles and
    /// every replaced name binds to the first local; otherwise only the statement is removed.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ChannelSubscribedMoreThanOnceCodeFixProvider)), Shared]
    public sealed class ChannelSubscribedMoreThanOnceCodeFixProvider : CodeFixProvider
    {
        /// <summary>The one equivalence key of the fix (with or without merging the variables), so Fix All takes both.</summary>
        public const string EquivalenceKey = "SRT002.RemoveRedundantSubscribe";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.ChannelSubscribedMoreThanOnce);

        public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(ChannelSubscribedMoreThanOnceAnalyzer.FixProperty, out var fix) || fix is null)
                {
                    continue;
                }

                var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
                var statement = StatementEditing.WholeStatementOf(invocation);
                if (invocation is null || statement is null)
                {
                    continue;
                }

                if (fix == ChannelSubscribedMoreThanOnceAnalyzer.FixMerge
                    && diagnostic.Properties.TryGetValue(ChannelSubscribedMoreThanOnceAnalyzer.FirstProperty, out var first) && first != null)
                {
                    var merged = await TryMergeAsync(document, root, invocation, statement, first, context.CancellationToken).ConfigureAwait(false);
                    if (merged != null)
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create(
                                $"Use '{first}' instead of '{merged.Value.Second}' and remove the redundant Subscribe()",
                                _ => Task.FromResult(merged.Value.Document),
                                EquivalenceKey),
                            diagnostic);
                        continue;
                    }
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        "Remove the redundant Subscribe()",
                        _ => Task.FromResult(document.WithSyntaxRoot(StatementEditing.RemoveStatements(root, new[] { statement }))),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        /// <summary>
        /// Removes the statement and the second local's declaration, and renames the second local's other uses
        /// to <paramref name="firstName"/>; null unless the result compiles and each renamed use binds to the first local.
        /// </summary>
        private static async Task<(Document Document, string Second)?> TryMergeAsync(
            Document document, SyntaxNode root, InvocationExpressionSyntax invocation, ExpressionStatementSyntax statement, string firstName, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null || !(invocation.Expression is MemberAccessExpressionSyntax access))
            {
                return null;
            }

            var receiver = access.Expression;
            while (receiver is ParenthesizedExpressionSyntax parenthesized)
            {
                receiver = parenthesized.Expression;
            }

            if (!(model.GetSymbolInfo(receiver, cancellationToken).Symbol is ILocalSymbol second) || second.Name == firstName)
            {
                return null;
            }

            var firstLocal = model.LookupSymbols(invocation.SpanStart, name: firstName).OfType<ILocalSymbol>().FirstOrDefault();
            if (firstLocal is null
                || !(Declarator(firstLocal, cancellationToken) is VariableDeclaratorSyntax firstDeclarator)
                || !(Declarator(second, cancellationToken) is VariableDeclaratorSyntax secondDeclarator)
                || !(secondDeclarator.Parent is VariableDeclarationSyntax declaration) || declaration.Variables.Count != 1
                || !(declaration.Parent is LocalDeclarationStatementSyntax declarationStatement)
                || declarationStatement.Modifiers.Count != 0 || declarationStatement.UsingKeyword != default
                || !(declarationStatement.Parent is BlockSyntax scope))
            {
                return null;
            }

            var member = (SyntaxNode?)scope.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? scope;
            if (model.GetDiagnostics(member.Span, cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                return null;
            }

            var uses = scope.DescendantNodes()
                .OfType<IdentifierNameSyntax>()
                .Where(name => name.Identifier.ValueText == second.Name
                    && !statement.Span.Contains(name.Span)
                    && !declarationStatement.Span.Contains(name.Span)
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, second))
                .ToList();

            var useMark = new SyntaxAnnotation();
            var firstMark = new SyntaxAnnotation();
            var memberMark = new SyntaxAnnotation();
            var removeMark = new SyntaxAnnotation();
            var targets = new List<SyntaxNode>(uses) { firstDeclarator, member, statement, declarationStatement };
            var edited = root.ReplaceNodes(targets, (original, rewritten) =>
            {
                if (original is IdentifierNameSyntax use && uses.Contains(use))
                {
                    return SyntaxFactory.IdentifierName(firstName).WithTriviaFrom(rewritten).WithAdditionalAnnotations(useMark);
                }

                if (original == firstDeclarator)
                {
                    return rewritten.WithAdditionalAnnotations(firstMark);
                }

                if (original == member)
                {
                    return rewritten.WithAdditionalAnnotations(memberMark);
                }

                return rewritten.WithAdditionalAnnotations(removeMark);
            });
            edited = StatementEditing.RemoveStatements(edited, edited.GetAnnotatedNodes(removeMark).ToList());

            // Verify: the member still compiles, and every renamed use is the first local.
            var changed = document.WithSyntaxRoot(edited);
            var changedRoot = await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var changedModel = await changed.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var changedMember = changedRoot?.GetAnnotatedNodes(memberMark).FirstOrDefault();
            if (changedRoot is null || changedModel is null || changedMember is null
                || changedModel.GetDiagnostics(changedMember.Span, cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                return null;
            }

            foreach (var use in changedRoot.GetAnnotatedNodes(useMark))
            {
                if (!(changedModel.GetSymbolInfo(use, cancellationToken).Symbol is ILocalSymbol bound)
                    || !(Declarator(bound, cancellationToken) is VariableDeclaratorSyntax boundDeclarator)
                    || !boundDeclarator.HasAnnotation(firstMark))
                {
                    return null;
                }
            }

            return (changed, second.Name);
        }

        private static VariableDeclaratorSyntax? Declarator(ILocalSymbol local, CancellationToken cancellationToken)
        {
            var references = local.DeclaringSyntaxReferences;
            return references.Length == 1 ? references[0].GetSyntax(cancellationToken) as VariableDeclaratorSyntax : null;
        }
    }
}
