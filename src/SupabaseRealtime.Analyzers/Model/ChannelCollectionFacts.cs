using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>The per-block gathering of the collection facts (see ChannelCollections.cs).</summary>
    internal sealed partial class ChannelUsage
    {
        private sealed partial class Collector
        {
            /// <summary>Collection methods that read or take out elements: a channel argument to them is not put in.</summary>
            private static bool IsReadingMethod(string name)
            {
                switch (name)
                {
                    case "Remove":
                    case "RemoveAt":
                    case "RemoveAll":
                    case "Contains":
                    case "ContainsKey":
                    case "ContainsValue":
                    case "IndexOf":
                    case "LastIndexOf":
                    case "BinarySearch":
                    case "TryGetValue":
                    case "TryRemove":
                    case "TryPeek":
                    case "TryPop":
                    case "TryDequeue":
                    case "TryTake":
                    case "Exists":
                    case "Find":
                    case "FindIndex":
                    case "FindLast":
                    case "FindAll":
                    case "TrueForAll":
                    case "ForEach":
                    case "Clear":
                    case "CopyTo":
                    case "GetEnumerator":
                        return true;
                    default:
                        return false;
                }
            }

            public List<ChannelWrite> ElementWrites { get; } = new List<ChannelWrite>();

            public List<(ISymbol, ISymbol)> ElementSlots { get; } = new List<(ISymbol, ISymbol)>();

            public HashSet<ISymbol> CollectionsHandedOver { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            public List<ElementSubscription> ElementSubscriptions { get; } = new List<ElementSubscription>();

            public List<RemoveGroup> RemoveGroups { get; } = new List<RemoveGroup>();

            public bool HasCollectionFacts
                => ElementWrites.Count > 0 || ElementSlots.Count > 0 || CollectionsHandedOver.Count > 0
                    || ElementSubscriptions.Count > 0 || RemoveGroups.Count > 0;

            /// <summary>
            /// What the walk of one block has seen so far for the collection facts: the locals and parameters that name
            /// an element, and whether the block touches a channel collection at all.
            /// </summary>
            private struct CollectionScan
            {
                public Dictionary<ISymbol, ISymbol>? Elements;
                public bool AnyCollection;
            }

            /// <summary>
            /// The first half of the collection facts, read during the block's one walk (<see cref="Walk(IOperation)"/>,
            /// <see cref="WalkWithoutSdk"/>): the locals and parameters that name an element, and whether any
            /// operation touches a channel collection.
            /// </summary>
            private void NoteCollectionFact(IOperation operation, ref CollectionScan scan)
            {
                // By kind: one test where a switch on the type tests each case's interface in turn.
                switch (operation.Kind)
                {
                    case OperationKind.Loop:
                        if (operation is IForEachLoopOperation loop && CollectionSource(loop.Collection) is { } looped)
                        {
                            foreach (var local in loop.Locals)
                            {
                                if (usage.IsChannelType(local.Type))
                                {
                                    AddElement(ref scan.Elements, local, looped);
                                }
                            }
                        }

                        break;
                    case OperationKind.AnonymousFunction:
                        var lambda = (IAnonymousFunctionOperation)operation;
                        foreach (var parameter in lambda.Symbol.Parameters)
                        {
                            if (usage.IsChannelType(parameter.Type) && LambdaCallbackCollection(lambda) is { } owner)
                            {
                                AddElement(ref scan.Elements, parameter, owner);
                            }
                        }

                        break;
                    case OperationKind.Invocation:
                        var invocation = (IInvocationOperation)operation;
                        if (CollectionField(invocation.Instance) is { } called)
                        {
                            scan.AnyCollection = true;
                            foreach (var argument in invocation.Arguments)
                            {
                                if (ChannelSlots.IsRefOrOut(argument.Parameter))
                                {
                                    var written = argument.Value is IDeclarationExpressionOperation declaration ? declaration.Expression : argument.Value;
                                    if (ChannelSlots.GetSlot(written) is ILocalSymbol outLocal && usage.IsChannelType(outLocal.Type))
                                    {
                                        // _rooms.TryGetValue(key, out var room)
                                        AddElement(ref scan.Elements, outLocal, called);
                                    }
                                }
                            }
                        }

                        break;
                    case OperationKind.VariableDeclarator:
                        var declarator = (IVariableDeclaratorOperation)operation;
                        if (declarator.GetVariableInitializer() is { } initializer
                            && usage.IsChannelType(declarator.Symbol.Type) && ElementRead(initializer.Value) is { } declared)
                        {
                            AddElement(ref scan.Elements, declarator.Symbol, declared);
                        }

                        break;
                    case OperationKind.SimpleAssignment:
                        var assignment = (ISimpleAssignmentOperation)operation;
                        if (ChannelSlots.GetSlot(assignment.Target) is ILocalSymbol target
                            && usage.IsChannelType(target.Type) && ElementRead(assignment.Value) is { } assigned)
                        {
                            AddElement(ref scan.Elements, target, assigned);
                        }

                        break;
                    case OperationKind.FieldReference:
                    case OperationKind.PropertyReference:
                        scan.AnyCollection |= usage.IsChannelCollection(operation.Type);
                        break;
                    case OperationKind.MethodReference:
                        scan.AnyCollection |= ((IMethodReferenceOperation)operation).Method.Name == "Remove";
                        break;
                    case OperationKind.FieldInitializer:
                        foreach (var field in ((IFieldInitializerOperation)operation).InitializedFields)
                        {
                            scan.AnyCollection |= usage.IsChannelCollection(field.Type);
                        }

                        break;
                    case OperationKind.PropertyInitializer:
                        foreach (var property in ((IPropertyInitializerOperation)operation).InitializedProperties)
                        {
                            scan.AnyCollection |= usage.IsChannelCollection(property.Type);
                        }

                        break;
                }
            }

            /// <summary>
            /// The second half, once the walk has named every element (so that their uses can be judged wherever they
            /// sit): writes into collection fields and the uses of elements. A block that touches no channel
            /// collection ends here.
            /// </summary>
            private void CollectCollectionFacts(IOperation root, CollectionScan scan)
            {
                var elements = scan.Elements;
                if (!scan.AnyCollection && elements is null)
                {
                    return;
                }

                foreach (var operation in Sdk.Operations.DescendantsAndSelf(root))
                {
                    if (!MayHoldFact(operation.Kind))
                    {
                        continue;
                    }

                    switch (operation.Kind)
                    {
                        case OperationKind.Invocation:
                            OnCollectionInvocation((IInvocationOperation)operation);
                            break;
                        case OperationKind.SimpleAssignment:
                            var assignment = (ISimpleAssignmentOperation)operation;
                            OnCollectionAssignment(assignment.Target, assignment.Value, assignment);
                            break;
                        case OperationKind.CoalesceAssignment:
                            var coalesce = (ICoalesceAssignmentOperation)operation;
                            OnCollectionAssignment(coalesce.Target, coalesce.Value, coalesce);
                            break;
                        case OperationKind.FieldInitializer:
                            var fieldInitializer = (IFieldInitializerOperation)operation;
                            foreach (var field in fieldInitializer.InitializedFields)
                            {
                                OnWholeCollectionWrite(field, fieldInitializer.Value, fieldInitializer);
                            }

                            break;
                        case OperationKind.PropertyInitializer:
                            var propertyInitializer = (IPropertyInitializerOperation)operation;
                            foreach (var property in propertyInitializer.InitializedProperties)
                            {
                                OnWholeCollectionWrite(property, propertyInitializer.Value, propertyInitializer);
                            }

                            break;
                        case OperationKind.MethodReference:
                            var method = (IMethodReferenceOperation)operation;
                            if (method.Method.Name == "Remove" && Sdk.IsRealtimeClient(method.Method.ContainingType))
                            {
                                ChannelCalls.TryGetClient(method.Instance, Sdk, out var client);
                                RemoveGroups.Add(new RemoveGroup(client, MethodGroupCollection(method), BodyOf(method)));
                            }

                            break;
                        case OperationKind.LocalReference:
                            var local = (ILocalReferenceOperation)operation;
                            if (elements != null && !local.IsDeclaration && elements.TryGetValue(local.Local, out var ofLocal))
                            {
                                OnElementUse(local, ofLocal, elements);
                            }

                            break;
                        case OperationKind.ParameterReference:
                            var parameter = (IParameterReferenceOperation)operation;
                            if (elements != null && elements.TryGetValue(parameter.Parameter, out var ofParameter))
                            {
                                OnElementUse(parameter, ofParameter, elements);
                            }

                            break;
                        case OperationKind.PropertyReference:
                        case OperationKind.ArrayElementReference:
                            if (ElementRead(operation) is { } read)
                            {
                                OnElementUse(operation, read, elements);
                            }

                            break;
                    }
                }
            }

            private void AddElement(ref Dictionary<ISymbol, ISymbol>? elements, ISymbol slot, ISymbol collection)
            {
                elements ??= new Dictionary<ISymbol, ISymbol>(SymbolEqualityComparer.Default);
                elements[slot] = collection;
                ElementSlots.Add((slot, collection));
            }

            /// <summary>A collection field of the type that <paramref name="operation"/> names directly (<c>_rooms</c>, <c>this._rooms</c>).</summary>
            private ISymbol? CollectionField(IOperation? operation)
            {
                var slot = ChannelSlots.GetSlot(operation);
                return (slot is IFieldSymbol || slot is IPropertySymbol) && IsTrackedSlot(slot) && usage.IsChannelCollection(SymbolPath.TypeOf(slot)) ? slot : null;
            }

            /// <summary>The collection an element read comes from (<c>_rooms[key]</c>, <c>_rooms[0]</c>, <c>pair.Value</c>, <c>_rooms.First()</c>).</summary>
            private ISymbol? ElementRead(IOperation? operation)
            {
                var unwrapped = SymbolPath.Unwrap(operation);
                if (unwrapped is null || !usage.IsChannelType(unwrapped.Type)
                    || !(unwrapped is IPropertyReferenceOperation || unwrapped is IArrayElementReferenceOperation || unwrapped is IInvocationOperation))
                {
                    return null;
                }

                var channel = ResolveChannel(unwrapped);
                return channel.Slot is null && channel.Origin is null ? channel.Collection : null;
            }

            /// <summary>For a lambda passed to a method of a collection field (<c>_rooms.ForEach(room => ...)</c>): the collection.</summary>
            private ISymbol? LambdaCallbackCollection(IAnonymousFunctionOperation lambda) => CallbackCollection(lambda);

            /// <summary>For <c>_rooms.ForEach(client.Remove)</c>: the collection the method group is applied to.</summary>
            private ISymbol? MethodGroupCollection(IMethodReferenceOperation method) => CallbackCollection(method);

            /// <summary>The collection whose method <paramref name="callback"/> (a lambda or a method group) is passed to.</summary>
            private ISymbol? CallbackCollection(IOperation callback)
            {
                for (var up = callback.Parent; up != null; up = up.Parent)
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

            /// <summary>A call on a collection field: values put in (<c>Add</c>, <c>Insert</c>, <c>TryAdd</c>, ...), or a subscription of an unnamed element.</summary>
            private void OnCollectionInvocation(IInvocationOperation invocation)
            {
                if (invocation.Instance != null && ChannelCalls.IsSubscribe(invocation, Sdk))
                {
                    var channel = ResolveChannel(invocation.Instance);
                    if (channel.Slot is null && channel.Origin is null && channel.Collection != null)
                    {
                        ElementSubscriptions.Add(new ElementSubscription(invocation, channel.Collection, BodyOf(invocation)));
                    }

                    return;
                }

                if (!(CollectionField(invocation.Instance) is { } collection) || IsReadingMethod(invocation.TargetMethod.Name))
                {
                    return;
                }

                foreach (var argument in invocation.Arguments)
                {
                    OnElementArgument(collection, argument.Parameter, argument.Value, invocation);
                }
            }

            /// <summary>An argument of a call that may put values into <paramref name="collection"/>.</summary>
            private void OnElementArgument(ISymbol collection, IParameterSymbol? parameter, IOperation value, IOperation syntax)
            {
                if (parameter != null && parameter.RefKind != RefKind.None)
                {
                    return;
                }

                var type = SymbolPath.Unwrap(value)?.Type ?? value.Type;
                if (usage.IsChannelType(type) || usage.IsChannelType(parameter?.Type))
                {
                    ElementWrites.Add(Classify(collection, value, syntax));
                }
                else if (usage.IsChannelCollection(type)
                    || (parameter?.Type is INamedTypeSymbol { TypeKind: TypeKind.Delegate } callback && ReturnsChannelLike(callback))
                    || (type is INamedTypeSymbol { TypeKind: TypeKind.Delegate } delegateType && ReturnsChannelLike(delegateType)))
                {
                    // AddRange(others), GetOrAdd(key, k => ...): values the model does not read.
                    CollectionsHandedOver.Add(collection);
                }
            }

            private bool ReturnsChannelLike(INamedTypeSymbol delegateType)
            {
                var returned = delegateType.DelegateInvokeMethod?.ReturnType;
                return usage.IsChannelType(returned)
                    || (returned is INamedTypeSymbol named && named.IsGenericType && named.TypeArguments.Length == 1 && usage.IsChannelType(named.TypeArguments[0]));
            }

            /// <summary><c>_rooms[key] = channel</c>, <c>_rooms[0] = channel</c>, or a write of the whole collection field.</summary>
            private void OnCollectionAssignment(IOperation target, IOperation value, IOperation syntax)
            {
                switch (SymbolPath.Unwrap(target))
                {
                    case IPropertyReferenceOperation indexer when !indexer.Arguments.IsEmpty && CollectionField(indexer.Instance) is { } collection:
                        ElementWrites.Add(Classify(collection, value, syntax));
                        return;
                    case IArrayElementReferenceOperation element when CollectionField(element.ArrayReference) is { } array:
                        ElementWrites.Add(Classify(array, value, syntax));
                        return;
                }

                if (CollectionField(target) is { } whole)
                {
                    OnWholeCollectionWrite(whole, value, syntax);
                }
            }

            /// <summary>
            /// A write of a whole collection field: <c>new List&lt;RealtimeChannel&gt;()</c> (with a capacity or comparer),
            /// <c>new RealtimeChannel[n]</c>, <c>null</c> and <c>[]</c> put nothing in; initializer elements are element writes;
            /// any other value (a parameter, a method's result, a query) brings in channels the model does not read.
            /// </summary>
            private void OnWholeCollectionWrite(ISymbol collection, IOperation value, IOperation syntax)
            {
                if (!((collection is IFieldSymbol || collection is IPropertySymbol) && IsTrackedSlot(collection) && usage.IsChannelCollection(SymbolPath.TypeOf(collection))))
                {
                    return;
                }

                var unwrapped = SymbolPath.Unwrap(value);
                switch (unwrapped)
                {
                    case IDefaultValueOperation _:
                    case ILiteralOperation literal when literal.ConstantValue.HasValue && literal.ConstantValue.Value is null:
                        return;
                    case IObjectCreationOperation creation:
                        foreach (var argument in creation.Arguments)
                        {
                            var type = argument.Value.Type;
                            if (usage.IsChannelType(type) || usage.IsChannelCollection(type) || !(type is null || type.SpecialType != SpecialType.None || IsComparer(type)))
                            {
                                CollectionsHandedOver.Add(collection);
                                return;
                            }
                        }

                        if (creation.Initializer != null)
                        {
                            foreach (var initializer in creation.Initializer.Initializers)
                            {
                                switch (initializer)
                                {
                                    case IInvocationOperation add:
                                        foreach (var argument in add.Arguments)
                                        {
                                            OnElementArgument(collection, argument.Parameter, argument.Value, add);
                                        }

                                        break;
                                    case ISimpleAssignmentOperation indexed:
                                        OnElementArgument(collection, null, indexed.Value, indexed);
                                        break;
                                    default:
                                        CollectionsHandedOver.Add(collection);
                                        return;
                                }
                            }
                        }

                        return;
                    case IArrayCreationOperation array:
                        if (array.Initializer != null)
                        {
                            foreach (var element in array.Initializer.ElementValues)
                            {
                                OnElementArgument(collection, null, element, array);
                            }
                        }

                        return;
                    case null:
                        return;
                    default:
                        // C# 12 [] (no operation of its own in the Roslyn this package compiles against): empty.
                        if (unwrapped.Syntax.ToString().Replace(" ", string.Empty) == "[]")
                        {
                            return;
                        }

                        CollectionsHandedOver.Add(collection);
                        return;
                }
            }

            private static bool IsComparer(ITypeSymbol type)
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    if (implemented.Name == "IEqualityComparer" || implemented.Name == "IComparer")
                    {
                        return true;
                    }
                }

                return type.Name == "IEqualityComparer" || type.Name == "IComparer";
            }

            /// <summary>What one value put into a collection is (the same kinds as a slot write).</summary>
            private ChannelWrite Classify(ISymbol collection, IOperation value, IOperation syntax)
            {
                var body = BodyOf(syntax);
                var unwrapped = ChannelSlots.UnwrapAwait(value) ?? value;
                if (ChannelWrite.FromValue(collection, unwrapped, body, Sdk) is { } known)
                {
                    return known;
                }

                switch (unwrapped)
                {
                    case ILocalReferenceOperation local:
                        return new ChannelWrite(collection, ChannelWriteKind.Slot, unwrapped, null, default, local.Local, body);
                    default:
                        return new ChannelWrite(collection, ChannelWriteKind.Other, unwrapped, null, default, ChannelSlots.GetSlot(unwrapped), body);
                }
            }

            /// <summary>True for <c>var room = _rooms[key]</c> / <c>room = _rooms[key]</c>: <paramref name="node"/> is an element read kept in a channel local.</summary>
            private bool IsElementAlias(IOperation node, IOperation target)
                => ChannelSlots.GetSlot(target) is ILocalSymbol local && IsElementAlias(node, local);

            private bool IsElementAlias(IOperation node, ISymbol local)
                => local is ILocalSymbol channelLocal && usage.IsChannelType(channelLocal.Type) && ElementRead(node) != null;

            /// <summary>
            /// A use of an element of <paramref name="collection"/>: calling its methods, reading its members, releasing it,
            /// logging it, comparing it or putting it back keeps it here; anything else hands it over.
            /// </summary>
            private void OnElementUse(IOperation reference, ISymbol collection, Dictionary<ISymbol, ISymbol>? elements)
            {
                IOperation node = reference;
                var parent = SkipConversions(ref node);
                switch (parent)
                {
                    case IInvocationOperation invocation when invocation.Instance == node:
                        if (Sdk.IsRealtimeChannel(invocation.TargetMethod.ContainingType) && ReturnsChannel(invocation) && !IsResultDiscarded(invocation))
                        {
                            CollectionsHandedOver.Add(collection);
                        }

                        return;
                    case IConditionalAccessOperation access when access.Operation == node:
                        if (access.WhenNotNull is IInvocationOperation conditional && ReturnsChannel(conditional) && !IsResultDiscarded(conditional))
                        {
                            CollectionsHandedOver.Add(collection);
                        }

                        return;
                    case IMethodReferenceOperation _:
                        CollectionsHandedOver.Add(collection);
                        return;
                    case IMemberReferenceOperation member when member.Instance == node:
                    case IBinaryOperation _:
                    case IIsNullOperation _:
                    case IIsTypeOperation _:
                    case INameOfOperation _:
                    case IInterpolationOperation _:
                    case IExpressionStatementOperation _:
                    case IDeclarationExpressionOperation _:
                        return;
                    case IIsPatternOperation pattern when !DeclaresVariable(pattern.Pattern):
                        return;
                    case IArgumentOperation argument when argument.Parent is IInvocationOperation call:
                        if (ChannelCalls.IsRemove(call, Sdk, out _) || IsFormattingSink(call, argument)
                            || SymbolEqualityComparer.Default.Equals(CollectionField(call.Instance), collection))
                        {
                            return;
                        }

                        CollectionsHandedOver.Add(collection);
                        return;
                    case ISimpleAssignmentOperation assignment when assignment.Target == node:
                        return;
                    case ISimpleAssignmentOperation assignment when assignment.Value == node:
                        if (KeepsElementOf(assignment.Target, collection, elements))
                        {
                            return;
                        }

                        CollectionsHandedOver.Add(collection);
                        return;
                    case IVariableInitializerOperation initializer when initializer.Parent is IVariableDeclaratorOperation declarator:
                        if (elements != null && elements.TryGetValue(declarator.Symbol, out var kept) && SymbolEqualityComparer.Default.Equals(kept, collection))
                        {
                            return;
                        }

                        CollectionsHandedOver.Add(collection);
                        return;
                    default:
                        CollectionsHandedOver.Add(collection);
                        return;
                }
            }

            /// <summary>True when an element of <paramref name="collection"/> written into <paramref name="target"/> stays one: a discard, an element of it, or a local naming its elements.</summary>
            private bool KeepsElementOf(IOperation target, ISymbol collection, Dictionary<ISymbol, ISymbol>? elements)
            {
                var unwrapped = SymbolPath.Unwrap(target);
                switch (unwrapped)
                {
                    case IDiscardOperation _:
                        return true;
                    case IPropertyReferenceOperation indexer when !indexer.Arguments.IsEmpty:
                        return SymbolEqualityComparer.Default.Equals(CollectionField(indexer.Instance), collection);
                    case IArrayElementReferenceOperation element:
                        return SymbolEqualityComparer.Default.Equals(CollectionField(element.ArrayReference), collection);
                    case ILocalReferenceOperation local:
                        return elements != null && elements.TryGetValue(local.Local, out var kept) && SymbolEqualityComparer.Default.Equals(kept, collection);
                    default:
                        return false;
                }
            }
        }
    }
}
