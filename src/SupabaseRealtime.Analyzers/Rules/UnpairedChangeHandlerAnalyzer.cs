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

            compilation.Registrations.Add(context, compilation, kind => kind == ChannelCallKind.AddHandler || kind == ChannelCallKind.TableOn, (end, timelines) =>
                {
                    foreach (var timeline in timelines)
                    {
                        if (timeline.PairingSequence.IsEmpty)
                        {
                            continue;
                        }

                        foreach (var unpaired in HandlerPairing.Simulate(timeline.PairingSequence))
                        {
                            var handler = unpaired.Handler;
                            compilation.Scope.Report(
                                end.ReportDiagnostic,
                                Diagnostic.Create(
                                    Descriptors.SRT010,
                                    handler.NameLocation,
                                    FixProperties(timeline, unpaired),
                                    handler.HandlerEvent,
                                    timeline.DisplayName,
                                    Reason(unpaired)));
                        }
                    }
                });
        }

        /// <summary>
        /// Why no registration is free, from the registrations the channel has when the handler is added:
        /// none; one (taken, or listening for another event); several (none could serve it, or all that
        /// could are taken).
        /// </summary>
        internal static string Reason(HandlerPairing.Unpaired unpaired)
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
