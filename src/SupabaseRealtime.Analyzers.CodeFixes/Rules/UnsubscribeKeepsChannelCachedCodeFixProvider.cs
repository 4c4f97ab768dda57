using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using SupabaseRealtime.Analyzers.CodeFixes.Editing;
using SupabaseRealtime.Analyzers.Rules;
using Sdk = SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.CodeFixes.Rules
{
    /// <summary>
    /// SRT007: replaces <c>x.Unsubscribe()</c> with <c>&lt;client&gt;.Remove(x)</c>, the client taken from the
    /// channel's <c>Channel(...)</c> call. <c>x?.Unsubscribe()</c> becomes a null check around the
    /// <c>Remove</c>. A cast to the client's channel type is added only when every value of <c>x</c> has
    /// that type; a part of the client expression that may be null there is accessed with <c>?.</c>
    /// (<see cref="TeardownEditing.NullSafeReleaseKind"/>); no fix when the client is not reachable where <c>Unsubscribe()</c> is, or when the
    /// result of <c>Unsubscribe()</c> is used.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnsubscribeKeepsChannelCachedCodeFixProvider)), Shared]
    public sealed class UnsubscribeKeepsChannelCachedCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "SRT007.UseRemove";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.UnsubscribeKeepsChannelCached);

        public override FixAllProvider GetFixAllProvider() => FixAll.Batch;

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            var model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                var edit = Plan(root, model, diagnostic, context.CancellationToken);
                if (edit is null)
                {
                    continue;
                }

                var (client, channel, replaced, replacement) = edit.Value;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use {client}.Remove({channel})",
                        async cancellationToken =>
                        {
                            var changed = context.Document.WithSyntaxRoot(root.ReplaceNode(replaced, replacement));
                            return await TeardownEditing.CleanUpAsync(changed, cancellationToken).ConfigureAwait(false);
                        },
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static (string Client, string Channel, SyntaxNode Replaced, SyntaxNode Replacement)? Plan(
            SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (!diagnostic.Properties.TryGetValue(UnsubscribeKeepsChannelCachedAnalyzer.ClientProperty, out var client) || client is null)
            {
                return null;
            }

            diagnostic.Properties.TryGetValue(UnsubscribeKeepsChannelCachedAnalyzer.CastProperty, out var cast);
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var reported = node.AncestorsAndSelf().FirstOrDefault(n => n.Span == diagnostic.Location.SourceSpan
                && (n is InvocationExpressionSyntax || n is ConditionalAccessExpressionSyntax));
            var invocation = reported is ConditionalAccessExpressionSyntax reportedAccess
                ? reportedAccess.WhenNotNull as InvocationExpressionSyntax
                : reported as InvocationExpressionSyntax;
            if (invocation is null || invocation.ArgumentList.Arguments.Count != 0)
            {
                return null;
            }

            // x.Unsubscribe() or x?.Unsubscribe()
            ExpressionSyntax whole;
            ExpressionSyntax channel;
            bool conditional;
            if (invocation.Expression is MemberAccessExpressionSyntax access && access.IsKind(SyntaxKind.SimpleMemberAccessExpression))
            {
                whole = invocation;
                channel = access.Expression;
                conditional = false;
            }
            else if (invocation.Expression is MemberBindingExpressionSyntax && invocation.Parent is ConditionalAccessExpressionSyntax conditionalAccess
                && conditionalAccess.WhenNotNull == invocation)
            {
                whole = conditionalAccess;
                channel = conditionalAccess.Expression;
                conditional = true;
            }
            else
            {
                return null;
            }

            var channelText = channel.WithoutTrivia().ToString();
            var newLine = TeardownEditing.NewLine(root);
            var release = TeardownEditing.ReleaseStatement(channelText, client, cast, conditional, newLine);
            if (!BindsToRemove(model, whole.SpanStart, release, cancellationToken))
            {
                return null;
            }

            var parent = whole.Parent;
            if (parent is AssignmentExpressionSyntax discard && discard.Right == whole && discard.Left is IdentifierNameSyntax underscore
                && underscore.Identifier.ValueText == "_")
            {
                parent = discard.Parent;
            }

            switch (parent)
            {
                case ExpressionStatementSyntax statement:
                    return (client, channelText, statement, WithBlankLines(release.WithTriviaFrom(statement), statement, newLine).WithAdditionalAnnotations(Formatter.Annotation));
                case ArrowExpressionClauseSyntax arrow when arrow.Parent is MethodDeclarationSyntax method
                    && model.GetDeclaredSymbol(method, cancellationToken) is IMethodSymbol symbol && symbol.ReturnsVoid && !symbol.IsAsync:
                    var body = SyntaxFactory.Block(release).WithAdditionalAnnotations(Formatter.Annotation);
                    var rewritten = method
                        .WithParameterList(method.ParameterList.WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine)))
                        .WithExpressionBody(null)
                        .WithSemicolonToken(default)
                        .WithBody(body.WithTrailingTrivia(method.SemicolonToken.TrailingTrivia))
                        .WithAdditionalAnnotations(Formatter.Annotation);
                    return (client, channelText, method, rewritten);
                default:
                    return null;
            }
        }

        /// <summary>A multi-line replacement (the null check) is set off by blank lines from the statements around it.</summary>
        private static StatementSyntax WithBlankLines(StatementSyntax replacement, StatementSyntax original, string newLine)
        {
            if (!replacement.GetLastToken().IsKind(SyntaxKind.CloseBraceToken) || !(original.Parent is BlockSyntax block))
            {
                return replacement;
            }

            var index = block.Statements.IndexOf(original);
            if (index > 0 && !replacement.GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
            {
                replacement = replacement.WithLeadingTrivia(replacement.GetLeadingTrivia().Insert(0, SyntaxFactory.EndOfLine(newLine)));
            }

            if (index >= 0 && index < block.Statements.Count - 1
                && !block.Statements[index + 1].GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
            {
                replacement = replacement.WithTrailingTrivia(replacement.GetTrailingTrivia().Add(SyntaxFactory.EndOfLine(newLine)));
            }

            return replacement;
        }

        /// <summary>True when <c>client.Remove(...)</c> in <paramref name="release"/> binds, at <paramref name="position"/>, to a realtime client's <c>Remove</c>.</summary>
        private static bool BindsToRemove(SemanticModel model, int position, StatementSyntax release, CancellationToken cancellationToken)
        {
            var sdk = Sdk.SdkSymbols.TryCreate(model.Compilation);
            var call = release.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault();
            if (sdk is null || call is null)
            {
                return false;
            }

            var info = model.GetSpeculativeSymbolInfo(position, call, SpeculativeBindingOption.BindAsExpression);
            return info.Symbol is IMethodSymbol method && method.Name == "Remove" && sdk.IsRealtimeClient(method.ContainingType);
        }
    }
}
