using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Model;

namespace SupabaseRealtime.Analyzers.Rules
{
    /// <summary>
    /// SRT003: inside a postgres change handler that can receive INSERT events, a call to <c>Update</c>/<c>UpdateAsync</c>
    /// on a receiver that also offers an insert-or-update method accepting the same arguments (<c>Upsert</c>,
    /// <c>InsertOrReplace</c>, <c>AddOrUpdate</c>, <c>Put</c>, or configured pairs).
    /// </summary>
    /// <remarks>
    /// Runs per type: registrations are collected from the type's own operations, and at the type's end each
    /// handler's code is walked on control flow graphs, its lambdas, local functions and private/internal helpers
    /// included, skipping branches INSERT events cannot reach. A call reached from several
    /// handlers is reported once: for the first handler in source order within a type, and by the first type to get
    /// there when handlers of several types reach it.
    /// </remarks>
    internal sealed class UpdateInsteadOfUpsertAnalyzer : SdkRule
    {
        /// <summary>The diagnostic property that carries the counterpart's name for the code fix.</summary>
        public const string CounterpartProperty = "Counterpart";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SRT003);

        protected override void Register(CompilationStartAnalysisContext context, SdkCompilation compilation)
        {
            var handlers = ChangeHandlers.Create(compilation.Sdk);
            if (handlers is null)
            {
                return;
            }

            var state = new CompilationState(compilation, handlers, new ChangeEventConditions(compilation.Sdk));
            compilation.Types.Add(context, start => OnTypeStart(start, state));
        }

        private static void OnTypeStart(TypeStart start, CompilationState state)
        {
            // Each type, nested ones included, gets its own pass over its own members. This runs for every type of
            // the compilation, and the callback below for every invocation: nothing is allocated until something is
            // found, symbols are checked before the tree, and the tree's facts are kept for the next operation.
            var type = start.Symbol as INamedTypeSymbol;
            ConcurrentQueue<ChangeHandler>? registrations = null;
            ConcurrentDictionary<SyntaxTree, SemanticModel>? models = null;
            TreeFacts? lastTree = null;
            var updateCalls = 0;
            start.RegisterOperationAction(
                context =>
                {
                    var operation = context.Operation;
                    var name = operation is IInvocationOperation invocation ? invocation.TargetMethod?.Name : null;
                    var isHandler = state.Handlers.TryGetHandler(operation, out var handler)
                        && handler.CanReceive(ChangeEvents.Insert)
                        && handler.HasKnownTarget;
                    if (name is null && !isHandler)
                    {
                        return;
                    }

                    var tree = operation.Syntax.SyntaxTree;
                    var facts = Volatile.Read(ref lastTree);
                    if (facts is null || facts.Tree != tree)
                    {
                        facts = new TreeFacts(tree, state);
                        Volatile.Write(ref lastTree, facts);
                    }

                    if (facts.Methods is null)
                    {
                        // Not analyzed (generated code).
                        return;
                    }

                    // The models of the trees holding registrations and update-style calls: the graphs are built from them.
                    if (name != null && facts.Methods.IsUpdateName(name))
                    {
                        Interlocked.Increment(ref updateCalls);
                        Remember(operation, tree);
                    }

                    if (isHandler)
                    {
                        Remember(operation, tree);
                        LazyInitializer.EnsureInitialized(ref registrations, () => new ConcurrentQueue<ChangeHandler>())!.Enqueue(handler);
                    }
                },
                OperationKind.Invocation,
                OperationKind.EventAssignment);

            void Remember(IOperation operation, SyntaxTree tree)
            {
                if (operation.SemanticModel is SemanticModel model)
                {
                    LazyInitializer.EnsureInitialized(ref models, () => new ConcurrentDictionary<SyntaxTree, SemanticModel>())!.TryAdd(tree, model);
                }
            }

            start.RegisterSymbolEndAction(context =>
            {
                // Nothing to find when no handler can receive INSERT events, or when the handlers' code all lives in
                // this type and this type calls no update-style method.
                var found = Volatile.Read(ref registrations);
                if (found is null
                    || found.IsEmpty
                    || (Volatile.Read(ref updateCalls) == 0 && found.All(h => IsOwnCode(h, type))))
                {
                    return;
                }

                AnalyzeHandlers(context, state, found, Volatile.Read(ref models) ?? new ConcurrentDictionary<SyntaxTree, SemanticModel>());
            });
        }

        /// <summary>What the per-operation callback needs of a tree: whether it is analyzed, and its update/upsert pairs.</summary>
        private sealed class TreeFacts
        {
            public TreeFacts(SyntaxTree tree, CompilationState state)
            {
                Tree = tree;
                Methods = state.Compilation.Scope.ShouldAnalyze(tree) ? state.MethodsFor(tree) : null;
            }

            public SyntaxTree Tree { get; }

            /// <summary>The tree's pairs; null when the tree is not analyzed.</summary>
            public UpsertMethods? Methods { get; }
        }

        /// <summary>True when the handler's body is code of <paramref name="type"/> (a lambda or local function in it, or one of its methods).</summary>
        private static bool IsOwnCode(ChangeHandler handler, INamedTypeSymbol? type)
            => handler.Method is null
                || handler.Method.MethodKind == MethodKind.LocalFunction
                || SymbolEqualityComparer.Default.Equals(handler.Method.ContainingType?.OriginalDefinition, type?.OriginalDefinition);

        private static void AnalyzeHandlers(
            SymbolAnalysisContext context,
            CompilationState state,
            IEnumerable<ChangeHandler> registrations,
            ConcurrentDictionary<SyntaxTree, SemanticModel> models)
        {
            var cancellationToken = context.CancellationToken;
            var compilation = state.Compilation;
            var graphs = new MethodGraphs(compilation.Sdk, models, cancellationToken);
            var reached = new Dictionary<SyntaxNode, (ChangeHandler Handler, SemanticModel Model)>();
            var order = new List<SyntaxNode>();

            var ordered = registrations
                .OrderBy(h => h.Registration.Syntax.SyntaxTree.FilePath, StringComparer.Ordinal)
                .ThenBy(h => h.Registration.Syntax.SpanStart);
            foreach (var handler in ordered)
            {
                HandlerCode.Walk(
                    handler,
                    graphs,
                    state.Conditions.RulesOutInsert,
                    (invocation, model) =>
                    {
                        var syntax = invocation.Syntax;
                        var name = invocation.TargetMethod?.Name;
                        if (name != null
                            && syntax is InvocationExpressionSyntax
                            && state.MethodsFor(syntax.SyntaxTree).IsUpdateName(name)
                            && !reached.ContainsKey(syntax))
                        {
                            reached.Add(syntax, (handler, model));
                            order.Add(syntax);
                        }
                    },
                    cancellationToken);
            }

            foreach (var syntax in order)
            {
                var (handler, model) = reached[syntax];
                if (!(syntax is InvocationExpressionSyntax invocationSyntax)
                    || !compilation.Scope.ShouldAnalyze(syntax.SyntaxTree)
                    || !(model.GetOperation(syntax, cancellationToken) is IInvocationOperation invocation))
                {
                    continue;
                }

                var counterpart = state.MethodsFor(syntax.SyntaxTree).FindCounterpart(invocation, model, cancellationToken);
                var name = UpsertMethods.NameOf(invocationSyntax);
                if (counterpart is null || name is null || !state.Reported.TryAdd((syntax.SyntaxTree, syntax.SpanStart), 0))
                {
                    continue;
                }

                var properties = ImmutableDictionary<string, string>.Empty.Add(CounterpartProperty, counterpart.Name);
                var diagnostic = Diagnostic.Create(
                    Descriptors.SRT003,
                    name.Identifier.GetLocation(),
                    properties,
                    TableLabel(handler, invocation, state.Handlers),
                    invocation.TargetMethod.Name,
                    counterpart.Name);
                compilation.Scope.Report(context.ReportDiagnostic, diagnostic);
            }
        }

        /// <summary>
        /// The table the message names: the registration's (the model of <c>From&lt;T&gt;()</c>, the filter, the channel),
        /// else the model the call works on (a Postgrest table's model, or the argument's type).
        /// </summary>
        private static string TableLabel(ChangeHandler handler, IInvocationOperation invocation, ChangeHandlers handlers)
        {
            if (handler.Table != null)
            {
                return handler.Table;
            }

            var receiver = invocation.Instance?.Type;
            if (receiver is INamedTypeSymbol named)
            {
                foreach (var table in handlers.Sdk.PostgrestTableInterfaces)
                {
                    var implemented = SymbolEqualityComparer.Default.Equals(named.OriginalDefinition, table)
                        ? named
                        : named.AllInterfaces.FirstOrDefault(i => SymbolEqualityComparer.Default.Equals(i.OriginalDefinition, table));
                    if (implemented != null && implemented.TypeArguments.Length == 1)
                    {
                        var model = implemented.TypeArguments[0];
                        return handlers.TableOf(model) ?? model.Name;
                    }
                }
            }

            var skipThis = invocation.Instance is null && invocation.TargetMethod.IsExtensionMethod;
            foreach (var argument in invocation.Arguments)
            {
                if (argument.ArgumentKind != ArgumentKind.Explicit || skipThis)
                {
                    skipThis = false;
                    continue;
                }

                var value = argument.Value;
                while (value is IConversionOperation conversion && conversion.IsImplicit)
                {
                    value = conversion.Operand;
                }

                if (value.Type is ITypeSymbol type && type.TypeKind != TypeKind.Error)
                {
                    return handlers.TableOf(type) ?? type.Name;
                }
            }

            return receiver?.Name ?? invocation.TargetMethod.Name;
        }

        /// <summary>What the rule keeps for one compilation.</summary>
        private sealed class CompilationState
        {
            private readonly ConcurrentDictionary<SyntaxTree, UpsertMethods> methodsByTree = new ConcurrentDictionary<SyntaxTree, UpsertMethods>();
            private readonly UpsertMethods defaultMethods = UpsertMethods.Create(ImmutableArray<(string Key, string Value)>.Empty);
            private readonly Func<SyntaxTree, UpsertMethods> createMethods;

            public CompilationState(SdkCompilation compilation, ChangeHandlers handlers, ChangeEventConditions conditions)
            {
                Compilation = compilation;
                Handlers = handlers;
                Conditions = conditions;
                createMethods = CreateMethods;
            }

            public SdkCompilation Compilation { get; }

            public ChangeHandlers Handlers { get; }

            public ChangeEventConditions Conditions { get; }

            /// <summary>Calls already reported: a handler method of one type can be attached from several types.</summary>
            public ConcurrentDictionary<(SyntaxTree Tree, int Start), byte> Reported { get; } = new ConcurrentDictionary<(SyntaxTree Tree, int Start), byte>();

            /// <summary>The update/upsert pairs that apply to <paramref name="tree"/> (built-in plus <c>.editorconfig</c>).</summary>
            public UpsertMethods MethodsFor(SyntaxTree tree)
                => methodsByTree.GetOrAdd(tree, createMethods);

            private UpsertMethods CreateMethods(SyntaxTree tree)
            {
                // Trees without configured pairs (nearly all) share one instance.
                var configured = Options.GetPairs(Compilation.Options, tree, RuleIds.UpdateInsteadOfUpsert, UpsertMethods.OptionName);
                return configured.IsEmpty ? defaultMethods : UpsertMethods.Create(configured);
            }
        }
    }
}
