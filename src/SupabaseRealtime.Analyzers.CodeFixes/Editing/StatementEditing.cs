using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SupabaseRealtime.Analyzers.CodeFixes.Editing
{
    /// <summary>Finding and removing statements that consist of one call.</summary>
    internal static class StatementEditing
    {
        /// <summary>How removed statements leave their trivia: gone, except unbalanced preprocessor directives.</summary>
        public const SyntaxRemoveOptions RemoveOptions = SyntaxRemoveOptions.KeepUnbalancedDirectives;

        /// <summary>
        /// The statement <paramref name="invocation"/> is the whole of, when it sits directly in a block:
        /// <c>x.M();</c>, <c>await x.M();</c>, <c>await x.M().ConfigureAwait(false);</c>, <c>_ = x.M();</c>
        /// (parentheses allowed). Null otherwise (an embedded statement, a value that is used, <c>?.</c>).
        /// </summary>
        public static ExpressionStatementSyntax? WholeStatementOf(InvocationExpressionSyntax? invocation)
        {
            if (invocation is null)
            {
                return null;
            }

            SyntaxNode current = SkipParentheses(invocation);
            if (current.Parent is MemberAccessExpressionSyntax access && access.Expression == current
                && access.Name.Identifier.ValueText == "ConfigureAwait"
                && access.Parent is InvocationExpressionSyntax configure && configure.Expression == access)
            {
                current = SkipParentheses(configure);
            }

            if (current.Parent is AwaitExpressionSyntax awaited)
            {
                current = SkipParentheses(awaited);
            }

            if (current.Parent is AssignmentExpressionSyntax assignment && assignment.IsKind(SyntaxKind.SimpleAssignmentExpression)
                && assignment.Right == current && assignment.Left is IdentifierNameSyntax discard && discard.Identifier.ValueText == "_")
            {
                current = assignment;
            }

            return current.Parent is ExpressionStatementSyntax statement && statement.Parent is BlockSyntax ? statement : null;
        }

        /// <summary>Removes <paramref name="statements"/> from <paramref name="root"/> with <see cref="RemoveOptions"/>.</summary>
        public static SyntaxNode RemoveStatements(SyntaxNode root, IEnumerable<SyntaxNode> statements)
            => root.RemoveNodes(statements, RemoveOptions) ?? root;

        private static SyntaxNode SkipParentheses(SyntaxNode node)
        {
            while (node.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                node = parenthesized;
            }

            return node;
        }
    }
}
