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
    /// <summary>
    /// SRT011: reads the old record instead: <c>Model&lt;T&gt;()</c> becomes <c>OldModel&lt;T&gt;()</c> (when the renamed call
    /// binds with the same result type), <c>Payload.Data.Record</c> becomes <c>Payload.Data.OldRecord</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ModelReadForDeleteCodeFixProvider)), Shared]
    public sealed class ModelReadForDeleteCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "SRT011.ReadOldRecord";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.ModelReadForDelete);

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
                if (!diagnostic.Properties.TryGetValue(ModelReadForDeleteAnalyzer.ReplacementProperty, out var replacement)
                    || string.IsNullOrEmpty(replacement))
                {
                    continue;
                }

                var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
                if (!(token.Parent is SimpleNameSyntax name) || name.Identifier != token || !CanReplace(model, name, replacement!, context.CancellationToken))
                {
                    continue;
                }

                var newName = replacement!;
                context.RegisterCodeFix(
                    CodeAction.Create(
                        $"Read '{newName}' instead",
                        cancellationToken => ReplaceAsync(document, name, newName, cancellationToken),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static bool CanReplace(SemanticModel model, SimpleNameSyntax name, string replacement, CancellationToken cancellationToken)
        {
            if (replacement == ModelReadForDeleteAnalyzer.OldModelMethod)
            {
                // Model<T>() -> OldModel<T>(): the response's parameterless generic method of that name, with the same result type.
                var invocation = MethodRename.InvocationOf(name);
                if (invocation is null || !(model.GetSymbolInfo(invocation, cancellationToken).Symbol is IMethodSymbol called)
                    || called.ContainingType is null || called.TypeArguments.Length != 1)
                {
                    return false;
                }

                foreach (var member in called.ContainingType.GetMembers(replacement))
                {
                    if (member is IMethodSymbol { IsStatic: false, Parameters: { Length: 0 }, TypeParameters: { Length: 1 } } oldModel
                        && SymbolEqualityComparer.IncludeNullability.Equals(oldModel.Construct(called.TypeArguments[0]).ReturnType, called.ReturnType))
                    {
                        return true;
                    }
                }

                return false;
            }

            // Record -> OldRecord: a property of the same type on the same payload.
            if (replacement != ModelReadForDeleteAnalyzer.OldRecordProperty
                || !(model.GetSymbolInfo(name, cancellationToken).Symbol is IPropertySymbol record)
                || record.ContainingType is null)
            {
                return false;
            }

            foreach (var member in record.ContainingType.GetMembers(replacement))
            {
                if (member is IPropertySymbol old && !old.IsStatic && SymbolEqualityComparer.Default.Equals(old.Type, record.Type))
                {
                    return true;
                }
            }

            return false;
        }

        private static async Task<Document> ReplaceAsync(Document document, SimpleNameSyntax name, string newName, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            return root is null ? document : document.WithSyntaxRoot(root.ReplaceNode(name, MethodRename.Renamed(name, newName)));
        }
    }
}
