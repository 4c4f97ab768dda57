using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using SupabaseRealtime.Analyzers.Infrastructure;
using Xunit;

namespace SupabaseRealtime.Analyzers.Tests.Model
{
    /// <summary>The lock-free memo the rules share per compilation.</summary>
    public class MemoTests
    {
        [Fact]
        public void A_value_added_is_found_by_its_key_and_only_by_it()
        {
            var memo = new Memo<object, int>(capacity: 4);
            var key = new object();
            Assert.False(memo.TryGetValue(key, out _));

            memo.Add(key, 7);

            Assert.True(memo.TryGetValue(key, out var value));
            Assert.Equal(7, value);
            Assert.False(memo.TryGetValue(new object(), out _));
        }

        [Fact]
        public void Without_a_comparer_keys_are_compared_by_identity_and_with_one_by_it()
        {
            var byIdentity = new Memo<string, int>(capacity: 4);
            var byValue = new Memo<string, int>(capacity: 4, StringComparer.Ordinal);
            var first = new string('a', 3);
            var equal = new string('a', 3);
            byIdentity.Add(first, 1);
            byValue.Add(first, 1);

            Assert.False(byIdentity.TryGetValue(equal, out _));
            Assert.True(byValue.TryGetValue(equal, out var value));
            Assert.Equal(1, value);
        }

        [Fact]
        public void The_table_grows_past_its_capacity_and_keeps_what_it_held()
        {
            var memo = new Memo<object, int>(capacity: 4);
            var keys = Enumerable.Range(0, 5000).Select(_ => new object()).ToList();
            for (var i = 0; i < keys.Count; i++)
            {
                memo.Add(keys[i], i);
            }

            // Single-threaded, nothing is lost: every key is still there with its value.
            for (var i = 0; i < keys.Count; i++)
            {
                Assert.True(memo.TryGetValue(keys[i], out var value), $"key {i}");
                Assert.Equal(i, value);
            }
        }

        [Fact]
        public void Concurrent_adds_never_give_a_wrong_value()
        {
            var memo = new Memo<object, int>(capacity: 4);
            var keys = Enumerable.Range(0, 20000).Select(_ => new object()).ToArray();
            var misses = 0;
            Parallel.For(0, 8, worker =>
            {
                for (var i = worker; i < keys.Length; i += 8)
                {
                    memo.Add(keys[i], i);
                }
            });

            // An add may be lost while the table grows (the value is computed again); a found value is always right.
            for (var i = 0; i < keys.Length; i++)
            {
                if (memo.TryGetValue(keys[i], out var value))
                {
                    Assert.Equal(i, value);
                }
                else
                {
                    misses++;
                }
            }

            Assert.True(misses < keys.Length / 2, $"{misses} of {keys.Length} lost");
        }
    }
}
