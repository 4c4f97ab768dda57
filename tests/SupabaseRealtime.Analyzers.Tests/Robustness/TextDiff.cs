using System;
using System.Text;

namespace SupabaseRealtime.Analyzers.Tests.Robustness
{
    /// <summary>A readable description of where two texts first differ.</summary>
    public static class TextDiff
    {
        public static string Describe(string expected, string actual)
        {
            var expectedLines = expected.Split('\n');
            var actualLines = actual.Split('\n');
            var line = 0;
            while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
            {
                line++;
            }

            var text = new StringBuilder();
            text.AppendLine($"First difference at line {line + 1}:");
            for (var i = Math.Max(0, line - 2); i < Math.Min(Math.Max(expectedLines.Length, actualLines.Length), line + 4); i++)
            {
                var e = i < expectedLines.Length ? expectedLines[i].TrimEnd('\r') : "<end>";
                var a = i < actualLines.Length ? actualLines[i].TrimEnd('\r') : "<end>";
                text.AppendLine(e == a ? $"   {i + 1,4}  {e}" : $" - {i + 1,4}  {e}{Environment.NewLine} + {i + 1,4}  {a}");
            }

            text.AppendLine("Whole actual text:");
            text.AppendLine(actual);
            return text.ToString();
        }
    }
}
