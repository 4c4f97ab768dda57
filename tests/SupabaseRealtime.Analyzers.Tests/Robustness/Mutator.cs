using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SupabaseRealtime.Analyzers.Tests.Robustness
{
    /// <summary>
    /// Seeded mutations of a source, like the editing states analyzers see while people type:
    /// truncation, deleted tokens, duplicated or swapped lines, renamed identifiers, dropped
    /// <c>await</c>s, unbalanced braces.
    /// </summary>
    public static class Mutator
    {
        public static readonly string[] Kinds =
        {
            "truncate", "delete-token", "duplicate-line", "swap-lines", "rename-identifier", "drop-await", "unbalance-brace", "delete-tokens",
        };

        /// <summary>Applies one mutation chosen by <paramref name="random"/>; returns its kind and the mutated text.</summary>
        public static (string Kind, string Text) Mutate(string text, Random random)
        {
            var kind = Kinds[random.Next(Kinds.Length)];
            return (kind, Apply(kind, text, random));
        }

        public static string Apply(string kind, string text, Random random)
        {
            if (text.Length == 0)
            {
                return text;
            }

            switch (kind)
            {
                case "truncate":
                    return text.Substring(0, random.Next(text.Length));
                case "delete-token":
                    return DeleteTokens(text, random, 1);
                case "delete-tokens":
                    return DeleteTokens(text, random, 1 + random.Next(5));
                case "duplicate-line":
                {
                    var lines = text.Split('\n').ToList();
                    var index = random.Next(lines.Count);
                    lines.Insert(index, lines[index]);
                    return string.Join("\n", lines);
                }

                case "swap-lines":
                {
                    var lines = text.Split('\n');
                    var a = random.Next(lines.Length);
                    var b = random.Next(lines.Length);
                    (lines[a], lines[b]) = (lines[b], lines[a]);
                    return string.Join("\n", lines);
                }

                case "rename-identifier":
                {
                    var identifiers = Tokens(text).Where(t => t.IsKind(SyntaxKind.IdentifierToken)).Select(t => t.ValueText).Distinct().ToList();
                    if (identifiers.Count == 0)
                    {
                        return text;
                    }

                    var name = identifiers[random.Next(identifiers.Count)];
                    var tokens = Tokens(text).Where(t => t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == name).OrderByDescending(t => t.SpanStart);
                    var renamed = text;
                    foreach (var token in tokens)
                    {
                        renamed = renamed.Remove(token.SpanStart, token.Span.Length).Insert(token.SpanStart, name + "Renamed");
                    }

                    return renamed;
                }

                case "drop-await":
                {
                    var awaits = Tokens(text).Where(t => t.IsKind(SyntaxKind.AwaitKeyword) || (t.IsKind(SyntaxKind.IdentifierToken) && t.ValueText == "await")).ToList();
                    if (awaits.Count == 0)
                    {
                        return text;
                    }

                    // Drop one, or all.
                    var chosen = random.Next(2) == 0 ? new List<SyntaxToken> { awaits[random.Next(awaits.Count)] } : awaits;
                    var result = text;
                    foreach (var token in chosen.OrderByDescending(t => t.SpanStart))
                    {
                        result = result.Remove(token.SpanStart, token.Span.Length);
                    }

                    return result;
                }

                case "unbalance-brace":
                {
                    var braces = Enumerable.Range(0, text.Length).Where(i => text[i] == '{' || text[i] == '}').ToList();
                    if (braces.Count == 0 || random.Next(3) == 0)
                    {
                        var at = random.Next(text.Length + 1);
                        return text.Insert(at, random.Next(2) == 0 ? "{" : "}");
                    }

                    return text.Remove(braces[random.Next(braces.Count)], 1);
                }

                default:
                    throw new ArgumentOutOfRangeException(nameof(kind), kind, "Unknown mutation.");
            }
        }

        private static string DeleteTokens(string text, Random random, int count)
        {
            var result = text;
            for (var i = 0; i < count; i++)
            {
                var tokens = Tokens(result).Where(t => t.Span.Length > 0).ToList();
                if (tokens.Count == 0)
                {
                    return result;
                }

                var token = tokens[random.Next(tokens.Count)];
                result = result.Remove(token.SpanStart, token.Span.Length);
            }

            return result;
        }

        private static IEnumerable<SyntaxToken> Tokens(string text)
            => CSharpSyntaxTree.ParseText(text).GetRoot().DescendantTokens();
    }
}
