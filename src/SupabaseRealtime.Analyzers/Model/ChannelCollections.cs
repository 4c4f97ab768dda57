using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>A <c>Subscribe()</c> on an element of a collection field that no local names (<c>_rooms[key].Subscribe()</c>, <c>pair.Value.Subscribe()</c>).</summary>
    internal sealed class ElementSubscription
    {
        public ElementSubscription(IInvocationOperation call, ISymbol collection, BodyRef body)
        {
            Call = call;
            Collection = collection;
            Body = body;
        }

        public IInvocationOperation Call { get; }

        public ISymbol Collection { get; }

        public BodyRef Body { get; }
    }

    /// <summary>A client's <c>Remove</c> handed out as a method group (<c>_rooms.ForEach(client.Remove)</c>).</summary>
    internal sealed class RemoveGroup
    {
        public RemoveGroup(SymbolPath client, ISymbol? collection, BodyRef body)
        {
            Client = client;
            Collection = collection;
            Body = body;
        }

        /// <summary>The client whose <c>Remove</c> it is; default when unknown.</summary>
        public SymbolPath Client { get; }

        /// <summary>The collection field it is applied to (the receiver of the call it is passed to), if any.</summary>
        public ISymbol? Collection { get; }

        public BodyRef Body { get; }
    }

    /// <summary>
    /// Channels kept in a collection field of the type (<c>List&lt;RealtimeChannel&gt;</c>, an array,
    /// <c>Dictionary&lt;string, RealtimeChannel&gt;</c>): the elements are one slot of the collection field.
    /// Gathered per block: what goes into the collection (<see cref="ElementWrites"/>, and whole-collection
    /// writes the model cannot read, which make it come from outside), the locals and lambda parameters
    /// that name an element (<c>foreach</c> variables, <c>ForEach</c> lambdas, <c>TryGetValue</c> out
    /// locals, <c>var room = _rooms[key]</c>), element uses that hand a channel over, subscriptions of
    /// unnamed elements, and <c>Remove</c> method groups.
    /// </summary>
    internal sealed partial class ChannelUsage
    {
        private List<ChannelWrite>? elementWrites;
        private List<(ISymbol Slot, ISymbol Collection)>? elementSlots;
        private HashSet<ISymbol>? collectionsHandedOver;
        private List<ElementSubscription>? elementSubscriptions;
        private List<RemoveGroup>? removeGroups;

        /// <summary>Values put into collection fields (<see cref="ChannelWrite.Slot"/> is the collection): <c>Add</c>, <c>Insert</c>, indexer and element writes, initializers.</summary>
        public IReadOnlyList<ChannelWrite> ElementWrites => (IReadOnlyList<ChannelWrite>?)elementWrites ?? Array.Empty<ChannelWrite>();

        /// <summary>Subscriptions of collection elements that no local or parameter names.</summary>
        public IReadOnlyList<ElementSubscription> ElementSubscriptions
            => (IReadOnlyList<ElementSubscription>?)elementSubscriptions ?? Array.Empty<ElementSubscription>();

        /// <summary><c>Remove</c> method groups of realtime clients.</summary>
        public IReadOnlyList<RemoveGroup> RemoveGroups => (IReadOnlyList<RemoveGroup>?)removeGroups ?? Array.Empty<RemoveGroup>();

        /// <summary>The collection field whose element <paramref name="channel"/> is, if any (loop variable, element access, lambda parameter, alias local).</summary>
        public ISymbol? CollectionOf(ChannelRef channel)
            => channel.Collection ?? (channel.Slot != null ? ElementCollectionOf(channel.Slot) : null);

        /// <summary>The collection field a local or lambda parameter names an element of, when it names elements of one collection only.</summary>
        public ISymbol? ElementCollectionOf(ISymbol slot)
        {
            ISymbol? found = null;
            foreach (var (element, collection) in (IEnumerable<(ISymbol, ISymbol)>?)elementSlots ?? Array.Empty<(ISymbol, ISymbol)>())
            {
                if (SymbolEqualityComparer.Default.Equals(element, slot))
                {
                    if (found != null && !SymbolEqualityComparer.Default.Equals(found, collection))
                    {
                        return null;
                    }

                    found = collection;
                }
            }

            if (found is null || !(slot is ILocalSymbol))
            {
                return found;
            }

            // An alias local holds an element only while every value written into it is one (or a channel it also stores there).
            foreach (var write in WritesOf(slot))
            {
                switch (write.Kind)
                {
                    case ChannelWriteKind.Channel:
                    case ChannelWriteKind.TableOn:
                    case ChannelWriteKind.Null:
                        continue;
                    case ChannelWriteKind.Other when write.Value is IOperation value && IsElementOf(value, found):
                        continue;
                    default:
                        return null;
                }
            }

            return found;
        }

        /// <summary>
        /// True when the collection's elements (or some of them) may be handled by code the model does not see: the
        /// collection field escapes, an element is handed over (passed on, kept elsewhere), or a whole-collection write
        /// puts in values the model cannot read (a parameter, a method's result, a <c>Select(...)</c>).
        /// </summary>
        public bool IsCollectionHandedOver(ISymbol collection)
            => IsEscaped(collection) || (collectionsHandedOver != null && collectionsHandedOver.Contains(collection));

        /// <summary>
        /// True when every channel put into the collection field is created here (<c>Channel(...)</c>, <c>await table.On(...)</c>,
        /// or a local that holds one) and at least one is; the creating writes are added to <paramref name="creations"/>.
        /// </summary>
        public bool IsCollectionCreatedHere(ISymbol collection, List<ChannelWrite> creations)
        {
            if (IsCollectionHandedOver(collection))
            {
                return false;
            }

            var any = false;
            foreach (var write in ElementWrites)
            {
                if (!SymbolEqualityComparer.Default.Equals(write.Slot, collection))
                {
                    continue;
                }

                switch (write.Kind)
                {
                    case ChannelWriteKind.Channel:
                    case ChannelWriteKind.TableOn:
                        creations.Add(write);
                        any = true;
                        break;
                    case ChannelWriteKind.Null:
                        break;
                    case ChannelWriteKind.Slot when write.Source is ILocalSymbol local:
                        if (SymbolEqualityComparer.Default.Equals(ElementCollectionOf(local), collection) && !HasCreatingWrite(local))
                        {
                            // _rooms[key] = room, room read from _rooms: the element goes back in.
                            break;
                        }

                        if (!IsCreatedHere(local, creations))
                        {
                            return false;
                        }

                        any = true;
                        break;
                    default:
                        return false;
                }
            }

            return any;
        }

        private bool HasCreatingWrite(ISymbol local)
        {
            foreach (var write in WritesOf(local))
            {
                if (write.Kind == ChannelWriteKind.Channel || write.Kind == ChannelWriteKind.TableOn)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="value"/> reads an element of <paramref name="collection"/> (<c>_rooms[key]</c>, <c>_rooms[0]</c>).</summary>
        private static bool IsElementOf(IOperation value, ISymbol collection)
        {
            switch (SymbolPath.Unwrap(value))
            {
                case IPropertyReferenceOperation indexer when !indexer.Arguments.IsEmpty:
                    return SymbolEqualityComparer.Default.Equals(ChannelSlots.GetSlot(indexer.Instance), collection);
                case IArrayElementReferenceOperation element:
                    return SymbolEqualityComparer.Default.Equals(ChannelSlots.GetSlot(element.ArrayReference), collection);
                default:
                    return false;
            }
        }

        private void MergeCollections(Collector collector)
        {
            if (!collector.HasCollectionFacts)
            {
                return;
            }

            (elementWrites ??= new List<ChannelWrite>()).AddRange(collector.ElementWrites);
            (elementSlots ??= new List<(ISymbol, ISymbol)>()).AddRange(collector.ElementSlots);
            (collectionsHandedOver ??= new HashSet<ISymbol>(SymbolEqualityComparer.Default)).UnionWith(collector.CollectionsHandedOver);
            (elementSubscriptions ??= new List<ElementSubscription>()).AddRange(collector.ElementSubscriptions);
            (removeGroups ??= new List<RemoveGroup>()).AddRange(collector.RemoveGroups);
        }
    }
}
