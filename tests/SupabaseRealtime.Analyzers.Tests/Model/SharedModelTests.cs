using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Rules;
using SupabaseRealtime.Analyzers.Tests.Meta;
using SupabaseRealtime.Analyzers.Tests.Robustness;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using Xunit.Abstractions;

namespace SupabaseRealtime.Analyzers.Tests.Model
{
    /// <summary>
    /// Rules that read one per-type model (SRT004 and SRT007 share a type's <c>ChannelUsage</c>, SRT006 and SRT010 its
    /// registration timelines) report together exactly what each reports alone: whichever rule makes the model, the
    /// other's questions are answered as if it had made it. Run on every test source of those rules and every sample, on two SDK versions.
    /// </summary>
    public class SharedModelTests
    {
        private readonly ITestOutputHelper output;

        public SharedModelTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        public static TheoryData<string, string> Pairs => new TheoryData<string, string>
        {
            { "SRT004", "SRT007" },
            { "SRT006", "SRT010" },
        };

        [Theory]
        [MemberData(nameof(Pairs))]
        public async Task Rules_sharing_a_model_report_together_what_each_reports_alone(string first, string second)
        {
            var sources = Sources(first, second);
            Assert.NotEmpty(sources);

            var failures = new List<string>();
            var compared = new Dictionary<string, int> { [first] = 0, [second] = 0 };
            foreach (var (origin, text, shape) in sources.SelectMany(s => new[] { (s.Origin, s.Text, SdkVersion.Supabase160), (s.Origin, s.Text, SdkVersion.Supabase111) }))
            {
                var compilation = Harness.Compile(new[] { ("/corpus/Source.cs", text) }, shape);
                var alone = Describe(await Harness.AnalyzeAsync(compilation, failures, analyzers: Host(first)))
                    .Concat(Describe(await Harness.AnalyzeAsync(compilation, failures, analyzers: Host(second))))
                    .OrderBy(d => d, StringComparer.Ordinal)
                    .ToArray();

                // Both orders: the model is made by whichever rule the host starts first.
                foreach (var together in new[] { Host(first, second), Host(second, first) })
                {
                    var both = Describe(await Harness.AnalyzeAsync(compilation, failures, analyzers: together));
                    Assert.True(alone.SequenceEqual(both), $"{origin} ({shape}): alone [{string.Join("; ", alone)}], together [{string.Join("; ", both)}]");
                }

                foreach (var diagnostic in alone)
                {
                    compared[diagnostic.Contains(first, StringComparison.Ordinal) ? first : second]++;
                }
            }

            Assert.Empty(failures);
            output.WriteLine($"{sources.Count} sources, each on two SDK versions; diagnostics compared: {first} {compared[first]}, {second} {compared[second]}.");
            Assert.True(compared[first] > 0 && compared[second] > 0, "A rule of the pair reported nothing: the comparison was not exercised.");
        }

        /// <summary>
        /// The sources of the pair's test files (each test's code, with its file's <c>Usings</c> prefix where the test
        /// adds one, markup stripped) and every sample.
        /// </summary>
        private static List<CorpusSource> Sources(string first, string second)
        {
            var sources = new List<CorpusSource>();
            foreach (var file in Directory.EnumerateFiles(Product.PathOf("tests", "SupabaseRealtime.Analyzers.Tests", "Rules"), "*.cs").OrderBy(f => f, StringComparer.Ordinal))
            {
                var name = Path.GetFileName(file);
                if (name.StartsWith(first, StringComparison.Ordinal) || name.StartsWith(second, StringComparison.Ordinal))
                {
                    sources.AddRange(Harness.TestSources(file, prefixUsings: true));
                }
            }

            sources.AddRange(Harness.Corpus.Where(s => s.Origin.StartsWith("samples/", StringComparison.Ordinal)));
            return sources;
        }

        private static ImmutableArray<DiagnosticAnalyzer> Host(params string[] ids)
            => ImmutableArray.Create<DiagnosticAnalyzer>(new SupabaseRealtimeAnalyzer(
                ids.Select(id => SupabaseRealtimeAnalyzer.AllRules().Single(r => r.SupportedDiagnostics.Any(d => d.Id == id)))));

        private static string[] Describe(ImmutableArray<Diagnostic> diagnostics)
            => diagnostics.Select(d => $"{d.Location.GetLineSpan().Span} {d.Id} {d.GetMessage(CultureInfo.InvariantCulture)}")
                .OrderBy(s => s, StringComparer.Ordinal)
                .ToArray();
    }
}
