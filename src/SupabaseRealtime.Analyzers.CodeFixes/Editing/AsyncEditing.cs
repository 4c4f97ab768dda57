using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SupabaseRealtime.Analyzers.CodeFixes.Editing
{
    /// <summary>Keeping <c>async</c> honest when a fix takes the last <c>await</c> out of a function (CS1998 otherwise).</summary>
    internal static class AsyncEditing
    {
        /// <summary>True for lambdas, anonymous methods, local functions and methods.</summary>
        public static bool IsFunction(SyntaxNode node)
            => node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax || node is BaseMethodDeclarationSyntax;

        /// <summary>True when <paramref name="function"/> is marked <c>async</c>.</summary>
        public static bool IsAsync(SyntaxNode function)
        {
            switch (function)
            {
                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword);
                case LocalFunctionStatementSyntax local:
                    return local.Modifiers.Any(SyntaxKind.AsyncKeyword);
                case BaseMethodDeclarationSyntax method:
                    return method.Modifiers.Any(SyntaxKind.AsyncKeyword);
                default:
                    return false;
            }
        }

        /// <summary>True when <paramref name="function"/> awaits anything outside its own nested functions (and outside <paramref name="except"/>).</summary>
        public static bool Awaits(SyntaxNode function, params SyntaxNode[] except)
            => function.DescendantNodes(n => n == function || !(n is AnonymousFunctionExpressionSyntax || n is LocalFunctionStatementSyntax))
                .Where(n => !except.Any(e => e.Span.Contains(n.Span)))
                .Any(n => n is AwaitExpressionSyntax
                    || (n is CommonForEachStatementSyntax forEach && forEach.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
                    || (n is UsingStatementSyntax usingStatement && usingStatement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword))
                    || (n is LocalDeclarationStatementSyntax declaration && declaration.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword)));

        /// <summary>True when <paramref name="function"/> has a <c>return</c> statement of its own (not of a nested function).</summary>
        public static bool Returns(SyntaxNode function)
            => function.DescendantNodes(n => n == function || !(n is AnonymousFunctionExpressionSyntax || n is LocalFunctionStatementSyntax))
                .Any(n => n is ReturnStatementSyntax);

        /// <summary><paramref name="function"/> without <c>async</c>; the keyword's leading trivia passes to what follows it.</summary>
        public static SyntaxNode WithoutAsync(SyntaxNode function)
        {
            switch (function)
            {
                case AnonymousFunctionExpressionSyntax lambda:
                    return lambda.WithAsyncKeyword(default).WithLeadingTrivia(lambda.AsyncKeyword.LeadingTrivia);
                case LocalFunctionStatementSyntax local:
                    var (localModifiers, localTrivia) = RemoveAsync(local.Modifiers);
                    var localResult = local.WithModifiers(localModifiers);
                    return localTrivia is { } forLocalType ? localResult.WithReturnType(localResult.ReturnType.WithLeadingTrivia(forLocalType)) : localResult;
                case MethodDeclarationSyntax method:
                    var (modifiers, trivia) = RemoveAsync(method.Modifiers);
                    var result = method.WithModifiers(modifiers);
                    return trivia is { } forType ? result.WithReturnType(result.ReturnType.WithLeadingTrivia(forType)) : result;
                default:
                    return function;
            }
        }

        /// <summary>The modifiers without <c>async</c> (its leading trivia passes to the next modifier), and the trivia left for the return type when none follows.</summary>
        private static (SyntaxTokenList Modifiers, SyntaxTriviaList? ForReturnType) RemoveAsync(SyntaxTokenList modifiers)
        {
            var index = modifiers.IndexOf(SyntaxKind.AsyncKeyword);
            if (index < 0)
            {
                return (modifiers, null);
            }

            var removed = modifiers[index];
            var result = modifiers.RemoveAt(index);
            if (index < result.Count)
            {
                return (result.Replace(result[index], result[index].WithLeadingTrivia(removed.LeadingTrivia)), null);
            }

            return (result, index == 0 ? removed.LeadingTrivia : (SyntaxTriviaList?)null);
        }
    }
}
