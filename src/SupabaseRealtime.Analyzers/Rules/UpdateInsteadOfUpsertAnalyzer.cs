using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
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
    /// Runs per type: registrations are collected from the type's own operations, and at the type's end each handler's code is walked on control flow graphs, its lambdas, local functions and
    /// private/internal helpers included, skipping branches INSERT events cannot reach. A call reached from several
    /// handlers is reported once: for the first handler in source order within a type, and by the first type to get
    /// there when handlers of several types reach it.
    /// </remarks>
    [DiagnosticAnalyzer(LanguageNames.CSharp)]
    internal sealed class UpdateInsteadOfUpsertAnalyzer : SdkAnalyzer
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

            var conditions = new ChangeEventConditions(compilation.Sdk);

            // A handler method of one type can be attached from several types: each call is reported once.
            var reported = new ConcurrentDictionary<(SyntaxTree Tree, int Start), byte>();
            context.RegisterSymbolStartAction(start => OnTypeStart(start, compilation, handlers, conditions, reported), SymbolKind.NamedType);
        }

        private static void OnTypeStart(
            SymbolStartAnalysisContext start,
            SdkCompilation compilation,
            ChangeHandlers handlers,
            ChangeEventConditions conditions,
            ConcurrentDictionary<(SyntaxTree Tree, int Start), byte> reported)
        {
            // Each type, nested ones included, gets its own pass over its own members.
            var registrations = new ConcurrentQueue<ChangeHandler>();
            var models = new ConcurrentDictionary<SyntaxTree, SemanticModel>();
            start.RegisterOperationAction(
                context =>
                {
                    var tree = context.Operation.Syntax.SyntaxTree;
                    if (!compilation.Scope.ShouldAnalyze(tree))
                    {
                        return;
                    }

                    if (handlers.TryGetHandler(context.Operation, out var handler)
                        && handler.CanReceive(ChangeEvents.Insert)
                        && handler.HasKnownTarget)
                    {
                        if (context.Operation.SemanticModel is SemanticModel model)
                        {
                            models.TryAdd(tree, model);
                        }

                        registrations.Enqueue(handler);
                    }
                },
                OperationKind.Invocation,
                OperationKind.EventAssignment);

            start.RegisterSymbolEndAction(context =>
            {
                if (registrations.IsEmpty)
                {
                    return;
                }

                AnalyzeHandlers(context, compilation, handlers, conditions, registrations, models, reported);
            });
        }

        private static void AnalyzeHandlers(
            SymbolAnalysisContext context,
            SdkCompilation compilation,
            ChangeHandlers handlers,
            ChangeEventConditions conditions,
            IEnumerable<ChangeHandler> registrations,
            ConcurrentDictionary<SyntaxTree, SemanticModel> models,
            ConcurrentDictionary<(SyntaxTree Tree, int Start), byte> reported)
        {
            var cancellationToken = context.CancellationToken;
            var graphs = new MethodGraphs(compilation.Compilation, models, cancellationToken);
            var methodsByTree = new Dictionary<SyntaxTree, UpsertMethods>();
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
                    conditions.RulesOutInsert,
                    (invocation, model) =>
                    {
                        var syntax = invocation.Syntax;
                        var name = invocation.TargetMethod?.Name;
                        if (name != null
                            && syntax is InvocationExpressionSyntax
                            && MethodsFor(syntax.SyntaxTree).IsUpdateName(name)
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

                var counterpart = MethodsFor(syntax.SyntaxTree).FindCounterpart(invocation, model, cancellationToken);
                var name = UpsertMethods.NameOf(invocationSyntax);
                if (counterpart is null || name is null || !reported.TryAdd((syntax.SyntaxTree, syntax.SpanStart), 0))
                {
                    continue;
                }

                var properties = ImmutableDictionary<string, string>.Empty.Add(CounterpartProperty, counterpart.Name);
                var diagnostic = Diagnostic.Create(
                    Descriptors.SRT003,
                    name.Identifier.GetLocation(),
                    properties,
                    TableLabel(handler, invocation, handlers),
                    invocation.TargetMethod.Name,
                    counterpart.Name);
                compilation.Scope.Report(context.ReportDiagnostic, diagnostic);
            }

            UpsertMethods MethodsFor(SyntaxTree tree)
            {
                if (!methodsByTree.TryGetValue(tree, out var methods))
                {
                    methods = UpsertMethods.Create(Options.GetPairs(compilation.Options, tree, RuleIds.SRT003, UpsertMethods.OptionName));
                    methodsByTree.Add(tree, methods);
                }

                return methods;
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
    }
}
