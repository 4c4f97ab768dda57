using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;

namespace SupabaseRealtime.Analyzers.Tests.Meta
{
    /// <summary>
    /// The generator of the package's analysis-mode presets
    /// (src/SupabaseRealtime.Analyzers.Package/build/presets/*.globalconfig): one global analyzer config per
    /// mode, one line per rule of the catalogue, so that a new rule joins every preset.
    /// <see cref="PackageTests"/> fails when a checked-in preset differs from what this renders;
    /// <c>SRT_UPDATE_PRESETS=1</c> makes that test rewrite the files instead (see <see cref="UpdateVariable"/>).
    /// </summary>
    public static class AnalysisModePresets
    {
        /// <summary>Set to 1 to rewrite the preset files from the catalogue instead of comparing them.</summary>
        public const string UpdateVariable = "SRT_UPDATE_PRESETS";

        /// <summary>The command that regenerates the presets (quoted in failure messages and the README).</summary>
        public const string UpdateCommand = UpdateVariable + "=1 dotnet test tests/SupabaseRealtime.Analyzers.Tests --filter FullyQualifiedName~Meta.PackageTests";

        /// <summary>
        /// Below the default level of a project's own global configs (100 for a file named .globalconfig,
        /// 0 for others), so that theirs win when both set a rule; .editorconfig sections win over any global config.
        /// </summary>
        public const int GlobalLevel = -1;

        /// <summary>A preset: the value of SupabaseRealtimeAnalysisMode, its file, and the severity it gives a rule.</summary>
        public sealed class Preset
        {
            public Preset(string mode, string fileName, string summary, ReportDiagnostic severity)
            {
                Mode = mode;
                FileName = fileName;
                Summary = summary;
                Severity = severity;
            }

            public string Mode { get; }

            public string FileName { get; }

            public string Summary { get; }

            public ReportDiagnostic Severity { get; }
        }

        /// <summary>
        /// The presets that ship a file. <c>Default</c> (also the value when the property is unset) ships none:
        /// each rule keeps its descriptor's severity, and a file restating those would override a project's
        /// category-wide settings (<c>dotnet_analyzer_diagnostic.category-Reliability.severity</c>).
        /// </summary>
        public static ImmutableArray<Preset> Presets { get; } = ImmutableArray.Create(
            new Preset("None", "none.globalconfig", "every SupabaseRealtime.Analyzers rule is off", ReportDiagnostic.Suppress),
            new Preset("AllWarnings", "all-warnings.globalconfig", "every SupabaseRealtime.Analyzers rule is a warning", ReportDiagnostic.Warn),
            new Preset("AllErrors", "all-errors.globalconfig", "every SupabaseRealtime.Analyzers rule is an error", ReportDiagnostic.Error));

        /// <summary>Every value SupabaseRealtimeAnalysisMode accepts.</summary>
        public static IEnumerable<string> Modes => new[] { "Default" }.Concat(Presets.Select(p => p.Mode));

        /// <summary>The preset's file as it must be checked in: LF line ends, no trailing blank line.</summary>
        public static string Render(Preset preset, IEnumerable<DiagnosticDescriptor> descriptors)
        {
            var text = new StringBuilder();
            text.Append("# SupabaseRealtimeAnalysisMode=").Append(preset.Mode).Append(": ").Append(preset.Summary).Append('.').Append('\n');
            text.Append("# Generated from the rule catalogue by tests/SupabaseRealtime.Analyzers.Tests/Meta/AnalysisModePresets.cs;\n");
            text.Append("# do not edit. Regenerate with: ").Append(UpdateCommand).Append('\n');
            text.Append("is_global = true\n");
            text.Append("# Below a project's own global configs (level 100 for .globalconfig, 0 for others): theirs win.\n");
            text.Append("global_level = ").Append(GlobalLevel).Append('\n');
            foreach (var descriptor in descriptors.OrderBy(d => d.Id, System.StringComparer.Ordinal))
            {
                text.Append('\n');
                text.Append("# ").Append(descriptor.Id).Append(": ").Append(descriptor.Title.ToString())
                    .Append(" (default: ").Append(SeverityName(descriptor.DefaultSeverity)).Append(")\n");
                text.Append("dotnet_diagnostic.").Append(descriptor.Id).Append(".severity = ").Append(SeverityName(preset.Severity)).Append('\n');
            }

            return text.ToString();
        }

        /// <summary>The .editorconfig spelling of a severity.</summary>
        public static string SeverityName(ReportDiagnostic severity) => severity switch
        {
            ReportDiagnostic.Suppress => "none",
            ReportDiagnostic.Hidden => "silent",
            ReportDiagnostic.Info => "suggestion",
            ReportDiagnostic.Warn => "warning",
            ReportDiagnostic.Error => "error",
            _ => throw new System.ArgumentOutOfRangeException(nameof(severity), severity, "no .editorconfig spelling"),
        };

        /// <summary>The .editorconfig spelling of a descriptor's default severity.</summary>
        public static string SeverityName(DiagnosticSeverity severity) => severity switch
        {
            DiagnosticSeverity.Hidden => "silent",
            DiagnosticSeverity.Info => "suggestion",
            DiagnosticSeverity.Warning => "warning",
            DiagnosticSeverity.Error => "error",
            _ => throw new System.ArgumentOutOfRangeException(nameof(severity), severity, "no .editorconfig spelling"),
        };
    }
}
