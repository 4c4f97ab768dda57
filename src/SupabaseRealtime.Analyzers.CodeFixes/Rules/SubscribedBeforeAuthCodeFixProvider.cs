using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SupabaseRealtime.Analyzers.CodeFixes.Editing;
using SupabaseRealtime.Analyzers.Rules;

namespace SupabaseRealtime.Analyzers.CodeFixes.Rules
{
    /// <summary>
    /// SRT001: authenticate before subscribing.
    /// <list type="bullet">
    /// <item>In one body: moves the later auth statement to just before the subscription statement, when both
    /// sit in the same statement list and the auth statement depends on nothing declared or written between
    /// them (<see cref="MoveBeforeFix"/>).</item>
    /// <item>Across a type (a subscription in an initializer, the one auth call of its client in another
    /// member): moves the subscription statement to just after the auth statement, when that keeps the
    /// meaning (<see cref="SubscribeAfterAuthFix"/>).</item>
    /// </list>
    /// Both share one equivalence key, so Fix All (and <c>dotnet format</c>) applies each diagnostic's own fix.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SubscribedBeforeAuthCodeFixProvider)), Shared]
    public sealed class SubscribedBeforeAuthCodeFixProvider : CodeFixProvider
    {
        /// <summary>The one equivalence key of both SRT001 fixes (the name is the first fix's).</summary>
        public const string MoveAuthEquivalenceKey = "SRT001.MoveAuthBeforeSubscribe";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.SubscribedBeforeAuth);

        public override FixAllProvider GetFixAllProvider() => FixAll.ForDocuments(FixDocumentAsync);

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
                if (IsMoveFix(diagnostic) && MoveBeforeFix.TryGetMove(root, model, diagnostic, context.CancellationToken, out _, out _))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Authenticate before subscribing",
                            cancellationToken => MoveBeforeFix.ApplyAsync(context.Document, new[] { diagnostic }, cancellationToken),
                            MoveAuthEquivalenceKey),
                        diagnostic);
                }
                else if (IsMoveSubscribeFix(diagnostic) && TryPlan(root, model, diagnostic, context.CancellationToken) is { } plan
                    && await SubscribeAfterAuthFix.ApplyAsync(context.Document, new[] { plan }, context.CancellationToken).ConfigureAwait(false) is { } changed)
                {
                    context.RegisterCodeFix(CodeAction.Create(plan.Title, _ => Task.FromResult(changed), MoveAuthEquivalenceKey), diagnostic);
                }
            }
        }

        private static bool IsMoveFix(Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(SubscribedBeforeAuthAnalyzer.FixProperty, out var fix)
                && fix == SubscribedBeforeAuthAnalyzer.MoveAuthFix;

        private static bool IsMoveSubscribeFix(Diagnostic diagnostic)
            => diagnostic.Properties.TryGetValue(SubscribedBeforeAuthAnalyzer.FixProperty, out var fix)
                && fix == SubscribedBeforeAuthAnalyzer.MoveSubscribeFix;

        private static SubscribeAfterAuthFix.Plan? TryPlan(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken)
        {
            if (diagnostic.AdditionalLocations.Count < 1 || diagnostic.AdditionalLocations[0].SourceTree != root.SyntaxTree
                || !(Call(root, diagnostic.Location.SourceSpan) is { } subscribe) || !(Call(root, diagnostic.AdditionalLocations[0].SourceSpan) is { } auth))
            {
                return null;
            }

            return SubscribeAfterAuthFix.TryPlan(root, model, subscribe, auth, cancellationToken);
        }

        private static InvocationExpressionSyntax? Call(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span)
            => root.FindNode(span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(i => i.Span == span);

        /// <summary>
        /// Fix All in one document: first every auth statement moves (before the earliest subscription it was
        /// reported for), then the subscriptions reported across the type move after their auth statements,
        /// planned again on the document the first step left. A null key (a host that fixes without choosing an
        /// action) means every fix.
        /// </summary>
        private static async Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
        {
            if (equivalenceKey != null && equivalenceKey != MoveAuthEquivalenceKey)
            {
                return document;
            }

            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            // Mark the calls of the cross-type diagnostics, so they can be found again after the moves of the first step.
            var marks = new List<(SyntaxAnnotation Subscribe, SyntaxAnnotation Auth)>();
            var marked = new Dictionary<SyntaxNode, List<SyntaxAnnotation>>();
            foreach (var diagnostic in diagnostics.Where(IsMoveSubscribeFix))
            {
                if (diagnostic.AdditionalLocations.Count < 1 || diagnostic.AdditionalLocations[0].SourceTree != root.SyntaxTree
                    || !(Call(root, diagnostic.Location.SourceSpan) is { } subscribe) || !(Call(root, diagnostic.AdditionalLocations[0].SourceSpan) is { } auth))
                {
                    continue;
                }

                var pair = (new SyntaxAnnotation("SRT001.Subscribe"), new SyntaxAnnotation("SRT001.Auth"));
                marks.Add(pair);
                Add(marked, subscribe, pair.Item1);
                Add(marked, auth, pair.Item2);
            }

            var moves = diagnostics.Where(IsMoveFix).ToList();
            if (marked.Count > 0)
            {
                // The marks make a new tree with the same text: the moves' locations are taken over to it.
                document = document.WithSyntaxRoot(root.ReplaceNodes(marked.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(marked[original])));
                var tree = await document.GetSyntaxTreeAsync(cancellationToken).ConfigureAwait(false);
                if (tree != null)
                {
                    moves = moves.Select(d => Relocate(d, root.SyntaxTree, tree)).ToList();
                }
            }

            document = await MoveBeforeFix.ApplyAsync(document, moves, cancellationToken).ConfigureAwait(false);
            if (marks.Count == 0)
            {
                return document;
            }

            var currentRoot = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (currentRoot is null || model is null)
            {
                return document;
            }

            var plans = new List<SubscribeAfterAuthFix.Plan>();
            foreach (var (subscribeMark, authMark) in marks)
            {
                if (currentRoot.GetAnnotatedNodes(subscribeMark).FirstOrDefault() is InvocationExpressionSyntax subscribe
                    && currentRoot.GetAnnotatedNodes(authMark).FirstOrDefault() is InvocationExpressionSyntax auth
                    && SubscribeAfterAuthFix.TryPlan(currentRoot, model, subscribe, auth, cancellationToken) is { } plan
                    && !plans.Any(p => p.Subscription == plan.Subscription))
                {
                    plans.Add(plan);
                }
            }

            return await SubscribeAfterAuthFix.ApplyAsync(document, plans, cancellationToken).ConfigureAwait(false) ?? document;
        }

        /// <summary><paramref name="diagnostic"/> with its locations in <paramref name="from"/> moved to <paramref name="to"/> (same text).</summary>
        private static Diagnostic Relocate(Diagnostic diagnostic, SyntaxTree from, SyntaxTree to)
        {
            Location Move(Location location) => location.SourceTree == from ? Location.Create(to, location.SourceSpan) : location;
            return Diagnostic.Create(diagnostic.Descriptor, Move(diagnostic.Location), diagnostic.AdditionalLocations.Select(Move), diagnostic.Properties);
        }

        private static void Add(Dictionary<SyntaxNode, List<SyntaxAnnotation>> marked, SyntaxNode node, SyntaxAnnotation mark)
        {
            if (!marked.TryGetValue(node, out var list))
            {
                marked[node] = list = new List<SyntaxAnnotation>();
            }

            list.Add(mark);
        }
    }
}
