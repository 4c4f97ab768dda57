using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace SupabaseRealtime.Analyzers.Benchmarks
{
    /// <summary>Prints the figures as Markdown tables (they paste into the README as they are).</summary>
    internal static class Report
    {
        public const double CompilerShareTarget = 2.0;
        public const double AllocationTargetMb = 60.0;
        public const double NoSdkShareTarget = 0.05;
        public const double ScalingSpreadTarget = 1.2;

        private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

        public static void PrintSize(TextWriter output, SizeResult result, int repetitions)
        {
            var sdkCompiler = result.Compiler(sdk: true).Median;
            var noSdkCompiler = result.Compiler(sdk: false).Median;
            var sdkBaseline = result.Find(ConfigKind.Baseline, sdk: true)?.Median ?? double.NaN;
            var noSdkBaseline = result.Find(ConfigKind.Baseline, sdk: false)?.Median ?? double.NaN;
            var peers = result.Configs.Where(c => c.Kind == ConfigKind.Peer).ToList();

            output.WriteLine();
            output.WriteLine($"### {result.Sdk.Files.Length.ToString("N0", Invariant)} files, R = {repetitions} (medians)");
            output.WriteLine();
            if (result.LoadBefore != null || result.LoadAfter != null)
            {
                output.WriteLine($"Machine load: before the runs {result.LoadBefore ?? "?"}; after them {result.LoadAfter ?? "?"}.");
                output.WriteLine();
            }

            output.WriteLine($"SDK codebase: {result.Sdk.Lines.ToString("N0", Invariant)} lines, {result.Sdk.SdkFiles.ToString("N0", Invariant)} files use the realtime SDK; "
                + $"{result.Sdk.CompileSummary}; compiler {Ms(sdkCompiler)} ms.");
            output.WriteLine();

            var header = new List<string> { "configuration (SDK codebase)", "diagnostics", "median ms", "% of compiler", "x empty" };
            header.AddRange(peers.Select(p => "x " + ShortPeerName(p)));
            header.AddRange(new[] { "whole run ms", "run CPU ms", "GC pauses ms", "allocated MB" });
            var rows = new List<List<string>>();
            foreach (var config in result.Configs.Where(c => c.SdkCodebase))
            {
                var row = new List<string>
                {
                    config.Label,
                    config.Kind == ConfigKind.Compiler ? "-" : config.Diagnostics.ToString("N0", Invariant),
                    Ms(config.Median),
                    Percent(config.Median, sdkCompiler),
                    config.Kind == ConfigKind.Compiler ? "-" : Ratio(config.Median, sdkBaseline),
                };
                row.AddRange(peers.Select(p => config.Kind == ConfigKind.Compiler ? "-" : Ratio(config.Median, p.Median)));
                row.Add(Ms(config.MedianWall));
                row.Add(Ms(config.MedianCpu));
                row.Add(Ms(config.MedianPause));
                row.Add(Ms(config.MedianAllocated));
                rows.Add(row);
            }

            Table(output, header, rows);

            output.WriteLine();
            output.WriteLine($"No-SDK codebase: {result.NoSdk.Lines.ToString("N0", Invariant)} lines, no SDK reference; {result.NoSdk.CompileSummary}; compiler {Ms(noSdkCompiler)} ms.");
            output.WriteLine();
            rows.Clear();
            foreach (var config in result.Configs.Where(c => !c.SdkCodebase))
            {
                rows.Add(new List<string>
                {
                    config.Label,
                    config.Kind == ConfigKind.Compiler ? "-" : config.Diagnostics.ToString("N0", Invariant),
                    Ms(config.Median),
                    Percent(config.Median, noSdkCompiler),
                    config.Kind == ConfigKind.Compiler ? "-" : Ratio(config.Median, noSdkBaseline),
                    Ms(config.MedianWall),
                    Ms(config.MedianCpu),
                    Ms(config.MedianPause),
                    Ms(config.MedianAllocated),
                });
            }

            Table(output, new List<string> { "configuration (no-SDK codebase)", "diagnostics", "median ms", "% of compiler", "x empty", "whole run ms", "run CPU ms", "GC pauses ms", "allocated MB" }, rows);

            var all = result.Find(ConfigKind.SrtAll, sdk: true);
            if (all != null && all.PerAnalyzerMilliseconds.Count > 1)
            {
                output.WriteLine();
                output.WriteLine("Where the time goes when all SRT analyzers run together (each one's ExecutionTime; work they share is charged to whichever asks first):");
                output.WriteLine();
                Table(output, new List<string> { "rule", "median ms", "% of compiler", "share of all SRT" }, all.PerAnalyzerMilliseconds.Select(pair => new List<string>
                {
                    pair.Key,
                    Ms(Statistics.Median(pair.Value)),
                    Percent(Statistics.Median(pair.Value), sdkCompiler),
                    Percent(Statistics.Median(pair.Value), all.Median),
                }).ToList());
            }

            if (all != null)
            {
                output.WriteLine();
                output.WriteLine("Planted misuses and what the SRT analyzers reported on the SDK codebase:");
                output.WriteLine();
                var measured = all.Set!.Analyzers.SelectMany(a => a.SupportedDiagnostics.Select(d => d.Id)).Distinct().ToList();
                var ids = result.Sdk.Misuses.Keys.Where(measured.Contains).Union(all.DiagnosticsById.Keys).OrderBy(id => id, StringComparer.Ordinal).ToList();
                Table(output, new List<string> { "rule", "diagnostics expected (planted misuses)", "diagnostics reported" }, ids.Select(id => new List<string>
                {
                    id,
                    result.Sdk.Misuses.TryGetValue(id, out var planted) ? planted.ToString(Invariant) : "0",
                    all.DiagnosticsById.TryGetValue(id, out var reported) ? reported.ToString(Invariant) : "0",
                }).ToList());
                var expected = ids.Sum(id => result.Sdk.Misuses.TryGetValue(id, out var planted) ? planted : 0);
                var differing = ids.Where(id => (result.Sdk.Misuses.TryGetValue(id, out var planted) ? planted : 0) != (all.DiagnosticsById.TryGetValue(id, out var reported) ? reported : 0)).ToList();
                output.WriteLine();
                output.WriteLine(differing.Count == 0
                    ? $"Planted misuses: {all.Diagnostics.ToString(Invariant)} diagnostics reported for {expected.ToString(Invariant)} expected, rule for rule; nothing else."
                    : $"WARNING: planted misuses: {all.Diagnostics.ToString(Invariant)} diagnostics reported for {expected.ToString(Invariant)} expected; they differ for {string.Join(", ", differing)}.");
            }

            var noSdkAll = result.Find(ConfigKind.SrtAll, sdk: false);
            if (noSdkAll != null && noSdkAll.Diagnostics > 0)
            {
                output.WriteLine();
                output.WriteLine($"WARNING: the SRT analyzers reported {noSdkAll.Diagnostics} diagnostics on the codebase without the SDK.");
            }

            var failing = result.Configs.Where(c => c.Exceptions.Count > 0).ToList();
            if (failing.Count > 0)
            {
                output.WriteLine();
                output.WriteLine("Analyzer exceptions (AD0001) during the runs:");
                foreach (var config in failing)
                {
                    foreach (var exception in config.Exceptions.Take(5))
                    {
                        output.WriteLine($"- {config.Label}: {exception}");
                    }
                }
            }
        }

        /// <summary>"load average 1.23 0.98 0.75" from /proc/loadavg, or null where there is none.</summary>
        public static string? LoadAverage()
        {
            try
            {
                var parts = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
                return parts.Length >= 3 ? $"load average {parts[0]} {parts[1]} {parts[2]} (1, 5, 15 min)" : null;
            }
            catch (IOException)
            {
                return null;
            }
            catch (UnauthorizedAccessException)
            {
                return null;
            }
        }

        public static void PrintTargets(TextWriter output, SizeResult result)
        {
            output.WriteLine();
            output.WriteLine("### Targets (the channel-model issue: 500 files, R = 3, quiet machine)");
            output.WriteLine();
            var all = result.Find(ConfigKind.SrtAll, sdk: true);
            var noSdkAll = result.Find(ConfigKind.SrtAll, sdk: false);
            if (all is null || noSdkAll is null)
            {
                output.WriteLine("- The analyzer assembly holds no SRT analyzer yet: the targets are not evaluated.");
                return;
            }

            var compiler = result.Compiler(sdk: true).Median;
            var noSdkCompiler = result.Compiler(sdk: false).Median;
            var share = 100 * all.Median / compiler;
            var noSdkShare = 100 * noSdkAll.Median / noSdkCompiler;
            output.WriteLine($"- SDK codebase, all SRT rules <= {CompilerShareTarget.ToString(Invariant)}% of the compiler: {Percent(all.Median, compiler)} -> {Verdict(share <= CompilerShareTarget)}");
            output.WriteLine($"- No-SDK codebase, all SRT rules <= {NoSdkShareTarget.ToString(Invariant)}% of the compiler: {Percent(noSdkAll.Median, noSdkCompiler)} -> {Verdict(noSdkShare <= NoSdkShareTarget)}");

            // A cross-check that preemption and GC pauses cannot inflate: the processor time of the whole run.
            var emptyRun = result.Find(ConfigKind.Baseline, sdk: true)!;
            var extraCpu = all.MedianCpu - emptyRun.MedianCpu;
            output.WriteLine($"- Cross-check (processor time of the whole run, all threads): all SRT {Ms(all.MedianCpu)} ms vs the empty baseline's run {Ms(emptyRun.MedianCpu)} ms: "
                + $"{(extraCpu >= 0 ? "+" : "-")}{Ms(Math.Abs(extraCpu))} ms, {Percent(Math.Abs(extraCpu), result.Compiler(sdk: true).MedianCpu)} of the compiler's own run ({Ms(result.Compiler(sdk: true).MedianCpu)} ms){(extraCpu < 0 ? " (within noise)" : string.Empty)}. "
                + $"ExecutionTime is wall time inside callbacks: GC pauses and threads waiting for a core during a callback count in it.");
            var extraAllocated = all.MedianAllocated - emptyRun.MedianAllocated;
            output.WriteLine($"- Allocations (the whole run, all threads; load does not change them): all SRT {Ms(all.MedianAllocated)} MB vs the empty baseline's run {Ms(emptyRun.MedianAllocated)} MB: "
                + $"{(extraAllocated >= 0 ? "+" : "-")}{Ms(Math.Abs(extraAllocated))} MB, {Percent(Math.Abs(extraAllocated), result.Compiler(sdk: true).MedianAllocated)} of what the compiler's own run allocates ({Ms(result.Compiler(sdk: true).MedianAllocated)} MB); "
                + $"target <= +{AllocationTargetMb.ToString(Invariant)} MB -> {Verdict(extraAllocated <= AllocationTargetMb)}.");
        }

        public static void PrintScaling(TextWriter output, IReadOnlyList<SizeResult> results)
        {
            output.WriteLine();
            output.WriteLine("### Scaling: cost per file (medians)");
            output.WriteLine();
            var peerLabels = results[0].Configs.Where(c => c.Kind == ConfigKind.Peer).Select(ShortPeerName).ToList();
            var header = new List<string> { "files", "lines", "compiler ms/file", "empty us/file", "all SRT us/file", "all SRT % of compiler", "all SRT no-SDK us/file" };
            header.AddRange(peerLabels.Select(p => p + " us/file"));
            var rows = new List<List<string>>();
            foreach (var result in results)
            {
                var files = result.Sdk.Files.Length;
                var compiler = result.Compiler(sdk: true).Median;
                var all = result.Find(ConfigKind.SrtAll, sdk: true);
                var noSdkAll = result.Find(ConfigKind.SrtAll, sdk: false);
                var row = new List<string>
                {
                    files.ToString("N0", Invariant),
                    result.Sdk.Lines.ToString("N0", Invariant),
                    (compiler / files).ToString("F2", Invariant),
                    Micro(result.Find(ConfigKind.Baseline, sdk: true)!.Median, files),
                    all is null ? "-" : Micro(all.Median, files),
                    all is null ? "-" : Percent(all.Median, compiler),
                    noSdkAll is null ? "-" : Micro(noSdkAll.Median, files),
                };
                row.AddRange(result.Configs.Where(c => c.Kind == ConfigKind.Peer).Select(p => Micro(p.Median, files)));
                rows.Add(row);
            }

            Table(output, header, rows);

            var perFile = results.Select(r => (r.Find(ConfigKind.SrtAll, sdk: true)?.Median ?? double.NaN) / r.Sdk.Files.Length).ToList();
            output.WriteLine();
            if (perFile.Any(double.IsNaN))
            {
                output.WriteLine("- No SRT analyzer yet: the cost per file of the SRT analyzers is not evaluated.");
            }
            else
            {
                var spread = perFile.Max() / perFile.Min();
                output.WriteLine($"- All SRT analyzers, cost per file from {results[0].Sdk.Files.Length:N0} to {results[^1].Sdk.Files.Length:N0} files: "
                    + $"{Micro(perFile.Min(), 1)} to {Micro(perFile.Max(), 1)} us (largest / smallest = {spread.ToString("F2", Invariant)}; target <= {ScalingSpreadTarget.ToString(Invariant)} -> {Verdict(spread <= ScalingSpreadTarget)}).");
            }
        }

        private static string ShortPeerName(Config peer)
        {
            var label = peer.Set?.Name ?? peer.Label;
            var space = label.IndexOf(" (", StringComparison.Ordinal);
            return label.StartsWith("CA", StringComparison.Ordinal) && space > 0 ? label.Substring(0, space) : label;
        }

        private static string Verdict(bool met) => met ? "met" : "NOT met";

        private static string Ms(double value)
        {
            if (double.IsNaN(value))
            {
                return "-";
            }

            return value < 10 ? value.ToString("F2", Invariant) : value < 100 ? value.ToString("F1", Invariant) : value.ToString("N0", Invariant);
        }

        private static string Micro(double milliseconds, int files)
        {
            var value = 1000 * milliseconds / files;
            return value < 10 ? value.ToString("F2", Invariant) : value.ToString("F1", Invariant);
        }

        private static string Percent(double value, double of)
        {
            if (double.IsNaN(value) || double.IsNaN(of) || of <= 0)
            {
                return "-";
            }

            var p = 100 * value / of;
            return (p < 0.1 ? p.ToString("F3", Invariant) : p < 10 ? p.ToString("F2", Invariant) : p.ToString("F1", Invariant)) + "%";
        }

        private static string Ratio(double value, double of)
        {
            if (double.IsNaN(value) || double.IsNaN(of) || of <= 0)
            {
                return "-";
            }

            var r = value / of;
            var format = r < 0.001 ? "F5" : r < 0.01 ? "F4" : r < 0.1 ? "F3" : r < 10 ? "F2" : "F1";
            return r.ToString(format, Invariant) + "x";
        }

        private static void Table(TextWriter output, IReadOnlyList<string> header, IReadOnlyList<List<string>> rows)
        {
            var widths = header.Select((h, i) => Math.Max(h.Length, rows.Count == 0 ? 0 : rows.Max(r => r[i].Length))).ToArray();
            string Line(IReadOnlyList<string> cells) => "| " + string.Join(" | ", cells.Select((c, i) => i == 0 ? c.PadRight(widths[i]) : c.PadLeft(widths[i]))) + " |";
            output.WriteLine(Line(header));
            output.WriteLine("|" + string.Join("|", widths.Select((w, i) => i == 0 ? new string('-', w + 2) : new string('-', w + 1) + ":")) + "|");
            foreach (var row in rows)
            {
                output.WriteLine(Line(row));
            }
        }
    }
}
