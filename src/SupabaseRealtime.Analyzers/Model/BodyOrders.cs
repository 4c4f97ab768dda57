using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>
    /// The <see cref="CallOrder"/> of every body in one operation block: the block itself and each
    /// lambda and local function inside it (each its own body), with a lookup from an operation's
    /// syntax to the body that runs it.
    /// </summary>
    internal sealed class BodyOrders
    {
        private readonly ImmutableArray<CallOrder> orders;

        private BodyOrders(ImmutableArray<CallOrder> orders)
        {
            this.orders = orders;
        }

        /// <summary>The order of the block itself (the first body), or null when there is none.</summary>
        public CallOrder? Root => orders.IsEmpty ? null : orders[0];

        /// <summary>The orders of <paramref name="graph"/> and its nested bodies (each the compilation's one, see <see cref="SdkSymbols.OrderOf"/>).</summary>
        public static BodyOrders Create(ControlFlowGraph graph, SdkSymbols sdk)
        {
            var builder = ImmutableArray.CreateBuilder<CallOrder>();
            foreach (var body in CallOrder.WithNestedBodies(graph))
            {
                if (sdk.OrderOf(body) is { } order)
                {
                    builder.Add(order);
                }
            }

            return new BodyOrders(builder.ToImmutable());
        }

        /// <summary>
        /// True for the operation-block roots a control-flow graph can be built for (method and
        /// constructor bodies, blocks, field and property initializers).
        /// </summary>
        public static bool IsGraphRoot(IOperation? block)
            => block != null && block.Parent is null
                && (block is IMethodBodyOperation || block is IConstructorBodyOperation || block is IBlockOperation
                    || block is IFieldInitializerOperation || block is IPropertyInitializerOperation);

        /// <summary>
        /// The graph root of <c>blocks[index]</c> (an analyzer is handed a body's block, whose parent is the
        /// method or constructor body), when it has one and no earlier block of <paramref name="blocks"/>
        /// shares it: looping over every index yields each distinct root once, with the first block under it.
        /// </summary>
        public static bool TryGetNewGraphRoot(ImmutableArray<IOperation> blocks, int index, out IOperation root)
            => TryGetNewRoot(blocks, index, out root) && IsGraphRoot(root);

        /// <summary>
        /// The root above <c>blocks[index]</c>, when no earlier block of <paramref name="blocks"/> shares it: looping over
        /// every index yields each distinct root once (a member's blocks asked by their root, as the rules ask).
        /// </summary>
        public static bool TryGetNewRoot(ImmutableArray<IOperation> blocks, int index, out IOperation root)
        {
            root = OperationTrees.RootOf(blocks[index]);
            for (var earlier = 0; earlier < index; earlier++)
            {
                if (OperationTrees.RootOf(blocks[earlier]) == root)
                {
                    return false;
                }
            }

            return true;
        }


        /// <summary>The body that runs the operation whose syntax is <paramref name="syntax"/>, and its point there.</summary>
        public bool TryFind(SyntaxNode syntax, out CallOrder order, out FlowPoint point)
        {
            foreach (var candidate in orders)
            {
                if (candidate.TryGetPoint(syntax, out point))
                {
                    order = candidate;
                    return true;
                }
            }

            order = null!;
            point = default;
            return false;
        }

        /// <summary>The points of <paramref name="operations"/> that run in <paramref name="order"/>.</summary>
        public static List<FlowPoint> PointsIn(CallOrder order, IEnumerable<IOperation> operations)
        {
            var points = new List<FlowPoint>();
            foreach (var operation in operations)
            {
                if (order.TryGetPoint(operation.Syntax, out var point))
                {
                    points.Add(point);
                }
            }

            return points;
        }

        /// <summary>True when <paramref name="operation"/> sits inside a lambda or local function of its operation block.</summary>
        public static bool IsInNestedBody(IOperation operation)
        {
            for (var parent = operation.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
