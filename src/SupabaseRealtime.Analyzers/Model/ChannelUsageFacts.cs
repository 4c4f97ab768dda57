using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>The body an operation runs in: a member, or a lambda / local function inside it.</summary>
    internal readonly struct BodyRef : IEquatable<BodyRef>
    {
        public BodyRef(ISymbol member, SyntaxNode? function)
        {
            Member = member;
            Function = function;
        }

        /// <summary>The member whose code this is (method, constructor, accessor, field or property initializer).</summary>
        public ISymbol Member { get; }

        /// <summary>The innermost lambda or local function, or null for the member's own body.</summary>
        public SyntaxNode? Function { get; }

        /// <summary>True for a constructor's own body (not a lambda inside it) or an initializer: code that runs once per instance.</summary>
        public bool RunsOncePerInstance
            => Function is null
                && (Member is IMethodSymbol method
                    ? method.MethodKind == MethodKind.Constructor || method.MethodKind == MethodKind.StaticConstructor
                    : Member is IFieldSymbol || Member is IPropertySymbol);

        /// <summary>True when the member is static (entry points, static helpers, top-level statements).</summary>
        public bool IsStatic => Member.IsStatic;

        /// <summary>The member's method symbol when it is a method (or accessor).</summary>
        public IMethodSymbol? Method => Member as IMethodSymbol;

        /// <summary>The member's name for messages: the method name, the type name for a constructor, the property name for an accessor.</summary>
        public string DisplayName
        {
            get
            {
                switch (Member)
                {
                    case IMethodSymbol method when method.MethodKind == MethodKind.Constructor || method.MethodKind == MethodKind.StaticConstructor:
                        return method.ContainingType.Name;
                    case IMethodSymbol method when method.AssociatedSymbol != null:
                        return method.AssociatedSymbol.Name;
                    default:
                        return Member.Name;
                }
            }
        }

        public bool Equals(BodyRef other)
            => SymbolEqualityComparer.Default.Equals(Member, other.Member) && Function == other.Function;

        public override bool Equals(object? obj) => obj is BodyRef other && Equals(other);

        public override int GetHashCode()
            => unchecked((SymbolEqualityComparer.Default.GetHashCode(Member) * 397) ^ (Function?.GetHashCode() ?? 0));
    }

    /// <summary>What a channel expression refers to.</summary>
    internal readonly struct ChannelRef
    {
        public ChannelRef(ISymbol? slot, ChannelOrigin? origin, ISymbol? collection)
        {
            Slot = slot;
            Origin = origin;
            Collection = collection;
        }

        /// <summary>The local, parameter, field or property holding the channel.</summary>
        public ISymbol? Slot { get; }

        /// <summary>The <c>Channel(...)</c> call when the expression is one.</summary>
        public ChannelOrigin? Origin { get; }

        /// <summary>The collection field of the type the channel is an element of (a loop variable, an element access, a lambda parameter).</summary>
        public ISymbol? Collection { get; }

        public bool IsKnown => Slot != null || Origin != null || Collection != null;
    }

    internal enum ChannelWriteKind
    {
        /// <summary><c>client.Channel(...)</c>.</summary>
        Channel,

        /// <summary><c>await table.On(...)</c>.</summary>
        TableOn,

        /// <summary><c>null</c> or <c>default</c>.</summary>
        Null,

        /// <summary>Another local, field or property.</summary>
        Slot,

        /// <summary>Anything else (a parameter, a method's result, ...): the channel comes from outside.</summary>
        Other,
    }

    /// <summary>A write of a channel-typed local, field or property.</summary>
    internal sealed class ChannelWrite
    {
        public ChannelWrite(ISymbol slot, ChannelWriteKind kind, IOperation value, ChannelOrigin? origin, SymbolPath client, ISymbol? source, BodyRef body)
        {
            Slot = slot;
            Kind = kind;
            Value = value;
            Origin = origin;
            Client = client;
            Source = source;
            Body = body;
        }

        public ISymbol Slot { get; }

        public ChannelWriteKind Kind { get; }

        /// <summary>The written value with <c>await</c> and conversions removed.</summary>
        public IOperation Value { get; }

        /// <summary>For <see cref="ChannelWriteKind.Channel"/> on a known client.</summary>
        public ChannelOrigin? Origin { get; }

        /// <summary>The client the channel belongs to; default when unknown.</summary>
        public SymbolPath Client { get; }

        /// <summary>For <see cref="ChannelWriteKind.Slot"/>: the slot read.</summary>
        public ISymbol? Source { get; }

        public BodyRef Body { get; }

        /// <summary>
        /// A write into <paramref name="slot"/> of a value whose kind the value alone says (<c>Channel(...)</c>,
        /// <c>From&lt;T&gt;().On(...)</c>, <c>null</c>/<c>default</c>); null for any other value, which each slot kind
        /// (a field or local, a collection's element, a helper's <c>ref</c> parameter) classifies its own way.
        /// </summary>
        public static ChannelWrite? FromValue(ISymbol slot, IOperation unwrapped, BodyRef body, SdkSymbols sdk)
        {
            switch (unwrapped)
            {
                case IInvocationOperation call when ChannelOrigin.IsChannelMethod(call.TargetMethod, sdk):
                    ChannelOrigin.TryGetFromCall(call, sdk, out var origin);
                    return new ChannelWrite(slot, ChannelWriteKind.Channel, unwrapped, origin, origin?.Client ?? default, null, body);
                case IInvocationOperation call when ChannelCalls.IsTableOn(call, sdk, out var client):
                    return new ChannelWrite(slot, ChannelWriteKind.TableOn, unwrapped, null, client, null, body);
                case IDefaultValueOperation _:
                case ILiteralOperation literal when literal.ConstantValue.HasValue && literal.ConstantValue.Value is null:
                    return new ChannelWrite(slot, ChannelWriteKind.Null, unwrapped, null, default, null, body);
                default:
                    return null;
            }
        }
    }

    internal enum SubscriptionHolder
    {
        /// <summary>The channel is in a local, field or property (<see cref="Subscription.Slot"/>).</summary>
        Slot,

        /// <summary>A <c>table.On(...)</c> whose channel is discarded.</summary>
        Discarded,

        /// <summary><c>client.Channel(...).Subscribe()</c>: the channel is never kept.</summary>
        Direct,
    }

    /// <summary>A <c>Subscribe()</c> call or a <c>table.On(...)</c> call.</summary>
    internal sealed class Subscription
    {
        public Subscription(IInvocationOperation call, bool isTableOn, SubscriptionHolder holder, ISymbol? slot, ChannelOrigin? origin, SymbolPath client, BodyRef body)
        {
            Call = call;
            IsTableOn = isTableOn;
            Holder = holder;
            Slot = slot;
            Origin = origin;
            Client = client;
            Body = body;
        }

        public IInvocationOperation Call { get; }

        public bool IsTableOn { get; }

        public SubscriptionHolder Holder { get; }

        public ISymbol? Slot { get; }

        public ChannelOrigin? Origin { get; }

        /// <summary>For <c>On(...)</c> and direct <c>Channel(...)</c>: the client; default when unknown or for slots.</summary>
        public SymbolPath Client { get; }

        public BodyRef Body { get; }
    }

    internal enum ReleaseKind
    {
        Unsubscribe,
        Remove,
        Disconnect,
    }

    /// <summary>An <c>Unsubscribe()</c>, <c>client.Remove(channel)</c> or <c>client.Disconnect()</c> call.</summary>
    internal sealed class ChannelRelease
    {
        public ChannelRelease(ReleaseKind kind, IInvocationOperation call, ChannelRef channel, SymbolPath client, BodyRef body)
        {
            Kind = kind;
            Call = call;
            Channel = channel;
            Client = client;
            Body = body;
        }

        public ReleaseKind Kind { get; }

        public IInvocationOperation Call { get; }

        /// <summary>The channel released (none for <see cref="ReleaseKind.Disconnect"/>).</summary>
        public ChannelRef Channel { get; }

        /// <summary>The client of <c>Remove</c>/<c>Disconnect</c>; default when unknown or for <c>Unsubscribe</c>.</summary>
        public SymbolPath Client { get; }

        public BodyRef Body { get; }
    }

    /// <summary>A handler or registration added to a channel.</summary>
    internal sealed class ChannelSetUp
    {
        public ChannelSetUp(ChannelRef channel, BodyRef body, IOperation operation)
        {
            Channel = channel;
            Body = body;
            Operation = operation;
        }

        public ChannelRef Channel { get; }

        /// <summary>The set-up: a handler or registration call, or (5.x) an event <c>+=</c>.</summary>
        public IOperation Operation { get; }

        public BodyRef Body { get; }
    }

    /// <summary>A channel local stored into a field/property or a collection field of the type.</summary>
    internal sealed class ChannelStore
    {
        public ChannelStore(ISymbol source, ISymbol target, bool intoCollection, BodyRef body)
        {
            Source = source;
            Target = target;
            IntoCollection = intoCollection;
            Body = body;
        }

        public ISymbol Source { get; }

        public ISymbol Target { get; }

        public bool IntoCollection { get; }

        public BodyRef Body { get; }
    }

    /// <summary>An <c>Unsubscribe()</c> after which the same body obtains the same cached channel again into the same slot.</summary>
    internal sealed class ChannelReobtain
    {
        public ChannelReobtain(IInvocationOperation unsubscribe, ChannelOrigin reobtained, BodyRef body)
        {
            Unsubscribe = unsubscribe;
            Reobtained = reobtained;
            Body = body;
        }

        public IInvocationOperation Unsubscribe { get; }

        public ChannelOrigin Reobtained { get; }

        public BodyRef Body { get; }
    }
}
