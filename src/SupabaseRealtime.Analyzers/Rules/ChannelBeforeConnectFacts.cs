using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Model;

namespace SupabaseRealtime.Analyzers.Rules
{
    /// <summary>SRT005's facts: the connects, client writes and channel calls of one type's bodies.</summary>
    internal sealed partial class ChannelBeforeConnectAnalyzer
    {
        private enum ConnectKind
        {
            /// <summary><c>ConnectAsync()</c> / <c>Connect(...)</c>: connects.</summary>
            Connect,

            /// <summary><c>InitializeAsync()</c>: connects when the client was created with <c>AutoConnectRealtime = true</c>.</summary>
            Initialize,

            /// <summary><c>From&lt;T&gt;().On(...)</c>: connects the socket when needed.</summary>
            On,

            /// <summary><c>Disconnect()</c>: the body manages the connection itself.</summary>
            Disconnect,
        }

        /// <summary>One operation-block root of a member: its flow and what it writes into client slots.</summary>
        private sealed class Block
        {
            public Block(IOperation root, ISymbol member)
            {
                Root = root;
                Member = member;
            }

            public IOperation Root { get; }

            public ISymbol Member { get; }

            public BodyOrders? Orders { get; set; }

            public Dictionary<ISymbol, List<ClientWrite>> LocalWrites { get; } = new Dictionary<ISymbol, List<ClientWrite>>(SymbolEqualityComparer.Default);

            public HashSet<ISymbol> UnknownLocals { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            public HashSet<ISymbol> EscapedLocals { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            public List<ChannelCall> Channels { get; } = new List<ChannelCall>();

            public List<ConnectCall> Connects { get; } = new List<ConnectCall>();

            /// <summary>Writes into the type's client fields and properties.</summary>
            public List<ClientWrite> MemberWrites { get; } = new List<ClientWrite>();

            public HashSet<ISymbol> UnknownMembers { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            public HashSet<ISymbol> EscapedMembers { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            /// <summary><c>Subscribe()</c> calls and <c>From&lt;T&gt;().On(...)</c> (which subscribes its table's channel).</summary>
            public List<ChannelUse> Subscribes { get; } = new List<ChannelUse>();

            /// <summary><c>client.Remove(channel)</c> calls.</summary>
            public List<ChannelUse> Removes { get; } = new List<ChannelUse>();

            /// <summary>Calls of the type's own methods (which may remove channels).</summary>
            public List<IInvocationOperation> OwnCalls { get; } = new List<IInvocationOperation>();

            /// <summary>Values written into channel locals of this block (null: not a <c>Channel(...)</c> call).</summary>
            public Dictionary<ISymbol, List<ChannelOrigin?>> LocalChannels { get; } = new Dictionary<ISymbol, List<ChannelOrigin?>>(SymbolEqualityComparer.Default);

            /// <summary>Values written into the type's channel fields and properties by this block.</summary>
            public Dictionary<ISymbol, List<ChannelOrigin?>> MemberChannels { get; } = new Dictionary<ISymbol, List<ChannelOrigin?>>(SymbolEqualityComparer.Default);
        }

        /// <summary>A <c>Subscribe()</c> or <c>Remove(channel)</c>: the channel expression (or its origin) and, for <c>Remove</c>, the client.</summary>
        private sealed class ChannelUse
        {
            public ChannelUse(IInvocationOperation call, IOperation? channel, ChannelOrigin? origin, SymbolPath client, Block block)
            {
                Call = call;
                Channel = channel;
                Origin = origin;
                Client = client;
                Block = block;
            }

            public IInvocationOperation Call { get; }

            public IOperation? Channel { get; }

            /// <summary>Set for <c>From&lt;T&gt;().On(...)</c>; otherwise resolved from <see cref="Channel"/>.</summary>
            public ChannelOrigin? Origin { get; }

            /// <summary>The client of a <c>Remove</c>; default when unknown or for a subscription.</summary>
            public SymbolPath Client { get; }

            public Block Block { get; }
        }

        /// <summary>A write into a client slot, and what it creates.</summary>
        private sealed class ClientWrite
        {
            public ClientWrite(SlotWrite write, CreatedClient created, IObjectCreationOperation? creation, AutoConnect autoConnect, Block block)
            {
                Write = write;
                Created = created;
                Creation = creation;
                AutoConnect = autoConnect;
                Block = block;
            }

            public SlotWrite Write { get; }

            public CreatedClient Created { get; }

            public IObjectCreationOperation? Creation { get; }

            public AutoConnect AutoConnect { get; }

            public Block Block { get; }
        }

        private sealed class ConnectCall
        {
            public ConnectCall(IInvocationOperation call, SymbolPath client, ConnectKind kind, Block block)
            {
                Call = call;
                Client = client;
                Kind = kind;
                Block = block;
            }

            public IInvocationOperation Call { get; }

            /// <summary>The realtime client; default for an <c>On</c> whose Supabase client is not known (it may connect any).</summary>
            public SymbolPath Client { get; }

            public ConnectKind Kind { get; }

            public Block Block { get; }
        }

        private sealed class ChannelCall
        {
            public ChannelCall(ChannelOrigin origin, Block block)
            {
                Origin = origin;
                Block = block;
            }

            public ChannelOrigin Origin { get; }

            public Block Block { get; }
        }

        /// <summary>What the bodies of a type say about its client fields and properties and its connect calls, merged at the type's end.</summary>
        private sealed class TypeFacts
        {
            public List<ConnectCall> Connects { get; } = new List<ConnectCall>();

            public Dictionary<ISymbol, List<ClientWrite>> MemberWrites { get; } = new Dictionary<ISymbol, List<ClientWrite>>(SymbolEqualityComparer.Default);

            public HashSet<ISymbol> UnknownMembers { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            public HashSet<ISymbol> EscapedMembers { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            public List<ChannelUse> Subscribes { get; } = new List<ChannelUse>();

            public List<ChannelUse> Removes { get; } = new List<ChannelUse>();

            /// <summary>Members of the type whose body removes a channel.</summary>
            public HashSet<ISymbol> RemovingMembers { get; } = new HashSet<ISymbol>(SymbolEqualityComparer.Default);

            public Dictionary<ISymbol, List<ChannelOrigin?>> MemberChannels { get; } = new Dictionary<ISymbol, List<ChannelOrigin?>>(SymbolEqualityComparer.Default);

            public void Merge(Block block)
            {
                Connects.AddRange(block.Connects);
                Subscribes.AddRange(block.Subscribes);
                Removes.AddRange(block.Removes);
                if (block.Removes.Count > 0)
                {
                    RemovingMembers.Add(block.Member.OriginalDefinition);
                }

                foreach (var pair in block.MemberChannels)
                {
                    if (!MemberChannels.TryGetValue(pair.Key, out var values))
                    {
                        values = new List<ChannelOrigin?>();
                        MemberChannels.Add(pair.Key, values);
                    }

                    values.AddRange(pair.Value);
                }

                foreach (var write in block.MemberWrites)
                {
                    if (!MemberWrites.TryGetValue(write.Write.Slot, out var list))
                    {
                        list = new List<ClientWrite>();
                        MemberWrites.Add(write.Write.Slot, list);
                    }

                    list.Add(write);
                }

                UnknownMembers.UnionWith(block.UnknownMembers);
                EscapedMembers.UnionWith(block.EscapedMembers);
            }
        }
    }
}
