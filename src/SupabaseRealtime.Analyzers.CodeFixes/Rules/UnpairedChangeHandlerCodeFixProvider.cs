using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Simplification;
using SupabaseRealtime.Analyzers.CodeFixes.Editing;
using SupabaseRealtime.Analyzers.Rules;

namespace SupabaseRealtime.Analyzers.CodeFixes.Rules
{
    /// <summary>
    /// SRT010 fixes, both giving the handler a registration of its own with the schema, table and filter
    /// of the channel's existing registration: rewrite the call into
    /// <c>OnPostgresChange(handler, listenType, new PostgresChangesFilter { ... })</c> (when the SDK has it,
    /// Realtime 7.4+), or insert <c>channel.Register(new PostgresChangesOptions(...))</c> just before it.
    /// Fix All skips a handler whose new registration another fix of the same run already adds, as
    /// fixing one at a time would (the analyzer offers no fix that duplicates a registration).
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UnpairedChangeHandlerCodeFixProvider)), Shared]
    public sealed class UnpairedChangeHandlerCodeFixProvider : CodeFixProvider
    {
        internal const string RewriteKey = "SRT010.OnPostgresChange";
        internal const string RegisterKey = "SRT010.Register";

        private const string OptionsType = "global::Supabase.Realtime.PostgresChanges.PostgresChangesOptions";
        private const string FilterType = "global::Supabase.Realtime.PostgresChanges.PostgresChangesFilter";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.UnpairedChangeHandler);

        public override FixAllProvider GetFixAllProvider()
            => FixAll.FindingKey(FixAllProvider.Create(async (context, document, diagnostics)
                => (Document?)await ApplyAsync(document, diagnostics, context.CodeActionEquivalenceKey, context.CancellationToken).ConfigureAwait(false)));

        public override Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                if (Offers(diagnostic, RewriteKey))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Use OnPostgresChange with its own registration",
                            cancellationToken => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), RewriteKey, cancellationToken),
                            RewriteKey),
                        diagnostic);
                }

                if (Offers(diagnostic, RegisterKey))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Register a binding for this handler",
                            cancellationToken => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), RegisterKey, cancellationToken),
                            RegisterKey),
                        diagnostic);
                }
            }

            return Task.CompletedTask;
        }

        private static bool Offers(Diagnostic diagnostic, string? key)
            => diagnostic.Properties.TryGetValue(
                    key == RewriteKey ? UnpairedChangeHandlerAnalyzer.CanRewriteProperty : UnpairedChangeHandlerAnalyzer.CanRegisterProperty,
                    out var value)
                && value == "true"
                && diagnostic.Properties.ContainsKey(UnpairedChangeHandlerAnalyzer.SchemaProperty)
                && diagnostic.Properties.ContainsKey(UnpairedChangeHandlerAnalyzer.EventProperty);

        private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? key, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var added = new List<(ISymbol? Channel, string Options)>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (!Offers(diagnostic, key) || !(Find(root, model, diagnostic, cancellationToken) is { } call))
                {
                    continue;
                }

                // One registration per channel and options, as one fix at a time would leave it.
                var channel = model.GetSymbolInfo(call.Receiver, cancellationToken).Symbol;
                var options = string.Join("|", new[]
                {
                    Property(diagnostic, UnpairedChangeHandlerAnalyzer.SchemaProperty),
                    Property(diagnostic, UnpairedChangeHandlerAnalyzer.TableProperty),
                    Property(diagnostic, UnpairedChangeHandlerAnalyzer.EventProperty),
                    Property(diagnostic, UnpairedChangeHandlerAnalyzer.FilterProperty),
                });
                if (added.Any(a => SymbolEqualityComparer.Default.Equals(a.Channel, channel) && a.Options == options))
                {
                    continue;
                }

                added.Add((channel, options));
                if (key == RewriteKey)
                {
                    editor.ReplaceNode(call.Invocation, Rewrite(call, diagnostic));
                }
                else
                {
                    editor.InsertBefore(StatementMoves.ListItem(call.Statement), StatementMoves.AsListItemLike(Registration(call, diagnostic), call.Statement));
                }
            }

            var changed = editor.GetChangedDocument();
            changed = await Simplifier.ReduceAsync(changed, Simplifier.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
            return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        /// <summary><c>channel.Register(new PostgresChangesOptions("public", "users", ListenType.Updates, "id=eq.1"));</c> with the handler's indentation.</summary>
        private static StatementSyntax Registration(HandlerCall call, Diagnostic diagnostic)
        {
            var arguments = new StringBuilder()
                .Append(Literal(Property(diagnostic, UnpairedChangeHandlerAnalyzer.SchemaProperty)))
                .Append(", ").Append(Literal(Property(diagnostic, UnpairedChangeHandlerAnalyzer.TableProperty)))
                .Append(", ").Append(call.ListenType.WithoutTrivia().ToFullString());
            if (Property(diagnostic, UnpairedChangeHandlerAnalyzer.FilterProperty) is { } filter)
            {
                arguments.Append(", ").Append(Literal(filter));
            }

            var statement = SyntaxFactory.ParseStatement(
                call.Receiver.WithoutTrivia().ToFullString() + ".Register(new " + OptionsType + "(" + arguments + "));");
            statement = statement.ReplaceNodes(
                statement.DescendantNodes().OfType<ObjectCreationExpressionSyntax>().Select(c => c.Type),
                (_, type) => type.WithAdditionalAnnotations(Simplifier.Annotation));
            return statement
                .WithLeadingTrivia(StatementMoves.Indentation(call.Statement))
                .WithTrailingTrivia(call.Statement.GetTrailingTrivia());
        }

        /// <summary><c>channel.OnPostgresChange(handler, listenType, new PostgresChangesFilter { Schema = ..., Table = ..., Filter = ... })</c>.</summary>
        private static InvocationExpressionSyntax Rewrite(HandlerCall call, Diagnostic diagnostic)
        {
            var initializers = new List<string> { "Schema = " + Literal(Property(diagnostic, UnpairedChangeHandlerAnalyzer.SchemaProperty)) };
            if (Property(diagnostic, UnpairedChangeHandlerAnalyzer.TableProperty) is { } table)
            {
                initializers.Add("Table = " + Literal(table));
            }

            if (Property(diagnostic, UnpairedChangeHandlerAnalyzer.FilterProperty) is { } filter)
            {
                initializers.Add("Filter = " + Literal(filter));
            }

            var creation = (ObjectCreationExpressionSyntax)SyntaxFactory.ParseExpression(
                "new " + FilterType + " { " + string.Join(", ", initializers) + " }");
            creation = creation.WithType(creation.Type.WithAdditionalAnnotations(Simplifier.Annotation));
            var access = (MemberAccessExpressionSyntax)call.Invocation.Expression;
            var arguments = SyntaxFactory.SeparatedList(
                new[]
                {
                    SyntaxFactory.Argument(call.Handler.WithoutLeadingTrivia()),
                    SyntaxFactory.Argument(call.ListenType.WithoutTrivia()),
                    SyntaxFactory.Argument(creation),
                },
                new[]
                {
                    SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space),
                    SyntaxFactory.Token(SyntaxKind.CommaToken).WithTrailingTrivia(SyntaxFactory.Space),
                });
            return call.Invocation
                .WithExpression(access.WithName(SyntaxFactory.IdentifierName("OnPostgresChange").WithTriviaFrom(access.Name)))
                .WithArgumentList(call.Invocation.ArgumentList.WithArguments(arguments));
        }

        private static HandlerCall? Find(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            var node = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var invocation = node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
            if (invocation?.Expression is not MemberAccessExpressionSyntax access
                || invocation.Parent is not ExpressionStatementSyntax statement
                || model.GetOperation(invocation, cancellationToken) is not IInvocationOperation operation)
            {
                return null;
            }

            ExpressionSyntax? listenType = null, handler = null;
            foreach (var argument in operation.Arguments)
            {
                if (argument.Parameter?.Type.TypeKind == TypeKind.Enum)
                {
                    listenType = argument.Value.Syntax as ExpressionSyntax;
                }
                else if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
                {
                    handler = argument.Value.Syntax as ExpressionSyntax;
                }
            }

            return listenType is null || handler is null ? null : new HandlerCall(invocation, statement, access.Expression, listenType, handler);
        }

        private static string? Property(Diagnostic diagnostic, string name)
            => diagnostic.Properties.TryGetValue(name, out var value) ? value : null;

        private static string Literal(string? value)
            => value is null ? "null" : SyntaxFactory.Literal(value).Text;

        private sealed class HandlerCall
        {
            public HandlerCall(InvocationExpressionSyntax invocation, ExpressionStatementSyntax statement, ExpressionSyntax receiver,
                ExpressionSyntax listenType, ExpressionSyntax handler)
            {
                Invocation = invocation;
                Statement = statement;
                Receiver = receiver;
                ListenType = listenType;
                Handler = handler;
            }

            public InvocationExpressionSyntax Invocation { get; }

            public ExpressionSyntax Receiver { get; }

            public ExpressionSyntax ListenType { get; }

            public ExpressionSyntax Handler { get; }

            public StatementSyntax Statement { get; }
        }
    }
}
