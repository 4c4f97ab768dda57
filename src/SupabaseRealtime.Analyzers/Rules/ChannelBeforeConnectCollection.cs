using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Model;

namespace SupabaseRealtime.Analyzers.Rules
{
    internal sealed partial class ChannelBeforeConnectAnalyzer
    {
        /// <summary>SRT005's per-type state, gathering: the channel calls, channel and client writes and connects of each block.</summary>
        private sealed partial class TypeState
        {
            public void AnalyzeBlock(OperationBlockAnalysisContext context)
            {
                var blocks = context.OperationBlocks;
                if (blocks.IsEmpty)
                {
                    return;
                }

                if (!compilation.Scope.ShouldAnalyze(blocks[0].Syntax.SyntaxTree))
                {
                    // Code the rule does not look at may connect a client: the type-wide judgement is off.
                    Volatile.Write(ref unseenCode, 1);
                    return;
                }

                var member = context.OwningSymbol;
                for (var i = 0; i < blocks.Length; i++)
                {
                    if (!BodyOrders.TryGetNewGraphRoot(blocks, i, out var root))
                    {
                        continue;
                    }

                    if (!Sdk.ReferencesSdk(root))
                    {
                        ImmutableInterlocked.Push(ref otherBodies, (member, root));
                        continue;
                    }

                    var block = new Block(root, member);
                    Collect(block);
                    ImmutableInterlocked.Push(ref sdkBlocks, block);
                    if (block.Channels.Count > 0)
                    {
                        if (NeedsOrders(block))
                        {
                            block.Orders = Sdk.GraphOf(blocks[i], context.CancellationToken) is { } graph ? BodyOrders.Create(graph, Sdk) : null;
                        }

                        ImmutableInterlocked.Push(ref channels, block);
                    }
                }
            }

            /// <summary>
            /// True when the judgement of the block's channel calls may look at its flow: only a connect
            /// call in the block (a later connect) or a client created in it (created, then not connected)
            /// is judged on paths; the type-wide judgement needs no graph.
            /// </summary>
            private static bool NeedsOrders(Block block)
            {
                if (block.Connects.Count > 0)
                {
                    return true;
                }

                foreach (var write in block.MemberWrites)
                {
                    if (write.Creation != null)
                    {
                        return true;
                    }
                }

                foreach (var writes in block.LocalWrites.Values)
                {
                    foreach (var write in writes)
                    {
                        if (write.Creation != null)
                        {
                            return true;
                        }
                    }
                }

                return false;
            }

            /// <summary>Reads one body: its channel and connect calls, and what it writes into client slots (locals kept in the block).</summary>
            private void Collect(Block block)
            {
                var slotWrites = SlotWrites.Of(Sdk, block.Root);
                foreach (var write in slotWrites.Writes)
                {
                    // A channel slot's plain writes (x = v, var x = v, an initializer inside the body; not x ??= v,
                    // and not the root's own initializer): the body's writes are already read, not read again here.
                    if (IsChannelSlot(write.Slot))
                    {
                        if (write.Write.Kind != OperationKind.CoalesceAssignment && !ReferenceEquals(write.Write, block.Root))
                        {
                            CollectChannelWrite(block, write.Slot, write.Value);
                        }

                        continue;
                    }

                    if (!IsClientSlot(write.Slot))
                    {
                        continue;
                    }

                    var created = ClientCreation.GetCreatedClient(write.Value, Sdk, out var creation);
                    var autoConnect = created == CreatedClient.Supabase ? ClientCreation.GetAutoConnect(creation, block.Root) : AutoConnect.Unknown;
                    var clientWrite = new ClientWrite(write, created, created == CreatedClient.None ? null : creation, autoConnect, block);
                    if (write.Slot is ILocalSymbol)
                    {
                        if (!block.LocalWrites.TryGetValue(write.Slot, out var list))
                        {
                            list = new List<ClientWrite>();
                            block.LocalWrites.Add(write.Slot, list);
                        }

                        list.Add(clientWrite);
                    }
                    else
                    {
                        block.MemberWrites.Add(clientWrite);
                    }
                }

                foreach (var slot in slotWrites.Unknown)
                {
                    if (IsClientSlot(slot))
                    {
                        (slot is ILocalSymbol ? block.UnknownLocals : block.UnknownMembers).Add(slot);
                    }
                }

                foreach (var operation in Sdk.Operations.Descendants(block.Root))
                {
                    var kind = operation.Kind;
                    if (kind != OperationKind.Invocation && kind != OperationKind.LocalReference
                        && kind != OperationKind.FieldReference && kind != OperationKind.PropertyReference)
                    {
                        continue;
                    }

                    switch (operation)
                    {
                        case IInvocationOperation invocation:
                            CollectCall(invocation, block);
                            break;
                        case ILocalReferenceOperation _:
                        case IFieldReferenceOperation _:
                        case IPropertyReferenceOperation _:
                            if (ClientCreation.GetClientSlot(operation, Sdk) is { } slot && ClientCreation.Escapes(operation, Sdk))
                            {
                                (slot is ILocalSymbol ? block.EscapedLocals : block.EscapedMembers).Add(slot);
                            }

                            break;
                    }
                }
            }

            private bool IsChannelSlot(ISymbol slot)
            {
                switch (slot)
                {
                    case ILocalSymbol local:
                        return Sdk.IsRealtimeChannel(local.Type);
                    case IFieldSymbol field:
                        return Sdk.IsRealtimeChannel(field.Type) && IsMemberOfThisType(field);
                    case IPropertySymbol property:
                        return Sdk.IsRealtimeChannel(property.Type) && IsMemberOfThisType(property);
                    default:
                        return false;
                }
            }

            /// <summary>A write of a channel slot: the <c>Channel(...)</c> origin it holds, or null for anything else (null literals aside).</summary>
            private void CollectChannelWrite(Block block, ISymbol slot, IOperation value)
            {
                var unwrapped = ChannelSlots.UnwrapAwait(value);
                if (unwrapped is ILiteralOperation || unwrapped is IDefaultValueOperation)
                {
                    return;
                }

                ChannelOrigin? origin = null;
                if (unwrapped is IInvocationOperation call)
                {
                    if (ChannelOrigin.TryGetFromCall(call, Sdk, out var named))
                    {
                        origin = named;
                    }
                    else if (Subscriptions.IsTableOn(call, Sdk) && ChannelOrigin.TryGetFromTableOn(call, Sdk, out var table))
                    {
                        origin = table;
                    }
                }

                var map = slot is ILocalSymbol ? block.LocalChannels : block.MemberChannels;
                if (!map.TryGetValue(slot, out var values))
                {
                    values = new List<ChannelOrigin?>();
                    map.Add(slot, values);
                }

                values.Add(origin);
            }

            private void CollectCall(IInvocationOperation invocation, Block block)
            {
                if (ChannelCalls.IsSubscribe(invocation, Sdk))
                {
                    block.Subscribes.Add(new ChannelUse(invocation, invocation.Instance, null, default, block));
                    return;
                }

                if (ChannelCalls.IsRemove(invocation, Sdk, out var removed))
                {
                    ChannelCalls.TryGetClient(invocation.Instance, Sdk, out var removeClient);
                    block.Removes.Add(new ChannelUse(invocation, removed, null, removeClient, block));
                    return;
                }

                if (SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType?.OriginalDefinition, type.OriginalDefinition))
                {
                    block.OwnCalls.Add(invocation);
                }

                if (ChannelOrigin.TryGetFromCall(invocation, Sdk, out var origin))
                {
                    block.Channels.Add(new ChannelCall(origin, block));
                    return;
                }

                if (ClientIdentity.TryGetConnectedClient(invocation, Sdk, out var connected, out var viaInitialize))
                {
                    block.Connects.Add(new ConnectCall(invocation, connected, viaInitialize ? ConnectKind.Initialize : ConnectKind.Connect, block));
                    return;
                }

                if (Subscriptions.IsTableOn(invocation, Sdk))
                {
                    // On() first calls Channel(...), which throws while there is no socket: it is judged as a channel
                    // creation. After it, the socket exists (or On() threw), so for the rest of the code it connects; when
                    // the table's client is not known it may be any.
                    if (ChannelOrigin.TryGetFromTableOn(invocation, Sdk, out var tableOrigin))
                    {
                        block.Channels.Add(new ChannelCall(tableOrigin, block));
                        block.Subscribes.Add(new ChannelUse(invocation, null, tableOrigin, default, block));
                    }

                    var client = Subscriptions.TryGetSupabaseOfTable(invocation.Instance, Sdk, out var supabase, out _)
                        && ClientIdentity.TryGetRealtimeOfSupabase(supabase, Sdk, out var realtime)
                        ? realtime
                        : default;
                    block.Connects.Add(new ConnectCall(invocation, client, ConnectKind.On, block));
                    return;
                }

                if (invocation.TargetMethod.Name == "Disconnect" && Sdk.IsRealtimeClient(invocation.TargetMethod.ContainingType)
                    && ClientIdentity.TryGetRealtimeClient(invocation.Instance, Sdk, out var disconnected))
                {
                    block.Connects.Add(new ConnectCall(invocation, disconnected, ConnectKind.Disconnect, block));
                }
            }

            private bool IsClientSlot(ISymbol slot)
            {
                switch (slot)
                {
                    case ILocalSymbol local:
                        return Sdk.IsRealtimeClient(local.Type) || Sdk.IsSupabaseClient(local.Type);
                    case IFieldSymbol field:
                        return Sdk.IsRealtimeClient(field.Type) || Sdk.IsSupabaseClient(field.Type);
                    case IPropertySymbol property:
                        return Sdk.IsRealtimeClient(property.Type) || Sdk.IsSupabaseClient(property.Type);
                    default:
                        return false;
                }
            }
        }
    }
}
