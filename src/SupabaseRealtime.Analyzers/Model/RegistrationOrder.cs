using System.Collections.Generic;
using System.Collections.Immutable;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>The order of a channel's calls: the SDK's pairing sequence of its registrations and handlers, and the comparison of calls within a body and across members.</summary>
    internal sealed partial class RegistrationCollector
    {
        /// <summary>
        /// The pairing order when the channel is created and set up in one body: the creation, then
        /// every registration and handler, as long as each runs exactly once, after the previous one.
        /// </summary>
        private static ImmutableArray<ChannelCall> PairingSequenceInOneBody(ChannelTimeline timeline, ChannelCall creation)
        {
            var steps = new List<ChannelCall>();
            foreach (var call in timeline.Calls)
            {
                if (call.Kind == ChannelCallKind.RemoveHandlers && !HandlerPairing.IsFollowedRemoval(call))
                {
                    return ImmutableArray<ChannelCall>.Empty;
                }

                if (IsPairingStep(call) && call != creation)
                {
                    if (call.Body != creation.Body)
                    {
                        return ImmutableArray<ChannelCall>.Empty;
                    }

                    steps.Add(call);
                }
            }

            var sequence = ImmutableArray.CreateBuilder<ChannelCall>();
            if (!IsUsable(creation) || creation.Body.Order.IsInCycle(creation.Point))
            {
                return ImmutableArray<ChannelCall>.Empty;
            }

            sequence.Add(creation);
            AppendChain(timeline, sequence, steps);
            return sequence.ToImmutable();
        }

        /// <summary>
        /// The pairing order when the constructor (or an initializer) creates the channel: the
        /// constructor phase's calls, each on every path, then the calls of at most one other member.
        /// </summary>
        private static ImmutableArray<ChannelCall> PairingSequenceAfterConstructor(ChannelTimeline timeline, ChannelCall creation)
        {
            var constructorSteps = new List<ChannelCall>();
            var memberSteps = new List<ChannelCall>();
            foreach (var call in timeline.Calls)
            {
                if (call.Kind == ChannelCallKind.RemoveHandlers && !HandlerPairing.IsFollowedRemoval(call))
                {
                    return ImmutableArray<ChannelCall>.Empty;
                }

                if (!IsPairingStep(call) || call == creation)
                {
                    continue;
                }

                if (call.Body.IsNested)
                {
                    return ImmutableArray<ChannelCall>.Empty;
                }

                if (call.Body.IsConstructorPhase)
                {
                    constructorSteps.Add(call);
                }
                else if (memberSteps.Count == 0 || memberSteps[0].Body == call.Body)
                {
                    memberSteps.Add(call);
                }
                else
                {
                    // Two members set the channel up: their order is unknown.
                    return ImmutableArray<ChannelCall>.Empty;
                }
            }

            var sequence = ImmutableArray.CreateBuilder<ChannelCall>();
            if (!IsUsable(creation) || !creation.Body.IsOnEveryPath(creation.Point) || creation.Body.IsReboundAfter(creation.Point, timeline.Rebinds(creation.Body)))
            {
                return ImmutableArray<ChannelCall>.Empty;
            }

            sequence.Add(creation);
            foreach (var step in constructorSteps)
            {
                var previous = sequence[sequence.Count - 1];
                if (!step.Body.IsOnEveryPath(step.Point) || !IsUsable(step) || !(step.Body.IsInitializer || timeline.SingleConstructor)
                    || (previous.Body == step.Body ? !timeline.AlwaysRunsBefore(previous, step) : !(previous.Body.IsInitializer && !step.Body.IsInitializer)))
                {
                    return sequence.ToImmutable();
                }

                sequence.Add(step);
            }

            if (memberSteps.Count > 0 && !memberSteps[0].Body.Order.IsInCycle(memberSteps[0].Point) && IsUsable(memberSteps[0]))
            {
                sequence.Add(memberSteps[0]);
                memberSteps.RemoveAt(0);
                AppendChain(timeline, sequence, memberSteps);
            }

            return sequence.ToImmutable();
        }

        /// <summary>Appends <paramref name="steps"/> while each runs once, after the previous one, and is fully known.</summary>
        private static void AppendChain(ChannelTimeline timeline, ImmutableArray<ChannelCall>.Builder sequence, List<ChannelCall> steps)
        {
            foreach (var step in steps)
            {
                var previous = sequence[sequence.Count - 1];
                if (!IsUsable(step) || step.Body.Order.IsInCycle(step.Point) || !(OwnCreation(previous, step) || timeline.AlwaysRunsBefore(previous, step)))
                {
                    return;
                }

                sequence.Add(step);
            }
        }

        /// <summary>From&lt;T&gt;().On(...) stands as a creation and a handler at one point: its Channel(...) runs first.</summary>
        private static bool OwnCreation(ChannelCall previous, ChannelCall step)
            => previous.Kind == ChannelCallKind.Create && step.Kind == ChannelCallKind.AddHandler && previous.Invocation == step.Invocation;

        /// <summary>Registrations, handlers and the <c>RemovePostgresChangeHandler</c> calls the replay follows.</summary>
        internal static bool IsPairingStep(ChannelCall call)
            => call.Kind == ChannelCallKind.RegisterPostgres || call.Kind == ChannelCallKind.OnPostgresChange
                || call.Kind == ChannelCallKind.AddHandler || HandlerPairing.IsFollowedRemoval(call);

        /// <summary>Unknown options or listen types stop the simulation: unknown never reports.</summary>
        private static bool IsUsable(ChannelCall call)
        {
            switch (call.Kind)
            {
                case ChannelCallKind.RegisterPostgres:
                    return call.Binding != null && call.Binding.IsKnown;
                case ChannelCallKind.OnPostgresChange:
                    return call.Binding != null && call.Binding.IsKnown && call.HandlerEvent != null;
                case ChannelCallKind.AddHandler:
                    return call.HandlerEvent != null;
                case ChannelCallKind.Create:
                    return call.Binding is null || call.Binding.IsKnown;
                default:
                    return true;
            }
        }

        private static bool IsEarlier(ChannelCall a, ChannelCall b) => CompareInBody(a, b) < 0;

        private static int CompareInBody(ChannelCall a, ChannelCall b)
        {
            if (a.Body != b.Body)
            {
                // Nested bodies after their container, in source order.
                if (a.Body.IsNested != b.Body.IsNested)
                {
                    return a.Body.IsNested ? 1 : -1;
                }

                return a.Body.Syntax.SpanStart.CompareTo(b.Body.Syntax.SpanStart);
            }

            return ComparePoints(a.Point, b.Point);
        }

        private static int CompareAcrossMembers(ChannelCall a, ChannelCall b)
        {
            if (a.Body != b.Body)
            {
                var phase = Phase(a.Body).CompareTo(Phase(b.Body));
                if (phase != 0)
                {
                    return phase;
                }

                var byPath = string.CompareOrdinal(a.Body.Syntax.SyntaxTree.FilePath, b.Body.Syntax.SyntaxTree.FilePath);
                return byPath != 0 ? byPath : a.Body.Syntax.SpanStart.CompareTo(b.Body.Syntax.SpanStart);
            }

            return ComparePoints(a.Point, b.Point);
        }

        private static int Phase(BodyFlow body)
            => body.IsInitializer ? 0 : body.IsConstructorPhase ? 1 : body.IsNested ? 3 : 2;

        private static int ComparePoints(FlowPoint a, FlowPoint b)
        {
            if (a.Block != b.Block)
            {
                return a.Block.CompareTo(b.Block);
            }

            return a.Index != b.Index ? a.Index.CompareTo(b.Index) : a.SyntaxEnd.CompareTo(b.SyntaxEnd);
        }
    }
}
