using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>
    /// The Realtime 7.1+ pairing of handlers with registrations, simulated over a channel's
    /// <see cref="ChannelTimeline.PairingSequence"/> (sdk-behaviour.md, section 4.2):
    /// <list type="bullet">
    /// <item>a registration (<c>Register</c>, the postgres <c>Channel(...)</c>, <c>OnPostgresChange</c>) adds a binding
    /// unless one with equal options exists (then it adds only a join entry);</item>
    /// <item>each handler (<c>AddPostgresChangeHandler</c>, and <c>OnPostgresChange</c> after its registration) takes the
    /// first binding without a handler whose event equals its listen type, else the first free one whose event is
    /// <c>*</c>; with none free it is dropped;</item>
    /// <item><c>RemovePostgresChangeHandler(listenType, handler)</c> removes the first binding whose handler equals
    /// <c>handler</c> with that listen type: the whole binding, not only its handler.</item>
    /// </list>
    /// </summary>
    internal static class HandlerPairing
    {
        /// <summary>One registration during the simulation.</summary>
        internal sealed class Slot
        {
            public Slot(ChannelCall source, PostgresBinding binding)
            {
                Source = source;
                Binding = binding;
            }

            /// <summary>The call that made the registration: <c>Channel(...)</c>, <c>Register</c> or <c>OnPostgresChange</c>.</summary>
            public ChannelCall Source { get; }

            public PostgresBinding Binding { get; }

            /// <summary>The call whose handler took the registration; null while free.</summary>
            public ChannelCall? Taker { get; set; }

            public bool CouldServe(string handlerEvent)
                => Binding.Event == handlerEvent || Binding.Event == PostgresBinding.AllEvents;
        }

        /// <summary>A handler that found no free registration, and the registrations the channel had then (in order, with their takers).</summary>
        internal sealed class Unpaired
        {
            public Unpaired(ChannelCall handler, ImmutableArray<(ChannelCall Source, PostgresBinding Binding, ChannelCall? Taker)> registrations)
            {
                Handler = handler;
                Registrations = registrations;
            }

            public ChannelCall Handler { get; }

            public ImmutableArray<(ChannelCall Source, PostgresBinding Binding, ChannelCall? Taker)> Registrations { get; }

            /// <summary>
            /// The earlier <c>RemovePostgresChangeHandler</c> that removed a registration which could have served this handler,
            /// and the call that had made that registration; null when none did.
            /// </summary>
            public (ChannelCall Removal, ChannelCall Source)? RemovedRegistration { get; set; }

            /// <summary>For an <c>OnPostgresChange</c>: the existing registration its options equal (so it added none); else null.</summary>
            public ChannelCall? EqualRegistration { get; set; }
        }

        /// <summary>An <c>OnPostgresChange</c> whose handler took an earlier, unrelated free registration instead of its own.</summary>
        internal sealed class Misrouted
        {
            public Misrouted(ChannelCall handler, PostgresBinding own, Slot taken)
            {
                Handler = handler;
                Own = own;
                Taken = taken;
            }

            public ChannelCall Handler { get; }

            /// <summary>The options the <c>OnPostgresChange</c> registered.</summary>
            public PostgresBinding Own { get; }

            /// <summary>The registration its handler took: the one it runs for.</summary>
            public Slot Taken { get; }
        }

        /// <summary>A typed handler that never runs because a <c>ListenType.All</c> handler's registration matches every change it would get.</summary>
        internal sealed class Shadowed
        {
            public Shadowed(ChannelCall handler, Slot own, Slot all)
            {
                Handler = handler;
                Own = own;
                All = all;
            }

            public ChannelCall Handler { get; }

            public Slot Own { get; }

            /// <summary>The registration of the All handler that runs instead.</summary>
            public Slot All { get; }
        }

        /// <summary>What the replay found: handlers dropped, handlers bound to another table, typed handlers an All handler hides.</summary>
        internal sealed class Outcome
        {
            public Outcome(ImmutableArray<Unpaired> unpaired, ImmutableArray<Misrouted> misrouted, ImmutableArray<Slot> finalSlots, bool removalUnknown)
            {
                Unpaired = unpaired;
                Misrouted = misrouted;
                FinalSlots = finalSlots;
                RemovalUnknown = removalUnknown;
            }

            public ImmutableArray<Unpaired> Unpaired { get; }

            public ImmutableArray<Misrouted> Misrouted { get; }

            /// <summary>The registrations and their handlers after the last step.</summary>
            public ImmutableArray<Slot> FinalSlots { get; }

            /// <summary>A removal whose effect is unknown (its handler may or may not equal a bound one): nothing after it is certain.</summary>
            public bool RemovalUnknown { get; }

            /// <summary>
            /// Typed handlers whose every change an All handler's registration also matches (same schema and table, and the
            /// All registration has no filter or the same one): on such a change only the first All handler runs.
            /// </summary>
            public ImmutableArray<Shadowed> Shadowed()
            {
                var shadowed = ImmutableArray.CreateBuilder<Shadowed>();
                if (RemovalUnknown)
                {
                    return shadowed.ToImmutable();
                }

                foreach (var typed in FinalSlots)
                {
                    if (typed.Taker?.HandlerEvent is null || typed.Taker.HandlerEvent == PostgresBinding.AllEvents)
                    {
                        continue;
                    }

                    foreach (var all in FinalSlots)
                    {
                        if (all.Taker?.HandlerEvent == PostgresBinding.AllEvents && Covers(all.Binding, typed.Binding))
                        {
                            shadowed.Add(new Shadowed(typed.Taker, typed, all));
                            break;
                        }
                    }
                }

                return shadowed.ToImmutable();
            }

            private static bool Covers(PostgresBinding all, PostgresBinding typed)
                => all.IsKnown && typed.IsKnown
                    && string.Equals(all.Schema, typed.Schema, StringComparison.Ordinal)
                    && string.Equals(all.Table, typed.Table, StringComparison.Ordinal)
                    && (all.Filter is null || string.Equals(all.Filter, typed.Filter, StringComparison.Ordinal));
        }

        /// <summary>Runs the pairing over <paramref name="sequence"/> and returns every handler that never runs for want of a registration.</summary>
        public static ImmutableArray<Unpaired> Simulate(ImmutableArray<ChannelCall> sequence) => Replay(sequence).Unpaired;

        /// <summary>Runs the pairing over <paramref name="sequence"/>.</summary>
        public static Outcome Replay(ImmutableArray<ChannelCall> sequence)
        {
            var slots = new List<Slot>();
            var removed = new List<(ChannelCall Removal, Slot Slot)>();
            var unpaired = ImmutableArray.CreateBuilder<Unpaired>();
            var misrouted = ImmutableArray.CreateBuilder<Misrouted>();
            foreach (var call in sequence)
            {
                switch (call.Kind)
                {
                    case ChannelCallKind.Create when call.Binding != null:
                    case ChannelCallKind.RegisterPostgres when call.Binding != null:
                        // Equal options add no binding (BindPostgresChangesOptions), only another join entry.
                        if (EqualSlot(slots, call.Binding) is null)
                        {
                            slots.Add(new Slot(call, call.Binding));
                        }

                        break;
                    case ChannelCallKind.OnPostgresChange when call.Binding != null && call.HandlerEvent != null:
                        var equal = EqualSlot(slots, call.Binding);
                        Slot? own = null;
                        if (equal is null)
                        {
                            own = new Slot(call, call.Binding);
                            slots.Add(own);
                        }

                        var bound = Bind(slots, call);
                        if (bound is null)
                        {
                            unpaired.Add(new Unpaired(call, Snapshot(slots)) { EqualRegistration = equal?.Source, RemovedRegistration = RemovedFor(removed, call) });
                        }
                        else if (bound != (own ?? equal))
                        {
                            misrouted.Add(new Misrouted(call, call.Binding, bound));
                        }

                        break;
                    case ChannelCallKind.AddHandler when call.HandlerEvent != null:
                        if (Bind(slots, call) is null)
                        {
                            unpaired.Add(new Unpaired(call, Snapshot(slots)) { RemovedRegistration = RemovedFor(removed, call) });
                        }

                        break;
                    case ChannelCallKind.RemoveHandlers when IsFollowedRemoval(call):
                        Slot? match = null;
                        foreach (var slot in slots)
                        {
                            if (slot.Taker is null || slot.Taker.HandlerEvent != call.HandlerEvent)
                            {
                                continue;
                            }

                            var same = SameDelegate(HandlerArgument(slot.Taker), HandlerArgument(call));
                            if (same is null)
                            {
                                return new Outcome(unpaired.ToImmutable(), misrouted.ToImmutable(), slots.ToImmutableArray(), removalUnknown: true);
                            }

                            if (same.Value)
                            {
                                match = slot;
                                break;
                            }
                        }

                        if (match != null)
                        {
                            slots.Remove(match);
                            removed.Add((call, match));
                        }

                        break;
                }
            }

            return new Outcome(unpaired.ToImmutable(), misrouted.ToImmutable(), slots.ToImmutableArray(), removalUnknown: false);
        }

        /// <summary>
        /// A <c>RemovePostgresChangeHandler(listenType, handler)</c> the replay can follow: a constant listen type and a
        /// method group (static, or of <c>this</c>), whose equality with the bound handlers is known.
        /// </summary>
        internal static bool IsFollowedRemoval(ChannelCall call)
            => call.Kind == ChannelCallKind.RemoveHandlers && call.Invocation.TargetMethod.Name == "RemovePostgresChangeHandler"
                && call.HandlerEvent != null && MethodGroup(HandlerArgument(call)) != null;

        private static Slot? EqualSlot(List<Slot> slots, PostgresBinding binding)
        {
            foreach (var slot in slots)
            {
                if (slot.Binding.HasSameOptionsAs(binding))
                {
                    return slot;
                }
            }

            return null;
        }

        private static Slot? Bind(List<Slot> slots, ChannelCall handler)
        {
            var taken = Find(slots, handler.HandlerEvent!, exact: true) ?? Find(slots, handler.HandlerEvent!, exact: false);
            if (taken != null)
            {
                taken.Taker = handler;
            }

            return taken;
        }

        private static ImmutableArray<(ChannelCall, PostgresBinding, ChannelCall?)> Snapshot(List<Slot> slots)
        {
            var snapshot = ImmutableArray.CreateBuilder<(ChannelCall, PostgresBinding, ChannelCall?)>(slots.Count);
            foreach (var slot in slots)
            {
                snapshot.Add((slot.Source, slot.Binding, slot.Taker));
            }

            return snapshot.MoveToImmutable();
        }

        /// <summary>The last removal of a registration that could have served <paramref name="handler"/>.</summary>
        private static (ChannelCall, ChannelCall)? RemovedFor(List<(ChannelCall Removal, Slot Slot)> removed, ChannelCall handler)
        {
            for (var i = removed.Count - 1; i >= 0; i--)
            {
                if (removed[i].Slot.CouldServe(handler.HandlerEvent!))
                {
                    return (removed[i].Removal, removed[i].Slot.Source);
                }
            }

            return null;
        }

        /// <summary>The handler delegate a call passes (the argument of the SDK's handler delegate type).</summary>
        private static IOperation? HandlerArgument(ChannelCall call)
        {
            foreach (var argument in call.Invocation.Arguments)
            {
                if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
                {
                    return argument.Value;
                }
            }

            return null;
        }

        private static IMethodReferenceOperation? MethodGroup(IOperation? handler)
        {
            while (handler is IConversionOperation conversion)
            {
                handler = conversion.Operand;
            }

            return handler is IDelegateCreationOperation { Target: IMethodReferenceOperation method }
                && (method.Method.IsStatic || SymbolPath.Unwrap(method.Instance) is IInstanceReferenceOperation)
                ? method
                : null;
        }

        /// <summary>
        /// Whether two handler arguments make equal delegates (delegate <c>==</c>: same method, same target). A method group
        /// of a static method or of <c>this</c> equals one of the same method; a lambda's delegate never equals a method
        /// group's; anything else (a delegate variable, another object's method) is unknown.
        /// </summary>
        private static bool? SameDelegate(IOperation? bound, IOperation? removal)
        {
            var removed = MethodGroup(removal);
            if (removed is null)
            {
                return null;
            }

            var unwrapped = bound;
            while (unwrapped is IConversionOperation conversion)
            {
                unwrapped = conversion.Operand;
            }

            if (unwrapped is IDelegateCreationOperation { Target: IAnonymousFunctionOperation _ })
            {
                return false;
            }

            var method = MethodGroup(bound);
            return method is null ? (bool?)null : SymbolEqualityComparer.Default.Equals(method.Method, removed.Method);
        }

        private static Slot? Find(List<Slot> slots, string handlerEvent, bool exact)
        {
            foreach (var slot in slots)
            {
                if (slot.Taker is null
                    && (slot.Binding.Event == handlerEvent || (!exact && slot.Binding.Event == PostgresBinding.AllEvents)))
                {
                    return slot;
                }
            }

            return null;
        }

        /// <summary>"the handler on line 10", "the OnPostgresChange on line 12".</summary>
        public static string Describe(ChannelCall taker)
            => string.Format(
                CultureInfo.InvariantCulture,
                taker.Kind == ChannelCallKind.OnPostgresChange ? "the OnPostgresChange on line {0}" : "the handler on line {0}",
                taker.Line);
    }
}
