using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Xunit.Sdk;

namespace SupabaseRealtime.Analyzers.Tests.Verification
{
    /// <summary>
    /// An analyzer test plus a code fix: the fix chosen by equivalence key (or index) is applied one
    /// diagnostic at a time until none is offered, and the result must equal <see cref="FixedSources"/>
    /// exactly, compile without unmarked errors, and no longer carry the fixed diagnostics. Then Fix All
    /// runs in document, project and solution scope through the provider's <see cref="FixAllProvider"/>
    /// and must give <see cref="BatchFixedSources"/> (or the fixed sources).
    /// </summary>
    public class CodeFixTest : AnalyzerTest
    {
        private const int MaxIterations = 50;

        public CodeFixTest()
        {
            FixedSources = new SourceList(PrimaryProjectName);
            BatchFixedSources = new SourceList(PrimaryProjectName);
        }

        public CodeFixProvider? CodeFixProvider { get; set; }

        /// <summary>Sets the single expected source after the fixes.</summary>
        public string FixedCode
        {
            set
            {
                FixedSources.Clear();
                FixedSources.Add(value);
            }
        }

        /// <summary>Expected primary-project sources after the fixes (markup marks diagnostics that remain).</summary>
        public SourceList FixedSources { get; }

        /// <summary>Sets the single expected source after Fix All, when it differs from <see cref="FixedCode"/>.</summary>
        public string BatchFixedCode
        {
            set
            {
                BatchFixedSources.Clear();
                BatchFixedSources.Add(value);
            }
        }

        public SourceList BatchFixedSources { get; }

        /// <summary>Expected additional-project sources after the fixes, by project name.</summary>
        public Dictionary<string, SourceList> FixedAdditionalProjectSources { get; } = new();

        /// <summary>The code action to apply, by equivalence key. Takes precedence over <see cref="CodeActionIndex"/>.</summary>
        public string? CodeActionEquivalenceKey { get; set; }

        /// <summary>The code action to apply, by its index among the actions offered for a diagnostic.</summary>
        public int CodeActionIndex { get; set; }

        /// <summary>How many single fixes must be applied; by default, one per diagnostic that offers the action in the test source.</summary>
        public int? NumberOfIncrementalIterations { get; set; }

        /// <summary>How many Fix All passes must be applied per scope; by default, not checked.</summary>
        public int? NumberOfFixAllIterations { get; set; }

        /// <summary>Fix All scopes to check. All three by default.</summary>
        public List<FixAllScope> FixAllScopes { get; } = new() { FixAllScope.Document, FixAllScope.Project, FixAllScope.Solution };

        /// <summary>Skip the Fix All checks (only for a provider that offers no Fix All; the meta tests forbid that in the product).</summary>
        public bool SkipFixAll { get; set; }

        public new async Task RunAsync(CancellationToken cancellationToken = default)
        {
            await base.RunAsync(cancellationToken).ConfigureAwait(false);
            if (CodeFixProvider is null)
            {
                throw new InvalidOperationException("The test has no code fix provider.");
            }

            if (FixedSources.Count == 0)
            {
                throw new InvalidOperationException("The test has no FixedCode.");
            }

            var initial = await BuildStateAsync(Sources, AdditionalProjects, ExpectedDiagnostics, cancellationToken).ConfigureAwait(false);
            var fixedState = await BuildStateAsync(FixedSources, FixedAdditionalProjects(), Array.Empty<DiagnosticResult>(), cancellationToken).ConfigureAwait(false);

            // One diagnostic at a time.
            var expectedIterations = NumberOfIncrementalIterations ?? await CountFixableAsync(initial.Solution, cancellationToken).ConfigureAwait(false);
            var (incremental, iterations) = await FixOneByOneAsync(initial.Solution, cancellationToken).ConfigureAwait(false);
            await CompareSolutionsAsync(fixedState, incremental, "after applying the fix one diagnostic at a time", cancellationToken).ConfigureAwait(false);
            if (iterations != expectedIterations)
            {
                throw new XunitException($"Expected {expectedIterations} incremental fix iteration(s), but {iterations} were applied.");
            }

            if (SkipFixAll)
            {
                return;
            }

            var batchState = BatchFixedSources.Count > 0
                ? await BuildStateAsync(BatchFixedSources, FixedAdditionalProjects(), Array.Empty<DiagnosticResult>(), cancellationToken).ConfigureAwait(false)
                : fixedState;
            foreach (var scope in FixAllScopes)
            {
                var (batch, passes) = await FixAllAsync(initial.Solution, scope, cancellationToken).ConfigureAwait(false);
                await CompareSolutionsAsync(batchState, batch, $"after Fix All in {scope} scope", cancellationToken).ConfigureAwait(false);
                if (NumberOfFixAllIterations is int expectedPasses && passes != expectedPasses)
                {
                    throw new XunitException($"Expected {expectedPasses} Fix All pass(es) in {scope} scope, but {passes} were applied.");
                }
            }
        }

        private List<ProjectState> FixedAdditionalProjects()
            => AdditionalProjects.Select(p =>
            {
                var copy = new ProjectState(p.Name);
                copy.Sources.AddRange(FixedAdditionalProjectSources.TryGetValue(p.Name, out var fixedSources) ? fixedSources : p.Sources);
                return copy;
            }).ToList();

        private async Task CompareSolutionsAsync(TestState expected, Solution actual, string what, CancellationToken cancellationToken)
        {
            foreach (var expectedProject in expected.Solution.Projects)
            {
                var actualProject = actual.Projects.Single(p => p.Name == expectedProject.Name);
                foreach (var expectedDocument in expectedProject.Documents)
                {
                    var actualDocument = actualProject.Documents.FirstOrDefault(d => d.FilePath == expectedDocument.FilePath);
                    if (actualDocument is null)
                    {
                        throw new XunitException($"Document {expectedDocument.FilePath} is missing {what}.");
                    }

                    var expectedText = (await expectedDocument.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
                    var actualText = (await actualDocument.GetTextAsync(cancellationToken).ConfigureAwait(false)).ToString();
                    if (expectedText != actualText)
                    {
                        throw new XunitException($"Source {expectedDocument.FilePath} {what} differs from the expected source.{Environment.NewLine}{TextDiff.Describe(expectedText, actualText)}");
                    }
                }

                var extra = actualProject.Documents.Select(d => d.FilePath).Except(expectedProject.Documents.Select(d => d.FilePath)).ToList();
                if (extra.Count > 0)
                {
                    throw new XunitException($"Unexpected documents {what}: {string.Join(", ", extra)}");
                }
            }

            // The result compiles with no unmarked errors, and carries exactly the diagnostics the fixed markup marks.
            var diagnostics = await GetAllDiagnosticsAsync(actual, expected.Expected, cancellationToken).ConfigureAwait(false);
            Compare(expected.Expected, diagnostics, what);
        }

        private async Task<int> CountFixableAsync(Solution solution, CancellationToken cancellationToken)
        {
            var count = 0;
            foreach (var diagnostic in await GetFixableDiagnosticsAsync(solution, cancellationToken).ConfigureAwait(false))
            {
                if (await FindActionAsync(solution, diagnostic, cancellationToken).ConfigureAwait(false) != null)
                {
                    count++;
                }
            }

            return count;
        }

        private async Task<(Solution Solution, int Iterations)> FixOneByOneAsync(Solution solution, CancellationToken cancellationToken)
        {
            for (var iteration = 0; iteration < MaxIterations; iteration++)
            {
                CodeAction? action = null;
                foreach (var diagnostic in await GetFixableDiagnosticsAsync(solution, cancellationToken).ConfigureAwait(false))
                {
                    action = await FindActionAsync(solution, diagnostic, cancellationToken).ConfigureAwait(false);
                    if (action != null)
                    {
                        break;
                    }
                }

                if (action is null)
                {
                    return (solution, iteration);
                }

                solution = await ApplyAsync(solution, action, cancellationToken).ConfigureAwait(false);
            }

            throw new XunitException($"The fix was still offered after {MaxIterations} iterations.");
        }

        private async Task<(Solution Solution, int Passes)> FixAllAsync(Solution solution, FixAllScope scope, CancellationToken cancellationToken)
        {
            var fixAll = CodeFixProvider!.GetFixAllProvider()
                ?? throw new XunitException($"{CodeFixProvider.GetType().Name} offers no FixAllProvider.");
            if (!fixAll.GetSupportedFixAllScopes().Contains(scope))
            {
                throw new XunitException($"{CodeFixProvider.GetType().Name}'s FixAllProvider does not support {scope} scope.");
            }

            for (var pass = 0; pass < MaxIterations; pass++)
            {
                Diagnostic? first = null;
                CodeAction? firstAction = null;
                foreach (var diagnostic in await GetFixableDiagnosticsAsync(solution, cancellationToken).ConfigureAwait(false))
                {
                    firstAction = await FindActionAsync(solution, diagnostic, cancellationToken).ConfigureAwait(false);
                    if (firstAction != null)
                    {
                        first = diagnostic;
                        break;
                    }
                }

                if (first is null || firstAction is null)
                {
                    return (solution, pass);
                }

                var document = solution.GetDocument(first.Location.SourceTree)!;
                var context = new FixAllContext(
                    document,
                    CodeFixProvider,
                    scope,
                    firstAction.EquivalenceKey,
                    CodeFixProvider.FixableDiagnosticIds,
                    new DiagnosticProvider(this),
                    cancellationToken);
                var action = await fixAll.GetFixAsync(context).ConfigureAwait(false);
                if (action is null)
                {
                    return (solution, pass);
                }

                solution = await ApplyAsync(solution, action, cancellationToken).ConfigureAwait(false);
            }

            throw new XunitException($"Fix All in {scope} scope was still offered after {MaxIterations} passes.");
        }

        private async Task<List<Diagnostic>> GetFixableDiagnosticsAsync(Solution solution, CancellationToken cancellationToken)
        {
            var ids = CodeFixProvider!.FixableDiagnosticIds;
            var result = new List<Diagnostic>();
            foreach (var project in solution.Projects)
            {
                result.AddRange((await GetAnalyzerDiagnosticsAsync(project, cancellationToken).ConfigureAwait(false))
                    .Where(d => ids.Contains(d.Id) && d.Location.IsInSource));
            }

            return result
                .OrderBy(d => d.Location.SourceTree!.FilePath, StringComparer.Ordinal)
                .ThenBy(d => d.Location.SourceSpan.Start)
                .ThenBy(d => d.Id, StringComparer.Ordinal)
                .ToList();
        }

        private async Task<CodeAction?> FindActionAsync(Solution solution, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var document = solution.GetDocument(diagnostic.Location.SourceTree);
            if (document is null)
            {
                return null;
            }

            var actions = new List<CodeAction>();
            var context = new CodeFixContext(document, diagnostic, (action, _) => actions.Add(action), cancellationToken);
            await CodeFixProvider!.RegisterCodeFixesAsync(context).ConfigureAwait(false);
            if (CodeActionEquivalenceKey != null)
            {
                return actions.FirstOrDefault(a => a.EquivalenceKey == CodeActionEquivalenceKey);
            }

            return CodeActionIndex < actions.Count ? actions[CodeActionIndex] : null;
        }

        private static async Task<Solution> ApplyAsync(Solution solution, CodeAction action, CancellationToken cancellationToken)
        {
            var operations = await action.GetOperationsAsync(cancellationToken).ConfigureAwait(false);
            var apply = operations.OfType<ApplyChangesOperation>().SingleOrDefault()
                ?? throw new XunitException($"Code action '{action.Title}' produced no ApplyChangesOperation.");
            return apply.ChangedSolution;
        }

        /// <summary>Hands Fix All the analyzers' diagnostics for a document or project.</summary>
        private sealed class DiagnosticProvider : FixAllContext.DiagnosticProvider
        {
            private readonly CodeFixTest test;

            public DiagnosticProvider(CodeFixTest test)
            {
                this.test = test;
            }

            public override async Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
            {
                var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
                var all = await test.GetAnalyzerDiagnosticsAsync(document.Project, cancellationToken).ConfigureAwait(false);
                return all.Where(d => d.Location.SourceTree == tree);
            }

            public override async Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
            {
                var all = await test.GetAnalyzerDiagnosticsAsync(project, cancellationToken).ConfigureAwait(false);
                return all.Where(d => !d.Location.IsInSource);
            }

            public override async Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => await test.GetAnalyzerDiagnosticsAsync(project, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>A readable description of where two texts first differ.</summary>
    public static class TextDiff
    {
        public static string Describe(string expected, string actual)
        {
            var expectedLines = expected.Split('\n');
            var actualLines = actual.Split('\n');
            var line = 0;
            while (line < expectedLines.Length && line < actualLines.Length && expectedLines[line] == actualLines[line])
            {
                line++;
            }

            var text = new StringBuilder();
            text.AppendLine($"First difference at line {line + 1}:");
            for (var i = Math.Max(0, line - 2); i < Math.Min(Math.Max(expectedLines.Length, actualLines.Length), line + 4); i++)
            {
                var e = i < expectedLines.Length ? expectedLines[i].TrimEnd('\r') : "<end>";
                var a = i < actualLines.Length ? actualLines[i].TrimEnd('\r') : "<end>";
                text.AppendLine(e == a ? $"   {i + 1,4}  {e}" : $" - {i + 1,4}  {e}{Environment.NewLine} + {i + 1,4}  {a}");
            }

            text.AppendLine("Whole actual text:");
            text.AppendLine(actual);
            return text.ToString();
        }
    }
}
