using System.Collections.Generic;
using System.Globalization;
using Microsoft.CodeAnalysis;
using SupabaseRealtime.Analyzers.Model;

namespace SupabaseRealtime.Analyzers.Rules
{
    internal sealed partial class ChannelSubscribedMoreThanOnceAnalyzer
    {
        /// <summary>SRT002's judge, case 3: a retry from the channel's own state or close handler.</summary>
        private sealed partial class Judge
        {
            // ---- Case 3: a retry from the channel's own handler ----------------------------------

            public void FindHandlerRetries(Dictionary<SyntaxNode, Finding> findings, System.Threading.CancellationToken cancellationToken)
            {
                foreach (var body in bodies)
                {
                    foreach (var registration in body.Facts)
                    {
                        cancellationToken.ThrowIfCancellationRequested();
                        if (registration.Kind == FactKind.Registration)
                        {
                            FindHandlerRetries(registration, findings);
                        }
                    }
                }
            }

            private void FindHandlerRetries(Fact registration, Dictionary<SyntaxNode, Finding> findings)
            {
                if (!ChannelCalls.TryGetHandlerTarget(registration.Handler, out var function, out var method))
                {
                    return;
                }

                var handlers = new List<SyntaxNode>();
                IParameterSymbol? sender = null;
                if (function?.Symbol != null)
                {
                    handlers.Add(function.Syntax);
                    sender = function.Symbol.Parameters.Length > 0 ? function.Symbol.Parameters[0] : null;
                }
                else if (method != null)
                {
                    var definition = method.OriginalDefinition;
                    if (definition.MethodKind != MethodKind.LocalFunction
                        && !SymbolEqualityComparer.Default.Equals(definition.ContainingType?.OriginalDefinition, type))
                    {
                        return;
                    }

                    foreach (var reference in definition.DeclaringSyntaxReferences)
                    {
                        handlers.Add(reference.GetSyntax());
                    }

                    sender = definition.Parameters.Length > 0 ? definition.Parameters[0] : null;
                }

                // A captured local that is assigned more than once may hold another channel when the handler runs.
                var channelSlot = registration.Slot;
                if (channelSlot != null
                    && ((!IsMember(channelSlot) && DefinitionsOf(channelSlot).Count != 1)
                        || (channelSlot is IPropertySymbol property && !IsAutoProperty(property))))
                {
                    channelSlot = null;
                }

                if (channelSlot is null && sender is null)
                {
                    return;
                }

                foreach (var body in bodies)
                {
                    foreach (var subscribe in body.Facts)
                    {
                        if (subscribe.Kind != FactKind.Subscribe || !subscribe.IsLocated || subscribe.Slot is null
                            || findings.ContainsKey(subscribe.Syntax))
                        {
                            continue;
                        }

                        if (!SymbolEqualityComparer.Default.Equals(subscribe.Slot, channelSlot)
                            && !SymbolEqualityComparer.Default.Equals(subscribe.Slot, sender))
                        {
                            continue;
                        }

                        var handler = Containing(handlers, subscribe.Syntax);
                        if (handler is null || !RunsUnreleased(body, subscribe, handler))
                        {
                            continue;
                        }

                        var reason = string.Format(
                            CultureInfo.InvariantCulture,
                            "inside its own {0} (registered on line {1}): it joins again each time the channel closes or fails, the code's own Unsubscribe() or Remove() included, with no limit (the client itself rejoins only after a socket reconnect); rejoin from the code that decides to",
                            HandlerName(registration.HandlerKind),
                            Line(registration.Syntax));
                        var fix = IsWholeStatement(subscribe.Operation) ? FixRemoveRetry : null;
                        findings[subscribe.Syntax] = new Finding(NameOf(registration), reason, fix, null);
                    }
                }
            }

            private static bool SameNode(SyntaxNode a, SyntaxNode b)
                => a.SyntaxTree == b.SyntaxTree && a.Span == b.Span && a.RawKind == b.RawKind;

            private static SyntaxNode? Containing(List<SyntaxNode> handlers, SyntaxNode syntax)
            {
                foreach (var handler in handlers)
                {
                    if (handler.SyntaxTree == syntax.SyntaxTree && handler.Span.Contains(syntax.Span))
                    {
                        return handler;
                    }
                }

                return null;
            }

            /// <summary>
            /// True when the handler reaches <paramref name="subscribe"/> without first releasing or replacing
            /// its channel (a handler that unsubscribes and subscribes again is a deliberate rejoin).
            /// </summary>
            private bool RunsUnreleased(Body body, Fact subscribe, SyntaxNode handler)
            {
                var slot = subscribe.Slot!;
                var kills = new List<FlowPoint>();
                var direct = SameNode(body.OrderSyntax[subscribe.Order], handler);
                foreach (var fact in body.Facts)
                {
                    if (!fact.IsLocated || !handler.Span.Contains(fact.Syntax.Span) || !IsReleaseOfSlot(fact, slot, null))
                    {
                        continue;
                    }

                    if (!direct)
                    {
                        // The Subscribe() is in a lambda inside the handler: any release in the handler counts.
                        return false;
                    }

                    if (fact.Order == subscribe.Order)
                    {
                        kills.Add(fact.Point);
                    }
                }

                return !direct || body.Orders[subscribe.Order].ExistsPathFromEntry(subscribe.Point, kills);
            }

            private static string HandlerName(ChannelHandlerKind kind)
            {
                switch (kind)
                {
                    case ChannelHandlerKind.Error:
                        return "error handler";
                    case ChannelHandlerKind.StateChangedEvent:
                        return "StateChanged handler";
                    case ChannelHandlerKind.ErrorEvent:
                        return "OnError handler";
                    case ChannelHandlerKind.CloseEvent:
                        return "OnClose handler";
                    default:
                        return "state handler";
                }
            }
        }
    }
}
