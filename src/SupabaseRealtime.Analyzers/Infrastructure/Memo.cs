using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;

namespace SupabaseRealtime.Analyzers.Infrastructure
{
    /// <summary>
    /// A best-effort memo for values that are cheap to compute again and always come out the same:
    /// lookups and adds never take a lock, and an add may be lost while the table grows (the value
    /// is then computed again). Keys are compared by identity unless a comparer is given (symbols
    /// need one: the public symbol of a type with a nullable annotation is a new object each time).
    /// </summary>
    /// <remarks>
    /// The rules of one compilation run on several threads at once and each asks the same questions
    /// (does this body touch the SDK, is this type related to it, is this tree generated) for every
    /// body, type and tree; a <see cref="System.Collections.Concurrent.ConcurrentDictionary{TKey, TValue}"/>
    /// takes a lock on every add, and the profile showed threads spinning on those locks. Open
    /// addressing with compare-and-swap on the slots needs none.
    /// </remarks>
    internal sealed class Memo<TKey, TValue>
        where TKey : class
    {
        private const int MaxProbes = 8;

        /// <summary>Past this size the table stops growing; later keys are computed every time.</summary>
        private const int MaxSlots = 1 << 22;

        private readonly IEqualityComparer<TKey>? comparer;
        private Entry?[] slots;
        private int count;

        public Memo(int capacity, IEqualityComparer<TKey>? comparer = null)
        {
            this.comparer = comparer;
            var size = 16;
            while (size < capacity * 2 && size < MaxSlots)
            {
                size <<= 1;
            }

            slots = new Entry?[size];
        }

        public bool TryGetValue(TKey key, out TValue value)
        {
            var table = Volatile.Read(ref slots);
            var mask = table.Length - 1;
            var index = Hash(key) & mask;
            for (var probe = 0; probe < MaxProbes; probe++)
            {
                var entry = Volatile.Read(ref table[(index + probe) & mask]);
                if (entry is null)
                {
                    break;
                }

                if (Same(entry.Key, key))
                {
                    value = entry.Value;
                    return true;
                }
            }

            value = default!;
            return false;
        }

        public void Add(TKey key, TValue value)
        {
            var entry = new Entry(key, value);
            for (var attempt = 0; attempt < 4; attempt++)
            {
                var table = Volatile.Read(ref slots);
                switch (TryInsert(table, entry))
                {
                    case Insertion.Inserted:
                        if (Interlocked.Increment(ref count) > table.Length / 2)
                        {
                            Grow(table);
                        }

                        return;
                    case Insertion.Present:
                        return;
                    default:
                        // Every probed slot is taken by other keys: a bigger table spreads them out.
                        if (!Grow(table))
                        {
                            return;
                        }

                        break;
                }
            }
        }

        private Insertion TryInsert(Entry?[] table, Entry entry)
        {
            var mask = table.Length - 1;
            var index = Hash(entry.Key) & mask;
            for (var probe = 0; probe < MaxProbes; probe++)
            {
                var existing = Interlocked.CompareExchange(ref table[(index + probe) & mask], entry, null);
                if (existing is null)
                {
                    return Insertion.Inserted;
                }

                if (Same(existing.Key, entry.Key))
                {
                    return Insertion.Present;
                }
            }

            return Insertion.Full;
        }

        /// <summary>
        /// Replaces <paramref name="table"/> with a bigger copy; false when the table is at its largest.
        /// Adds to the old table while it is copied may be lost (their values are computed again).
        /// </summary>
        private bool Grow(Entry?[] table)
        {
            if (table.Length >= MaxSlots)
            {
                return false;
            }

            if (!ReferenceEquals(Volatile.Read(ref slots), table))
            {
                // Another thread grew it already.
                return true;
            }

            var size = table.Length * 2;
            while (true)
            {
                var bigger = new Entry?[size];
                var copied = 0;
                var fits = true;
                for (var i = 0; i < table.Length && fits; i++)
                {
                    var entry = Volatile.Read(ref table[i]);
                    if (entry != null)
                    {
                        fits = TryInsert(bigger, entry) != Insertion.Full;
                        copied++;
                    }
                }

                if (!fits && size < MaxSlots)
                {
                    size *= 2;
                    continue;
                }

                if (ReferenceEquals(Interlocked.CompareExchange(ref slots, bigger, table), table))
                {
                    Volatile.Write(ref count, copied);
                }

                return true;
            }
        }

        private int Hash(TKey key) => comparer is null ? RuntimeHelpers.GetHashCode(key) : comparer.GetHashCode(key);

        private bool Same(TKey stored, TKey key) => ReferenceEquals(stored, key) || (comparer != null && comparer.Equals(stored, key));

        private enum Insertion
        {
            Inserted,
            Present,
            Full,
        }

        private sealed class Entry
        {
            public Entry(TKey key, TValue value)
            {
                Key = key;
                Value = value;
            }

            public TKey Key { get; }

            public TValue Value { get; }
        }
    }
}
