using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Runtime.Loader;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SupabaseRealtime.Analyzers.Benchmarks
{
    /// <summary>A set of analyzers measured together, with the diagnostic options the run needs.</summary>
    internal sealed class AnalyzerSet
    {
        public AnalyzerSet(string name, ImmutableArray<DiagnosticAnalyzer> analyzers, ImmutableDictionary<string, ReportDiagnostic>? specificOptions = null)
        {
            Name = name;
            Analyzers = analyzers;
            SpecificOptions = specificOptions ?? ImmutableDictionary<string, ReportDiagnostic>.Empty;
        }

        public string Name { get; }

        public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

        /// <summary>Applied to the compilation's options for this set's runs (used to turn on just CA2000/CA2213).</summary>
        public ImmutableDictionary<string, ReportDiagnostic> SpecificOptions { get; }
    }

    /// <summary>A peer that could or could not be loaded.</summary>
    internal sealed record PeerLoad(string Name, AnalyzerSet? Set, string? Failure);

    /// <summary>Finds the SRT analyzers and loads the peers' analyzers from their NuGet packages.</summary>
    internal static class AnalyzerCatalog
    {
        private static readonly List<string> PeerDirectories = new List<string>();
        private static bool resolverInstalled;

        /// <summary>The Roslyn this program runs on (every analyzer binds to it).</summary>
        public static Version RoslynVersion => typeof(Compilation).Assembly.GetName().Version ?? new Version(0, 0);

        /// <summary>The assembly the SRT analyzers live in.</summary>
        public static Assembly SrtAssembly => typeof(SupabaseRealtime.Analyzers.Descriptors).Assembly;

        /// <summary>True when the SRT analyzer assembly was compiled without optimizations (a Debug build).</summary>
        public static bool SrtIsDebugBuild
            => SrtAssembly.GetCustomAttribute<DebuggableAttribute>()?.IsJITOptimizerDisabled ?? false;

        /// <summary>
        /// One analyzer per rule, ordered by rule ID: the package's analyzer (<see cref="SupabaseRealtimeAnalyzer"/>) hosting
        /// that rule alone, so each rule's cost can be measured on its own. The package ships one analyzer hosting them all
        /// (<see cref="Together"/>); <see cref="ShippedAnalyzerTypes"/> checks that.
        /// </summary>
        public static ImmutableArray<DiagnosticAnalyzer> DiscoverSrtAnalyzers()
            => SupabaseRealtimeAnalyzer.AllRules()
                .Select(rule => (DiagnosticAnalyzer)new SupabaseRealtimeAnalyzer(new[] { rule }))
                .OrderBy(RuleIdOf, StringComparer.Ordinal)
                .ToImmutableArray();

        /// <summary>The rules of <paramref name="singles"/> (from <see cref="DiscoverSrtAnalyzers"/>) in one analyzer, as the package ships them.</summary>
        public static DiagnosticAnalyzer Together(ImmutableArray<DiagnosticAnalyzer> singles)
            => new SupabaseRealtimeAnalyzer(singles.Cast<SupabaseRealtimeAnalyzer>().SelectMany(host => host.Rules));

        /// <summary>The rule's class for a single-rule analyzer, else the analyzer's type name.</summary>
        public static string NameOf(DiagnosticAnalyzer analyzer)
            => analyzer is SupabaseRealtimeAnalyzer host && host.Rules.Length == 1 ? host.Rules[0].GetType().Name : analyzer.GetType().Name;

        /// <summary>Every non-abstract <see cref="DiagnosticAnalyzer"/> with a C# <c>[DiagnosticAnalyzer]</c> in the analyzer assembly (what a host loads).</summary>
        public static IReadOnlyList<Type> ShippedAnalyzerTypes()
        {
            Type[] types;
            try
            {
                types = SrtAssembly.GetTypes();
            }
            catch (ReflectionTypeLoadException e)
            {
                types = e.Types.Where(t => t != null).Select(t => t!).ToArray();
            }

            return types
                .Where(t => typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && !t.IsAbstract && !t.ContainsGenericParameters)
                .Where(t => t.GetCustomAttributes<DiagnosticAnalyzerAttribute>(inherit: false).Any(a => a.Languages.Contains(LanguageNames.CSharp)))
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .ToList();
        }

        /// <summary>"SRT001" for an analyzer (its first supported ID), or its type name when it supports none.</summary>
        public static string RuleIdOf(DiagnosticAnalyzer analyzer)
        {
            var ids = analyzer.SupportedDiagnostics.Select(d => d.Id).Distinct().OrderBy(id => id, StringComparer.Ordinal).ToList();
            return ids.Count == 0 ? analyzer.GetType().Name : string.Join("/", ids);
        }

        public static IReadOnlyList<PeerLoad> LoadPeers()
        {
            var root = Path.Combine(AppContext.BaseDirectory, "peers");
            return new[]
            {
                LoadPeer("IDisposableAnalyzers", root, () => new[] { Path.Combine(root, "IDisposableAnalyzers", "IDisposableAnalyzers.dll") }, null),
                LoadPeer("Meziantou.Analyzer", root, () => new[] { PickMeziantouBuild(Path.Combine(root, "Meziantou.Analyzer")) }, null),
                LoadPeer(
                    "NetAnalyzers",
                    root,
                    () => new[] { Path.Combine(root, "NetAnalyzers", "Microsoft.CodeAnalysis.NetAnalyzers.dll"), Path.Combine(root, "NetAnalyzers", "Microsoft.CodeAnalysis.CSharp.NetAnalyzers.dll") },
                    new[] { "CA2000", "CA2213" }),
            };
        }

        private static PeerLoad LoadPeer(string name, string root, Func<string[]> files, string[]? onlyIds)
        {
            var version = typeof(AnalyzerCatalog).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .FirstOrDefault(a => a.Key == "Peer:" + name)?.Value ?? "?";
            var label = onlyIds is null ? $"{name} {version}" : $"{string.Join("/", onlyIds)} ({name} {version})";
            try
            {
                var paths = files();
                foreach (var path in paths)
                {
                    if (!File.Exists(path))
                    {
                        return new PeerLoad(label, null, $"{path} is missing (the package was not restored?)");
                    }

                    var needs = ReferencedRoslyn(path);
                    if (needs != null && needs > RoslynVersion)
                    {
                        return new PeerLoad(label, null, $"{Path.GetFileName(path)} needs Roslyn {needs}, this program runs {RoslynVersion}");
                    }
                }

                InstallResolver(paths.Select(p => Path.GetDirectoryName(p)!));
                var loader = new PeerAssemblyLoader();
                var failures = new List<string>();
                var analyzers = new List<DiagnosticAnalyzer>();
                foreach (var path in paths)
                {
                    var reference = new AnalyzerFileReference(path, loader);
                    reference.AnalyzerLoadFailed += (_, e) => failures.Add($"{e.TypeName ?? Path.GetFileName(path)}: {e.Message}");
                    analyzers.AddRange(reference.GetAnalyzers(LanguageNames.CSharp));
                }

                if (onlyIds != null)
                {
                    analyzers = analyzers.Where(a => a.SupportedDiagnostics.Any(d => onlyIds.Contains(d.Id))).ToList();
                }

                if (analyzers.Count == 0)
                {
                    return new PeerLoad(label, null, failures.Count > 0 ? string.Join("; ", failures.Take(3)) : "no C# analyzers found");
                }

                ImmutableDictionary<string, ReportDiagnostic>? options = null;
                if (onlyIds != null)
                {
                    // Just those rules: everything else the chosen analyzers support is off, the two IDs (off by default) are on.
                    var builder = ImmutableDictionary.CreateBuilder<string, ReportDiagnostic>();
                    foreach (var id in analyzers.SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).Distinct())
                    {
                        builder[id] = onlyIds.Contains(id) ? ReportDiagnostic.Warn : ReportDiagnostic.Suppress;
                    }

                    options = builder.ToImmutable();
                }

                var note = failures.Count > 0 ? $" ({failures.Count} types failed to load)" : string.Empty;
                return new PeerLoad(label, new AnalyzerSet(label + note, analyzers.ToImmutableArray(), options), null);
            }
            catch (Exception e) when (e is IOException or BadImageFormatException or FileLoadException or TypeLoadException or InvalidOperationException or ReflectionTypeLoadException or MissingMethodException)
            {
                return new PeerLoad(label, null, $"{e.GetType().Name}: {e.Message}");
            }
        }

        /// <summary>Meziantou ships one build per Roslyn version (analyzers/dotnet/roslynX.Y/cs): take the newest this Roslyn can load.</summary>
        private static string PickMeziantouBuild(string directory)
        {
            if (!Directory.Exists(directory))
            {
                return Path.Combine(directory, "Meziantou.Analyzer.dll");
            }

            var candidates = Directory.EnumerateDirectories(directory, "roslyn*")
                .Select(d => (Directory: d, Version: Version.TryParse(Path.GetFileName(d).Substring("roslyn".Length), out var v) ? v : null))
                .Where(x => x.Version != null && x.Version <= new Version(RoslynVersion.Major, RoslynVersion.Minor))
                .OrderByDescending(x => x.Version)
                .Select(x => Path.Combine(x.Directory, "cs", "Meziantou.Analyzer.dll"))
                .Where(File.Exists)
                .ToList();
            if (candidates.Count == 0)
            {
                throw new InvalidOperationException($"no build of Meziantou.Analyzer for Roslyn {RoslynVersion} or older under {directory}");
            }

            return candidates[0];
        }

        /// <summary>The Microsoft.CodeAnalysis version an analyzer dll was compiled against, or null.</summary>
        private static Version? ReferencedRoslyn(string path)
        {
            using var stream = File.OpenRead(path);
            using var pe = new PEReader(stream);
            var metadata = pe.GetMetadataReader();
            foreach (var handle in metadata.AssemblyReferences)
            {
                var reference = metadata.GetAssemblyReference(handle);
                if (metadata.GetString(reference.Name) == "Microsoft.CodeAnalysis")
                {
                    return reference.Version;
                }
            }

            return null;
        }

        private static void InstallResolver(IEnumerable<string> directories)
        {
            lock (PeerDirectories)
            {
                PeerDirectories.AddRange(directories.Where(d => !PeerDirectories.Contains(d)));
                if (resolverInstalled)
                {
                    return;
                }

                resolverInstalled = true;
            }

            // A peer's own dependencies (NetAnalyzers' C# dll needs its language-neutral one) come from the peer's folder.
            AssemblyLoadContext.Default.Resolving += (context, name) =>
            {
                lock (PeerDirectories)
                {
                    foreach (var directory in PeerDirectories)
                    {
                        var candidate = Path.Combine(directory, name.Name + ".dll");
                        if (File.Exists(candidate))
                        {
                            return context.LoadFromAssemblyPath(candidate);
                        }
                    }
                }

                return null;
            };
        }

        private sealed class PeerAssemblyLoader : IAnalyzerAssemblyLoader
        {
            public void AddDependencyLocation(string fullPath)
            {
            }

            public Assembly LoadFromPath(string fullPath) => AssemblyLoadContext.Default.LoadFromAssemblyPath(fullPath);
        }
    }
}
