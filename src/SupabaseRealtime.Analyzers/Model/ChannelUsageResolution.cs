using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SupabaseRealtime.Analyzers.Model
{
    internal sealed partial class ChannelUsage
    {
        /// <summary>The usage walk: which channel slot an operation reads, through a loop variable, a lambda parameter or a collection's element.</summary>
        private sealed partial class Collector
        {
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
                        return (slot is IFieldSymbol || slot is IPropertySymbol) && IsTrackedSlot(slot) && usage.IsChannelCollection(SymbolPath.TypeOf(slot)) ? slot : null;
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
        }
    }
}
