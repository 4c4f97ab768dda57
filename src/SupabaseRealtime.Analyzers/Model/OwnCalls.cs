using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>
    /// Which members of one type call which of the type's own methods, and which members hold something a rule
    /// looks for (<see cref="Mark"/>): fed by an operation action, read at the type's end. A member is the one the
    /// driver hands the operation action as its containing symbol, so the code of its lambdas and local functions
    /// counts as its own. Every call to a method of the type is an edge (virtual or not), so what a member
    /// <see cref="Reaches"/> is at least what a walk that follows the type's helpers can reach from it.
    /// </summary>
    internal sealed class OwnCalls
    {
        private readonly INamedTypeSymbol type;
        private readonly object gate = new object();
        private Dictionary<ISymbol, List<ISymbol>>? calls;
        private HashSet<ISymbol>? marked;

        public OwnCalls(INamedTypeSymbol type)
        {
            this.type = type;
        }

        /// <summary>Notes <paramref name="invocation"/>, made in <paramref name="caller"/>, when it calls a method of the type itself.</summary>
        public void NoteCall(ISymbol caller, IInvocationOperation invocation)
        {
            if (!SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType?.OriginalDefinition, type.OriginalDefinition))
            {
                return;
            }

            var from = Normalize(caller);
            var to = Normalize(invocation.TargetMethod);
            lock (gate)
            {
                calls ??= new Dictionary<ISymbol, List<ISymbol>>(SymbolEqualityComparer.Default);
                if (!calls.TryGetValue(from, out var targets))
                {
                    calls.Add(from, targets = new List<ISymbol>());
                }

                targets.Add(to);
            }
        }

        /// <summary>Marks <paramref name="member"/> as holding what the rule looks for.</summary>
        public void Mark(ISymbol member)
        {
            var normalized = Normalize(member);
            lock (gate)
            {
                (marked ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default)).Add(normalized);
            }
        }

        /// <summary>True when <paramref name="member"/>, or a method of the type it calls (at any depth), is marked.</summary>
        public bool Reaches(ISymbol member)
        {
            lock (gate)
            {
                if (marked is null)
                {
                    return false;
                }

                var start = Normalize(member);
                var seen = new HashSet<ISymbol>(SymbolEqualityComparer.Default) { start };
                var pending = new Stack<ISymbol>();
                pending.Push(start);
                while (pending.Count > 0)
                {
                    var current = pending.Pop();
                    if (marked.Contains(current))
                    {
                        return true;
                    }

                    if (calls != null && calls.TryGetValue(current, out var targets))
                    {
                        foreach (var target in targets)
                        {
                            if (seen.Add(target))
                            {
                                pending.Push(target);
                            }
                        }
                    }
                }

                return false;
            }
        }

        /// <summary>A method as its body is declared: the original definition, and a partial method's implementation.</summary>
        private static ISymbol Normalize(ISymbol member)
        {
            if (member is IMethodSymbol method)
            {
                var definition = method.OriginalDefinition;
                return definition.PartialImplementationPart ?? definition;
            }

            return member.OriginalDefinition;
        }
    }
}
