using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace SupabaseRealtime.Analyzers.CodeFixes.Editing
{
    /// <summary>
    /// Statement-level edits shared by the ordering fixes: find the statements that hold two calls,
    /// check that one may move before the other, move it, or insert a new statement before one.
    /// </summary>
    internal static class StatementEdits
    {
        /// <summary>True when <paramref name="statement"/> sits directly in a block or a switch section.</summary>
        public static bool IsInStatementList(StatementSyntax statement)
            => statement.Parent is BlockSyntax || statement.Parent is SwitchSectionSyntax;

        /// <summary>The statements of the list that holds <paramref name="statement"/>.</summary>
        public static SyntaxList<StatementSyntax> GetList(StatementSyntax statement)
        {
            switch (statement.Parent)
            {
                case BlockSyntax block:
                    return block.Statements;
                case SwitchSectionSyntax section:
                    return section.Statements;
                default:
                    return default;
            }
        }

        /// <summary>
        /// The statement that holds <paramref name="node"/> when it is an expression statement or a
        /// local declaration directly in a statement list, with no lambda or local function between.
        /// </summary>
        public static bool TryGetMovableStatement(SyntaxNode node, out StatementSyntax statement)
        {
            statement = null!;
            for (var current = node; current != null; current = current.Parent)
            {
                if (IsFunctionBoundary(current))
                {
                    return false;
                }

                if (current is StatementSyntax found)
                {
                    if ((found is ExpressionStatementSyntax || found is LocalDeclarationStatementSyntax) && IsInStatementList(found))
                    {
                        statement = found;
                        return true;
                    }

                    return false;
                }
            }

            return false;
        }

        /// <summary>
        /// The statement of <paramref name="mover"/>'s list that holds <paramref name="anchorNode"/> (itself
        /// or an ancestor), in the same function, and before <paramref name="mover"/>.
        /// </summary>
        public static bool TryGetAnchorStatement(StatementSyntax mover, SyntaxNode anchorNode, out StatementSyntax anchor)
        {
            anchor = null!;
            for (var current = anchorNode; current != null; current = current.Parent)
            {
                if (IsFunctionBoundary(current))
                {
                    return false;
                }

                if (current is StatementSyntax statement && statement.Parent == mover.Parent)
                {
                    anchor = statement;
                    return statement != mover && statement.SpanStart < mover.SpanStart;
                }
            }

            return false;
        }

        /// <summary>
        /// The statement before which a new statement can go so that it runs before <paramref name="node"/>:
        /// the innermost statement holding it that sits in a statement list (or is a top-level statement),
        /// in the same function.
        /// </summary>
        public static bool TryGetInsertionStatement(SyntaxNode node, out StatementSyntax statement)
        {
            statement = null!;
            for (var current = node; current != null; current = current.Parent)
            {
                if (IsFunctionBoundary(current))
                {
                    return false;
                }

                if (current is StatementSyntax found && (IsInStatementList(found) || found.Parent is GlobalStatementSyntax))
                {
                    statement = found;
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when an <c>await</c> may be written before <paramref name="statement"/>: its function is
        /// async (or it is a top-level statement) and no <c>lock</c> encloses it.
        /// </summary>
        public static bool CanAwaitAt(StatementSyntax statement)
        {
            for (var current = statement.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case LockStatementSyntax _:
                        return false;
                    case GlobalStatementSyntax _:
                        return true;
                    case AnonymousFunctionExpressionSyntax function:
                        return function.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                    case LocalFunctionStatementSyntax local:
                        return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                    case MethodDeclarationSyntax method:
                        return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                    case MemberDeclarationSyntax _:
                        return false;
                }
            }

            return false;
        }

        /// <summary>
        /// True when moving <paramref name="mover"/> to just before <paramref name="anchor"/> (same list,
        /// anchor first) keeps the meaning of the code: the mover neither reads nor writes a local that
        /// the statements in between declare or write, does not write what they read, and declares no
        /// name they declare.
        /// </summary>
        public static bool CanMove(SemanticModel model, StatementSyntax anchor, StatementSyntax mover, CancellationToken cancellationToken)
        {
            var list = GetList(mover);
            var first = list.IndexOf(anchor);
            var last = list.IndexOf(mover) - 1;
            if (first < 0 || last < first || mover.ContainsDirectives || anchor.ContainsDirectives)
            {
                return false;
            }

            var between = model.AnalyzeDataFlow(list[first], list[last]);
            var moved = model.AnalyzeDataFlow(mover);
            if (between is null || moved is null || !between.Succeeded || !moved.Succeeded)
            {
                return false;
            }

            var changed = new HashSet<ISymbol>(between.VariablesDeclared.Concat(between.WrittenInside), SymbolEqualityComparer.Default);
            if (moved.ReadInside.Any(changed.Contains) || moved.WrittenInside.Any(changed.Contains)
                || moved.WrittenInside.Any(s => between.ReadInside.Contains(s, SymbolEqualityComparer.Default)))
            {
                return false;
            }

            var declaredBetween = new HashSet<string>(between.VariablesDeclared.Select(s => s.Name));
            return !moved.VariablesDeclared.Any(s => declaredBetween.Contains(s.Name));
        }

        /// <summary>Splits leading trivia into the blank lines at its start and the rest (comments, indentation).</summary>
        public static (SyntaxTriviaList Blank, SyntaxTriviaList Remainder) SplitBlankLines(SyntaxTriviaList trivia)
        {
            var end = 0;
            var lineStart = 0;
            for (var i = 0; i < trivia.Count; i++)
            {
                if (trivia[i].IsKind(SyntaxKind.WhitespaceTrivia))
                {
                    continue;
                }

                if (trivia[i].IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    var blank = true;
                    for (var j = lineStart; j < i; j++)
                    {
                        blank &= trivia[j].IsKind(SyntaxKind.WhitespaceTrivia);
                    }

                    if (!blank)
                    {
                        break;
                    }

                    end = i + 1;
                    lineStart = i + 1;
                    continue;
                }

                break;
            }

            return (SyntaxFactory.TriviaList(trivia.Take(end)), SyntaxFactory.TriviaList(trivia.Skip(end)));
        }

        private static bool IsFunctionBoundary(SyntaxNode node)
            => node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax;
    }
}
