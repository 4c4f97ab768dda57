using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>A place in a control-flow graph: a block, the top-level operation in it, and the end of the syntax (for order within one statement).</summary>
    internal readonly struct FlowPoint
    {
        public FlowPoint(int block, int index, int syntaxEnd)
        {
            Block = block;
            Index = index;
            SyntaxEnd = syntaxEnd;
        }

        public int Block { get; }

        /// <summary>Index of the top-level operation within the block; the branch value has index <c>Operations.Length</c>.</summary>
        public int Index { get; }

        public int SyntaxEnd { get; }

        /// <summary>True when this point runs before <paramref name="other"/> within the same block.</summary>
        public bool IsBeforeInBlock(FlowPoint other)
            => Block == other.Block && (Index < other.Index || (Index == other.Index && SyntaxEnd < other.SyntaxEnd));
    }

    /// <summary>
    /// "Does A run before B on some path?" over one body's <see cref="ControlFlowGraph"/> (a method,
    /// a lambda or a local function: each is its own body). Built only for bodies that call the SDK.
    /// Operations are found by their syntax node, since the graph holds rewritten operations.
    /// </summary>
    internal sealed class CallOrder
    {
        private readonly ControlFlowGraph graph;
        private readonly Dictionary<SyntaxNode, FlowPoint> points;
        private readonly List<int>[] successors;

        private CallOrder(ControlFlowGraph graph)
        {
            this.graph = graph;
            points = new Dictionary<SyntaxNode, FlowPoint>();
            successors = new List<int>[graph.Blocks.Length];
            Index();
        }

        public ControlFlowGraph Graph => graph;

        /// <summary>Builds the order for <paramref name="graph"/>; null for a null graph.</summary>
        public static CallOrder? Create(ControlFlowGraph? graph) => graph is null ? null : new CallOrder(graph);

        /// <summary>
        /// <paramref name="root"/> and the graphs of every lambda and local function inside it, each
        /// its own body.
        /// </summary>
        public static IEnumerable<ControlFlowGraph> WithNestedBodies(ControlFlowGraph root)
        {
            var pending = new Stack<ControlFlowGraph>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var graph = pending.Pop();
                yield return graph;
                foreach (var localFunction in graph.LocalFunctions)
                {
                    pending.Push(graph.GetLocalFunctionControlFlowGraph(localFunction));
                }

                foreach (var block in graph.Blocks)
                {
                    foreach (var operation in block.Operations)
                    {
                        foreach (var lambda in AnonymousFunctions(operation))
                        {
                            pending.Push(graph.GetAnonymousFunctionControlFlowGraph(lambda));
                        }
                    }

                    if (block.BranchValue != null)
                    {
                        foreach (var lambda in AnonymousFunctions(block.BranchValue))
                        {
                            pending.Push(graph.GetAnonymousFunctionControlFlowGraph(lambda));
                        }
                    }
                }
            }
        }

        /// <summary>
        /// <paramref name="root"/> and the graphs of the lambdas and local functions inside it whose syntax
        /// <paramref name="include"/> accepts (and of those nested in an accepted one), each its own body:
        /// the graphs of functions a rule has no interest in are never built.
        /// </summary>
        public static IEnumerable<ControlFlowGraph> WithNestedBodies(ControlFlowGraph root, System.Func<SyntaxNode, bool> include)
        {
            var pending = new Stack<ControlFlowGraph>();
            pending.Push(root);
            while (pending.Count > 0)
            {
                var graph = pending.Pop();
                yield return graph;
                foreach (var localFunction in graph.LocalFunctions)
                {
                    var references = localFunction.DeclaringSyntaxReferences;
                    if (references.Length > 0 && include(references[0].GetSyntax()))
                    {
                        pending.Push(graph.GetLocalFunctionControlFlowGraph(localFunction));
                    }
                }

                foreach (var block in graph.Blocks)
                {
                    foreach (var operation in block.Operations)
                    {
                        foreach (var lambda in AnonymousFunctions(operation))
                        {
                            if (include(lambda.Syntax))
                            {
                                pending.Push(graph.GetAnonymousFunctionControlFlowGraph(lambda));
                            }
                        }
                    }

                    if (block.BranchValue != null)
                    {
                        foreach (var lambda in AnonymousFunctions(block.BranchValue))
                        {
                            if (include(lambda.Syntax))
                            {
                                pending.Push(graph.GetAnonymousFunctionControlFlowGraph(lambda));
                            }
                        }
                    }
                }
            }
        }

        private static IEnumerable<IFlowAnonymousFunctionOperation> AnonymousFunctions(IOperation operation)
        {
            foreach (var descendant in operation.DescendantsAndSelf())
            {
                if (descendant is IFlowAnonymousFunctionOperation lambda)
                {
                    yield return lambda;
                }
            }
        }

        /// <summary>The point of the operation whose syntax is <paramref name="syntax"/>, when it is in this body (not in a nested lambda).</summary>
        public bool TryGetPoint(SyntaxNode syntax, out FlowPoint point) => points.TryGetValue(syntax, out point);

        /// <summary>
        /// True when some path goes from <paramref name="from"/> (or from the entry, when null) to
        /// <paramref name="to"/> without passing any of <paramref name="avoid"/>.
        /// </summary>
        public bool ExistsPath(FlowPoint? from, FlowPoint to, IReadOnlyCollection<FlowPoint> avoid)
        {
            // Within the starting block first.
            var startBlock = from?.Block ?? 0;
            if (from is FlowPoint start && start.IsBeforeInBlock(to))
            {
                return !BlockedBetween(start, to, avoid);
            }

            if (from is FlowPoint origin && BlockedAfter(origin, avoid))
            {
                return false;
            }

            var visited = new bool[graph.Blocks.Length];
            var queue = new Queue<int>();
            foreach (var next in successors[startBlock])
            {
                if (!visited[next])
                {
                    visited[next] = true;
                    queue.Enqueue(next);
                }
            }

            if (from is null)
            {
                // From the entry: the entry block itself has no operations.
                visited[startBlock] = true;
            }

            while (queue.Count > 0)
            {
                var block = queue.Dequeue();
                if (block == to.Block)
                {
                    if (!BlockedBefore(to, avoid))
                    {
                        return true;
                    }
                }

                if (BlocksWhole(block, avoid))
                {
                    continue;
                }

                foreach (var next in successors[block])
                {
                    if (!visited[next])
                    {
                        visited[next] = true;
                        queue.Enqueue(next);
                    }
                }
            }

            return false;
        }

        /// <summary>True when some path from <paramref name="from"/> reaches <paramref name="to"/>.</summary>
        public bool Reaches(FlowPoint from, FlowPoint to) => ExistsPath(from, to, System.Array.Empty<FlowPoint>());

        /// <summary>True when the operation at <paramref name="point"/> can run again after itself (it sits in a loop).</summary>
        public bool IsInCycle(FlowPoint point)
        {
            var visited = new bool[graph.Blocks.Length];
            var queue = new Queue<int>();
            foreach (var next in successors[point.Block])
            {
                if (!visited[next])
                {
                    visited[next] = true;
                    queue.Enqueue(next);
                }
            }

            while (queue.Count > 0)
            {
                var block = queue.Dequeue();
                if (block == point.Block)
                {
                    return true;
                }

                foreach (var next in successors[block])
                {
                    if (!visited[next])
                    {
                        visited[next] = true;
                        queue.Enqueue(next);
                    }
                }
            }

            return false;
        }

        /// <summary>True when some path from the entry reaches <paramref name="to"/> without passing any of <paramref name="avoid"/>.</summary>
        public bool ExistsPathFromEntry(FlowPoint to, IReadOnlyCollection<FlowPoint> avoid) => ExistsPath(null, to, avoid);

        private static bool BlockedBetween(FlowPoint from, FlowPoint to, IReadOnlyCollection<FlowPoint> avoid)
        {
            foreach (var point in avoid)
            {
                if (from.IsBeforeInBlock(point) && point.IsBeforeInBlock(to))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool BlockedAfter(FlowPoint from, IReadOnlyCollection<FlowPoint> avoid)
        {
            foreach (var point in avoid)
            {
                if (from.IsBeforeInBlock(point))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool BlockedBefore(FlowPoint to, IReadOnlyCollection<FlowPoint> avoid)
        {
            foreach (var point in avoid)
            {
                if (point.IsBeforeInBlock(to))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool BlocksWhole(int block, IReadOnlyCollection<FlowPoint> avoid)
        {
            foreach (var point in avoid)
            {
                if (point.Block == block)
                {
                    return true;
                }
            }

            return false;
        }

        private void Index()
        {
            var blocks = graph.Blocks;
            for (var b = 0; b < blocks.Length; b++)
            {
                successors[b] = new List<int>();
            }

            for (var b = 0; b < blocks.Length; b++)
            {
                var block = blocks[b];
                var operations = block.Operations;
                for (var i = 0; i < operations.Length; i++)
                {
                    Record(operations[i], b, i);
                }

                if (block.BranchValue != null)
                {
                    Record(block.BranchValue, b, operations.Length);
                }

                AddBranch(b, block.FallThroughSuccessor);
                AddBranch(b, block.ConditionalSuccessor);

                // Anything inside a try may continue in its catch or filter handlers.
                for (var region = block.EnclosingRegion; region != null; region = region.EnclosingRegion)
                {
                    if (region.Kind == ControlFlowRegionKind.Try && region.EnclosingRegion is { } tryAndHandlers)
                    {
                        foreach (var sibling in tryAndHandlers.NestedRegions)
                        {
                            if (sibling != region && sibling.Kind != ControlFlowRegionKind.Finally)
                            {
                                successors[b].Add(sibling.FirstBlockOrdinal);
                            }
                        }
                    }
                }
            }
        }

        private void AddBranch(int block, ControlFlowBranch? branch)
        {
            if (branch is null)
            {
                return;
            }

            if (branch.FinallyRegions.Length > 0)
            {
                // Leaving through finally blocks: enter the first, and let each finally continue to the next (or the destination).
                successors[block].Add(branch.FinallyRegions[0].FirstBlockOrdinal);
                for (var i = 0; i < branch.FinallyRegions.Length; i++)
                {
                    var last = branch.FinallyRegions[i].LastBlockOrdinal;
                    var next = i + 1 < branch.FinallyRegions.Length
                        ? branch.FinallyRegions[i + 1].FirstBlockOrdinal
                        : branch.Destination?.Ordinal;
                    if (next is int target)
                    {
                        successors[last].Add(target);
                    }
                }

                return;
            }

            if (branch.Destination != null)
            {
                successors[block].Add(branch.Destination.Ordinal);
            }
        }

        private void Record(IOperation root, int block, int index)
        {
            foreach (var operation in root.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation || operation is ISimpleAssignmentOperation
                    || operation is IObjectCreationOperation || operation is IAwaitOperation
                    || operation is IEventAssignmentOperation || operation is IFlowAnonymousFunctionOperation)
                {
                    var syntax = operation.Syntax;
                    if (!points.ContainsKey(syntax))
                    {
                        points[syntax] = new FlowPoint(block, index, syntax.Span.End);
                    }
                }
            }
        }
    }
}
