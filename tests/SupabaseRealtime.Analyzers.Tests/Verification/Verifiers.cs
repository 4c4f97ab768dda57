using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Testing;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using SupabaseRealtime.Analyzers.Infrastructure;

namespace SupabaseRealtime.Analyzers.Tests.Verification
{
    /// <summary>
    /// Analyzer tests of one rule on Microsoft.CodeAnalysis.Testing, with this project's defaults (<see cref="TestDefaults"/>):
    /// the package's analyzer (<see cref="SupabaseRealtimeAnalyzer"/>) hosting only <typeparamref name="TRule"/>.
    /// </summary>
    internal static class CSharpAnalyzerVerifier<TRule>
        where TRule : SdkRule, new()
    {
        public static DiagnosticResult Diagnostic() => RuleUnderTest<TRule>.Diagnostic();

        public static DiagnosticResult Diagnostic(string id) => RuleUnderTest<TRule>.Diagnostic(id);

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new DiagnosticResult(descriptor);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
            => VerifyAnalyzerAsync(source, SdkVersion.Supabase160, expected);

        public static Task VerifyAnalyzerAsync(string source, SdkVersion sdk, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source, Sdk = sdk };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        public class Test : CSharpAnalyzerTest<SupabaseRealtimeAnalyzer, DefaultVerifier>
        {
            public Test()
            {
                ReferenceAssemblies = SdkReferences.Net100;
            }

            /// <summary>The SDK version the test compiles against (default: Supabase 1.6.0).</summary>
            public SdkVersion Sdk { get; set; } = SdkVersion.Supabase160;

            public LanguageVersion LanguageVersion { get; set; } = TestDefaults.DefaultLanguageVersion;

            public OutputKind OutputKind
            {
                get => TestState.OutputKind ?? OutputKind.DynamicallyLinkedLibrary;
                set => TestState.OutputKind = value;
            }

            public SourceFileList Sources => TestState.Sources;

            public MetadataReferenceCollection AdditionalReferences => TestState.AdditionalReferences;

            /// <summary>Adds an <c>.editorconfig</c> at the root that applies <paramref name="lines"/> to every C# file.</summary>
            public void AddEditorConfig(string lines) => TestState.AnalyzerConfigFiles.Add(TestDefaults.EditorConfig(lines));

            protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => RuleUnderTest<TRule>.Analyzers();

            protected override ParseOptions CreateParseOptions() => TestDefaults.ParseOptions(base.CreateParseOptions(), LanguageVersion);

            protected override CompilationOptions CreateCompilationOptions() => TestDefaults.CompilationOptions(base.CreateCompilationOptions());

            protected override Task RunImplAsync(CancellationToken cancellationToken)
            {
                TestDefaults.AddReferences(TestState, Sdk);
                return base.RunImplAsync(cancellationToken);
            }
        }
    }

    /// <summary>Code-fix tests on Microsoft.CodeAnalysis.Testing (one by one and Fix All in document, project and solution), with this project's defaults.</summary>
    internal static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
        where TAnalyzer : SdkRule, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public static DiagnosticResult Diagnostic() => RuleUnderTest<TAnalyzer>.Diagnostic();

        public static DiagnosticResult Diagnostic(string id) => RuleUnderTest<TAnalyzer>.Diagnostic(id);

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => new DiagnosticResult(descriptor);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
            => CSharpAnalyzerVerifier<TAnalyzer>.VerifyAnalyzerAsync(source, expected);

        public static Task VerifyAnalyzerAsync(string source, SdkVersion sdk, params DiagnosticResult[] expected)
            => CSharpAnalyzerVerifier<TAnalyzer>.VerifyAnalyzerAsync(source, sdk, expected);

        public static Task VerifyCodeFixAsync(string source, string fixedSource)
            => VerifyCodeFixAsync(source, System.Array.Empty<DiagnosticResult>(), fixedSource);

        public static Task VerifyCodeFixAsync(string source, DiagnosticResult expected, string fixedSource)
            => VerifyCodeFixAsync(source, new[] { expected }, fixedSource);

        public static Task VerifyCodeFixAsync(string source, DiagnosticResult[] expected, string fixedSource)
        {
            var test = new Test { TestCode = source, FixedCode = fixedSource };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync(CancellationToken.None);
        }

        public class Test : CSharpCodeFixTest<SupabaseRealtimeAnalyzer, TCodeFix, DefaultVerifier>
        {
            public Test()
            {
                ReferenceAssemblies = SdkReferences.Net100;

                // Marks in the fixed code are the diagnostics that must remain after the fix (the framework ignores fixable ones by default).
                FixedState.MarkupHandling = MarkupMode.Allow;
                BatchFixedState.MarkupHandling = MarkupMode.Allow;
            }

            /// <summary>The SDK version the test compiles against (default: Supabase 1.6.0).</summary>
            public SdkVersion Sdk { get; set; } = SdkVersion.Supabase160;

            public LanguageVersion LanguageVersion { get; set; } = TestDefaults.DefaultLanguageVersion;

            public OutputKind OutputKind
            {
                get => TestState.OutputKind ?? OutputKind.DynamicallyLinkedLibrary;
                set => TestState.OutputKind = value;
            }

            public SourceFileList Sources => TestState.Sources;

            public SourceFileList FixedSources => FixedState.Sources;

            public MetadataReferenceCollection AdditionalReferences => TestState.AdditionalReferences;

            /// <summary>Adds an <c>.editorconfig</c> at the root that applies <paramref name="lines"/> to every C# file.</summary>
            public void AddEditorConfig(string lines) => TestState.AnalyzerConfigFiles.Add(TestDefaults.EditorConfig(lines));

            protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => RuleUnderTest<TAnalyzer>.Analyzers();

            protected override ParseOptions CreateParseOptions() => TestDefaults.ParseOptions(base.CreateParseOptions(), LanguageVersion);

            protected override CompilationOptions CreateCompilationOptions() => TestDefaults.CompilationOptions(base.CreateCompilationOptions());

            protected override async Task RunImplAsync(CancellationToken cancellationToken)
            {
                TestDefaults.AddReferences(TestState, Sdk);
                await base.RunImplAsync(cancellationToken).ConfigureAwait(false);
                await TestDefaults.VerifyNoNewCompilerWarningsAsync(
                    TestState, new List<SolutionState> { FixedState, BatchFixedState }, CreateParseOptions(), CreateCompilationOptions(),
                    ReferenceAssemblies, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The package's analyzer hosting one rule, and that rule's expected diagnostics.</summary>
    internal static class RuleUnderTest<TRule>
        where TRule : SdkRule, new()
    {
        public static IEnumerable<DiagnosticAnalyzer> Analyzers() => new DiagnosticAnalyzer[] { new SupabaseRealtimeAnalyzer(new SdkRule[] { new TRule() }) };

        /// <summary>The rule's one descriptor (fails for a rule with several: name the ID).</summary>
        public static DiagnosticResult Diagnostic() => new DiagnosticResult(new TRule().SupportedDiagnostics.Single());

        public static DiagnosticResult Diagnostic(string id)
            => new DiagnosticResult(new TRule().SupportedDiagnostics.Single(d => d.Id == id));
    }
}
