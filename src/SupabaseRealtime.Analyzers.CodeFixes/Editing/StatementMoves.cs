using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SupabaseRealtime.Analyzers.CodeFixes.Editing
{
    /// <summary>Statement-level edits shared by the fixes: finding a statement in its list, moving it, and its trivia.</summary>
    internal static class StatementMoves
    {
        /// <summary>
        /// The nearest statement around <paramref name="node"/> that sits directly in a statement list (a
        /// block, a switch section, or the top-level statements of a file); null when a lambda comes first.
        /// </summary>
        public static StatementSyntax? StatementInList(SyntaxNode node)
        {
            for (var current = node; current != null; current = current.Parent)
            {
                if (current is StatementSyntax statement
                    && (statement.Parent is BlockSyntax || statement.Parent is SwitchSectionSyntax || statement.Parent is GlobalStatementSyntax))
                {
                    return statement;
                }

                if (current is AnonymousFunctionExpressionSyntax || current is LocalFunctionStatementSyntax || current is MemberDeclarationSyntax)
                {
                    return null;
                }
            }

            return null;
        }

        /// <summary>The statements of the list holding <paramref name="statement"/>.</summary>
        public static IReadOnlyList<StatementSyntax> Siblings(StatementSyntax statement)
            => statement.Parent switch
            {
                BlockSyntax block => block.Statements,
                SwitchSectionSyntax section => section.Statements,
                GlobalStatementSyntax global when global.Parent is CompilationUnitSyntax unit
                    => unit.Members.OfType<GlobalStatementSyntax>().Select(g => g.Statement).ToList(),
                _ => new List<StatementSyntax>(),
            };

        /// <summary>The node that stands for the statement in its list: the statement, or its <c>GlobalStatementSyntax</c>.</summary>
        public static SyntaxNode ListItem(StatementSyntax statement)
            => statement.Parent is GlobalStatementSyntax global ? global : statement;

        /// <summary><paramref name="statement"/> ready to stand in the same kind of list as <paramref name="sibling"/>.</summary>
        public static SyntaxNode AsListItemLike(StatementSyntax statement, StatementSyntax sibling)
            => sibling.Parent is GlobalStatementSyntax ? SyntaxFactory.GlobalStatement(statement) : statement;

        /// <summary>
        /// True when <paramref name="moved"/> can run before <paramref name="target"/> (an earlier statement of
        /// the same list) with the same meaning: nothing it reads is declared or written from
        /// <paramref name="target"/> up to it.
        /// </summary>
        public static bool CanMoveBefore(SemanticModel model, StatementSyntax moved, StatementSyntax target)
        {
            var siblings = Siblings(moved);
            var from = IndexOf(siblings, target);
            var to = IndexOf(siblings, moved);
            if (from < 0 || to <= from)
            {
                return false;
            }

            var reads = model.AnalyzeDataFlow(moved);
            var between = model.AnalyzeDataFlow(siblings[from], siblings[to - 1]);
            if (reads is null || between is null || !reads.Succeeded || !between.Succeeded)
            {
                return false;
            }

            var changed = new HashSet<ISymbol>(between.WrittenInside.Concat(between.VariablesDeclared), SymbolEqualityComparer.Default);
            return !reads.ReadInside.Any(changed.Contains);
        }

        private static int IndexOf(IReadOnlyList<StatementSyntax> statements, StatementSyntax statement)
        {
            for (var i = 0; i < statements.Count; i++)
            {
                if (statements[i] == statement)
                {
                    return i;
                }
            }

            return -1;
        }

        /// <summary>The statement's leading trivia without the blank lines before it (its comments and indentation stay).</summary>
        public static StatementSyntax WithoutLeadingBlankLines(StatementSyntax statement)
        {
            var trivia = statement.GetLeadingTrivia();
            var lastBlank = -1;
            for (var i = 0; i < trivia.Count; i++)
            {
                if (trivia[i].IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    lastBlank = i;
                }
                else if (!trivia[i].IsKind(SyntaxKind.WhitespaceTrivia))
                {
                    break;
                }
            }

            return statement.WithLeadingTrivia(trivia.Skip(lastBlank + 1));
        }

        /// <summary>The indentation of <paramref name="statement"/>: the whitespace after the last line break of its leading trivia.</summary>
        public static SyntaxTriviaList Indentation(StatementSyntax statement)
        {
            var trivia = statement.GetLeadingTrivia();
            var start = 0;
            for (var i = 0; i < trivia.Count; i++)
            {
                if (trivia[i].IsKind(SyntaxKind.EndOfLineTrivia) || trivia[i].HasStructure)
                {
                    start = i + 1;
                }
            }

            return SyntaxFactory.TriviaList(trivia.Skip(start).Where(t => t.IsKind(SyntaxKind.WhitespaceTrivia)));
        }
    }
}
