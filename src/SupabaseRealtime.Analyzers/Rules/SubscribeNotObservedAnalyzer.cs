using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Model;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Rules
{
    /// <summary>
    /// SRT013: the task of <c>channel.Subscribe()</c> is never observed: the call is a statement of its own, its
    /// result goes to the discard (<c>_ = channel.Subscribe();</c>), it is stored in a local that is never read, a
    /// <c>ContinueWith</c> continuation ignores it, or it is what a <c>Task.Run(() =&gt; channel.Subscribe())</c> runs
    /// whose own task meets one of those fates. A task that is awaited, returned, passed to any method
    /// (<c>Task.WhenAll</c>, a helper), stored in a field or property, or stored in a local that is read is observed.
    /// </summary>
    internal sealed class SubscribeNotObservedAnalyzer : SdkRule
    {
        /// <summary>Diagnostic property: how the task is lost (one of the shape constants below).</summary>
        public const string ShapeProperty = "Shape";

        /// <summary><c>channel.Subscribe();</c> (or the <c>Task.Run</c> around it) as a statement.</summary>
        public const string StatementShape = "Statement";

        /// <summary><c>_ = channel.Subscribe();</c>.</summary>
        public const string DiscardShape = "Discard";

        /// <summary><c>var task = channel.Subscribe();</c> with <c>task</c> never read.</summary>
        public const string UnreadLocalShape = "UnreadLocal";

        /// <summary><c>channel.Subscribe().ContinueWith(_ =&gt; ...)</c> whose continuation never reads its task.</summary>
        public const string ContinuationShape = "Continuation";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SRT013);

        protected override void Register(CompilationStartAnalysisContext context, SdkCompilation compilation)
        {
            var sdk = compilation.Sdk;
            if (sdk.RealtimeChannelInterface is null && sdk.RealtimeChannel is null)
            {
                return;
            }

            var task = compilation.Compilation.GetTypeByMetadataName("System.Threading.Tasks.Task");
            var consequence = sdk.IsRealtime6OrLater()
                ? "on Realtime 6.0 and later a join the server never answers leaves it pending for good and a refused join faults it "
                    + "with RealtimeException, unseen, while the code after it runs as if the channel had joined"
                : "on Realtime 5.x a join that times out faults it with PushTimeoutException and a refused join with Exception, "
                    + "unseen, while the code after it runs as if the channel had joined";
            // Scoped to each type, as every rule of the host registers its operation actions: the analyzer driver's
            // file-by-file path (the IDE's) then runs them beside the other rules' symbol-start actions.
            compilation.Types.Add(context, start => start.RegisterOperationAction(
                operationContext =>
                {
                    var invocation = (IInvocationOperation)operationContext.Operation;
                    if (invocation.TargetMethod.Name != Subscriptions.SubscribeMethod
                        || !ChannelCalls.IsSubscribe(invocation, sdk)
                        || !compilation.Scope.ShouldAnalyze(invocation.Syntax.SyntaxTree))
                    {
                        return;
                    }

                    var loss = TaskObservation.FindLoss(invocation, task);
                    if (loss is null)
                    {
                        return;
                    }

                    var properties = ImmutableDictionary<string, string>.Empty.Add(ShapeProperty, loss.Value.Shape);
                    var diagnostic = Diagnostic.Create(
                        Descriptors.SRT013,
                        ChannelCalls.ReportLocation(invocation),
                        new[] { loss.Value.Lost.Syntax.GetLocation() },
                        properties,
                        ChannelText(invocation),
                        loss.Value.Reason,
                        consequence);
                    compilation.Scope.Report(operationContext.ReportDiagnostic, diagnostic);
                },
                OperationKind.Invocation));
        }

        /// <summary>The channel as the code writes it (<c>_channel</c>, <c>Supabase.Realtime.Channel("room")</c>), on one line.</summary>
        private static string ChannelText(IInvocationOperation subscribe)
        {
            var receiver = subscribe.Instance?.Syntax;
            if (subscribe.Instance is IConditionalAccessInstanceOperation
                && subscribe.Syntax.Parent?.Parent is Microsoft.CodeAnalysis.CSharp.Syntax.ConditionalAccessExpressionSyntax access)
            {
                receiver = access.Expression;
            }

            return receiver is null ? "channel" : Text.Compact(receiver.ToString());
        }
    }

    /// <summary>Where the task of an invocation goes: the shared part of SRT013's decision.</summary>
    internal static class TaskObservation
    {
        /// <summary>How a task is lost: the expression whose value is dropped, the shape, and the message's reason.</summary>
        internal readonly struct Loss
        {
            public Loss(IOperation lost, string shape, string reason)
            {
                Lost = lost;
                Shape = shape;
                Reason = reason;
            }

            /// <summary>The outermost expression whose task nobody sees (the <c>Subscribe</c> call, a <c>ConfigureAwait</c> on it, or a <c>Task.Run</c>).</summary>
            public IOperation Lost { get; }

            public string Shape { get; }

            public string Reason { get; }
        }

        /// <summary>How the task of <paramref name="call"/> is lost, or null when something observes it (or may).</summary>
        public static Loss? FindLoss(IOperation call, INamedTypeSymbol? taskType)
        {
            var value = Climb(call);
            var parent = value.Parent;
            switch (parent)
            {
                case IExpressionStatementOperation _:
                    return new Loss(value, SubscribeNotObservedAnalyzer.StatementShape, "its task is dropped");

                case ISimpleAssignmentOperation assignment when assignment.Target is IDiscardOperation && assignment.Value == value
                    && assignment.Parent is IExpressionStatementOperation:
                    return new Loss(value, SubscribeNotObservedAnalyzer.DiscardShape, "its task is discarded");

                case IVariableInitializerOperation initializer when initializer.Parent is IVariableDeclaratorOperation declarator
                    && !IsRead(declarator.Symbol, declarator):
                    return new Loss(value, SubscribeNotObservedAnalyzer.UnreadLocalShape, $"its task is stored in '{declarator.Symbol.Name}', which is never read");

                case IInvocationOperation continuation when continuation.Instance == value
                    && continuation.TargetMethod.Name == "ContinueWith"
                    && IsTask(continuation.TargetMethod.ContainingType, taskType)
                    && ContinuationIgnoresTask(continuation):
                    return new Loss(value, SubscribeNotObservedAnalyzer.ContinuationShape, "the ContinueWith continuation never looks at its task");

                case IReturnOperation _:
                case IAwaitOperation _:
                    // `Task.Run(() => channel.Subscribe())` or `Task.Run(async () => await channel.Subscribe())`: the
                    // task is handed to Task.Run, and lost when Task.Run's own task is.
                    if (TaskRunOf(parent) is IInvocationOperation run && FindLoss(run, taskType) is Loss outer)
                    {
                        var reason = outer.Shape == SubscribeNotObservedAnalyzer.ContinuationShape
                            ? "it runs in a Task.Run whose ContinueWith continuation never looks at its task"
                            : outer.Shape == SubscribeNotObservedAnalyzer.UnreadLocalShape
                                ? "it runs in a Task.Run whose task is stored in a local that is never read"
                                : "it runs in a Task.Run whose task nobody awaits";
                        return new Loss(outer.Lost, outer.Shape, reason);
                    }

                    return null;

                default:
                    return null;
            }
        }

        /// <summary>Up from a call through conversions, parentheses, <c>x?.</c> and <c>.ConfigureAwait(...)</c>.</summary>
        private static IOperation Climb(IOperation operation)
        {
            var current = operation;
            while (true)
            {
                var parent = current.Parent;
                switch (parent)
                {
                    case IConversionOperation conversion when conversion.OperatorMethod is null:
                        current = conversion;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        current = parenthesized;
                        continue;
                    case IConditionalAccessOperation access when access.WhenNotNull == current:
                        current = access;
                        continue;
                    case IInvocationOperation configure when configure.Instance == current && configure.TargetMethod.Name == "ConfigureAwait":
                        current = configure;
                        continue;
                    default:
                        return current;
                }
            }
        }

        /// <summary>
        /// The <c>Task.Run(...)</c> whose lambda's whole body hands back <paramref name="use"/>'s value: a lambda returning it
        /// (<c>() =&gt; channel.Subscribe()</c>), or an async lambda whose only statement awaits it.
        /// </summary>
        private static IInvocationOperation? TaskRunOf(IOperation use)
        {
            IOperation statement = use;
            if (use is IAwaitOperation awaited)
            {
                var outer = Climb(awaited);
                if (!(outer.Parent is IExpressionStatementOperation || outer.Parent is IReturnOperation))
                {
                    return null;
                }

                statement = outer.Parent;
            }

            if (!(statement.Parent is IBlockOperation block) || !(block.Parent is IAnonymousFunctionOperation lambda) || !OnlyStatement(block, statement))
            {
                return null;
            }

            if (use is IAwaitOperation && !lambda.Symbol.IsAsync)
            {
                return null;
            }

            IOperation current = lambda;
            while (current.Parent is IDelegateCreationOperation || current.Parent is IConversionOperation)
            {
                current = current.Parent;
            }

            return current.Parent is IArgumentOperation argument
                && argument.Parent is IInvocationOperation run
                && run.TargetMethod.Name == "Run"
                && run.TargetMethod.IsStatic
                && run.TargetMethod.ContainingType?.ToDisplayString() == "System.Threading.Tasks.Task"
                ? run
                : null;
        }

        /// <summary>True when <paramref name="statement"/> is the block's one statement, apart from the implicit return of a lambda.</summary>
        private static bool OnlyStatement(IBlockOperation block, IOperation statement)
        {
            foreach (var other in block.Operations)
            {
                if (other != statement && !(other is IReturnOperation { IsImplicit: true, ReturnedValue: null }))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>True when <paramref name="local"/> is read (or written again) anywhere in the body that declares it.</summary>
        private static bool IsRead(ILocalSymbol local, IOperation declarator)
        {
            var root = OperationTrees.RootOf(declarator);

            foreach (var operation in root.Descendants())
            {
                if (operation is ILocalReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Local, local))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>A continuation given as a lambda that never mentions its task parameter; a method group or delegate is unknown (false).</summary>
        private static bool ContinuationIgnoresTask(IInvocationOperation continueWith)
        {
            foreach (var argument in continueWith.Arguments)
            {
                if (argument.Parameter?.Ordinal != 0)
                {
                    continue;
                }

                var (lambda, _) = ChangeHandlers.ResolveDelegate(argument.Value);
                if (lambda is null || lambda.Symbol.Parameters.Length == 0)
                {
                    return false;
                }

                var parameter = lambda.Symbol.Parameters[0];
                foreach (var operation in lambda.Body.Descendants())
                {
                    if (operation is IParameterReferenceOperation reference && SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
                    {
                        return false;
                    }
                }

                return true;
            }

            return false;
        }

        private static bool IsTask(INamedTypeSymbol? type, INamedTypeSymbol? taskType)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (SymbolEqualityComparer.Default.Equals(current.OriginalDefinition, taskType))
                {
                    return true;
                }
            }

            return false;
        }
    }
}
