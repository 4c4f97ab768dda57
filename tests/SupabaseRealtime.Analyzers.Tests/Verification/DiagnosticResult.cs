using System;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;

namespace SupabaseRealtime.Analyzers.Tests.Verification
{
    /// <summary>An expected diagnostic: ID, location (by markup key or by line/column), and optionally message and severity.</summary>
    public readonly struct DiagnosticResult
    {
        private DiagnosticResult(string id, DiagnosticDescriptor? descriptor, DiagnosticSeverity? severity, int? markupKey,
            string? path, LinePositionSpan? span, object?[]? arguments, string? message, bool noLocation)
        {
            Id = id;
            Descriptor = descriptor;
            Severity = severity;
            MarkupKey = markupKey;
            Path = path;
            Span = span;
            Arguments = arguments;
            Message = message;
            NoLocation = noLocation;
        }

        public string Id { get; }
        public DiagnosticDescriptor? Descriptor { get; }
        public DiagnosticSeverity? Severity { get; }
        public int? MarkupKey { get; }
        public string? Path { get; }
        public LinePositionSpan? Span { get; }
        public object?[]? Arguments { get; }
        public string? Message { get; }
        public bool NoLocation { get; }

        public bool HasLocation => MarkupKey.HasValue || Span.HasValue;

        public static DiagnosticResult Create(DiagnosticDescriptor descriptor)
            => new DiagnosticResult(descriptor.Id, descriptor, null, null, null, null, null, null, false);

        public static DiagnosticResult Create(string id)
            => new DiagnosticResult(id, null, null, null, null, null, null, null, false);

        public static DiagnosticResult CompilerError(string id) => Create(id).WithSeverity(DiagnosticSeverity.Error);

        /// <summary>The location marked <c>{|#key:...|}</c>.</summary>
        public DiagnosticResult WithLocation(int markupKey)
            => new DiagnosticResult(Id, Descriptor, Severity, markupKey, null, null, Arguments, Message, false);

        /// <summary>A location by 1-based line and column in <paramref name="path"/>, spanning to the end of the marked token unless given.</summary>
        public DiagnosticResult WithSpan(string path, int line, int column, int endLine, int endColumn)
            => new DiagnosticResult(Id, Descriptor, Severity, null, path,
                new LinePositionSpan(new LinePosition(line - 1, column - 1), new LinePosition(endLine - 1, endColumn - 1)), Arguments, Message, false);

        public DiagnosticResult WithSpan(int line, int column, int endLine, int endColumn)
            => WithSpan(AnalyzerTest.DefaultFilePath(0), line, column, endLine, endColumn);

        public DiagnosticResult WithNoLocation()
            => new DiagnosticResult(Id, Descriptor, Severity, null, null, null, Arguments, Message, true);

        public DiagnosticResult WithArguments(params object?[] arguments)
            => new DiagnosticResult(Id, Descriptor, Severity, MarkupKey, Path, Span, arguments, Message, NoLocation);

        public DiagnosticResult WithMessage(string message)
            => new DiagnosticResult(Id, Descriptor, Severity, MarkupKey, Path, Span, Arguments, message, NoLocation);

        public DiagnosticResult WithSeverity(DiagnosticSeverity severity)
            => new DiagnosticResult(Id, Descriptor, severity, MarkupKey, Path, Span, Arguments, Message, NoLocation);

        internal DiagnosticResult WithResolvedLocation(string path, LinePositionSpan span)
            => new DiagnosticResult(Id, Descriptor, Severity, null, path, span, Arguments, Message, NoLocation);

        /// <summary>The message this result expects, when it expects one.</summary>
        internal string? ExpectedMessage()
        {
            if (Message != null)
            {
                return Message;
            }

            if (Arguments != null && Descriptor != null)
            {
                return string.Format(CultureInfo.CurrentCulture, Descriptor.MessageFormat.ToString(CultureInfo.CurrentCulture), Arguments);
            }

            return null;
        }

        public override string ToString()
        {
            var where = NoLocation ? "(no location)"
                : Span.HasValue ? $"{Path}({Span.Value.Start.Line + 1},{Span.Value.Start.Character + 1},{Span.Value.End.Line + 1},{Span.Value.End.Character + 1})"
                : MarkupKey.HasValue ? $"{{|#{MarkupKey}:...|}}" : "(any location)";
            var message = ExpectedMessage();
            return $"{where}: {Severity?.ToString().ToLowerInvariant() ?? "?"} {Id}{(message is null ? string.Empty : ": " + message)}";
        }
    }
}
