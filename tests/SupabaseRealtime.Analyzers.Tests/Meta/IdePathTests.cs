using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using Xunit.Abstractions;

namespace SupabaseRealtime.Analyzers.Tests.Meta
{
    /// <summary>
    /// The IDE's path. An editor analyzes the open file on its own
    /// (<see cref="CompilationWithAnalyzers.GetAnalyzerSemanticDiagnosticsAsync(SemanticModel, TextSpan?, CancellationToken)"/>
    /// for the document), not the whole compilation as a build does. For every file of the samples (the
    /// Blazor components as the C# that Razor generates from them, code blocks included), compiled against
    /// the real SDK: the file analyzed alone (no span, and its full span) reports exactly what the
    /// whole-compilation run reports for it, and every code fix offered for a file-level diagnostic is the
    /// one offered for the build's (same title, same equivalence key, same resulting text).
    /// </summary>
    /// <remarks>
    /// A light bulb asks for one line, but for an analyzer outside Roslyn the IDE cannot know whether it
    /// supports span-based analysis, so it analyzes the whole document and keeps the diagnostics that touch
    /// the line (Roslyn's DiagnosticAnalyzerExtensions.GetDiagnosticAnalyzerCategory gives third-party
    /// analyzers SemanticDocumentAnalysis). A call with a narrower span is not that path: it skips the
    /// members outside the span, and the rules that decide at the end of a type (symbol-end actions) report
    /// nothing then.
    /// </remarks>
    public class IdePathTests
    {
        private static readonly ConcurrentDictionary<string, Lazy<Task<Sample>>> Samples = new ConcurrentDictionary<string, Lazy<Task<Sample>>>();

        private readonly ITestOutputHelper output;

        public IdePathTests(ITestOutputHelper output) => this.output = output;

        [Theory]
        [InlineData("RealtimeMisuse")]
        [InlineData("RealtimeCorrect")]
        [InlineData("BlazorRealtime")]
        public async Task Each_file_analyzed_alone_reports_what_the_whole_compilation_reports_for_it(string name)
        {
            var sample = await LoadAsync(name);
            var compared = 0;
            foreach (var document in sample.Documents)
            {
                var tree = (await document.GetSyntaxTreeAsync())!;
                var expected = sample.Whole.Where(d => d.Location.SourceTree == tree).Select(Describe).OrderBy(s => s, StringComparer.Ordinal).ToList();
                var alone = (await AnalyzeAloneAsync(sample, tree, null)).Select(Describe).OrderBy(s => s, StringComparer.Ordinal).ToList();
                Assert.True(expected.SequenceEqual(alone),
                    $"{Path.GetFileName(tree.FilePath)} analyzed alone differs from the whole compilation."
                    + $"{Environment.NewLine}whole:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", expected)}"
                    + $"{Environment.NewLine}alone:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", alone)}");

                // The same with the document's span passed explicitly.
                var root = await tree.GetRootAsync();
                var withSpan = (await AnalyzeAloneAsync(sample, tree, root.FullSpan)).Select(Describe).OrderBy(s => s, StringComparer.Ordinal).ToList();
                Assert.True(expected.SequenceEqual(withSpan),
                    $"{Path.GetFileName(tree.FilePath)} analyzed alone with its full span differs from the whole compilation."
                    + $"{Environment.NewLine}whole:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", expected)}"
                    + $"{Environment.NewLine}span:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", withSpan)}");

                compared += expected.Count;
            }

            output.WriteLine($"{name}: {sample.Documents.Length} files, {compared} diagnostics compared file by file (no span and full span).");
            Assert.Equal(sample.Whole.Length, compared);
        }

        [Fact]
        public async Task The_whole_compilation_of_the_samples_reports_the_expected_diagnostics_at_the_lines_of_the_source_and_razor_files()
        {
            // The same list eng/check-samples.sh holds the real build to: so the compilations here are the samples as built.
            var expected = File.ReadAllLines(Product.PathOf("samples", "expected-diagnostics.txt"))
                .Select(l => l.Trim())
                .Where(l => l.Length > 0 && !l.StartsWith("#", StringComparison.Ordinal))
                .OrderBy(l => l, StringComparer.Ordinal)
                .ToList();
            var actual = new List<string>();
            foreach (var name in new[] { "RealtimeMisuse", "RealtimeCorrect", "BlazorRealtime" })
            {
                var sample = await LoadAsync(name);
                foreach (var diagnostic in sample.Whole)
                {
                    var mapped = diagnostic.Location.GetMappedLineSpan();
                    var path = Path.GetRelativePath(Product.Root, Path.GetFullPath(mapped.Path)).Replace('\\', '/');
                    actual.Add($"{diagnostic.Id} {path}:{mapped.StartLinePosition.Line + 1}");
                }
            }

            actual = actual.Distinct().OrderBy(l => l, StringComparer.Ordinal).ToList();
            Assert.Equal(expected, actual);
        }

        [Theory]
        [InlineData("RealtimeMisuse")]
        [InlineData("BlazorRealtime")]
        public async Task A_code_fix_offered_for_a_file_level_diagnostic_is_the_one_offered_for_the_builds(string name)
        {
            var sample = await LoadAsync(name);
            var providers = Product.CodeFixProviders();
            var fixes = 0;
            var diagnostics = 0;
            foreach (var document in sample.Documents)
            {
                var tree = (await document.GetSyntaxTreeAsync())!;
                var alone = await AnalyzeAloneAsync(sample, tree, null);
                foreach (var fileLevel in alone)
                {
                    var build = sample.Whole.Single(d => Describe(d) == Describe(fileLevel));
                    foreach (var provider in providers.Where(p => p.FixableDiagnosticIds.Contains(fileLevel.Id)))
                    {
                        var offeredAlone = await FixesAsync(document, provider, fileLevel);
                        var offeredBuild = await FixesAsync(document, provider, build);
                        Assert.Equal(offeredBuild, offeredAlone);
                        fixes += offeredAlone.Count;
                    }

                    diagnostics++;
                }
            }

            output.WriteLine($"{name}: {diagnostics} diagnostics, {fixes} code fixes compared (title, equivalence key, resulting text).");

            // The fixes of the samples are offered in the IDE (the Razor files' generated C# is not edited by a fix). Not every
            // diagnostic has one: SRT013 offers none in a constructor or a void handler (its docs say why).
            if (name == "RealtimeMisuse")
            {
                Assert.True(fixes >= diagnostics - 2, $"{fixes} fixes for {diagnostics} diagnostics");
            }
        }

        /// <summary>What an IDE gets for one file: its syntax and semantic analyzer diagnostics, from a fresh analysis of that file only.</summary>
        private static async Task<ImmutableArray<Diagnostic>> AnalyzeAloneAsync(Sample sample, SyntaxTree tree, TextSpan? span)
        {
            var analysis = sample.Compilation.WithAnalyzers(sample.Analyzers, sample.Options);
            var model = sample.Compilation.GetSemanticModel(tree);
            var semantic = await analysis.GetAnalyzerSemanticDiagnosticsAsync(model, span, CancellationToken.None);
            var syntax = await analysis.GetAnalyzerSyntaxDiagnosticsAsync(tree, CancellationToken.None);
            return semantic.AddRange(syntax);
        }

        /// <summary>Each fix <paramref name="provider"/> offers for <paramref name="diagnostic"/>: title, equivalence key, and the text of every document it changes.</summary>
        private static async Task<List<string>> FixesAsync(Document document, CodeFixProvider provider, Diagnostic diagnostic)
        {
            var actions = new List<CodeAction>();
            await provider.RegisterCodeFixesAsync(new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None));
            var result = new List<string>();
            foreach (var action in actions)
            {
                var changes = new List<string>();
                foreach (var operation in await action.GetOperationsAsync(CancellationToken.None))
                {
                    if (operation is ApplyChangesOperation apply)
                    {
                        foreach (var changed in apply.ChangedSolution.GetChanges(document.Project.Solution).GetProjectChanges().SelectMany(p => p.GetChangedDocuments()))
                        {
                            var text = await apply.ChangedSolution.GetDocument(changed)!.GetTextAsync();
                            changes.Add(Path.GetFileName(document.Project.Solution.GetDocument(changed)!.FilePath) + ":" + Environment.NewLine + text);
                        }
                    }
                }

                result.Add($"{action.Title} [{action.EquivalenceKey}]{Environment.NewLine}{string.Join(Environment.NewLine, changes)}");
            }

            return result;
        }

        private static string Describe(Diagnostic diagnostic)
        {
            var location = diagnostic.Location;
            var properties = string.Join(",", diagnostic.Properties.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => p.Key + "=" + p.Value));
            var additional = string.Join(",", diagnostic.AdditionalLocations.Select(l => Path.GetFileName(l.SourceTree?.FilePath) + l.SourceSpan));
            return $"{diagnostic.Id} {diagnostic.Severity} {Path.GetFileName(location.SourceTree?.FilePath)}{location.SourceSpan} "
                + $"'{diagnostic.GetMessage(CultureInfo.InvariantCulture)}' [{properties}] [{additional}]";
        }

        private static Task<Sample> LoadAsync(string name)
            => Samples.GetOrAdd(name, n => new Lazy<Task<Sample>>(() => Sample.LoadAsync(n))).Value;

        /// <summary>One sample project in a workspace, compiled against the real SDK, with the whole-compilation diagnostics.</summary>
        private sealed class Sample
        {
            private Sample(Project project, Compilation compilation, ImmutableArray<DiagnosticAnalyzer> analyzers, CompilationWithAnalyzersOptions options,
                ImmutableArray<Document> documents, ImmutableArray<Diagnostic> whole)
            {
                Project = project;
                Compilation = compilation;
                Analyzers = analyzers;
                Options = options;
                Documents = documents;
                Whole = whole;
            }

            public Project Project { get; }

            public Compilation Compilation { get; }

            public ImmutableArray<DiagnosticAnalyzer> Analyzers { get; }

            public CompilationWithAnalyzersOptions Options { get; }

            public ImmutableArray<Document> Documents { get; }

            public ImmutableArray<Diagnostic> Whole { get; }

            public static async Task<Sample> LoadAsync(string name)
            {
                var folder = Product.PathOf("samples", name);
                var files = Directory.GetFiles(folder, "*.cs", SearchOption.AllDirectories)
                    .Where(f => !IsUnder(f, Path.Combine(folder, "bin")) && !IsUnder(f, Path.Combine(folder, "obj")))
                    .ToList();
                if (name == "BlazorRealtime")
                {
                    files.AddRange(RazorGeneratedFiles(folder));
                }

                files.Sort(StringComparer.Ordinal);
                var workspace = new AdhocWorkspace();
                var parseOptions = new CSharpParseOptions(LanguageVersion.Latest);
                var compilationOptions = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable);
                var projectInfo = ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Default, name, name, LanguageNames.CSharp,
                    compilationOptions: compilationOptions, parseOptions: parseOptions,
                    metadataReferences: SdkReferences.Framework.AddRange(SdkReferences.Sdk(SdkVersion.Supabase160)));
                var project = workspace.AddProject(projectInfo);
                foreach (var file in files)
                {
                    var document = DocumentInfo.Create(DocumentId.CreateNewId(project.Id), Path.GetFileName(file),
                        loader: TextLoader.From(TextAndVersion.Create(SourceText.From(File.ReadAllText(file)), VersionStamp.Default, file)),
                        filePath: file);
                    project = workspace.CurrentSolution.AddDocument(document).GetProject(project.Id)!;
                    Assert.True(workspace.TryApplyChanges(project.Solution), "could not add " + file);
                    project = workspace.CurrentSolution.GetProject(project.Id)!;
                }

                var compilation = (await project.GetCompilationAsync())!;
                var errors = compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
                Assert.True(errors.Count == 0, $"samples/{name} does not compile here:{Environment.NewLine}{string.Join(Environment.NewLine, errors.Take(20))}");

                var analyzers = Product.Analyzers();
                var options = new CompilationWithAnalyzersOptions(project.AnalyzerOptions, onAnalyzerException: null, concurrentAnalysis: false, logAnalyzerExecutionTime: false);
                var whole = await compilation.WithAnalyzers(analyzers, options).GetAnalyzerDiagnosticsAsync(CancellationToken.None);
                Assert.DoesNotContain(whole, d => d.Id == "AD0001");
                var documents = project.Documents.OrderBy(d => d.FilePath, StringComparer.Ordinal).ToImmutableArray();
                return new Sample(project, compilation, analyzers, options, documents, whole);
            }

            /// <summary>
            /// The C# that the Razor source generator wrote for the Blazor sample when it was built
            /// (samples/BlazorRealtime emits its generated files; the test project builds it first).
            /// </summary>
            private static IEnumerable<string> RazorGeneratedFiles(string folder)
            {
                var generated = Metadata("BlazorGeneratedDirectory");
                var razor = Directory.GetFiles(folder, "*.razor", SearchOption.AllDirectories).Where(f => !IsUnder(f, Path.Combine(folder, "obj"))).ToList();
                var files = Directory.Exists(generated)
                    ? Directory.GetFiles(generated, "*.g.cs", SearchOption.AllDirectories).ToList()
                    : new List<string>();
                Assert.True(files.Count == razor.Count,
                    $"expected the C# Razor generated for the {razor.Count} .razor files of samples/BlazorRealtime under {generated}, found {files.Count} "
                    + "(build the test project, which builds the sample first: dotnet build Analyzers.sln).");
                return files;
            }

            private static bool IsUnder(string path, string folder)
                => path.StartsWith(folder + Path.DirectorySeparatorChar, StringComparison.Ordinal);

            private static string Metadata(string key)
                => typeof(IdePathTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == key)?.Value
                   ?? throw new InvalidOperationException($"The test assembly has no '{key}' metadata (see the test project file).");
        }
    }
}
