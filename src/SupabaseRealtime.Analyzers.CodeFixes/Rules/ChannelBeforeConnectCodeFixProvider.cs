using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using SupabaseRealtime.Analyzers.CodeFixes.Editing;
using SupabaseRealtime.Analyzers.Rules;

namespace SupabaseRealtime.Analyzers.CodeFixes.Rules
{
    /// <summary>
    /// SRT005: moves the later connect statement before the statement that creates the channel (same
    /// statement list, no dependency on what lies between), or, when nothing connects the client first,
    /// inserts <c>await client.ConnectAsync();</c> (<c>await supabase.InitializeAsync();</c> for a Supabase
    /// client created with <c>AutoConnectRealtime = true</c>) before it in an async function.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ChannelBeforeConnectCodeFixProvider)), Shared]
    public sealed class ChannelBeforeConnectCodeFixProvider : CodeFixProvider
    {
        public const string MoveConnectEquivalenceKey = "SRT005.MoveConnectBeforeChannel";
        public const string InsertConnectEquivalenceKey = "SRT005.ConnectBeforeChannel";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.ChannelBeforeConnect);

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
                if (Is(diagnostic, ChannelBeforeConnectAnalyzer.MoveConnectFix))
                {
                    if (MoveBeforeFix.TryGetMove(root, model, diagnostic, context.CancellationToken, out _, out _))
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create(
                                "Connect before creating the channel",
                                cancellationToken => MoveBeforeFix.ApplyAsync(context.Document, new[] { diagnostic }, cancellationToken),
                                MoveConnectEquivalenceKey),
                            diagnostic);
                    }
                }
                else if (Is(diagnostic, ChannelBeforeConnectAnalyzer.InsertConnectFix)
                    && InsertConnectFix.TryPlan(root, diagnostic, out _, out _, out var description))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Await " + description + " before creating the channel",
                            cancellationToken => InsertConnectFix.ApplyAsync(context.Document, new[] { diagnostic }, cancellationToken),
                            InsertConnectEquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static bool Is(Diagnostic diagnostic, string fix)
            => diagnostic.Properties.TryGetValue(ChannelBeforeConnectAnalyzer.FixProperty, out var value) && value == fix;

        private static Task<Document> FixDocumentAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
        {
            switch (equivalenceKey)
            {
                case MoveConnectEquivalenceKey:
                    return MoveBeforeFix.ApplyAsync(document, diagnostics.Where(d => Is(d, ChannelBeforeConnectAnalyzer.MoveConnectFix)), cancellationToken);
                case InsertConnectEquivalenceKey:
                    return InsertConnectFix.ApplyAsync(document, diagnostics.Where(d => Is(d, ChannelBeforeConnectAnalyzer.InsertConnectFix)), cancellationToken);
                default:
                    return Task.FromResult(document);
            }
        }
    }
}
