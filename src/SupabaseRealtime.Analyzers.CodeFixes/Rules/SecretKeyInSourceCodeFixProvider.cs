using System.Collections.Immutable;
using System.Composition;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FindSymbols;
using SupabaseRealtime.Analyzers.CodeFixes.Editing;

namespace SupabaseRealtime.Analyzers.CodeFixes.Rules
{
    /// <summary>
    /// SRT008: replaces the secret constant with <c>System.Environment.GetEnvironmentVariable("SUPABASE_SERVICE_ROLE_KEY")</c>.
    /// A <c>const</c> field initialized with the key becomes <c>static readonly</c> (a <c>const</c> local, a plain
    /// local). No fix where the language needs a constant (attribute argument, <c>case</c> label, default parameter
    /// value), nor for a <c>const</c> that other code uses in such a place or reads in an earlier static initializer.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SecretKeyInSourceCodeFixProvider)), Shared]
    public sealed class SecretKeyInSourceCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "SRT008.LoadFromEnvironment";

        public const string VariableName = "SUPABASE_SERVICE_ROLE_KEY";

        private const string Title = "Load the key from the " + VariableName + " environment variable";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.SecretKeyInSource);

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
                if (!(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is ExpressionSyntax node)
                    || node.Span != diagnostic.Location.SourceSpan)
                {
                    continue;
                }

                var outer = OutermostParentheses(node);
                if (ConstantContexts.IsConstantRequired(outer))
                {
                    var declarator = ConstDeclaratorInitializedWith(outer);
                    if (declarator != null && await CanBecomeRunTimeValueAsync(document, model, declarator, context.CancellationToken).ConfigureAwait(false))
                    {
                        context.RegisterCodeFix(
                            CodeAction.Create(Title, ct => ConvertConstAsync(document, declarator, ct), EquivalenceKey),
                            diagnostic);
                    }

                    continue;
                }

                if (AcceptsString(model, outer, context.CancellationToken))
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(Title, ct => ReplaceAsync(document, node, ct), EquivalenceKey),
                        diagnostic);
                }
            }
        }

        private static ExpressionSyntax OutermostParentheses(ExpressionSyntax node)
        {
            var current = node;
            while (current.Parent is ParenthesizedExpressionSyntax parenthesized)
            {
                current = parenthesized;
            }

            return current;
        }

        /// <summary>The declarator of a single-variable <c>const</c> field or local whose whole initializer is <paramref name="value"/>.</summary>
        private static VariableDeclaratorSyntax? ConstDeclaratorInitializedWith(ExpressionSyntax value)
        {
            if (value.Parent is EqualsValueClauseSyntax equals
                && equals.Parent is VariableDeclaratorSyntax declarator
                && declarator.Parent is VariableDeclarationSyntax declaration
                && declaration.Variables.Count == 1
                && ConstantContexts.IsConstDeclarator(declarator))
            {
                return declarator;
            }

            return null;
        }

        /// <summary>
        /// A const can become a run-time value when no use of it needs a constant, and (for a field) no static
        /// initializer of its type that runs before it reads it.
        /// </summary>
        private static async Task<bool> CanBecomeRunTimeValueAsync(Document document, SemanticModel model, VariableDeclaratorSyntax declarator, CancellationToken cancellationToken)
        {
            var symbol = model.GetDeclaredSymbol(declarator, cancellationToken);
            if (symbol is null)
            {
                return false;
            }

            var references = await SymbolFinder.FindReferencesAsync(symbol, document.Project.Solution, cancellationToken).ConfigureAwait(false);
            foreach (var referenced in references)
            {
                foreach (var location in referenced.Locations)
                {
                    if (location.IsImplicit || !location.Location.IsInSource)
                    {
                        continue;
                    }

                    var referenceRoot = await location.Document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                    if (referenceRoot is null)
                    {
                        return false;
                    }

                    var use = referenceRoot.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true);
                    if (ConstantContexts.IsConstantRequired(use))
                    {
                        return false;
                    }

                    if (symbol is IFieldSymbol field && await ReadInEarlierStaticInitializerAsync(location, use, field, declarator, cancellationToken).ConfigureAwait(false))
                    {
                        return false;
                    }
                }
            }

            return true;
        }

        /// <summary>
        /// A static field or property initializer of the field's own type that runs before the field is
        /// initialized (earlier in the file, or in another part of a partial type) would read null.
        /// </summary>
        private static async Task<bool> ReadInEarlierStaticInitializerAsync(ReferenceLocation location, SyntaxNode use, IFieldSymbol field, VariableDeclaratorSyntax declarator, CancellationToken cancellationToken)
        {
            var member = use.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            bool isStaticInitializer;
            switch (member)
            {
                case FieldDeclarationSyntax otherField:
                    isStaticInitializer = otherField.Modifiers.Any(SyntaxKind.StaticKeyword) && use.FirstAncestorOrSelf<EqualsValueClauseSyntax>() != null;
                    break;
                case PropertyDeclarationSyntax property:
                    isStaticInitializer = property.Modifiers.Any(SyntaxKind.StaticKeyword) && property.Initializer != null && property.Initializer.Span.Contains(use.Span);
                    break;
                default:
                    return false;
            }

            if (!isStaticInitializer)
            {
                return false;
            }

            var useModel = await location.Document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var container = useModel?.GetDeclaredSymbol(member.Parent!, cancellationToken) as INamedTypeSymbol;
            if (container is null || !SymbolEqualityComparer.Default.Equals(container.OriginalDefinition, field.ContainingType.OriginalDefinition))
            {
                return false;
            }

            return use.SyntaxTree != declarator.SyntaxTree || use.SpanStart < declarator.SpanStart;
        }

        /// <summary>True when a string can take the place of <paramref name="expression"/> (an interpolated string may be target-typed to something else).</summary>
        private static bool AcceptsString(SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken)
        {
            var target = model.GetTypeInfo(expression, cancellationToken).ConvertedType;
            if (target is null || target.TypeKind == TypeKind.Error)
            {
                return false;
            }

            if (target.SpecialType == SpecialType.System_String)
            {
                return true;
            }

            var stringType = model.Compilation.GetSpecialType(SpecialType.System_String);
            var conversion = model.Compilation.ClassifyConversion(stringType, target);
            return conversion.Exists && conversion.IsImplicit;
        }

        private static async Task<Document> ReplaceAsync(Document document, ExpressionSyntax node, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null)
            {
                return document;
            }

            var nonNullable = model.GetTypeInfo(node, cancellationToken).ConvertedNullability.Annotation != NullableAnnotation.Annotated;
            var replacement = EnvironmentLookup(model, node.SpanStart, nonNullable).WithTriviaFrom(node);
            return document.WithSyntaxRoot(root.ReplaceNode(node, replacement));
        }

        private static async Task<Document> ConvertConstAsync(Document document, VariableDeclaratorSyntax declarator, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || declarator.Initializer is null)
            {
                return document;
            }

            var value = declarator.Initializer.Value;
            var declared = model.GetDeclaredSymbol(declarator, cancellationToken) switch
            {
                IFieldSymbol field => field.Type,
                ILocalSymbol local => local.Type,
                _ => null,
            };
            var nonNullable = declared?.NullableAnnotation != NullableAnnotation.Annotated;
            var newDeclarator = declarator.WithInitializer(
                declarator.Initializer.WithValue(EnvironmentLookup(model, value.SpanStart, nonNullable).WithTriviaFrom(value)));

            SyntaxNode oldStatement;
            SyntaxNode newStatement;
            switch (declarator.Parent?.Parent)
            {
                case FieldDeclarationSyntax field:
                    {
                        var declaration = field.Declaration.ReplaceNode(declarator, newDeclarator);
                        var modifiers = field.Modifiers;
                        var index = modifiers.IndexOf(SyntaxKind.ConstKeyword);
                        var constKeyword = modifiers[index];
                        var newModifiers = modifiers.RemoveAt(index).InsertRange(index, new[]
                        {
                            SyntaxFactory.Token(constKeyword.LeadingTrivia, SyntaxKind.StaticKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)),
                            SyntaxFactory.Token(SyntaxFactory.TriviaList(), SyntaxKind.ReadOnlyKeyword, constKeyword.TrailingTrivia),
                        });
                        oldStatement = field;
                        newStatement = field.WithModifiers(newModifiers).WithDeclaration(declaration);
                        break;
                    }

                case LocalDeclarationStatementSyntax local:
                    {
                        var declaration = local.Declaration.ReplaceNode(declarator, newDeclarator);
                        var modifiers = local.Modifiers;
                        var index = modifiers.IndexOf(SyntaxKind.ConstKeyword);
                        var constKeyword = modifiers[index];
                        var newModifiers = modifiers.RemoveAt(index);
                        if (index == 0)
                        {
                            // The const keyword's indentation moves to what now starts the statement.
                            if (newModifiers.Count > 0)
                            {
                                newModifiers = newModifiers.Replace(newModifiers[0], newModifiers[0].WithLeadingTrivia(constKeyword.LeadingTrivia));
                            }
                            else
                            {
                                declaration = declaration.WithType(declaration.Type.WithLeadingTrivia(constKeyword.LeadingTrivia));
                            }
                        }

                        oldStatement = local;
                        newStatement = local.WithModifiers(newModifiers).WithDeclaration(declaration);
                        break;
                    }

                default:
                    return document;
            }

            return document.WithSyntaxRoot(root.ReplaceNode(oldStatement, newStatement));
        }

        /// <summary>
        /// <c>System.Environment.GetEnvironmentVariable("SUPABASE_SERVICE_ROLE_KEY")</c>, or with <c>global::</c> when
        /// something in scope hides the <c>System</c> namespace at <paramref name="position"/>. Where nullable warnings are
        /// on and the value goes to a non-nullable <c>string</c>, <c>?? throw new System.InvalidOperationException(...)</c>
        /// follows: the lookup returns <c>string?</c>, and a plain one would add CS8600/CS8601/CS8604 to a build that had none.
        /// </summary>
        private static ExpressionSyntax EnvironmentLookup(SemanticModel model, int position, bool nonNullableTarget)
        {
            var call = "System.Environment.GetEnvironmentVariable(\"" + VariableName + "\")";
            var bound = model.GetSpeculativeSymbolInfo(position, SyntaxFactory.ParseExpression(call), SpeculativeBindingOption.BindAsExpression).Symbol as IMethodSymbol;
            var environment = model.Compilation.GetTypeByMetadataName("System.Environment");
            var system = bound is null || environment is null || !SymbolEqualityComparer.Default.Equals(bound.ContainingType, environment)
                ? "global::System."
                : "System.";
            var text = system + "Environment.GetEnvironmentVariable(\"" + VariableName + "\")";
            if (nonNullableTarget && (model.GetNullableContext(position) & NullableContext.WarningsEnabled) != 0)
            {
                text += " ?? throw new " + system + "InvalidOperationException(\"" + VariableName + " is not set.\")";
            }

            return SyntaxFactory.ParseExpression(text);
        }
    }
}
