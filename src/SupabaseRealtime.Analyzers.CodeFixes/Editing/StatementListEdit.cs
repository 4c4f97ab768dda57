using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace SupabaseRealtime.Analyzers.CodeFixes.Editing
{
    /// <summary>
    /// Reorders and extends statement lists (blocks, switch sections, top-level statements): moves
    /// statements to just before others and inserts new statements before others, keeping the layout.
    /// Blank lines before a place stay before whatever now comes first there; a moved statement
    /// leaves its blank lines to the statement that follows it; comments travel with their statements.
    /// Each list is rebuilt once, by position, so edits inside nested lists compose.
    /// </summary>
    internal sealed class StatementListEdit
    {
        private readonly Dictionary<SyntaxNode, Plan> plans = new Dictionary<SyntaxNode, Plan>();

        /// <summary>Moves <paramref name="mover"/> to just before <paramref name="anchor"/> (both in one block or switch section).</summary>
        public bool Move(StatementSyntax mover, StatementSyntax anchor)
        {
            if (mover.Parent is null || mover.Parent != anchor.Parent || !(mover.Parent is BlockSyntax || mover.Parent is SwitchSectionSyntax))
            {
                return false;
            }

            var plan = GetPlan(mover.Parent);
            var items = Items(mover.Parent);
            var moverIndex = items.IndexOf(mover);
            var anchorIndex = items.IndexOf(anchor);
            if (moverIndex < 0 || anchorIndex < 0 || plan.Removed.Contains(moverIndex) || plan.Removed.Contains(anchorIndex))
            {
                return false;
            }

            plan.Removed.Add(moverIndex);
            plan.Before(anchorIndex).Add(new Item(moverIndex, null));
            return true;
        }

        /// <summary>Inserts <paramref name="statement"/> (trivia is set here) just before <paramref name="anchor"/>.</summary>
        public bool Insert(StatementSyntax statement, StatementSyntax anchor)
        {
            SyntaxNode item = anchor.Parent is GlobalStatementSyntax global ? global : anchor;
            var owner = item.Parent;
            if (owner is null || !(owner is BlockSyntax || owner is SwitchSectionSyntax || owner is CompilationUnitSyntax))
            {
                return false;
            }

            var index = Items(owner).IndexOf(item);
            var plan = GetPlan(owner);
            if (index < 0 || plan.Removed.Contains(index))
            {
                return false;
            }

            plan.Before(index).Add(new Item(null, statement.WithoutTrivia()));
            return true;
        }

        /// <summary>Registers the edits with <paramref name="editor"/>.</summary>
        public void Apply(SyntaxEditor editor)
        {
            foreach (var pair in plans)
            {
                var plan = pair.Value;
                editor.ReplaceNode(pair.Key, (current, _) => Rebuild(current, plan));
            }
        }

        private Plan GetPlan(SyntaxNode owner)
        {
            if (!plans.TryGetValue(owner, out var plan))
            {
                plan = new Plan();
                plans.Add(owner, plan);
            }

            return plan;
        }

        private static List<SyntaxNode> Items(SyntaxNode owner)
        {
            switch (owner)
            {
                case BlockSyntax block:
                    return block.Statements.Cast<SyntaxNode>().ToList();
                case SwitchSectionSyntax section:
                    return section.Statements.Cast<SyntaxNode>().ToList();
                case CompilationUnitSyntax unit:
                    return unit.Members.Cast<SyntaxNode>().ToList();
                default:
                    return new List<SyntaxNode>();
            }
        }

        private static SyntaxNode Rebuild(SyntaxNode owner, Plan plan)
        {
            var items = Items(owner);
            var result = new List<SyntaxNode>(items.Count + plan.Count);
            var pendingBlank = SyntaxTriviaList.Empty;
            for (var i = 0; i < items.Count; i++)
            {
                var (blank, rest) = StatementEdits.SplitBlankLines(items[i].GetLeadingTrivia());
                if (plan.Removed.Contains(i))
                {
                    if (pendingBlank.Count == 0)
                    {
                        pendingBlank = blank;
                    }

                    continue;
                }

                var effectiveBlank = blank.Count > 0 ? blank : pendingBlank;
                pendingBlank = SyntaxTriviaList.Empty;
                if (plan.Inserted.TryGetValue(i, out var before) && before.Count > 0)
                {
                    var newLine = EndOfLine(items[i]);
                    var indentation = rest.Count > 0 && rest[rest.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia)
                        ? SyntaxFactory.TriviaList(rest[rest.Count - 1])
                        : SyntaxTriviaList.Empty;
                    for (var j = 0; j < before.Count; j++)
                    {
                        var lead = j == 0 ? effectiveBlank : SyntaxTriviaList.Empty;
                        if (before[j].MoverIndex is int moverIndex)
                        {
                            var moverRest = StatementEdits.SplitBlankLines(items[moverIndex].GetLeadingTrivia()).Remainder;
                            result.Add(items[moverIndex].WithLeadingTrivia(lead.AddRange(moverRest)));
                        }
                        else if (before[j].Statement is StatementSyntax statement)
                        {
                            var placed = statement.WithLeadingTrivia(lead.AddRange(indentation)).WithTrailingTrivia(newLine);
                            result.Add(owner is CompilationUnitSyntax ? SyntaxFactory.GlobalStatement(placed) : (SyntaxNode)placed);
                        }
                    }

                    result.Add(items[i].WithLeadingTrivia(rest));
                }
                else
                {
                    result.Add(blank.Count == 0 && effectiveBlank.Count > 0 ? items[i].WithLeadingTrivia(effectiveBlank.AddRange(rest)) : items[i]);
                }
            }

            switch (owner)
            {
                case BlockSyntax block:
                    return block.WithStatements(SyntaxFactory.List(result.Cast<StatementSyntax>()));
                case SwitchSectionSyntax section:
                    return section.WithStatements(SyntaxFactory.List(result.Cast<StatementSyntax>()));
                case CompilationUnitSyntax unit:
                    return unit.WithMembers(SyntaxFactory.List(result.Cast<MemberDeclarationSyntax>()));
                default:
                    throw new InvalidOperationException("Not a statement list: " + owner.Kind());
            }
        }

        private static SyntaxTrivia EndOfLine(SyntaxNode node)
        {
            foreach (var trivia in node.GetTrailingTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia;
                }
            }

            return SyntaxFactory.ElasticCarriageReturnLineFeed;
        }

        private readonly struct Item
        {
            public Item(int? moverIndex, StatementSyntax? statement)
            {
                MoverIndex = moverIndex;
                Statement = statement;
            }

            public int? MoverIndex { get; }

            public StatementSyntax? Statement { get; }
        }

        private sealed class Plan
        {
            public HashSet<int> Removed { get; } = new HashSet<int>();

            public Dictionary<int, List<Item>> Inserted { get; } = new Dictionary<int, List<Item>>();

            public int Count => Inserted.Values.Sum(v => v.Count);

            public List<Item> Before(int index)
            {
                if (!Inserted.TryGetValue(index, out var list))
                {
                    list = new List<Item>();
                    Inserted.Add(index, list);
                }

                return list;
            }
        }
    }
}
