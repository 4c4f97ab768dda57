using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using SupabaseRealtime.Analyzers.Model;

namespace SupabaseRealtime.Analyzers.Rules
{
    internal sealed partial class SubscribedBeforeAuthAnalyzer
    {
        /// <summary>SRT001's client resolution: which client a subscribed channel belongs to (its block, the type's channel slots, a table's <c>On(...)</c>), and whether that is known for sure.</summary>
        private sealed partial class TypeState
        {
            /// <summary>Which client the subscription's channel belongs to, as far as its own block tells.</summary>
            private bool TryResolve(Subscription subscription, BodySlotWrites slotWrites, Dictionary<ISymbol, List<IOperation>> localValues)
            {
                var call = subscription.Call;
                if (Subscriptions.IsTableOn(call, Sdk))
                {
                    if (TryResolveTable(call.Instance, out var tableClient, out var table))
                    {
                        subscription.Client = tableClient;
                        subscription.Display = table;
                        return true;
                    }

                    if (ChannelSlots.GetSlot(call.Instance) is ILocalSymbol tableLocal && !slotWrites.IsUnknown(tableLocal)
                        && localValues.TryGetValue(tableLocal, out var tableValues))
                    {
                        return TryResolveAll(tableValues, TryResolveTable, tableLocal.Name, subscription);
                    }

                    return false;
                }

                if (TryResolveChannel(call.Instance, out var client, out var display))
                {
                    subscription.Client = client;
                    subscription.Display = display;
                    subscription.IsPrivate = IsPrivateChannel(call.Instance);
                    return true;
                }

                var slot = ChannelSlots.GetSlot(call.Instance);
                switch (slot)
                {
                    case ILocalSymbol local:
                        if (!slotWrites.IsUnknown(local) && localValues.TryGetValue(local, out var values)
                            && TryResolveAll(values, TryResolveChannel, local.Name, subscription))
                        {
                            subscription.IsPrivate = values.TrueForAll(IsPrivateChannel);
                            return true;
                        }

                        return false;
                    case IFieldSymbol _:
                    case IPropertySymbol _:
                        subscription.Slot = slot;
                        return true;
                    default:
                        return false;
                }
            }

            private delegate bool Resolver(IOperation? value, out SymbolPath client, out string display);

            private static bool TryResolveAll(List<IOperation> values, Resolver resolve, string fallbackName, Subscription subscription)
            {
                SymbolPath client = default;
                string? display = null;
                var first = true;
                foreach (var value in values)
                {
                    if (!resolve(value, out var valueClient, out var valueDisplay))
                    {
                        return false;
                    }

                    if (first)
                    {
                        client = valueClient;
                        display = valueDisplay;
                        first = false;
                    }
                    else if (!client.Equals(valueClient))
                    {
                        return false;
                    }
                    else if (display != valueDisplay)
                    {
                        display = fallbackName;
                    }
                }

                if (first)
                {
                    return false;
                }

                subscription.Client = client;
                subscription.Display = display;
                return true;
            }

            private bool TryResolveChannel(IOperation? value, out SymbolPath client, out string display)
            {
                client = default;
                display = string.Empty;
                if (!ChannelOrigin.TryGet(value, Sdk, out var origin))
                {
                    return false;
                }

                client = origin.Client;
                display = origin.DisplayName;
                return true;
            }

            /// <summary>True when <paramref name="value"/> is a <c>Channel(name, ChannelOptions.Private(...))</c> call.</summary>
            private bool IsPrivateChannel(IOperation? value)
                => ChannelOrigin.TryGet(value, Sdk, out var origin) && ChannelPrivacy.AsksForPrivate(origin.Call, Sdk);

            private bool TryResolveTable(IOperation? value, out SymbolPath client, out string display)
            {
                client = default;
                display = string.Empty;
                if (!Subscriptions.TryGetSupabaseOfTable(value, Sdk, out var supabase, out var from)
                    || !ClientIdentity.TryGetRealtimeOfSupabase(supabase, Sdk, out client))
                {
                    return false;
                }

                display = Subscriptions.TableName(from, Sdk);
                return true;
            }

            private bool IsChannelSlot(ISymbol slot)
            {
                switch (slot)
                {
                    case IFieldSymbol field:
                        return Sdk.IsRealtimeChannel(field.Type);
                    case IPropertySymbol property:
                        return Sdk.IsRealtimeChannel(property.Type);
                    default:
                        return false;
                }
            }

            private bool TryGetClient(Subscription subscription, out SymbolPath client, out string display, out bool isPrivate)
            {
                client = subscription.Client;
                display = subscription.Display ?? string.Empty;
                isPrivate = subscription.IsPrivate;
                if (subscription.Slot is null)
                {
                    return !client.IsDefault;
                }

                var slot = subscription.Slot;
                var (writes, unknown) = GetChannelSlots();
                if (unknown.Contains(slot) || IsWritableOutsideType(slot) || !writes.TryGetValue(slot, out var values))
                {
                    return false;
                }

                var first = true;
                isPrivate = true;
                foreach (var value in values)
                {
                    if (!ChannelOrigin.TryGet(value, Sdk, out var origin))
                    {
                        isPrivate = false;
                        return false;
                    }

                    isPrivate &= ChannelPrivacy.AsksForPrivate(origin.Call, Sdk);
                    if (first)
                    {
                        client = origin.Client;
                        display = origin.DisplayName;
                        first = false;
                    }
                    else if (!client.Equals(origin.Client))
                    {
                        return false;
                    }
                    else if (display != origin.DisplayName)
                    {
                        display = slot.Name;
                    }
                }

                return !first;
            }

            private static bool IsWritableOutsideType(ISymbol slot)
            {
                switch (slot)
                {
                    case IFieldSymbol field:
                        return !field.IsReadOnly && !field.IsConst && field.DeclaredAccessibility != Accessibility.Private;
                    case IPropertySymbol property:
                        return property.SetMethod != null && property.SetMethod.DeclaredAccessibility != Accessibility.Private;
                    default:
                        return true;
                }
            }
        }
    }
}
