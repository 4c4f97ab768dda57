using System.Collections.Immutable;
using System.Composition;
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
    /// <summary>SRT003: renames <c>Update</c> to the insert-or-update counterpart the analyzer found, when the renamed call binds.</summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UpdateInsteadOfUpsertCodeFixProvider)), Shared]
    public sealed class UpdateInsteadOfUpsertCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = nameof(UpdateInsteadOfUpsertCodeFixProvider);

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.UpdateInsteadOfUpsert);

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
                if (!diagnostic.Properties.TryGetValue(UpdateInsteadOfUpsertAnalyzer.CounterpartProperty, out var counterpart)
                    || string.IsNullOrEmpty(counterpart))
                {
                    continue;
                }

                var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
                if (!(token.Parent is SimpleNameSyntax name)
                    || name.Identifier != token
                    || !MethodRename.CanRename(model, name, counterpart!, context.CancellationToken))
                {
                    continue;
                }

                var newName = counterpart!;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Use '{newName}'",
                        cancellationToken => RenameAsync(document, name, newName, cancellationToken),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> RenameAsync(Document document, SimpleNameSyntax name, string newName, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(name, MethodRename.Renamed(name, newName)));
        }
    }
}
