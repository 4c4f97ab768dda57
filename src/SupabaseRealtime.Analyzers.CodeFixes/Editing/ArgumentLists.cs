using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SupabaseRealtime.Analyzers.CodeFixes.Editing
{
    /// <summary>Edits of argument lists that keep the list's own separators and spacing.</summary>
    internal static class ArgumentLists
    {
        /// <summary>Inserts <paramref name="argument"/> right after <paramref name="after"/>, separated by ", ".</summary>
        public static ArgumentListSyntax InsertAfter(ArgumentListSyntax list, ArgumentSyntax after, ArgumentSyntax argument)
        {
            var arguments = list.Arguments;
            var index = arguments.IndexOf(after);
            if (index < 0)
            {
                return list;
            }

            var nodes = new List<ArgumentSyntax>(arguments.Count + 1);
            var separators = new List<SyntaxToken>(arguments.Count);
            for (var i = 0; i < arguments.Count; i++)
            {
                if (i == index)
                {
                    // The trivia after the argument (before ')' or ',') moves behind the new one.
                    nodes.Add(arguments[i].WithoutTrailingTrivia());
                    separators.Add(SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space));
                    nodes.Add(argument.WithTrailingTrivia(arguments[i].GetTrailingTrivia()));
                }
                else
                {
                    nodes.Add(arguments[i]);
                }

                if (i < arguments.SeparatorCount)
                {
                    separators.Add(arguments.GetSeparator(i));
                }
            }

            return list.WithArguments(SyntaxFactory.SeparatedList(nodes, separators));
        }
    }
}
