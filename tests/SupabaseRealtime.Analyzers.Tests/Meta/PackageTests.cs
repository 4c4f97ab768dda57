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
    /// catalogue, and the .targets that picks them knows every mode.
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
    }
}
