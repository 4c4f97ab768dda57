using System.Text;

namespace SupabaseRealtime.Analyzers.Infrastructure
{
    /// <summary>Source text as messages quote it.</summary>
    internal static class Text
    {
        /// <summary>The text on one line: every run of white space (line breaks included) becomes one space.</summary>
        public static string Compact(string text)
        {
            var builder = new StringBuilder(text.Length);
            var space = false;
            foreach (var c in text)
            {
                if (char.IsWhiteSpace(c))
                {
                    space = builder.Length > 0;
                    continue;
                }

                if (space)
                {
                    builder.Append(' ');
                    space = false;
                }

                builder.Append(c);
            }

            return builder.ToString();
        }
    }
}
