using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>A control flow graph together with the semantic model its operations come from.</summary>
    internal readonly struct FlowGraph
    {
        public FlowGraph(ControlFlowGraph graph, SemanticModel model)
        {
            Graph = graph;
            Model = model;
        }

        public ControlFlowGraph Graph { get; }

        public SemanticModel Model { get; }
    }

    /// <summary>
    /// Control flow graphs of source methods and of the operation blocks registrations sit in, found once per pass.
    /// The graphs themselves are the compilation's (<see cref="SdkSymbols.GraphOf"/>): a body another rule asked for
    /// is not built again. Lives for one analysis pass (e.g. one symbol-end action); not shared across threads' passes.
    /// </summary>
    internal sealed class MethodGraphs
    {
        private readonly SdkSymbols sdk;
        private readonly ConcurrentDictionary<SyntaxTree, SemanticModel> knownModels;
        private readonly CancellationToken cancellationToken;
        private readonly Dictionary<IMethodSymbol, FlowGraph?> methods = new Dictionary<IMethodSymbol, FlowGraph?>(SymbolEqualityComparer.Default);
        private readonly Dictionary<IOperation, FlowGraph?> roots = new Dictionary<IOperation, FlowGraph?>();

        /// <param name="sdk">The compilation's SDK symbols, which hold its graphs.</param>
        /// <param name="knownModels">Semantic models the analyzer already holds, by tree (the ones its callbacks were handed).</param>
        /// <param name="cancellationToken">Cancels graph construction.</param>
        public MethodGraphs(SdkSymbols sdk, ConcurrentDictionary<SyntaxTree, SemanticModel> knownModels, CancellationToken cancellationToken)
        {
            this.sdk = sdk;
            this.knownModels = knownModels;
            this.cancellationToken = cancellationToken;
        }

        /// <summary>The graph of the operation block that contains <paramref name="operation"/>.</summary>
        public FlowGraph? ForBlockOf(IOperation operation)
        {
            var root = OperationTrees.RootOf(operation);

            if (roots.TryGetValue(root, out var cached))
            {
                return cached;
            }

            FlowGraph? result = null;
            var model = root.SemanticModel;
            var graph = model is null ? null : Create(root);
            if (graph != null && model != null)
            {
                result = new FlowGraph(graph, model);
            }

            roots[root] = result;
            return result;
        }

        /// <summary>The graph of a source method's body, or null (no body in source, or not a method this can read).</summary>
        public FlowGraph? ForMethod(IMethodSymbol method)
        {
            method = method.PartialImplementationPart ?? method.OriginalDefinition;
            if (methods.TryGetValue(method, out var cached))
            {
                return cached;
            }

            FlowGraph? result = null;
            foreach (var reference in method.DeclaringSyntaxReferences)
            {
                var syntax = reference.GetSyntax(cancellationToken);
                if (!(syntax is BaseMethodDeclarationSyntax declaration) || (declaration.Body is null && declaration.ExpressionBody is null))
                {
                    continue;
                }

                var model = ModelFor(syntax.SyntaxTree);
                if (model?.GetOperation(declaration, cancellationToken) is IMethodBodyOperation body && Create(body) is { } graph)
                {
                    result = new FlowGraph(graph, model);
                    break;
                }
            }

            methods[method] = result;
            return result;
        }

        /// <summary>
        /// The model a callback handed us for <paramref name="tree"/>. A method declared in a file no callback covered
        /// (a method group naming another type's method in another file) is unknown: analyzers do not create semantic
        /// models of their own (RS1030), and unknown never reports.
        /// </summary>
        private SemanticModel? ModelFor(SyntaxTree tree) => knownModels.TryGetValue(tree, out var model) ? model : null;

        private ControlFlowGraph? Create(IOperation root) => sdk.GraphOf(root, cancellationToken);

        /// <summary>The graph of a flow root (a body or an initializer: the same graph an analysis context gives for it), or null for anything else.</summary>
        public static ControlFlowGraph? CreateGraph(IOperation root, CancellationToken cancellationToken)
        {
            switch (root)
            {
                case IMethodBodyOperation body:
                    return ControlFlowGraph.Create(body, cancellationToken);
                case IConstructorBodyOperation constructor:
                    return ControlFlowGraph.Create(constructor, cancellationToken);
                case IBlockOperation block:
                    return ControlFlowGraph.Create(block, cancellationToken);
                case IFieldInitializerOperation field:
                    return ControlFlowGraph.Create(field, cancellationToken);
                case IPropertyInitializerOperation property:
                    return ControlFlowGraph.Create(property, cancellationToken);
                case IParameterInitializerOperation parameter:
                    return ControlFlowGraph.Create(parameter, cancellationToken);
                default:
                    return null;
            }
        }
    }
}
