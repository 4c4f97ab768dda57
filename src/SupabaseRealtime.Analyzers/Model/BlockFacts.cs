using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>A write of a channel slot: the assignment (or declarator, or initializer) and the value written.</summary>
    internal readonly struct ChannelSlotWrite
    {
        public ChannelSlotWrite(IOperation operation, IOperation value)
        {
            Operation = operation;
            Value = value;
            IsNested = false;
            for (var parent = operation.Parent; parent != null; parent = parent.Parent)
            {
                if (parent is IAnonymousFunctionOperation || parent is ILocalFunctionOperation)
                {
                    IsNested = true;
                    break;
                }
            }
        }

        public IOperation Operation { get; }

        public IOperation Value { get; }

        /// <summary>Written inside a lambda or local function, at a time the model does not know.</summary>
        public bool IsNested { get; }
    }

    /// <summary>How one block uses one channel slot.</summary>
    internal sealed partial class SlotFacts
    {
        public List<ChannelSlotWrite> Writes { get; } = new List<ChannelSlotWrite>();

        /// <summary>The channel goes somewhere the model does not follow (an argument, a return value, another variable).</summary>
        public bool SoftEscape { get; set; }

        /// <summary>The slot is written where the model cannot see it (<c>ref</c>/<c>out</c>, <c>??=</c>, deconstruction): not tracked at all.</summary>
        public bool HardEscape { get; set; }

        /// <summary>
        /// Passed to a realtime client's <c>Remove(channel)</c>: a later <c>Channel(...)</c> with the same
        /// arguments makes a new instance (matters for channels known only by their arguments).
        /// </summary>
        public bool Removed { get; set; }
    }

    /// <summary>The channel calls and slot uses of one operation block, and its bodies' graphs.</summary>
    internal sealed partial class BlockFacts
    {
        private BlockFacts(IOperation root, bool isConstructorPhase, bool isInitializer)
        {
            Root = root;
            IsConstructorPhase = isConstructorPhase;
            IsInitializer = isInitializer;
        }

        public IOperation Root { get; }

        public bool IsConstructorPhase { get; }

        public bool IsInitializer { get; }

        /// <summary>The block calls an instance member of its own type (then the constructor may run set-up code of other members).</summary>
        public bool CallsOwnMembers { get; private set; }

        public List<(IInvocationOperation Invocation, ChannelCallKind Kind)> Calls { get; } = new List<(IInvocationOperation, ChannelCallKind)>();

        public Dictionary<ISymbol, SlotFacts> Slots { get; } = new Dictionary<ISymbol, SlotFacts>(SymbolEqualityComparer.Default);

        public List<BodyFlow> Bodies { get; } = new List<BodyFlow>();

        private bool bodiesBuilt;

        /// <summary>Scans a block; null when it neither calls a channel nor uses a channel slot.</summary>
        public static BlockFacts? Scan(IOperation root, SdkSymbols sdk, ImmutableHashSet<ISymbol> typeSlots,
            INamedTypeSymbol type, bool isConstructorPhase, bool isInitializer)
        {
            var facts = new BlockFacts(root, isConstructorPhase, isInitializer);
            var channelTypes = new Dictionary<ITypeSymbol, bool>(SymbolEqualityComparer.Default);
            bool IsChannel(ITypeSymbol? candidate)
            {
                if (candidate is null)
                {
                    return false;
                }

                if (!channelTypes.TryGetValue(candidate, out var isChannel))
                {
                    isChannel = sdk.IsRealtimeChannel(candidate);
                    channelTypes[candidate] = isChannel;
                }

                return isChannel;
            }

            switch (root)
            {
                case IFieldInitializerOperation fieldInitializer:
                    foreach (var field in fieldInitializer.InitializedFields)
                    {
                        var slot = field.AssociatedSymbol is IPropertySymbol property ? (ISymbol)property : field;
                        if (typeSlots.Contains(slot))
                        {
                            facts.Slot(slot).Writes.Add(new ChannelSlotWrite(fieldInitializer, fieldInitializer.Value));
                        }
                    }

                    break;
                case IPropertyInitializerOperation propertyInitializer:
                    foreach (var property in propertyInitializer.InitializedProperties)
                    {
                        if (typeSlots.Contains(property))
                        {
                            facts.Slot(property).Writes.Add(new ChannelSlotWrite(propertyInitializer, propertyInitializer.Value));
                        }
                    }

                    break;
            }

            foreach (var operation in sdk.Operations.Descendants(root))
            {
                // Most operations of a body are none of the kinds below: one test of the kind turns them away,
                // and the kind picks the case (a switch on the type would test each case's interface in turn).
                switch (operation.Kind)
                {
                    case OperationKind.Invocation:
                        var invocation = (IInvocationOperation)operation;
                        if (ChannelCall.TryGetKind(invocation, sdk, out var kind))
                        {
                            facts.Calls.Add((invocation, kind));
                            if ((kind == ChannelCallKind.RegisterPostgres || kind == ChannelCallKind.OnPostgresChange)
                                && !ResultIsDiscarded(invocation, sdk) && SlotOf(ChannelCall.ReceiverOf(invocation, sdk)) is { } receiverSlot)
                            {
                                // Register(...) returns the channel: a kept result is an alias the model does not follow.
                                facts.Slot(receiverSlot).SoftEscape = true;
                            }
                        }

                        var target = invocation.TargetMethod;
                        if (!target.IsStatic && SymbolEqualityComparer.Default.Equals(target.ContainingType, type)
                            && (invocation.Instance is null || SymbolPath.Unwrap(invocation.Instance) is IInstanceReferenceOperation))
                        {
                            facts.CallsOwnMembers = true;
                        }

                        facts.NoteRefArguments(invocation, type, sdk);

                        break;
                    case OperationKind.VariableDeclarator:
                        var declarator = (IVariableDeclaratorOperation)operation;
                        if (IsChannel(declarator.Symbol.Type) && declarator.GetVariableInitializer() is { } initializer)
                        {
                            facts.Slot(declarator.Symbol).Writes.Add(new ChannelSlotWrite(declarator, initializer.Value));
                        }

                        break;
                    case OperationKind.LocalReference:
                        var local = (ILocalReferenceOperation)operation;
                        if (IsChannel(local.Local.Type))
                        {
                            facts.Classify(local, local.Local, sdk);
                        }

                        break;
                    case OperationKind.ParameterReference:
                        var parameter = (IParameterReferenceOperation)operation;
                        if (IsChannel(parameter.Parameter.Type))
                        {
                            facts.Classify(parameter, parameter.Parameter, sdk);
                        }

                        break;
                    case OperationKind.FieldReference:
                        var field = (IFieldReferenceOperation)operation;
                        if (IsOwnInstanceMember(field.Instance))
                        {
                            var fieldSlot = field.Field.AssociatedSymbol is IPropertySymbol backed ? (ISymbol)backed : field.Field;
                            if (typeSlots.Contains(fieldSlot))
                            {
                                facts.Classify(field, fieldSlot, sdk);
                            }
                        }

                        break;
                    case OperationKind.PropertyReference:
                        var property = (IPropertyReferenceOperation)operation;
                        if (IsOwnInstanceMember(property.Instance) && typeSlots.Contains(property.Property))
                        {
                            facts.Classify(property, property.Property, sdk);
                        }

                        break;
                }
            }

            return facts.Calls.Count > 0 || facts.Slots.Count > 0 ? facts : null;
        }

        /// <summary>True when the block makes a call of a kind <paramref name="isKind"/> accepts.</summary>
        public bool HasCallOf(Func<ChannelCallKind, bool> isKind)
        {
            foreach (var (_, kind) in Calls)
            {
                if (isKind(kind))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Builds, once, the graphs of the block and of the lambdas and local functions in it that hold a
        /// channel call or a slot write (only the symbol-end action calls this, on one thread).
        /// </summary>
        public void EnsureBodies(SdkSymbols sdk, CancellationToken cancellationToken)
        {
            if (bodiesBuilt)
            {
                return;
            }

            bodiesBuilt = true;
            if (Calls.Count == 0 || !(sdk.GraphOf(Root, cancellationToken) is { } graph))
            {
                return;
            }

            var relevant = new List<Microsoft.CodeAnalysis.Text.TextSpan>();
            foreach (var (invocation, _) in Calls)
            {
                relevant.Add(invocation.Syntax.Span);
            }

            foreach (var slot in Slots.Values)
            {
                foreach (var write in slot.Writes)
                {
                    relevant.Add(write.Operation.Syntax.Span);
                }
            }

            bool HoldsRelevant(SyntaxNode syntax)
            {
                foreach (var span in relevant)
                {
                    if (syntax.Span.Contains(span))
                    {
                        return true;
                    }
                }

                return false;
            }

            var first = true;
            foreach (var body in CallOrder.WithNestedBodies(graph, HoldsRelevant))
            {
                var order = sdk.OrderOf(body);
                if (order != null)
                {
                    Bodies.Add(new BodyFlow(order, isNested: !first, IsConstructorPhase && first, IsInitializer && first, Root.Syntax));
                }

                first = false;
            }
        }

        /// <summary>The body and flow point of the operation whose syntax is <paramref name="syntax"/>.</summary>
        public bool TryLocate(SyntaxNode syntax, out BodyFlow body, out FlowPoint point)
        {
            foreach (var candidate in Bodies)
            {
                if (candidate.Order.TryGetPoint(syntax, out point))
                {
                    body = candidate;
                    return true;
                }
            }

            body = null!;
            point = default;
            return false;
        }

        private static ISymbol? SlotOf(IOperation? operation)
            => operation is IParameterReferenceOperation parameter ? parameter.Parameter : ChannelSlots.GetSlot(operation);

        private static bool IsOwnInstanceMember(IOperation? instance)
            => instance != null && SymbolPath.Unwrap(instance) is IInstanceReferenceOperation;

        private SlotFacts Slot(ISymbol symbol)
        {
            if (!Slots.TryGetValue(symbol, out var facts))
            {
                facts = new SlotFacts();
                Slots[symbol] = facts;
            }

            return facts;
        }

        /// <summary>Decides what a reference to a channel slot does: a write, a call on the channel, or an escape.</summary>
        private void Classify(IOperation reference, ISymbol symbol, SdkSymbols sdk)
        {
            var facts = Slot(symbol);
            var child = reference;
            var parent = reference.Parent;
            while (parent is IConversionOperation || parent is IParenthesizedOperation || parent is IDeclarationExpressionOperation)
            {
                child = parent;
                parent = parent.Parent;
            }

            switch (parent)
            {
                case ISimpleAssignmentOperation assignment when assignment.Target == child:
                    if (assignment.IsRef)
                    {
                        facts.HardEscape = true;
                    }
                    else
                    {
                        facts.Writes.Add(new ChannelSlotWrite(assignment, assignment.Value));
                    }

                    break;
                case ICompoundAssignmentOperation compound when compound.Target == child:
                case ICoalesceAssignmentOperation coalesce when coalesce.Target == child:
                case ITupleOperation _:
                    facts.HardEscape = true;
                    break;
                case IArgumentOperation argument:
                    if (ChannelSlots.IsRefOrOut(argument.Parameter))
                    {
                        if (IsRefPassToOwnMethod(symbol, argument.Parameter))
                        {
                            // Release(ref _channel): judged by what the helper does to its parameter (RegistrationHelpers.cs).
                            facts.PassedToOwnMethod = true;
                        }
                        else
                        {
                            facts.HardEscape = true;
                        }
                    }
                    else if (argument.Parent is IInvocationOperation remove && remove.TargetMethod.Name == "Remove"
                        && sdk.IsRealtimeClient(remove.TargetMethod.ContainingType))
                    {
                        facts.Removed = true;
                    }
                    else
                    {
                        facts.SoftEscape = true;
                    }

                    break;
                case IInvocationOperation call when call.Instance == child:
                    facts.SoftEscape |= !sdk.IsRealtimeChannel(call.TargetMethod.ContainingType);
                    break;
                case IPropertyReferenceOperation _:
                case IFieldReferenceOperation _:
                case IEventReferenceOperation _:
                case IConditionalAccessOperation _:
                case IIsPatternOperation _:
                case IIsTypeOperation _:
                case IIsNullOperation _:
                    break;
                case IBinaryOperation binary when IsNullConstant(binary.LeftOperand) || IsNullConstant(binary.RightOperand):
                    break;
                default:
                    facts.SoftEscape = true;
                    break;
            }
        }

        private static bool IsNullConstant(IOperation operation)
            => operation.ConstantValue.HasValue && operation.ConstantValue.Value is null;

        /// <summary>True when the channel a call returns is thrown away or only called on again.</summary>
        private static bool ResultIsDiscarded(IInvocationOperation invocation, SdkSymbols sdk)
        {
            IOperation child = invocation;
            var parent = invocation.Parent;
            while (parent is IConversionOperation || parent is IParenthesizedOperation)
            {
                child = parent;
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IExpressionStatementOperation _:
                case IConditionalAccessOperation _:
                    return true;
                case IInvocationOperation next when next.Instance == child:
                    return sdk.IsRealtimeChannel(next.TargetMethod.ContainingType);
                case ISimpleAssignmentOperation assignment when assignment.Target is IDiscardOperation:
                    return true;
                default:
                    return false;
            }
        }
    }
}
