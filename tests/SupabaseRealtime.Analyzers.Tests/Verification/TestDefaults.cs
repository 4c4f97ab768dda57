using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Testing;
using Microsoft.CodeAnalysis.Text;

namespace SupabaseRealtime.Analyzers.Tests.Verification
{
    /// <summary>
    /// What every analyzer and code-fix test of this project shares on top of Microsoft.CodeAnalysis.Testing:
    /// net10.0 reference packs with no registry at test time, the real SDK of the test's
    /// <see cref="SdkVersion"/>, C# 11 with nullable annotations on, and the one check the framework has no
    /// equivalent for: a code fix must not add a compiler warning (<see cref="VerifyNoNewCompilerWarningsAsync"/>).
    /// </summary>
    internal static class TestDefaults
    {
        public const LanguageVersion DefaultLanguageVersion = LanguageVersion.CSharp11;

        public static void AddReferences(SolutionState state, SdkVersion sdk)
        {
            state.AdditionalReferences.Add(SdkReferences.UiFrameworkStandIns);
            state.AdditionalReferences.AddRange(SdkReferences.Sdk(sdk));
        }

        public static ParseOptions ParseOptions(ParseOptions options, LanguageVersion version)
            => ((CSharpParseOptions)options).WithLanguageVersion(version);

        public static CompilationOptions CompilationOptions(CompilationOptions options)
            => ((CSharpCompilationOptions)options).WithNullableContextOptions(NullableContextOptions.Enable);

        public static (string Path, SourceText Text) EditorConfig(string lines)
            => ("/.editorconfig", SourceText.From("root = true\n\n[*.cs]\n" + lines + "\n"));

        /// <summary>
        /// Fails when the fixed sources (which the framework has already proved equal to what the fix
        /// produces) carry a compiler warning that the test sources do not: a fix that adds CS8602 or
        /// CS0618 breaks a warnings-as-errors build.
        /// </summary>
        public static async Task VerifyNoNewCompilerWarningsAsync(
            SolutionState testState, IEnumerable<SolutionState> fixedStates, ParseOptions parseOptions, CompilationOptions compilationOptions,
            ReferenceAssemblies referenceAssemblies, CancellationToken cancellationToken)
        {
            var references = (await referenceAssemblies.ResolveAsync(LanguageNames.CSharp, cancellationToken).ConfigureAwait(false))
                .AddRange(testState.AdditionalReferences);
            var options = testState.OutputKind is { } kind ? compilationOptions.WithOutputKind(kind) : compilationOptions;

            // As a project without GenerateDocumentationFile compiles: no CS1591 for a member a fix adds.
            parseOptions = parseOptions.WithDocumentationMode(DocumentationMode.Parse);
            var before = Warnings(testState, parseOptions, options, references, cancellationToken);
            foreach (var state in fixedStates.Where(s => s.Sources.Count > 0))
            {
                var after = Warnings(state, parseOptions, options, references, cancellationToken);
                var added = after.GroupBy(w => w).Where(g => g.Count() > before.Count(b => b == g.Key)).Select(g => g.Key).ToList();
                if (added.Count > 0)
                {
                    throw new InvalidOperationException(
                        "The fixed code has compiler warnings that the test code does not:" + Environment.NewLine
                        + string.Join(Environment.NewLine, added.Select(w => "  " + w)));
                }
            }
        }

        private static List<string> Warnings(SolutionState state, ParseOptions parseOptions, CompilationOptions options,
            ImmutableArray<MetadataReference> references, CancellationToken cancellationToken)
        {
            var trees = state.Sources.Select(source =>
            {
                TestFileMarkupParser.GetSpans(source.content.ToString(), out string text, out ImmutableDictionary<string, ImmutableArray<TextSpan>> _);
                return CSharpSyntaxTree.ParseText(text, (CSharpParseOptions)parseOptions, path: source.filename, cancellationToken: cancellationToken);
            });
            return CSharpCompilation.Create("WarningCheck", trees, references, (CSharpCompilationOptions)options)
                .GetDiagnostics(cancellationToken)
                .Where(d => d.Severity == DiagnosticSeverity.Warning)
                .Select(d => $"{d.Id}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}")
                .ToList();
        }
    }
}
