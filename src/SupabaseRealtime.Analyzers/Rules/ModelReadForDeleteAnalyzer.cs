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
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Rules
{
    /// <summary>
    /// SRT011: <c>PostgresChangesResponse.Model&lt;T&gt;()</c>, or a read of <c>Payload.Data.Record</c>, in code that a
    /// change handler runs only for DELETE events: a handler whose listen type is <c>Deletes</c> (or the 5.x
    /// <c>OnDelete</c> event), or a branch on the event type (<see cref="ChangeEventConditions"/>) that only DELETE
    /// events reach. The server sends no new record for a DELETE, so both are null there.
    /// </summary>
    /// <remarks>
    /// Runs per type, as SRT003 does: the type's handler registrations are collected, and at the type's end each handler's
    /// code is walked (<see cref="HandlerCode"/>) once per event it can receive, pruning the branches that event cannot
    /// take. A read is reported when some handler reaches it for DELETE and no handler reaches it for INSERT or UPDATE
    /// (so a helper shared by a delete handler and an insert handler is left alone).
    /// </remarks>
    internal sealed class ModelReadForDeleteAnalyzer : SdkRule
    {
        /// <summary>Diagnostic property: the member the fix reads instead (<c>OldModel</c> or <c>OldRecord</c>).</summary>
        public const string ReplacementProperty = "Replacement";

        public const string ModelMethod = "Model";
        public const string OldModelMethod = "OldModel";
        public const string RecordProperty = "Record";
        public const string OldRecordProperty = "OldRecord";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SRT011);

        protected override void Register(CompilationStartAnalysisContext context, SdkCompilation compilation)
        {
            var handlers = ChangeHandlers.Create(compilation.Sdk);
            var response = compilation.Sdk.PostgresChangesResponse;
            if (handlers is null || response is null)
            {
                return;
            }

            var state = new CompilationState(
                compilation,
                handlers,
                new ChangeEventConditions(compilation.Sdk),
                response,
                compilation.Sdk.GetSdkType("Supabase.Realtime.Socket.SocketResponsePayload"));
            compilation.Types.Add(context, start => OnTypeStart(start, state));
        }

        private static void OnTypeStart(TypeStart start, CompilationState state)
        {
            var type = start.Symbol as INamedTypeSymbol;
            if (type is null || type.TypeKind == TypeKind.Enum || type.TypeKind == TypeKind.Delegate)
            {
                return;
            }

            ConcurrentQueue<(ChangeHandler Handler, ISymbol In)>? registrations = null;
            ConcurrentDictionary<SyntaxTree, SemanticModel>? models = null;

            // Which members read a new record, and which call which of the type's methods: a DELETE handler of the
            // type's own whose code reads none is not walked (no graph is built for it).
            var ownCalls = new OwnCalls(type);
            start.RegisterOperationAction(
                context =>
                {
                    var operation = context.Operation;
                    if (operation.Kind == OperationKind.Invocation)
                    {
                        ownCalls.NoteCall(context.ContainingSymbol, (IInvocationOperation)operation);
                    }

                    var isRead = state.IsNewRecordRead(operation);
                    ChangeHandler handler = null!;
                    var isHandler = !isRead
                        && operation.Kind != OperationKind.PropertyReference
                        && state.Handlers.TryGetHandler(operation, out handler)
                        && handler.HasKnownTarget;
                    if ((!isRead && !isHandler) || !state.Compilation.Scope.ShouldAnalyze(operation.Syntax.SyntaxTree))
                    {
                        return;
                    }

                    if (operation.SemanticModel is SemanticModel model)
                    {
                        LazyInitializer.EnsureInitialized(ref models, () => new ConcurrentDictionary<SyntaxTree, SemanticModel>())!
                            .TryAdd(operation.Syntax.SyntaxTree, model);
                    }

                    if (isRead)
                    {
                        ownCalls.Mark(context.ContainingSymbol);
                    }
                    else
                    {
                        LazyInitializer.EnsureInitialized(ref registrations, () => new ConcurrentQueue<(ChangeHandler, ISymbol)>())!
                            .Enqueue((handler, context.ContainingSymbol));
                    }
                },
                OperationKind.Invocation,
                OperationKind.EventAssignment,
                OperationKind.PropertyReference);

            start.RegisterSymbolEndAction(context =>
            {
                var found = Volatile.Read(ref registrations);
                if (found is null)
                {
                    return;
                }

                // A DELETE handler is walked unless it is the type's own code and no member it runs (the method, or the
                // member that holds the lambda or local function, and the type's methods they call) reads a new record.
                // Handlers of every listen type are kept: those that cannot receive DELETE still tell which reads serve other events.
                var walked = new HashSet<ChangeHandler>(found
                    .Where(h => h.Handler.CanReceive(ChangeEvents.Delete) && MayRead(h.Handler, h.In, type, ownCalls))
                    .Select(h => h.Handler));
                if (walked.Count == 0)
                {
                    return;
                }

                Analyze(context, state, found.Select(h => h.Handler), walked, Volatile.Read(ref models) ?? new ConcurrentDictionary<SyntaxTree, SemanticModel>());
            });
        }

        /// <summary>
        /// False only when the handler is the type's own code and nothing it runs reads a new record: the member it
        /// starts in (its method, or for a lambda or local function the member its registration is in) and the
        /// type's methods that member calls. A handler elsewhere may read anything.
        /// </summary>
        private static bool MayRead(ChangeHandler handler, ISymbol registeredIn, INamedTypeSymbol type, OwnCalls ownCalls)
        {
            if (!IsOwnCode(handler, type))
            {
                return true;
            }

            var entry = handler.AnonymousFunction is null && handler.Method is { MethodKind: MethodKind.Ordinary } method ? method : registeredIn;
            return ownCalls.Reaches(entry);
        }

        private static bool IsOwnCode(ChangeHandler handler, INamedTypeSymbol? type)
            => handler.Method is null
                || handler.Method.MethodKind == MethodKind.LocalFunction
                || SymbolEqualityComparer.Default.Equals(handler.Method.ContainingType?.OriginalDefinition, type?.OriginalDefinition);

        private static void Analyze(
            SymbolAnalysisContext context,
            CompilationState state,
            IEnumerable<ChangeHandler> registrations,
            ISet<ChangeHandler> walkedForDelete,
            ConcurrentDictionary<SyntaxTree, SemanticModel> models)
        {
            var cancellationToken = context.CancellationToken;
            var graphs = new MethodGraphs(state.Compilation.Sdk, models, cancellationToken);

            // For each read: whether a handler reaches it for DELETE (and whether every such handler listens to DELETE only),
            // and whether any handler reaches it for INSERT or UPDATE.
            var forDelete = new Dictionary<SyntaxNode, (SemanticModel Model, bool DeletesOnly)>();
            var order = new List<SyntaxNode>();
            var forOthers = new HashSet<SyntaxNode>();
            var ordered = registrations
                .OrderBy(h => h.Registration.Syntax.SyntaxTree.FilePath, StringComparer.Ordinal)
                .ThenBy(h => h.Registration.Syntax.SpanStart)
                .ToList();
            foreach (var handler in ordered)
            {
                var deletesOnly = !handler.CanReceive(ChangeEvents.Insert) && !handler.CanReceive(ChangeEvents.Update);
                if (walkedForDelete.Contains(handler))
                {
                    HandlerCode.WalkOperations(
                        handler,
                        graphs,
                        state.Conditions.RulesOutDelete,
                        (operation, model) =>
                        {
                            if (!state.IsNewRecordRead(operation))
                            {
                                return;
                            }

                            var syntax = operation.Syntax;
                            if (forDelete.TryGetValue(syntax, out var known))
                            {
                                forDelete[syntax] = (known.Model, known.DeletesOnly && deletesOnly);
                            }
                            else
                            {
                                forDelete.Add(syntax, (model, deletesOnly));
                                order.Add(syntax);
                            }
                        },
                        cancellationToken);
                }
            }

            if (order.Count == 0)
            {
                return;
            }

            // Only now the walks for the other events: they can only clear reads found above.
            foreach (var handler in ordered)
            {
                foreach (var other in new[] { ChangeEvents.Insert, ChangeEvents.Update })
                {
                    if (!handler.CanReceive(other) || forOthers.Count == order.Count)
                    {
                        continue;
                    }

                    HandlerCode.WalkOperations(
                        handler,
                        graphs,
                        (condition, value) => state.Conditions.RulesOut(other, condition, value),
                        (operation, model) =>
                        {
                            if (state.IsNewRecordRead(operation) && forDelete.ContainsKey(operation.Syntax))
                            {
                                forOthers.Add(operation.Syntax);
                            }
                        },
                        cancellationToken);
                }
            }

            foreach (var syntax in order)
            {
                if (forOthers.Contains(syntax)
                    || !state.Compilation.Scope.ShouldAnalyze(syntax.SyntaxTree)
                    || !state.Reported.TryAdd((syntax.SyntaxTree, syntax.SpanStart), 0))
                {
                    continue;
                }

                var (model, deletesOnly) = forDelete[syntax];
                var operation = model.GetOperation(syntax, cancellationToken);
                if (operation is null || !state.IsNewRecordRead(operation) || FallsBackToOldRecord(operation))
                {
                    continue;
                }

                var isModel = operation is IInvocationOperation;
                var name = NameOf(syntax);
                if (name is null)
                {
                    continue;
                }

                var replacement = isModel ? OldModelMethod : OldRecordProperty;
                var read = ReadText(syntax, name, null);
                var instead = ReadText(syntax, name, replacement);
                var diagnostic = Diagnostic.Create(
                    Descriptors.SRT011,
                    name.Identifier.GetLocation(),
                    ImmutableDictionary<string, string>.Empty.Add(ReplacementProperty, replacement),
                    read,
                    deletesOnly ? "this handler receives only DELETE events" : "this code runs only for DELETE events",
                    instead);
                state.Compilation.Scope.Report(context.ReportDiagnostic, diagnostic);
            }
        }

        /// <summary><c>change.Model&lt;T&gt;() ?? change.OldModel&lt;T&gt;()</c>: the read already falls back to the old record.</summary>
        private static bool FallsBackToOldRecord(IOperation read)
        {
            var value = read;
            while (value.Parent is IConversionOperation || value.Parent is IParenthesizedOperation)
            {
                value = value.Parent;
            }

            if (!(value.Parent is ICoalesceOperation coalesce) || coalesce.Value != value)
            {
                return false;
            }

            foreach (var operation in coalesce.WhenNull.DescendantsAndSelf())
            {
                if (operation is IInvocationOperation { TargetMethod: { Name: OldModelMethod } }
                    || operation is IPropertyReferenceOperation { Property: { Name: OldRecordProperty } })
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The name the diagnostic sits on: <c>Model</c> in <c>change.Model&lt;Todo&gt;()</c>, <c>Record</c> in <c>change.Payload.Data.Record</c>.</summary>
        private static SimpleNameSyntax? NameOf(SyntaxNode syntax)
        {
            switch (syntax)
            {
                case InvocationExpressionSyntax invocation:
                    return invocation.Expression switch
                    {
                        MemberAccessExpressionSyntax access => access.Name,
                        MemberBindingExpressionSyntax binding => binding.Name,
                        SimpleNameSyntax simple => simple,
                        _ => null,
                    };
                case MemberAccessExpressionSyntax access:
                    return access.Name;
                case MemberBindingExpressionSyntax binding:
                    return binding.Name;
                case SimpleNameSyntax simple:
                    return simple;
                default:
                    return null;
            }
        }

        /// <summary>
        /// The read as the message quotes it, on one line: the whole expression (through <c>?.</c>), e.g.
        /// <c>change.Model&lt;Todo&gt;()</c> or <c>change.Payload?.Data?.Record</c>, with <paramref name="name"/> replaced by
        /// <paramref name="newName"/> when given.
        /// </summary>
        private static string ReadText(SyntaxNode read, SimpleNameSyntax name, string? newName)
        {
            var whole = read;
            while (whole.Parent is ConditionalAccessExpressionSyntax access && access.WhenNotNull == whole)
            {
                whole = access;
            }

            var text = whole.ToString();
            var offset = name.Identifier.SpanStart - whole.SpanStart;
            if (newName != null && offset >= 0 && offset + name.Identifier.Span.Length <= text.Length)
            {
                text = text.Substring(0, offset) + newName + text.Substring(offset + name.Identifier.Span.Length);
            }

            return Text.Compact(text);
        }

        /// <summary>What the rule keeps for one compilation.</summary>
        private sealed class CompilationState
        {
            private readonly INamedTypeSymbol response;
            private readonly INamedTypeSymbol? payload;

            public CompilationState(SdkCompilation compilation, ChangeHandlers handlers, ChangeEventConditions conditions, INamedTypeSymbol response, INamedTypeSymbol? payload)
            {
                Compilation = compilation;
                Handlers = handlers;
                Conditions = conditions;
                this.response = response;
                this.payload = payload;
            }

            public SdkCompilation Compilation { get; }

            public ChangeHandlers Handlers { get; }

            public ChangeEventConditions Conditions { get; }

            /// <summary>Reads already reported: a helper of one type can be reached from handlers of several types.</summary>
            public ConcurrentDictionary<(SyntaxTree Tree, int Start), byte> Reported { get; } = new ConcurrentDictionary<(SyntaxTree Tree, int Start), byte>();

            /// <summary>
            /// <c>Model&lt;T&gt;()</c> on a <c>PostgresChangesResponse</c>, or a read of <c>Record</c> on the payload's data
            /// (<c>SocketResponsePayload</c>); names first, symbols after.
            /// </summary>
            public bool IsNewRecordRead(IOperation operation)
            {
                switch (operation)
                {
                    case IInvocationOperation invocation when invocation.TargetMethod.Name == ModelMethod:
                        return invocation.TargetMethod.IsGenericMethod
                            && SdkSymbols.IsOrDerives(invocation.TargetMethod.ContainingType, response);
                    case IPropertyReferenceOperation property when property.Property.Name == RecordProperty:
                        return payload != null
                            && SdkSymbols.IsOrDerives(property.Property.ContainingType, payload)
                            && !IsWritten(property);
                    default:
                        return false;
                }
            }

            private static bool IsWritten(IPropertyReferenceOperation property)
                => property.Parent is IAssignmentOperation assignment && assignment.Target == property;
        }
    }
}
