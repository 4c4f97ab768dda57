using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>
    /// Walks the code a change handler runs, on control flow graphs: the handler's body, the lambdas it
    /// creates, the local functions it calls, and the private or internal methods of its own type it calls
    /// (up to <see cref="MaxHelperDepth"/> calls deep). A branch whose condition <c>prune</c> rejects is not
    /// followed, so code that only such branches reach is skipped: <c>prune(condition, value)</c> says that the
    /// handler never sees <c>condition</c> evaluate to <c>value</c> for the events of interest.
    /// </summary>
    internal static class HandlerCode
    {
        /// <summary>How many calls into helper methods (or local functions) the walk follows.</summary>
        public const int MaxHelperDepth = 3;

        /// <summary>
        /// Calls <paramref name="visit"/> for every invocation the handler runs (with the semantic model of its tree),
        /// except those that sit only behind pruned branches. Unknown handler bodies visit nothing.
        /// </summary>
        public static void Walk(
            ChangeHandler handler,
            MethodGraphs graphs,
            Func<IOperation, bool, bool> prune,
            Action<IInvocationOperation, SemanticModel> visit,
            CancellationToken cancellationToken)
            => WalkOperations(
                handler,
                graphs,
                prune,
                (operation, model) =>
                {
                    if (operation is IInvocationOperation invocation)
                    {
                        visit(invocation, model);
                    }
                },
                cancellationToken);

        /// <summary>
        /// As <see cref="Walk"/>, but calls <paramref name="visit"/> for every operation the handler runs (property reads
        /// and invocations alike), except those that sit only behind pruned branches.
        /// </summary>
        public static void WalkOperations(
            ChangeHandler handler,
            MethodGraphs graphs,
            Func<IOperation, bool, bool> prune,
            Action<IOperation, SemanticModel> visit,
            CancellationToken cancellationToken)
        {
            var entry = EntryGraph(handler, graphs, cancellationToken);
            var owner = handler.OwnerType;
            if (entry is null || owner is null)
            {
                return;
            }

            var visited = new HashSet<ControlFlowGraph>();
            var queue = new Queue<(FlowGraph Graph, int Depth)>();
            queue.Enqueue((entry.Value, 0));
            while (queue.Count > 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (current, depth) = queue.Dequeue();
                if (!visited.Add(current.Graph))
                {
                    continue;
                }

                var live = LiveBlocks(current.Graph, prune);
                foreach (var block in current.Graph.Blocks)
                {
                    if (!live[block.Ordinal])
                    {
                        continue;
                    }

                    foreach (var operation in OperationsOf(block))
                    {
                        foreach (var node in SelfAndDescendants(operation))
                        {
                            if (!(node is IFlowAnonymousFunctionOperation))
                            {
                                visit(node, current.Model);
                            }

                            switch (node)
                            {
                                case IFlowAnonymousFunctionOperation lambda:
                                    if (TryGetLambdaGraph(current.Graph, lambda, cancellationToken) is ControlFlowGraph lambdaGraph)
                                    {
                                        queue.Enqueue((new FlowGraph(lambdaGraph, current.Model), depth));
                                    }

                                    break;

                                case IInvocationOperation invocation:
                                    if (depth < MaxHelperDepth && invocation.TargetMethod is IMethodSymbol target)
                                    {
                                        if (target.MethodKind == MethodKind.LocalFunction)
                                        {
                                            if (FindLocalFunctionGraphInScope(current.Graph, target, cancellationToken) is ControlFlowGraph local)
                                            {
                                                queue.Enqueue((new FlowGraph(local, current.Model), depth + 1));
                                            }
                                        }
                                        else if (IsHelperOf(target, owner) && graphs.ForMethod(target) is FlowGraph helper)
                                        {
                                            queue.Enqueue((helper, depth + 1));
                                        }
                                    }

                                    break;
                            }
                        }
                    }
                }
            }
        }

        /// <summary>The graph the handler's body starts in, or null when it is not known.</summary>
        public static FlowGraph? EntryGraph(ChangeHandler handler, MethodGraphs graphs, CancellationToken cancellationToken)
        {
            if (handler.AnonymousFunction is IAnonymousFunctionOperation anonymous)
            {
                if (!(graphs.ForBlockOf(handler.Registration) is FlowGraph block))
                {
                    return null;
                }

                var graph = FindDown(block.Graph, anonymous.Syntax, g => FindLambdaGraph(g, anonymous.Syntax, cancellationToken), cancellationToken);
                return graph is null ? (FlowGraph?)null : new FlowGraph(graph, block.Model);
            }

            if (handler.Method is IMethodSymbol method)
            {
                if (method.MethodKind == MethodKind.LocalFunction)
                {
                    if (!(graphs.ForBlockOf(handler.Registration) is FlowGraph block))
                    {
                        return null;
                    }

                    var declaration = method.DeclaringSyntaxReferences.Length == 1 ? method.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) : null;
                    var graph = declaration is null
                        ? null
                        : FindDown(block.Graph, declaration, g => LocalFunctionGraph(g, method, cancellationToken), cancellationToken);
                    return graph is null ? (FlowGraph?)null : new FlowGraph(graph, block.Model);
                }

                return method.MethodKind == MethodKind.Ordinary ? graphs.ForMethod(method) : null;
            }

            return null;
        }

        /// <summary>A private or internal, non-virtual source method of <paramref name="owner"/>: code the handler runs when it calls it.</summary>
        private static bool IsHelperOf(IMethodSymbol target, INamedTypeSymbol owner)
        {
            if (target.MethodKind != MethodKind.Ordinary
                || target.IsAbstract || target.IsVirtual || target.IsOverride || target.IsExtern
                || target.DeclaringSyntaxReferences.IsEmpty && target.PartialImplementationPart is null)
            {
                return false;
            }

            switch (target.DeclaredAccessibility)
            {
                case Accessibility.Private:
                case Accessibility.Internal:
                case Accessibility.ProtectedAndInternal:
                    break;
                default:
                    return false;
            }

            return SymbolEqualityComparer.Default.Equals(target.ContainingType?.OriginalDefinition, owner.OriginalDefinition);
        }

        /// <summary>Blocks reachable from the entry without crossing a pruned branch.</summary>
        private static bool[] LiveBlocks(ControlFlowGraph graph, Func<IOperation, bool, bool> prune)
        {
            var blocks = graph.Blocks;
            var live = new bool[blocks.Length];
            var handlerEntries = HandlerRegionEntries(graph);
            var stack = new Stack<int>();
            stack.Push(0);
            while (stack.Count > 0)
            {
                var ordinal = stack.Pop();
                if (ordinal < 0 || ordinal >= blocks.Length || live[ordinal])
                {
                    continue;
                }

                live[ordinal] = true;
                var block = blocks[ordinal];
                if (block.ConditionKind != ControlFlowConditionKind.None && block.BranchValue != null)
                {
                    var conditionalValue = block.ConditionKind == ControlFlowConditionKind.WhenTrue;
                    Follow(block.ConditionalSuccessor, block.BranchValue, conditionalValue);
                    Follow(block.FallThroughSuccessor, block.BranchValue, !conditionalValue);
                }
                else if (block.FallThroughSuccessor?.Destination is BasicBlock next)
                {
                    stack.Push(next.Ordinal);
                }

                if (handlerEntries.TryGetValue(ordinal, out var entries))
                {
                    foreach (var entry in entries)
                    {
                        stack.Push(entry);
                    }
                }
            }

            return live;

            void Follow(ControlFlowBranch? branch, IOperation condition, bool value)
            {
                if (branch?.Destination is BasicBlock destination && !prune(condition, value))
                {
                    stack.Push(destination.Ordinal);
                }
            }
        }

        /// <summary>
        /// Catch, filter and finally regions have no incoming branches in the graph: treat each as entered from
        /// the first block of its try region, so they are live exactly when the try is.
        /// </summary>
        private static Dictionary<int, List<int>> HandlerRegionEntries(ControlFlowGraph graph)
        {
            var entries = new Dictionary<int, List<int>>();
            var regions = new Stack<ControlFlowRegion>();
            regions.Push(graph.Root);
            while (regions.Count > 0)
            {
                var region = regions.Pop();
                ControlFlowRegion? tryRegion = null;
                foreach (var nested in region.NestedRegions)
                {
                    regions.Push(nested);
                    if (nested.Kind == ControlFlowRegionKind.Try)
                    {
                        tryRegion = nested;
                    }
                }

                if (tryRegion is null)
                {
                    if (region.Kind == ControlFlowRegionKind.FilterAndHandler)
                    {
                        foreach (var nested in region.NestedRegions)
                        {
                            Add(region.FirstBlockOrdinal, nested.FirstBlockOrdinal);
                        }
                    }

                    continue;
                }

                foreach (var nested in region.NestedRegions)
                {
                    if (nested != tryRegion)
                    {
                        Add(tryRegion.FirstBlockOrdinal, nested.FirstBlockOrdinal);
                    }
                }
            }

            return entries;

            void Add(int from, int to)
            {
                if (!entries.TryGetValue(from, out var list))
                {
                    list = new List<int>();
                    entries.Add(from, list);
                }

                list.Add(to);
            }
        }

        private static IEnumerable<IOperation> OperationsOf(BasicBlock block)
        {
            foreach (var operation in block.Operations)
            {
                yield return operation;
            }

            if (block.BranchValue != null)
            {
                yield return block.BranchValue;
            }
        }

        private static IEnumerable<IOperation> SelfAndDescendants(IOperation operation)
        {
            var stack = new Stack<IOperation>();
            stack.Push(operation);
            while (stack.Count > 0)
            {
                var current = stack.Pop();
                yield return current;
                foreach (var child in current.Children)
                {
                    if (child != null)
                    {
                        stack.Push(child);
                    }
                }
            }
        }

        /// <summary>
        /// Searches <paramref name="root"/> and the graphs of the lambdas and local functions inside it that enclose
        /// <paramref name="target"/> (only those: graphs are built on demand).
        /// </summary>
        private static ControlFlowGraph? FindDown(ControlFlowGraph root, SyntaxNode target, Func<ControlFlowGraph, ControlFlowGraph?> find, CancellationToken cancellationToken)
        {
            var pending = new Stack<ControlFlowGraph>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var graph = pending.Pop();
                if (find(graph) is ControlFlowGraph found)
                {
                    return found;
                }

                foreach (var local in graph.LocalFunctions)
                {
                    foreach (var reference in local.DeclaringSyntaxReferences)
                    {
                        if (reference.SyntaxTree == target.SyntaxTree && reference.Span.Contains(target.Span))
                        {
                            pending.Push(graph.GetLocalFunctionControlFlowGraph(local, cancellationToken));
                            break;
                        }
                    }
                }

                foreach (var block in graph.Blocks)
                {
                    foreach (var operation in OperationsOf(block))
                    {
                        foreach (var node in SelfAndDescendants(operation))
                        {
                            if (node is IFlowAnonymousFunctionOperation lambda
                                && lambda.Syntax.SyntaxTree == target.SyntaxTree
                                && lambda.Syntax.Span.Contains(target.Span))
                            {
                                pending.Push(graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken));
                            }
                        }
                    }
                }
            }

            return null;
        }

        private static ControlFlowGraph? FindLambdaGraph(ControlFlowGraph graph, SyntaxNode syntax, CancellationToken cancellationToken)
        {
            foreach (var block in graph.Blocks)
            {
                foreach (var operation in OperationsOf(block))
                {
                    foreach (var node in SelfAndDescendants(operation))
                    {
                        if (node is IFlowAnonymousFunctionOperation lambda && lambda.Syntax == syntax)
                        {
                            return graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken);
                        }
                    }
                }
            }

            return null;
        }

        private static ControlFlowGraph? TryGetLambdaGraph(ControlFlowGraph graph, IFlowAnonymousFunctionOperation lambda, CancellationToken cancellationToken)
        {
            try
            {
                return graph.GetAnonymousFunctionControlFlowGraph(lambda, cancellationToken);
            }
            catch (ArgumentOutOfRangeException)
            {
                return null;
            }
        }

        private static ControlFlowGraph? LocalFunctionGraph(ControlFlowGraph graph, IMethodSymbol localFunction, CancellationToken cancellationToken)
        {
            var definition = localFunction.OriginalDefinition;
            foreach (var local in graph.LocalFunctions)
            {
                if (SymbolEqualityComparer.Default.Equals(local, definition))
                {
                    return graph.GetLocalFunctionControlFlowGraph(local, cancellationToken);
                }
            }

            return null;
        }

        /// <summary>The graph of a local function visible from <paramref name="graph"/> (declared in it or an enclosing graph).</summary>
        private static ControlFlowGraph? FindLocalFunctionGraphInScope(ControlFlowGraph graph, IMethodSymbol localFunction, CancellationToken cancellationToken)
        {
            for (var current = graph; current != null; current = current.Parent)
            {
                if (LocalFunctionGraph(current, localFunction, cancellationToken) is ControlFlowGraph found)
                {
                    return found;
                }
            }

            return null;
        }
    }
}
