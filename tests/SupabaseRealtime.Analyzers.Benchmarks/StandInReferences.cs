using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SupabaseRealtime.Analyzers.Benchmarks
{
    /// <summary>
    /// What the synthetic codebases compile against: the .NET and ASP.NET Core reference packs (the
    /// shared framework's own assemblies when the packs are not installed), and the Supabase SDK
    /// stand-ins from samples/SupabaseStandIn, embedded in this program and compiled in memory.
    /// </summary>
    internal static class StandInReferences
    {
        /// <summary>Where the framework references came from (printed in the report).</summary>
        public static string FrameworkSource { get; private set; } = string.Empty;

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

        /// <summary>Compiles the SDK stand-ins (Realtime 7.4 shape) into four in-memory assemblies.</summary>
        public static ImmutableArray<MetadataReference> BuildSdk(ImmutableArray<MetadataReference> framework)
        {
            var postgrest = Compile("Supabase.Postgrest", new Version(3, 5, 1, 0), framework, "StandIns.Sdk.Postgrest.cs");
            var gotrue = Compile("Supabase.Gotrue", new Version(6, 0, 3, 0), framework, "StandIns.Sdk.Gotrue.cs");
            var realtime = Compile("Supabase.Realtime", new Version(7, 4, 0, 0), framework.Add(postgrest), "StandIns.Sdk.Realtime.cs");
            var supabase = Compile("Supabase", new Version(1, 1, 1, 0), framework.AddRange(new[] { postgrest, gotrue, realtime }), "StandIns.Sdk.Supabase.cs");
            return ImmutableArray.Create(postgrest, gotrue, realtime, supabase);
        }

        private static MetadataReference Compile(string assemblyName, Version version, ImmutableArray<MetadataReference> references, string resource)
        {
            var parse = new CSharpParseOptions(LanguageVersion.CSharp11);
            var trees = new[]
            {
                CSharpSyntaxTree.ParseText(ReadResource(resource), parse, path: $"/{assemblyName}/{resource}"),
                CSharpSyntaxTree.ParseText($"[assembly: System.Reflection.AssemblyVersion(\"{version}\")]", parse, path: $"/{assemblyName}/AssemblyInfo.cs"),
            };
            var compilation = CSharpCompilation.Create(
                assemblyName,
                trees,
                references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            if (!result.Success)
            {
                var errors = string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error).Take(10));
                throw new InvalidOperationException($"The SDK stand-in '{assemblyName}' does not compile:{Environment.NewLine}{errors}");
            }

            return MetadataReference.CreateFromImage(stream.ToArray(), filePath: assemblyName + ".dll");
        }

        private static string ReadResource(string logicalName)
        {
            using var stream = typeof(StandInReferences).Assembly.GetManifestResourceStream(logicalName)
                ?? throw new InvalidOperationException($"The embedded stand-in '{logicalName}' is missing.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
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
