using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Model;

namespace SupabaseRealtime.Analyzers.Rules
{
    /// <summary>
    /// SRT009: a realtime client's <c>Channel(...)</c> call whose arguments the SDK silently misreads:
    /// a filter written into <c>column</c>, a column without a value (or a value without a column), a
    /// channel name that already starts with <c>realtime:</c>, or another operator than <c>eq</c> written
    /// into <c>value</c>. One diagnostic per call, for the first case that applies, on the argument at fault.
    /// </summary>
    internal sealed class ChannelArgumentsMisplacedAnalyzer : SdkRule
    {
        /// <summary>The diagnostic property naming the case.</summary>
        public const string CaseKey = "Case";

        public const string FilterInColumn = "FilterInColumn";
        public const string ColumnWithoutValue = "ColumnWithoutValue";
        public const string ValueWithoutColumn = "ValueWithoutColumn";
        public const string RealtimePrefix = "RealtimePrefix";
        public const string OperatorInValue = "OperatorInValue";
        public const string PrivacyMismatch = "PrivacyMismatch";

        /// <summary>The prefix the SDK puts before a channel name itself.</summary>
        public const string TopicPrefix = "realtime:";

        /// <summary>The operators of realtime's postgres_changes filters.</summary>
        private static readonly ImmutableHashSet<string> FilterOperators = ImmutableHashSet.Create(StringComparer.Ordinal, "eq", "neq", "lt", "lte", "gt", "gte", "in");

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SRT009);

        protected override void Register(CompilationStartAnalysisContext context, SdkCompilation compilation)
        {
            if (compilation.Sdk.RealtimeClientInterface is null && compilation.Sdk.RealtimeClient is null)
            {
                return;
            }

            // 7.4+: Channel(name, ChannelOptions) caches by name alone, so a private and a public channel of one name on one
            // client are one instance, whichever Channel() runs first (sdk-behaviour.md, section 1).
            var collectPrivacy = HasOptionsOverload(compilation.Sdk.RealtimeClient) || HasOptionsOverload(compilation.Sdk.RealtimeClientInterface);

            // Scoped to each type, as every rule of the host registers its operation actions: the analyzer driver's
            // file-by-file path (the IDE's) then runs them beside the other rules' symbol-start actions.
            compilation.Types.Add(context, 
                start =>
                {
                    start.RegisterOperationAction(c => Analyze(c, compilation), OperationKind.Invocation);
                    if (collectPrivacy)
                    {
                        CollectPrivacy(start, compilation);
                    }
                });
        }

        private static bool HasOptionsOverload(INamedTypeSymbol? client)
        {
            if (client is null)
            {
                return false;
            }

            foreach (var member in client.GetMembers("Channel"))
            {
                if (member is IMethodSymbol method && method.Parameters.Length == 2 && ChannelOrigin.IsNamedOverload(method))
                {
                    return true;
                }
            }

            return false;
        }

        private static void CollectPrivacy(TypeStart start, SdkCompilation compilation)
        {
            var calls = new List<(IInvocationOperation Call, SymbolPath Client, string Name, bool IsPrivate)>();
            start.RegisterOperationAction(
                c =>
                {
                    var invocation = (IInvocationOperation)c.Operation;
                    if (invocation.TargetMethod.Name != "Channel" || !ChannelOrigin.IsNamedOverload(invocation.TargetMethod)
                        || !ChannelOrigin.TryGetFromCall(invocation, compilation.Sdk, out var origin)
                        || !(origin.Arguments.Length == 1 && origin.Arguments[0].HasValue && origin.Arguments[0].Value is string name)
                        || !(PrivacyOf(invocation) is bool isPrivate))
                    {
                        return;
                    }

                    lock (calls)
                    {
                        calls.Add((invocation, origin.Client, name, isPrivate));
                    }
                },
                OperationKind.Invocation);
            start.RegisterSymbolEndAction(end =>
            {
                if (calls.Count < 2)
                {
                    return;
                }

                calls.Sort((a, b) => CompareByPosition(a.Call, b.Call));
                for (var i = 1; i < calls.Count; i++)
                {
                    for (var j = 0; j < i; j++)
                    {
                        var (call, client, name, isPrivate) = calls[i];
                        var first = calls[j];
                        if (first.IsPrivate == isPrivate || first.Name != name || !first.Client.Equals(client)
                            || !compilation.Scope.ShouldAnalyze(call.Syntax.SyntaxTree))
                        {
                            continue;
                        }

                        var message = string.Format(
                            System.Globalization.CultureInfo.InvariantCulture,
                            "the channel \"{0}\" is also created as a {1} channel on line {2} of this client, and the client caches channels by name alone: whichever Channel() runs first decides, so this call may get a {1} channel; give the two channels different names",
                            name,
                            first.IsPrivate ? "private" : "public",
                            first.Call.Syntax.GetLocation().GetLineSpan().StartLinePosition.Line + 1);
                        var properties = ImmutableDictionary<string, string>.Empty.Add(CaseKey, PrivacyMismatch);
                        compilation.Scope.Report(end.ReportDiagnostic, Diagnostic.Create(Descriptors.SRT009, call.Syntax.GetLocation(), properties, message));
                        break;
                    }
                }
            });
        }

        /// <summary>True for a private channel, false for a public one, null when the options are not known.</summary>
        private static bool? PrivacyOf(IInvocationOperation channelCall)
        {
            if (channelCall.TargetMethod.Parameters.Length == 1)
            {
                return false;
            }

            foreach (var argument in channelCall.Arguments)
            {
                if (argument.Parameter?.Ordinal == 1 && SymbolPath.Unwrap(argument.Value) is IInvocationOperation options
                    && options.TargetMethod.IsStatic && options.TargetMethod.ContainingType?.Name == "ChannelOptions")
                {
                    switch (options.TargetMethod.Name)
                    {
                        case "Private":
                            return true;
                        case "Public":
                            return false;
                    }
                }
            }

            return null;
        }

        private static int CompareByPosition(IOperation a, IOperation b)
        {
            var byPath = string.CompareOrdinal(a.Syntax.SyntaxTree.FilePath, b.Syntax.SyntaxTree.FilePath);
            return byPath != 0 ? byPath : a.Syntax.SpanStart.CompareTo(b.Syntax.SpanStart);
        }

        private static void Analyze(OperationAnalysisContext context, SdkCompilation compilation)
        {
            // The symbol check first: it rejects nearly every invocation without a look at the tree.
            var invocation = (IInvocationOperation)context.Operation;
            var method = invocation.TargetMethod;
            if (method is null || method.Name != "Channel" || !compilation.Sdk.IsRealtimeClient(method.ContainingType)
                || !compilation.Scope.ShouldAnalyze(invocation.Syntax?.SyntaxTree))
            {
                return;
            }

            var found = Classify(invocation);
            if (found is null)
            {
                return;
            }

            var (kind, argument, message) = found.Value;
            if (kind == RealtimePrefix && compilation.Sdk.UsesPrefixedNamesAsIs)
            {
                // 7.4+: "realtime:x" is the topic realtime:x, as the code means.
                return;
            }
            var properties = ImmutableDictionary<string, string>.Empty.Add(CaseKey, kind);
            compilation.Scope.Report(
                context.ReportDiagnostic,
                Diagnostic.Create(Descriptors.SRT009, argument.Value.Syntax.GetLocation(), properties, message));
        }

        /// <summary>The first case that applies to a <c>Channel(...)</c> call: its name, the argument at fault and the message argument.</summary>
        internal static (string Kind, IArgumentOperation Argument, string Message)? Classify(IInvocationOperation invocation)
        {
            var parameters = invocation.TargetMethod.Parameters;
            if (ChannelOrigin.IsNamedOverload(invocation.TargetMethod))
            {
                // Channel(string channelName), Channel(string channelName, ChannelOptions options)
                var name = Explicit(ArgumentFor(invocation, parameters[0]));
                if (name != null && !IsBroken(name) && LeadingText(name.Value) is string leading && leading.StartsWith(TopicPrefix, StringComparison.Ordinal))
                {
                    return (RealtimePrefix, name,
                        $"the channel name {Display(name.Value)} starts with \"{TopicPrefix}\", which the SDK adds itself, so the topic becomes \"{TopicPrefix}{TopicPrefix}...\"");
                }

                return null;
            }

            // Channel(database, schema, table, column, value, parameters)
            var columnParameter = FindParameter(parameters, "column", 3);
            var valueParameter = FindParameter(parameters, "value", 4);
            if (columnParameter is null || valueParameter is null)
            {
                return null;
            }

            var column = Explicit(ArgumentFor(invocation, columnParameter));
            var value = Explicit(ArgumentFor(invocation, valueParameter));
            if (IsBroken(column) || IsBroken(value))
            {
                return null;
            }

            var columnGiven = column != null && !IsNullConstant(column.Value);
            var valueGiven = value != null && !IsNullConstant(value.Value);

            // 1. A filter written into column. Without a value the SDK builds no filter at all; with one it appends
            // "=eq." and the value to the column text (sdk-behaviour.md, section 1: filter = $"{column}=eq.{value}").
            if (columnGiven && FilterOperatorIn(column!.Value) is string columnOperator)
            {
                if (!valueGiven)
                {
                    return (FilterInColumn, column,
                        $"the column argument {Display(column.Value)} already holds a filter, which the SDK drops (it builds 'column=eq.value' only from a separate column and value), so every row of the table streams in");
                }

                var remedy = columnOperator == "eq"
                    ? "pass the column name alone as column and keep the value in value"
                    : $"this overload filters with eq only, so write the '{columnOperator}' filter as a postgres_changes filter of its own";
                return (FilterInColumn, column,
                    $"the column argument {Display(column.Value)} already holds a filter, and the SDK appends '=eq.' and the value to it, so the filter it sends is '{Template(column.Value)}=eq.{Template(value!.Value)}'; {remedy}");
            }

            // 2. One of column and value without the other.
            if (columnGiven && !valueGiven)
            {
                return (ColumnWithoutValue, column!,
                    $"the column argument {Display(column!.Value)} has no value, so the SDK adds no filter and every row of the table streams in");
            }

            if (valueGiven && !columnGiven)
            {
                return (ValueWithoutColumn, value!,
                    $"the value argument {Display(value!.Value)} has no column, so the SDK adds no filter and every row of the table streams in");
            }

            // 4. Another operator than eq written into value.
            if (columnGiven && valueGiven && LeadingOperator(value!.Value) is string op && op != "eq")
            {
                return (OperatorInValue, value,
                    $"the value argument {Display(value.Value)} holds the operator '{op}', but this overload always filters with eq, so rows are compared with that text");
            }

            return null;
        }

        /// <summary>
        /// The operator of a filter (<c>=op.</c>) in the constant text of <paramref name="value"/>, or null.
        /// An interpolated string or a concatenation is judged by its constant parts.
        /// </summary>
        internal static string? FilterOperatorIn(IOperation value)
        {
            foreach (var part in ConstantParts(value))
            {
                for (var equals = part.IndexOf('='); equals >= 0; equals = part.IndexOf('=', equals + 1))
                {
                    if (OperatorAt(part, equals + 1) is string op)
                    {
                        return op;
                    }
                }
            }

            return null;
        }

        /// <summary>The operator (<c>op.</c>) the constant text of <paramref name="value"/> starts with, or null.</summary>
        internal static string? LeadingOperator(IOperation value)
            => LeadingText(value) is string leading ? OperatorAt(leading, 0) : null;

        /// <summary>The operator at <paramref name="start"/> when followed by a dot, or null.</summary>
        private static string? OperatorAt(string text, int start)
        {
            var end = start;
            while (end < text.Length && text[end] >= 'a' && text[end] <= 'z')
            {
                end++;
            }

            if (end == start || end >= text.Length || text[end] != '.')
            {
                return null;
            }

            var op = text.Substring(start, end - start);
            return FilterOperators.Contains(op) ? op : null;
        }

        /// <summary>
        /// The text a string argument is known to start with: the whole constant, the leading text of an
        /// interpolated string, or the leading constant operand of a concatenation; otherwise null.
        /// </summary>
        internal static string? LeadingText(IOperation value)
        {
            value = Unwrap(value);
            if (value.ConstantValue.HasValue)
            {
                return value.ConstantValue.Value as string;
            }

            switch (value)
            {
                case IInterpolatedStringOperation interpolated:
                    return !interpolated.Parts.IsEmpty && interpolated.Parts[0] is IInterpolatedStringTextOperation text
                        ? text.Text?.ConstantValue.Value as string
                        : null;
                case IBinaryOperation binary when IsStringConcatenation(binary):
                    return LeadingText(binary.LeftOperand);
                default:
                    return null;
            }
        }

        /// <summary>The constant pieces of a string argument (the constant itself, the text parts of an interpolation, the constant operands of a concatenation).</summary>
        internal static List<string> ConstantParts(IOperation value)
        {
            var parts = new List<string>();
            AddConstantParts(value, parts);
            return parts;
        }

        private static void AddConstantParts(IOperation value, List<string> parts)
        {
            value = Unwrap(value);
            if (value.ConstantValue.HasValue)
            {
                if (value.ConstantValue.Value is string constant)
                {
                    parts.Add(constant);
                }

                return;
            }

            switch (value)
            {
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        if (part is IInterpolatedStringTextOperation text && text.Text?.ConstantValue.Value is string piece)
                        {
                            parts.Add(piece);
                        }
                    }

                    break;
                case IBinaryOperation binary when IsStringConcatenation(binary):
                    AddConstantParts(binary.LeftOperand, parts);
                    AddConstantParts(binary.RightOperand, parts);
                    break;
            }
        }

        /// <summary>
        /// The text a string argument gives at run time, as far as the code shows it: constant text as is, any other
        /// part as <c>{expression}</c> (<c>$"user_id=eq.{userId}"</c> gives <c>user_id=eq.{userId}</c>).
        /// </summary>
        internal static string Template(IOperation value)
        {
            var text = new System.Text.StringBuilder();
            AppendTemplate(value, text);
            return text.ToString();
        }

        private static void AppendTemplate(IOperation value, System.Text.StringBuilder text)
        {
            value = Unwrap(value);
            if (value.ConstantValue.HasValue)
            {
                text.Append(value.ConstantValue.Value as string);
                return;
            }

            switch (value)
            {
                case IInterpolatedStringOperation interpolated:
                    foreach (var part in interpolated.Parts)
                    {
                        switch (part)
                        {
                            case IInterpolatedStringTextOperation piece:
                                text.Append(piece.Text?.ConstantValue.Value as string);
                                break;
                            case IInterpolationOperation hole:
                                text.Append('{').Append(hole.Expression?.Syntax?.ToString()).Append('}');
                                break;
                        }
                    }

                    break;
                case IBinaryOperation binary when IsStringConcatenation(binary):
                    AppendTemplate(binary.LeftOperand, text);
                    AppendTemplate(binary.RightOperand, text);
                    break;
                default:
                    text.Append('{').Append(value.Syntax?.ToString()).Append('}');
                    break;
            }
        }

        private static bool IsStringConcatenation(IBinaryOperation binary)
            => binary.OperatorKind == BinaryOperatorKind.Add && binary.Type?.SpecialType == SpecialType.System_String;

        private static IOperation Unwrap(IOperation value)
        {
            while (value is IConversionOperation conversion && conversion.IsImplicit && conversion.Operand != null)
            {
                value = conversion.Operand;
            }

            return value;
        }

        private static bool IsNullConstant(IOperation value)
            => value.ConstantValue.HasValue && value.ConstantValue.Value is null;

        /// <summary>How an argument appears in the message: its constant, quoted, or else its source text.</summary>
        private static string Display(IOperation value)
        {
            var unwrapped = Unwrap(value);
            if (unwrapped.ConstantValue.HasValue && unwrapped.ConstantValue.Value is string constant)
            {
                return "\"" + constant + "\"";
            }

            return value.Syntax?.ToString() ?? string.Empty;
        }

        private static IParameterSymbol? FindParameter(ImmutableArray<IParameterSymbol> parameters, string name, int ordinal)
        {
            foreach (var parameter in parameters)
            {
                if (parameter.Name == name)
                {
                    return parameter.Type?.SpecialType == SpecialType.System_String ? parameter : null;
                }
            }

            return ordinal < parameters.Length && parameters[ordinal].Type?.SpecialType == SpecialType.System_String ? parameters[ordinal] : null;
        }

        private static IArgumentOperation? ArgumentFor(IInvocationOperation invocation, IParameterSymbol parameter)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter != null && argument.Parameter.Ordinal == parameter.Ordinal)
                {
                    return argument;
                }
            }

            return null;
        }

        /// <summary>The argument when the caller wrote it (not a default value filled in by the compiler), with a value.</summary>
        private static IArgumentOperation? Explicit(IArgumentOperation? argument)
            => argument != null && argument.ArgumentKind == ArgumentKind.Explicit && !argument.IsImplicit && argument.Value?.Syntax != null
                ? argument
                : null;

        /// <summary>True when an argument does not bind (half-typed code): then nothing is known about the call.</summary>
        private static bool IsBroken(IArgumentOperation? argument)
        {
            if (argument?.Value is null)
            {
                return false;
            }

            var value = Unwrap(argument.Value);
            return value.Kind == OperationKind.Invalid || value.Type?.TypeKind == TypeKind.Error;
        }
    }
}
