using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>
    /// Whether a handler delegate is equal to the one the same code makes on another run by the same object (same method,
    /// same target): what decides if adding it again changes anything (sdk-behaviour.md, section 4: 6.0-7.0 skip an equal
    /// delegate; 7.1+ drop it for want of a free registration while the equal first one keeps running).
    /// </summary>
    internal static class HandlerIdentity
    {
        /// <summary>
        /// True for a method group of a static method or of <c>this</c>, and for a lambda or anonymous method that captures
        /// nothing or only <c>this</c> (the compiler caches the former; the latter has the same method and target). A lambda
        /// that reads a local or a parameter of its enclosing code gets a new closure every run; anything else is unknown.
        /// </summary>
        public static bool IsEqualOnRerun(IOperation? handler)
        {
            while (handler is IConversionOperation conversion)
            {
                handler = conversion.Operand;
            }

            if (!(handler is IDelegateCreationOperation creation))
            {
                return false;
            }

            switch (creation.Target)
            {
                case IMethodReferenceOperation method:
                    return method.Method.IsStatic || method.Instance is IInstanceReferenceOperation;
                case IAnonymousFunctionOperation lambda:
                    return !CapturesLocals(lambda);
                default:
                    return false;
            }
        }

        private static bool CapturesLocals(IAnonymousFunctionOperation lambda)
        {
            var own = lambda.Symbol;
            foreach (var operation in lambda.Body.Descendants())
            {
                switch (operation)
                {
                    case IParameterReferenceOperation parameter
                        when !SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, own) && !DeclaredInside(parameter.Parameter.ContainingSymbol, lambda):
                        return true;
                    case ILocalReferenceOperation local when !DeclaredInside(local.Local, lambda):
                        return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="symbol"/> is declared within the lambda's own syntax (its locals, nested lambdas' parameters).</summary>
        private static bool DeclaredInside(ISymbol? symbol, IAnonymousFunctionOperation lambda)
        {
            if (symbol is null)
            {
                return false;
            }

            foreach (var reference in symbol.DeclaringSyntaxReferences)
            {
                if (reference.SyntaxTree == lambda.Syntax.SyntaxTree && lambda.Syntax.Span.Contains(reference.Span))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
