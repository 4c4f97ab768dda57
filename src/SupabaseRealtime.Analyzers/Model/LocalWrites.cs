using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>
    /// How the body that declares a local writes it: the value its declaration gives it, and how many writes
    /// besides (an assignment of any kind, <c>++</c>/<c>--</c>, a deconstruction, a <c>ref</c> or <c>out</c>
    /// argument). What constant folding and the handler lookup ask of a local (<c>var topic = "lobby";</c>,
    /// <c>var handler = OnChange;</c>).
    /// </summary>
    internal readonly struct LocalWrites
    {
        private readonly IOperation? assigned;

        private LocalWrites(IOperation? initializer, int others, IOperation? assigned)
        {
            Initializer = initializer;
            Others = others;
            this.assigned = assigned;
        }

        /// <summary>The value the local's declaration gives it, or null.</summary>
        public IOperation? Initializer { get; }

        /// <summary>How many times something other than its declaration may write the local.</summary>
        public int Others { get; }

        /// <summary>The declaration's value when nothing else writes the local, or null.</summary>
        public IOperation? OnlyInitializer => Others == 0 ? Initializer : null;

        /// <summary>The one value the local is ever given (its declaration's, or a single plain assignment's), or null.</summary>
        public IOperation? OnlyValue => Initializer != null ? OnlyInitializer : Others == 1 ? assigned : null;

        public static LocalWrites Of(ILocalReferenceOperation reference)
        {
            var local = reference.Local;
            IOperation? initializer = null;
            IOperation? assigned = null;
            var others = 0;
            foreach (var operation in OperationTrees.RootOf(reference).Descendants())
            {
                switch (operation)
                {
                    case IVariableDeclaratorOperation declarator when SymbolEqualityComparer.Default.Equals(declarator.Symbol, local):
                        initializer = declarator.GetVariableInitializer()?.Value;
                        break;
                    case IDeconstructionAssignmentOperation deconstruction:
                        if (Mentions(deconstruction.Target, local))
                        {
                            others++;
                        }

                        break;
                    case IAssignmentOperation assignment when IsLocal(assignment.Target, local):
                        assigned = assignment is ISimpleAssignmentOperation simple ? simple.Value : null;
                        others++;
                        break;
                    case IIncrementOrDecrementOperation increment when IsLocal(increment.Target, local):
                        others++;
                        break;
                    case IArgumentOperation argument when ChannelSlots.IsRefOrOut(argument.Parameter) && IsLocal(argument.Value, local):
                        others++;
                        break;
                }
            }

            return new LocalWrites(initializer, others, assigned);
        }

        private static bool IsLocal(IOperation? operation, ILocalSymbol local)
        {
            if (operation is IDeclarationExpressionOperation declaration)
            {
                operation = declaration.Expression;
            }

            return operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local);
        }

        private static bool Mentions(IOperation target, ILocalSymbol local)
        {
            if (IsLocal(target, local))
            {
                return true;
            }

            foreach (var descendant in target.Descendants())
            {
                if (IsLocal(descendant, local))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
