using System.Collections.Generic;
using System.Threading;

namespace SupabaseRealtime.Analyzers.Infrastructure
{
    /// <summary>
    /// A lock-free list for per-type facts: operation-block callbacks of one type push concurrently
    /// (one small node each, no lock), and the type's symbol-end action reads it once every push is done.
    /// </summary>
    internal sealed class PushList<T>
        where T : class
    {
        private Node? head;

        /// <summary>True when nothing was pushed.</summary>
        public bool IsEmpty => Volatile.Read(ref head) is null;

        public void Push(T value)
        {
            while (true)
            {
                var current = Volatile.Read(ref head);
                if (Interlocked.CompareExchange(ref head, new Node(value, current), current) == current)
                {
                    return;
                }
            }
        }

        /// <summary>Drops every value (so what they hold can be collected once the type is done).</summary>
        public void Clear() => Volatile.Write(ref head, null);

        /// <summary>The values, newest first (no allocation beyond the enumerator).</summary>
        public IEnumerable<T> NewestFirst()
        {
            for (var node = Volatile.Read(ref head); node != null; node = node.Next)
            {
                yield return node.Value;
            }
        }

        /// <summary>The values in the order they were pushed.</summary>
        public List<T> InOrder()
        {
            var values = new List<T>(NewestFirst());
            values.Reverse();
            return values;
        }

        private sealed class Node
        {
            public Node(T value, Node? next)
            {
                Value = value;
                Next = next;
            }

            public T Value { get; }

            public Node? Next { get; }
        }
    }
}
