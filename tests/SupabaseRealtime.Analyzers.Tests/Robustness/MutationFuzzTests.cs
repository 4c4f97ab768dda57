using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace SupabaseRealtime.Analyzers.Tests.Robustness
{
    /// <summary>
    /// Mutation fuzzing: every test source and sample file, mutated the way half-typed code looks,
    /// through every analyzer and every fixer's code actions. Zero exceptions allowed. A failure
    /// prints the seed, the mutation and the mutated source; replay with the environment variables
    /// SRT_FUZZ_SEED and SRT_FUZZ_COUNT.
    /// </summary>
    public class MutationFuzzTests
    {
        private const int DefaultSeed = 20261121;
        private const int DefaultCount = 2000;
        private readonly ITestOutputHelper output;

        public MutationFuzzTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public async Task Mutated_sources_never_make_an_analyzer_or_a_fixer_throw()
        {
            var seed = ReadSetting("SRT_FUZZ_SEED", DefaultSeed);
            var count = ReadSetting("SRT_FUZZ_COUNT", DefaultCount);
            var corpus = Harness.Corpus;
            Assert.NotEmpty(corpus);
            Assert.NotEmpty(Harness.Analyzers);

            var stopwatch = Stopwatch.StartNew();
            var diagnostics = 0;
            var actions = 0;
            var failures = new List<string>();
            var reports = new List<string>();

            // Each mutation gets its own Random derived from (seed, index), so any one replays alone.
            await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount }, async (index, _) =>
            {
                var random = new Random(unchecked((seed * 7919) + index));
                var source = corpus[random.Next(corpus.Length)];
                var (kind, text) = Mutator.Mutate(source.Text, random);
                if (random.Next(4) == 0)
                {
                    (var second, text) = Mutator.Mutate(text, random);
                    kind += "+" + second;
                }

                var local = new List<string>();
                try
                {
                    var compilation = Harness.Compile(new[] { ("/fuzz/Mutant.cs", text) });
                    var found = await Harness.AnalyzeAsync(compilation, local);
                    Interlocked.Add(ref diagnostics, found.Length);
                    if (found.Length > 0 && Harness.Fixers.Length > 0)
                    {
                        var solution = Harness.SolutionFor(compilation);
                        foreach (var diagnostic in found.Where(d => d.Location.IsInSource))
                        {
                            var fixes = await Harness.ComputeFixesAsync(solution, diagnostic, local);
                            Interlocked.Add(ref actions, fixes.Count);
                        }
                    }
                }
                catch (Exception exception)
                {
                    local.Add("harness: " + exception);
                }

                if (local.Count > 0)
                {
                    lock (failures)
                    {
                        failures.Add($"seed {seed}, mutation #{index} ({kind}) of {source.Origin}:{Environment.NewLine}{string.Join(Environment.NewLine, local)}{Environment.NewLine}--- mutated source ---{Environment.NewLine}{text}{Environment.NewLine}--- end ---");
                    }
                }
            });

            var summary = string.Format(
                CultureInfo.InvariantCulture,
                "Mutation fuzzing: seed {0}, {1} mutations of {2} sources, {3} diagnostics, {4} code actions computed, {5} failures, {6:F1} s",
                seed, count, corpus.Length, diagnostics, actions, failures.Count, stopwatch.Elapsed.TotalSeconds);
            output.WriteLine(summary);
            RobustnessReport.Write("fuzz", summary);
            if (failures.Count > 0)
            {
                throw new XunitException(summary + Environment.NewLine + string.Join(Environment.NewLine + Environment.NewLine, failures.Take(5)));
            }
        }

        private static int ReadSetting(string name, int fallback)
        {
            var value = Environment.GetEnvironmentVariable(name);
            if (string.IsNullOrWhiteSpace(value))
            {
                return fallback;
            }

            return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) && parsed >= 0
                ? parsed
                : throw new ArgumentException($"{name} must be a non-negative whole number, not '{value}'.");
        }
    }

    /// <summary>Writes the robustness runs' counts next to the test assembly, for CI to print.</summary>
    public static class RobustnessReport
    {
        private static readonly object Gate = new();

        public static void Write(string key, string line)
        {
            lock (Gate)
            {
                var path = Path.Combine(AppContext.BaseDirectory, "robustness-summary.txt");
                var lines = File.Exists(path) ? File.ReadAllLines(path).Where(l => !l.StartsWith(key + ":", StringComparison.Ordinal)).ToList() : new List<string>();
                lines.Add(key + ": " + line);
                File.WriteAllLines(path, lines);
            }
        }
    }
}
