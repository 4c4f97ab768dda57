using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;

namespace SupabaseRealtime.Analyzers.Benchmarks
{
    /// <summary>One package of the SDK closure the SDK codebase compiles against.</summary>
    internal sealed record SdkPackage(string Id, string Version, string Path);

    /// <summary>
    /// What the synthetic codebases compile against: the .NET and ASP.NET Core reference packs (the
    /// shared framework's own assemblies when the packs are not installed), and the real Supabase SDK:
    /// the compile references of tests/SdkSets/SdkSet.Supabase160, a consumer of the Supabase 1.6.0
    /// package whose build lists them in its obj/sdk-references.txt ("id|version|path" lines). This
    /// program's build builds that project first and records the list's path in its AssemblyMetadata.
    /// </summary>
    internal static class CompileReferences
    {
        private const string SdkListKey = "SdkReferencesFile";
        private const string SdkSetProject = "tests/SdkSets/SdkSet.Supabase160";

        /// <summary>Where the framework references came from (printed in the report).</summary>
        public static string FrameworkSource { get; private set; } = string.Empty;

        /// <summary>The SDK packages the SDK codebase compiles against (filled by <see cref="LoadSdk"/>).</summary>
        public static IReadOnlyList<SdkPackage> SdkPackages { get; private set; } = Array.Empty<SdkPackage>();

        public static ImmutableArray<MetadataReference> LoadFramework()
        {
            var directories = FindReferencePacks();
            if (directories.Count == 0)
            {
                directories = new List<string>
                {
                    Path.GetDirectoryName(typeof(object).Assembly.Location)!,
                    Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Components.ComponentBase).Assembly.Location)!,
                };
                FrameworkSource = "shared framework assemblies";
            }
            else
            {
                FrameworkSource = "reference packs " + string.Join(", ", directories.Select(d => Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(d)))) + " " + Path.GetFileName(Path.GetDirectoryName(Path.GetDirectoryName(d)))));
            }

            var builder = ImmutableArray.CreateBuilder<MetadataReference>();
            foreach (var file in directories.Distinct().SelectMany(d => Directory.EnumerateFiles(d, "*.dll")).OrderBy(f => f, StringComparer.Ordinal))
            {
                if (IsManagedAssembly(file))
                {
                    builder.Add(MetadataReference.CreateFromFile(file));
                }
            }

            return builder.ToImmutable();
        }

        /// <summary>
        /// The real SDK's compile references, read from the list <see cref="SdkSetProject"/> writes, less
        /// the assemblies <paramref name="framework"/> already has (the Microsoft.Extensions.* abstractions
        /// that ASP.NET Core carries in a newer build), as a real build resolves them. Throws
        /// <see cref="BenchmarkFailure"/> when the list is missing, malformed or names a missing file.
        /// </summary>
        public static ImmutableArray<MetadataReference> LoadSdk(ImmutableArray<MetadataReference> framework)
        {
            var list = typeof(CompileReferences).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == SdkListKey)?.Value;
            if (string.IsNullOrEmpty(list))
            {
                throw new BenchmarkFailure($"this build of the benchmark has no '{SdkListKey}' metadata (see its project file).");
            }

            if (!File.Exists(list))
            {
                throw new BenchmarkFailure($"{list} is missing: build {SdkSetProject} (building the benchmark does, unless it was built with --no-dependencies).");
            }

            var packages = new List<SdkPackage>();
            var lineNumber = 0;
            foreach (var line in File.ReadAllLines(list))
            {
                lineNumber++;
                if (line.Trim().Length == 0)
                {
                    continue;
                }

                var parts = line.Split('|');
                if (parts.Length != 3 || parts.Any(p => p.Trim().Length == 0))
                {
                    throw new BenchmarkFailure($"{list}:{lineNumber}: expected 'package-id|version|path', not '{line}' (rebuild {SdkSetProject}).");
                }

                if (!File.Exists(parts[2]))
                {
                    throw new BenchmarkFailure($"{list}:{lineNumber}: {parts[2]} ({parts[0]} {parts[1]}) does not exist (restore and build {SdkSetProject} again).");
                }

                packages.Add(new SdkPackage(parts[0], parts[1], parts[2]));
            }

            if (!packages.Any(p => string.Equals(p.Id, "Supabase", StringComparison.OrdinalIgnoreCase))
                || !packages.Any(p => string.Equals(p.Id, "Supabase.Realtime", StringComparison.OrdinalIgnoreCase)))
            {
                throw new BenchmarkFailure($"{list} lists no Supabase or no Supabase.Realtime assembly (rebuild {SdkSetProject}).");
            }

            var frameworkFiles = framework.Select(r => Path.GetFileName(r.Display ?? string.Empty)).ToImmutableHashSet(StringComparer.OrdinalIgnoreCase);
            SdkPackages = packages.OrderBy(p => p.Id, StringComparer.OrdinalIgnoreCase).ToList();
            return packages
                .Select(p => p.Path)
                .Where(path => !frameworkFiles.Contains(Path.GetFileName(path)))
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray();
        }

        /// <summary>"Supabase 1.6.0, Supabase.Realtime 7.4.0, ..." for the SDK packages themselves (not their third-party dependencies).</summary>
        public static string SdkSummary()
        {
            var order = new[] { "Supabase", "Supabase.Realtime", "Supabase.Postgrest", "Supabase.Gotrue", "Supabase.Core" };
            return string.Join(", ", SdkPackages
                .Where(p => order.Contains(p.Id, StringComparer.OrdinalIgnoreCase))
                .OrderBy(p => Array.FindIndex(order, id => string.Equals(id, p.Id, StringComparison.OrdinalIgnoreCase)))
                .Select(p => $"{p.Id} {p.Version}"));
        }

        /// <summary>packs/Microsoft.NETCore.App.Ref/&lt;version&gt;/ref/net&lt;major&gt;.0 and the ASP.NET Core one, matching the running runtime's major version.</summary>
        private static List<string> FindReferencePacks()
        {
            var result = new List<string>();
            var runtimeDirectory = Path.GetDirectoryName(typeof(object).Assembly.Location);
            var dotnetRoot = runtimeDirectory is null ? null : Path.GetDirectoryName(Path.GetDirectoryName(Path.GetDirectoryName(runtimeDirectory)));
            if (dotnetRoot is null)
            {
                return result;
            }

            var major = Environment.Version.Major;
            foreach (var pack in new[] { "Microsoft.NETCore.App.Ref", "Microsoft.AspNetCore.App.Ref" })
            {
                var packDirectory = Path.Combine(dotnetRoot, "packs", pack);
                if (!Directory.Exists(packDirectory))
                {
                    return new List<string>();
                }

                var best = Directory.EnumerateDirectories(packDirectory)
                    .Select(d => (Directory: d, Version: Version.TryParse(Path.GetFileName(d).Split('-')[0], out var v) ? v : null))
                    .Where(x => x.Version != null && x.Version.Major == major)
                    .OrderByDescending(x => x.Version)
                    .Select(x => Path.Combine(x.Directory, "ref", $"net{major}.0"))
                    .FirstOrDefault(Directory.Exists);
                if (best is null)
                {
                    return new List<string>();
                }

                result.Add(best);
            }

            return result;
        }

        private static bool IsManagedAssembly(string file)
        {
            try
            {
                using var stream = File.OpenRead(file);
                using var reader = new PEReader(stream);
                return reader.HasMetadata && reader.GetMetadataReader().IsAssembly;
            }
            catch (BadImageFormatException)
            {
                return false;
            }
        }
    }
}
