using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SupabaseRealtime.Analyzers
{
    /// <summary>
    /// The <c>.editorconfig</c> / <c>.globalconfig</c> keys the rules read: <c>supabase_realtime.&lt;ID&gt;.&lt;option&gt;</c>.
    /// See docs/configuration.md.
    /// </summary>
    internal static class Options
    {
        public const string Prefix = "supabase_realtime.";

        /// <summary>The key for <paramref name="option"/> of rule <paramref name="ruleId"/>.</summary>
        public static string Key(string ruleId, string option) => Prefix + ruleId + "." + option;

        /// <summary>Reads a comma-separated list option for <paramref name="tree"/>; empty when absent.</summary>
        public static ImmutableArray<string> GetList(AnalyzerOptions options, SyntaxTree tree, string ruleId, string option)
        {
            if (!options.AnalyzerConfigOptionsProvider.GetOptions(tree).TryGetValue(Key(ruleId, option), out var value)
                || string.IsNullOrWhiteSpace(value))
            {
                return ImmutableArray<string>.Empty;
            }

            var builder = ImmutableArray.CreateBuilder<string>();
            foreach (var part in value.Split(','))
            {
                var item = part.Trim();
                if (item.Length > 0)
                {
                    builder.Add(item);
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>Reads a list of <c>A=B</c> pairs (comma-separated); malformed entries are skipped.</summary>
        public static ImmutableArray<(string Key, string Value)> GetPairs(AnalyzerOptions options, SyntaxTree tree, string ruleId, string option)
        {
            var builder = ImmutableArray.CreateBuilder<(string, string)>();
            foreach (var item in GetList(options, tree, ruleId, option))
            {
                var equals = item.IndexOf('=');
                if (equals <= 0 || equals == item.Length - 1)
                {
                    continue;
                }

                var key = item.Substring(0, equals).Trim();
                var value = item.Substring(equals + 1).Trim();
                if (key.Length > 0 && value.Length > 0)
                {
                    builder.Add((key, value));
                }
            }

            return builder.ToImmutable();
        }
    }
}
