using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SupabaseRealtime.Analyzers.CodeFixes.Editing
{
    /// <summary>
    /// Renames the method an invocation calls (<c>x.Update(a)</c> → <c>x.Upsert(a)</c>), keeping the receiver,
    /// arguments, type arguments, <c>await</c> and trivia, after checking by speculative binding that the renamed
    /// call binds to a method of the new name and still fits where its value goes.
    /// </summary>
    internal static class MethodRename
    {
        /// <summary>The invocation whose method name is <paramref name="name"/>, or null.</summary>
        public static InvocationExpressionSyntax? InvocationOf(SimpleNameSyntax name)
        {
            SyntaxNode? expression = name;
            if (name.Parent is MemberAccessExpressionSyntax memberAccess && memberAccess.Name == name)
            {
                expression = memberAccess;
            }
            else if (name.Parent is MemberBindingExpressionSyntax memberBinding && memberBinding.Name == name)
            {
                expression = memberBinding;
            }

            return expression.Parent is InvocationExpressionSyntax invocation && invocation.Expression == expression ? invocation : null;
        }

        /// <summary><paramref name="name"/> with its identifier replaced by <paramref name="newName"/>, trivia kept.</summary>
        public static SimpleNameSyntax Renamed(SimpleNameSyntax name, string newName)
        {
            var identifier = name.Identifier;
            return name.WithIdentifier(SyntaxFactory.Identifier(identifier.LeadingTrivia, newName, identifier.TrailingTrivia));
        }

        /// <summary>
        /// True when calling <paramref name="newName"/> in place of <paramref name="name"/> binds (speculatively, in the
        /// enclosing statement, expression body or initializer) to a single method named <paramref name="newName"/>, and
        /// its result type is the old one or the result is discarded (awaited results must still be awaitable).
        /// </summary>
        public static bool CanRename(SemanticModel model, SimpleNameSyntax name, string newName, CancellationToken cancellationToken)
        {
            var invocation = InvocationOf(name);
            if (invocation is null || !SyntaxFacts.IsValidIdentifier(newName))
            {
                return false;
            }

            var context = invocation.Ancestors().FirstOrDefault(n =>
                n is StatementSyntax || n is ArrowExpressionClauseSyntax || n is EqualsValueClauseSyntax);
            if (context is null)
            {
                return false;
            }

            var annotation = new SyntaxAnnotation();
            var newContext = context.ReplaceNode(name, Renamed(name, newName).WithAdditionalAnnotations(annotation));
            if (!TrySpeculate(model, context, newContext, out var speculative))
            {
                return false;
            }

            var newName2 = newContext.GetAnnotatedNodes(annotation).OfType<SimpleNameSyntax>().FirstOrDefault();
            var newInvocation = newName2 is null ? null : InvocationOf(newName2);
            if (newInvocation is null)
            {
                return false;
            }

            var symbolInfo = speculative.GetSymbolInfo(newInvocation, cancellationToken);
            if (!(symbolInfo.Symbol is IMethodSymbol method) || method.Name != newName)
            {
                return false;
            }

            var oldType = model.GetTypeInfo(invocation, cancellationToken).Type;
            var newType = speculative.GetTypeInfo(newInvocation, cancellationToken).Type;
            if (newType is null || newType.TypeKind == TypeKind.Error)
            {
                return false;
            }

            if (SymbolEqualityComparer.Default.Equals(oldType, newType))
            {
                return true;
            }

            // A different result type is fine only where the result is thrown away.
            if (invocation.Parent is AwaitExpressionSyntax await)
            {
                return newInvocation.Parent is AwaitExpressionSyntax newAwait
                    && speculative.GetAwaitExpressionInfo(newAwait).GetResultMethod != null
                    && IsDiscarded(model, await, cancellationToken);
            }

            return IsDiscarded(model, invocation, cancellationToken);
        }

        private static bool TrySpeculate(SemanticModel model, SyntaxNode context, SyntaxNode newContext, out SemanticModel speculative)
        {
            speculative = null!;
            var position = context.SpanStart;
            SemanticModel? result;
            var ok = newContext switch
            {
                StatementSyntax statement => model.TryGetSpeculativeSemanticModel(position, statement, out result),
                ArrowExpressionClauseSyntax arrow => model.TryGetSpeculativeSemanticModel(position, arrow, out result),
                EqualsValueClauseSyntax initializer => model.TryGetSpeculativeSemanticModel(position, initializer, out result),
                _ => (result = null) != null,
            };

            if (!ok || result is null)
            {
                return false;
            }

            speculative = result;
            return true;
        }

        /// <summary>True when the value of <paramref name="expression"/> is not used: a statement, or the body of a lambda or member that returns nothing.</summary>
        private static bool IsDiscarded(SemanticModel model, ExpressionSyntax expression, CancellationToken cancellationToken)
        {
            switch (expression.Parent)
            {
                case ExpressionStatementSyntax _:
                    return true;
                case AnonymousFunctionExpressionSyntax lambda when lambda.Body == expression:
                    return ReturnsNothing(model.GetSymbolInfo(lambda, cancellationToken).Symbol as IMethodSymbol, lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword));
                case ArrowExpressionClauseSyntax arrow when arrow.Parent is LocalFunctionStatementSyntax localFunction:
                    return ReturnsNothing(model.GetDeclaredSymbol(localFunction, cancellationToken) as IMethodSymbol, localFunction.Modifiers.Any(SyntaxKind.AsyncKeyword));
                case ArrowExpressionClauseSyntax arrow when arrow.Parent is MethodDeclarationSyntax method:
                    return ReturnsNothing(model.GetDeclaredSymbol(method, cancellationToken), method.Modifiers.Any(SyntaxKind.AsyncKeyword));
                default:
                    return false;
            }
        }

        private static bool ReturnsNothing(IMethodSymbol? method, bool isAsync)
        {
            if (method is null)
            {
                return false;
            }

            if (method.ReturnsVoid)
            {
                return true;
            }

            // async Task / async ValueTask: the awaited value is discarded.
            return isAsync
                && method.ReturnType is INamedTypeSymbol { IsGenericType: false } returnType
                && (returnType.Name == "Task" || returnType.Name == "ValueTask")
                && returnType.ContainingNamespace?.ToDisplayString() == "System.Threading.Tasks";
        }
    }
}
