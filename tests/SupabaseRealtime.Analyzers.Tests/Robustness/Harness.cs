using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SupabaseRealtime.Analyzers.Tests.Meta;
using SupabaseRealtime.Analyzers.Tests.Verification;

namespace SupabaseRealtime.Analyzers.Tests.Robustness
{
    /// <summary>A C# source from the project's tests or samples, markup removed.</summary>
    public sealed record CorpusSource(string Origin, string Text);

    /// <summary>
    /// Runs every shipped analyzer (and asks every fixer for its actions) on arbitrary sources,
    /// collecting exceptions instead of throwing, so a failure can print what to replay.
    /// </summary>
    public static class Harness
    {
        private static readonly Lazy<ImmutableArray<CorpusSource>> LazyCorpus = new(LoadCorpus);

        public static ImmutableArray<DiagnosticAnalyzer> Analyzers { get; } = Product.Analyzers();

        public static ImmutableArray<CodeFixProvider> Fixers { get; } = Product.CodeFixProviders();

        /// <summary>Every test source (string literals of the rule tests that use the SDK) and every sample file.</summary>
        public static ImmutableArray<CorpusSource> Corpus => LazyCorpus.Value;

        public static CSharpCompilation Compile(IEnumerable<(string Path, string Text)> sources, SdkVersion shape = SdkVersion.Supabase160, OutputKind kind = OutputKind.DynamicallyLinkedLibrary)
            => CSharpCompilation.Create(
                "Robustness",
                sources.Select(s => CSharpSyntaxTree.ParseText(s.Text, new CSharpParseOptions(LanguageVersion.CSharp11), path: s.Path)),
                SdkReferences.For(shape),
                new CSharpCompilationOptions(kind, nullableContextOptions: NullableContextOptions.Enable, concurrentBuild: false));

        /// <summary>Analyzer diagnostics of <paramref name="compilation"/>; analyzer exceptions are added to <paramref name="failures"/>.</summary>
        public static async Task<ImmutableArray<Diagnostic>> AnalyzeAsync(Compilation compilation, ICollection<string> failures, bool concurrent = false,
            ImmutableArray<DiagnosticAnalyzer> analyzers = default, AnalyzerOptions? options = null)
        {
            var exceptions = new ConcurrentQueue<string>();
            var withAnalyzers = compilation.WithAnalyzers(
                analyzers.IsDefault ? Analyzers : analyzers,
                new CompilationWithAnalyzersOptions(
                    options ?? new AnalyzerOptions(ImmutableArray<AdditionalText>.Empty),
                    (exception, analyzer, _) => exceptions.Enqueue($"{analyzer.GetType().Name}: {exception.GetType().Name}: {exception.Message}{Environment.NewLine}{exception.StackTrace}"),
                    concurrentAnalysis: concurrent,
                    logAnalyzerExecutionTime: false,
                    reportSuppressedDiagnostics: false));
            var diagnostics = await withAnalyzers.GetAnalyzerDiagnosticsAsync(CancellationToken.None).ConfigureAwait(false);
            foreach (var exception in exceptions)
            {
                lock (failures)
                {
                    failures.Add(exception);
                }
            }

            foreach (var diagnostic in diagnostics.Where(d => d.Id is "AD0001" or "AD0002"))
            {
                lock (failures)
                {
                    failures.Add(diagnostic.ToString());
                }
            }

            return diagnostics.Where(d => d.Id is not ("AD0001" or "AD0002")).ToImmutableArray();
        }

        /// <summary>A one-project solution holding <paramref name="compilation"/>'s trees, for code fixes.</summary>
        public static Solution SolutionFor(Compilation compilation, SdkVersion shape = SdkVersion.Supabase160)
        {
            var workspace = new AdhocWorkspace();
            var projectId = ProjectId.CreateNewId();
            var solution = workspace.CurrentSolution.AddProject(ProjectInfo.Create(
                projectId, VersionStamp.Default, "Robustness", "Robustness", LanguageNames.CSharp,
                compilationOptions: compilation.Options,
                parseOptions: compilation.SyntaxTrees.First().Options,
                metadataReferences: SdkReferences.For(shape)));
            foreach (var tree in compilation.SyntaxTrees)
            {
                solution = solution.AddDocument(DocumentId.CreateNewId(projectId), Path.GetFileName(tree.FilePath), tree.GetText(), filePath: tree.FilePath);
            }

            return solution;
        }

        /// <summary>The code actions every fixer offers for <paramref name="diagnostic"/>, with their operations computed; exceptions go to <paramref name="failures"/>.</summary>
        public static async Task<List<(CodeAction Action, Solution? Result)>> ComputeFixesAsync(Solution solution, Diagnostic diagnostic, ICollection<string> failures)
        {
            var results = new List<(CodeAction, Solution?)>();
            var document = solution.GetDocument(diagnostic.Location.SourceTree) ?? solution.Projects.SelectMany(p => p.Documents)
                .FirstOrDefault(d => d.FilePath == diagnostic.Location.SourceTree?.FilePath);
            if (document is null)
            {
                return results;
            }

            foreach (var fixer in Fixers.Where(f => f.FixableDiagnosticIds.Contains(diagnostic.Id)))
            {
                var actions = new List<CodeAction>();
                try
                {
                    var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), CancellationToken.None);
                    await fixer.RegisterCodeFixesAsync(context).ConfigureAwait(false);
                    foreach (var action in actions)
                    {
                        var operations = await action.GetOperationsAsync(CancellationToken.None).ConfigureAwait(false);
                        results.Add((action, operations.OfType<ApplyChangesOperation>().FirstOrDefault()?.ChangedSolution));
                    }
                }
                catch (Exception exception)
                {
                    lock (failures)
                    {
                        failures.Add($"{fixer.GetType().Name} on {diagnostic.Id}: {exception}");
                    }
                }
            }

            return results;
        }

        /// <summary>
        /// The code of each test in a rule test file: every string literal long enough to hold a class and naming the
        /// SDK, markup stripped. With <paramref name="prefixUsings"/>, a test whose code writes no <c>using Supabase...</c>
        /// gets its file's <c>Usings</c> constant in front, as the test itself does.
        /// </summary>
        public static IEnumerable<CorpusSource> TestSources(string file, bool prefixUsings)
        {
            var name = Path.GetFileName(file);
            var root = CSharpSyntaxTree.ParseText(File.ReadAllText(file)).GetRoot();
            var usings = prefixUsings
                && root.DescendantNodes().OfType<VariableDeclaratorSyntax>().FirstOrDefault(v => v.Identifier.ValueText == "Usings")?.Initializer?.Value is LiteralExpressionSyntax literal
                ? literal.Token.ValueText
                : string.Empty;
            var index = 0;
            foreach (var token in root.DescendantTokens())
            {
                if (!token.IsKind(SyntaxKind.StringLiteralToken) && !token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken)
                    && !token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken))
                {
                    continue;
                }

                var value = token.ValueText;
                if (value.Length < 40 || !value.Contains("class ", StringComparison.Ordinal))
                {
                    continue;
                }

                if (usings.Length > 0 && !value.Contains("using Supabase", StringComparison.Ordinal))
                {
                    value = usings + value;
                }

                if (!value.Contains("Supabase", StringComparison.Ordinal))
                {
                    continue;
                }

                string text;
                try
                {
                    text = Markup.Strip(value);
                }
                catch (ArgumentException)
                {
                    text = value;
                }

                yield return new CorpusSource($"{name}#{index++}", text);
            }
        }

        private static ImmutableArray<CorpusSource> LoadCorpus()
        {
            var builder = ImmutableArray.CreateBuilder<CorpusSource>();
            var rules = Product.PathOf("tests", "SupabaseRealtime.Analyzers.Tests", "Rules");
            if (Directory.Exists(rules))
            {
                foreach (var file in Directory.EnumerateFiles(rules, "*.cs").OrderBy(f => f, StringComparer.Ordinal))
                {
                    builder.AddRange(TestSources(file, prefixUsings: false));
                }
            }

            var samples = Product.PathOf("samples");
            if (Directory.Exists(samples))
            {
                foreach (var file in Directory.EnumerateFiles(samples, "*.cs", SearchOption.AllDirectories).OrderBy(f => f, StringComparer.Ordinal))
                {
                    var relative = Path.GetRelativePath(Product.Root, file).Replace('\\', '/');
                    if (relative.Contains("/bin/", StringComparison.Ordinal) || relative.Contains("/obj/", StringComparison.Ordinal))
                    {
                        continue;
                    }

                    builder.Add(new CorpusSource(relative, File.ReadAllText(file)));
                }
            }

            return builder.ToImmutable();
        }
    }
}
