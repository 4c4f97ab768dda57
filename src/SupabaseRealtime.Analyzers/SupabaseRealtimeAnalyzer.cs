using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Rules;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers
{
    /// <summary>
    /// The package's one analyzer: it hosts every rule (<see cref="SdkRule"/>), so the analyzer driver's
    /// per-analyzer bookkeeping (symbol-start state, action tables, per-analyzer suppression checks) is paid
    /// once instead of once per rule. At compilation start it resolves the SDK once, leaves at once when the
    /// SDK is not referenced, and starts only the rules whose descriptors the compilation's options leave on,
    /// all on one shared <see cref="SdkCompilation"/>.
    /// </summary>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class SupabaseRealtimeAnalyzer : DiagnosticAnalyzer
    {
        private readonly ImmutableArray<SdkRule> rules;

        /// <summary>Every rule of the package.</summary>
        public SupabaseRealtimeAnalyzer()
            : this(AllRules())
        {
        }

        /// <summary>Only <paramref name="rules"/> (tests and the benchmark measure one rule at a time this way).</summary>
        internal SupabaseRealtimeAnalyzer(IEnumerable<SdkRule> rules)
        {
            this.rules = rules.ToImmutableArray();
            SupportedDiagnostics = this.rules.SelectMany(r => r.SupportedDiagnostics).Distinct().ToImmutableArray();
        }

        /// <summary>The rules this instance hosts, ordered by rule ID.</summary>
        internal ImmutableArray<SdkRule> Rules => rules;

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; }

        /// <summary>One instance of each rule, ordered by rule ID.</summary>
        internal static ImmutableArray<SdkRule> AllRules() => ImmutableArray.Create<SdkRule>(
            new SubscribedBeforeAuthAnalyzer(),             // SRT001
            new ChannelSubscribedMoreThanOnceAnalyzer(),    // SRT002
            new UpdateInsteadOfUpsertAnalyzer(),            // SRT003
            new SubscriptionNeverReleasedAnalyzer(),        // SRT004
            new ChannelBeforeConnectAnalyzer(),             // SRT005
            new LateOrDuplicateBindingAnalyzer(),           // SRT006
            new UnsubscribeKeepsChannelCachedAnalyzer(),    // SRT007
            new SecretKeyInSourceAnalyzer(),                // SRT008
            new ChannelArgumentsMisplacedAnalyzer(),        // SRT009
            new UnpairedChangeHandlerAnalyzer(),            // SRT010
            new ModelReadForDeleteAnalyzer(),               // SRT011
            new AsyncHandlerUnguardedAnalyzer(),            // SRT012
            new SubscribeNotObservedAnalyzer(),             // SRT013
            new ConnectWhileConnectedAnalyzer());           // SRT014

        public override void Initialize(AnalysisContext context)
        {
            context.EnableConcurrentExecution();

            // Razor output is generated code; SourceScope keeps it and skips every other generated tree.
            context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.Analyze | GeneratedCodeAnalysisFlags.ReportDiagnostics);
            context.RegisterCompilationStartAction(Start);
        }

        private void Start(CompilationStartAnalysisContext start)
        {
            var sdk = SdkSymbols.TryCreate(start.Compilation);
            if (sdk is null)
            {
                return;
            }

            SdkCompilation? shared = null;
            foreach (var rule in rules)
            {
                if (!RuleSwitches.IsOn(start.Compilation, start.Options, rule.SupportedDiagnostics, start.CancellationToken))
                {
                    continue;
                }

                shared ??= new SdkCompilation(start.Compilation, sdk, start.Options);
                rule.Start(start, shared);
            }
        }
    }
}
