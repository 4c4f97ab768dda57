using System;
using System.Collections.Generic;
using System.Text;
using Microsoft.CodeAnalysis.Text;

namespace SupabaseRealtime.Analyzers.Tests.Verification
{
    /// <summary>One marked span of a test source.</summary>
    /// <param name="Name">null for <c>[|...|]</c>; the diagnostic ID or <c>#n</c> location key for <c>{|name:...|}</c>.</param>
    public sealed record MarkedSpan(string? Name, TextSpan Span);

    /// <summary>
    /// The markup language of the ecosystem's analyzer tests:
    /// <c>[|text|]</c> marks a diagnostic of the analyzer's only descriptor,
    /// <c>{|SRT001:text|}</c> a diagnostic with that ID (a <c>CS</c> ID marks an expected compiler diagnostic),
    /// and <c>{|#0:text|}</c> a location that an expected diagnostic refers to with <c>.WithLocation(0)</c>.
    /// Marks nest.
    /// </summary>
    public static class Markup
    {
        public static (string Text, IReadOnlyList<MarkedSpan> Spans) Parse(string markup)
        {
            var text = new StringBuilder(markup.Length);
            var spans = new List<MarkedSpan>();
            var open = new List<(string? Name, int Start, bool Named)>();

            var i = 0;
            while (i < markup.Length)
            {
                if (Starts(markup, i, "[|"))
                {
                    open.Add((null, text.Length, false));
                    i += 2;
                }
                else if (Starts(markup, i, "{|"))
                {
                    var colon = markup.IndexOf(':', i + 2);
                    if (colon < 0)
                    {
                        throw new FormatException($"Markup '{{|' at offset {i} has no ':' after its name.");
                    }

                    var name = markup.Substring(i + 2, colon - i - 2);
                    if (name.Length == 0 || name.IndexOfAny(new[] { ' ', '\n', '\r', '\t', '|', '{', '}' }) >= 0)
                    {
                        throw new FormatException($"Markup '{{|' at offset {i} has an invalid name '{name}'.");
                    }

                    open.Add((name, text.Length, true));
                    i = colon + 1;
                }
                else if (Starts(markup, i, "|]"))
                {
                    Close(open, spans, named: false, text.Length, i);
                    i += 2;
                }
                else if (Starts(markup, i, "|}"))
                {
                    Close(open, spans, named: true, text.Length, i);
                    i += 2;
                }
                else
                {
                    text.Append(markup[i]);
                    i++;
                }
            }

            if (open.Count > 0)
            {
                throw new FormatException($"Markup has {open.Count} unclosed span(s); the first opens at text offset {open[0].Start}.");
            }

            spans.Sort((a, b) => a.Span.Start != b.Span.Start ? a.Span.Start.CompareTo(b.Span.Start) : a.Span.End.CompareTo(b.Span.End));
            return (text.ToString(), spans);
        }

        private static void Close(List<(string? Name, int Start, bool Named)> open, List<MarkedSpan> spans, bool named, int position, int offset)
        {
            for (var k = open.Count - 1; k >= 0; k--)
            {
                if (open[k].Named == named)
                {
                    spans.Add(new MarkedSpan(open[k].Name, TextSpan.FromBounds(open[k].Start, position)));
                    open.RemoveAt(k);
                    return;
                }
            }

            throw new FormatException($"Markup closes '{(named ? "|}" : "|]")}' at offset {offset} with nothing open.");
        }

        private static bool Starts(string s, int i, string token)
            => i + token.Length <= s.Length && string.CompareOrdinal(s, i, token, 0, token.Length) == 0;
    }
}
