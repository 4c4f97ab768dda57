using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace SupabaseRealtime.Analyzers.Benchmarks
{
    /// <summary>Entry point: parse the flags, then generate, compile, measure and print.</summary>
    internal static class Program
    {
        public static async Task<int> Main(string[] args)
        {
            BenchmarkOptions options;
            try
            {
                options = BenchmarkOptions.Parse(args);
            }
            catch (UsageException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                Console.Error.WriteLine("Run with --help to list the options.");
                return 2;
            }

            if (options.Help)
            {
                Console.WriteLine(BenchmarkOptions.Usage);
                return 0;
            }

            try
            {
                await RunAsync(options).ConfigureAwait(false);
                return 0;
            }
            catch (UsageException e)
            {
                Console.Error.WriteLine($"error: {e.Message}");
                return 2;
            }
            catch (BenchmarkFailure e)
            {
                Console.Error.WriteLine($"benchmark failed: {e.Message}");
                return 1;
            }
        }

        private static async Task RunAsync(BenchmarkOptions options)
        {
            var output = Console.Out;
            var progress = Console.Error;

            var framework = CompileReferences.LoadFramework();
            var sdk = CompileReferences.LoadSdk(framework);
            var srt = AnalyzerCatalog.DiscoverSrtAnalyzers();
            if (options.Rules != null)
            {
                var missing = options.Rules.Where(id => !srt.Any(a => AnalyzerCatalog.RuleIdOf(a) == id)).ToList();
                if (missing.Count > 0)
                {
                    throw new UsageException($"'--rules': no SRT analyzer reports {string.Join(", ", missing)} (there are: {string.Join(", ", srt.Select(AnalyzerCatalog.RuleIdOf))}).");
                }

                srt = srt.Where(a => options.Rules.Contains(AnalyzerCatalog.RuleIdOf(a))).ToImmutableArray();
            }
            var peers = options.Peers ? AnalyzerCatalog.LoadPeers() : Array.Empty<PeerLoad>();

            output.WriteLine("## SupabaseRealtime.Analyzers benchmark");
            output.WriteLine();
            output.WriteLine($"- Machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription.Trim()}, {RuntimeInformation.ProcessArchitecture}; "
                + $".NET {Environment.Version}; Roslyn {AnalyzerCatalog.RoslynVersion}.");
            output.WriteLine($"- Codebase: seed {options.Seed}, {options.SdkPercent}% of the files use the realtime SDK (the real packages: {CompileReferences.SdkSummary()}); "
                + $"references: {CompileReferences.FrameworkSource}.");
            var shipped = AnalyzerCatalog.ShippedAnalyzerTypes();
            output.WriteLine($"- Analyzers in {AnalyzerCatalog.SrtAssembly.GetName().Name}: {(shipped.Count == 0 ? "none" : string.Join(", ", shipped.Select(t => t.Name)))}, "
                + $"hosting the rules {(srt.Length == 0 ? "none" : string.Join(", ", srt.Select(AnalyzerCatalog.RuleIdOf)))}; each rule is also measured alone in that analyzer.");
            if (AnalyzerCatalog.SrtIsDebugBuild)
            {
                output.WriteLine("- NOTE: the SRT analyzers are a Debug build; run with `-c Release` for representative figures.");
            }

            foreach (var peer in peers)
            {
                output.WriteLine(peer.Set != null
                    ? $"- Peer: {peer.Set.Name}, {peer.Set.Analyzers.Length} analyzers."
                    : $"- Peer {peer.Name} not measured: {peer.Failure}.");
            }

            output.WriteLine("- Analyzer time is the sum of the analyzers' ExecutionTime from GetAnalyzerTelemetryInfoAsync (callbacks only, concurrentAnalysis off); "
                + "the compiler's cost is the wall time of GetDiagnostics() without analyzers, single-threaded (concurrentBuild off). "
                + "'whole run' is the wall time of GetAnalyzerDiagnosticsAsync, compiling included.");
            output.Flush();

            var runner = new Runner(options, framework, sdk, srt, peers, progress);
            progress.WriteLine("warming up (every configuration once on a small codebase)...");
            await runner.WarmUpAsync().ConfigureAwait(false);

            var sizes = options.Scaling ? BenchmarkOptions.ScalingSizes : new[] { options.Files };
            var results = new List<SizeResult>();
            foreach (var size in sizes)
            {
                var result = await runner.RunAsync(size).ConfigureAwait(false);
                results.Add(result);
                Report.PrintSize(output, result, options.Repetitions);
                output.Flush();
            }

            if (options.Scaling)
            {
                Report.PrintScaling(output, results);
            }
            else
            {
                Report.PrintTargets(output, results[0]);
            }
        }
    }
}
