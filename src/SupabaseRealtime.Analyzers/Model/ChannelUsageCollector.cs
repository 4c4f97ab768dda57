using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;
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

            public void Walk(IOperation root)
            {
                CollectCollectionFacts(root);
                foreach (var operation in root.DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case IInvocationOperation invocation:
                            OnInvocation(invocation);
                            break;
                        case ISimpleAssignmentOperation assignment:
                            OnWrite(assignment.Target, assignment.Value, assignment);
                            break;
                        case ICoalesceAssignmentOperation coalesce:
                            OnWrite(coalesce.Target, coalesce.Value, coalesce);
                            break;
                        case IVariableDeclaratorOperation declarator when declarator.GetVariableInitializer() is { } initializer:
                            OnWrite(declarator.Symbol, initializer.Value, declarator);
                            break;
                        case IFieldInitializerOperation fieldInitializer:
                            foreach (var field in fieldInitializer.InitializedFields)
                            {
                                OnWrite(field, fieldInitializer.Value, fieldInitializer);
                            }

                            break;
                        case IPropertyInitializerOperation propertyInitializer:
                            foreach (var property in propertyInitializer.InitializedProperties)
                            {
                                OnWrite(property, propertyInitializer.Value, propertyInitializer);
                            }

                            break;
                        case ILocalReferenceOperation _:
                        case IFieldReferenceOperation _:
                        case IPropertyReferenceOperation _:
                            OnReference(operation);
                            break;
                        case IParameterReferenceOperation parameter:
                            OnParameterReference(parameter);
                            break;
                        case IEventAssignmentOperation eventAssignment:
                            OnEventAssignment(eventAssignment);
                            break;
                        case IMethodReferenceOperation methodReference when IsOwn(methodReference.Method):
                            Called.Add(methodReference.Method.OriginalDefinition);
                            OnOwnMethodReference(methodReference);
                            break;
                    }
                }
            }

            /// <summary>
            /// <see cref="Walk"/> for a block that does not reference the SDK (<see cref="SdkSymbols.ReferencesSdk"/>).
            /// Every operation Walk looks at is then typed by a type that is not, and is not made from, an SDK type,
            /// so no write or use of a channel or client can be in it; what is left are calls and method
            /// references (the type's own methods), event handlers (<c>Closed</c>), and uses of channel arrays
            /// (an array of an SDK type is not SDK-typed itself), which this walk still follows.
            /// </summary>
            public void WalkWithoutSdk(IOperation root)
            {
                CollectCollectionFacts(root);
                foreach (var operation in root.DescendantsAndSelf())
                {
                    switch (operation)
                    {
                        case IInvocationOperation invocation:
                            OnInvocation(invocation);
                            break;
                        case ILocalReferenceOperation _ when operation.Type is IArrayTypeSymbol:
                        case IFieldReferenceOperation _ when operation.Type is IArrayTypeSymbol:
                        case IPropertyReferenceOperation _ when operation.Type is IArrayTypeSymbol:
                            OnReference(operation);
                            break;
                        case IEventAssignmentOperation eventAssignment:
                            OnEventAssignment(eventAssignment);
                            break;
                        case IMethodReferenceOperation methodReference when IsOwn(methodReference.Method):
                            Called.Add(methodReference.Method.OriginalDefinition);
                            OnOwnMethodReference(methodReference);
                            break;
                    }
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
                        var order = CallOrder.Create(body);
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
                        else if (ChannelSlots.GetSlot(assignment.Target) is { } slot && usage.IsChannelType(TypeOf(slot)))
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
                var slotType = TypeOf(slot);
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

                var slotType = TypeOf(slot);
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

            /// <summary>What a channel expression refers to: a slot, a <c>Channel(...)</c> call, or an element of a collection field.</summary>
            private ChannelRef ResolveChannel(IOperation? operation)
            {
                var unwrapped = SymbolPath.Unwrap(operation);
                switch (unwrapped)
                {
                    case ILocalReferenceOperation local:
                        return new ChannelRef(local.Local, null, LoopCollection(local));
                    case IParameterReferenceOperation parameter:
                        return new ChannelRef(parameter.Parameter, null, LambdaCollection(parameter));
                    case IInvocationOperation call when ChannelOrigin.TryGetFromCall(call, Sdk, out var origin):
                        return new ChannelRef(null, origin, null);
                    case IArrayElementReferenceOperation element:
                        return new ChannelRef(null, null, CollectionSource(element.ArrayReference));
                    case IPropertyReferenceOperation member when member.Arguments.IsEmpty
                        && SymbolPath.Unwrap(member.Instance) is ILocalReferenceOperation pair && LoopCollection(pair) is { } pairs:
                        // foreach (var pair in _channels) client.Remove(pair.Value)
                        return new ChannelRef(null, null, pairs);
                    case IPropertyReferenceOperation indexer when !indexer.Arguments.IsEmpty:
                        return new ChannelRef(null, null, CollectionSource(indexer.Instance));
                    case IInvocationOperation elementCall:
                        return new ChannelRef(null, null, CollectionSource(Receiver(elementCall)));
                }

                var slot = ChannelSlots.GetSlot(unwrapped);
                return slot != null ? new ChannelRef(slot, null, null) : default;
            }

            /// <summary>For a loop variable of <c>foreach (var c in _channels)</c> (or <c>_channels.Values</c>, ...): the collection field.</summary>
            private ISymbol? LoopCollection(ILocalReferenceOperation reference)
            {
                for (var current = reference.Parent; current != null; current = current.Parent)
                {
                    if (current is IForEachLoopOperation loop)
                    {
                        foreach (var local in loop.Locals)
                        {
                            if (SymbolEqualityComparer.Default.Equals(local, reference.Local))
                            {
                                return CollectionSource(loop.Collection);
                            }
                        }
                    }
                }

                return null;
            }

            /// <summary>For a parameter of a lambda passed to a method of a collection field (<c>_channels.ForEach(c => ...)</c>): the collection field.</summary>
            private ISymbol? LambdaCollection(IParameterReferenceOperation reference)
            {
                if (!(reference.Parameter.ContainingSymbol is IMethodSymbol lambdaSymbol) || lambdaSymbol.MethodKind != MethodKind.AnonymousFunction)
                {
                    return null;
                }

                for (var current = reference.Parent; current != null; current = current.Parent)
                {
                    if (current is IAnonymousFunctionOperation lambda && SymbolEqualityComparer.Default.Equals(lambda.Symbol, lambdaSymbol))
                    {
                        for (var up = lambda.Parent; up != null; up = up.Parent)
                        {
                            if (up is IInvocationOperation invocation)
                            {
                                return CollectionSource(Receiver(invocation));
                            }

                            if (!(up is IDelegateCreationOperation || up is IConversionOperation || up is IArgumentOperation))
                            {
                                return null;
                            }
                        }

                        return null;
                    }
                }

                return null;
            }

            /// <summary>The receiver of a call: its instance, or the first argument of a reduced extension method.</summary>
            private static IOperation? Receiver(IInvocationOperation invocation)
            {
                if (invocation.Instance != null)
                {
                    return invocation.Instance;
                }

                if (invocation.TargetMethod.IsExtensionMethod)
                {
                    foreach (var argument in invocation.Arguments)
                    {
                        if (argument.Parameter?.Ordinal == 0)
                        {
                            return argument.Value;
                        }
                    }
                }

                return null;
            }

            /// <summary>The collection field of the type an expression is taken from: <c>_channels</c>, <c>_channels.Values</c>, <c>_channels.ToList()</c>.</summary>
            private ISymbol? CollectionSource(IOperation? operation)
            {
                for (var depth = 0; depth < 8; depth++)
                {
                    var unwrapped = SymbolPath.Unwrap(operation);
                    var slot = ChannelSlots.GetSlot(unwrapped);
                    if (slot != null)
                    {
                        return (slot is IFieldSymbol || slot is IPropertySymbol) && IsTrackedSlot(slot) && usage.IsChannelCollection(TypeOf(slot)) ? slot : null;
                    }

                    switch (unwrapped)
                    {
                        case IPropertyReferenceOperation property:
                            operation = property.Instance;
                            break;
                        case IInvocationOperation invocation:
                            operation = Receiver(invocation);
                            break;
                        default:
                            return null;
                    }
                }

                return null;
            }

            private void OnReference(IOperation reference)
            {
                var slot = ChannelSlots.GetSlot(reference);
                if (slot is null || SymbolPath.Unwrap(reference) != reference || !IsTrackedSlot(slot))
                {
                    return;
                }

                var slotType = TypeOf(slot);
                var isChannel = usage.IsChannelType(slotType);
                var isCollection = !isChannel && usage.IsChannelCollection(slotType);
                if (!isChannel && !isCollection)
                {
                    return;
                }

                FollowUse(slot, reference, isChannel, isCollection);
            }

            /// <summary>Follows one use of a channel (or collection) slot up the tree: a call on it, a release, a store, or an escape.</summary>
            private void FollowUse(ISymbol slot, IOperation reference, bool isChannel, bool isCollection)
            {
                IOperation node = reference;
                for (var depth = 0; depth < 8; depth++)
                {
                    var parent = SkipConversions(ref node);
                    switch (parent)
                    {
                        case null:
                            return;
                        case IConditionalAccessOperation access when access.Operation == node:
                            // _channel?.Member: a use of the channel itself.
                            return;
                        case IInvocationOperation invocation when invocation.Instance == node:
                            if (isChannel && ReturnsChannel(invocation) && !IsResultDiscarded(invocation) && !IsReturnedRefParameter(slot, invocation))
                            {
                                Escaped.Add(slot);
                            }
                            else if (isCollection && usage.IsChannelCollection(invocation.Type))
                            {
                                // _channels.ToList(): follow the copy.
                                node = invocation;
                                continue;
                            }

                            return;
                        case IMemberReferenceOperation member when member.Instance == node:
                            if (isCollection && member is IPropertyReferenceOperation property
                                && (usage.IsChannelCollection(property.Type) || usage.IsChannelType(property.Type)))
                            {
                                // _channels.Values, _channels[key]: follow the values or the element.
                                node = member;
                                continue;
                            }

                            return;
                        case IArrayElementReferenceOperation element when isCollection && element.ArrayReference == node:
                            node = element;
                            continue;
                        case IArrayInitializerOperation initializer when initializer.Parent is IArrayCreationOperation creation
                            && creation.Parent is IArgumentOperation { ArgumentKind: ArgumentKind.ParamArray }:
                            // Logger.LogInformation("{A} {B}", channel, other): the params array goes to the call.
                            node = creation;
                            continue;
                        case IArgumentOperation argument:
                            OnArgument(slot, isCollection, argument, ref node);
                            if (node == argument)
                            {
                                return;
                            }

                            continue;
                        case ISimpleAssignmentOperation assignment when assignment.Target == node:
                            return;
                        case ISimpleAssignmentOperation assignment when assignment.Value == node:
                            if (!(isCollection && IsElementAlias(node, assignment.Target)))
                            {
                                OnAssignedTo(slot, isCollection, assignment.Target, reference);
                            }

                            return;
                        case ICompoundAssignmentOperation compound when compound.Target == node:
                        case ICoalesceAssignmentOperation coalesce when coalesce.Target == node:
                            return;
                        case IVariableInitializerOperation initializer when isCollection && initializer.Parent is IVariableDeclaratorOperation alias
                            && IsElementAlias(node, alias.Symbol):
                            // var room = _rooms[key]: an element kept in a local (see ChannelCollections.cs).
                            return;
                        case IVariableInitializerOperation _:
                            // var other = _channel: another name for the channel; the model does not follow it.
                            Escaped.Add(slot);
                            return;
                        case IIsPatternOperation pattern when DeclaresVariable(pattern.Pattern):
                            // _channel is RealtimeChannel channel: another name for the channel.
                            Escaped.Add(slot);
                            return;
                        case IBinaryOperation _:
                        case IIsPatternOperation _:
                        case IIsTypeOperation _:
                        case IIsNullOperation _:
                        case INameOfOperation _:
                        case IInterpolationOperation _:
                        case IExpressionStatementOperation _:
                            return;
                        case IForEachLoopOperation loop when loop.Collection == node:
                            return;
                        case IAwaitOperation _ when isChannel:
                            return;
                        default:
                            Escaped.Add(slot);
                            return;
                    }
                }

                Escaped.Add(slot);
            }

            private void OnArgument(ISymbol slot, bool isCollection, IArgumentOperation argument, ref IOperation node)
            {
                if (!(argument.Parent is IInvocationOperation invocation))
                {
                    Escaped.Add(slot);
                    node = argument;
                    return;
                }

                if (ChannelCalls.IsRemove(invocation, Sdk, out _) || IsFormattingSink(invocation, argument))
                {
                    node = argument;
                    return;
                }

                if (isCollection)
                {
                    // Enumerable.ToList(_channels), _channels.Where(...): follow the result when it is still a collection of channels.
                    if (invocation.TargetMethod.IsExtensionMethod && argument.Parameter?.Ordinal == 0 && invocation.Instance is null
                        && usage.IsChannelCollection(invocation.Type))
                    {
                        node = invocation;
                        return;
                    }

                    if (invocation.TargetMethod.IsExtensionMethod && argument.Parameter?.Ordinal == 0 && invocation.Instance is null
                        && IsResultDiscarded(invocation))
                    {
                        // _channels.ForEach-style extension whose result is unused.
                        node = argument;
                        return;
                    }

                    Escaped.Add(slot);
                    node = argument;
                    return;
                }

                // _channels.Add(channel), _channels.TryAdd(key, channel), _channels[key] = channel (see OnAssignedTo).
                if (slot is ILocalSymbol && CollectionSource(invocation.Instance) is { } collection
                    && !(invocation.Instance is null))
                {
                    Stores.Add(new ChannelStore(slot, collection, true, BodyOf(argument)));
                    node = argument;
                    return;
                }

                if (IsRefPassToOwnMethod(slot, argument, invocation))
                {
                    // SetUp(ref _channel, "orders"): followed into the helper when the type completes (ChannelUsageHelpers.cs).
                    node = argument;
                    return;
                }

                Escaped.Add(slot);
                node = argument;
            }

            private void OnAssignedTo(ISymbol slot, bool isCollection, IOperation target, IOperation reference)
            {
                var unwrappedTarget = SymbolPath.Unwrap(target);
                if (unwrappedTarget is IDiscardOperation)
                {
                    return;
                }

                if (!isCollection && slot is ILocalSymbol)
                {
                    var targetSlot = ChannelSlots.GetSlot(unwrappedTarget);
                    if (targetSlot is IFieldSymbol || targetSlot is IPropertySymbol)
                    {
                        if (IsTrackedSlot(targetSlot))
                        {
                            Stores.Add(new ChannelStore(slot, targetSlot, false, BodyOf(reference)));
                            return;
                        }
                    }

                    switch (unwrappedTarget)
                    {
                        case IPropertyReferenceOperation indexer when !indexer.Arguments.IsEmpty && CollectionSource(indexer.Instance) is { } collection:
                            Stores.Add(new ChannelStore(slot, collection, true, BodyOf(reference)));
                            return;
                        case IArrayElementReferenceOperation element when CollectionSource(element.ArrayReference) is { } array:
                            Stores.Add(new ChannelStore(slot, array, true, BodyOf(reference)));
                            return;
                    }
                }

                Escaped.Add(slot);
            }

            private static bool DeclaresVariable(IPatternOperation pattern)
            {
                foreach (var operation in pattern.DescendantsAndSelf())
                {
                    if ((operation is IDeclarationPatternOperation declaration && declaration.DeclaredSymbol != null)
                        || (operation is IRecursivePatternOperation recursive && recursive.DeclaredSymbol != null))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>Channel methods whose result is the channel again (<c>Subscribe</c>, <c>Unsubscribe</c>, <c>Register</c>, <c>OnPostgresChange</c>).</summary>
            private bool ReturnsChannel(IInvocationOperation invocation)
            {
                var returned = invocation.TargetMethod.ReturnType;
                if (usage.IsChannelType(returned))
                {
                    return true;
                }

                return returned is INamedTypeSymbol named && named.IsGenericType && named.TypeArguments.Length == 1
                    && usage.IsChannelType(named.TypeArguments[0]);
            }

            /// <summary>
            /// True when the argument goes to logging or string formatting (an <c>object</c> or <c>params object[]</c>
            /// parameter of ILogger's extensions, Console, Debug, Trace, TextWriter, StringBuilder, string, Unity's Debug):
            /// those read the channel's text and keep nothing that could release it.
            /// </summary>
            private static bool IsFormattingSink(IInvocationOperation invocation, IArgumentOperation argument)
            {
                var parameter = argument.Parameter;
                var container = invocation.TargetMethod.ContainingType;
                if (parameter is null || container is null)
                {
                    return false;
                }

                var objectLike = parameter.Type.SpecialType == SpecialType.System_Object
                    || (parameter.IsParams && parameter.Type is IArrayTypeSymbol array && array.ElementType.SpecialType == SpecialType.System_Object);
                if (!objectLike)
                {
                    return false;
                }

                if (container.SpecialType == SpecialType.System_String)
                {
                    return true;
                }

                switch (container.ContainingNamespace?.ToDisplayString())
                {
                    case "Microsoft.Extensions.Logging":
                        return true;
                    case "System":
                        return container.Name == "Console";
                    case "System.Diagnostics":
                        return container.Name == "Debug" || container.Name == "Trace";
                    case "System.IO":
                        return container.Name == "TextWriter";
                    case "System.Text":
                        return container.Name == "StringBuilder";
                    case "UnityEngine":
                        return container.Name == "Debug";
                    default:
                        return false;
                }
            }

            /// <summary>
            /// True when every use of <paramref name="local"/> in the body that holds <paramref name="within"/> only looks at the
            /// channel: a member read (<c>joined.Topic</c>), an interpolation, a comparison, or an argument to logging or formatting.
            /// </summary>
            private static bool IsOnlyInspected(ILocalSymbol local, IOperation within)
            {
                var root = within;
                while (root.Parent != null)
                {
                    root = root.Parent;
                }

                foreach (var operation in root.Descendants())
                {
                    if (!(operation is ILocalReferenceOperation reference) || !SymbolEqualityComparer.Default.Equals(reference.Local, local))
                    {
                        continue;
                    }

                    IOperation node = reference;
                    var parent = SkipConversions(ref node);
                    if (parent is IArrayInitializerOperation initializer && initializer.Parent is IArrayCreationOperation creation
                        && creation.Parent is IArgumentOperation { ArgumentKind: ArgumentKind.ParamArray })
                    {
                        node = creation;
                        parent = creation.Parent;
                    }

                    switch (parent)
                    {
                        case IPropertyReferenceOperation property when property.Instance == node && property.Arguments.IsEmpty:
                        case IFieldReferenceOperation field when field.Instance == node:
                        case IInterpolationOperation _:
                        case IBinaryOperation _:
                        case IIsNullOperation _:
                        case IConditionalAccessOperation access when access.Operation == node && access.WhenNotNull is IMemberReferenceOperation && !(access.WhenNotNull is IMethodReferenceOperation):
                            continue;
                        case IArgumentOperation argument when argument.Parent is IInvocationOperation call && IsFormattingSink(call, argument):
                            continue;
                        default:
                            return false;
                    }
                }

                return true;
            }

            /// <summary>True when the result of <paramref name="invocation"/> is dropped: a statement, awaited as a statement, discarded, or chained into another channel call.</summary>
            private bool IsResultDiscarded(IInvocationOperation invocation)
            {
                IOperation node = invocation;
                for (var depth = 0; depth < 16; depth++)
                {
                    var parent = SkipConversions(ref node);
                    switch (parent)
                    {
                        case IExpressionStatementOperation _:
                            return true;
                        case IAwaitOperation awaited:
                            node = awaited;
                            continue;
                        case IConditionalAccessOperation access when access.WhenNotNull == node:
                            node = access;
                            continue;
                        case IInvocationOperation next when next.Instance == node
                            && (next.TargetMethod.Name == "ConfigureAwait" || Sdk.IsRealtimeChannel(next.TargetMethod.ContainingType)):
                            node = next;
                            continue;
                        case ISimpleAssignmentOperation assignment when assignment.Value == node && SymbolPath.Unwrap(assignment.Target) is IDiscardOperation:
                            return true;
                        case IVariableInitializerOperation initializer when initializer.Parent is IVariableDeclaratorOperation declarator:
                            // var joined = await channel.Subscribe(): the same channel under another name; kept for a look
                            // (its Topic, a log line) it goes to no one who could release it.
                            return IsOnlyInspected(declarator.Symbol, invocation);
                        default:
                            return false;
                    }
                }

                return false;
            }
        }
    }
}
