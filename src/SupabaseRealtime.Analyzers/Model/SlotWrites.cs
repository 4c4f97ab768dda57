using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>One write of a value into a slot (local, field or property of the containing type).</summary>
    internal readonly struct SlotWrite
    {
        public SlotWrite(ISymbol slot, IOperation value, IOperation write)
        {
            Slot = slot;
            Value = value;
            Write = write;
        }

        public ISymbol Slot { get; }

        /// <summary>The value written (as written: conversions and <c>await</c> not removed).</summary>
        public IOperation Value { get; }

        /// <summary>The assignment, declarator or initializer that writes it.</summary>
        public IOperation Write { get; }
    }

    /// <summary>The writes of one body (<see cref="SlotWrites.Of"/>): shared by the rules, so never changed once read.</summary>
    internal sealed class BodySlotWrites
    {
        private readonly HashSet<ISymbol> unknown;

        public BodySlotWrites(List<SlotWrite> writes, HashSet<ISymbol> unknown)
        {
            Writes = writes;
            this.unknown = unknown;
        }

        /// <summary>Every visible write, in the body's order.</summary>
        public IReadOnlyList<SlotWrite> Writes { get; }

        /// <summary>The slots written in a way whose value is not visible (<c>out</c>/<c>ref</c>, deconstruction, <c>+=</c>, <c>++</c>).</summary>
        public IReadOnlyCollection<ISymbol> Unknown => unknown;

        /// <summary>True when <paramref name="slot"/> is among <see cref="Unknown"/>.</summary>
        public bool IsUnknown(ISymbol slot) => unknown.Contains(slot);
    }

    /// <summary>
    /// "What is written into this local or field?" Walks one operation block (lambdas included) and
    /// reports every visible write (<c>x = v</c>, <c>var x = v</c>, <c>x ??= v</c>, field and property
    /// initializers) and every slot written in a way whose value is not visible (<c>out</c>/<c>ref</c>
    /// arguments, deconstruction, compound assignment, increments).
    /// </summary>
    internal static class SlotWrites
    {
        /// <summary>
        /// The writes in <paramref name="root"/> (a body's root: the operation itself included), read once per body
        /// and compilation for every rule that asks (SRT001 reads a body's writes at the body and again at the
        /// type's end, SRT005 at the body).
        /// </summary>
        public static BodySlotWrites Of(SdkSymbols sdk, IOperation root) => sdk.SlotWritesOf(root);

        /// <summary>Reads the writes in <paramref name="root"/> (the operation itself included).</summary>
        internal static BodySlotWrites Read(SdkSymbols sdk, IOperation root)
        {
            var writes = new List<SlotWrite>();
            var unknownWrites = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
            Collect(sdk, root, writes, unknownWrites);
            return new BodySlotWrites(writes, unknownWrites);
        }

        private static void Collect(SdkSymbols sdk, IOperation root, List<SlotWrite> writes, HashSet<ISymbol> unknownWrites)
        {
            foreach (var operation in sdk.Operations.DescendantsAndSelf(root))
            {
                switch (operation.Kind)
                {
                    case OperationKind.CoalesceAssignment:
                    case OperationKind.CompoundAssignment:
                    case OperationKind.Increment:
                    case OperationKind.Decrement:
                    case OperationKind.DeconstructionAssignment:
                    case OperationKind.Argument:
                        break;
                    default:
                        // A plain write (an assignment, a declarator, an initializer) or no write at all.
                        if (ChannelSlots.TryGetAssignment(operation, out var assigned, out var assignedValue))
                        {
                            writes.Add(new SlotWrite(assigned, assignedValue, operation));
                        }

                        continue;
                }

                switch (operation)
                {
                    case ICoalesceAssignmentOperation coalesce when ChannelSlots.GetSlot(coalesce.Target) is { } target:
                        writes.Add(new SlotWrite(target, coalesce.Value, coalesce));
                        continue;
                    case ICompoundAssignmentOperation compound when ChannelSlots.GetSlot(compound.Target) is { } target:
                        unknownWrites.Add(target);
                        continue;
                    case IIncrementOrDecrementOperation increment when ChannelSlots.GetSlot(increment.Target) is { } target:
                        unknownWrites.Add(target);
                        continue;
                    case IDeconstructionAssignmentOperation deconstruction:
                        foreach (var part in sdk.Operations.DescendantsAndSelf(deconstruction.Target))
                        {
                            if (ChannelSlots.GetSlot(part) is { } written)
                            {
                                unknownWrites.Add(written);
                            }
                        }

                        continue;
                    case IArgumentOperation argument when argument.Parameter != null && argument.Parameter.RefKind != RefKind.None
                        && argument.Parameter.RefKind != RefKind.In:
                        var value = argument.Value is IDeclarationExpressionOperation declaration ? declaration.Expression : argument.Value;
                        if (ChannelSlots.GetSlot(value) is { } byRef)
                        {
                            unknownWrites.Add(byRef);
                        }

                        continue;
                }
            }
        }
    }
}
