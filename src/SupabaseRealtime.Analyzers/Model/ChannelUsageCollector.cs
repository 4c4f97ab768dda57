using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>The walk of one operation block for <see cref="ChannelUsage"/>: what the block does with channels, gathered without locking.</summary>
    internal sealed partial class ChannelUsage
    {
        /// <summary>Gathers the facts of one operation block without locking.</summary>
        private sealed partial class Collector
        {
            private readonly ChannelUsage usage;

            public Collector(ChannelUsage usage, ISymbol owner)
            {
                this.usage = usage;
                Owner = owner;
            }

            /// <summary>The member whose blocks are walked.</summary>
            public ISymbol Owner { get; set; }

            public bool IsEmpty
                => Subscriptions.Count == 0 && Writes.Count == 0 && Releases.Count == 0 && SetUps.Count == 0 && Stores.Count == 0
                    && Reobtains.Count == 0 && ClientWrites.Count == 0 && Escaped.Count == 0 && Called.Count == 0
                    && ClosedHandlers.Count == 0 && ClosedLambdas.Count == 0 && !HasCollectionFacts && HelperFactsEmpty;

            public List<Subscription> Subscriptions { get; } = new List<Subscription>();

            public List<ChannelWrite> Writes { get; } = new List<ChannelWrite>();

            public List<ChannelRelease> Releases { get; } = new List<ChannelRelease>();

            public List<ChannelSetUp> SetUps { get; } = new List<ChannelSetUp>();

            public List<ChannelStore> Stores { get; } = new List<ChannelStore>();

            public List<ChannelReobtain> Reobtains { get; } = new List<ChannelReobtain>();

            public List<(ISymbol, bool)> ClientWrites { get; } = new List<(ISymbol, bool)>();

            public List<ISymbol> Escaped { get; } = new List<ISymbol>();

            public List<ISymbol> Called { get; } = new List<ISymbol>();

            public List<ISymbol> ClosedHandlers { get; } = new List<ISymbol>();

            public List<SyntaxNode> ClosedLambdas { get; } = new List<SyntaxNode>();

            private SdkSymbols Sdk => usage.sdk;

            /// <summary>Reads one block that references the SDK: its calls, writes, reads, handlers and collection facts, in one walk.</summary>
            public void Walk(IOperation root) => Walk(root, referencesSdk: true);

            /// <summary>
            /// <see cref="Walk(IOperation)"/> for a block that does not reference the SDK (<see cref="SdkSymbols.ReferencesSdk"/>).
            /// Every operation the walk looks at is then typed by a type that is not, and is not made from, an SDK type,
            /// so no write or use of a channel or client can be in it; what is left are calls and method
            /// references (the type's own methods), event handlers (<c>Closed</c>), and uses of channel arrays
            /// (an array of an SDK type is not SDK-typed itself), which this walk still follows.
            /// </summary>
            public void WalkWithoutSdk(IOperation root) => Walk(root, referencesSdk: false);

            private void Walk(IOperation root, bool referencesSdk)
            {
                var scan = default(CollectionScan);
                foreach (var operation in Sdk.Operations.DescendantsAndSelf(root))
                {
                    if (!MayHoldFact(operation.Kind))
                    {
                        continue;
                    }

                    NoteCollectionFact(operation, ref scan);

                    // By kind: one test where a switch on the type tests each case's interface in turn.
                    switch (operation.Kind)
                    {
                        case OperationKind.Invocation:
                            OnInvocation((IInvocationOperation)operation);
                            break;
                        case OperationKind.EventAssignment:
                            OnEventAssignment((IEventAssignmentOperation)operation);
                            break;
                        case OperationKind.MethodReference:
                            OnMethodReference((IMethodReferenceOperation)operation);
                            break;
                        case OperationKind.LocalReference:
                        case OperationKind.FieldReference:
                        case OperationKind.PropertyReference:
                            if (referencesSdk || operation.Type is IArrayTypeSymbol)
                            {
                                OnReference(operation);
                            }

                            break;
                        case OperationKind.SimpleAssignment when referencesSdk:
                            var assignment = (ISimpleAssignmentOperation)operation;
                            OnWrite(assignment.Target, assignment.Value, assignment);
                            break;
                        case OperationKind.CoalesceAssignment when referencesSdk:
                            var coalesce = (ICoalesceAssignmentOperation)operation;
                            OnWrite(coalesce.Target, coalesce.Value, coalesce);
                            break;
                        case OperationKind.VariableDeclarator when referencesSdk:
                            var declarator = (IVariableDeclaratorOperation)operation;
                            if (declarator.GetVariableInitializer() is { } initializer)
                            {
                                OnWrite(declarator.Symbol, initializer.Value, declarator);
                            }

                            break;
                        case OperationKind.FieldInitializer when referencesSdk:
                            var fieldInitializer = (IFieldInitializerOperation)operation;
                            foreach (var field in fieldInitializer.InitializedFields)
                            {
                                OnWrite(field, fieldInitializer.Value, fieldInitializer);
                            }

                            break;
                        case OperationKind.PropertyInitializer when referencesSdk:
                            var propertyInitializer = (IPropertyInitializerOperation)operation;
                            foreach (var property in propertyInitializer.InitializedProperties)
                            {
                                OnWrite(property, propertyInitializer.Value, propertyInitializer);
                            }

                            break;
                        case OperationKind.ParameterReference when referencesSdk:
                            OnParameterReference((IParameterReferenceOperation)operation);
                            break;
                    }
                }

                CollectCollectionFacts(root, scan);
            }

            /// <summary>A reference to one of the type's own methods: a call of it, later (a handler, a delegate).</summary>
            private void OnMethodReference(IMethodReferenceOperation methodReference)
            {
                if (IsOwn(methodReference.Method))
                {
                    Called.Add(methodReference.Method.OriginalDefinition);
                    OnOwnMethodReference(methodReference);
                }
            }

            /// <summary>
            /// The kinds of operation the walks (and the collection facts' second pass) look at: most operations of a
            /// body (arguments, conversions, literals, statements) are none of them, and one test of their kind is
            /// cheaper than the type tests of every case.
            /// </summary>
            private static bool MayHoldFact(OperationKind kind)
            {
                switch (kind)
                {
                    case OperationKind.Invocation:
                    case OperationKind.SimpleAssignment:
                    case OperationKind.CoalesceAssignment:
                    case OperationKind.VariableDeclarator:
                    case OperationKind.FieldInitializer:
                    case OperationKind.PropertyInitializer:
                    case OperationKind.LocalReference:
                    case OperationKind.FieldReference:
                    case OperationKind.PropertyReference:
                    case OperationKind.ParameterReference:
                    case OperationKind.EventAssignment:
                    case OperationKind.MethodReference:
                    case OperationKind.ArrayElementReference:
                    case OperationKind.Loop:
                    case OperationKind.AnonymousFunction:
                        return true;
                    default:
                        return false;
                }
            }

            /// <summary>Finds <c>Unsubscribe()</c> calls after which the same body writes the same slot from an equal <c>Channel(...)</c> call.</summary>
            public void FindReobtains(OperationBlockAnalysisContext context)
            {
                var candidates = new List<(ChannelRelease Release, ChannelWrite Write)>();
                foreach (var release in Releases)
                {
                    if (release.Kind != ReleaseKind.Unsubscribe || release.Channel.Slot is null)
                    {
                        continue;
                    }

                    foreach (var write in Writes)
                    {
                        if (write.Origin != null && write.Body.Equals(release.Body) && SymbolEqualityComparer.Default.Equals(write.Slot, release.Channel.Slot))
                        {
                            candidates.Add((release, write));
                        }
                    }
                }

                if (candidates.Count == 0)
                {
                    return;
                }

                foreach (var block in context.OperationBlocks)
                {
                    // A method's operation block is its body block (whose parent is the IMethodBodyOperation /
                    // IConstructorBodyOperation), or that root itself; the graph covers the whole body.
                    var isBody = block is IMethodBodyOperation || block is IConstructorBodyOperation
                        || (block is IBlockOperation && (block.Parent is null || block.Parent is IMethodBodyOperation || block.Parent is IConstructorBodyOperation));
                    if (!isBody)
                    {
                        continue;
                    }

                    if (!(usage.sdk.GraphOf(block, context.CancellationToken) is { } graph))
                    {
                        continue;
                    }

                    foreach (var body in CallOrder.WithNestedBodies(graph))
                    {
                        var order = usage.sdk.OrderOf(body);
                        if (order is null)
                        {
                            continue;
                        }

                        foreach (var (release, write) in candidates)
                        {
                            if (order.TryGetPoint(release.Call.Syntax, out var from)
                                && order.TryGetPoint(write.Origin!.Call.Syntax, out var to)
                                && order.Reaches(from, to))
                            {
                                Reobtains.Add(new ChannelReobtain(release.Call, write.Origin, release.Body));
                            }
                        }
                    }
                }
            }

            private bool IsOwn(IMethodSymbol method)
                => SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, usage.type.OriginalDefinition);

            private BodyRef BodyOf(IOperation operation)
            {
                for (var current = operation.Parent; current != null; current = current.Parent)
                {
                    if (current is IAnonymousFunctionOperation || current is ILocalFunctionOperation)
                    {
                        return new BodyRef(Owner, current.Syntax);
                    }
                }

                return new BodyRef(Owner, null);
            }

            private void OnInvocation(IInvocationOperation invocation)
            {
                var method = invocation.TargetMethod;
                if (IsOwn(method))
                {
                    Called.Add(method.OriginalDefinition);
                    OnOwnCall(invocation);
                    return;
                }

                if (invocation.Instance != null && Sdk.IsRealtimeChannel(method.ContainingType))
                {
                    if (ChannelCalls.IsSubscribe(invocation, Sdk))
                    {
                        var channel = ResolveChannel(invocation.Instance);
                        if (channel.Slot != null)
                        {
                            Subscriptions.Add(new Subscription(invocation, false, SubscriptionHolder.Slot, channel.Slot, null, default, BodyOf(invocation)));
                        }
                        else if (channel.Origin != null)
                        {
                            Subscriptions.Add(new Subscription(invocation, false, SubscriptionHolder.Direct, null, channel.Origin, channel.Origin.Client, BodyOf(invocation)));
                        }
                    }
                    else if (ChannelCalls.IsUnsubscribe(invocation, Sdk))
                    {
                        Releases.Add(new ChannelRelease(ReleaseKind.Unsubscribe, invocation, ResolveChannel(invocation.Instance), default, BodyOf(invocation)));
                    }
                    else if (ChannelCalls.IsSetUp(invocation, Sdk))
                    {
                        SetUps.Add(new ChannelSetUp(ResolveChannel(invocation.Instance), BodyOf(invocation), invocation));
                    }

                    return;
                }

                if (ChannelCalls.IsRemove(invocation, Sdk, out var removed))
                {
                    ChannelCalls.TryGetClient(invocation.Instance, Sdk, out var client);
                    Releases.Add(new ChannelRelease(ReleaseKind.Remove, invocation, ResolveChannel(removed), client, BodyOf(invocation)));
                    return;
                }

                if (ChannelCalls.IsDisconnect(invocation, Sdk))
                {
                    ChannelCalls.TryGetClient(invocation.Instance, Sdk, out var client);
                    Releases.Add(new ChannelRelease(ReleaseKind.Disconnect, invocation, default, client, BodyOf(invocation)));
                    return;
                }

                if (ChannelCalls.IsTableOn(invocation, Sdk, out var tableClient))
                {
                    OnTableOn(invocation, tableClient);
                }
            }

            private void OnTableOn(IInvocationOperation invocation, SymbolPath client)
            {
                IOperation node = invocation;
                var parent = SkipConversions(ref node);
                if (parent is IInvocationOperation configure && configure.TargetMethod.Name == "ConfigureAwait" && configure.Instance == node)
                {
                    node = configure;
                    parent = SkipConversions(ref node);
                }

                if (parent is IAwaitOperation awaited)
                {
                    node = awaited;
                    parent = SkipConversions(ref node);
                }

                var body = BodyOf(invocation);
                switch (parent)
                {
                    case IExpressionStatementOperation _:
                        Subscriptions.Add(new Subscription(invocation, true, SubscriptionHolder.Discarded, null, null, client, body));
                        break;
                    case ISimpleAssignmentOperation assignment when assignment.Value == node:
                        if (SymbolPath.Unwrap(assignment.Target) is IDiscardOperation)
                        {
                            Subscriptions.Add(new Subscription(invocation, true, SubscriptionHolder.Discarded, null, null, client, body));
                        }
                        else if (ChannelSlots.GetSlot(assignment.Target) is { } slot && usage.IsChannelType(SymbolPath.TypeOf(slot)))
                        {
                            Subscriptions.Add(new Subscription(invocation, true, SubscriptionHolder.Slot, slot, null, client, body));
                        }

                        break;
                    case IVariableInitializerOperation initializer when initializer.Parent is IVariableDeclaratorOperation declarator
                        && usage.IsChannelType(declarator.Symbol.Type):
                        Subscriptions.Add(new Subscription(invocation, true, SubscriptionHolder.Slot, declarator.Symbol, null, client, body));
                        break;
                }
            }

            private static IOperation? SkipConversions(ref IOperation node)
            {
                var parent = node.Parent;
                while (parent is IConversionOperation || parent is IParenthesizedOperation)
                {
                    node = parent;
                    parent = parent.Parent;
                }

                return parent;
            }

            private void OnWrite(IOperation target, IOperation value, IOperation syntax)
            {
                if (ChannelSlots.GetSlot(target) is { } slot && IsTrackedSlot(slot))
                {
                    OnWrite(slot, value, syntax);
                }
                else if (RefParameterOf(target) is { } parameter)
                {
                    OnRefParameterWrite(parameter, value, syntax);
                }
            }

            private void OnWrite(ISymbol slot, IOperation value, IOperation syntax)
            {
                var slotType = SymbolPath.TypeOf(slot);
                var unwrapped = ChannelSlots.UnwrapAwait(value);
                if (unwrapped is null)
                {
                    return;
                }

                if (usage.IsClientType(slotType))
                {
                    // null / default! placeholders (assigned for real later) say nothing about who created the client.
                    if (!(unwrapped is IDefaultValueOperation) && !(unwrapped is ILiteralOperation))
                    {
                        ClientWrites.Add((slot, unwrapped is IObjectCreationOperation));
                    }

                    return;
                }

                if (!usage.IsChannelType(slotType))
                {
                    return;
                }

                var body = BodyOf(syntax);
                Writes.Add(ChannelWrite.FromValue(slot, unwrapped, body, Sdk) ?? FromSlotOrOutside(slot, unwrapped, body));
            }

            /// <summary>A write of another slot's channel (<see cref="ChannelWriteKind.Slot"/>) or of one from outside.</summary>
            private static ChannelWrite FromSlotOrOutside(ISymbol slot, IOperation unwrapped, BodyRef body)
            {
                var source = ChannelSlots.GetSlot(unwrapped);
                return new ChannelWrite(slot, source != null ? ChannelWriteKind.Slot : ChannelWriteKind.Other, unwrapped, null, default, source, body);
            }

            private bool IsTrackedSlot(ISymbol slot)
            {
                if (slot is IFieldSymbol || slot is IPropertySymbol)
                {
                    if (!SymbolEqualityComparer.Default.Equals(slot.ContainingType?.OriginalDefinition, usage.type.OriginalDefinition))
                    {
                        return false;
                    }
                }

                var slotType = SymbolPath.TypeOf(slot);
                return usage.IsChannelType(slotType) || usage.IsChannelCollection(slotType) || usage.IsClientType(slotType);
            }

            private void OnEventAssignment(IEventAssignmentOperation assignment)
            {
                if (ChannelCalls.IsSetUpEvent(assignment, Sdk, out var channel))
                {
                    SetUps.Add(new ChannelSetUp(ResolveChannel(channel), BodyOf(assignment), assignment));
                    return;
                }

                if (assignment.Adds && assignment.EventReference is IEventReferenceOperation reference
                    && (reference.Instance is null || SymbolPath.Unwrap(reference.Instance) is IInstanceReferenceOperation)
                    && usage.lifetime.Value.IsClosedEvent(reference.Event))
                {
                    var handler = SymbolPath.Unwrap(assignment.HandlerValue);
                    if (handler is IDelegateCreationOperation creation)
                    {
                        handler = creation.Target;
                    }

                    switch (handler)
                    {
                        case IMethodReferenceOperation method when IsOwn(method.Method):
                            ClosedHandlers.Add(method.Method.OriginalDefinition);
                            break;
                        case IAnonymousFunctionOperation lambda:
                            ClosedLambdas.Add(lambda.Syntax);
                            break;
                    }
                }
            }
        }
    }
}
