using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Model;

namespace SupabaseRealtime.Analyzers.Rules
{
    /// <summary>
    /// SRT010: an <c>AddPostgresChangeHandler</c> that finds no free registration on its channel and is
    /// dropped (Supabase.Realtime 7.1 and later pair each handler with one registration). The pairing is
    /// simulated over the channel's creation, registrations and handlers in the order they run
    /// (<see cref="HandlerPairing"/>); a channel whose set-up is not fully visible reports nothing.
    /// </summary>
    internal sealed class UnpairedChangeHandlerAnalyzer : SdkRule
    {
        /// <summary>Diagnostic properties for the fixes: present only when a registration can be added.</summary>
        internal const string SchemaProperty = "Schema";
        internal const string TableProperty = "Table";
        internal const string FilterProperty = "Filter";
        internal const string EventProperty = "Event";

        /// <summary>"true" when <c>Register(new PostgresChangesOptions(...))</c> can be inserted before the handler.</summary>
        internal const string CanRegisterProperty = "CanRegister";

        /// <summary>"true" when the handler call can become <c>OnPostgresChange(handler, listenType, filter)</c> (Realtime 7.4+).</summary>
        internal const string CanRewriteProperty = "CanRewrite";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.SRT010);

        protected override void Register(CompilationStartAnalysisContext context, SdkCompilation compilation)
        {
            var sdk = compilation.Sdk;
            if ((sdk.RealtimeChannelInterface is null && sdk.RealtimeChannel is null) || sdk.ListenType is null
                || !sdk.PairsHandlersWithRegistrations)
            {
                return;
            }

            compilation.Registrations.Add(context, compilation, kind => kind == ChannelCallKind.AddHandler || kind == ChannelCallKind.TableOn || kind == ChannelCallKind.OnPostgresChange, (end, timelines) =>
                {
                    foreach (var timeline in timelines)
                    {
                        if (timeline.PairingSequence.IsEmpty)
                        {
                            continue;
                        }

                        var outcome = HandlerPairing.Replay(timeline.PairingSequence);
                        var channelType = sdk.RealtimeChannel ?? sdk.RealtimeChannelInterface;
                        var hasOnPostgresChange = channelType != null && HasOnPostgresChange(channelType);
                        foreach (var unpaired in outcome.Unpaired)
                        {
                            var handler = unpaired.Handler;
                            Report(end, handler, timeline, "never runs: " + Reason(unpaired, hasOnPostgresChange),
                                unpaired.RemovedRegistration is null && unpaired.EqualRegistration is null
                                    ? FixProperties(timeline, unpaired)
                                    : ImmutableDictionary<string, string>.Empty);
                        }

                        foreach (var misrouted in outcome.Misrouted)
                        {
                            Report(end, misrouted.Handler, timeline, MisroutedText(misrouted), ImmutableDictionary<string, string>.Empty);
                        }

                        if (SetUpIsWhole(timeline))
                        {
                            foreach (var shadowed in outcome.Shadowed())
                            {
                                Report(end, shadowed.Handler, timeline, ShadowedText(shadowed), ImmutableDictionary<string, string>.Empty);
                            }
                        }
                    }
                });

            void Report(SymbolAnalysisContext end, ChannelCall handler, ChannelTimeline timeline, string text, ImmutableDictionary<string, string> properties)
                => compilation.Scope.Report(
                    end.ReportDiagnostic,
                    Diagnostic.Create(Descriptors.SRT010, handler.NameLocation, properties, handler.HandlerEvent, timeline.DisplayName, text));
        }

        /// <summary>
        /// True when the replay holds every registration, handler and removal of the channel and none of them may run after a
        /// <c>Subscribe()</c> (a registration made after the join has no id until the next one): what the channel has when
        /// changes arrive is then the replay's final state.
        /// </summary>
        private static bool SetUpIsWhole(ChannelTimeline timeline)
        {
            var steps = 0;
            foreach (var call in timeline.Calls)
            {
                if (RegistrationCollector.IsPairingStep(call))
                {
                    steps++;
                }
            }

            var replayed = 0;
            foreach (var call in timeline.PairingSequence)
            {
                if (call.Kind == ChannelCallKind.Create)
                {
                    continue;
                }

                replayed++;
                foreach (var subscribe in timeline.Calls)
                {
                    if (subscribe.Kind == ChannelCallKind.Subscribe
                        && (subscribe.Body != call.Body || timeline.MayRunBeforeInSameBody(subscribe, call)))
                    {
                        return false;
                    }
                }
            }

            return replayed == steps;
        }

        /// <summary>An OnPostgresChange whose handler took an earlier free registration: what it runs for, and what to do.</summary>
        private static string MisroutedText(HandlerPairing.Misrouted misrouted)
            => "runs for " + Describe(misrouted.Taken.Binding) + ", never for its own " + Describe(misrouted.Own)
                + ": from Supabase.Realtime 7.1 OnPostgresChange registers its options, then binds its handler to the first free "
                + "registration, here the one from " + Source(misrouted.Taken.Source)
                + ", and its own stays free; give that registration its own handler before this call, or remove it";

        /// <summary>A typed handler beside an All handler whose registration matches every change it would get.</summary>
        private static string ShadowedText(HandlerPairing.Shadowed shadowed)
            => "never runs: " + Describe(shadowed.All.Taker!) + " listens for every event of " + Describe(shadowed.All.Binding)
                + ", and from Supabase.Realtime 7.1, when a change matches the registration of a ListenType.All handler, only that "
                + "handler runs; handle " + shadowed.Handler.HandlerEvent + " in that handler (change.Event), or give it the typed "
                + "events it needs instead of ListenType.All";

        /// <summary>"public.users", "public.messages where room_id=eq.42", "every table of schema 'public'".</summary>
        private static string Describe(PostgresBinding binding)
            => (binding.Table is null ? "every table of schema '" + binding.Schema + "'" : binding.Schema + "." + binding.Table)
                + (binding.Filter is null ? string.Empty : " where " + binding.Filter);

        /// <summary>"the handler on line 12", "the ListenType.All handler on line 12".</summary>
        private static string Describe(ChannelCall handler)
            => (handler.Kind == ChannelCallKind.OnPostgresChange ? "the OnPostgresChange on line " : "the handler on line ")
                + handler.Line.ToString(CultureInfo.InvariantCulture);

        /// <summary>
        /// Why no registration is free, from the registrations the channel has when the handler is added:
        /// none; one (taken, or listening for another event); several (none could serve it, or all that
        /// could are taken).
        /// </summary>
        internal static string Reason(HandlerPairing.Unpaired unpaired, bool hasOnPostgresChange)
        {
            if (unpaired.RemovedRegistration is { } removed)
            {
                // sdk-behaviour.md 4.2: RemovePostgresChangeHandler removes the whole binding; the options stay in the join list.
                return "no registration is free for it: the RemovePostgresChangeHandler on line "
                    + removed.Removal.Line.ToString(CultureInfo.InvariantCulture) + " removed the registration from " + Source(removed.Source)
                    + " together with its handler (from Supabase.Realtime 7.1 it removes the whole registration); "
                    + (hasOnPostgresChange
                        ? "add the handler back with OnPostgresChange(handler, listenType, filter), which registers again"
                        : "Register(...) the options again before adding the handler back")
                    + " (a channel that has joined gets it at its next join)";
            }

            if (unpaired.EqualRegistration is { } equal)
            {
                // sdk-behaviour.md 4.1: equal options add a join entry, never a second registration.
                return "no registration is free for it: its options equal those of the registration from " + Source(equal)
                    + ", so it adds no registration of its own (only another join entry), and that one is taken"
                    + (FindTaker(unpaired, equal) is { } taker ? " by " + HandlerPairing.Describe(taker) : string.Empty)
                    + "; give it other options (another event or filter), or handle both in one handler";
            }

            return "no registration is free for it (" + Counted(unpaired) + ")";
        }

        private static ChannelCall? FindTaker(HandlerPairing.Unpaired unpaired, ChannelCall source)
        {
            foreach (var registration in unpaired.Registrations)
            {
                if (registration.Source == source)
                {
                    return registration.Taker;
                }
            }

            return null;
        }

        /// <summary>The registrations the channel has when the handler is added, and why none serves it.</summary>
        private static string Counted(HandlerPairing.Unpaired unpaired)
        {
            var wanted = unpaired.Handler.HandlerEvent!;
            var all = unpaired.Registrations;
            var serving = new List<(ChannelCall Source, PostgresBinding Binding, ChannelCall? Taker)>();
            foreach (var registration in all)
            {
                if (registration.Binding.Event == wanted || registration.Binding.Event == PostgresBinding.AllEvents)
                {
                    serving.Add(registration);
                }
            }

            if (all.Length == 0)
            {
                return "it has no registration at this point";
            }

            if (all.Length == 1)
            {
                var only = all[0];
                return serving.Count == 1
                    ? "its one registration, from " + Source(only.Source) + ", is taken by " + Taker(only.Source, only.Taker!)
                    : "its one registration, from " + Source(only.Source) + ", listens for " + only.Binding.Event + " events only";
            }

            var count = all.Length.ToString(CultureInfo.InvariantCulture);
            if (serving.Count == 0)
            {
                return "none of its " + count + " registrations listens for "
                    + (wanted == PostgresBinding.AllEvents ? "*" : wanted + " or *") + " events";
            }

            if (serving.Count == all.Length)
            {
                return "all " + count + " of its registrations are taken, by " + Takers(serving);
            }

            return serving.Count == 1
                ? "the one of its " + count + " registrations that could serve it, from " + Source(serving[0].Source) + ", is taken by "
                    + Taker(serving[0].Source, serving[0].Taker!)
                : "the " + serving.Count.ToString(CultureInfo.InvariantCulture) + " of its " + count
                    + " registrations that could serve it are taken, by " + Takers(serving);
        }

        /// <summary>An OnPostgresChange serves its own handler with the registration it makes.</summary>
        private static string Taker(ChannelCall source, ChannelCall taker)
            => source == taker ? "its own handler" : HandlerPairing.Describe(taker);

        private static string Source(ChannelCall source)
            => source.Kind == ChannelCallKind.Create
                ? source.Text
                : string.Format(CultureInfo.InvariantCulture, "the {0} on line {1}", source.Name, source.Line);

        /// <summary>"the handlers on lines 10 and 11", or each described when they differ in kind.</summary>
        private static string Takers(List<(ChannelCall Source, PostgresBinding Binding, ChannelCall? Taker)> registrations)
        {
            var allHandlers = true;
            foreach (var registration in registrations)
            {
                allHandlers &= registration.Taker!.Kind == ChannelCallKind.AddHandler;
            }

            var takers = new List<ChannelCall>();
            foreach (var registration in registrations)
            {
                takers.Add(registration.Taker!);
            }

            takers.Sort((a, b) => a.Line.CompareTo(b.Line));
            var parts = new List<string>();
            foreach (var taker in takers)
            {
                parts.Add(allHandlers ? taker.Line.ToString(CultureInfo.InvariantCulture) : HandlerPairing.Describe(taker));
            }

            return (allHandlers ? "the handlers on lines " : string.Empty) + JoinWithAnd(parts);
        }

        private static string JoinWithAnd(List<string> parts)
        {
            var text = new StringBuilder();
            for (var i = 0; i < parts.Count; i++)
            {
                text.Append(i == 0 ? string.Empty : i == parts.Count - 1 ? " and " : ", ").Append(parts[i]);
            }

            return text.ToString();
        }

        /// <summary>
        /// The options a new registration for the handler would have: the schema, table and filter every
        /// earlier registration agrees on, with the handler's event. No fix when they disagree, when such
        /// a registration exists already (it would duplicate it), when the handler runs after a
        /// Subscribe (the join has gone out), or when the handler call is not a plain statement on a variable.
        /// </summary>
        private static ImmutableDictionary<string, string> FixProperties(ChannelTimeline timeline, HandlerPairing.Unpaired unpaired)
        {
            var properties = ImmutableDictionary.CreateBuilder<string, string>();
            var handler = unpaired.Handler;
            if (unpaired.Registrations.IsEmpty || !IsPlainStatementOnVariable(handler))
            {
                return properties.ToImmutable();
            }

            var first = unpaired.Registrations[0].Binding;
            foreach (var registration in unpaired.Registrations)
            {
                var binding = registration.Binding;
                if (binding.Schema != first.Schema || binding.Table != first.Table || binding.Filter != first.Filter)
                {
                    return properties.ToImmutable();
                }
            }

            var added = PostgresBinding.Known(first.Schema!, first.Table, handler.HandlerEvent!, first.Filter);
            foreach (var call in timeline.Calls)
            {
                if (call.Binding != null && (!call.Binding.IsKnown || call.Binding.HasSameOptionsAs(added)))
                {
                    return properties.ToImmutable();
                }

                if (call.Kind == ChannelCallKind.Subscribe && timeline.MayRunBeforeInSameBody(call, handler))
                {
                    return properties.ToImmutable();
                }
            }

            properties[SchemaProperty] = added.Schema!;
            if (added.Table != null)
            {
                properties[TableProperty] = added.Table;
            }

            if (added.Filter != null)
            {
                properties[FilterProperty] = added.Filter;
            }

            properties[EventProperty] = added.Event!;
            // A fix never writes a call the referenced SDK marks [Obsolete] (CS0618 breaks warnings-as-errors builds):
            // from 7.4 Register(PostgresChangesOptions) is, and OnPostgresChange is the way.
            if (!RegisterIsObsolete(handler.Invocation.TargetMethod.ContainingType))
            {
                properties[CanRegisterProperty] = "true";
            }

            if (HasOnPostgresChange(handler.Invocation.TargetMethod.ContainingType))
            {
                properties[CanRewriteProperty] = "true";
            }

            return properties.ToImmutable();
        }

        private static bool IsPlainStatementOnVariable(ChannelCall handler)
            => handler.Invocation.Parent is IExpressionStatementOperation
                && handler.Invocation.Syntax is InvocationExpressionSyntax syntax
                && syntax.Expression is MemberAccessExpressionSyntax access
                && syntax.Parent is ExpressionStatementSyntax statement
                && (statement.Parent is BlockSyntax || statement.Parent is SwitchSectionSyntax || statement.Parent is GlobalStatementSyntax)
                && (SymbolPath.Unwrap(handler.Invocation.Instance) is ILocalReferenceOperation
                    || SymbolPath.Unwrap(handler.Invocation.Instance) is IParameterReferenceOperation
                    || ChannelSlots.GetSlot(handler.Invocation.Instance) != null)
                && !(access.Expression is InvocationExpressionSyntax);

        private static bool RegisterIsObsolete(INamedTypeSymbol channelType)
        {
            foreach (var member in channelType.GetMembers("Register"))
            {
                if (member is IMethodSymbol { IsGenericMethod: false, Parameters.Length: 1 } method)
                {
                    foreach (var attribute in method.GetAttributes())
                    {
                        if (attribute.AttributeClass is { Name: "ObsoleteAttribute", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
                        {
                            return true;
                        }
                    }
                }
            }

            return false;
        }

        private static bool HasOnPostgresChange(INamedTypeSymbol channelType)
        {
            foreach (var member in channelType.GetMembers("OnPostgresChange"))
            {
                if (member is IMethodSymbol)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
