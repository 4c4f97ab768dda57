using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;

namespace SupabaseRealtime.Analyzers.Model
{
    internal sealed partial class ChannelUsage
    {
        /// <summary>The usage walk: what a read of a channel or collection slot does with it: a call on it, a hand-over to other code, a copy, or only a look (logging, formatting, a discarded result).</summary>
        private sealed partial class Collector
        {
            private void OnReference(IOperation reference)
            {
                var slot = ChannelSlots.GetSlot(reference);
                if (slot is null || SymbolPath.Unwrap(reference) != reference || !IsTrackedSlot(slot))
                {
                    return;
                }

                var slotType = SymbolPath.TypeOf(slot);
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
                var root = OperationTrees.RootOf(within);

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
