using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Xunit;
using Xunit.Sdk;

namespace SupabaseRealtime.Analyzers.Tests.Verification
{
    /// <summary>The verifier's own tests, with small analyzers and fixers defined here.</summary>
    public class VerifierTests
    {
        private const string Bad = """
            class C
            {
                void [|Bad|]() { }
                void Fine() { }
            }
            """;

        [Fact]
        public void Markup_parses_anonymous_named_and_nested_spans()
        {
            var (text, spans) = Markup.Parse("a[|bc|]d{|X1:e{|#0:f|}|}g");
            Assert.Equal("abcdefg", text);
            Assert.Equal(3, spans.Count);
            Assert.Equal(new MarkedSpan(null, new(1, 2)), spans[0]);
            Assert.Equal(new MarkedSpan("X1", new(4, 2)), spans[1]);
            Assert.Equal(new MarkedSpan("#0", new(5, 1)), spans[2]);
        }

        [Theory]
        [InlineData("a[|b")]
        [InlineData("a|]b")]
        [InlineData("{|X:a|]")]
        [InlineData("{|a")]
        public void Markup_rejects_unbalanced_input(string markup)
            => Assert.Throws<FormatException>(() => Markup.Parse(markup));

        [Fact]
        public Task Reports_at_the_marked_span_pass()
            => CSharpAnalyzerVerifier<BadNameAnalyzer>.VerifyAnalyzerAsync(Bad);

        [Fact]
        public Task Location_keys_and_arguments_are_checked()
            => CSharpAnalyzerVerifier<BadNameAnalyzer>.VerifyAnalyzerAsync(
                "class C { void {|#0:Bad|}() { } }",
                CSharpAnalyzerVerifier<BadNameAnalyzer>.Diagnostic().WithLocation(0).WithArguments("Bad"));

        [Fact]
        public async Task Wrong_span_fails()
        {
            var failure = await Assert.ThrowsAsync<XunitException>(() =>
                CSharpAnalyzerVerifier<BadNameAnalyzer>.VerifyAnalyzerAsync("class C { [|void|] Bad() { } }"));
            Assert.Contains("Expected but not reported", failure.Message);
            Assert.Contains("Reported but not expected", failure.Message);
            Assert.Contains("{|TST001:Bad|}", failure.Message);
        }

        [Fact]
        public async Task Missing_diagnostic_fails()
        {
            var failure = await Assert.ThrowsAsync<XunitException>(() =>
                CSharpAnalyzerVerifier<BadNameAnalyzer>.VerifyAnalyzerAsync("class C { void [|Fine|]() { } }"));
            Assert.Contains("Expected but not reported", failure.Message);
        }

        [Fact]
        public async Task Unexpected_diagnostic_fails()
        {
            var failure = await Assert.ThrowsAsync<XunitException>(() =>
                CSharpAnalyzerVerifier<BadNameAnalyzer>.VerifyAnalyzerAsync("class C { void Bad() { } }"));
            Assert.Contains("Reported but not expected", failure.Message);
        }

        [Fact]
        public async Task Wrong_message_arguments_fail()
        {
            var failure = await Assert.ThrowsAsync<XunitException>(() =>
                CSharpAnalyzerVerifier<BadNameAnalyzer>.VerifyAnalyzerAsync(
                    "class C { void {|#0:Bad|}() { } }",
                    CSharpAnalyzerVerifier<BadNameAnalyzer>.Diagnostic().WithLocation(0).WithArguments("Other")));
            Assert.Contains("wrong message", failure.Message);
        }

        [Fact]
        public async Task Unmarked_compiler_error_fails_and_marked_one_passes()
        {
            var failure = await Assert.ThrowsAsync<XunitException>(() =>
                CSharpAnalyzerVerifier<BadNameAnalyzer>.VerifyAnalyzerAsync("class C { void Fine() { int x = y; } }"));
            Assert.Contains("CS0103", failure.Message);

            await CSharpAnalyzerVerifier<BadNameAnalyzer>.VerifyAnalyzerAsync("class C { void Fine() { int x = {|CS0103:y|}; } }");
        }

        [Fact]
        public async Task Analyzer_exception_fails()
        {
            var failure = await Assert.ThrowsAsync<XunitException>(() =>
                CSharpAnalyzerVerifier<ThrowingAnalyzer>.VerifyAnalyzerAsync("class C { }"));
            Assert.Contains("threw", failure.Message);
        }

        [Fact]
        public async Task Analyzer_that_reports_in_generated_code_fails_the_generated_check()
        {
            var failure = await Assert.ThrowsAsync<XunitException>(() =>
                CSharpAnalyzerVerifier<GeneratedCodeReportingAnalyzer>.VerifyAnalyzerAsync(Bad));
            Assert.Contains("auto-generated", failure.Message);
        }

        [Fact]
        public async Task Analyzer_that_reports_outside_the_source_fails_the_suppression_check()
        {
            // A diagnostic with no source location cannot be suppressed by #pragma.
            var test = new CSharpAnalyzerVerifier<NoLocationAnalyzer>.Test { TestCode = "class C { }", SkipGeneratedCodeCheck = true };
            test.ExpectedDiagnostics.Add(CSharpAnalyzerVerifier<NoLocationAnalyzer>.Diagnostic().WithNoLocation());
            var failure = await Assert.ThrowsAsync<XunitException>(() => test.RunAsync());
            Assert.Contains("#pragma warning disable TST003", failure.Message);
        }

        [Fact]
        public Task Editorconfig_options_reach_the_analyzer()
        {
            var test = new CSharpAnalyzerVerifier<BadNameAnalyzer>.Test { TestCode = "class C { void [|Worse|]() { } void Bad() { } }" };
            test.AddEditorConfig("test_option.bad_name = Worse");
            return test.RunAsync();
        }

        [Fact]
        public async Task Editorconfig_severity_is_applied_and_checked()
        {
            var test = new CSharpAnalyzerVerifier<BadNameAnalyzer>.Test { TestCode = "class C { void {|#0:Bad|}() { } }" };
            test.AddEditorConfig("dotnet_diagnostic.TST001.severity = error");
            test.ExpectedDiagnostics.Add(CSharpAnalyzerVerifier<BadNameAnalyzer>.Diagnostic().WithLocation(0).WithSeverity(DiagnosticSeverity.Error));
            await test.RunAsync();

            var wrong = new CSharpAnalyzerVerifier<BadNameAnalyzer>.Test { TestCode = "class C { void {|#0:Bad|}() { } }" };
            wrong.AddEditorConfig("dotnet_diagnostic.TST001.severity = error");
            wrong.ExpectedDiagnostics.Add(CSharpAnalyzerVerifier<BadNameAnalyzer>.Diagnostic().WithLocation(0).WithSeverity(DiagnosticSeverity.Warning));
            await Assert.ThrowsAsync<XunitException>(() => wrong.RunAsync());
        }

        [Fact]
        public Task Globalconfig_options_reach_the_analyzer()
        {
            var test = new CSharpAnalyzerVerifier<BadNameAnalyzer>.Test { TestCode = "class C { void [|Worse|]() { } }" };
            test.AddGlobalConfig("test_option.bad_name = Worse");
            return test.RunAsync();
        }

        [Fact]
        public Task Several_documents_and_projects()
        {
            var test = new CSharpAnalyzerVerifier<BadNameAnalyzer>.Test();
            test.Sources.Add("class A { void [|Bad|]() { } }");
            test.Sources.Add("class B : Lib.L { void Fine() { } }");
            var library = new ProjectState("Lib");
            library.Sources.Add("namespace Lib { public class L { void [|Bad|]() { } } }");
            test.AdditionalProjects.Add(library);
            return test.RunAsync();
        }

        [Fact]
        public Task Code_fix_is_applied_and_compared()
            => CSharpCodeFixVerifier<BadNameAnalyzer, RenameFix>.VerifyCodeFixAsync(Bad, """
                class C
                {
                    void Good() { }
                    void Fine() { }
                }
                """);

        [Fact]
        public async Task Code_fix_with_wrong_expected_output_fails()
        {
            var failure = await Assert.ThrowsAsync<XunitException>(() =>
                CSharpCodeFixVerifier<BadNameAnalyzer, RenameFix>.VerifyCodeFixAsync(Bad, """
                    class C
                    {
                        void Better() { }
                        void Fine() { }
                    }
                    """));
            Assert.Contains("First difference at line 3", failure.Message);
        }

        [Fact]
        public async Task Code_fix_that_breaks_the_build_fails()
        {
            var failure = await Assert.ThrowsAsync<XunitException>(() =>
                CSharpCodeFixVerifier<BadNameAnalyzer, BrokenFix>.VerifyCodeFixAsync(Bad, """
                    class C
                    {
                        void Good() { } }
                        void Unused() { }
                        void Fine() { }
                    }
                    """));
            Assert.Contains("Reported but not expected", failure.Message);
            Assert.Contains("error CS", failure.Message);
        }

        [Fact]
        public async Task Fix_iterations_are_counted()
        {
            var test = new CSharpCodeFixVerifier<BadNameAnalyzer, StepFix>.Test
            {
                TestCode = "class C { void [|Bad|]() { } }",
                FixedCode = "class C { void Good() { } }",
                NumberOfIncrementalIterations = 2,
                NumberOfFixAllIterations = 2,
            };
            test.AddEditorConfig("test_option.bad_name = Bad1");
            await test.RunAsync();

            var wrong = new CSharpCodeFixVerifier<BadNameAnalyzer, StepFix>.Test
            {
                TestCode = "class C { void [|Bad|]() { } }",
                FixedCode = "class C { void Good() { } }",
                NumberOfIncrementalIterations = 1,
            };
            wrong.AddEditorConfig("test_option.bad_name = Bad1");
            var failure = await Assert.ThrowsAsync<XunitException>(() => wrong.RunAsync());
            Assert.Contains("incremental fix iteration", failure.Message);
        }

        [Fact]
        public Task Fix_all_in_every_scope_across_documents_and_projects()
        {
            var test = new CSharpCodeFixVerifier<BadNameAnalyzer, RenameFix>.Test();
            test.Sources.Add("class A { void [|Bad|]() { } int [|Bad|](int x) => x; }");
            test.Sources.Add("class B { void [|Bad|]() { } }");
            test.FixedSources.Add("class A { void Good() { } int Good(int x) => x; }");
            test.FixedSources.Add("class B { void Good() { } }");
            return test.RunAsync();
        }

        [Fact]
        public async Task Fix_all_result_is_compared()
        {
            var test = new CSharpCodeFixVerifier<BadNameAnalyzer, FixOneOnlyInBatch>.Test
            {
                TestCode = "class A { void [|Bad|]() { } int [|Bad|](int x) => x; }",
                FixedCode = "class A { void Good() { } int Good(int x) => x; }",
            };
            var failure = await Assert.ThrowsAsync<XunitException>(() => test.RunAsync());
            Assert.Contains("Fix All", failure.Message);
        }

        [Fact]
        public Task Code_action_is_chosen_by_equivalence_key()
            => new CSharpCodeFixVerifier<BadNameAnalyzer, TwoActionsFix>.Test
            {
                TestCode = Bad,
                FixedCode = Bad.Replace("[|Bad|]", "Excellent"),
                CodeActionEquivalenceKey = "Excellent",
            }.RunAsync();

        [Fact]
        public Task Code_action_is_chosen_by_index()
            => new CSharpCodeFixVerifier<BadNameAnalyzer, TwoActionsFix>.Test
            {
                TestCode = Bad,
                FixedCode = Bad.Replace("[|Bad|]", "Excellent"),
                CodeActionIndex = 1,
            }.RunAsync();

        [Fact]
        public Task Sdk_stand_ins_compile_in_every_shape()
        {
            foreach (var shape in Enum.GetValues<SdkShape>())
            {
                Assert.NotEmpty(References.For(shape));
            }

            return Task.CompletedTask;
        }

        // ---- small analyzers and fixers for the tests above ----

        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        public sealed class BadNameAnalyzer : DiagnosticAnalyzer
        {
            public static readonly DiagnosticDescriptor Rule = new("TST001", "Bad name", "Method '{0}' has a bad name", "Test", DiagnosticSeverity.Warning, true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

            public override void Initialize(AnalysisContext context)
            {
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.RegisterSymbolAction(symbolContext =>
                {
                    var method = (IMethodSymbol)symbolContext.Symbol;
                    var location = method.Locations[0];
                    var options = symbolContext.Options.AnalyzerConfigOptionsProvider.GetOptions(location.SourceTree!);
                    var bad = options.TryGetValue("test_option.bad_name", out var configured) ? configured : "Bad";
                    if (method.Name == bad || (bad == "Bad1" && method.Name == "Bad"))
                    {
                        symbolContext.ReportDiagnostic(Diagnostic.Create(Rule, location, method.Name));
                    }
                }, SymbolKind.Method);
            }
        }

        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        public sealed class ThrowingAnalyzer : DiagnosticAnalyzer
        {
            private static readonly DiagnosticDescriptor Rule = new("TST002", "Throws", "Throws", "Test", DiagnosticSeverity.Warning, true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

            public override void Initialize(AnalysisContext context)
            {
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.RegisterSyntaxNodeAction(_ => throw new InvalidOperationException("boom"), SyntaxKind.ClassDeclaration);
            }
        }

        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        public sealed class GeneratedCodeReportingAnalyzer : DiagnosticAnalyzer
        {
            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(BadNameAnalyzer.Rule);

            public override void Initialize(AnalysisContext context)
            {
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
                context.RegisterSymbolAction(symbolContext =>
                {
                    if (symbolContext.Symbol.Name == "Bad")
                    {
                        symbolContext.ReportDiagnostic(Diagnostic.Create(BadNameAnalyzer.Rule, symbolContext.Symbol.Locations[0], "Bad"));
                    }
                }, SymbolKind.Method);
            }
        }

        [DiagnosticAnalyzer(LanguageNames.CSharp)]
        public sealed class NoLocationAnalyzer : DiagnosticAnalyzer
        {
            private static readonly DiagnosticDescriptor Rule = new("TST003", "No location", "No location", "Test", DiagnosticSeverity.Warning, true);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

            public override void Initialize(AnalysisContext context)
            {
                context.EnableConcurrentExecution();
                context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
                context.RegisterCompilationAction(c => c.ReportDiagnostic(Diagnostic.Create(Rule, Location.None)));
            }
        }

        public abstract class RenameFixBase : CodeFixProvider
        {
            public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create("TST001");

            public override FixAllProvider? GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

            protected void Offer(CodeFixContext context, string title, string newName, string key)
            {
                var diagnostic = context.Diagnostics[0];
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => Rename(context.Document, diagnostic, newName, ct), key),
                    diagnostic);
            }

            protected virtual string Replacement(string newName) => newName;

            private async Task<Document> Rename(Document document, Diagnostic diagnostic, string newName, CancellationToken cancellationToken)
            {
                var root = (await document.GetSyntaxRootAsync(cancellationToken))!;
                var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
                var replacement = SyntaxFactory.ParseToken(Replacement(newName)).WithTriviaFrom(token);
                if (Replacement(newName) != newName)
                {
                    var text = await document.GetTextAsync(cancellationToken);
                    return document.WithText(text.Replace(token.Span, Replacement(newName)));
                }

                return document.WithSyntaxRoot(root.ReplaceToken(token, replacement));
            }
        }

        [ExportCodeFixProvider(LanguageNames.CSharp), Shared]
        public sealed class RenameFix : RenameFixBase
        {
            public override Task RegisterCodeFixesAsync(CodeFixContext context)
            {
                Offer(context, "Rename to Good", "Good", "Good");
                return Task.CompletedTask;
            }
        }

        public sealed class BrokenFix : RenameFixBase
        {
            public override Task RegisterCodeFixesAsync(CodeFixContext context)
            {
                Offer(context, "Rename to Good", "Good", "Good");
                return Task.CompletedTask;
            }

            protected override string Replacement(string newName) => newName + "() { } }\n    void Unused";
        }

        public sealed class StepFix : RenameFixBase
        {
            public override Task RegisterCodeFixesAsync(CodeFixContext context)
            {
                // Bad -> Bad1 -> Good: two iterations.
                var name = context.Diagnostics[0].GetMessage().Contains("'Bad'") ? "Bad1" : "Good";
                Offer(context, "Step", name, "Step");
                return Task.CompletedTask;
            }
        }

        public sealed class TwoActionsFix : RenameFixBase
        {
            public override Task RegisterCodeFixesAsync(CodeFixContext context)
            {
                Offer(context, "Rename to Good", "Good", "Good");
                Offer(context, "Rename to Excellent", "Excellent", "Excellent");
                return Task.CompletedTask;
            }
        }

        /// <summary>Fixes every diagnostic one by one, but its Fix All fixes only the first in each document.</summary>
        public sealed class FixOneOnlyInBatch : RenameFixBase
        {
            public override Task RegisterCodeFixesAsync(CodeFixContext context)
            {
                Offer(context, "Rename to Good", "Good", "Good");
                return Task.CompletedTask;
            }

            public override FixAllProvider? GetFixAllProvider() => new FirstOnly();

            private sealed class FirstOnly : FixAllProvider
            {
                public override async Task<CodeAction?> GetFixAsync(FixAllContext fixAllContext)
                {
                    var document = fixAllContext.Document!;
                    var diagnostics = (await fixAllContext.GetDocumentDiagnosticsAsync(document)).OrderBy(d => d.Location.SourceSpan.Start).ToList();
                    if (diagnostics.Count == 0)
                    {
                        return null;
                    }

                    return CodeAction.Create("Fix first", async ct =>
                    {
                        var root = (await document.GetSyntaxRootAsync(ct))!;
                        var tokens = diagnostics.Take(2).Select(d => root.FindToken(d.Location.SourceSpan.Start)).ToList();

                        // The first becomes Good, a second one Okay: never equal to the one-by-one result.
                        var solution = document.WithSyntaxRoot(root.ReplaceTokens(tokens, (original, _) =>
                            SyntaxFactory.Identifier(original == tokens[0] ? "Good" : "Okay").WithTriviaFrom(original))).Project.Solution;
                        return solution;
                    }, "Good");
                }
            }
        }
    }
}
