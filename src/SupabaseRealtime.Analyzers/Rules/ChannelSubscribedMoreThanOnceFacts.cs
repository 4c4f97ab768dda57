using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Model;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Rules
{
    /// <summary>SRT002's facts: what each body of a type does with its channels, collected block by block for the judge.</summary>
    internal sealed partial class ChannelSubscribedMoreThanOnceAnalyzer
    {
        private enum FactKind
        {
            Subscribe,
            Definition,
            Release,
            Disconnect,
            Call,
            Registration,

            /// <summary>A postgres_changes registration the join message carries: <c>Register(PostgresChangesOptions)</c> or (7.4+) <c>OnPostgresChange(...)</c>.</summary>
            JoinRegistration,
        }

        /// <summary>One thing a body does that the rule cares about, and where it happens in the body's flow.</summary>
        private sealed class Fact
        {
            public Fact(FactKind kind, IOperation operation, SyntaxNode syntax, ISymbol owner)
            {
                Kind = kind;
                Operation = operation;
                Syntax = syntax;
                Owner = owner;
            }

            public FactKind Kind { get; }

            public IOperation Operation { get; }

            /// <summary>The syntax whose flow point places the fact.</summary>
            public SyntaxNode Syntax { get; }

            /// <summary>Another syntax to try when <see cref="Syntax"/> has no flow point.</summary>
            public SyntaxNode? FallbackSyntax { get; set; }

            /// <summary>The member or local function whose code this is (lambdas count as their enclosing code).</summary>
            public ISymbol Owner { get; }

            /// <summary>The local, parameter, field or property: the Subscribe/Release receiver or the Definition target.</summary>
            public ISymbol? Slot { get; set; }

            /// <summary>The channel expression (Subscribe/Release/Registration), unwrapped.</summary>
            public IOperation? Channel { get; set; }

            /// <summary>The <c>Channel(...)</c> origin of <see cref="Channel"/> (a direct call) or of a Definition's value.</summary>
            public ChannelOrigin? Origin { get; set; }

            /// <summary>Definition: the value written is known (an assignment or initializer, not <c>??=</c>, <c>out</c>, a pattern...).</summary>
            public bool HasValue { get; set; }

            public IMethodSymbol? Callee { get; set; }

            public IOperation? Handler { get; set; }

            public ChannelHandlerKind HandlerKind { get; set; }

            /// <summary>JoinRegistration: the schema, table, event and filter it registers (unknown unless all constant).</summary>
            public PostgresBinding? Binding { get; set; }

            public int Order { get; set; } = -1;

            public FlowPoint Point { get; set; }

            public bool IsLocated => Order >= 0;

            public int Position => Syntax.SpanStart;
        }

        /// <summary>One operation block: its facts, and the call order of each of its bodies (root, lambdas, local functions).</summary>
        private sealed class Body
        {
            public Body(IOperation root, List<Fact> facts, List<CallOrder> orders, List<SyntaxNode> orderSyntax)
            {
                Root = root;
                Facts = facts;
                Orders = orders;
                OrderSyntax = orderSyntax;
            }

            public IOperation Root { get; }

            public List<Fact> Facts { get; }

            public List<CallOrder> Orders { get; }

            /// <summary>The syntax of each order's body: the method, lambda or local function.</summary>
            public List<SyntaxNode> OrderSyntax { get; }

            /// <summary>
            /// The body has a graph to build but its one Subscribe() can only be judged as a handler retry
            /// (no other Subscribe(), no loop, no registration in the body): built at the end of the type, if needed.
            /// </summary>
            public bool GraphPending { get; set; }

            /// <summary>True when order <paramref name="inner"/> is a lambda or local function inside order <paramref name="outer"/>.</summary>
            public bool IsNestedIn(int inner, int outer)
                => inner != outer && inner >= 0 && outer >= 0
                    && OrderSyntax[outer].SyntaxTree == OrderSyntax[inner].SyntaxTree
                    && OrderSyntax[outer].Span.Contains(OrderSyntax[inner].Span);
        }

        /// <summary>What calling a method of the type (or a local function) may release.</summary>
        private sealed class Effects
        {
            public HashSet<ISymbol> Released { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            public HashSet<IMethodSymbol> Callees { get; } = new HashSet<IMethodSymbol>(SymbolEqualityComparer.Default);

            /// <summary>Releases a channel it cannot name (an unknown expression, a local, Disconnect()).</summary>
            public bool ReleasesAny { get; set; }
        }

        /// <summary>A decision for one Subscribe().</summary>
        private readonly struct Finding
        {
            public Finding(string channel, string reason, string? fix, string? first)
            {
                Channel = channel;
                Reason = reason;
                Fix = fix;
                First = first;
            }

            public string Channel { get; }

            public string Reason { get; }

            public string? Fix { get; }

            public string? First { get; }
        }

        /// <summary>A body that does not reference the SDK, kept to be walked only if the type turns out to subscribe.</summary>
        private sealed class DeferredBody
        {
            public DeferredBody(IOperation root, ISymbol owner)
            {
                Root = root;
                Owner = owner;
            }

            public IOperation Root { get; }

            public ISymbol Owner { get; }
        }

        /// <summary>The facts of one type, gathered per operation block and judged at the end of the type.</summary>
        /// <remarks>
        /// A body that does not reference the SDK has no Subscribe() and never gets a graph; all it can add
        /// are calls to the type's own methods and writes to <c>object</c>-typed slots, which matter only
        /// when some other body subscribes. Such bodies are only kept (one small node each) and walked at
        /// the end of the type, and only when the type has a Subscribe().
        /// </remarks>
        private sealed partial class TypeFacts
        {
            private readonly INamedTypeSymbol type;
            private readonly SdkSymbols sdk;
            private readonly PushList<Body> bodies = new PushList<Body>();
            private readonly PushList<DeferredBody> deferred = new PushList<DeferredBody>();

            public TypeFacts(INamedTypeSymbol type, SdkSymbols sdk)
            {
                this.type = type;
                this.sdk = sdk;
            }

            /// <summary>Gathers the facts of one member of the type (the caller checked that it belongs to the type).</summary>
            public void Add(OperationBlockAnalysisContext context)
            {
                var owner = context.OwningSymbol;

                // The blocks are bodies (and initializers) under one root per member: the method body operation.
                var blocks = context.OperationBlocks;
                for (var i = 0; i < blocks.Length; i++)
                {
                    if (!BodyOrders.TryGetNewRoot(blocks, i, out var root))
                    {
                        continue;
                    }

                    if (!sdk.ReferencesSdk(root))
                    {
                        deferred.Push(new DeferredBody(root, owner));
                        continue;
                    }

                    var facts = new List<Fact>();
                    Visit(root, owner, facts);
                    if (facts.Count == 0)
                    {
                        continue;
                    }

                    var body = new Body(root, facts, new List<CallOrder>(), new List<SyntaxNode>());
                    if (HasSubscribe(facts) && IsFlowRoot(root) && sdk.CallsSdk(root))
                    {
                        if (MayBeJudgedWithoutOtherBodies(facts, root, sdk))
                        {
                            if (sdk.GraphOf(root, context.CancellationToken) is { } graph)
                            {
                                LocateFacts(body, graph, sdk);
                            }
                        }
                        else
                        {
                            body.GraphPending = true;
                        }
                    }

                    bodies.Push(body);
                }
            }

            /// <summary>Builds the call order of the body and of its lambdas and local functions that hold a Subscribe(), and places the facts.</summary>
            private static void LocateFacts(Body body, ControlFlowGraph graph, SdkSymbols sdk)
            {
                var facts = body.Facts;

                // Lambdas and local functions get a graph only when a Subscribe() sits inside them.
                foreach (var nested in CallOrder.WithNestedBodies(graph, function => ContainsSubscribe(function, facts)))
                {
                    var order = sdk.OrderOf(nested);
                    if (order != null)
                    {
                        body.Orders.Add(order);
                        body.OrderSyntax.Add(nested.OriginalOperation.Syntax);
                    }
                }

                Locate(facts, body.Orders);
            }

            /// <summary>
            /// False when the body's Subscribe() can only be reported as a retry from a handler registered
            /// elsewhere in the type: it is the body's only Subscribe(), it is in no loop (and the body has no
            /// <c>goto</c>), and the body registers no handler. Such a Subscribe() has no peer to repeat and
            /// no cycle to run again in, so its graph is needed only when the type registers a method as a handler.
            /// </summary>
            private static bool MayBeJudgedWithoutOtherBodies(List<Fact> facts, IOperation root, SdkSymbols sdk)
            {
                Fact? subscribe = null;
                foreach (var fact in facts)
                {
                    switch (fact.Kind)
                    {
                        case FactKind.Registration:
                            return true;
                        case FactKind.Subscribe:
                            if (subscribe != null)
                            {
                                return true;
                            }

                            subscribe = fact;
                            break;
                    }
                }

                if (subscribe is null)
                {
                    return true;
                }

                for (var node = subscribe.Syntax.Parent; node != null && node != root.Syntax.Parent; node = node.Parent)
                {
                    if (node is WhileStatementSyntax || node is DoStatementSyntax || node is ForStatementSyntax || node is CommonForEachStatementSyntax)
                    {
                        return true;
                    }
                }

                // A goto (goto label, goto case, goto default) is a branch operation of its own kind; the
                // body's operations are already flattened, a syntax walk would build every red node again.
                foreach (var operation in sdk.Operations.Descendants(root))
                {
                    if (operation.Kind == OperationKind.Branch && ((IBranchOperation)operation).BranchKind == BranchKind.GoTo)
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool HasSubscribe(List<Fact> facts)
            {
                foreach (var fact in facts)
                {
                    if (fact.Kind == FactKind.Subscribe)
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool ContainsSubscribe(SyntaxNode function, List<Fact> facts)
            {
                foreach (var fact in facts)
                {
                    if (fact.Kind == FactKind.Subscribe && fact.Syntax.SyntaxTree == function.SyntaxTree && function.Span.Contains(fact.Syntax.Span))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool IsFlowRoot(IOperation root)
                => root is IMethodBodyOperation || root is IConstructorBodyOperation || root is IBlockOperation
                    || root is IFieldInitializerOperation || root is IPropertyInitializerOperation;

            private static void Locate(List<Fact> facts, List<CallOrder> orders)
            {
                foreach (var fact in facts)
                {
                    if (!TryLocate(fact.Syntax, orders, fact) && fact.FallbackSyntax != null)
                    {
                        TryLocate(fact.FallbackSyntax, orders, fact);
                    }
                }
            }

            private static bool TryLocate(SyntaxNode syntax, List<CallOrder> orders, Fact fact)
            {
                for (var i = 0; i < orders.Count; i++)
                {
                    if (orders[i].TryGetPoint(syntax, out var point))
                    {
                        fact.Order = i;
                        fact.Point = point;
                        return true;
                    }
                }

                return false;
            }

            // ---- Gathering ----------------------------------------------------------------------

            public void Report(SymbolAnalysisContext context, SdkCompilation compilation)
            {
                // Only a type with a Subscribe() can report; Subscribe() facts come from bodies that reference the SDK.
                var all = new List<Body>();
                var subscribes = false;
                foreach (var body in bodies.NewestFirst())
                {
                    all.Add(body);
                    subscribes = subscribes || HasSubscribe(body.Facts);
                }

                if (!subscribes)
                {
                    return;
                }

                // The bodies that do not reference the SDK: their calls to the type's own methods and writes to
                // object-typed slots. They never get a graph (they call nothing of the SDK), as before.
                foreach (var kept in deferred.NewestFirst())
                {
                    context.CancellationToken.ThrowIfCancellationRequested();
                    var facts = new List<Fact>();
                    Visit(kept.Root, kept.Owner, facts);
                    if (facts.Count > 0)
                    {
                        all.Add(new Body(kept.Root, facts, new List<CallOrder>(), new List<SyntaxNode>()));
                    }
                }

                LocatePending(all, sdk, context.CancellationToken);
                all.Sort((a, b) => ComparePosition(a.Root.Syntax, b.Root.Syntax));
                var judge = new Judge(type, all);
                if (!judge.HasSubscribe)
                {
                    return;
                }

                var findings = new Dictionary<SyntaxNode, Finding>();
                judge.FindHandlerRetries(findings, context.CancellationToken);
                foreach (var body in all)
                {
                    foreach (var fact in body.Facts)
                    {
                        context.CancellationToken.ThrowIfCancellationRequested();
                        if (fact.Kind == FactKind.Subscribe && fact.IsLocated && !findings.ContainsKey(fact.Syntax)
                            && judge.TryJudge(body, fact) is Finding finding)
                        {
                            findings[fact.Syntax] = finding;
                        }
                    }
                }

                foreach (var pair in findings)
                {
                    var properties = ImmutableDictionary<string, string>.Empty;
                    if (pair.Value.Fix != null)
                    {
                        properties = properties.Add(FixProperty, pair.Value.Fix);
                        if (pair.Value.First != null)
                        {
                            properties = properties.Add(FirstProperty, pair.Value.First);
                        }
                    }

                    var diagnostic = Diagnostic.Create(
                        Descriptors.SRT002,
                        pair.Key.GetLocation(),
                        properties,
                        pair.Value.Channel,
                        pair.Value.Reason);
                    compilation.Scope.Report(context.ReportDiagnostic, diagnostic);
                }
            }

            /// <summary>
            /// The graphs put off by <see cref="MayBeJudgedWithoutOtherBodies"/>: needed only when a handler
            /// registered in the type is a method (whose body may hold such a Subscribe()).
            /// </summary>
            private static void LocatePending(List<Body> all, SdkSymbols sdk, CancellationToken cancellationToken)
            {
                var methodHandlers = false;
                foreach (var body in all)
                {
                    foreach (var fact in body.Facts)
                    {
                        if (fact.Kind == FactKind.Registration
                            && ChannelCalls.TryGetHandlerTarget(fact.Handler, out _, out var method) && method != null)
                        {
                            methodHandlers = true;
                        }
                    }
                }

                if (!methodHandlers)
                {
                    return;
                }

                foreach (var body in all)
                {
                    if (body.GraphPending)
                    {
                        body.GraphPending = false;
                        var graph = sdk.GraphOf(body.Root, cancellationToken);
                        if (graph != null)
                        {
                            LocateFacts(body, graph, sdk);
                        }
                    }
                }
            }

            private static int ComparePosition(SyntaxNode a, SyntaxNode b)
            {
                var byPath = string.CompareOrdinal(a.SyntaxTree.FilePath, b.SyntaxTree.FilePath);
                return byPath != 0 ? byPath : a.SpanStart.CompareTo(b.SpanStart);
            }
        }
    }
}
