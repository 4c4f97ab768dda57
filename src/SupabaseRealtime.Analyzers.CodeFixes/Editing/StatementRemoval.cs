using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SupabaseRealtime.Analyzers.CodeFixes.Editing
{
    /// <summary>
    /// Removes statements the way a person would: the comments on their own lines above (and inside) a
    /// removed statement stay where it was, at its indentation; the comment at the end of its last line
    /// goes with it. An <c>if</c> without <c>else</c> whose block the removal leaves empty, and whose
    /// condition has no side effects (names, member reads, literals, operators, type tests), goes too,
    /// and so on outwards. A statement with preprocessor directives in it is removed as before (trivia
    /// and all, keeping unbalanced directives), and leaves its guard.
    /// </summary>
    internal static class StatementRemoval
    {
        /// <summary>The nodes that go when <paramref name="statements"/> go: the statements, or the empty guards around them.</summary>
        public static List<StatementSyntax> Expand(IEnumerable<StatementSyntax> statements)
        {
            var removed = new HashSet<StatementSyntax>(statements);
            var changed = true;
            while (changed)
            {
                changed = false;
                foreach (var block in removed.Select(s => s.Parent).OfType<BlockSyntax>().Distinct().ToList())
                {
                    if (block.Parent is IfStatementSyntax guard && guard.Else is null && guard.Statement == block
                        && guard.Parent is BlockSyntax && !guard.ContainsDirectives
                        && block.Statements.All(s => removed.Contains(s)) && IsFreeOfSideEffects(guard.Condition))
                    {
                        foreach (var statement in block.Statements)
                        {
                            removed.Remove(statement);
                        }

                        removed.Add(guard);
                        changed = true;
                        break;
                    }
                }
            }

            return removed.OrderBy(s => s.SpanStart).ToList();
        }

        /// <summary>
        /// False when removing <paramref name="statements"/> would leave an empty block behind an <c>if</c> or
        /// <c>else</c> that cannot go with them (a condition with side effects, an <c>else</c> branch,
        /// directives): a fix should then not be offered rather than leave <c>if (...) { }</c>.
        /// </summary>
        public static bool LeavesNoEmptyGuard(IEnumerable<StatementSyntax> statements)
        {
            var removed = new HashSet<StatementSyntax>(Expand(statements));
            foreach (var block in removed.Select(s => s.Parent).OfType<BlockSyntax>().Distinct())
            {
                if ((block.Parent is IfStatementSyntax || block.Parent is ElseClauseSyntax) && block.Statements.All(s => removed.Contains(s)))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>Removes <paramref name="statements"/> (each directly in a block), with the empty guards <see cref="Expand"/> finds.</summary>
        public static SyntaxNode Remove(SyntaxNode root, IEnumerable<StatementSyntax> statements)
        {
            var requested = statements.ToList();
            var nodes = Expand(requested);
            if (nodes.Count == 0)
            {
                return root;
            }

            var newLine = SyntaxFactory.EndOfLine(TeardownEditing.NewLine(root));

            // The comments each removed node leaves, gathered on the next token that stays.
            var kept = new Dictionary<SyntaxToken, List<SyntaxTrivia>>();
            foreach (var node in nodes.Where(n => !n.ContainsDirectives))
            {
                var comments = KeptComments(node, requested);
                if (comments.Count == 0)
                {
                    continue;
                }

                var next = node.GetLastToken().GetNextToken();
                while (nodes.Any(n => n.FullSpan.Contains(next.SpanStart)))
                {
                    next = next.GetNextToken();
                }

                var (blank, rest) = StatementEdits.SplitBlankLines(node.GetLeadingTrivia());
                var indentation = rest.Count > 0 && rest[rest.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia) ? rest[rest.Count - 1] : default;
                if (!kept.TryGetValue(next, out var list))
                {
                    kept[next] = list = new List<SyntaxTrivia>();
                }

                if (list.Count == 0)
                {
                    list.AddRange(blank);
                }

                foreach (var comment in comments)
                {
                    if (indentation != default)
                    {
                        list.Add(indentation);
                    }

                    list.Add(comment);
                    list.Add(newLine);
                }
            }

            var tracked = root.TrackNodes(nodes);
            if (kept.Count > 0)
            {
                var tokens = kept.Keys.Select(t => tracked.FindToken(t.SpanStart)).ToList();
                tracked = tracked.ReplaceTokens(tokens, (original, rewritten) =>
                {
                    var match = kept.First(k => k.Key.SpanStart == original.SpanStart).Value;
                    return rewritten.WithLeadingTrivia(match.Concat(rewritten.LeadingTrivia));
                });
            }

            var current = nodes.Select(n => tracked.GetCurrentNode(n)).Where(n => n != null).Cast<SyntaxNode>().ToList();
            return tracked.RemoveNodes(current, StatementEditing.RemoveOptions) ?? tracked;
        }

        /// <summary>The comments of <paramref name="node"/> except those at the end of its last line and of the removed statements' last lines.</summary>
        private static List<SyntaxTrivia> KeptComments(StatementSyntax node, List<StatementSyntax> requested)
        {
            var endOfLine = new HashSet<SyntaxTrivia>(node.GetLastToken().TrailingTrivia);
            foreach (var statement in requested.Where(r => node.FullSpan.Contains(r.FullSpan)))
            {
                endOfLine.UnionWith(statement.GetLastToken().TrailingTrivia);
            }

            return node.DescendantTrivia(descendIntoTrivia: false)
                .Where(t => IsComment(t) && !endOfLine.Contains(t))
                .ToList();
        }

        private static bool IsComment(SyntaxTrivia trivia)
            => trivia.IsKind(SyntaxKind.SingleLineCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineCommentTrivia)
                || trivia.IsKind(SyntaxKind.SingleLineDocumentationCommentTrivia) || trivia.IsKind(SyntaxKind.MultiLineDocumentationCommentTrivia);

        /// <summary>
        /// True for conditions that only read: names, member reads (also <c>?.</c>), literals, unary and binary
        /// operators, casts, <c>is</c> type and constant patterns. No calls, assignments, indexers, awaits, or
        /// declared variables.
        /// </summary>
        public static bool IsFreeOfSideEffects(ExpressionSyntax expression)
        {
            switch (expression)
            {
                case IdentifierNameSyntax _:
                case ThisExpressionSyntax _:
                case LiteralExpressionSyntax _:
                case DefaultExpressionSyntax _:
                case TypeOfExpressionSyntax _:
                case PredefinedTypeSyntax _:
                case QualifiedNameSyntax _:
                case MemberBindingExpressionSyntax _:
                    return true;
                case MemberAccessExpressionSyntax access:
                    return access.IsKind(SyntaxKind.SimpleMemberAccessExpression) && IsFreeOfSideEffects(access.Expression);
                case ConditionalAccessExpressionSyntax conditional:
                    return IsFreeOfSideEffects(conditional.Expression) && IsFreeOfSideEffects(conditional.WhenNotNull);
                case ParenthesizedExpressionSyntax parenthesized:
                    return IsFreeOfSideEffects(parenthesized.Expression);
                case PrefixUnaryExpressionSyntax unary:
                    return (unary.IsKind(SyntaxKind.LogicalNotExpression) || unary.IsKind(SyntaxKind.UnaryMinusExpression)
                            || unary.IsKind(SyntaxKind.UnaryPlusExpression) || unary.IsKind(SyntaxKind.BitwiseNotExpression))
                        && IsFreeOfSideEffects(unary.Operand);
                case PostfixUnaryExpressionSyntax suppress when suppress.IsKind(SyntaxKind.SuppressNullableWarningExpression):
                    return IsFreeOfSideEffects(suppress.Operand);
                case BinaryExpressionSyntax binary:
                    return IsFreeOfSideEffects(binary.Left)
                        && (binary.Right is TypeSyntax || IsFreeOfSideEffects(binary.Right));
                case CastExpressionSyntax cast:
                    return IsFreeOfSideEffects(cast.Expression);
                case IsPatternExpressionSyntax pattern:
                    return IsFreeOfSideEffects(pattern.Expression) && IsFreeOfSideEffects(pattern.Pattern);
                default:
                    return false;
            }
        }

        private static bool IsFreeOfSideEffects(PatternSyntax pattern)
        {
            switch (pattern)
            {
                case ConstantPatternSyntax constant:
                    return IsFreeOfSideEffects(constant.Expression);
                case TypePatternSyntax _:
                    return true;
                case RelationalPatternSyntax relational:
                    return IsFreeOfSideEffects(relational.Expression);
                case UnaryPatternSyntax not:
                    return IsFreeOfSideEffects(not.Pattern);
                case BinaryPatternSyntax binary:
                    return IsFreeOfSideEffects(binary.Left) && IsFreeOfSideEffects(binary.Right);
                case ParenthesizedPatternSyntax parenthesized:
                    return IsFreeOfSideEffects(parenthesized.Pattern);
                case RecursivePatternSyntax recursive:
                    return recursive.Designation is null
                        && (recursive.PropertyPatternClause?.Subpatterns.All(s => IsFreeOfSideEffects(s.Pattern)) ?? true)
                        && (recursive.PositionalPatternClause is null);
                default:
                    return false;
            }
        }
    }
}
