using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using System.Xml.Linq;
using Microsoft.CodeAnalysis;
using Xunit;

namespace SupabaseRealtime.Analyzers.Tests.Meta
{
    /// <summary>
    /// The package as users meet it, checked from its sources: the analysis-mode presets follow the rule
    /// catalogue, the .targets that picks them knows every mode, and the package page (its own readme),
    /// licence expression and release notes are declared and list every rule with an absolute link.
    /// eng/check-package.sh checks the packed .nupkg and builds a consumer with each preset.
    /// </summary>
    public class PackageTests
    {
        private static readonly string PackageDirectory = Product.PathOf("src", "SupabaseRealtime.Analyzers.Package");

        private static string PresetPath(AnalysisModePresets.Preset preset) => Path.Combine(PackageDirectory, "build", "presets", preset.FileName);

        [Fact]
        public void Analysis_mode_presets_are_generated_from_the_catalogue()
        {
            var update = Environment.GetEnvironmentVariable(AnalysisModePresets.UpdateVariable) == "1";
            var stale = new List<string>();
            foreach (var preset in AnalysisModePresets.Presets)
            {
                var path = PresetPath(preset);
                var expected = AnalysisModePresets.Render(preset, Product.CatalogueDescriptors());
                var actual = File.Exists(path) ? File.ReadAllText(path) : null;
                if (actual == expected)
                {
                    continue;
                }

                if (update)
                {
                    Directory.CreateDirectory(Path.GetDirectoryName(path)!);
                    File.WriteAllText(path, expected);
                }
                else
                {
                    stale.Add(Path.GetRelativePath(Product.Root, path).Replace('\\', '/') + (actual == null ? " (missing)" : " (differs)"));
                }
            }

            Assert.True(stale.Count == 0, "Analysis-mode presets that do not match the rule catalogue: " + string.Join(", ", stale)
                + ". Regenerate them with: " + AnalysisModePresets.UpdateCommand);
        }

        [Fact]
        public void The_presets_folder_holds_only_the_generated_presets()
        {
            var folder = Path.Combine(PackageDirectory, "build", "presets");
            var files = Directory.GetFiles(folder).Select(Path.GetFileName).OrderBy(n => n, StringComparer.Ordinal);
            Assert.Equal(AnalysisModePresets.Presets.Select(p => p.FileName).OrderBy(n => n, StringComparer.Ordinal), files);
        }

        [Fact]
        public void Every_preset_is_a_global_config_that_gives_every_rule_the_presets_severity_and_nothing_else()
        {
            var ids = Product.CatalogueDescriptors().Select(d => d.Id).ToList();
            foreach (var preset in AnalysisModePresets.Presets)
            {
                var path = PresetPath(preset);
                var text = File.ReadAllText(path);
                var set = AnalyzerConfigSet.Create(new[] { AnalyzerConfig.Parse(text, path) }, out var diagnostics);
                Assert.Empty(diagnostics);

                // Options of a global config's global section apply to every file of the compilation, wherever it
                // lives (the C# Razor generates too); without is_global = true a file with no sections sets nothing.
                // The compiler matches IDs case-insensitively and hands them back lower-cased.
                var severities = set.GlobalConfigOptions.TreeOptions.ToDictionary(o => o.Key.ToUpperInvariant(), o => o.Value);
                Assert.Equal(ids.OrderBy(i => i, StringComparer.Ordinal), severities.Keys.OrderBy(i => i, StringComparer.Ordinal));
                Assert.All(ids, id => Assert.Equal(preset.Severity, severities[id]));

                Assert.Matches(new Regex(@"^global_level = " + AnalysisModePresets.GlobalLevel + "$", RegexOptions.Multiline), text);
            }
        }

        [Fact]
        public void The_package_targets_map_every_mode_to_its_preset_and_name_every_mode_in_the_error_for_others()
        {
            var targetsPath = Path.Combine(PackageDirectory, "build", "SupabaseRealtime.Analyzers.targets");
            var targets = XDocument.Load(targetsPath);
            var target = Assert.Single(targets.Root!.Elements("Target"));
            Assert.Equal("CoreCompile", (string?)target.Attribute("BeforeTargets"));

            // <_SupabaseRealtimeAnalysisModeFile Condition="'$(_SupabaseRealtimeAnalysisMode)' == 'None'">$(MSBuildThisFileDirectory)presets/none.globalconfig</...>
            var condition = new Regex(@"^'\$\(_SupabaseRealtimeAnalysisMode\)' == '(?<mode>\w+)'$");
            var mapped = target.Descendants("_SupabaseRealtimeAnalysisModeFile")
                .Where(e => e.Attribute("Condition") != null)
                .Select(e => (Mode: condition.Match((string)e.Attribute("Condition")!).Groups["mode"].Value, File: e.Value))
                .ToList();
            Assert.Equal(
                AnalysisModePresets.Presets.Select(p => (p.Mode, "$(MSBuildThisFileDirectory)presets/" + p.FileName)).OrderBy(m => m.Item1, StringComparer.Ordinal),
                mapped.OrderBy(m => m.Mode, StringComparer.Ordinal));

            var errors = target.Elements("Error").Select(e => (string)e.Attribute("Text")!).ToList();
            Assert.Contains(errors, text => text.Contains("expected " + string.Join(", ", AnalysisModePresets.Modes.Take(AnalysisModePresets.Modes.Count() - 1)) + " or " + AnalysisModePresets.Modes.Last() + ".", StringComparison.Ordinal));

            var transitive = XDocument.Load(Path.Combine(PackageDirectory, "buildTransitive", "SupabaseRealtime.Analyzers.targets"));
            var import = Assert.Single(transitive.Root!.Elements("Import"));
            Assert.Equal("$(MSBuildThisFileDirectory)../build/SupabaseRealtime.Analyzers.targets", (string?)import.Attribute("Project"));
        }

        [Fact]
        public void The_package_project_declares_its_own_readme_the_mit_licence_expression_and_release_notes()
        {
            var project = XDocument.Load(Path.Combine(PackageDirectory, "SupabaseRealtime.Analyzers.Package.csproj"));
            string Property(string name) => project.Descendants(name).Select(e => e.Value).SingleOrDefault() ?? "";

            Assert.Equal("README.md", Property("PackageReadmeFile"));
            Assert.Equal("MIT", Property("PackageLicenseExpression"));
            Assert.Empty(project.Descendants("PackageLicenseFile"));
            Assert.Equal("Release notes: $(RepositoryUrl)/blob/main/CHANGELOG.md", Property("PackageReleaseNotes"));

            // The readme packed at the root is the package's own, not the repository README.
            var packed = project.Descendants("None").Where(e => (string?)e.Attribute("Pack") == "true").ToList();
            var readme = Assert.Single(packed, e => ((string?)e.Attribute("PackagePath")) == "\\");
            Assert.Equal("README.md", (string?)readme.Attribute("Update"));
            Assert.True(File.Exists(Path.Combine(PackageDirectory, "README.md")));
            Assert.DoesNotContain(packed, e => ((string?)e.Attribute("Update") ?? (string?)e.Attribute("Include") ?? "").Contains("LICENSE", StringComparison.Ordinal));

            Assert.Equal("https://github.com/SupabaseRealtime/SupabaseRealtime.Analyzers", RepositoryUrl());
            Assert.Equal(Descriptors.HelpLinkBase, RepositoryUrl() + "/blob/main/docs/rules/");
        }

        [Fact]
        public void The_package_readme_lists_every_rule_with_an_absolute_link_to_its_page()
        {
            var readme = File.ReadAllText(Path.Combine(PackageDirectory, "README.md"));
            var fixable = Product.CodeFixProviders().SelectMany(p => p.FixableDiagnosticIds).ToHashSet();
            var rows = Regex.Matches(readme, @"^\| \[(?<id>SRT\d{3})\]\((?<link>[^)]*)\) \| (?<title>[^|]+) \| (?<severity>\w+) \| (?<fix>\w+) \|$", RegexOptions.Multiline)
                .ToDictionary(m => m.Groups["id"].Value);
            var ids = Product.CatalogueDescriptors().Select(d => d.Id).ToList();
            Assert.Equal(ids, rows.Keys.OrderBy(i => i, StringComparer.Ordinal));
            foreach (var descriptor in Product.CatalogueDescriptors())
            {
                var row = rows[descriptor.Id];
                Assert.Equal(RepositoryUrl() + "/blob/main/docs/rules/" + descriptor.Id + ".md", row.Groups["link"].Value);
                Assert.Equal(descriptor.HelpLinkUri, row.Groups["link"].Value);
                Assert.Equal(descriptor.Title.ToString(), row.Groups["title"].Value.Trim());
                Assert.Equal(descriptor.DefaultSeverity.ToString(), row.Groups["severity"].Value);
                Assert.Equal(fixable.Contains(descriptor.Id) ? "Yes" : "No", row.Groups["fix"].Value);
            }
        }

        [Fact]
        public void The_package_readme_links_only_absolute_addresses_and_names_every_analysis_mode()
        {
            var readme = File.ReadAllText(Path.Combine(PackageDirectory, "README.md"));
            var links = Regex.Matches(readme, @"\]\((?<target>[^)\s]+)\)").Select(m => m.Groups["target"].Value).ToList();
            Assert.NotEmpty(links);
            Assert.All(links, link => Assert.StartsWith("https://", link));
            Assert.All(AnalysisModePresets.Modes, mode => Assert.Contains("| `" + mode + "`", readme));
            Assert.Contains("<SupabaseRealtimeAnalysisMode>", readme);
        }

        [Fact]
        public void The_changelog_has_a_section_for_the_package_version_that_names_every_rule()
        {
            var props = XDocument.Load(Product.PathOf("Directory.Build.props"));
            var version = props.Descendants("Version").Single().Value;
            var changelog = File.ReadAllText(Product.PathOf("CHANGELOG.md"));
            var section = Regex.Match(changelog, @"^## " + Regex.Escape(version) + @"\s*$(?<body>.*?)(?=^## |\z)", RegexOptions.Multiline | RegexOptions.Singleline);
            Assert.True(section.Success, $"CHANGELOG.md has no '## {version}' section.");
            Assert.All(Product.CatalogueDescriptors(), d => Assert.Contains($"[{d.Id}](docs/rules/{d.Id}.md) {d.Title}", section.Groups["body"].Value));
            Assert.Contains("SupabaseRealtimeAnalysisMode", section.Groups["body"].Value);
        }

        private static string RepositoryUrl()
            => XDocument.Load(Product.PathOf("Directory.Build.props")).Descendants("RepositoryUrl").Single().Value;
    }
}
