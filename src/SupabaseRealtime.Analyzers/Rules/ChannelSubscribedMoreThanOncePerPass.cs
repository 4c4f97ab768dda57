using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Model;

namespace SupabaseRealtime.Analyzers.Rules
{
    internal sealed partial class ChannelSubscribedMoreThanOnceAnalyzer
    {
        /// <summary>SRT002's judge, case 4: a loop whose passes get the one cached channel, and the set-up a repeat does not send.</summary>
        private sealed partial class Judge
        {
            // ---- Set-up the repeat does not send (sdk-behaviour.md, sections 2 and 6) ----------------

            /// <summary>
            /// A loop that gets its channel from <c>Channel(...)</c> with constant arguments on every pass and awaits
            /// <c>Subscribe()</c>: the cache hands out one instance, the first pass joins it, and every later pass's
            /// Subscribe() returns at once; a filter that changes per pass is only appended to a registration no join carries.
            /// </summary>
            private Finding? CachedChannelPerPass(Body body, Fact subscribe, ChannelOrigin origin)
            {
                var slot = subscribe.Slot;
                if (slot is null || subscribe.Origin != null || !IsAwaited(subscribe.Operation) || !IsTracked(body, subscribe)
                    || !(InnermostLoop(subscribe.Syntax) is SyntaxNode loop))
                {
                    return null;
                }

                // The channel is obtained in the pass, from a client that is the same on every pass.
                var obtainedInLoop = false;
                foreach (var definition in DefinitionsOf(slot))
                {
                    obtainedInLoop |= IsWithin(definition.Syntax, loop);
                }

                if (!obtainedInLoop || (origin.Client.Root is ILocalSymbol clientLocal && IsDeclaredWithin(clientLocal, loop)))
                {
                    return null;
                }

                // Nothing in the loop leaves or drops the instance, so the next pass gets it back joined.
                foreach (var fact in body.Facts)
                {
                    if (!IsWithin(fact.Syntax, loop))
                    {
                        continue;
                    }

                    var releases = fact.Kind == FactKind.Release ? MayAlias(fact, new[] { slot }, origin) : fact.Kind != FactKind.Definition && IsReleaseOfSlot(fact, slot, origin);
                    if (releases)
                    {
                        return null;
                    }
                }

                // A pass runs again only after the join failed (a try with a catch in the loop), which leaves the channel
                // unjoined, so that pass joins again (sdk-behaviour.md, section 2). A pass that subscribes and leaves the loop
                // (break, return) runs the Subscribe() once.
                if (IsGuardedRetryInLoop(subscribe.Syntax) || !body.Orders[subscribe.Order].IsInCycle(subscribe.Point))
                {
                    return null;
                }

                var perPass = PerPassRegistration(body, subscribe, SlotKills(body, subscribe.Order, slot, origin));
                var reason = string.Format(
                    CultureInfo.InvariantCulture,
                    "inside a loop that gets it from {0}.Channel(...) with the same arguments on every pass, which returns one cached instance: {1}",
                    origin.Client.Display,
                    perPass != null ? OnlyFirstPassJoins(perPass) : LaterPassesGetTheJoinedChannel);

                // No fix: the channel is obtained in the pass, so the Subscribe() alone cannot move before the loop.
                return new Finding(NameOf(subscribe), reason, null, null);
            }

            /// <summary>What the later passes of a loop that takes one cached channel on every pass do (sdk-behaviour.md, sections 1 and 2).</summary>
            private const string LaterPassesGetTheJoinedChannel
                = "later passes get the cached channel that has already joined, so their Subscribe() returns at once and sends nothing; subscribe once, before the loop";

            /// <summary>
            /// A registration of <paramref name="subscribe"/>'s channel in the same loop pass, before it, whose options
            /// read a local the loop writes (the loop variable, a local declared in the body): a new filter on each pass.
            /// </summary>
            private static Fact? PerPassRegistration(Body body, Fact subscribe, List<FlowPoint> kills)
            {
                if (!IsAwaited(subscribe.Operation) || !(InnermostLoop(subscribe.Syntax) is SyntaxNode loop)
                    || !(LoopOperation(subscribe.Operation, loop) is ILoopOperation loopOperation))
                {
                    return null;
                }

                var order = body.Orders[subscribe.Order];
                if (!order.IsInCycle(subscribe.Point))
                {
                    // A pass that subscribes leaves the loop (break, return): the Subscribe() runs once.
                    return null;
                }

                HashSet<ILocalSymbol>? perPassLocals = null;
                foreach (var fact in body.Facts)
                {
                    if (fact.Kind != FactKind.JoinRegistration || !fact.IsLocated || fact.Order != subscribe.Order
                        || fact.Position >= subscribe.Position || !IsWithin(fact.Syntax, loop)
                        || !SymbolEqualityComparer.Default.Equals(fact.Slot, subscribe.Slot)
                        || !order.ExistsPath(fact.Point, subscribe.Point, kills))
                    {
                        continue;
                    }

                    perPassLocals ??= LocalsWrittenPerPass(loopOperation);
                    if (ReadsAny((IInvocationOperation)fact.Operation, perPassLocals))
                    {
                        return fact;
                    }
                }

                return null;
            }

            /// <summary>What a loop's later passes lose when only the first pass joins.</summary>
            private static string OnlyFirstPassJoins(Fact registration)
                => string.Format(
                    CultureInfo.InvariantCulture,
                    "only the first pass's Subscribe() sends a join, later passes return at once and send nothing, so the join carries the first pass's {0} (line {1}) only and the server is never asked for the changes of the later passes' registrations; give each pass its own channel with a distinct topic, or register one filter that covers them all (in.(...)) and subscribe once",
                    RegistrationName(registration),
                    Line(registration.Syntax));

            /// <summary>
            /// A registration of the channel on a path from the awaited <paramref name="earlier"/> to <paramref name="subscribe"/>
            /// with nothing in <paramref name="kills"/> on the way: made after the join, it waits for a join the repeat does not send.
            /// </summary>
            private Fact? RegistrationBetween(Body body, Fact earlier, Fact subscribe, List<FlowPoint> kills, ChannelOrigin? origin)
            {
                if (!IsAwaited(earlier.Operation))
                {
                    return null;
                }

                var order = body.Orders[subscribe.Order];
                Fact? found = null;
                foreach (var fact in body.Facts)
                {
                    if (fact.Kind != FactKind.JoinRegistration || !fact.IsLocated || fact.Order != subscribe.Order
                        || (found != null && found.Position <= fact.Position))
                    {
                        continue;
                    }

                    if (IsOnChannel(fact, earlier, subscribe, origin)
                        && order.ExistsPath(earlier.Point, fact.Point, kills) && order.ExistsPath(fact.Point, subscribe.Point, kills)
                        && !RepeatsJoinedRegistration(body, fact, earlier, subscribe, origin))
                    {
                        found = fact;
                    }
                }

                return found;
            }

            private static bool IsOnChannel(Fact registration, Fact earlier, Fact subscribe, ChannelOrigin? origin)
                => (registration.Slot != null
                        && (SymbolEqualityComparer.Default.Equals(registration.Slot, subscribe.Slot) || SymbolEqualityComparer.Default.Equals(registration.Slot, earlier.Slot)))
                    || (origin != null && registration.Origin != null && registration.Origin.IsSameInstanceAs(origin));

            /// <summary>
            /// The registration repeats one the join carried: the built-in one of a <c>Channel(database, schema, table, ...)</c>
            /// origin, or an equal registration that runs before <paramref name="earlier"/>. The server was asked for its changes.
            /// </summary>
            private bool RepeatsJoinedRegistration(Body body, Fact registration, Fact earlier, Fact subscribe, ChannelOrigin? origin)
            {
                var binding = registration.Binding;
                if (binding is null || !binding.IsKnown)
                {
                    return false;
                }

                var earlierOrigin = OriginAt(body, earlier);
                if (earlierOrigin != null && !earlierOrigin.IsTopicOverload && PostgresBinding.FromChannel(earlierOrigin).HasSameOptionsAs(binding))
                {
                    return true;
                }

                var order = body.Orders[subscribe.Order];
                foreach (var fact in body.Facts)
                {
                    if (fact != registration && fact.Kind == FactKind.JoinRegistration && fact.IsLocated && fact.Order == subscribe.Order
                        && fact.Position < earlier.Position && fact.Binding != null && fact.Binding.HasSameOptionsAs(binding)
                        && IsOnChannel(fact, earlier, subscribe, origin) && order.Reaches(fact.Point, earlier.Point))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>The repeat after an awaited Subscribe() with <paramref name="registration"/> made in between.</summary>
            private static string RegistrationWaits(Fact registration)
                => string.Format(
                    CultureInfo.InvariantCulture,
                    "the channel has joined by then, so this call returns at once and sends nothing, and the join that went out does not carry the {0} on line {1}: the server is not asked for its changes until the channel joins again; register before the first Subscribe(), or call Unsubscribe() before this Subscribe() so that it sends a new join",
                    RegistrationName(registration),
                    Line(registration.Syntax));

            private static string RegistrationName(Fact registration)
                => ((IInvocationOperation)registration.Operation).TargetMethod.Name + "(...)";

            private static bool IsWithin(SyntaxNode syntax, SyntaxNode container)
                => syntax.SyntaxTree == container.SyntaxTree && container.Span.Contains(syntax.Span);

            private static bool IsDeclaredWithin(ILocalSymbol local, SyntaxNode container)
            {
                foreach (var reference in local.DeclaringSyntaxReferences)
                {
                    if (reference.SyntaxTree == container.SyntaxTree && container.Span.Contains(reference.Span))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>The innermost loop statement around <paramref name="syntax"/> in its own method, lambda or local function.</summary>
            private static SyntaxNode? InnermostLoop(SyntaxNode syntax)
            {
                for (var node = syntax.Parent; node != null; node = node.Parent)
                {
                    if (node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax || node is MemberDeclarationSyntax)
                    {
                        return null;
                    }

                    if (node is WhileStatementSyntax || node is DoStatementSyntax || node is ForStatementSyntax || node is CommonForEachStatementSyntax)
                    {
                        return node;
                    }
                }

                return null;
            }

            private static ILoopOperation? LoopOperation(IOperation operation, SyntaxNode loop)
            {
                for (var current = operation.Parent; current != null; current = current.Parent)
                {
                    if (current is ILoopOperation candidate && candidate.Syntax == loop)
                    {
                        return candidate;
                    }
                }

                return null;
            }

            /// <summary>The locals that may hold another value on each pass: the loop's own, those declared in it, those it writes.</summary>
            private static HashSet<ILocalSymbol> LocalsWrittenPerPass(ILoopOperation loop)
            {
                var locals = new HashSet<ILocalSymbol>(SymbolEqualityComparer.Default);
                locals.UnionWith(loop.Locals);
                foreach (var operation in loop.Descendants())
                {
                    IOperation? target = null;
                    switch (operation)
                    {
                        case IVariableDeclaratorOperation declarator when declarator.Symbol != null:
                            locals.Add(declarator.Symbol);
                            break;
                        case ILocalReferenceOperation reference when reference.IsDeclaration:
                            locals.Add(reference.Local);
                            break;
                        case IDeclarationPatternOperation pattern when pattern.DeclaredSymbol is ILocalSymbol declared:
                            locals.Add(declared);
                            break;
                        case IAssignmentOperation assignment:
                            target = assignment.Target;
                            break;
                        case IIncrementOrDecrementOperation increment:
                            target = increment.Target;
                            break;
                        case IArgumentOperation argument when argument.Parameter != null && argument.Parameter.RefKind != RefKind.None:
                            target = argument.Value;
                            break;
                    }

                    if (target is ILocalReferenceOperation written)
                    {
                        locals.Add(written.Local);
                    }
                }

                return locals;
            }

            /// <summary>True when an argument of <paramref name="registration"/> other than a handler reads one of <paramref name="locals"/>.</summary>
            private static bool ReadsAny(IInvocationOperation registration, HashSet<ILocalSymbol> locals)
            {
                foreach (var argument in registration.Arguments)
                {
                    if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate)
                    {
                        continue;
                    }

                    foreach (var operation in argument.Value.DescendantsAndSelf())
                    {
                        if (operation is ILocalReferenceOperation reference && locals.Contains(reference.Local) && !IsInFunction(operation, argument))
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            private static bool IsInFunction(IOperation operation, IOperation root)
            {
                for (var current = operation.Parent; current != null && current != root; current = current.Parent)
                {
                    if (current is IAnonymousFunctionOperation)
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// The loop case may move its Subscribe() before the loop: it is a whole statement directly in the
            /// body of the innermost loop statement around it, and nothing in that loop (calls of the type's
            /// methods included) releases or replaces the channel, registers on it, or subscribes it again.
            /// </summary>
            private bool CanHoist(Body body, Fact subscribe, ISymbol slot, ChannelOrigin? origin)
            {
                if (!IsWholeStatement(subscribe.Operation))
                {
                    return false;
                }

                SyntaxNode? loop = null;
                for (var node = subscribe.Syntax.Parent; node != null && loop is null; node = node.Parent)
                {
                    if (node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax || node is MemberDeclarationSyntax)
                    {
                        return false;
                    }

                    if (node is WhileStatementSyntax || node is DoStatementSyntax || node is ForStatementSyntax || node is CommonForEachStatementSyntax)
                    {
                        loop = node;
                    }
                }

                if (loop is null)
                {
                    return false;
                }

                foreach (var fact in body.Facts)
                {
                    if (fact == subscribe || fact.Syntax.SyntaxTree != loop.SyntaxTree || !loop.Span.Contains(fact.Syntax.Span))
                    {
                        continue;
                    }

                    var sameSlot = SymbolEqualityComparer.Default.Equals(fact.Slot, slot);
                    if ((fact.Kind == FactKind.Subscribe || fact.Kind == FactKind.Registration || fact.Kind == FactKind.JoinRegistration)
                        && (sameSlot || fact.Slot is null))
                    {
                        return false;
                    }

                    if (IsReleaseOfSlot(fact, slot, origin))
                    {
                        return false;
                    }
                }

                return true;
            }
        }
    }
}
