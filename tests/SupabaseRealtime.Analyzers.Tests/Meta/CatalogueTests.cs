using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;

namespace SupabaseRealtime.Analyzers.Tests.Meta
{
    /// <summary>
    /// Every rule carries its whole story: a catalogue descriptor, a docs page its help link points
    /// at, a release-tracking entry, a README row, tests that report it and at least as many that
    /// must not, and for every fix a Fix All provider with tests.
    /// Rule test files are <c>Rules/&lt;ID&gt;Tests.cs</c>; in them a test named <c>Reports_…</c> must
    /// report, <c>Ignores_…</c> must not, and <c>Fix_…</c> checks a fix.
    /// </summary>
    public class CatalogueTests
    {
        [Fact]
        public void Every_catalogue_descriptor_is_reported_by_an_analyzer_and_every_reported_descriptor_is_in_the_catalogue()
        {
            var supported = Product.Analyzers().SelectMany(a => a.SupportedDiagnostics).Select(d => d.Id).ToHashSet();
            var catalogue = Product.CatalogueDescriptors().Select(d => d.Id).ToHashSet();
            Assert.Equal(catalogue.OrderBy(i => i), supported.OrderBy(i => i));
        }

        [Fact]
        public void Rule_ids_are_unique_and_well_formed()
        {
            var ids = Product.CatalogueDescriptors().Select(d => d.Id).ToList();
            Assert.Equal(ids.Count, ids.Distinct().Count());
            Assert.All(ids, id => Assert.Matches("^SRT0[0-9]{2}$", id));
            var constants = typeof(RuleIds).GetFields().Select(f => (string)f.GetValue(null)!).OrderBy(i => i);
            Assert.Equal(ids.OrderBy(i => i), constants);
        }

        [Fact]
        public void Every_descriptor_has_a_docs_page_that_its_help_link_points_at()
        {
            foreach (var descriptor in Product.CatalogueDescriptors())
            {
                Assert.Equal(Descriptors.HelpLinkBase + descriptor.Id + ".md", descriptor.HelpLinkUri);
                Assert.StartsWith("https://", descriptor.HelpLinkUri);
                var page = Product.PathOf("docs", "rules", descriptor.Id + ".md");
                Assert.True(File.Exists(page), $"{descriptor.Id}: docs/rules/{descriptor.Id}.md is missing.");
                var text = File.ReadAllText(page);
                Assert.Contains("# " + descriptor.Id, text);
                Assert.Contains(descriptor.Title.ToString(), text);
                Assert.Matches(new Regex("^## .*Bad", RegexOptions.Multiline), text);
                Assert.Matches(new Regex("^## .*Good", RegexOptions.Multiline), text);
                Assert.Contains("```csharp", text);
            }
        }

        /// <summary>The labels of the summary every rule page opens with, in order: what is wrong, what happens at run time, what to do.</summary>
        internal static readonly string[] SummaryLabels = { "- **What:** ", "- **Happens:** ", "- **Do:** " };

        /// <summary>A summary line is one short line: read in an IDE's link preview, not scrolled.</summary>
        internal const int MaxSummaryLineLength = 160;

        [Fact]
        public void Every_rule_page_opens_with_a_three_line_summary_under_its_title()
        {
            var pages = Directory.GetFiles(Product.PathOf("docs", "rules"), "SRT*.md");
            Assert.Equal(Product.CatalogueDescriptors().Length, pages.Length);
            foreach (var page in pages)
            {
                var name = Path.GetFileName(page);
                var lines = File.ReadAllLines(page);
                Assert.True(lines.Length > 5, $"{name} is too short to hold a title and a summary.");
                Assert.StartsWith("# " + Path.GetFileNameWithoutExtension(page) + ": ", lines[0]);
                Assert.True(lines[1].Length == 0, $"{name}: a blank line follows the title.");
                for (var i = 0; i < SummaryLabels.Length; i++)
                {
                    var line = lines[2 + i];
                    Assert.True(line.StartsWith(SummaryLabels[i], StringComparison.Ordinal), $"{name}, line {3 + i}: the summary's line {i + 1} starts with '{SummaryLabels[i]}', not '{line}'.");
                    Assert.True(line.Length > SummaryLabels[i].Length + 10, $"{name}, line {3 + i}: the summary line says nothing.");
                    Assert.True(line.Length <= MaxSummaryLineLength, $"{name}, line {3 + i}: the summary line has {line.Length} characters (at most {MaxSummaryLineLength}).");
                }

                Assert.True(lines[5].Length == 0, $"{name}: a blank line follows the three summary lines.");
            }
        }

        [Fact]
        public void Every_rule_page_has_an_sdk_versions_table_with_a_row_per_sdk_line()
        {
            foreach (var descriptor in Product.CatalogueDescriptors())
            {
                var text = File.ReadAllText(Product.PathOf("docs", "rules", descriptor.Id + ".md"));
                var section = Regex.Match(text, "^## SDK versions\\s*$(.*?)(?=^## |\\z)", RegexOptions.Multiline | RegexOptions.Singleline);
                Assert.True(section.Success, $"{descriptor.Id}: the page has no '## SDK versions' section.");
                foreach (var line in new[] { "5.0.5", "6.0.4", "7.0", "7.1", "7.4" })
                {
                    Assert.True(
                        Regex.IsMatch(section.Groups[1].Value, "^\\|[^|\\n]*" + Regex.Escape(line), RegexOptions.Multiline),
                        $"{descriptor.Id}: the SDK versions table has no row for {line}.");
                }
            }
        }

        [Fact]
        public void Every_descriptor_is_in_release_tracking_with_its_category_and_severity()
        {
            var lines = new[] { "AnalyzerReleases.Shipped.md", "AnalyzerReleases.Unshipped.md" }
                .SelectMany(f => File.ReadAllLines(Product.PathOf("src", "SupabaseRealtime.Analyzers", f)))
                .Select(l => l.Split('|').Select(p => p.Trim()).ToArray())
                .Where(p => p.Length >= 3)
                .ToList();
            foreach (var descriptor in Product.CatalogueDescriptors())
            {
                var entry = lines.FirstOrDefault(p => p[0] == descriptor.Id);
                Assert.True(entry != null, $"{descriptor.Id} is not in release tracking.");
                Assert.Equal(descriptor.Category, entry![1]);
                Assert.Equal(descriptor.DefaultSeverity.ToString(), entry[2]);
            }
        }

        [Fact]
        public void Every_descriptor_has_a_readme_row_and_is_enabled_with_a_description()
        {
            var readme = File.ReadAllText(Product.PathOf("README.md"));
            foreach (var descriptor in Product.CatalogueDescriptors())
            {
                Assert.Contains($"[{descriptor.Id}](docs/rules/{descriptor.Id}.md)", readme);
                Assert.True(descriptor.IsEnabledByDefault, descriptor.Id);
                Assert.False(string.IsNullOrWhiteSpace(descriptor.Description.ToString()), $"{descriptor.Id} has no description.");
                Assert.DoesNotContain("{", descriptor.Title.ToString());
            }
        }

        [Fact]
        public void Every_descriptor_has_tests_that_report_it_and_at_least_as_many_that_must_not()
        {
            foreach (var descriptor in Product.CatalogueDescriptors())
            {
                var file = Product.PathOf("tests", "SupabaseRealtime.Analyzers.Tests", "Rules", descriptor.Id + "Tests.cs");
                Assert.True(File.Exists(file), $"{descriptor.Id}: tests/SupabaseRealtime.Analyzers.Tests/Rules/{descriptor.Id}Tests.cs is missing.");
                var counts = CountTests(File.ReadAllText(file));
                Assert.True(counts.Reports >= 1, $"{descriptor.Id} has no Reports_ test.");
                Assert.True(counts.Ignores >= counts.Reports, $"{descriptor.Id} has {counts.Reports} Reports_ tests but only {counts.Ignores} Ignores_ tests.");
            }
        }

        [Fact]
        public void Every_code_fix_provider_offers_fix_all_in_every_scope_and_has_fix_tests()
        {
            var ids = Product.CatalogueDescriptors().Select(d => d.Id).ToHashSet();
            foreach (var provider in Product.CodeFixProviders())
            {
                var fixAll = provider.GetFixAllProvider();
                Assert.True(fixAll != null, $"{provider.GetType().Name} offers no Fix All.");
                Assert.Contains(FixAllScope.Document, fixAll!.GetSupportedFixAllScopes());
                Assert.Contains(FixAllScope.Project, fixAll.GetSupportedFixAllScopes());
                Assert.Contains(FixAllScope.Solution, fixAll.GetSupportedFixAllScopes());
                Assert.NotEmpty(provider.FixableDiagnosticIds);
                foreach (var id in provider.FixableDiagnosticIds)
                {
                    Assert.Contains(id, ids);
                    var file = Product.PathOf("tests", "SupabaseRealtime.Analyzers.Tests", "Rules", id + "Tests.cs");
                    var text = File.ReadAllText(file);
                    Assert.True(CountTests(text).Fixes >= 1, $"{id} has a code fix but no Fix_ test.");
                    Assert.DoesNotContain("SkipFixAll", text);
                }
            }
        }

        [Fact]
        public void Analyzer_assembly_references_roslyn_3_6_at_most_and_no_workspaces()
        {
            foreach (var reference in ReferencedAssemblies(Product.AnalyzerAssembly.Location))
            {
                Assert.DoesNotContain("Workspaces", reference.Name);
                if (reference.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal))
                {
                    Assert.True(reference.Version <= new Version(3, 6, 0, 0), $"The analyzer assembly references {reference.Name} {reference.Version}.");
                }
            }
        }

        [Fact]
        public void Code_fix_assembly_references_roslyn_4_5_at_most()
        {
            var references = ReferencedAssemblies(Product.CodeFixAssembly.Location).ToList();
            Assert.Contains(references, r => r.Name == "Microsoft.CodeAnalysis.Workspaces");
            foreach (var reference in references.Where(r => r.Name.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal)))
            {
                Assert.True(reference.Version <= new Version(4, 5, 0, 0), $"The code-fix assembly references {reference.Name} {reference.Version}.");
            }
        }

        [Fact]
        public async Task No_analyzer_reports_on_a_compilation_without_the_sdk()
        {
            // Look-alike names in the user's own namespace: symbols, not strings, decide.
            var test = new AllAnalyzersTest { Sdk = SdkVersion.None };
            test.Sources.Add(LookAlikeSource);
            test.Sources.Add(SecretKeySource);
            await test.RunAsync();
        }

        internal const string LookAlikeSource = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;

            namespace MyApp.Realtime
            {
                public class Channel
                {
                    public Task Subscribe() => Task.CompletedTask;
                    public void Unsubscribe() { }
                    public void Register(object options) { }
                    public void AddPostgresChangeHandler(int listenType, Action<object, object> handler) { }
                }

                public class Client
                {
                    public Channel Channel(string name) => new Channel();
                    public Channel Channel(string database, string schema, string table, string column = null, string value = null) => new Channel();
                    public Task ConnectAsync() => Task.CompletedTask;
                    public void SetAuth(string jwt) { }
                    public void Remove(Channel channel) { }
                }

                public class Store
                {
                    public void Update(object row) { }
                    public void Upsert(object row) { }
                }

                public sealed class Component
                {
                    private readonly Client client = new Client();
                    private readonly Store store = new Store();

                    public async Task StartAsync()
                    {
                        var channel = client.Channel("realtime:rooms");
                        channel.AddPostgresChangeHandler(1, (s, e) => store.Update(e));
                        await channel.Subscribe();
                        await channel.Subscribe();
                        client.SetAuth(Environment.GetEnvironmentVariable("JWT"));
                        await client.ConnectAsync();
                        channel.Register(new object());
                        channel.Unsubscribe();
                    }
                }
            }
            """;

        /// <summary>Secret keys in a project without the SDK: SRT008 keys on the SDK too, so it stays silent.</summary>
        internal const string SecretKeySource = """
            namespace MyApp
            {
                public static class Keys
                {
                    public const string ServiceRole = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJyb2xlIjoic2VydmljZV9yb2xlIn0.c2lnbmF0dXJl";
                    public const string Secret = "sb_secret_0123456789abcdef0123";
                }
            }
            """;

        internal static (int Reports, int Ignores, int Fixes) CountTests(string source)
        {
            var root = CSharpSyntaxTree.ParseText(source).GetRoot();
            int reports = 0, ignores = 0, fixes = 0;
            foreach (var method in root.DescendantNodes().OfType<MethodDeclarationSyntax>())
            {
                var attributes = method.AttributeLists.SelectMany(l => l.Attributes).Select(a => a.Name.ToString()).ToList();
                if (!attributes.Any(a => a is "Fact" or "Theory"))
                {
                    continue;
                }

                var weight = attributes.Contains("Theory") ? Math.Max(1, attributes.Count(a => a == "InlineData")) : 1;
                var name = method.Identifier.ValueText;
                if (name.StartsWith("Reports_", StringComparison.Ordinal))
                {
                    reports += weight;
                }
                else if (name.StartsWith("Ignores_", StringComparison.Ordinal))
                {
                    ignores += weight;
                }
                else if (name.StartsWith("Fix_", StringComparison.Ordinal))
                {
                    fixes += weight;
                }
            }

            return (reports, ignores, fixes);
        }

        private static IEnumerable<(string Name, Version Version)> ReferencedAssemblies(string path)
        {
            using var stream = File.OpenRead(path);
            using var reader = new PEReader(stream);
            var metadata = reader.GetMetadataReader();
            return metadata.AssemblyReferences
                .Select(h => metadata.GetAssemblyReference(h))
                .Select(r => (metadata.GetString(r.Name), r.Version))
                .ToList();
        }

        /// <summary>Every analyzer of the product in one test.</summary>
        private sealed class AllAnalyzersTest : Verification.CSharpAnalyzerVerifier<SupabaseRealtime.Analyzers.Rules.SecretKeyInSourceAnalyzer>.Test
        {
            protected override IEnumerable<Microsoft.CodeAnalysis.Diagnostics.DiagnosticAnalyzer> GetDiagnosticAnalyzers() => Product.Analyzers();
        }
    }
}
