using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.IO;
using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.Diagnostics;

namespace SupabaseRealtime.Analyzers.Tests.Meta
{
    /// <summary>What the product ships, found by reflection, and where the repository is.</summary>
    public static class Product
    {
        public static Assembly AnalyzerAssembly => typeof(Descriptors).Assembly;

        public static Assembly CodeFixAssembly => typeof(SupabaseRealtime.Analyzers.CodeFixes.CodeFixMarker).Assembly;

        /// <summary>A new instance of every analyzer the package ships.</summary>
        public static ImmutableArray<DiagnosticAnalyzer> Analyzers()
            => AnalyzerAssembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(DiagnosticAnalyzer).IsAssignableFrom(t) && t.GetCustomAttribute<DiagnosticAnalyzerAttribute>() != null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (DiagnosticAnalyzer)Activator.CreateInstance(t)!)
                .ToImmutableArray();

        /// <summary>A new instance of every code-fix provider the package ships.</summary>
        public static ImmutableArray<CodeFixProvider> CodeFixProviders()
            => CodeFixAssembly.GetTypes()
                .Where(t => !t.IsAbstract && typeof(CodeFixProvider).IsAssignableFrom(t) && t.GetCustomAttribute<ExportCodeFixProviderAttribute>() != null)
                .OrderBy(t => t.FullName, StringComparer.Ordinal)
                .Select(t => (CodeFixProvider)Activator.CreateInstance(t)!)
                .ToImmutableArray();

        /// <summary>Every descriptor in the catalogue (public static fields of <see cref="Descriptors"/>).</summary>
        public static ImmutableArray<DiagnosticDescriptor> CatalogueDescriptors()
            => typeof(Descriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
                .Where(f => f.FieldType == typeof(DiagnosticDescriptor))
                .Select(f => (DiagnosticDescriptor)f.GetValue(null)!)
                .OrderBy(d => d.Id, StringComparer.Ordinal)
                .ToImmutableArray();

        /// <summary>The repository root (the folder holding Analyzers.sln).</summary>
        public static string Root { get; } = FindRoot();

        public static string PathOf(params string[] parts) => Path.Combine(new[] { Root }.Concat(parts).ToArray());

        private static string FindRoot()
        {
            for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory != null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Analyzers.sln")))
                {
                    return directory.FullName;
                }
            }

            throw new InvalidOperationException("Analyzers.sln not found above " + AppContext.BaseDirectory);
        }
    }
}
