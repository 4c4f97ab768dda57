using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Infrastructure
{
    /// <summary>
    /// What every rule gets for one compilation that references the SDK: created once by
    /// <see cref="SupabaseRealtimeAnalyzer"/> and shared by all the rules that run on it, so the
    /// models it hands out (SDK symbols, source scope, control-flow graphs) are computed once.
    /// </summary>
    internal sealed class SdkCompilation
    {
        public SdkCompilation(Compilation compilation, SdkSymbols sdk, AnalyzerOptions options)
        {
            Compilation = compilation;
            Sdk = sdk;
            Options = options;
            Scope = sdk.ScopeFor(options);
            Types = new TypeStarts(sdk);
            Lifetime = new System.Lazy<Model.LifetimeModel>(() => Model.LifetimeModel.Create(compilation), System.Threading.LazyThreadSafetyMode.PublicationOnly);
        }

        public Compilation Compilation { get; }

        public SdkSymbols Sdk { get; }

        public AnalyzerOptions Options { get; }

        public SourceScope Scope { get; }

        /// <summary>The per-type starts of every rule, handed to the driver as one symbol-start action.</summary>
        public TypeStarts Types { get; }

        /// <summary>
        /// The framework types that give a type a bounded lifetime (SRT004, SRT007), resolved once on first use: by then
        /// the compiler has declared the project's types, so the lookups do not wait for it; a lost race builds a second,
        /// identical model instead of blocking a thread.
        /// </summary>
        public System.Lazy<Model.LifetimeModel> Lifetime { get; }

        /// <summary>The channel timelines of each type, collected once for every rule that reads them.</summary>
        public Model.RegistrationReaders Registrations { get; } = new Model.RegistrationReaders();
    }

    /// <summary>
    /// One rule's judgement: the descriptors it reports and the actions it registers for a compilation
    /// that references the SDK. Rules are not analyzers of their own: <see cref="SupabaseRealtimeAnalyzer"/>
    /// hosts them all, so the analyzer driver's per-analyzer bookkeeping is paid once, and starts only the
    /// rules that the compilation's options leave on (see <see cref="RuleSwitches"/>).
    /// </summary>
    internal abstract class SdkRule
    {
        /// <summary>The descriptors this rule reports.</summary>
        public abstract ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

        /// <summary>Starts the rule on a compilation that references the SDK.</summary>
        public void Start(CompilationStartAnalysisContext context, SdkCompilation compilation) => Register(context, compilation);

        /// <summary>Registers the rule's actions for a compilation that references the SDK.</summary>
        protected abstract void Register(CompilationStartAnalysisContext context, SdkCompilation compilation);
    }
}
