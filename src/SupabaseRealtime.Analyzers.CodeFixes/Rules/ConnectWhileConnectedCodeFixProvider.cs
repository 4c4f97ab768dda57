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
    /// SRT014: puts the connect statement behind a look at the socket, with the property names of the referenced SDK:
    /// <c>if (client.Socket?.IsConnected != true) { await client.ConnectAsync(); }</c>. Offered when the call is a statement of
    /// its own (its result unused) and the client's type has a <c>Socket</c> property whose type has a bool <c>IsConnected</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ConnectWhileConnectedCodeFixProvider)), Shared]
    public sealed class ConnectWhileConnectedCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "SRT014.GuardConnect";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ConnectWhileConnected);

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
                if (TryPlan(root, model, diagnostic, context.CancellationToken, out _, out var guard))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            $"Connect only when '{guard}' is not true",
                            cancellationToken => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken),
                            EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static bool TryPlan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken, out ExpressionStatementSyntax statement, out string guard)
        {
            statement = null!;
            guard = string.Empty;
            if (!(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax invocation)
                || !(invocation.Expression is MemberAccessExpressionSyntax access)
                || access.Expression.DescendantNodesAndSelf().Any(n => n is InvocationExpressionSyntax || n is ConditionalAccessExpressionSyntax || n is ElementAccessExpressionSyntax)
                || !(StatementEditing.WholeStatementOf(invocation) is ExpressionStatementSyntax whole)
                || !(model.GetTypeInfo(access.Expression, cancellationToken).Type is ITypeSymbol clientType))
            {
                return false;
            }

            var socket = FindProperty(clientType, ConnectWhileConnectedAnalyzer.SocketProperty);
            var isConnected = socket is null ? null : FindProperty(socket.Type, ConnectWhileConnectedAnalyzer.IsConnectedProperty);
            if (socket is null || isConnected is null || isConnected.Type.SpecialType != SpecialType.System_Boolean || socket.Type.IsValueType)
            {
                return false;
            }

            statement = whole;
            guard = access.Expression.WithoutTrivia().ToString() + "." + socket.Name + "?." + isConnected.Name;
            return true;
        }

        private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var plans = new Dictionary<ExpressionStatementSyntax, string>();
            foreach (var diagnostic in diagnostics)
            {
                if (TryPlan(root, model, diagnostic, cancellationToken, out var statement, out var guard) && !plans.ContainsKey(statement))
                {
                    plans.Add(statement, guard);
                }
            }

            if (plans.Count == 0)
            {
                return document;
            }

            var newRoot = root.ReplaceNodes(plans.Keys, (original, _) => Guarded(original, plans[original]));
            return document.WithSyntaxRoot(newRoot);
        }

        /// <summary><c>if (guard != true) { statement }</c> at the statement's indentation, its leading comments kept above the <c>if</c>.</summary>
        private static StatementSyntax Guarded(ExpressionStatementSyntax statement, string guard)
        {
            var leading = statement.GetLeadingTrivia();
            var indent = leading.LastOrDefault(t => t.IsKind(SyntaxKind.WhitespaceTrivia)).ToString();
            var endOfLine = statement.GetTrailingTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToString();
            if (endOfLine.Length == 0)
            {
                endOfLine = "\n";
            }

            var text = "if (" + guard + " != true)" + endOfLine
                + indent + "{" + endOfLine
                + indent + "    " + statement.WithoutLeadingTrivia().ToFullString().TrimEnd('\r', '\n') + endOfLine
                + indent + "}" + endOfLine;
            return SyntaxFactory.ParseStatement(text).WithLeadingTrivia(leading);
        }

        private static IPropertySymbol? FindProperty(ITypeSymbol? type, string name)
        {
            if (type is null)
            {
                return null;
            }

            var candidates = new List<ITypeSymbol>();
            for (var current = type; current != null; current = current.BaseType)
            {
                candidates.Add(current);
            }

            candidates.AddRange(type.AllInterfaces);
            if (type is ITypeParameterSymbol parameter)
            {
                candidates.AddRange(parameter.ConstraintTypes);
            }

            foreach (var candidate in candidates)
            {
                foreach (var member in candidate.GetMembers(name))
                {
                    if (member is IPropertySymbol property && !property.IsStatic && !property.IsIndexer && property.GetMethod != null)
                    {
                        return property;
                    }
                }
            }

            return null;
        }
    }
}
