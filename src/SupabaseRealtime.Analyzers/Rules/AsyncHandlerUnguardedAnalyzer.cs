using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Model;

namespace SupabaseRealtime.Analyzers.Rules
{
    /// <summary>
    /// SRT012: an <c>async</c> lambda, anonymous method or method handed to the realtime SDK as a handler (an argument of a
    /// void-returning delegate type the Realtime assembly declares: <c>PostgresChangesHandler</c>, <c>StateChangedHandler</c>,
    /// <c>ErrorEventHandler</c>, <c>MessageReceivedHandler</c>, <c>SocketStateEventHandler</c>, broadcast, presence and debug
    /// handlers; or a <c>+=</c> on an event of a Realtime type, the 5.x API) whose body has an <c>await</c> that no
    /// <c>try</c> with a catch-all clause (<c>catch (Exception)</c> or <c>catch</c>, without a filter) covers. Such a handler is
    /// <c>async void</c>: what it throws is rethrown on the thread pool and ends the process.
    /// </summary>
    internal sealed class AsyncHandlerUnguardedAnalyzer : SdkRule
    {
        /// <summary>Diagnostic property: the registration's method or event name, for the message the fix logs.</summary>
        public const string RegistrationProperty = "Registration";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SRT012);

        protected override void Register(CompilationStartAnalysisContext context, SdkCompilation compilation)
        {
            var sdk = compilation.Sdk;
            var realtime = (sdk.RealtimeChannelInterface ?? sdk.RealtimeChannel ?? sdk.RealtimeClient)?.ContainingAssembly;
            if (realtime is null)
            {
                return;
            }

            var exception = compilation.Compilation.GetTypeByMetadataName("System.Exception");
            var state = new CompilationState(compilation, realtime, exception);
            compilation.Types.Add(context, start => OnTypeStart(start, state));
        }

        private static void OnTypeStart(TypeStart start, CompilationState state)
        {
            if (!(start.Symbol is INamedTypeSymbol type) || (type.TypeKind != TypeKind.Class && type.TypeKind != TypeKind.Struct))
            {
                return;
            }

            // Own async void methods handed over as method groups are judged at the type's end, once each, with the semantic
            // model of the registration's tree (an analyzer makes no models of its own: a method declared in another file of a
            // partial type is not read).
            var methodHandlers = new ConcurrentDictionary<IMethodSymbol, (string Registration, SemanticModel? Model)>(SymbolEqualityComparer.Default);
            start.RegisterOperationAction(
                context =>
                {
                    // Most invocations call no SDK method: leave before anything is allocated.
                    if (!state.MayRegisterHandler(context.Operation) || !state.Compilation.Scope.ShouldAnalyze(context.Operation.Syntax.SyntaxTree))
                    {
                        return;
                    }

                    foreach (var (value, registration) in state.HandlerValues(context.Operation))
                    {
                        var (lambda, method) = ChangeHandlers.ResolveDelegate(value);
                        if (lambda != null)
                        {
                            if (lambda.Symbol.IsAsync && state.FirstUnguardedAwait(lambda.Body) is (int unguarded, int awaits))
                            {
                                var keyword = AsyncKeyword(lambda.Syntax);
                                if (keyword != null)
                                {
                                    state.Report(context.ReportDiagnostic, keyword.Value.GetLocation(), "passed to " + registration, registration, unguarded, awaits);
                                }
                            }
                        }
                        else if (method != null && method.IsAsync && method.ReturnsVoid
                            && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, type.OriginalDefinition))
                        {
                            methodHandlers.TryAdd(method.OriginalDefinition, (registration, context.Operation.SemanticModel));
                        }
                    }
                },
                OperationKind.Invocation,
                OperationKind.EventAssignment);

            start.RegisterSymbolEndAction(context =>
            {
                foreach (var pair in methodHandlers)
                {
                    var (registration, model) = pair.Value;
                    var references = pair.Key.DeclaringSyntaxReferences;
                    if (model is null || references.Length != 1
                        || !(references[0].GetSyntax(context.CancellationToken) is MethodDeclarationSyntax declaration)
                        || declaration.SyntaxTree != model.SyntaxTree
                        || !state.Compilation.Scope.ShouldAnalyze(declaration.SyntaxTree)
                        || !(model.GetOperation(declaration, context.CancellationToken) is IMethodBodyOperation body)
                        || !((body.BlockBody ?? body.ExpressionBody) is IOperation code)
                        || !(state.FirstUnguardedAwait(code) is (int unguarded, int awaits)))
                    {
                        continue;
                    }

                    var keyword = declaration.Modifiers.FirstOrDefaultToken(SyntaxKind.AsyncKeyword);
                    if (keyword != null)
                    {
                        state.Report(
                            context.ReportDiagnostic,
                            keyword.Value.GetLocation(),
                            string.Format(CultureInfo.InvariantCulture, "'{0}' passed to {1}", pair.Key.Name, registration),
                            registration,
                            unguarded,
                            awaits);
                    }
                }
            });
        }

        private static SyntaxToken? AsyncKeyword(SyntaxNode syntax)
            => syntax is AnonymousFunctionExpressionSyntax function && function.AsyncKeyword.IsKind(SyntaxKind.AsyncKeyword)
                ? function.AsyncKeyword
                : (SyntaxToken?)null;

        /// <summary>What the rule keeps for one compilation.</summary>
        private sealed class CompilationState
        {
            private readonly IAssemblySymbol realtime;
            private readonly INamedTypeSymbol? exception;
            private readonly ConcurrentDictionary<Location, byte> reported = new ConcurrentDictionary<Location, byte>();

            public CompilationState(SdkCompilation compilation, IAssemblySymbol realtime, INamedTypeSymbol? exception)
            {
                Compilation = compilation;
                this.realtime = realtime;
                this.exception = exception;
            }

            public SdkCompilation Compilation { get; }

            /// <summary>True when <paramref name="operation"/> calls an SDK method or adds to an event of a Realtime type.</summary>
            public bool MayRegisterHandler(IOperation operation)
                => operation switch
                {
                    IInvocationOperation invocation => ReferenceEquals(invocation.TargetMethod.ContainingAssembly, realtime)
                        || Compilation.Sdk.IsSdkMember(invocation.TargetMethod),
                    IEventAssignmentOperation assignment => assignment.EventReference is IEventReferenceOperation reference
                        && ReferenceEquals(reference.Event.ContainingAssembly, realtime),
                    _ => false,
                };

            /// <summary>
            /// The handler values <paramref name="operation"/> hands to the realtime SDK, with the registration as the message
            /// names it (<c>'channel.OnPostgresChange'</c>, <c>'channel.OnInsert'</c>).
            /// </summary>
            public IEnumerable<(IOperation Value, string Registration)> HandlerValues(IOperation operation)
            {
                switch (operation)
                {
                    case IInvocationOperation invocation when ReferenceEquals(invocation.TargetMethod.ContainingAssembly, realtime)
                        || Compilation.Sdk.IsSdkMember(invocation.TargetMethod):
                        foreach (var argument in invocation.Arguments)
                        {
                            if (argument.Parameter?.Type is INamedTypeSymbol { TypeKind: TypeKind.Delegate, DelegateInvokeMethod: { ReturnsVoid: true } } handler
                                && ReferenceEquals(handler.ContainingAssembly, realtime))
                            {
                                yield return (argument.Value, Quote(invocation.Instance, invocation.TargetMethod.Name));
                            }
                        }

                        break;

                    case IEventAssignmentOperation assignment when assignment.Adds
                        && assignment.EventReference is IEventReferenceOperation reference
                        && ReferenceEquals(reference.Event.ContainingAssembly, realtime)
                        && reference.Event.Type is INamedTypeSymbol { DelegateInvokeMethod: { ReturnsVoid: true } }:
                        yield return (assignment.HandlerValue, Quote(reference.Instance, reference.Event.Name));
                        break;
                }
            }

            /// <summary>
            /// For a body with awaits: how many of them no catch-all <c>try</c> covers, and how many there are; null when it
            /// has none, or every one is covered.
            /// </summary>
            public (int Unguarded, int Awaits)? FirstUnguardedAwait(IOperation body)
            {
                var awaits = 0;
                var unguarded = 0;
                foreach (var operation in OwnOperations(body))
                {
                    if (!IsAwait(operation))
                    {
                        continue;
                    }

                    awaits++;
                    if (!IsCovered(operation, body))
                    {
                        unguarded++;
                    }
                }

                return unguarded > 0 ? (unguarded, awaits) : ((int, int)?)null;
            }

            public void Report(System.Action<Diagnostic> report, Location location, string handler, string registration, int unguarded, int awaits)
            {
                if (!reported.TryAdd(location, 0))
                {
                    return;
                }

                var which = awaits == 1
                    ? "its await is not inside a try/catch that catches Exception"
                    : unguarded == awaits
                        ? "none of its awaits is inside a try/catch that catches Exception"
                        : string.Format(CultureInfo.InvariantCulture, "{0} of its {1} awaits are not inside a try/catch that catches Exception", unguarded, awaits);
                var properties = ImmutableDictionary<string, string>.Empty.Add(RegistrationProperty, registration);
                Compilation.Scope.Report(report, Diagnostic.Create(Descriptors.SRT012, location, properties, handler, which));
            }

            /// <summary>The operations of the function itself, not of the lambdas and local functions it declares.</summary>
            private static IEnumerable<IOperation> OwnOperations(IOperation body)
            {
                var stack = new Stack<IOperation>();
                stack.Push(body);
                while (stack.Count > 0)
                {
                    var current = stack.Pop();
                    yield return current;
                    foreach (var child in current.Children)
                    {
                        if (child != null && !(child is IAnonymousFunctionOperation) && !(child is ILocalFunctionOperation))
                        {
                            stack.Push(child);
                        }
                    }
                }
            }

            /// <summary><c>await x</c>, <c>await foreach</c>, <c>await using</c>.</summary>
            private static bool IsAwait(IOperation operation)
            {
                switch (operation)
                {
                    case IAwaitOperation _:
                        return true;
                    case IForEachLoopOperation loop:
                        return loop.Syntax is CommonForEachStatementSyntax forEach && forEach.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword);
                    case IUsingOperation @using:
                        return @using.Syntax is UsingStatementSyntax statement && statement.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword);
                    case IUsingDeclarationOperation declaration:
                        return declaration.Syntax is LocalDeclarationStatementSyntax local && local.AwaitKeyword.IsKind(SyntaxKind.AwaitKeyword);
                    default:
                        return false;
                }
            }

            /// <summary>True when the await sits in the body of a <c>try</c> with a catch-all clause (no filter), inside <paramref name="body"/>.</summary>
            private bool IsCovered(IOperation await, IOperation body)
            {
                var child = await;
                for (var parent = await.Parent; parent != null && child != body; child = parent, parent = parent.Parent)
                {
                    if (parent is ITryOperation @try && @try.Body == child)
                    {
                        foreach (var clause in @try.Catches)
                        {
                            if (clause.Filter is null
                                && (clause.ExceptionType?.SpecialType == SpecialType.System_Object
                                    || SymbolEqualityComparer.Default.Equals(clause.ExceptionType, exception)))
                            {
                                return true;
                            }
                        }
                    }
                }

                return false;
            }

            /// <summary><c>'channel.OnPostgresChange'</c>: the registration as the code writes its receiver, on one line.</summary>
            private static string Quote(IOperation? instance, string member)
            {
                var receiver = SymbolPath.Unwrap(instance);
                if (receiver is null || receiver is IInstanceReferenceOperation { IsImplicit: true })
                {
                    return "'" + member + "'";
                }

                var syntax = receiver.Syntax;
                if (instance is IConditionalAccessInstanceOperation && syntax.Parent is ConditionalAccessExpressionSyntax access)
                {
                    syntax = access.Expression;
                }

                return "'" + Text.Compact(syntax.ToString()) + "." + member + "'";
            }
        }
    }

    /// <summary>Token lookup on a modifier list, for Roslyn 3.6 (no <c>SyntaxTokenList.FirstOrDefault</c> with a kind).</summary>
    internal static class ModifierLists
    {
        public static SyntaxToken? FirstOrDefaultToken(this SyntaxTokenList tokens, SyntaxKind kind)
        {
            foreach (var token in tokens)
            {
                if (token.IsKind(kind))
                {
                    return token;
                }
            }

            return null;
        }
    }
}
