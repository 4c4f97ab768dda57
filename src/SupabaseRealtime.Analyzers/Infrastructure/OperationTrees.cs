using System;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SupabaseRealtime.Analyzers.Infrastructure
{
    /// <summary>
    /// The one walk of each operation tree: the first rule that asks for a tree's operations flattens it
    /// into an array in the order <c>DescendantsAndSelf()</c> yields them (pre-order, children in order),
    /// with where each operation's subtree ends, and every later question about the tree (every rule's
    /// pass over a body, every subtree a model looks into) reads a slice of that array.
    /// </summary>
    /// <remarks>
    /// The rules and the model pass over the same SDK bodies several times per compilation (the channel usage
    /// and its collection facts, the registrations, SRT001, SRT002, SRT005, SRT014, the slot writes); each
    /// <c>Descendants()</c> is an iterator with a stack of child enumerators, built again for every pass and
    /// every subtree asked about. The static helpers that look into one local's writes (constant folding,
    /// change handlers, handler identity) still walk for themselves. One per compilation (kept by
    /// <c>SdkSymbols</c>), keyed by the tree's root.
    /// </remarks>
    internal sealed class OperationTrees
    {
        private readonly Memo<IOperation, Flat> trees = new Memo<IOperation, Flat>(capacity: 1024);

        /// <summary>The operations under <paramref name="operation"/>, in <c>Descendants()</c> order.</summary>
        public OperationSlice Descendants(IOperation operation) => Slice(operation, includeSelf: false);

        /// <summary><paramref name="operation"/> and the operations under it, in <c>DescendantsAndSelf()</c> order.</summary>
        public OperationSlice DescendantsAndSelf(IOperation operation) => Slice(operation, includeSelf: true);

        /// <summary>The root of the operation tree that holds <paramref name="operation"/> (a body or an initializer).</summary>
        public static IOperation RootOf(IOperation operation)
        {
            var root = operation;
            while (root.Parent != null)
            {
                root = root.Parent;
            }

            return root;
        }

        private OperationSlice Slice(IOperation operation, bool includeSelf)
        {
            var root = OperationTrees.RootOf(operation);

            if (!trees.TryGetValue(root, out var flat))
            {
                flat = Flat.Of(root);
                trees.Add(root, flat);
            }

            var start = ReferenceEquals(root, operation) ? 0 : flat.PositionOf(operation);
            if (start < 0)
            {
                // Not in the tree its parents lead to (cannot happen for an operation the driver gave):
                // the slice of nothing rather than a wrong one.
                return default;
            }

            return new OperationSlice(flat.Items, flat.Ends, includeSelf ? start : start + 1, flat.Ends[start]);
        }

        /// <summary>A tree in pre-order, with the end (exclusive) of each operation's subtree.</summary>
        private sealed class Flat
        {
            private Dictionary<IOperation, int>? positions;

            private Flat(IOperation[] items, int[] ends)
            {
                Items = items;
                Ends = ends;
            }

            public IOperation[] Items { get; }

            public int[] Ends { get; }

            public static Flat Of(IOperation root)
            {
                var items = new List<IOperation>();
                var ends = new List<int>();
                try
                {
                    new Flattener(items, ends).Visit(root);
                }
                catch (InsufficientExecutionStackException)
                {
                    // A tree too deep to walk recursively (a very long chain of + or ?.): walk it with a stack.
                    items.Clear();
                    ends.Clear();
                    FlattenWithStack(root, items, ends);
                }

                return new Flat(items.ToArray(), ends.ToArray());
            }

            /// <summary>Where <paramref name="operation"/> is in <see cref="Items"/>, or -1.</summary>
            public int PositionOf(IOperation operation)
            {
                var known = Volatile.Read(ref positions);
                if (known is null)
                {
                    known = new Dictionary<IOperation, int>(Items.Length);
                    for (var i = 0; i < Items.Length; i++)
                    {
                        known[Items[i]] = i;
                    }

                    known = Interlocked.CompareExchange(ref positions, known, null) ?? known;
                }

                return known.TryGetValue(operation, out var position) ? position : -1;
            }

            private static void FlattenWithStack(IOperation root, List<IOperation> items, List<int> ends)
            {
                // Each entry is an operation to open, or (when its position is set) one to close.
                var pending = new Stack<(IOperation Operation, int Position)>();
                pending.Push((root, -1));
                var children = new List<IOperation>();
                while (pending.Count > 0)
                {
                    var (operation, position) = pending.Pop();
                    if (position >= 0)
                    {
                        ends[position] = items.Count;
                        continue;
                    }

                    var index = items.Count;
                    items.Add(operation);
                    ends.Add(0);
                    pending.Push((operation, index));
                    children.Clear();
                    foreach (var child in operation.Children)
                    {
                        if (child != null)
                        {
                            children.Add(child);
                        }
                    }

                    for (var i = children.Count - 1; i >= 0; i--)
                    {
                        pending.Push((children[i], -1));
                    }
                }
            }
        }

        /// <summary>
        /// The host's walker visits children in the order <c>Descendants()</c> yields them, and without
        /// allocating (Roslyn 4 and later).
        /// </summary>
        private sealed class Flattener : OperationWalker
        {
            private readonly List<IOperation> items;
            private readonly List<int> ends;

            public Flattener(List<IOperation> items, List<int> ends)
            {
                this.items = items;
                this.ends = ends;
            }

            public override void Visit(IOperation? operation)
            {
                if (operation is null)
                {
                    return;
                }

                var index = items.Count;
                items.Add(operation);
                ends.Add(0);
                base.Visit(operation);
                ends[index] = items.Count;
            }
        }
    }

    /// <summary>A run of a flattened tree, enumerated without allocating.</summary>
    internal readonly struct OperationSlice
    {
        private readonly IOperation[]? items;
        private readonly int[]? ends;
        private readonly int start;
        private readonly int end;

        public OperationSlice(IOperation[] items, int[] ends, int start, int end)
        {
            this.items = items;
            this.ends = ends;
            this.start = start;
            this.end = end;
        }

        public Enumerator GetEnumerator() => new Enumerator(items, ends, start, end);

        /// <summary>
        /// Walks the run in order; <see cref="Position"/> and <see cref="SubtreeEnd"/> tell a walk that keeps
        /// state per subtree (the local function an operation is in) where the current subtree ends.
        /// </summary>
        public struct Enumerator
        {
            private readonly IOperation[]? items;
            private readonly int[]? ends;
            private readonly int end;
            private int index;

            public Enumerator(IOperation[]? items, int[]? ends, int start, int end)
            {
                this.items = items;
                this.ends = ends;
                this.end = end;
                index = start - 1;
            }

            public IOperation Current => items![index];

            /// <summary>The current operation's place in its tree.</summary>
            public int Position => index;

            /// <summary>The first place after the current operation's subtree.</summary>
            public int SubtreeEnd => ends![index];

            public bool MoveNext() => ++index < end;
        }
    }
}
