using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SupabaseRealtime.Analyzers.Benchmarks
{
    /// <summary>
    /// The floor: registers the kinds of actions the SRT analyzers register (a compilation-start
    /// action, then operation actions on invocations, object creations and literals, an
    /// operation-block start action with its own invocation and block-end actions, and an
    /// operation-block action) with the same set-up (concurrent, generated code analyzed), and does
    /// nothing in them. Unlike the SRT analyzers it never bails out.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class EmptyBaselineAnalyzer : DiagnosticAnalyzer
    {
        private static readonly DiagnosticDescriptor Rule = new DiagnosticDescriptor(
            "BENCH000",
            "Empty baseline",
            "Never reported",
            "Performance",
            DiagnosticSeverity.Warning,
            isEnabledByDefault: true);

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                start.RegisterOperationAction(_ => { }, OperationKind.Invocation, OperationKind.ObjectCreation, OperationKind.Literal);
                start.RegisterOperationBlockStartAction(block =>
                {
                    block.RegisterOperationAction(_ => { }, OperationKind.Invocation);
                    block.RegisterOperationBlockEndAction(_ => { });
                });
                start.RegisterOperationBlockAction(_ => { });
            });
        }
    }
}
