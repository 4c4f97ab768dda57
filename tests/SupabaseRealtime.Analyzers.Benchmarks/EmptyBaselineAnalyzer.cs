using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SupabaseRealtime.Analyzers.Benchmarks
{
    /// <summary>
    /// The floor: registers the kinds of actions the SRT analyzers register, with the same set-up
    /// (concurrent, generated code analyzed), and does nothing in them: at compilation start, an
    /// operation action on invocations (SRT009), syntax-node actions on string literals, additions
    /// and interpolated strings (SRT008), and a symbol-start action on named types holding an
    /// operation-block action, an operation action on invocations and member references, and a
    /// symbol-end action (the type-level rules). Unlike the SRT analyzers it never bails out.
    /// </summary>
    /// <remarks>
    /// The symbol-start registration is most of the floor: for each analyzer that registers one, the
    /// analyzer driver keeps per-type action sets and analyzes every member's operation blocks for it
    /// separately (about 30 MB of allocations per analyzer on the 500-file codebase, none of it inside
    /// a callback, so ExecutionTime does not show it; the "allocated MB" column does).
    /// </remarks>
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
                start.RegisterOperationAction(_ => { }, OperationKind.Invocation);
                start.RegisterSyntaxNodeAction(_ => { }, SyntaxKind.StringLiteralExpression, SyntaxKind.AddExpression, SyntaxKind.InterpolatedStringExpression);
                start.RegisterSymbolStartAction(
                    type =>
                    {
                        type.RegisterOperationBlockAction(_ => { });
                        type.RegisterOperationAction(_ => { }, OperationKind.Invocation, OperationKind.FieldReference, OperationKind.PropertyReference);
                        type.RegisterSymbolEndAction(_ => { });
                    },
                    SymbolKind.NamedType);
            });
        }
    }
}
