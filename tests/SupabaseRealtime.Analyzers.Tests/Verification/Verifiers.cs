using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SupabaseRealtime.Analyzers.Tests.Verification
{
    /// <summary>Analyzer tests in the ecosystem's style: <c>VerifyAnalyzerAsync(source, expected...)</c>, or <c>new Test { ... }.RunAsync()</c>.</summary>
    public static class CSharpAnalyzerVerifier<TAnalyzer>
        where TAnalyzer : DiagnosticAnalyzer, new()
    {
        /// <summary>A diagnostic of the analyzer's only descriptor.</summary>
        public static DiagnosticResult Diagnostic()
        {
            var descriptors = new TAnalyzer().SupportedDiagnostics;
            return descriptors.Length == 1
                ? DiagnosticResult.Create(descriptors[0])
                : throw new System.InvalidOperationException($"{typeof(TAnalyzer).Name} has {descriptors.Length} descriptors: name one.");
        }

        public static DiagnosticResult Diagnostic(string id) => DiagnosticResult.Create(id);

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => DiagnosticResult.Create(descriptor);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
        {
            var test = new Test { TestCode = source };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        public class Test : AnalyzerTest
        {
            public Test()
            {
                Analyzers.Add(new TAnalyzer());
            }
        }
    }

    /// <summary>Code-fix tests: <c>VerifyCodeFixAsync(source, expected, fixedSource)</c>, or <c>new Test { ... }.RunAsync()</c>.</summary>
    public static class CSharpCodeFixVerifier<TAnalyzer, TCodeFix>
        where TAnalyzer : DiagnosticAnalyzer, new()
        where TCodeFix : CodeFixProvider, new()
    {
        public static DiagnosticResult Diagnostic() => CSharpAnalyzerVerifier<TAnalyzer>.Diagnostic();

        public static DiagnosticResult Diagnostic(string id) => DiagnosticResult.Create(id);

        public static DiagnosticResult Diagnostic(DiagnosticDescriptor descriptor) => DiagnosticResult.Create(descriptor);

        public static Task VerifyAnalyzerAsync(string source, params DiagnosticResult[] expected)
            => CSharpAnalyzerVerifier<TAnalyzer>.VerifyAnalyzerAsync(source, expected);

        public static Task VerifyCodeFixAsync(string source, string fixedSource)
            => VerifyCodeFixAsync(source, System.Array.Empty<DiagnosticResult>(), fixedSource);

        public static Task VerifyCodeFixAsync(string source, DiagnosticResult expected, string fixedSource)
            => VerifyCodeFixAsync(source, new[] { expected }, fixedSource);

        public static Task VerifyCodeFixAsync(string source, DiagnosticResult[] expected, string fixedSource)
        {
            var test = new Test { TestCode = source, FixedCode = fixedSource };
            test.ExpectedDiagnostics.AddRange(expected);
            return test.RunAsync();
        }

        public class Test : CodeFixTest
        {
            public Test()
            {
                Analyzers.Add(new TAnalyzer());
                CodeFixProvider = new TCodeFix();
            }
        }
    }
}
