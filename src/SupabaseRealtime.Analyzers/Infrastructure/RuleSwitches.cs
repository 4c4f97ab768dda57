using System;
using System.Collections.Immutable;
using System.Reflection;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SupabaseRealtime.Analyzers.Infrastructure
{
    /// <summary>
    /// Whether a hosted rule is on for a compilation, decided the way the analyzer driver decides it for an
    /// analyzer of its own: a rule is off only when every descriptor it reports is off in every file of the
    /// compilation, by the compilation's options or by the file's. A rule turned off in <c>.editorconfig</c>, a
    /// <c>.globalconfig</c> (the <c>SupabaseRealtimeAnalysisMode</c> presets), a rule set or <c>/nowarn</c>
    /// then costs nothing. When in doubt the rule is on (the driver still drops what a file suppresses).
    /// </summary>
    /// <remarks>
    /// Roslyn 3.8 moved per-file and global analyzer-config severities from <c>SyntaxTree.DiagnosticOptions</c>
    /// to <c>CompilationOptions.SyntaxTreeOptionsProvider</c>; the analyzers compile against 3.6, so the provider
    /// is read through reflection when the running compiler has it, and the tree's options otherwise.
    /// </remarks>
    internal static class RuleSwitches
    {
        private const string BulkSeverityKey = "dotnet_analyzer_diagnostic.severity";
        private const string CategorySeverityPrefix = "dotnet_analyzer_diagnostic.category-";

        private static readonly PropertyInfo? ProviderProperty =
            typeof(CompilationOptions).GetRuntimeProperty("SyntaxTreeOptionsProvider");

        private static readonly MethodInfo? TryGetGlobal = FindMethod("TryGetGlobalDiagnosticValue", 3);

        private static readonly MethodInfo? TryGetForTree = FindMethod("TryGetDiagnosticValue", 4);

        public static bool IsOn(Compilation compilation, AnalyzerOptions options, ImmutableArray<DiagnosticDescriptor> descriptors, CancellationToken cancellationToken)
        {
            try
            {
                var provider = ProviderProperty?.GetValue(compilation.Options);
                foreach (var descriptor in descriptors)
                {
                    if (!IsSuppressedEverywhere(compilation, options, provider, descriptor, cancellationToken))
                    {
                        return true;
                    }
                }

                return false;
            }
            catch (Exception e) when (!(e is OperationCanceledException))
            {
                // A compiler whose internals differ from the ones read here: run the rule.
                return true;
            }
        }

        private static bool IsSuppressedEverywhere(Compilation compilation, AnalyzerOptions options, object? provider, DiagnosticDescriptor descriptor, CancellationToken cancellationToken)
        {
            // The compilation's severity: the descriptor's default, then a global config or the compilation options
            // (rule set, /nowarn, /warnaserror) for its ID.
            var suppressed = !descriptor.IsEnabledByDefault;
            var byId = false;
            if ((compilation.Options.SpecificDiagnosticOptions.TryGetValue(descriptor.Id, out var severity) && severity != ReportDiagnostic.Default)
                || (TryGetGlobalValue(provider, descriptor.Id, cancellationToken, out severity) && severity != ReportDiagnostic.Default))
            {
                suppressed = severity == ReportDiagnostic.Suppress;
                byId = true;
            }

            // Each file's: an .editorconfig section for the ID, else a bulk severity (by category, or for every analyzer)
            // when the ID has no severity of its own, else the compilation's. The driver skips an analyzer in a file
            // where all its descriptors are off there; the host skips a rule off in every file.
            var categoryKey = CategorySeverityPrefix + descriptor.Category + ".severity";
            foreach (var tree in compilation.SyntaxTrees)
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (TryGetTreeValue(provider, tree, descriptor.Id, cancellationToken, out var treeSeverity) && treeSeverity != ReportDiagnostic.Default)
                {
                    if (treeSeverity != ReportDiagnostic.Suppress)
                    {
                        return false;
                    }

                    continue;
                }

                if (!byId)
                {
                    var treeOptions = options.AnalyzerConfigOptionsProvider.GetOptions(tree);
                    if ((treeOptions.TryGetValue(categoryKey, out var bulk) || treeOptions.TryGetValue(BulkSeverityKey, out bulk))
                        && !string.Equals(bulk.Trim(), "default", StringComparison.OrdinalIgnoreCase))
                    {
                        if (!string.Equals(bulk.Trim(), "none", StringComparison.OrdinalIgnoreCase))
                        {
                            return false;
                        }

                        continue;
                    }
                }

                if (!suppressed)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool TryGetGlobalValue(object? provider, string id, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            if (provider is null || TryGetGlobal is null)
            {
                return false;
            }

            var arguments = new object?[] { id, cancellationToken, null };
            if (TryGetGlobal.Invoke(provider, arguments) is bool found && found && arguments[2] is ReportDiagnostic value)
            {
                severity = value;
                return true;
            }

            return false;
        }

        private static bool TryGetTreeValue(object? provider, SyntaxTree tree, string id, CancellationToken cancellationToken, out ReportDiagnostic severity)
        {
            severity = ReportDiagnostic.Default;
            if (provider is null || TryGetForTree is null)
            {
#pragma warning disable CS0618 // Roslyn before 3.8 keeps a file's analyzer-config severities on the tree.
                return tree.DiagnosticOptions.TryGetValue(id, out severity);
#pragma warning restore CS0618
            }

            var arguments = new object?[] { tree, id, cancellationToken, null };
            if (TryGetForTree.Invoke(provider, arguments) is bool found && found && arguments[3] is ReportDiagnostic value)
            {
                severity = value;
                return true;
            }

            return false;
        }

        private static MethodInfo? FindMethod(string name, int parameterCount)
        {
            var type = ProviderProperty?.PropertyType;
            if (type is null)
            {
                return null;
            }

            foreach (var method in type.GetRuntimeMethods())
            {
                if (method.Name == name && method.GetParameters().Length == parameterCount && method.ReturnType == typeof(bool))
                {
                    return method;
                }
            }

            return null;
        }
    }
}
