using System;
using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.CodeFixes.Editing;
using SupabaseRealtime.Analyzers.Rules;

namespace SupabaseRealtime.Analyzers.CodeFixes.Rules
{
    /// <summary>
    /// SRT009: splits a filter written into <c>column</c> (<c>"user_id=eq.{x}"</c>) into <c>column: "user_id"</c>
    /// and <c>value: x</c> (or, when that value is already written, keeps only the column name), and strips a <c>realtime:</c> prefix from a channel name. A column without a value,
    /// a value without a column and another operator than <c>eq</c> get no fix: only the author knows what was meant.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ChannelArgumentsMisplacedCodeFixProvider)), Shared]
    public sealed class ChannelArgumentsMisplacedCodeFixProvider : CodeFixProvider
    {
        public const string SplitFilterKey = "SRT009.SplitFilter";

        public const string StripPrefixKey = "SRT009.StripRealtimePrefix";

        private const string EqualsEq = "=eq.";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ChannelArgumentsMisplaced);

        public override FixAllProvider GetFixAllProvider() => FixAll.Batch;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var document = context.Document;
            var root = await document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (!diagnostic.Properties.TryGetValue(ChannelArgumentsMisplacedAnalyzer.CaseKey, out var kind)
                    || !(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax expression)
                    || !(expression.Parent is ArgumentSyntax argument)
                    || !(argument.Parent is ArgumentListSyntax list)
                    || !(list.Parent is InvocationExpressionSyntax invocation))
                {
                    continue;
                }

                SyntaxNode? replacement = null;
                string? title = null;
                string? key = null;
                switch (kind)
                {
                    case ChannelArgumentsMisplacedAnalyzer.FilterInColumn:
                        replacement = SplitFilter(model, invocation, argument, context.CancellationToken);
                        title = "Pass the column and the value separately";
                        key = SplitFilterKey;
                        break;
                    case ChannelArgumentsMisplacedAnalyzer.RealtimePrefix:
                        var stripped = StripPrefix(model, expression, context.CancellationToken);
                        replacement = stripped is null ? null : list.ReplaceNode(expression, stripped.WithTriviaFrom(expression));
                        title = "Remove the \"realtime:\" prefix; the SDK adds it";
                        key = StripPrefixKey;
                        break;
                }

                if (replacement is null || title is null)
                {
                    continue;
                }

                var newList = replacement;
                context.RegisterCodeFix(
                    CodeAction.Create(title, ct => ReplaceAsync(document, list, newList, ct), key),
                    diagnostic);
            }
        }

        private static async Task<Document> ReplaceAsync(Document document, SyntaxNode oldNode, SyntaxNode newNode, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(oldNode, newNode));
        }

        /// <summary>The argument list with <c>"col=eq.rest"</c> split into the column and value arguments, or null.</summary>
        private static ArgumentListSyntax? SplitFilter(SemanticModel model, InvocationExpressionSyntax invocation, ArgumentSyntax columnArgument, CancellationToken cancellationToken)
        {
            if (!(model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation)
                || !(invocation.ArgumentList is ArgumentListSyntax list))
            {
                return null;
            }

            // The value parameter, and the argument the caller wrote for it (if any).
            IParameterSymbol? valueParameter = null;
            ArgumentSyntax? valueArgument = null;
            IParameterSymbol? columnParameter = null;
            foreach (var argument in operation.Arguments)
            {
                if (argument.Syntax == columnArgument)
                {
                    columnParameter = argument.Parameter;
                }
            }

            if (columnParameter is null)
            {
                return null;
            }

            var parameters = operation.TargetMethod.Parameters;
            foreach (var parameter in parameters)
            {
                if (parameter.Name == "value")
                {
                    valueParameter = parameter;
                }
            }

            if (valueParameter is null && columnParameter.Ordinal + 1 < parameters.Length)
            {
                valueParameter = parameters[columnParameter.Ordinal + 1];
            }

            if (valueParameter is null || valueParameter.Type?.SpecialType != SpecialType.System_String)
            {
                return null;
            }

            // A written value: a null makes room for the filter's value; any other value stays, and the fix only applies
            // when it is the filter's own value ("room_id=eq.42", "42"), which the SDK then sends once.
            IArgumentOperation? givenValue = null;
            foreach (var argument in operation.Arguments)
            {
                if (argument.Parameter?.Ordinal == valueParameter.Ordinal && argument.ArgumentKind == ArgumentKind.Explicit && argument.Syntax is ArgumentSyntax written)
                {
                    if (argument.Value.ConstantValue.HasValue && argument.Value.ConstantValue.Value is null)
                    {
                        valueArgument = written;
                    }
                    else
                    {
                        givenValue = argument;
                    }
                }
            }

            if (!TrySplit(model, columnArgument.Expression, cancellationToken, out var column, out var value))
            {
                return null;
            }

            var newColumnArgument = columnArgument.WithExpression(column.WithTriviaFrom(columnArgument.Expression));
            if (givenValue != null)
            {
                return IsSameValue(value, givenValue) ? list.ReplaceNode(columnArgument, newColumnArgument) : null;
            }

            if (valueArgument != null)
            {
                var newValueArgument = valueArgument.WithExpression(value.WithTriviaFrom(valueArgument.Expression));
                return list.ReplaceNodes(new[] { columnArgument, valueArgument }, (original, _) => original == columnArgument ? newColumnArgument : newValueArgument);
            }

            var inserted = columnArgument.NameColon is null
                ? SyntaxFactory.Argument(value)
                : SyntaxFactory.Argument(SyntaxFactory.NameColon(SyntaxFactory.IdentifierName(valueParameter.Name)), default, value);
            var withColumn = list.ReplaceNode(columnArgument, newColumnArgument);
            var columnInNewList = withColumn.Arguments[list.Arguments.IndexOf(columnArgument)];
            return ArgumentLists.InsertAfter(withColumn, columnInNewList, inserted);
        }

        /// <summary>Splits <c>"col=eq.rest"</c>, <c>$"col=eq.{x}..."</c> or <c>"col=eq." + x</c> into a column literal and a value expression.</summary>
        private static bool TrySplit(SemanticModel model, ExpressionSyntax filter, CancellationToken cancellationToken, out ExpressionSyntax column, out ExpressionSyntax value)
        {
            column = null!;
            value = null!;
            switch (filter)
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    {
                        if (!SplitText(literal.Token.ValueText, out var name, out var rest) || rest.Length == 0)
                        {
                            return false;
                        }

                        column = StringLiteral(name);
                        value = StringLiteral(rest);
                        return true;
                    }

                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression)
                                                        && binary.Left is LiteralExpressionSyntax left
                                                        && left.IsKind(SyntaxKind.StringLiteralExpression):
                    {
                        if (!SplitText(left.Token.ValueText, out var name, out var rest))
                        {
                            return false;
                        }

                        column = StringLiteral(name);
                        if (rest.Length > 0)
                        {
                            value = binary.WithLeft(StringLiteral(rest).WithTriviaFrom(left)).WithoutTrivia();
                            return true;
                        }

                        if (!IsString(model, binary.Right, cancellationToken))
                        {
                            return false;
                        }

                        value = binary.Right.WithoutTrivia();
                        return true;
                    }

                case InterpolatedStringExpressionSyntax interpolated
                    when interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedStringStartToken)
                         && interpolated.Contents.Count > 0
                         && interpolated.Contents[0] is InterpolatedStringTextSyntax first:
                    {
                        var raw = first.TextToken.Text;
                        if (!SplitText(first.TextToken.ValueText, out var name, out var restValue))
                        {
                            return false;
                        }

                        // The column must be written without escapes, so the raw text splits at the same place.
                        var rawIndex = raw.IndexOf(EqualsEq, StringComparison.Ordinal);
                        if (rawIndex < 0 || !string.Equals(raw.Substring(0, rawIndex), name, StringComparison.Ordinal))
                        {
                            return false;
                        }

                        var restRaw = raw.Substring(rawIndex + EqualsEq.Length);
                        var remaining = interpolated.Contents.RemoveAt(0);
                        column = StringLiteral(name);
                        if (remaining.Count == 0)
                        {
                            if (restValue.Length == 0)
                            {
                                return false;
                            }

                            value = StringLiteral(restValue);
                            return true;
                        }

                        // The original hole (not its copy in 'remaining'): the semantic model knows only the original tree.
                        if (restRaw.Length == 0
                            && interpolated.Contents.Count == 2
                            && interpolated.Contents[1] is InterpolationSyntax hole
                            && hole.AlignmentClause is null
                            && hole.FormatClause is null
                            && IsString(model, hole.Expression, cancellationToken))
                        {
                            // Keep the hole's expression as the value.
                            value = hole.Expression.WithoutTrivia();
                            return true;
                        }

                        var contents = restRaw.Length == 0
                            ? remaining
                            : remaining.Insert(0, first.WithTextToken(SyntaxFactory.Token(
                                first.TextToken.LeadingTrivia, SyntaxKind.InterpolatedStringTextToken, restRaw, restValue, first.TextToken.TrailingTrivia)));
                        value = interpolated.WithContents(contents).WithoutTrivia();
                        return true;
                    }

                default:
                    return false;
            }
        }

        /// <summary>True when the value split from the filter is the value argument already written: equal constants, or the same expression.</summary>
        private static bool IsSameValue(ExpressionSyntax split, IArgumentOperation given)
        {
            var givenSyntax = given.Value.Syntax as ExpressionSyntax;
            if (split is LiteralExpressionSyntax literal && literal.IsKind(SyntaxKind.StringLiteralExpression))
            {
                return given.Value.ConstantValue.HasValue && given.Value.ConstantValue.Value is string constant
                    && string.Equals(constant, literal.Token.ValueText, StringComparison.Ordinal);
            }

            return givenSyntax != null && SyntaxFactory.AreEquivalent(split.WithoutTrivia(), givenSyntax.WithoutTrivia());
        }

        /// <summary>Splits <c>col=eq.rest</c> at its first '=' when an <c>eq.</c> follows it.</summary>
        private static bool SplitText(string text, out string column, out string rest)
        {
            column = string.Empty;
            rest = string.Empty;
            var equals = text.IndexOf('=');
            if (equals <= 0 || string.CompareOrdinal(text, equals, EqualsEq, 0, EqualsEq.Length) != 0)
            {
                return false;
            }

            column = text.Substring(0, equals);
            foreach (var c in column)
            {
                if (char.IsWhiteSpace(c) || c == '"' || c == '{' || c == '}')
                {
                    return false;
                }
            }

            rest = text.Substring(equals + EqualsEq.Length);
            return true;
        }

        /// <summary>The channel name without its <c>realtime:</c> prefix, or null.</summary>
        private static ExpressionSyntax? StripPrefix(SemanticModel model, ExpressionSyntax name, CancellationToken cancellationToken)
        {
            const string Prefix = ChannelArgumentsMisplacedAnalyzer.TopicPrefix;
            switch (name)
            {
                case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                    {
                        var text = literal.Token.ValueText;
                        return text.StartsWith(Prefix, StringComparison.Ordinal) && text.Length > Prefix.Length
                            ? StringLiteral(text.Substring(Prefix.Length))
                            : null;
                    }

                case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression)
                                                        && binary.Left is LiteralExpressionSyntax left
                                                        && left.IsKind(SyntaxKind.StringLiteralExpression):
                    {
                        var text = left.Token.ValueText;
                        if (!text.StartsWith(Prefix, StringComparison.Ordinal))
                        {
                            return null;
                        }

                        if (text.Length > Prefix.Length)
                        {
                            return binary.WithLeft(StringLiteral(text.Substring(Prefix.Length)).WithTriviaFrom(left));
                        }

                        return IsString(model, binary.Right, cancellationToken) ? binary.Right.WithoutTrivia() : null;
                    }

                case InterpolatedStringExpressionSyntax interpolated
                    when (interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedStringStartToken)
                          || interpolated.StringStartToken.IsKind(SyntaxKind.InterpolatedVerbatimStringStartToken))
                         && interpolated.Contents.Count > 1
                         && interpolated.Contents[0] is InterpolatedStringTextSyntax first
                         && first.TextToken.Text.StartsWith(Prefix, StringComparison.Ordinal)
                         && first.TextToken.ValueText.StartsWith(Prefix, StringComparison.Ordinal):
                    {
                        var raw = first.TextToken.Text.Substring(Prefix.Length);
                        var value = first.TextToken.ValueText.Substring(Prefix.Length);
                        var contents = raw.Length == 0
                            ? interpolated.Contents.RemoveAt(0)
                            : interpolated.Contents.Replace(first, first.WithTextToken(SyntaxFactory.Token(
                                first.TextToken.LeadingTrivia, SyntaxKind.InterpolatedStringTextToken, raw, value, first.TextToken.TrailingTrivia)));
                        return interpolated.WithContents(contents);
                    }

                default:
                    return null;
            }
        }

        private static bool IsString(SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken)
            => model.GetTypeInfo(expression, cancellationToken).Type?.SpecialType == SpecialType.System_String;

        private static LiteralExpressionSyntax StringLiteral(string value)
            => SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value));
    }
}
