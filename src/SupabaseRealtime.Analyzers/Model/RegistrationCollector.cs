using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>
    /// Collects, for one named type, the channel calls and channel slots of every member (one
    /// operation block at a time, from any thread), and builds the <see cref="ChannelTimeline"/>s at the
    /// end of the type: one per channel local (per member) and one per channel field or auto-property.
    /// </summary>
    internal sealed partial class RegistrationCollector
    {
        private readonly SdkSymbols sdk;
        private readonly INamedTypeSymbol type;
        private readonly ImmutableHashSet<ISymbol> typeSlots;
        private readonly Func<ChannelCallKind, bool> isTrigger;

        /// <summary>What the type's blocks added; created at the first block (most types never get one).</summary>
        private Collected? collected;

        public RegistrationCollector(INamedTypeSymbol type, SdkSymbols sdk, Func<ChannelCallKind, bool> isTrigger)
        {
            this.type = type;
            this.sdk = sdk;
            this.isTrigger = isTrigger;
            // Runs for every type of the compilation: no allocation unless the type keeps a channel.
            ImmutableHashSet<ISymbol>.Builder? slots = null;
            foreach (var member in type.GetMembers())
            {
                if (member is IFieldSymbol field && !field.IsStatic && field.Type.SpecialType == SpecialType.None
                    && field.Type.TypeKind != TypeKind.Enum && field.Type.TypeKind != TypeKind.Struct && sdk.IsRealtimeChannel(field.Type))
                {
                    // An auto-property's backing field stands for the property.
                    slots ??= ImmutableHashSet.CreateBuilder<ISymbol>(SymbolEqualityComparer.Default);
                    slots.Add(field.AssociatedSymbol is IPropertySymbol property ? (ISymbol)property : field);
                }
            }

            typeSlots = slots?.ToImmutable() ?? ImmutableHashSet<ISymbol>.Empty;
        }

        /// <summary>
        /// Registers, for one named type, the actions that collect every member's channel facts, and a
        /// symbol-end action that hands <paramref name="analyze"/> the timelines of the channels with at
        /// least one call of a kind <paramref name="isTrigger"/> accepts (graphs are built only for those).
        /// </summary>
        public static void RegisterActions(TypeStart start, SdkCompilation compilation,
            Func<ChannelCallKind, bool> isTrigger, Action<SymbolAnalysisContext, ImmutableArray<ChannelTimeline>> analyze)
        {
            if (!(start.Symbol is INamedTypeSymbol type))
            {
                return;
            }

            var collector = new RegistrationCollector(type, compilation.Sdk, isTrigger);
            var tracksSlots = !collector.typeSlots.IsEmpty;

            // The blocks worth a look: those that touch the SDK at all (the shared, cached body check; a
            // channel call or a use of a channel field or property is such a touch). Each is scanned for
            // channel calls and channel slots.
            start.RegisterOperationBlockAction(context =>
            {
                var owner = MemberOf(context.OwningSymbol);
                if (owner is null || !SymbolEqualityComparer.Default.Equals(owner.ContainingType, type))
                {
                    return;
                }

                var blocks = context.OperationBlocks;
                for (var i = 0; i < blocks.Length; i++)
                {
                    if (!BodyOrders.TryGetNewGraphRoot(blocks, i, out var root) || !compilation.Sdk.ReferencesSdk(root))
                    {
                        continue;
                    }

                    if (compilation.Scope.ShouldAnalyze(root.Syntax.SyntaxTree))
                    {
                        collector.Add(owner, root);
                    }
                    else if (tracksSlots && collector.HoldsChannelFacts(root))
                    {
                        // Part of the type is not analyzed (generated code) and uses its channels.
                        collector.MarkIncomplete();
                    }
                }
            });

            start.RegisterSymbolEndAction(end =>
            {
                var timelines = collector.Build(end.CancellationToken);
                if (!timelines.IsEmpty)
                {
                    analyze(end, timelines);
                }
            });
        }

        /// <summary>The member a symbol belongs to: lambdas and local functions belong to their containing member.</summary>
        private static ISymbol? MemberOf(ISymbol? symbol)
        {
            while (symbol is IMethodSymbol method
                && (method.MethodKind == MethodKind.AnonymousFunction || method.MethodKind == MethodKind.LocalFunction))
            {
                symbol = method.ContainingSymbol;
            }

            return symbol;
        }

        /// <summary>
        /// Adds the operation block holding <paramref name="operation"/> (a body block is taken up to its
        /// root: the method, constructor or initializer), once; its graphs are built later, only when needed.
        /// </summary>
        public void Add(ISymbol owner, IOperation operation)
        {
            var root = OperationTrees.RootOf(operation);
            var state = GetCollected();
            lock (state)
            {
                if (!state.AddedRoots.Add(root))
                {
                    return;
                }
            }

            var isInitializer = root is IFieldInitializerOperation || root is IPropertyInitializerOperation;
            if (!isInitializer && !(root is IMethodBodyOperation) && !(root is IConstructorBodyOperation) && !(root is IBlockOperation))
            {
                return;
            }

            var isConstructorPhase = isInitializer
                ? !owner.IsStatic
                : owner is IMethodSymbol method && method.MethodKind == MethodKind.Constructor && !method.IsStatic;
            var facts = BlockFacts.Scan(root, sdk, typeSlots, type, isConstructorPhase, isInitializer);
            if (facts is null)
            {
                return;
            }

            lock (state)
            {
                state.Blocks.Add(facts);
            }
        }

        /// <summary>True when a block the rules do not analyze (generated code) calls a channel or uses one of the type's channel slots.</summary>
        private bool HoldsChannelFacts(IOperation root)
        {
            var isInitializer = root is IFieldInitializerOperation || root is IPropertyInitializerOperation;
            var facts = BlockFacts.Scan(root, sdk, typeSlots, type, isConstructorPhase: false, isInitializer);
            if (facts is null)
            {
                return false;
            }

            if (facts.Calls.Count > 0)
            {
                return true;
            }

            foreach (var slot in facts.Slots.Keys)
            {
                if (typeSlots.Contains(slot))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Part of the type is not analyzed (generated code): facts about its fields are incomplete.</summary>
        public void MarkIncomplete()
        {
            var state = GetCollected();
            lock (state)
            {
                state.Incomplete = true;
            }
        }

        private Collected GetCollected()
            => Volatile.Read(ref collected) ?? LazyInitializer.EnsureInitialized(ref collected, () => new Collected())!;

        /// <summary>The timelines of every channel local, field and property of the type.</summary>
        public ImmutableArray<ChannelTimeline> Build(CancellationToken cancellationToken)
        {
            // Most types: no block was added, nothing to lock.
            var state = Volatile.Read(ref collected);
            if (state is null)
            {
                return ImmutableArray<ChannelTimeline>.Empty;
            }

            List<BlockFacts> snapshot;
            bool typeIsIncomplete;
            lock (state)
            {
                if (state.Blocks.Count == 0)
                {
                    return ImmutableArray<ChannelTimeline>.Empty;
                }

                snapshot = new List<BlockFacts>(state.Blocks);
                typeIsIncomplete = state.Incomplete;
            }

            // Partial types: keep a stable order whatever order the blocks arrived in.
            snapshot.Sort((a, b) =>
            {
                var byPath = string.CompareOrdinal(a.Root.Syntax.SyntaxTree.FilePath, b.Root.Syntax.SyntaxTree.FilePath);
                return byPath != 0 ? byPath : a.Root.Syntax.SpanStart.CompareTo(b.Root.Syntax.SpanStart);
            });

            var timelines = ImmutableArray.CreateBuilder<ChannelTimeline>();
            refAliases = typeIsIncomplete ? null : RefAliases(snapshot);
            foreach (var block in snapshot)
            {
                if (block.HasCallOf(isTrigger))
                {
                    block.EnsureBodies(sdk, cancellationToken);
                    BuildLocalTimelines(block, timelines);
                }
            }

            if (!typeIsIncomplete)
            {
                foreach (var slot in typeSlots)
                {
                    BuildSlotTimeline(slot, snapshot, timelines, cancellationToken);
                }
            }

            return timelines.ToImmutable();
        }

        /// <summary>The blocks one type added (guarded by locking the instance).</summary>
        private sealed class Collected
        {
            public List<BlockFacts> Blocks { get; } = new List<BlockFacts>();

            public HashSet<IOperation> AddedRoots { get; } = new HashSet<IOperation>();

            public bool Incomplete { get; set; }
        }

        private void BuildLocalTimelines(BlockFacts block, ImmutableArray<ChannelTimeline>.Builder timelines)
        {
            var groups = new List<LocalGroup>();
            foreach (var (invocation, kind) in block.Calls)
            {
                if (kind == ChannelCallKind.Create)
                {
                    continue;
                }

                var receiver = ChannelCall.ReceiverOf(invocation, sdk);
                LocalGroup? group = null;
                if (kind == ChannelCallKind.TableOn)
                {
                    // The table's cached channel: one instance per client and table, however many On() calls.
                    if (ChannelOrigin.TryGetFromTableOn(invocation, sdk, out var table) && table.IsConstant)
                    {
                        group = FindOrAdd(groups, table, null);
                    }
                }
                else if (receiver is IInvocationOperation creation && ChannelOrigin.TryGetFromCall(creation, sdk, out var direct))
                {
                    if (direct.IsConstant)
                    {
                        group = FindOrAdd(groups, direct, null);
                    }
                }
                else if (LocalSlot(receiver) is { } local && block.Slots.TryGetValue(local, out var facts)
                    && !facts.HardEscape && (facts.Writes.Count > 0 || local is IParameterSymbol))
                {
                    ChannelOrigin? origin = null;
                    if (facts.Writes.Count == 1 && SymbolPath.Unwrap(facts.Writes[0].Value) is IInvocationOperation made)
                    {
                        ChannelOrigin.TryGetFromCall(made, sdk, out origin);
                    }

                    group = origin != null && origin.IsConstant ? FindOrAdd(groups, origin, local) : FindOrAdd(groups, origin, local, bySlot: true);
                }

                group?.Calls.Add((invocation, kind));
            }

            foreach (var group in groups)
            {
                if (!group.Calls.Any(call => isTrigger(call.Kind)))
                {
                    continue;
                }

                var timeline = BuildLocalTimeline(block, group);
                if (timeline != null)
                {
                    timelines.Add(timeline);
                }
            }
        }

        private ChannelTimeline? BuildLocalTimeline(BlockFacts block, LocalGroup group)
        {
            var calls = new List<ChannelCall>();
            var escapes = false;
            var removed = false;
            var rebinds = new Dictionary<BodyFlow, List<FlowPoint>>();
            ChannelCall? creation = null;
            if (group.BySlot)
            {
                // One local, maybe written several times: every write may bind another channel.
                // (Remove(channel) drops it from the client's cache; the variable still holds it.)
                var facts = block.Slots[group.Locals[0]];
                escapes = facts.SoftEscape;
                foreach (var write in facts.Writes)
                {
                    if (block.TryLocate(write.Operation.Syntax, out var body, out var point)
                        || block.TryLocate(write.Value.Syntax, out body, out point))
                    {
                        Add(rebinds, body, point);
                    }
                }

                if (group.Origin != null && block.TryLocate(group.Origin.Call.Syntax, out var creationBody, out var creationPoint))
                {
                    creation = new ChannelCall(ChannelCallKind.Create, group.Origin.Call, creationBody, creationPoint, BindingOf(group.Origin), null);
                    calls.Add(creation);
                }
            }
            else
            {
                // The same cached instance, however many locals and Channel(...) calls name it.
                foreach (var local in group.Locals)
                {
                    var facts = block.Slots[local];
                    escapes |= facts.SoftEscape;
                    removed |= facts.Removed;
                }

                foreach (var (invocation, kind) in block.Calls)
                {
                    var created = kind == ChannelCallKind.Create ? ChannelOrigin.TryGetFromCall(invocation, sdk, out var origin)
                        : kind == ChannelCallKind.TableOn ? ChannelOrigin.TryGetFromTableOn(invocation, sdk, out origin)
                        : (origin = null) != null;
                    if (created && origin!.IsSameInstanceAs(group.Origin!) && block.TryLocate(invocation.Syntax, out var body, out var point))
                    {
                        var call = new ChannelCall(ChannelCallKind.Create, invocation, body, point, BindingOf(origin), null);
                        calls.Add(call);
                        escapes |= !CreationIsKept(invocation, group);
                        if (creation is null || IsEarlier(call, creation))
                        {
                            creation = call;
                        }
                    }
                }

                // After Remove(channel), Channel(...) with the same arguments makes a new instance.
                if (removed)
                {
                    return null;
                }
            }

            foreach (var (invocation, kind) in group.Calls)
            {
                if (block.TryLocate(invocation.Syntax, out var body, out var point))
                {
                    calls.Add(MakeCall(kind == ChannelCallKind.TableOn ? ChannelCallKind.AddHandler : kind, invocation, body, point));
                }
            }

            calls.Sort(CompareInBody);
            var timeline = new ChannelTimeline(
                LocalDisplayName(group.Origin, group.Locals),
                calls.ToImmutableArray(),
                rebinds,
                _ => true,
                constructorRunsFirst: false,
                singleConstructor: false);

            if (!escapes && !removed && creation != null)
            {
                timeline.PairingSequence = PairingSequenceInOneBody(timeline, creation);
            }

            return timeline;
        }

        private void BuildSlotTimeline(ISymbol slot, List<BlockFacts> snapshot, ImmutableArray<ChannelTimeline>.Builder timelines, CancellationToken cancellationToken)
        {
            var triggered = false;
            foreach (var block in snapshot)
            {
                foreach (var (invocation, kind) in block.Calls)
                {
                    triggered |= isTrigger(kind) && ChannelSlots.IsSame(ChannelSlots.GetSlot(ChannelCall.ReceiverOf(invocation, sdk)), slot);
                }
            }

            if (!triggered)
            {
                return;
            }

            var calls = new List<ChannelCall>();
            var writes = new List<(BlockFacts Block, ChannelSlotWrite Write)>();
            var escapes = slot.DeclaredAccessibility != Accessibility.Private;
            var constructorCallsMembers = false;
            foreach (var block in snapshot)
            {
                constructorCallsMembers |= block.IsConstructorPhase && block.CallsOwnMembers;
                if (block.Slots.TryGetValue(slot, out var facts))
                {
                    block.EnsureBodies(sdk, cancellationToken);
                    if (facts.HardEscape || (facts.PassedToOwnMethod && !OnlyReleasedThroughRef(slot, snapshot)))
                    {
                        return;
                    }

                    escapes |= facts.SoftEscape;
                    foreach (var write in facts.Writes)
                    {
                        writes.Add((block, write));
                    }
                }

                foreach (var (invocation, kind) in block.Calls)
                {
                    if (kind != ChannelCallKind.Create && ChannelSlots.IsSame(ChannelSlots.GetSlot(ChannelCall.ReceiverOf(invocation, sdk)), slot)
                        && block.TryLocate(invocation.Syntax, out var body, out var point))
                    {
                        calls.Add(MakeCall(kind, invocation, body, point));
                    }
                }
            }

            if (calls.Count == 0)
            {
                return;
            }

            // Where the slot is written decides which bodies may rely on it holding one channel.
            var rebinds = new Dictionary<BodyFlow, List<FlowPoint>>();
            var writeBodies = new List<(bool InConstructorPhase, BodyFlow? Body)>();
            var writtenOnlyInConstructorPhase = true;

            // `_channel = null` in a teardown clears the slot: it binds no other channel, so it neither hides the set-up's
            // creation nor unsettles the order of the set-up's calls (sdk-behaviour.md section 3: the cached instance stays).
            writes.RemoveAll(w => IsClear(w.Write.Value));
            foreach (var (block, write) in writes)
            {
                BodyFlow? body = null;
                if (block.Bodies.Count > 0
                    && (block.TryLocate(write.Operation.Syntax, out body, out var point) || block.TryLocate(write.Value.Syntax, out body, out point)))
                {
                    Add(rebinds, body, point);
                }

                var inConstructorPhase = block.IsConstructorPhase && !write.IsNested;
                writeBodies.Add((inConstructorPhase, body));
                writtenOnlyInConstructorPhase &= inConstructorPhase;
            }

            // A body may rely on the slot holding one channel when nothing else writes it after construction.
            bool IsStableIn(BodyFlow body)
            {
                foreach (var (inConstructorPhase, written) in writeBodies)
                {
                    if (!inConstructorPhase && written != body)
                    {
                        return false;
                    }
                }

                return true;
            }

            ChannelOrigin? origin = null;
            ChannelCall? creation = null;
            if (writes.Count == 1 && SymbolPath.Unwrap(writes[0].Write.Value) is IInvocationOperation made
                && ChannelOrigin.TryGetFromCall(made, sdk, out origin)
                && writes[0].Block.Bodies.Count > 0 && writes[0].Block.TryLocate(made.Syntax, out var creationBody, out var creationPoint))
            {
                creation = new ChannelCall(ChannelCallKind.Create, made, creationBody, creationPoint, BindingOf(origin), null);
                calls.Add(creation);
            }

            var constructorRunsFirst = writtenOnlyInConstructorPhase && !constructorCallsMembers;

            calls.Sort(CompareAcrossMembers);
            var timeline = new ChannelTimeline(
                origin?.DisplayName ?? slot.Name,
                calls.ToImmutableArray(),
                rebinds,
                IsStableIn,
                constructorRunsFirst,
                singleConstructor: type.InstanceConstructors.Length == 1);

            if (!escapes && creation != null)
            {
                timeline.PairingSequence = !creation.Body.IsConstructorPhase
                    ? PairingSequenceInOneBody(timeline, creation)
                    : constructorRunsFirst && (creation.Body.IsInitializer || timeline.SingleConstructor)
                        ? PairingSequenceAfterConstructor(timeline, creation)
                        : ImmutableArray<ChannelCall>.Empty;
            }

            timelines.Add(timeline);
        }

        private static bool IsClear(IOperation value)
        {
            var unwrapped = SymbolPath.Unwrap(value);
            return unwrapped != null && unwrapped.ConstantValue.HasValue && unwrapped.ConstantValue.Value is null;
        }

        private ChannelCall MakeCall(ChannelCallKind kind, IInvocationOperation invocation, BodyFlow body, FlowPoint point)
        {
            PostgresBinding? binding = null;
            string? handlerEvent = null;
            switch (kind)
            {
                case ChannelCallKind.RegisterPostgres:
                    binding = invocation.Arguments.Length == 1 ? PostgresBinding.FromOptions(invocation.Arguments[0].Value, sdk) : PostgresBinding.Unknown;
                    break;
                case ChannelCallKind.OnPostgresChange:
                    handlerEvent = EventArgument(invocation);
                    binding = PostgresBinding.FromFilter(FilterArgument(invocation), handlerEvent, sdk);
                    break;
                case ChannelCallKind.AddHandler:
                case ChannelCallKind.RemoveHandlers:
                    handlerEvent = EventArgument(invocation);
                    break;
            }

            return new ChannelCall(kind, invocation, body, point, binding, handlerEvent);
        }

        private string? EventArgument(IInvocationOperation invocation)
        {
            foreach (var parameter in invocation.TargetMethod.Parameters)
            {
                if (SymbolEqualityComparer.Default.Equals(parameter.Type, sdk.ListenType))
                {
                    return PostgresBinding.EventOf(PostgresBinding.ArgumentValue(invocation.Arguments, parameter), sdk);
                }
            }

            return null;
        }

        private IOperation? FilterArgument(IInvocationOperation invocation)
        {
            foreach (var argument in invocation.Arguments)
            {
                if (argument.Parameter != null && SymbolEqualityComparer.Default.Equals(argument.Parameter.Type.OriginalDefinition, sdk.PostgresChangesFilter))
                {
                    return argument.ArgumentKind == ArgumentKind.DefaultValue ? null : argument.Value;
                }
            }

            return null;
        }

        private static PostgresBinding? BindingOf(ChannelOrigin origin)
            => origin.IsTopicOverload ? null : PostgresBinding.FromChannel(origin);

        /// <summary>A <c>Channel(...)</c> call whose channel goes only where the model follows it (a call on it, or a local of the group).</summary>
        private bool CreationIsKept(IInvocationOperation creation, LocalGroup group)
        {
            IOperation child = creation;
            var parent = creation.Parent;
            while (parent is IConversionOperation || parent is IParenthesizedOperation)
            {
                child = parent;
                parent = parent.Parent;
            }

            switch (parent)
            {
                case IInvocationOperation next when next.Instance == child && ChannelCall.TryGetKind(next, sdk, out _):
                case IConditionalAccessOperation access when access.Operation == child:
                case IExpressionStatementOperation _:
                    return true;

                // await supabase.From<T>().On(...); as a statement: the channel it returns goes nowhere.
                case IAwaitOperation awaited when awaited.Operation == child && awaited.Parent is IExpressionStatementOperation:
                    return true;
                case IVariableInitializerOperation initializer when initializer.Parent is IVariableDeclaratorOperation declarator:
                    return group.Locals.Contains(declarator.Symbol, SymbolEqualityComparer.Default);
                case ISimpleAssignmentOperation assignment when assignment.Value == child:
                    return group.Locals.Contains(LocalSlot(assignment.Target), SymbolEqualityComparer.Default);
                default:
                    return false;
            }
        }

        /// <summary>The local or parameter an expression names (fields and properties are the type's slots).</summary>
        private static ISymbol? LocalSlot(IOperation? operation)
        {
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    return local.Local;
                case IParameterReferenceOperation parameter:
                    return parameter.Parameter;
                default:
                    return null;
            }
        }

        private static LocalGroup FindOrAdd(List<LocalGroup> groups, ChannelOrigin? origin, ISymbol? local, bool bySlot = false)
        {
            foreach (var group in groups)
            {
                var matches = bySlot
                    ? group.BySlot && ChannelSlots.IsSame(group.Locals[0], local)
                    : !group.BySlot && group.Origin != null && origin != null && group.Origin.IsSameInstanceAs(origin);
                if (matches)
                {
                    if (local != null && !group.Locals.Contains(local, SymbolEqualityComparer.Default))
                    {
                        group.Locals.Add(local);
                    }

                    return group;
                }
            }

            var added = new LocalGroup(origin, bySlot);
            if (local != null)
            {
                added.Locals.Add(local);
            }

            groups.Add(added);
            return added;
        }

        private static void Add(Dictionary<BodyFlow, List<FlowPoint>> map, BodyFlow body, FlowPoint point)
        {
            if (!map.TryGetValue(body, out var points))
            {
                points = new List<FlowPoint>();
                map[body] = points;
            }

            points.Add(point);
        }

        private sealed class LocalGroup
        {
            public LocalGroup(ChannelOrigin? origin, bool bySlot)
            {
                Origin = origin;
                BySlot = bySlot;
            }

            public ChannelOrigin? Origin { get; }

            public bool BySlot { get; }

            /// <summary>The locals (or the parameter) holding the channel.</summary>
            public List<ISymbol> Locals { get; } = new List<ISymbol>();

            public List<(IInvocationOperation Invocation, ChannelCallKind Kind)> Calls { get; } = new List<(IInvocationOperation, ChannelCallKind)>();
        }
    }
}
