using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SupabaseRealtime.Analyzers.Benchmarks
{
    /// <summary>The benchmark failed for a reason worth one line (no stack trace).</summary>
    internal sealed class BenchmarkFailure : Exception
    {
        public BenchmarkFailure(string message)
            : base(message)
        {
        }
    }

    /// <summary>What a configuration is, for the report.</summary>
    internal enum ConfigKind
    {
        Compiler,
        SrtAll,
        SrtSingle,
        Baseline,
        BaselineTimesK,
        Peer,
    }

    /// <summary>One measured configuration: a set of analyzers (or the compiler alone) on one codebase.</summary>
    internal sealed class Config
    {
        public Config(string label, ConfigKind kind, bool sdkCodebase, AnalyzerSet? set)
        {
            Label = label;
            Kind = kind;
            SdkCodebase = sdkCodebase;
            Set = set;
        }

        public string Label { get; }

        public ConfigKind Kind { get; }

        public bool SdkCodebase { get; }

        public AnalyzerSet? Set { get; }

        /// <summary>Analyzer time: the sum of the set's <c>ExecutionTime</c> (for the compiler: the wall time of GetDiagnostics), one entry per repetition.</summary>
        public List<double> Milliseconds { get; } = new List<double>();

        /// <summary>Wall time of the whole run (compiling included), one entry per repetition.</summary>
        public List<double> WallMilliseconds { get; } = new List<double>();

        /// <summary>Processor time the process used during the whole run (all threads, compiling included), one entry per repetition.</summary>
        public List<double> CpuMilliseconds { get; } = new List<double>();

        /// <summary>Time the runtime paused every thread for garbage collection during the whole run, one entry per repetition.</summary>
        public List<double> PauseMilliseconds { get; } = new List<double>();

        /// <summary>Bytes the process allocated during the whole run (all threads, compiling included), in MB, one entry per repetition.</summary>
        public List<double> AllocatedMegabytes { get; } = new List<double>();

        /// <summary>Each analyzer's ExecutionTime in this configuration's runs, by rule ID (or type name), one entry per repetition.</summary>
        public SortedDictionary<string, List<double>> PerAnalyzerMilliseconds { get; } = new SortedDictionary<string, List<double>>(StringComparer.Ordinal);

        public SortedDictionary<string, int> DiagnosticsById { get; } = new SortedDictionary<string, int>(StringComparer.Ordinal);

        public SortedSet<string> Exceptions { get; } = new SortedSet<string>(StringComparer.Ordinal);

        public double Median => Statistics.Median(Milliseconds);

        public double MedianWall => Statistics.Median(WallMilliseconds);

        public double MedianCpu => Statistics.Median(CpuMilliseconds);

        public double MedianPause => Statistics.Median(PauseMilliseconds);

        public double MedianAllocated => Statistics.Median(AllocatedMegabytes);

        public int Diagnostics => DiagnosticsById.Values.Sum();
    }

    internal static class Statistics
    {
        public static double Median(IReadOnlyCollection<double> values)
        {
            if (values.Count == 0)
            {
                return double.NaN;
            }

            var sorted = values.OrderBy(v => v).ToArray();
            var mid = sorted.Length / 2;
            return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
        }
    }

    /// <summary>The figures for one codebase size.</summary>
    internal sealed class SizeResult
    {
        public SizeResult(Codebase sdk, Codebase noSdk, IReadOnlyList<Config> configs, int srtCount)
        {
            Sdk = sdk;
            NoSdk = noSdk;
            Configs = configs;
            SrtCount = srtCount;
        }

        public Codebase Sdk { get; }

        public Codebase NoSdk { get; }

        public IReadOnlyList<Config> Configs { get; }

        public int SrtCount { get; }

        public string? LoadBefore { get; set; }

        public string? LoadAfter { get; set; }

        public Config Compiler(bool sdk) => Configs.Single(c => c.Kind == ConfigKind.Compiler && c.SdkCodebase == sdk);

        public Config? Find(ConfigKind kind, bool sdk) => Configs.FirstOrDefault(c => c.Kind == kind && c.SdkCodebase == sdk);
    }

    /// <summary>Processor time, GC pauses and allocated bytes of one run.</summary>
    internal readonly struct RunMeter
    {
        private readonly TimeSpan cpu;
        private readonly TimeSpan pauses;
        private readonly long allocated;

        private RunMeter(TimeSpan cpu, TimeSpan pauses, long allocated)
        {
            this.cpu = cpu;
            this.pauses = pauses;
            this.allocated = allocated;
        }

        public static RunMeter Start() => new RunMeter(ProcessorTime(), GC.GetTotalPauseDuration(), GC.GetTotalAllocatedBytes(precise: true));

        public void Stop(Config config)
        {
            config.CpuMilliseconds.Add((ProcessorTime() - cpu).TotalMilliseconds);
            config.PauseMilliseconds.Add((GC.GetTotalPauseDuration() - pauses).TotalMilliseconds);
            config.AllocatedMegabytes.Add((GC.GetTotalAllocatedBytes(precise: true) - allocated) / (1024.0 * 1024.0));
        }

        private static TimeSpan ProcessorTime()
        {
            using var process = Process.GetCurrentProcess();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>Generates, compiles and measures.</summary>
    internal sealed class Runner
    {
        private readonly BenchmarkOptions options;
        private readonly ImmutableArray<MetadataReference> framework;
        private readonly ImmutableArray<MetadataReference> sdk;
        private readonly ImmutableArray<DiagnosticAnalyzer> srt;
        private readonly IReadOnlyList<PeerLoad> peers;
        private readonly TextWriter progress;

        public Runner(BenchmarkOptions options, ImmutableArray<MetadataReference> framework, ImmutableArray<MetadataReference> sdk,
            ImmutableArray<DiagnosticAnalyzer> srt, IReadOnlyList<PeerLoad> peers, TextWriter progress)
        {
            this.options = options;
            this.framework = framework;
            this.sdk = sdk;
            this.srt = srt;
            this.peers = peers;
            this.progress = progress;
        }

        /// <summary>Runs every configuration once on a small codebase so that JIT and first-use costs stay out of the figures.</summary>
        public async Task WarmUpAsync()
        {
            var small = Math.Min(60, options.Files);
            var sdkCodebase = CodebaseGenerator.Generate(small, 50, options.Seed ^ 0x5EED, withSdk: true);
            var noSdkCodebase = CodebaseGenerator.Generate(small, 50, options.Seed ^ 0x5EED, withSdk: false);
            var sdkCompilation = Compile(sdkCodebase);
            var noSdkCompilation = Compile(noSdkCodebase);
            foreach (var config in Configurations())
            {
                var compilation = config.SdkCodebase ? sdkCompilation : noSdkCompilation;
                if (config.Set is null)
                {
                    _ = compilation.Clone().GetDiagnostics();
                }
                else
                {
                    await AnalyzeAsync(compilation, config.Set, record: null).ConfigureAwait(false);
                }
            }
        }

        public async Task<SizeResult> RunAsync(int files)
        {
            var sdkCodebase = CodebaseGenerator.Generate(files, options.SdkPercent, options.Seed, withSdk: true);
            var noSdkCodebase = CodebaseGenerator.Generate(files, options.SdkPercent, options.Seed, withSdk: false);
            if (options.DumpDirectory != null)
            {
                Dump(sdkCodebase, Path.Combine(options.DumpDirectory, files.ToString(System.Globalization.CultureInfo.InvariantCulture), "sdk"));
                Dump(noSdkCodebase, Path.Combine(options.DumpDirectory, files.ToString(System.Globalization.CultureInfo.InvariantCulture), "no-sdk"));
            }

            progress.WriteLine($"[{files} files] compiling both codebases once ({sdkCodebase.Lines:N0} and {noSdkCodebase.Lines:N0} lines)...");
            var sdkCompilation = Compile(sdkCodebase);
            var noSdkCompilation = Compile(noSdkCodebase);
            sdkCodebase.CompileSummary = CheckCompiles(sdkCompilation, sdkCodebase);
            noSdkCodebase.CompileSummary = CheckCompiles(noSdkCompilation, noSdkCodebase);

            var configs = Configurations();
            var loadBefore = Report.LoadAverage();
            for (var rep = 1; rep <= options.Repetitions; rep++)
            {
                var watch = Stopwatch.StartNew();
                foreach (var config in configs)
                {
                    Collect();
                    var compilation = config.SdkCodebase ? sdkCompilation : noSdkCompilation;
                    if (config.Set is null)
                    {
                        var clone = compilation.Clone();
                        var meter = RunMeter.Start();
                        var wall = Stopwatch.StartNew();
                        _ = clone.GetDiagnostics();
                        wall.Stop();
                        meter.Stop(config);
                        config.Milliseconds.Add(wall.Elapsed.TotalMilliseconds);
                        config.WallMilliseconds.Add(wall.Elapsed.TotalMilliseconds);
                    }
                    else
                    {
                        await AnalyzeAsync(compilation, config.Set, config).ConfigureAwait(false);
                    }
                }

                progress.WriteLine($"[{files} files] repetition {rep}/{options.Repetitions} done in {watch.Elapsed.TotalSeconds:F0} s");
            }

            return new SizeResult(sdkCodebase, noSdkCodebase, configs, srt.Length) { LoadBefore = loadBefore, LoadAfter = Report.LoadAverage() };
        }

        private List<Config> Configurations()
        {
            var configs = new List<Config>
            {
                new Config("compiler: GetDiagnostics() without analyzers", ConfigKind.Compiler, true, null),
                new Config("empty baseline analyzer", ConfigKind.Baseline, true, new AnalyzerSet("empty baseline", ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyBaselineAnalyzer()))),
            };

            if (srt.Length > 1)
            {
                var k = Enumerable.Range(0, srt.Length).Select(_ => (DiagnosticAnalyzer)new EmptyBaselineAnalyzer()).ToImmutableArray();
                configs.Add(new Config($"empty baseline x{srt.Length} (one per rule)", ConfigKind.BaselineTimesK, true, new AnalyzerSet("empty baseline xK", k)));
            }

            if (srt.Length > 0)
            {
                configs.Add(new Config($"all SRT rules ({srt.Length}, one analyzer)", ConfigKind.SrtAll, true, new AnalyzerSet("all SRT", ImmutableArray.Create(AnalyzerCatalog.Together(srt)))));
                if (options.Single)
                {
                    foreach (var analyzer in srt)
                    {
                        configs.Add(new Config($"{AnalyzerCatalog.RuleIdOf(analyzer)} {AnalyzerCatalog.NameOf(analyzer)} (alone)", ConfigKind.SrtSingle, true,
                            new AnalyzerSet(AnalyzerCatalog.NameOf(analyzer), ImmutableArray.Create(analyzer))));
                    }
                }
            }

            foreach (var peer in peers)
            {
                if (peer.Set != null)
                {
                    configs.Add(new Config($"{peer.Set.Name} ({peer.Set.Analyzers.Length} analyzers)", ConfigKind.Peer, true, peer.Set));
                }
            }

            configs.Add(new Config("compiler: GetDiagnostics() without analyzers", ConfigKind.Compiler, false, null));
            configs.Add(new Config("empty baseline analyzer", ConfigKind.Baseline, false, new AnalyzerSet("empty baseline", ImmutableArray.Create<DiagnosticAnalyzer>(new EmptyBaselineAnalyzer()))));
            if (srt.Length > 0)
            {
                configs.Add(new Config($"all SRT rules ({srt.Length}, one analyzer)", ConfigKind.SrtAll, false, new AnalyzerSet("all SRT", ImmutableArray.Create(AnalyzerCatalog.Together(srt)))));
            }

            return configs;
        }

        private static async Task AnalyzeAsync(CSharpCompilation compilation, AnalyzerSet set, Config? record)
        {
            var target = set.SpecificOptions.IsEmpty
                ? compilation
                : compilation.WithOptions(compilation.Options.WithSpecificDiagnosticOptions(compilation.Options.SpecificDiagnosticOptions.SetItems(set.SpecificOptions)));
            var exceptions = new ConcurrentBag<string>();
            var analyzerOptions = new CompilationWithAnalyzersOptions(
                new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                onAnalyzerException: (exception, analyzer, _) => exceptions.Add($"{analyzer.GetType().Name} threw {exception.GetType().Name}: {exception.Message}"),
                concurrentAnalysis: false,
                logAnalyzerExecutionTime: true,
                reportSuppressedDiagnostics: false);
            var withAnalyzers = target.WithAnalyzers(set.Analyzers, analyzerOptions);
            var meter = RunMeter.Start();
            var wall = Stopwatch.StartNew();
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            wall.Stop();
            if (record is null)
            {
                return;
            }

            meter.Stop(record);

            var total = TimeSpan.Zero;
            foreach (var analyzer in set.Analyzers)
            {
                var telemetry = await withAnalyzers.GetAnalyzerTelemetryInfoAsync(analyzer, CancellationToken.None).ConfigureAwait(false);
                total += telemetry.ExecutionTime;
                if (record.Kind == ConfigKind.SrtAll)
                {
                    var name = AnalyzerCatalog.RuleIdOf(analyzer);
                    if (!record.PerAnalyzerMilliseconds.TryGetValue(name, out var times))
                    {
                        times = new List<double>();
                        record.PerAnalyzerMilliseconds[name] = times;
                    }

                    times.Add(telemetry.ExecutionTime.TotalMilliseconds);
                }
            }

            record.Milliseconds.Add(total.TotalMilliseconds);
            record.WallMilliseconds.Add(wall.Elapsed.TotalMilliseconds);
            if (record.Milliseconds.Count == 1)
            {
                foreach (var group in diagnostics.GroupBy(d => d.Id))
                {
                    record.DiagnosticsById[group.Key] = group.Count();
                }
            }

            foreach (var exception in exceptions)
            {
                record.Exceptions.Add(exception);
            }
        }

        private CSharpCompilation Compile(Codebase codebase)
        {
            var parse = new CSharpParseOptions(LanguageVersion.Latest);
            var trees = codebase.Files.Select(f => CSharpSyntaxTree.ParseText(f.Text, parse, path: "/src/" + f.Path)).ToList();
            var references = codebase.ReferencesSdk ? framework.AddRange(sdk) : framework;
            return CSharpCompilation.Create(
                "Contoso.App",
                trees,
                references,
                new CSharpCompilationOptions(
                    OutputKind.DynamicallyLinkedLibrary,
                    nullableContextOptions: NullableContextOptions.Enable,
                    concurrentBuild: false,
                    specificDiagnosticOptions: BuildDefaults));
        }

        /// <summary>
        /// What Microsoft.NET.Sdk passes to every build (NoWarn 1701;1702): the SDK's netstandard
        /// assemblies reference older framework versions than the reference packs, which the compiler
        /// unifies with a warning a real build never shows.
        /// </summary>
        private static readonly ImmutableDictionary<string, ReportDiagnostic> BuildDefaults = ImmutableDictionary<string, ReportDiagnostic>.Empty
            .Add("CS1701", ReportDiagnostic.Suppress)
            .Add("CS1702", ReportDiagnostic.Suppress);

        /// <summary>Throws when the codebase has compile errors; returns a summary of its warnings.</summary>
        private static string CheckCompiles(CSharpCompilation compilation, Codebase codebase)
        {
            var diagnostics = compilation.Clone().GetDiagnostics();
            var errors = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
            if (errors.Count > 0)
            {
                // One example of each kind of error.
                var examples = errors.GroupBy(e => e.Id).Select(g => g.First()).Take(12);
                throw new BenchmarkFailure($"the generated {codebase.Name} codebase does not compile ({errors.Count} errors); one of each kind:{Environment.NewLine}  "
                    + string.Join(Environment.NewLine + "  ", examples));
            }

            var warnings = diagnostics.Where(d => d.Severity == DiagnosticSeverity.Warning).ToList();
            return warnings.Count == 0
                ? "no compiler warnings"
                : $"{warnings.Count} compiler warnings ("
                    + string.Join(", ", warnings.GroupBy(d => d.Id).OrderByDescending(g => g.Count()).Take(4).Select(g => $"{g.Key} x{g.Count()}")) + ")";
        }

        private static void Dump(Codebase codebase, string directory)
        {
            foreach (var file in codebase.Files)
            {
                var path = Path.Combine(directory, file.Path);
                Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                File.WriteAllText(path, file.Text);
            }
        }

        private static void Collect()
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }
    }
}
