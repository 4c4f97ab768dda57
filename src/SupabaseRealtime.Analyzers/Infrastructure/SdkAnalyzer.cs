using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Infrastructure
{
    /// <summary>What a rule gets for one compilation that references the SDK.</summary>
    internal sealed class SdkCompilation
    {
        public SdkCompilation(Compilation compilation, SdkSymbols sdk, AnalyzerOptions options)
        {
            Compilation = compilation;
            Sdk = sdk;
            Options = options;
            Scope = sdk.ScopeFor(options);
        }

        public Compilation Compilation { get; }

        public SdkSymbols Sdk { get; }

        public AnalyzerOptions Options { get; }

        public SourceScope Scope { get; }
    }

    /// <summary>
    /// The common set-up of every rule: concurrent execution, generated code skipped (Razor output
    /// excepted, see <see cref="SourceScope"/>), and nothing registered when the SDK is not referenced.
    /// </summary>
    internal abstract class SdkAnalyzer : DiagnosticAnalyzer
    {
        public sealed override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();

            // Razor output is generated code; SourceScope keeps it and skips every other generated tree.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(start =>
            {
                var sdk = SdkSymbols.TryCreate(start.Compilation);
                if (sdk is null)
                {
                    return;
                }

                Register(start, new SdkCompilation(start.Compilation, sdk, start.Options));
            });
        }

        /// <summary>Registers the rule's actions for a compilation that references the SDK.</summary>
        protected abstract void Register(CompilationStartAnalysisContext context, SdkCompilation compilation);
    }
}
