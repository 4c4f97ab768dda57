using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;
using SupabaseRealtime.Analyzers.Tests.Meta;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using Xunit.Abstractions;
using Xunit.Sdk;

namespace SupabaseRealtime.Analyzers.Tests.Robustness
{
    /// <summary>Fix round-trips, determinism, no static state, and no noise on code that is not ours.</summary>
    public class RobustnessTests
    {
        private readonly ITestOutputHelper output;

        public RobustnessTests(ITestOutputHelper output)
        {
            this.output = output;
        }

        [Fact]
        public async Task Every_fix_of_every_corpus_diagnostic_compiles_and_removes_it_and_fix_all_matches_one_by_one()
        {
            Assert.NotEmpty(Harness.Fixers);
            var failures = new List<string>();
            int fixedCount = 0, sources = 0, fixAllCompared = 0;
            foreach (var source in Harness.Corpus)
            {
                var compilation = Harness.Compile(new[] { ("/corpus/Source.cs", source.Text) });
                var analyzerFailures = new List<string>();
                var diagnostics = (await Harness.AnalyzeAsync(compilation, analyzerFailures)).Where(d => d.Location.IsInSource).ToList();
                failures.AddRange(analyzerFailures.Select(f => $"{source.Origin}: {f}"));
                var fixable = diagnostics.Where(d => Harness.Fixers.Any(f => f.FixableDiagnosticIds.Contains(d.Id))).ToList();
                if (fixable.Count == 0)
                {
                    continue;
                }

                sources++;
                var solution = Harness.SolutionFor(compilation);
                var errorsBefore = ErrorCounts(compilation);
                foreach (var diagnostic in fixable)
                {
                    var fixes = await Harness.ComputeFixesAsync(solution, diagnostic, failures);
                    foreach (var (action, result) in fixes)
                    {
                        var where = $"{source.Origin}: {diagnostic.Id} at {diagnostic.Location.GetLineSpan().StartLinePosition} ('{action.Title}')";
                        if (result is null)
                        {
                            failures.Add($"{where}: the action changes nothing.");
                            continue;
                        }

                        var fixedCompilation = (await result.Projects.Single().GetCompilationAsync())!;
                        var newErrors = NewErrors(errorsBefore, ErrorCounts(fixedCompilation));
                        if (newErrors.Count > 0)
                        {
                            failures.Add($"{where}: the fix adds errors {string.Join(", ", newErrors)}:{Environment.NewLine}{(await result.Projects.Single().Documents.Single().GetTextAsync())}");
                        }

                        var after = await Harness.AnalyzeAsync(fixedCompilation, failures);
                        if (after.Count(d => d.Id == diagnostic.Id) >= diagnostics.Count(d => d.Id == diagnostic.Id))
                        {
                            failures.Add($"{where}: after the fix the analyzer still reports as many {diagnostic.Id}.");
                        }

                        fixedCount++;
                    }
                }

                // Fix All (solution scope) against one fix at a time, per fixer and equivalence key.
                foreach (var fixer in Harness.Fixers)
                {
                    var first = fixable.FirstOrDefault(d => fixer.FixableDiagnosticIds.Contains(d.Id));
                    if (first is null)
                    {
                        continue;
                    }

                    var firstActions = await Harness.ComputeFixesAsync(solution, first, failures);
                    var key = firstActions.FirstOrDefault().Action?.EquivalenceKey;
                    if (key is null)
                    {
                        continue;
                    }

                    var batch = await FixAllAsync(solution, fixer, first, key);
                    var oneByOne = await FixOneByOneAsync(solution, fixer, key, failures);
                    var batchText = (await batch.Projects.Single().Documents.Single().GetTextAsync()).ToString();
                    var oneByOneText = (await oneByOne.Projects.Single().Documents.Single().GetTextAsync()).ToString();
                    fixAllCompared++;
                    if (batchText != oneByOneText)
                    {
                        failures.Add($"{source.Origin}: Fix All of {fixer.GetType().Name} ({key}) differs from fixing one by one.{Environment.NewLine}{TextDiff.Describe(oneByOneText, batchText)}");
                    }
                }
            }

            var summary = string.Format(CultureInfo.InvariantCulture,
                "Fix round-trip: {0} corpus sources with fixable diagnostics, {1} fixes applied and re-checked, {2} Fix All comparisons, {3} failures",
                sources, fixedCount, fixAllCompared, failures.Count);
            output.WriteLine(summary);
            RobustnessReport.Write("fixes", summary);
            if (failures.Count > 0)
            {
                throw new XunitException(summary + Environment.NewLine + string.Join(Environment.NewLine + Environment.NewLine, failures.Take(5)));
            }

            Assert.True(fixedCount > 0, "No corpus diagnostic had a fix: the round-trip checked nothing.");
        }

        [Fact]
        public async Task Analysing_twice_with_concurrent_execution_gives_identical_diagnostics()
        {
            var compared = 0;
            foreach (var source in Harness.Corpus)
            {
                var compilation = Harness.Compile(new[] { ("/corpus/Source.cs", source.Text) });
                var failures = new List<string>();
                var runs = await Task.WhenAll(
                    Harness.AnalyzeAsync(compilation, failures, concurrent: true),
                    Harness.AnalyzeAsync(compilation.Clone(), failures, concurrent: true));
                Assert.Empty(failures);
                Assert.Equal(Describe(runs[0]), Describe(runs[1]));
                compared += runs[0].Length;
            }

            output.WriteLine($"Determinism: {Harness.Corpus.Length} sources, {compared} diagnostics compared.");
            Assert.True(compared > 0, "The corpus produced no diagnostic: determinism was not exercised.");
        }

        [Fact]
        public void Analyzers_and_fixers_keep_no_static_mutable_state()
        {
            var offenders = new List<string>();
            foreach (var assembly in new[] { Product.AnalyzerAssembly, Product.CodeFixAssembly })
            {
                foreach (var type in assembly.GetTypes().Where(t => t.GetCustomAttribute<CompilerGeneratedAttribute>() is null && !t.Name.Contains('<')))
                {
                    foreach (var field in type.GetFields(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
                    {
                        if (field.IsLiteral || field.GetCustomAttribute<CompilerGeneratedAttribute>() != null)
                        {
                            continue;
                        }

                        if (IsPerCompilationCache(field.FieldType))
                        {
                            // A weakly keyed per-compilation cache: what one compilation resolves, never carried to another.
                            continue;
                        }

                        if (IsPerReferenceCache(field.FieldType, out var holds))
                        {
                            // A weakly keyed cache of what one metadata reference's own metadata says (which never changes for
                            // that reference object): carried across compilations, so it must hold no compilation's objects.
                            if (holds != null)
                            {
                                offenders.Add($"{type.FullName}.{field.Name} is a per-reference cache that holds {holds}");
                            }

                            continue;
                        }

                        if (!field.IsInitOnly)
                        {
                            offenders.Add($"{type.FullName}.{field.Name} is static and writable");
                        }
                        else if (!IsImmutable(field.FieldType))
                        {
                            offenders.Add($"{type.FullName}.{field.Name} is static and of mutable type {field.FieldType.Name}");
                        }
                    }
                }
            }

            Assert.Empty(offenders);
        }

        [Fact]
        public async Task No_diagnostic_on_the_projects_own_sources_with_the_sdk_referenced_but_unused()
        {
            var files = Directory.EnumerateFiles(Product.PathOf("src"), "*.cs", SearchOption.AllDirectories)
                .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                    && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
                .Select(f => (f, File.ReadAllText(f)))
                .ToList();
            Assert.NotEmpty(files);
            var roslyn = new[] { typeof(Compilation), typeof(Microsoft.CodeAnalysis.CSharp.CSharpCompilation), typeof(Workspace), typeof(CodeFixProvider), typeof(System.Composition.SharedAttribute) }
                .Select(t => MetadataReference.CreateFromFile(t.Assembly.Location));
            var compilation = Harness.Compile(files).AddReferences(roslyn);
            var failures = new List<string>();
            var diagnostics = await Harness.AnalyzeAsync(compilation, failures);
            Assert.Empty(failures);
            Assert.Empty(diagnostics.Select(d => d.ToString()));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()));
        }

        [Fact]
        public async Task No_diagnostic_on_ordinary_code_with_the_sdk_referenced_but_unused()
        {
            var compilation = Harness.Compile(new[] { ("/plain/Plain.cs", CatalogueTests.LookAlikeSource) });
            var failures = new List<string>();
            Assert.Empty(await Harness.AnalyzeAsync(compilation, failures));
            Assert.Empty(failures);
        }

        private static async Task<Solution> FixAllAsync(Solution solution, CodeFixProvider fixer, Diagnostic first, string key)
        {
            var fixAll = fixer.GetFixAllProvider()!;
            var document = solution.GetDocument(first.Location.SourceTree) ?? solution.Projects.Single().Documents.Single();
            var context = new FixAllContext(document, fixer, FixAllScope.Solution, key, fixer.FixableDiagnosticIds, new CorpusDiagnostics(), CancellationToken.None);
            var action = await fixAll.GetFixAsync(context);
            if (action is null)
            {
                return solution;
            }

            var operations = await action.GetOperationsAsync(CancellationToken.None);
            return operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
        }

        private static async Task<Solution> FixOneByOneAsync(Solution solution, CodeFixProvider fixer, string key, List<string> failures)
        {
            // Fix the diagnostics of the original text, last first, each located again after the previous edits.
            for (var iteration = 0; iteration < 50; iteration++)
            {
                var compilation = (await solution.Projects.Single().GetCompilationAsync())!;
                var diagnostics = (await Harness.AnalyzeAsync(compilation, failures))
                    .Where(d => fixer.FixableDiagnosticIds.Contains(d.Id) && d.Location.IsInSource)
                    .OrderBy(d => d.Location.SourceSpan.Start)
                    .ToList();
                Solution? next = null;
                foreach (var diagnostic in diagnostics)
                {
                    var fixes = await Harness.ComputeFixesAsync(solution, diagnostic, failures);
                    next = fixes.FirstOrDefault(f => f.Action.EquivalenceKey == key).Result;
                    if (next != null)
                    {
                        break;
                    }
                }

                if (next is null)
                {
                    return solution;
                }

                solution = next;
            }

            failures.Add($"{fixer.GetType().Name} was still offered after 50 fixes.");
            return solution;
        }

        private static Dictionary<string, int> ErrorCounts(Compilation compilation)
            => compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error)
                .GroupBy(d => d.Id).ToDictionary(g => g.Key, g => g.Count());

        private static List<string> NewErrors(Dictionary<string, int> before, Dictionary<string, int> after)
            => after.Where(a => a.Value > (before.TryGetValue(a.Key, out var count) ? count : 0)).Select(a => a.Key).ToList();

        private static string[] Describe(ImmutableArray<Diagnostic> diagnostics)
            => diagnostics.Select(d => $"{d.Location.GetLineSpan()} {d.Id} {d.GetMessage(CultureInfo.InvariantCulture)}")
                .OrderBy(s => s, StringComparer.Ordinal).ToArray();

        /// <summary>ConditionalWeakTable&lt;Compilation, T&gt;: its values live and die with their compilation.</summary>
        private static bool IsPerCompilationCache(Type type)
            => type.IsGenericType
                && type.GetGenericTypeDefinition() == typeof(System.Runtime.CompilerServices.ConditionalWeakTable<,>)
                && type.GetGenericArguments()[0] == typeof(Compilation);

        /// <summary>
        /// A <c>ConditionalWeakTable</c> keyed by <see cref="MetadataReference"/>; <paramref name="holds"/> names a field of
        /// its value (or of a type of this product the value holds) whose type is a compilation's object: a symbol, a
        /// compilation, a semantic model, a tree or a node.
        /// </summary>
        private static bool IsPerReferenceCache(Type type, out string? holds)
        {
            holds = null;
            if (!type.IsGenericType
                || type.GetGenericTypeDefinition() != typeof(System.Runtime.CompilerServices.ConditionalWeakTable<,>)
                || type.GetGenericArguments()[0] != typeof(MetadataReference))
            {
                return false;
            }

            var seen = new HashSet<Type>();
            var pending = new Stack<Type>();
            pending.Push(type.GetGenericArguments()[1]);
            while (pending.Count > 0 && holds is null)
            {
                var current = pending.Pop();
                if (!seen.Add(current))
                {
                    continue;
                }

                foreach (var field in current.GetFields(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic))
                {
                    var fieldType = field.FieldType.IsArray ? field.FieldType.GetElementType()! : field.FieldType;
                    var parts = fieldType.IsGenericType ? fieldType.GetGenericArguments().Append(fieldType) : new[] { fieldType };
                    foreach (var part in parts)
                    {
                        if (typeof(ISymbol).IsAssignableFrom(part) || typeof(Compilation).IsAssignableFrom(part) || typeof(SemanticModel).IsAssignableFrom(part)
                            || typeof(SyntaxTree).IsAssignableFrom(part) || typeof(SyntaxNode).IsAssignableFrom(part) || typeof(IOperation).IsAssignableFrom(part))
                        {
                            holds = $"{current.Name}.{field.Name} ({field.FieldType.Name})";
                            break;
                        }

                        if (part.Assembly == Product.AnalyzerAssembly)
                        {
                            pending.Push(part);
                        }
                    }
                }
            }

            return true;
        }

        private static bool IsImmutable(Type type)
            => type.IsPrimitive || type.IsEnum || type == typeof(string) || type == typeof(Version) || type == typeof(DiagnosticDescriptor)
                || type == typeof(LocalizableString) || type.Namespace == "System.Collections.Immutable"
                || (type.IsValueType && type.Namespace == "System") || type == typeof(StringComparer)
                || type == typeof(SymbolDisplayFormat) || type == typeof(System.Text.RegularExpressions.Regex)
                || type.FullName == "Microsoft.CodeAnalysis.CodeFixes.FixAllProvider" || typeof(FixAllProvider).IsAssignableFrom(type)
                || type == typeof(SyntaxAnnotation)
                || typeof(MemberInfo).IsAssignableFrom(type); // reflection metadata (RuleSwitches reads the running compiler's options API)

        /// <summary>Hands Fix All the diagnostics of the corpus document.</summary>
        private sealed class CorpusDiagnostics : FixAllContext.DiagnosticProvider
        {
            public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => await Harness.AnalyzeAsync((await project.GetCompilationAsync(cancellationToken))!, new List<string>());

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            {
                var tree = await document.GetSyntaxTreeAsync(cancellationToken);
                return (await GetAllDiagnosticsAsync(document.Project, cancellationToken)).Where(d => d.Location.SourceTree == tree);
            }

            public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => (await GetAllDiagnosticsAsync(project, cancellationToken)).Where(d => !d.Location.IsInSource);
        }
    }
}
