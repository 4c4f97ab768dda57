using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;

namespace SupabaseRealtime.Analyzers.Tests.Verification
{
    /// <summary>
    /// The real Supabase SDK a test compiles against: one consumer project per version under
    /// tests/SdkSets, restored from the real packages (../shared/nuget here, the public registry elsewhere).
    /// What each version does: ../shared/reference/sdk-behaviour.md.
    /// </summary>
    public enum SdkVersion
    {
        /// <summary>Supabase 1.6.0: Realtime 7.4.0 (OnPostgresChange, Channel(name, ChannelOptions)), Gotrue 6.3.0, Postgrest 4.4.0. The default.</summary>
        Supabase160,

        /// <summary>Supabase 1.1.1: Realtime 7.0.2 (handler methods, no handler pairing), Gotrue 6.0.3, Postgrest 4.0.3.</summary>
        Supabase111,

        /// <summary>Supabase.Realtime 7.3.0 alone (handler pairing since 7.1; no OnPostgresChange; no Supabase client).</summary>
        Realtime730,

        /// <summary>realtime-csharp 6.0.4: assembly Supabase.Realtime, postgrest-csharp 3.2.2 in the Postgrest.* namespaces; no Supabase client.</summary>
        Realtime604,

        /// <summary>realtime-csharp 5.0.5: assemblies Realtime, Postgrest, Core; C# events on the channel; no Supabase client.</summary>
        Realtime505,

        /// <summary>No SDK reference at all.</summary>
        None,
    }

    /// <summary>
    /// Metadata references of test compilations: the .NET and ASP.NET Core reference packs (restored at
    /// build time, resolved by <see cref="ReferenceAssemblies"/> from the global packages folder with every
    /// package source cleared, so no test asks a registry for anything), the real SDK of a
    /// <see cref="SdkVersion"/>, and compile-only stand-ins for the UI frameworks that cannot be restored
    /// here (Unity, MAUI, Xamarin.Forms, WPF, Windows Forms, Avalonia).
    /// </summary>
    public static class SdkReferences
    {
        private static readonly Lazy<ReferenceAssemblies> LazyNet100 = new(CreateNet100);
        private static readonly Lazy<ImmutableArray<MetadataReference>> LazyFramework = new(
            () => Task.Run(() => Net100.ResolveAsync(LanguageNames.CSharp, CancellationToken.None)).GetAwaiter().GetResult());
        private static readonly Lazy<MetadataReference> LazyUiStandIns = new(
            () => Compile("UIFrameworks.StandIns", ReadEmbedded("StandIns.Frameworks.cs")));
        private static readonly Dictionary<SdkVersion, Lazy<ImmutableArray<MetadataReference>>> LazySdk =
            Enum.GetValues<SdkVersion>().ToDictionary(v => v, v => new Lazy<ImmutableArray<MetadataReference>>(() => LoadSdk(v)));

        /// <summary>net10.0 with ASP.NET Core (Blazor's ComponentBase, BackgroundService, ILogger are the real ones).</summary>
        public static ReferenceAssemblies Net100 => LazyNet100.Value;

        /// <summary>The framework references alone (no SDK, no stand-ins).</summary>
        public static ImmutableArray<MetadataReference> Framework => LazyFramework.Value;

        /// <summary>The UI framework stand-ins (one in-memory assembly).</summary>
        public static MetadataReference UiFrameworkStandIns => LazyUiStandIns.Value;

        /// <summary>The SDK assemblies of <paramref name="version"/> and their package dependencies, less what the framework already has.</summary>
        public static ImmutableArray<MetadataReference> Sdk(SdkVersion version) => LazySdk[version].Value;

        /// <summary>Everything a plain compilation of <paramref name="version"/> references: framework, UI stand-ins and SDK.</summary>
        public static ImmutableArray<MetadataReference> For(SdkVersion version)
            => Framework.Add(UiFrameworkStandIns).AddRange(Sdk(version));

        /// <summary>Compiles <paramref name="sources"/> against the framework (and <paramref name="references"/>) into an in-memory assembly; errors throw with their text.</summary>
        public static MetadataReference Compile(string assemblyName, string source, params MetadataReference[] references)
        {
            var compilation = CSharpCompilation.Create(
                assemblyName,
                new[] { CSharpSyntaxTree.ParseText(source, new CSharpParseOptions(LanguageVersion.CSharp11), path: $"/{assemblyName}.cs") },
                Framework.AddRange(references),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            using var stream = new MemoryStream();
            var result = compilation.Emit(stream);
            if (!result.Success)
            {
                var errors = string.Join(Environment.NewLine, result.Diagnostics.Where(d => d.Severity == DiagnosticSeverity.Error));
                throw new InvalidOperationException($"'{assemblyName}' does not compile:{Environment.NewLine}{errors}");
            }

            return MetadataReference.CreateFromImage(stream.ToArray(), filePath: assemblyName + ".dll");
        }

        private static ReferenceAssemblies CreateNet100()
        {
            var packageRoot = Metadata("NuGetPackageRoot");
            var version = Metadata("ReferencePackVersion");
            var config = Path.Combine(Path.GetTempPath(), $"srt-tests-nuget-{version}.config");
            File.WriteAllText(config, $"""
                <?xml version="1.0" encoding="utf-8"?>
                <configuration>
                  <config><add key="globalPackagesFolder" value="{packageRoot}" /></config>
                  <packageSources><clear /></packageSources>
                </configuration>
                """);
            return new ReferenceAssemblies("net10.0", new PackageIdentity("Microsoft.NETCore.App.Ref", version), Path.Combine("ref", "net10.0"))
                .AddPackages(ImmutableArray.Create(new PackageIdentity("Microsoft.AspNetCore.App.Ref", version)))
                .WithNuGetConfigFilePath(config);
        }

        private static ImmutableArray<MetadataReference> LoadSdk(SdkVersion version)
        {
            if (version == SdkVersion.None)
            {
                return ImmutableArray<MetadataReference>.Empty;
            }

            var list = Path.Combine(Metadata("SdkSetsDirectory"), "SdkSet." + version, "obj", "sdk-references.txt");
            if (!File.Exists(list))
            {
                throw new InvalidOperationException($"{list} is missing: build tests/SdkSets/SdkSet.{version} (dotnet build Analyzers.sln does).");
            }

            // Assemblies the framework carries in a newer build (Microsoft.Extensions.*) are the framework's, as in a real build.
            var framework = Framework.Select(r => Path.GetFileName(r.Display)).ToImmutableHashSet(StringComparer.OrdinalIgnoreCase);
            return File.ReadAllLines(list)
                .Where(line => line.Length > 0)
                .Select(line => line.Split('|')[2])
                .Where(path => !framework.Contains(Path.GetFileName(path)))
                .OrderBy(path => path, StringComparer.Ordinal)
                .Select(path => (MetadataReference)MetadataReference.CreateFromFile(path))
                .ToImmutableArray();
        }

        private static string Metadata(string key)
            => typeof(SdkReferences).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
               ?? throw new InvalidOperationException($"The test assembly has no '{key}' metadata (see the test project file).");

        private static string ReadEmbedded(string logicalName)
        {
            using var stream = typeof(SdkReferences).Assembly.GetManifestResourceStream(logicalName)
                ?? throw new InvalidOperationException($"Embedded resource '{logicalName}' is missing.");
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
    }
}
