using System.Linq;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;
using Xunit;

namespace SupabaseRealtime.Analyzers.Tests.Model
{
    /// <summary>
    /// The one flat walk of an operation tree (<see cref="OperationTrees"/>) must hand every pass the
    /// operations <c>Descendants()</c> would, in the same order, for a whole body and for any subtree.
    /// </summary>
    public class OperationTreesTests
    {
        private static IOperation BodyOf(string source, string method)
        {
            var tree = CSharpSyntaxTree.ParseText(source);
            var compilation = CSharpCompilation.Create("T", new[] { tree }, new[] { MetadataReference.CreateFromFile(typeof(object).Assembly.Location) },
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
            var declaration = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.ValueText == method);
            return compilation.GetSemanticModel(tree).GetOperation(declaration)!;
        }

        private static IOperation[] Read(OperationSlice slice)
        {
            var read = new System.Collections.Generic.List<IOperation>();
            foreach (var operation in slice)
            {
                read.Add(operation);
            }

            return read.ToArray();
        }

        private const string Feed = """
            using System;
            using System.Collections.Generic;

            public class Feed
            {
                private readonly List<string> _seen = new List<string>();

                public int Apply(string[] rows, Func<string, bool> keep)
                {
                    var kept = 0;
                    foreach (var row in rows)
                    {
                        if (keep(row) && !_seen.Contains(row))
                        {
                            _seen.Add(row);
                            kept++;
                        }
                    }

                    int Twice(int value) => value * 2;
                    Action<string> log = text => _seen.Add($"[{text}]");
                    log(kept.ToString());
                    return Twice(kept);
                }
            }
            """;

        [Fact]
        public void A_body_is_read_in_the_order_Descendants_gives()
        {
            var body = BodyOf(Feed, "Apply");
            var trees = new OperationTrees();
            Assert.Equal(body.Descendants().ToArray(), Read(trees.Descendants(body)));
            Assert.Equal(body.DescendantsAndSelf().ToArray(), Read(trees.DescendantsAndSelf(body)));
        }

        [Fact]
        public void Every_subtree_is_the_run_of_its_own_operations()
        {
            var body = BodyOf(Feed, "Apply");
            var trees = new OperationTrees();
            var inner = body.Descendants().ToArray();
            Assert.Contains(inner, o => o is IForEachLoopOperation);
            Assert.Contains(inner, o => o is ILocalFunctionOperation);
            Assert.Contains(inner, o => o is IAnonymousFunctionOperation);
            foreach (var operation in inner)
            {
                Assert.Equal(operation.Descendants().ToArray(), Read(trees.Descendants(operation)));
                Assert.Equal(operation.DescendantsAndSelf().ToArray(), Read(trees.DescendantsAndSelf(operation)));
            }
        }

        [Fact]
        public void The_enumerator_tells_where_each_subtree_ends()
        {
            var body = BodyOf(Feed, "Apply");
            var trees = new OperationTrees();
            var all = Read(trees.DescendantsAndSelf(body));
            var walk = trees.DescendantsAndSelf(body).GetEnumerator();
            while (walk.MoveNext())
            {
                var size = walk.Current.DescendantsAndSelf().Count();
                Assert.Equal(walk.Position + size, walk.SubtreeEnd);
                Assert.Same(walk.Current, all[walk.Position]);
            }
        }

        [Fact]
        public void A_tree_too_deep_to_walk_recursively_is_still_read_whole_and_in_order()
        {
            // 20,000 additions nest 20,000 binary operations: deeper than a recursive walk on a small stack allows.
            var sum = new StringBuilder("public class Deep { public int Total(int x) { return x");
            for (var i = 0; i < 20000; i++)
            {
                sum.Append(" + x");
            }

            sum.Append("; } }");
            var body = BodyOf(sum.ToString(), "Total");
            var expected = body.Descendants().ToArray();

            // On a thread with a small stack, so that the recursive walk runs out of it whatever the host's default.
            IOperation[]? read = null;
            var thread = new System.Threading.Thread(() => read = Read(new OperationTrees().Descendants(body)), maxStackSize: 256 * 1024);
            thread.Start();
            thread.Join();
            Assert.True(expected.Length > 40000);
            Assert.Equal(expected, read);
        }

        [Fact]
        public void An_empty_slice_reads_nothing()
        {
            Assert.Empty(Read(default));
        }
    }
}
