using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace SupabaseRealtime.Analyzers.Tests.Verification
{
    /// <summary>Which shape of the Supabase SDK a test compiles against.</summary>
    public enum SdkShape
    {
        /// <summary>Current SDK: Supabase.Realtime 7.4 (handler methods, OnPostgresChange), Supabase.Postgrest.</summary>
        Current,

        /// <summary>Supabase.Realtime 7.0: handler methods, no handler pairing, no OnPostgresChange.</summary>
        Realtime70,

        /// <summary>Supabase.Realtime 5.x: C# events on the channel instead of handler methods.</summary>
        Realtime5,

        /// <summary>Current Realtime with Postgrest before 3.3 (namespace <c>Postgrest</c>).</summary>
        LegacyPostgrest,

        /// <summary>No SDK reference at all.</summary>
        None,
    }

    /// <summary>
    /// Metadata references for test compilations: the .NET shared frameworks the tests run on
    /// (Microsoft.NETCore.App and Microsoft.AspNetCore.App, so Blazor's ComponentBase and
    /// BackgroundService are the real ones), plus compile-only SDK stand-ins built from source
    /// once per test run.
    /// </summary>
    public static class References
    {
        private static readonly Lazy<ImmutableArray<MetadataReference>> FrameworkReferences = new(LoadFrameworks);
        private static readonly Lazy<MetadataReference> FrameworkStandIns = new(() => Build("UIFrameworks.StandIns", new Version(1, 0, 0, 0), ImmutableArray<string>.Empty, ImmutableArray<MetadataReference>.Empty, "StandIns.Frameworks.cs"));
        private static readonly Dictionary<SdkShape, Lazy<ImmutableArray<MetadataReference>>> Sdk = new()
        {
            [SdkShape.Current] = new(() => BuildSdk(new Version(7, 4, 0, 0), ImmutableArray<string>.Empty, realtime5: false)),
            [SdkShape.Realtime70] = new(() => BuildSdk(new Version(7, 0, 0, 0), ImmutableArray.Create("REALTIME_PRE_7_4"), realtime5: false)),
            [SdkShape.Realtime5] = new(() => BuildSdk(new Version(5, 0, 5, 0), ImmutableArray<string>.Empty, realtime5: true)),
            [SdkShape.LegacyPostgrest] = new(() => BuildSdk(new Version(7, 4, 0, 0), ImmutableArray.Create("POSTGREST_LEGACY"), realtime5: false)),
            [SdkShape.None] = new(() => ImmutableArray<MetadataReference>.Empty),
        };

        /// <summary>The framework references (no SDK).</summary>
        public static ImmutableArray<MetadataReference> Framework => FrameworkReferences.Value;

        /// <summary>Everything a test compilation of <paramref name="shape"/> references.</summary>
        public static ImmutableArray<MetadataReference> For(SdkShape shape)
            => FrameworkReferences.Value.Add(FrameworkStandIns.Value).AddRange(Sdk[shape].Value);

        /// <summary>The SDK stand-in references alone.</summary>
        public static ImmutableArray<MetadataReference> SdkOnly(SdkShape shape) => Sdk[shape].Value;

        /// <summary>The source text of an embedded stand-in file (for tests that build their own variant).</summary>
        public static string ReadStandIn(string logicalName)
        {
            using var stream = typeof(References).Assembly.GetManifestResourceStream(logicalName)
                ?? throw new InvalidOperationException($"Embedded stand-in '{logicalName}' is missing.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }

        /// <summary>Compiles <paramref name="sources"/> into an in-memory assembly reference; compile errors throw with their text.</summary>
        public static MetadataReference Compile(string assemblyName, Version version, IEnumerable<string> preprocessorSymbols,
            IEnumerable<MetadataReference> references, params string[] sources)
        {
            var parse = new CSharpParseOptions(LanguageVersion.CSharp11, preprocessorSymbols: preprocessorSymbols);
            var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, parse, path: $"/{assemblyName}/{i}.cs")).ToList();
            trees.Add(CSharpSyntaxTree.ParseText($"[assembly: System.Reflection.AssemblyVersion(\"{version}\")]", parse));
            var compilation = CSharpCompilation.Create(
                assemblyName,
                trees,
                FrameworkReferences.Value.AddRange(references),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            if (!result.Success)
            {
                var errors = string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
                throw new InvalidOperationException($"Stand-in '{assemblyName}' does not compile:{Environment.NewLine}{errors}");
            }

            return MetadataReference.CreateFromImage(stream.ToArray(), filePath: assemblyName + ".dll");
        }

        private static MetadataReference Build(string assemblyName, Version version, ImmutableArray<string> symbols,
            ImmutableArray<MetadataReference> references, params string[] resources)
            => Compile(assemblyName, version, symbols, references, resources.Select(ReadStandIn).ToArray());

        private static ImmutableArray<MetadataReference> BuildSdk(Version realtimeVersion, ImmutableArray<string> symbols, bool realtime5)
        {
            var postgrestVersion = symbols.Contains("POSTGREST_LEGACY") ? new Version(3, 2, 0, 0) : new Version(3, 5, 1, 0);
            var postgrest = Build("Supabase.Postgrest", postgrestVersion, symbols, ImmutableArray<MetadataReference>.Empty, "StandIns.Sdk.Postgrest.cs");
            var gotrue = Build("Supabase.Gotrue", new Version(6, 0, 3, 0), symbols, ImmutableArray<MetadataReference>.Empty, "StandIns.Sdk.Gotrue.cs");
            var realtime = Build("Supabase.Realtime", realtimeVersion, symbols, ImmutableArray.Create(postgrest),
                realtime5 ? "StandIns.Realtime5.cs" : "StandIns.Sdk.Realtime.cs");
            if (realtime5)
            {
                // The 5.x-era Supabase client is not modelled: tests of the event shape use the realtime client directly.
                return ImmutableArray.Create(postgrest, gotrue, realtime);
            }

            var supabase = Build("Supabase", new Version(1, 1, 1, 0), symbols, ImmutableArray.Create(postgrest, gotrue, realtime), "StandIns.Sdk.Supabase.cs");
            return ImmutableArray.Create(postgrest, gotrue, realtime, supabase);
        }

        private static ImmutableArray<MetadataReference> LoadFrameworks()
        {
            var directories = new[]
            {
                Path.GetDirectoryName(typeof(object).Assembly.Location)!,
                Path.GetDirectoryName(typeof(Microsoft.AspNetCore.Components.ComponentBase).Assembly.Location)!,
            };

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
