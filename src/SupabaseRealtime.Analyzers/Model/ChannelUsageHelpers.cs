using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>
    /// The type's own helper methods, as <see cref="ChannelUsage"/> follows them:
    /// <list type="bullet">
    /// <item>a channel field passed by <c>ref</c> (or <c>out</c>) to a helper of the type (<c>SetUp(ref _orders, "orders")</c>):
    /// what the helper does to its parameter is what the call does to the field, at the call (the helper's writes,
    /// subscriptions, releases and set-ups of the parameter are added for the field, with the caller's body);</item>
    /// <item>which members a private helper is reached from (<see cref="IsOnlyReachedFrom"/>), so that a release in a
    /// helper only an unwired <c>Dispose</c> calls, or an unsubscribe in a helper only a final teardown calls, is judged
    /// as if it were written there.</item>
    /// </list>
    /// Unknown stays unknown: a helper that may be replaced (virtual, partial) or is handed out as a delegate, a parameter
    /// that is also passed something other than a field of this instance, that goes anywhere the model does not follow,
    /// or whose channel the helper returns to a caller that keeps it, leaves the field escaped, as any other hand-over.
    /// </summary>
    internal sealed partial class ChannelUsage
    {
        private const int MaxHelperDepth = 8;

        // Filled by Complete() (through MergeHelperFacts) only for a type with SDK use.
        private readonly List<RefPass> refPasses = new List<RefPass>(0);
        private readonly List<RefParameterWrite> refParameterWrites = new List<RefParameterWrite>(0);
        private readonly List<OwnCall> ownCalls = new List<OwnCall>(0);
        private HashSet<(ISymbol Helper, int Ordinal)>? unknownRefArguments;
        private HashSet<ISymbol>? returnedParameters;
        private Dictionary<ChannelWrite, IMethodSymbol>? writtenByHelper;
        private int blocksLeftOut;

        /// <summary>The member a write is written in: its body's, or the helper's for a write made through a <c>ref</c> parameter.</summary>
        public string WriterName(ChannelWrite write)
            => writtenByHelper != null && writtenByHelper.TryGetValue(write, out var helper) ? helper.Name : write.Body.DisplayName;

        /// <summary>
        /// True when <paramref name="body"/> satisfies <paramref name="entry"/>, or is a private helper of the type that is
        /// only ever called, directly or through other such helpers, from bodies that do (<c>StopListening()</c> called only
        /// from <c>Dispose()</c>). False whenever a caller may be missing: a helper handed out as a delegate, called on
        /// another instance, from a lambda, or through a cycle of helpers; a type with nested types (which may call its private
        /// methods) or with blocks the rules do not analyze (generated code may wire it).
        /// </summary>
        public bool IsOnlyReachedFrom(BodyRef body, Func<BodyRef, bool> entry)
        {
            if (entry(body))
            {
                return true;
            }

            if (Volatile.Read(ref blocksLeftOut) != 0 || !type.GetTypeMembers().IsEmpty)
            {
                return false;
            }

            return IsOnlyReachedFrom(body, entry, new HashSet<ISymbol>(SymbolEqualityComparer.Default), new Dictionary<ISymbol, bool>(SymbolEqualityComparer.Default), 0);
        }

        private bool IsOnlyReachedFrom(BodyRef body, Func<BodyRef, bool> entry, HashSet<ISymbol> visiting, Dictionary<ISymbol, bool> known, int depth)
        {
            if (entry(body))
            {
                return true;
            }

            if (body.Function != null || depth >= MaxHelperDepth || !(body.Member is IMethodSymbol method)
                || method.DeclaredAccessibility != Accessibility.Private || !IsFollowableHelper(method))
            {
                return false;
            }

            var helper = method.OriginalDefinition;
            if (known.TryGetValue(helper, out var result))
            {
                return result;
            }

            if (!visiting.Add(helper))
            {
                // A cycle of helpers: its other entries are judged where the cycle is entered; this path adds no known caller.
                return false;
            }

            result = false;
            foreach (var call in ownCalls)
            {
                if (!SymbolEqualityComparer.Default.Equals(call.Callee, helper))
                {
                    continue;
                }

                if (call.Call is null || !call.OnThisInstance || !IsOnlyReachedFrom(call.Caller, entry, visiting, known, depth + 1))
                {
                    result = false;
                    break;
                }

                result = true;
            }

            visiting.Remove(helper);
            known[helper] = result;
            return result;
        }

        /// <summary>A method of the type whose body is the one every call runs: not virtual, abstract, extern or partial, nor handed out as a delegate.</summary>
        private bool IsFollowableHelper(IMethodSymbol method)
        {
            if (!HelperMethods.RunsItsOwnBody(method) || method.DeclaringSyntaxReferences.IsEmpty
                || !SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, type.OriginalDefinition))
            {
                return false;
            }

            var helper = method.OriginalDefinition;
            foreach (var call in ownCalls)
            {
                if (call.Call is null && SymbolEqualityComparer.Default.Equals(call.Callee, helper))
                {
                    return false;
                }
            }

            return true;
        }

        private void MarkBlockLeftOut() => Volatile.Write(ref blocksLeftOut, 1);

        private void MergeHelperFacts(Collector collector)
        {
            refPasses.AddRange(collector.RefPasses);
            refParameterWrites.AddRange(collector.RefParameterWrites);
            ownCalls.AddRange(collector.OwnCalls);
            if (collector.UnknownRefArguments.Count > 0)
            {
                unknownRefArguments ??= new HashSet<(ISymbol, int)>(new HelperSlotComparer());
                unknownRefArguments.UnionWith(collector.UnknownRefArguments);
            }

            if (collector.ReturnedParameters.Count > 0)
            {
                returnedParameters ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                returnedParameters.UnionWith(collector.ReturnedParameters);
            }
        }

        /// <summary>Adds, for every field passed by <c>ref</c> to a helper the model can follow, what the helper does to its parameter.</summary>
        private void FollowRefHelpers()
        {
            if (refPasses.Count == 0)
            {
                return;
            }

            var subscriptionCount = subscriptions!.Count;
            var releaseCount = releases!.Count;
            var setUpCount = setUps!.Count;
            var translated = new HashSet<(IInvocationOperation Call, ISymbol Field)>(new CallFieldComparer());
            foreach (var pass in refPasses)
            {
                var parameter = pass.Helper.Parameters.Length > pass.Ordinal ? pass.Helper.Parameters[pass.Ordinal] : null;
                if (parameter is null || !IsFollowableHelper(pass.Helper) || (unknownRefArguments?.Contains((pass.Helper, pass.Ordinal)) ?? false)
                    || escaped!.Contains(parameter) || ((returnedParameters?.Contains(parameter) ?? false) && !AllResultsDiscarded(parameter)))
                {
                    // As any other hand-over: the field goes where the model does not follow it.
                    escaped!.Add(pass.Field);
                    continue;
                }

                foreach (var write in refParameterWrites)
                {
                    if (SymbolEqualityComparer.Default.Equals(write.Parameter, parameter))
                    {
                        var origin = Substitute(write, pass);
                        var added = new ChannelWrite(pass.Field, write.Write.Kind, write.Write.Value, origin, origin?.Client ?? write.Write.Client, write.Write.Source, pass.Caller);
                        writes!.Add(added);
                        writtenByHelper ??= new Dictionary<ChannelWrite, IMethodSymbol>();
                        writtenByHelper[added] = pass.Helper;
                    }
                }

                for (var i = 0; i < subscriptionCount; i++)
                {
                    var subscription = subscriptions[i];
                    if (SymbolEqualityComparer.Default.Equals(subscription.Slot, parameter) && translated.Add((subscription.Call, pass.Field)))
                    {
                        subscriptions.Add(new Subscription(subscription.Call, subscription.IsTableOn, SubscriptionHolder.Slot, pass.Field, null, subscription.Client, pass.Caller));
                    }
                }

                for (var i = 0; i < releaseCount; i++)
                {
                    var release = releases[i];
                    if (release.Kind != ReleaseKind.Disconnect && SymbolEqualityComparer.Default.Equals(release.Channel.Slot, parameter))
                    {
                        releases.Add(new ChannelRelease(release.Kind, release.Call, new ChannelRef(pass.Field, null, null), release.Client, pass.Caller));
                    }
                }

                for (var i = 0; i < setUpCount; i++)
                {
                    var setUp = setUps[i];
                    if (SymbolEqualityComparer.Default.Equals(setUp.Channel.Slot, parameter))
                    {
                        setUps.Add(new ChannelSetUp(new ChannelRef(pass.Field, null, null), pass.Caller, setUp.Operation));
                    }
                }
            }
        }

        /// <summary>True when every call that passes a field for <paramref name="parameter"/> drops the result the helper returns.</summary>
        private bool AllResultsDiscarded(ISymbol parameter)
        {
            foreach (var pass in refPasses)
            {
                if (pass.Helper.Parameters.Length > pass.Ordinal
                    && SymbolEqualityComparer.Default.Equals(pass.Helper.Parameters[pass.Ordinal], parameter) && !pass.ResultDiscarded)
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary>The helper's <c>Channel(topic)</c> with the constants this call passes for the helper's parameters.</summary>
        private static ChannelOrigin? Substitute(RefParameterWrite write, RefPass pass)
        {
            var origin = write.Write.Origin;
            if (origin is null || write.Substitutions.IsEmpty)
            {
                return origin;
            }

            var values = origin.Arguments.ToBuilder();
            foreach (var (argument, ordinal) in write.Substitutions)
            {
                values[argument] = ArgumentValue(pass.Call, pass.Helper, ordinal);
            }

            return origin.WithArguments(values.ToImmutable());
        }

        private static Optional<object?> ArgumentValue(IInvocationOperation call, IMethodSymbol helper, int ordinal)
        {
            foreach (var argument in call.Arguments)
            {
                if (argument.Parameter?.Ordinal != ordinal)
                {
                    continue;
                }

                if (argument.ArgumentKind == ArgumentKind.DefaultValue)
                {
                    var parameter = helper.Parameters[ordinal];
                    return parameter.HasExplicitDefaultValue ? new Optional<object?>(parameter.ExplicitDefaultValue) : default;
                }

                return argument.ArgumentKind == ArgumentKind.Explicit ? ConstantFolding.Fold(argument.Value) : default;
            }

            return default;
        }

        /// <summary>A field of this instance passed by <c>ref</c>/<c>out</c> to a helper of the type.</summary>
        private sealed class RefPass
        {
            public RefPass(IFieldSymbol field, IMethodSymbol helper, int ordinal, IInvocationOperation call, BodyRef caller, bool resultDiscarded)
            {
                Field = field;
                Helper = helper;
                Ordinal = ordinal;
                Call = call;
                Caller = caller;
                ResultDiscarded = resultDiscarded;
            }

            public IFieldSymbol Field { get; }

            /// <summary>The helper (its original definition).</summary>
            public IMethodSymbol Helper { get; }

            public int Ordinal { get; }

            public IInvocationOperation Call { get; }

            public BodyRef Caller { get; }

            public bool ResultDiscarded { get; }
        }

        /// <summary>A write of a helper's <c>ref</c> channel parameter, and which <c>Channel(...)</c> arguments are by-value parameters of the helper.</summary>
        private sealed class RefParameterWrite
        {
            public RefParameterWrite(IParameterSymbol parameter, ChannelWrite write, ImmutableArray<(int Argument, int Ordinal)> substitutions)
            {
                Parameter = parameter;
                Write = write;
                Substitutions = substitutions;
            }

            public IParameterSymbol Parameter { get; }

            public ChannelWrite Write { get; }

            /// <summary>Pairs of (index in <see cref="ChannelOrigin.Arguments"/>, ordinal of the helper parameter passed there).</summary>
            public ImmutableArray<(int Argument, int Ordinal)> Substitutions { get; }
        }

        /// <summary>A call of one of the type's own methods, or (no <see cref="Call"/>) a reference to it that hands it out.</summary>
        private readonly struct OwnCall
        {
            public OwnCall(IMethodSymbol callee, BodyRef caller, IInvocationOperation? call, bool onThisInstance)
            {
                Callee = callee;
                Caller = caller;
                Call = call;
                OnThisInstance = onThisInstance;
            }

            public IMethodSymbol Callee { get; }

            public BodyRef Caller { get; }

            public IInvocationOperation? Call { get; }

            public bool OnThisInstance { get; }
        }

        private sealed class HelperSlotComparer : IEqualityComparer<(ISymbol Helper, int Ordinal)>
        {
            public bool Equals((ISymbol Helper, int Ordinal) x, (ISymbol Helper, int Ordinal) y)
                => x.Ordinal == y.Ordinal && SymbolEqualityComparer.Default.Equals(x.Helper, y.Helper);

            public int GetHashCode((ISymbol Helper, int Ordinal) obj)
                => unchecked((SymbolEqualityComparer.Default.GetHashCode(obj.Helper) * 31) + obj.Ordinal);
        }

        /// <summary>Compares (call, field) pairs: the same invocation for the same field.</summary>
        internal sealed class CallFieldComparer : IEqualityComparer<(IInvocationOperation Call, ISymbol Field)>
        {
            public bool Equals((IInvocationOperation Call, ISymbol Field) x, (IInvocationOperation Call, ISymbol Field) y)
                => ReferenceEquals(x.Call, y.Call) && SymbolEqualityComparer.Default.Equals(x.Field, y.Field);

            public int GetHashCode((IInvocationOperation Call, ISymbol Field) obj)
                => unchecked((obj.Call.GetHashCode() * 31) + SymbolEqualityComparer.Default.GetHashCode(obj.Field));
        }

        private sealed partial class Collector
        {
            public List<RefPass> RefPasses { get; } = new List<RefPass>();

            public List<(ISymbol Helper, int Ordinal)> UnknownRefArguments { get; } = new List<(ISymbol, int)>();

            public List<RefParameterWrite> RefParameterWrites { get; } = new List<RefParameterWrite>();

            public List<ISymbol> ReturnedParameters { get; } = new List<ISymbol>();

            public List<OwnCall> OwnCalls { get; } = new List<OwnCall>();

            private bool HelperFactsEmpty
                => RefPasses.Count == 0 && UnknownRefArguments.Count == 0 && RefParameterWrites.Count == 0
                    && ReturnedParameters.Count == 0 && OwnCalls.Count == 0;

            /// <summary>A call of the type's own method: who calls it, and the fields it is passed by <c>ref</c>.</summary>
            private void OnOwnCall(IInvocationOperation invocation)
            {
                var callee = invocation.TargetMethod.OriginalDefinition;
                var onThis = invocation.Instance is null || SymbolPath.Unwrap(invocation.Instance) is IInstanceReferenceOperation;
                OwnCalls.Add(new OwnCall(callee, BodyOf(invocation), invocation, onThis));
                foreach (var argument in invocation.Arguments)
                {
                    var parameter = argument.Parameter;
                    if (!ChannelSlots.IsRefOrOut(parameter) || !usage.IsChannelType(parameter!.Type))
                    {
                        continue;
                    }

                    if (RefPassedField(argument) is { } field)
                    {
                        RefPasses.Add(new RefPass(field, callee, parameter.Ordinal, invocation, BodyOf(invocation), IsResultDiscarded(invocation)));
                    }
                    else
                    {
                        UnknownRefArguments.Add((callee, parameter.Ordinal));
                    }
                }
            }

            private void OnOwnMethodReference(IMethodReferenceOperation reference)
                => OwnCalls.Add(new OwnCall(reference.Method.OriginalDefinition, BodyOf(reference), null, false));

            /// <summary>The channel field of this instance an argument passes by <c>ref</c>/<c>out</c> to a method of the type.</summary>
            private IFieldSymbol? RefPassedField(IArgumentOperation argument)
                => ChannelSlots.InstanceFieldPassedByRef(argument) is { } field && IsTrackedSlot(field) && usage.IsChannelType(field.Type)
                    ? field
                    : null;

            /// <summary>True when <paramref name="slot"/> is the field an argument passes by <c>ref</c> to the type's own method.</summary>
            private bool IsRefPassToOwnMethod(ISymbol slot, IArgumentOperation argument, IInvocationOperation invocation)
                => IsOwn(invocation.TargetMethod) && RefPassedField(argument) is { } field && SymbolEqualityComparer.Default.Equals(field, slot);

            /// <summary>The <c>ref</c>/<c>out</c> channel parameter of the walked method an operation names, or null.</summary>
            private IParameterSymbol? RefParameterOf(IOperation? operation)
                => SymbolPath.Unwrap(operation) is IParameterReferenceOperation reference && IsFollowedParameter(reference.Parameter)
                    ? reference.Parameter
                    : null;

            private bool IsFollowedParameter(IParameterSymbol parameter)
                => ChannelSlots.IsRefOrOut(parameter)
                    && parameter.ContainingSymbol is IMethodSymbol method && method.MethodKind == MethodKind.Ordinary
                    && SymbolEqualityComparer.Default.Equals(method, Owner) && usage.IsChannelType(parameter.Type);

            /// <summary>A use of a <c>ref</c> channel parameter of the walked helper: followed as a field's use is.</summary>
            private void OnParameterReference(IParameterReferenceOperation reference)
            {
                if (SymbolPath.Unwrap(reference) == reference && IsFollowedParameter(reference.Parameter))
                {
                    FollowUse(reference.Parameter, reference, isChannel: true, isCollection: false);
                }
            }

            /// <summary><c>channel = _client.Realtime.Channel(topic)</c> in a helper that takes <c>ref RealtimeChannel channel</c>.</summary>
            private void OnRefParameterWrite(IParameterSymbol parameter, IOperation value, IOperation syntax)
            {
                var unwrapped = ChannelSlots.UnwrapAwait(value);
                if (unwrapped is null)
                {
                    return;
                }

                var write = RefParameterWriteOf(parameter, unwrapped, BodyOf(syntax));
                RefParameterWrites.Add(new RefParameterWrite(parameter, write, SubstitutionsOf(write.Origin)));
            }

            /// <summary>What a write of <paramref name="unwrapped"/> into the helper's parameter is, as OnWrite classifies a field's writes.</summary>
            private ChannelWrite RefParameterWriteOf(IParameterSymbol parameter, IOperation unwrapped, BodyRef body)
            {
                return ChannelWrite.FromValue(parameter, unwrapped, body, Sdk) ?? FromSlotOrOutside(parameter, unwrapped, body);
            }

            /// <summary><c>return channel.Subscribe();</c> of a <c>ref</c> parameter: followed when every call drops the result.</summary>
            private bool IsReturnedRefParameter(ISymbol slot, IInvocationOperation invocation)
            {
                if (!(slot is IParameterSymbol parameter) || !IsFollowedParameter(parameter) || BodyOf(invocation).Function != null)
                {
                    return false;
                }

                IOperation node = invocation;
                if (SkipConversions(ref node) is IReturnOperation)
                {
                    ReturnedParameters.Add(parameter);
                    return true;
                }

                return false;
            }

            /// <summary>The <c>Channel(...)</c> arguments that are by-value parameters of the walked helper it never writes.</summary>
            private ImmutableArray<(int Argument, int Ordinal)> SubstitutionsOf(ChannelOrigin? origin)
            {
                if (origin is null || origin.IsConstant)
                {
                    return ImmutableArray<(int, int)>.Empty;
                }

                var builder = ImmutableArray.CreateBuilder<(int, int)>();
                var parameters = origin.Call.TargetMethod.Parameters;
                for (var i = 0; i < origin.Arguments.Length && i < parameters.Length; i++)
                {
                    if (origin.Arguments[i].HasValue)
                    {
                        continue;
                    }

                    foreach (var argument in origin.Call.Arguments)
                    {
                        if (argument.Parameter?.Ordinal == i && argument.ArgumentKind == ArgumentKind.Explicit
                            && SymbolPath.Unwrap(argument.Value) is IParameterReferenceOperation passed
                            && passed.Parameter.RefKind == RefKind.None
                            && SymbolEqualityComparer.Default.Equals(passed.Parameter.ContainingSymbol, Owner)
                            && !IsWritten(passed.Parameter, origin.Call))
                        {
                            builder.Add((i, passed.Parameter.Ordinal));
                        }
                    }
                }

                return builder.ToImmutable();
            }

            /// <summary>True when the body holding <paramref name="within"/> writes <paramref name="parameter"/> anywhere.</summary>
            private static bool IsWritten(IParameterSymbol parameter, IOperation within)
            {
                foreach (var operation in OperationTrees.RootOf(within).Descendants())
                {
                    if (!(operation is IParameterReferenceOperation reference) || !SymbolEqualityComparer.Default.Equals(reference.Parameter, parameter))
                    {
                        continue;
                    }

                    IOperation node = reference;
                    switch (SkipConversions(ref node))
                    {
                        case IAssignmentOperation assignment when assignment.Target == node:
                        case IIncrementOrDecrementOperation _:
                        case IArgumentOperation argument when argument.Parameter is null || argument.Parameter.RefKind != RefKind.None:
                        case ITupleOperation _:
                        case IDeclarationExpressionOperation _:
                            return true;
                    }
                }

                return false;
            }
        }
    }
}
