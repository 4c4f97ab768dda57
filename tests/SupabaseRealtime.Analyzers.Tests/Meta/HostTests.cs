using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;

namespace SupabaseRealtime.Analyzers.Tests.Meta
{
    /// <summary>
    /// The package ships one analyzer that hosts every rule: it lists every descriptor, and it starts a rule only
    /// when the compilation's options leave one of the rule's descriptors on, so a rule turned off costs nothing.
    /// </summary>
    public class HostTests
    {
        private const string Code = @"
using System.Threading.Tasks;
using Supabase.Realtime;

public class RoomFeed
{
    public async Task StartAsync(Client realtime)
    {
        var channel = realtime.Channel(""room"");
        await channel.Subscribe();
    }
}
";

        [Fact]
        public void The_package_ships_one_analyzer_that_hosts_every_rule_and_lists_every_descriptor()
        {
            var analyzers = Product.Analyzers();
            var host = Assert.IsType<SupabaseRealtimeAnalyzer>(Assert.Single(analyzers));
            Assert.Equal(14, host.Rules.Length);
            var ids = host.Rules.SelectMany(r => r.SupportedDiagnostics).Select(d => d.Id).ToList();
            Assert.Equal(ids.Distinct().Count(), ids.Count);
            Assert.Equal(ids.OrderBy(id => id, System.StringComparer.Ordinal), ids);
            Assert.Equal(ids, host.SupportedDiagnostics.Select(d => d.Id));
        }

        [Fact]
        public async Task Starts_a_rule_that_no_option_turns_off()
        {
            var rule = new CountingRule();
            await RunAsync(rule, editorConfig: null, globalConfig: null);
            Assert.Equal(1, rule.Starts);
        }

        [Fact]
        public async Task Starts_a_rule_turned_off_for_the_compilation_but_on_for_one_file()
        {
            var rule = new CountingRule();
            await RunAsync(rule, editorConfig: "root = true\n\n[*.cs]\ndotnet_diagnostic.SRT900.severity = none\n\n[/0/Test0.cs]\ndotnet_diagnostic.SRT900.severity = warning\n", globalConfig: null);
            Assert.Equal(1, rule.Starts);
        }

        [Fact]
        public async Task Starts_a_rule_that_is_off_by_id_globally_and_on_by_id_in_a_file_despite_a_bulk_setting()
        {
            var rule = new CountingRule();
            await RunAsync(rule, editorConfig: "root = true\n\n[*.cs]\ndotnet_diagnostic.SRT900.severity = suggestion\n", globalConfig: "is_global = true\ndotnet_diagnostic.SRT900.severity = none\n");
            Assert.Equal(1, rule.Starts);
        }

        [Fact]
        public async Task Ignores_a_rule_turned_off_in_editorconfig()
        {
            var rule = new CountingRule();
            await RunAsync(rule, editorConfig: "root = true\n\n[*.cs]\ndotnet_diagnostic.SRT900.severity = none\n", globalConfig: null);
            Assert.Equal(0, rule.Starts);
        }

        [Fact]
        public async Task Ignores_a_rule_turned_off_in_a_global_config_as_the_presets_do()
        {
            var rule = new CountingRule();
            await RunAsync(rule, editorConfig: null, globalConfig: "is_global = true\nglobal_level = -1\ndotnet_diagnostic.SRT900.severity = none\n");
            Assert.Equal(0, rule.Starts);
        }

        [Fact]
        public async Task Ignores_a_rule_turned_off_by_id_even_when_a_bulk_setting_turns_analyzers_on()
        {
            var rule = new CountingRule();
            await RunAsync(rule, editorConfig: "root = true\n\n[*.cs]\ndotnet_analyzer_diagnostic.severity = warning\n", globalConfig: "is_global = true\ndotnet_diagnostic.SRT900.severity = none\n");
            Assert.Equal(0, rule.Starts);
        }

        [Fact]
        public async Task Ignores_a_rule_turned_off_in_the_compilation_options()
        {
            var rule = new CountingRule();
            await RunAsync(rule, editorConfig: null, globalConfig: null, specific: ("SRT900", ReportDiagnostic.Suppress));
            Assert.Equal(0, rule.Starts);
        }

        [Fact]
        public async Task Ignores_every_rule_when_the_sdk_is_not_referenced()
        {
            var rule = new CountingRule();
            var test = new HostTest(rule) { Sdk = SdkVersion.None, TestCode = "public class Plain { }" };
            await test.RunAsync(CancellationToken.None);
            Assert.Equal(0, rule.Starts);
        }

        private static Task RunAsync(CountingRule rule, string? editorConfig, string? globalConfig, (string Id, ReportDiagnostic Severity)? specific = null)
        {
            var test = new HostTest(rule) { TestCode = Code, Specific = specific };
            if (editorConfig != null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.editorconfig", SourceText.From(editorConfig)));
            }

            if (globalConfig != null)
            {
                test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig", SourceText.From(globalConfig)));
            }

            return test.RunAsync(CancellationToken.None);
        }

        /// <summary>A rule that reports nothing and counts the compilations it is started on.</summary>
#pragma warning disable RS2008, RS1012 // A test-only rule: no release tracking, and it registers nothing on purpose.
        private sealed class CountingRule : SdkRule
        {
            private static readonly DiagnosticDescriptor Descriptor = new DiagnosticDescriptor(
                "SRT900", "Counting rule", "Counting rule", "Usage", DiagnosticSeverity.Warning, isEnabledByDefault: true);

            private int starts;

            public int Starts => Volatile.Read(ref starts);

            public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptor);

            protected override void Register(CompilationStartAnalysisContext context, SdkCompilation compilation) => Interlocked.Increment(ref starts);
        }
#pragma warning restore RS2008, RS1012

        private sealed class HostTest : CSharpAnalyzerVerifier<Analyzers.Rules.SubscribeNotObservedAnalyzer>.Test
        {
            private readonly CountingRule rule;

            public HostTest(CountingRule rule) => this.rule = rule;

            public (string Id, ReportDiagnostic Severity)? Specific { get; set; }

            protected override IEnumerable<DiagnosticAnalyzer> GetDiagnosticAnalyzers() => new[] { new SupabaseRealtimeAnalyzer(new SdkRule[] { rule }) };

            protected override CompilationOptions CreateCompilationOptions()
            {
                var options = base.CreateCompilationOptions();
                return Specific is (string id, ReportDiagnostic severity)
                    ? options.WithSpecificDiagnosticOptions(options.SpecificDiagnosticOptions.SetItem(id, severity))
                    : options;
            }
        }
    }
}
