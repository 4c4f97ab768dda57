using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SupabaseRealtime.Analyzers.CodeFixes.Editing
{
    /// <summary>
    /// Where an <c>await</c> may be written, and how a function becomes <c>async</c> without changing its signature:
    /// only a function that is async already, a top-level statement, or a non-async function returning
    /// <c>System.Threading.Tasks.Task</c> whose every <c>return</c> is <c>return Task.CompletedTask;</c>. A void
    /// function (it would become async void), a constructor, an accessor, a function with <c>ref</c>/<c>out</c>
    /// parameters or in an unsafe context, and one returning <c>Task&lt;T&gt;</c> or another type are left alone.
    /// </summary>
    internal static class AsyncFunctions
    {
        /// <summary>
        /// True when an <c>await</c> may be written at <paramref name="node"/>; <paramref name="makeAsync"/> is then the
        /// function that must become async first (null when none must: it is async, or a top-level statement).
        /// </summary>
        public static bool CanAwaitAt(SyntaxNode node, SemanticModel model, CancellationToken cancellationToken, out SyntaxNode? makeAsync)
        {
            makeAsync = null;
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                switch (current)
                {
                    case LockStatementSyntax _:
                    case UnsafeStatementSyntax _:
                    case QueryExpressionSyntax _:
                    case CatchFilterClauseSyntax _:
                        return false;
                    case GlobalStatementSyntax _:
                        return true;
                    case AnonymousFunctionExpressionSyntax function:
                        if (function.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword))
                        {
                            return true;
                        }

                        return CanBecomeAsync(function, function.Block, model.GetSymbolInfo(function, cancellationToken).Symbol as IMethodSymbol, model, cancellationToken, out makeAsync);
                    case LocalFunctionStatementSyntax local:
                        if (local.Modifiers.Any(SyntaxKind.AsyncKeyword))
                        {
                            return true;
                        }

                        return !local.Modifiers.Any(SyntaxKind.UnsafeKeyword)
                            && CanBecomeAsync(local, local.Body, model.GetDeclaredSymbol(local, cancellationToken) as IMethodSymbol, model, cancellationToken, out makeAsync);
                    case MethodDeclarationSyntax method:
                        if (method.Modifiers.Any(SyntaxKind.AsyncKeyword))
                        {
                            return true;
                        }

                        return !method.Modifiers.Any(SyntaxKind.UnsafeKeyword)
                            && !(method.Parent is TypeDeclarationSyntax type && type.Modifiers.Any(SyntaxKind.UnsafeKeyword))
                            && CanBecomeAsync(method, method.Body, model.GetDeclaredSymbol(method, cancellationToken), model, cancellationToken, out makeAsync);
                    case MemberDeclarationSyntax _:
                        // Constructors, accessors, operators, field initializers.
                        return false;
                }
            }

            return false;
        }

        /// <summary>Adds <c>async</c> to <paramref name="function"/> and turns its <c>return Task.CompletedTask;</c> into <c>return;</c> (dropped at the end of the body).</summary>
        public static SyntaxNode MakeAsync(SyntaxNode function)
        {
            switch (function)
            {
                case MethodDeclarationSyntax method when method.Body != null:
                    method = method.WithBody(RewriteReturns(method.Body));
                    return AddModifier(method, method.Modifiers, method.ReturnType, (m, list) => m.WithModifiers(list), (m, type) => m.WithReturnType(type));
                case LocalFunctionStatementSyntax local when local.Body != null:
                    local = local.WithBody(RewriteReturns(local.Body));
                    return AddModifier(local, local.Modifiers, local.ReturnType, (m, list) => m.WithModifiers(list), (m, type) => m.WithReturnType(type));
                case AnonymousFunctionExpressionSyntax anonymous when anonymous.Block != null:
                    var rewritten = anonymous.WithBlock(RewriteReturns(anonymous.Block));
                    var leading = rewritten.GetLeadingTrivia();
                    return rewritten.WithoutLeadingTrivia()
                        .WithAsyncKeyword(SyntaxFactory.Token(leading, SyntaxKind.AsyncKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space)));
                default:
                    return function;
            }
        }

        private static T AddModifier<T>(T node, SyntaxTokenList modifiers, TypeSyntax returnType, System.Func<T, SyntaxTokenList, T> withModifiers, System.Func<T, TypeSyntax, T> withReturnType)
            where T : SyntaxNode
        {
            if (modifiers.Count == 0)
            {
                // The declaration's leading trivia sits on the return type: it moves to the new keyword.
                var token = SyntaxFactory.Token(returnType.GetLeadingTrivia(), SyntaxKind.AsyncKeyword, SyntaxFactory.TriviaList(SyntaxFactory.Space));
                return withModifiers(withReturnType(node, returnType.WithoutLeadingTrivia()), SyntaxFactory.TokenList(token));
            }

            // `async` goes last, right before the return type: `public override async Task`.
            return withModifiers(node, modifiers.Add(SyntaxFactory.Token(SyntaxKind.AsyncKeyword).WithTrailingTrivia(SyntaxFactory.Space)));
        }

        private static bool CanBecomeAsync(SyntaxNode function, BlockSyntax? body, IMethodSymbol? symbol, SemanticModel model, CancellationToken cancellationToken, out SyntaxNode? makeAsync)
        {
            makeAsync = null;
            if (body is null || symbol is null || symbol.ReturnsVoid || symbol.IsAsync
                || symbol.Parameters.Any(p => p.RefKind != RefKind.None)
                || !(symbol.ReturnType is INamedTypeSymbol { IsGenericType: false, Name: "Task" } returnType)
                || returnType.ContainingNamespace?.ToDisplayString() != "System.Threading.Tasks")
            {
                return false;
            }

            foreach (var statement in OwnStatements(body))
            {
                if (statement is YieldStatementSyntax)
                {
                    return false;
                }

                if (statement is ReturnStatementSyntax ret && !IsCompletedTask(ret.Expression, model, cancellationToken))
                {
                    return false;
                }
            }

            makeAsync = function;
            return true;
        }

        private static bool IsCompletedTask(ExpressionSyntax? expression, SemanticModel model, CancellationToken cancellationToken)
            => expression != null
                && model.GetSymbolInfo(expression, cancellationToken).Symbol is IPropertySymbol { Name: "CompletedTask", IsStatic: true } property
                && property.ContainingType?.ToDisplayString() == "System.Threading.Tasks.Task";

        /// <summary>The statements of a body outside the lambdas and local functions it declares.</summary>
        private static IEnumerable<StatementSyntax> OwnStatements(BlockSyntax body)
            => body.DescendantNodes(n => !(n is AnonymousFunctionExpressionSyntax) && !(n is LocalFunctionStatementSyntax))
                .OfType<StatementSyntax>();

        private static BlockSyntax RewriteReturns(BlockSyntax body)
        {
            var returns = OwnStatements(body).OfType<ReturnStatementSyntax>().Where(r => r.Expression != null).ToList();
            if (returns.Count == 0)
            {
                return body;
            }

            var last = body.Statements.LastOrDefault() as ReturnStatementSyntax;
            var tracked = body.TrackNodes(returns);
            foreach (var ret in returns)
            {
                var current = tracked.GetCurrentNode(ret);
                if (current is null)
                {
                    continue;
                }

                if (ret == last)
                {
                    tracked = tracked.RemoveNode(current, StatementEditing.RemoveOptions) ?? tracked;
                }
                else
                {
                    tracked = tracked.ReplaceNode(current, current.WithExpression(null).WithReturnKeyword(current.ReturnKeyword.WithTrailingTrivia()));
                }
            }

            return tracked;
        }
    }
}
