using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Model;

namespace SupabaseRealtime.Analyzers.Rules
{
    /// <summary>
    /// SRT006: a binding the join message would carry, added where it cannot work.
    /// (1) <c>Register(PostgresChangesOptions)</c>, <c>OnPostgresChange</c>, <c>Register&lt;TBroadcast&gt;</c> or
    /// <c>Register&lt;TPresence&gt;</c> after the channel was subscribed on some path in the same method;
    /// (2) <c>Register(options)</c> repeating a registration the channel already has (including the one
    /// <c>Channel(database, schema, table, ...)</c> makes); (3) a second <c>Register&lt;TBroadcast&gt;</c> /
    /// <c>Register&lt;TPresence&gt;</c> on one channel instance. Channels are followed per instance in a
    /// method, and per field across the type's members (see <see cref="RegistrationCollector"/>).
    /// </summary>
    internal sealed class LateOrDuplicateBindingAnalyzer : SdkRule
    {
        /// <summary>Diagnostic property: which fix applies (<see cref="MoveFix"/> or <see cref="RemoveFix"/>); absent when none.</summary>
        internal const string FixProperty = "Fix";

        /// <summary>Diagnostic property for <see cref="MoveFix"/>: the start of the statement to move before.</summary>
        internal const string MoveBeforeProperty = "MoveBefore";

        internal const string MoveFix = "Move";

        internal const string RemoveFix = "Remove";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.SRT006);

        protected override void Register(CompilationStartAnalysisContext context, SdkCompilation compilation)
        {
            if (compilation.Sdk.RealtimeChannelInterface is null && compilation.Sdk.RealtimeChannel is null)
            {
                return;
            }

            compilation.Registrations.Add(context, compilation, ChannelCall.IsJoinBinding, (end, timelines) =>
            {
                foreach (var timeline in timelines)
                {
                    Analyze(end, compilation, timeline);
                }
            });
        }

        private static void Analyze(SymbolAnalysisContext context, SdkCompilation compilation, ChannelTimeline timeline)
        {
            foreach (var call in timeline.Calls)
            {
                if (!call.AddsJoinBinding)
                {
                    continue;
                }

                var properties = ImmutableDictionary.CreateBuilder<string, string>();
                var detail = SecondBroadcastOrPresence(timeline, call) ?? RepeatedRegistration(timeline, call);
                if (detail != null)
                {
                    if (IsRemovableStatement(call))
                    {
                        properties[FixProperty] = RemoveFix;
                    }
                }
                else if (SubscribedBefore(timeline, call) is { } subscribe)
                {
                    detail = string.Format(
                        CultureInfo.InvariantCulture,
                        "runs after the channel is subscribed on line {0}: the join has gone out, so this binding takes effect only at the channel's next join; set it up before Subscribe()",
                        subscribe.Line);
                    if (MoveTarget(timeline, call) is { } target)
                    {
                        properties[FixProperty] = MoveFix;
                        properties[MoveBeforeProperty] = target.SpanStart.ToString(CultureInfo.InvariantCulture);
                    }
                }

                if (detail != null)
                {
                    compilation.Scope.Report(
                        context.ReportDiagnostic,
                        Diagnostic.Create(Descriptors.SRT006, call.NameLocation, properties.ToImmutable(), call.Name, timeline.DisplayName, detail));
                }
            }
        }

        /// <summary>Case 3: Register&lt;TBroadcast&gt; / Register&lt;TPresence&gt; when the channel already has one.</summary>
        private static string? SecondBroadcastOrPresence(ChannelTimeline timeline, ChannelCall call)
        {
            if (call.Kind != ChannelCallKind.RegisterBroadcast && call.Kind != ChannelCallKind.RegisterPresence)
            {
                return null;
            }

            foreach (var other in timeline.Calls)
            {
                if (other.Kind == call.Kind && timeline.AlwaysRunsBefore(other, call))
                {
                    return string.Format(
                        CultureInfo.InvariantCulture,
                        "is the channel's second {0} registration (the first is on line {1}): it throws InvalidOperationException",
                        call.Kind == ChannelCallKind.RegisterBroadcast ? "broadcast" : "presence",
                        other.Line);
                }
            }

            return null;
        }

        /// <summary>Case 2: Register(options) with options the channel already has.</summary>
        private static string? RepeatedRegistration(ChannelTimeline timeline, ChannelCall call)
        {
            if (call.Kind != ChannelCallKind.RegisterPostgres || call.Binding is null || !call.Binding.IsKnown)
            {
                return null;
            }

            foreach (var other in timeline.Calls)
            {
                if (other.Binding != null && other.Binding.HasSameOptionsAs(call.Binding) && timeline.AlwaysRunsBefore(other, call))
                {
                    var source = other.Kind == ChannelCallKind.Create
                        ? "made by " + other.Text
                        : string.Format(CultureInfo.InvariantCulture, "of the {0} on line {1}", other.Name, other.Line);
                    return "repeats the binding " + source + ": it only adds a second entry to the join message (each change still arrives once); remove it";
                }
            }

            return null;
        }

        /// <summary>Case 1: the first Subscribe of the channel in the same body that runs before the call on some path.</summary>
        private static ChannelCall? SubscribedBefore(ChannelTimeline timeline, ChannelCall call)
        {
            var unsubscribes = new List<FlowPoint>();
            foreach (var other in timeline.Calls)
            {
                if (other.Kind == ChannelCallKind.Unsubscribe && other.Body == call.Body)
                {
                    // Unsubscribe() closes the channel: the next Subscribe() sends a new join with every binding.
                    unsubscribes.Add(other.Point);
                }
            }

            foreach (var other in timeline.Calls)
            {
                if (other.Kind == ChannelCallKind.Subscribe && timeline.MayRunBeforeInSameBody(other, call, unsubscribes))
                {
                    return other;
                }
            }

            return null;
        }

        /// <summary>
        /// The statement to move the call's statement before: the first statement of the same list that
        /// subscribes the channel, when every Subscribe that reaches the call sits between the two.
        /// </summary>
        private static StatementSyntax? MoveTarget(ChannelTimeline timeline, ChannelCall call)
        {
            if (call.Body.Order.IsInCycle(call.Point) || !(StatementOf(call) is { } statement)
                || !(statement is ExpressionStatementSyntax || statement is LocalDeclarationStatementSyntax))
            {
                return null;
            }

            var list = Siblings(statement);
            var index = list.IndexOf(statement);
            var subscribes = new List<ChannelCall>();
            foreach (var other in timeline.Calls)
            {
                if (other.Kind == ChannelCallKind.Subscribe && other.Body == call.Body)
                {
                    subscribes.Add(other);
                }
            }

            var first = -1;
            for (var i = 0; i < index && first < 0; i++)
            {
                foreach (var subscribe in subscribes)
                {
                    if (list[i].Span.Contains(subscribe.Invocation.Syntax.Span))
                    {
                        first = i;
                        break;
                    }
                }
            }

            if (first < 0)
            {
                return null;
            }

            foreach (var subscribe in subscribes)
            {
                if (timeline.MayRunBeforeInSameBody(subscribe, call)
                    && !Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(list[first].SpanStart, statement.SpanStart).Contains(subscribe.Invocation.Syntax.Span))
                {
                    return null;
                }
            }

            return list[first];
        }

        /// <summary>The statement list holding <paramref name="statement"/>: a block, a switch section, or a file's top-level statements.</summary>
        private static List<StatementSyntax> Siblings(StatementSyntax statement)
        {
            switch (statement.Parent)
            {
                case BlockSyntax block:
                    return new List<StatementSyntax>(block.Statements);
                case SwitchSectionSyntax section:
                    return new List<StatementSyntax>(section.Statements);
                case GlobalStatementSyntax global when global.Parent is CompilationUnitSyntax unit:
                    var statements = new List<StatementSyntax>();
                    foreach (var member in unit.Members)
                    {
                        if (member is GlobalStatementSyntax item)
                        {
                            statements.Add(item.Statement);
                        }
                    }

                    return statements;
                default:
                    return new List<StatementSyntax>();
            }
        }

        /// <summary>A whole expression statement (its value unused) in a statement list.</summary>
        private static bool IsRemovableStatement(ChannelCall call)
            => call.Invocation.Parent is IExpressionStatementOperation
                && StatementOf(call) is ExpressionStatementSyntax statement
                && (statement.Parent is BlockSyntax || statement.Parent is SwitchSectionSyntax || statement.Parent is GlobalStatementSyntax);

        private static StatementSyntax? StatementOf(ChannelCall call)
        {
            for (var node = call.Invocation.Syntax.Parent; node != null; node = node.Parent)
            {
                if (node is StatementSyntax statement)
                {
                    return statement;
                }

                if (node is LambdaExpressionSyntax || node is AnonymousMethodExpressionSyntax)
                {
                    return null;
                }
            }

            return null;
        }
    }
}
