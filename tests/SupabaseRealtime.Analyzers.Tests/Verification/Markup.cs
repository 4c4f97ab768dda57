using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Text;

namespace SupabaseRealtime.Analyzers.Tests.Verification
{
    /// <summary>The framework's markup (<c>[|...|]</c>, <c>{|ID:...|}</c>, <c>{|#0:...|}</c>) taken out of a source.</summary>
    public static class Markup
    {
        /// <summary>The source without its marks; malformed markup throws <see cref="System.ArgumentException"/>.</summary>
        public static string Strip(string markup)
        {
            TestFileMarkupParser.GetSpans(markup, out string text, out ImmutableDictionary<string, ImmutableArray<TextSpan>> _);
            return text;
        }
    }
}
