using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SupabaseRealtime.Analyzers.CodeFixes.Rules;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;

namespace SupabaseRealtime.Analyzers.Tests.Meta
{
    /// <summary>
    /// Fix All started with no equivalence key, as <c>dotnet format analyzers</c> starts it when it runs several IDs of
    /// one analyzer (it learns the key from the first diagnostic of any ID): the rule's fix still applies, with the key
    /// its fix offers first.
    /// </summary>
    public class FixAllKeyTests
    {
        private const string Code = @"
using System.Threading.Tasks;
using Supabase.Realtime;

public class StatusFeed
{
    private const string Key = ""sb_secret_N7UND0UgjKTVK-Uodkm0Hg_xSvEMPvz"";

    public async Task StartAsync(Client realtime)
    {
        var channel = realtime.Channel(""status"");
        _ = channel.Subscribe();
        await Task.Yield();
    }
}
";

        [Fact]
        public async Task Batch_fixer_of_SRT008_applies_without_a_key()
        {
            var text = await FixWithoutKeyAsync(new SecretKeyInSourceCodeFixProvider(), "SRT008");
            Assert.NotNull(text);
            Assert.DoesNotContain("sb_secret_", text);
        }

        [Fact]
        public async Task Document_fixer_of_SRT013_applies_without_a_key()
        {
            var text = await FixWithoutKeyAsync(new SubscribeNotObservedCodeFixProvider(), "SRT013");
            Assert.NotNull(text);
            Assert.Contains("await channel.Subscribe();", text);
        }

        [Fact]
        public async Task Ignores_a_rule_with_no_diagnostic_in_the_project()
        {
            Assert.Null(await FixWithoutKeyAsync(new UpdateInsteadOfUpsertCodeFixProvider(), "SRT003"));
        }

        /// <summary>The fixed document's text, or null when the provider returns no Fix All action.</summary>
        private static async Task<string?> FixWithoutKeyAsync(CodeFixProvider provider, string id)
        {
            var workspace = new AdhocWorkspace();
            var project = workspace.AddProject(ProjectInfo.Create(
                ProjectId.CreateNewId(), VersionStamp.Default, "Feed", "Feed", LanguageNames.CSharp,
                compilationOptions: new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable),
                parseOptions: new CSharpParseOptions(LanguageVersion.CSharp11),
                metadataReferences: SdkReferences.Framework.AddRange(SdkReferences.Sdk(SdkVersion.Supabase160))));
            var document = workspace.AddDocument(project.Id, "StatusFeed.cs", SourceText.From(Code));
            var compilation = (await document.Project.GetCompilationAsync())!;
            var all = await compilation.WithAnalyzers(ImmutableArray.Create<DiagnosticAnalyzer>(new SupabaseRealtimeAnalyzer()))
                .GetAnalyzerDiagnosticsAsync(CancellationToken.None);

            // What dotnet format hands over: every diagnostic the analyzer reported, the first of them of another ID.
            Assert.Contains(all, d => d.Id != id);
            var ordered = all.OrderBy(d => d.Id == id ? 1 : 0).ToImmutableArray();
            var context = new FixAllContext(document, provider, FixAllScope.Solution, null!, new[] { id }, new Provider(ordered), CancellationToken.None);
            var action = await provider.GetFixAllProvider()!.GetFixAsync(context);
            if (action is null)
            {
                return null;
            }

            var operations = await action.GetOperationsAsync(CancellationToken.None);
            var changed = operations.OfType<ApplyChangesOperation>().Single().ChangedSolution;
            return (await changed.GetDocument(document.Id)!.GetTextAsync()).ToString();
        }

        private sealed class Provider : FixAllContext.DiagnosticProvider
        {
            private readonly ImmutableArray<Diagnostic> diagnostics;

            public Provider(ImmutableArray<Diagnostic> diagnostics) => this.diagnostics = diagnostics;

            public override Task<IEnumerable<Diagnostic>> GetAllDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics);

            public override Task<IEnumerable<Diagnostic>> GetDocumentDiagnosticsAsync(Document document, CancellationToken cancellationToken)
                => Task.FromResult<IEnumerable<Diagnostic>>(diagnostics.Where(d => d.Location.SourceTree?.FilePath == document.FilePath));

            public override Task<IEnumerable<Diagnostic>> GetProjectDiagnosticsAsync(Project project, CancellationToken cancellationToken)
                => Task.FromResult<IEnumerable<Diagnostic>>(Enumerable.Empty<Diagnostic>());
        }
    }
}
