using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Model;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Rules
{
    /// <summary>
    /// SRT004: in a type with a bounded lifetime (see <see cref="LifetimeModel"/>), a <c>Subscribe()</c> or
    /// <c>table.On(...)</c> whose channel nobody releases: a field/property channel no member of the type
    /// unsubscribes, removes or disconnects (or only an unwired <c>Dispose</c> does), or a local / discarded
    /// channel that does not escape, is not released in its method, and whose client the type never
    /// disconnects or removes channels from. Entry points, static members, channels received from
    /// outside, escapes and unknowns never report.
    /// </summary>
    internal sealed class SubscriptionNeverReleasedAnalyzer : SdkRule
    {
        /// <summary>Diagnostic property: how the channel is held (<c>field</c>, <c>local</c>, <c>discarded</c>); absent when no fix fits.</summary>
        public const string HolderProperty = "holder";

        /// <summary>Diagnostic property: the field/property or local holding the channel.</summary>
        public const string ChannelProperty = "channel";

        /// <summary>Diagnostic property: the client expression (a member of the type) to call <c>Remove</c> on.</summary>
        public const string ClientProperty = "client";

        /// <summary>Diagnostic property: the type to cast the channel to for <c>Remove</c> when provably safe.</summary>
        public const string CastProperty = "cast";

        /// <summary>Diagnostic property: the interface the type misses when the release sits in an unwired <c>Dispose</c>.</summary>
        public const string MissingInterfaceProperty = "interface";

        /// <summary>Diagnostic property: the teardown member a release belongs in.</summary>
        public const string TeardownProperty = "teardown";

        public const string FieldHolder = "field";
        public const string LocalHolder = "local";
        public const string DiscardedHolder = "discarded";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.SRT004);

        protected override void Register(CompilationStartAnalysisContext context, SdkCompilation compilation)
        {
            var sdk = compilation.Sdk;
            if (sdk.RealtimeChannelInterface is null && sdk.RealtimeChannel is null)
            {
                return;
            }

            compilation.Types.Add(context, start =>
            {
                var type = (INamedTypeSymbol)start.Symbol;
                if (type.TypeKind != TypeKind.Class)
                {
                    return;
                }

                var tree = LifetimeModel.DeclaringTree(type);
                if (!compilation.Scope.ShouldAnalyze(tree))
                {
                    return;
                }

                var lifetime = compilation.Lifetime.Value;
                if (lifetime.GetLifetime(type, LifetimeModel.ConfiguredLifetimeTypes(compilation.Options, tree)) == LifetimeKind.None)
                {
                    return;
                }

                // Blocks that do not reference the SDK are only kept until the type ends, and walked then only when
                // another block of the type does reference it.
                var usage = ChannelUsage.Of(start, compilation);
                start.RegisterSymbolEndAction(end =>
                {
                    if (!usage.Complete() || (usage.Subscriptions.Count == 0 && usage.ElementSubscriptions.Count == 0))
                    {
                        return;
                    }

                    new Decision(usage, lifetime, compilation).Run(end);
                });
            });
        }

        /// <summary>The symbol-end decision for one type.</summary>
        private sealed class Decision
        {
            private readonly ChannelUsage usage;
            private readonly LifetimeModel lifetime;
            private readonly SdkCompilation compilation;
            private readonly INamedTypeSymbol type;

            public Decision(ChannelUsage usage, LifetimeModel lifetime, SdkCompilation compilation)
            {
                this.usage = usage;
                this.lifetime = lifetime;
                this.compilation = compilation;
                type = usage.Type;
            }

            private enum Verdict
            {
                Fine,
                NeverReleased,
                OnlyUnwired,
            }

            public void Run(SymbolAnalysisContext context)
            {
                foreach (var subscription in usage.Subscriptions)
                {
                    if (subscription.Body.IsStatic || ChannelCalls.HasErrors(subscription.Call))
                    {
                        // Entry points, top-level statements and static helpers live as long as the process.
                        continue;
                    }

                    Evaluate(context, subscription);
                }

                foreach (var element in usage.ElementSubscriptions)
                {
                    if (!element.Body.IsStatic && !ChannelCalls.HasErrors(element.Call))
                    {
                        // _rooms[key].Subscribe(): an element of the collection, with no local naming it.
                        var subscription = new Subscription(element.Call, false, SubscriptionHolder.Slot, element.Collection, null, default, element.Body);
                        EvaluateElements(context, subscription, element.Collection);
                    }
                }
            }

            private void Evaluate(SymbolAnalysisContext context, Subscription subscription)
            {
                switch (subscription.Holder)
                {
                    case SubscriptionHolder.Slot when (subscription.Slot is ILocalSymbol || subscription.Slot is IParameterSymbol)
                        && usage.ElementCollectionOf(subscription.Slot!) is { } collection:
                        // foreach (var room in _rooms) await room.Subscribe(): the elements are one slot of the collection field.
                        EvaluateElements(context, subscription, collection);
                        break;
                    case SubscriptionHolder.Slot when subscription.Slot is IFieldSymbol || subscription.Slot is IPropertySymbol:
                        EvaluateField(context, subscription, subscription.Slot!);
                        break;
                    case SubscriptionHolder.Slot when subscription.Slot is ILocalSymbol local:
                        var stores = new List<ChannelStore>();
                        foreach (var store in usage.Stores)
                        {
                            if (SymbolEqualityComparer.Default.Equals(store.Source, local))
                            {
                                stores.Add(store);
                            }
                        }

                        if (stores.Count == 0)
                        {
                            EvaluateLocal(context, subscription, local);
                        }
                        else if (stores.Count == 1 && !stores[0].IntoCollection)
                        {
                            EvaluateField(context, subscription, stores[0].Target);
                        }
                        else if (stores.Count == 1)
                        {
                            EvaluateCollection(context, subscription, local, stores[0].Target);
                        }

                        break;
                    case SubscriptionHolder.Discarded:
                    case SubscriptionHolder.Direct:
                        EvaluateDiscarded(context, subscription);
                        break;
                }
            }

            private void EvaluateField(SymbolAnalysisContext context, Subscription subscription, ISymbol field)
            {
                if (!IsPrivateInstanceMember(field) || usage.IsEscaped(field))
                {
                    return;
                }

                var creations = new List<ChannelWrite>();
                if (!usage.IsCreatedHere(field, creations))
                {
                    // Received from outside (a parameter, an injected property, another object): not this type's to release.
                    return;
                }

                var verdict = Verdict.NeverReleased;
                foreach (var release in usage.Releases)
                {
                    if (Releases(release, field, creations))
                    {
                        verdict = Better(verdict, IsUnwired(release.Body) ? Verdict.OnlyUnwired : Verdict.Fine);
                    }
                }

                Report(context, subscription, verdict, field.Name, FieldHolder, field, creations, DisconnectsShared(Clients(creations)));
            }

            private void EvaluateLocal(SymbolAnalysisContext context, Subscription subscription, ILocalSymbol local)
            {
                var creations = new List<ChannelWrite>();
                if (usage.IsEscaped(local) || !usage.IsCreatedHere(local, creations))
                {
                    return;
                }

                foreach (var release in usage.Releases)
                {
                    if (SymbolEqualityComparer.Default.Equals(release.Body.Member, subscription.Body.Member)
                        && ((release.Kind == ReleaseKind.Disconnect && usage.IsOwnedClient(release.Client, release.Body))
                            || (release.Kind != ReleaseKind.Disconnect && SymbolEqualityComparer.Default.Equals(release.Channel.Slot, local))))
                    {
                        return;
                    }
                }

                var clients = Clients(creations);
                var verdict = ClientVerdict(clients);
                Report(context, subscription, verdict, local.Name, LocalHolder, null, creations, DisconnectsShared(clients));
            }

            private void EvaluateDiscarded(SymbolAnalysisContext context, Subscription subscription)
            {
                var clients = new List<SymbolPath> { subscription.Client };
                var verdict = ClientVerdict(clients);
                var name = subscription.IsTableOn
                    ? TableOnDisplay(subscription)
                    : subscription.Origin?.Call.Syntax.ToString() ?? subscription.Call.Syntax.ToString();
                Report(context, subscription, verdict, name, subscription.IsTableOn ? DiscardedHolder : null, null, new List<ChannelWrite>(), DisconnectsShared(clients));
            }

            private void EvaluateCollection(SymbolAnalysisContext context, Subscription subscription, ILocalSymbol local, ISymbol collection)
            {
                var creations = new List<ChannelWrite>();
                if (!IsPrivateInstanceMember(collection) || usage.IsEscaped(collection) || usage.IsEscaped(local)
                    || !usage.IsCreatedHere(local, creations))
                {
                    return;
                }

                var clients = Clients(creations);
                Report(context, subscription, CollectionVerdict(collection, clients), local.Name, null, null, creations, DisconnectsShared(clients));
            }

            /// <summary>
            /// A subscription of an element of a private collection field (a <c>foreach</c> variable, a <c>ForEach</c> lambda's
            /// parameter, <c>_rooms[key]</c>, a <c>TryGetValue</c> local) whose channels are all created here: the collection
            /// is one slot, released when the type releases its elements. The message names the collection.
            /// </summary>
            private void EvaluateElements(SymbolAnalysisContext context, Subscription subscription, ISymbol collection)
            {
                var creations = new List<ChannelWrite>();
                if (!IsPrivateInstanceMember(collection) || !usage.IsCollectionCreatedHere(collection, creations))
                {
                    return;
                }

                var clients = Clients(creations);
                Report(context, subscription, CollectionVerdict(collection, clients), collection.Name, null, null, creations, DisconnectsShared(clients));
            }

            /// <summary>
            /// Are the elements of <paramref name="collection"/> released: an <c>Unsubscribe()</c>/<c>Remove</c> of an element
            /// (in a loop, a lambda, through a lookup), a <c>Remove</c> method group applied to it, a release the model cannot
            /// trace (it may be an element), or a <c>Disconnect()</c> of a client the type owns?
            /// </summary>
            private Verdict CollectionVerdict(ISymbol collection, List<SymbolPath> clients)
            {
                var verdict = Verdict.NeverReleased;
                foreach (var release in usage.Releases)
                {
                    var releases = SymbolEqualityComparer.Default.Equals(usage.CollectionOf(release.Channel), collection)
                        || (release.Kind == ReleaseKind.Disconnect && AnyClientMatches(clients, release.Client) && usage.IsOwnedClient(release.Client, release.Body))
                        || (release.Kind != ReleaseKind.Disconnect && IsUntracedChannel(release.Channel));
                    if (releases)
                    {
                        verdict = Better(verdict, IsUnwired(release.Body) ? Verdict.OnlyUnwired : Verdict.Fine);
                    }
                }

                foreach (var group in usage.RemoveGroups)
                {
                    // _rooms.ForEach(client.Remove); a Remove group applied to something else may be applied to these too.
                    if ((group.Collection is null || SymbolEqualityComparer.Default.Equals(group.Collection, collection))
                        && AnyClientMatches(clients, group.Client))
                    {
                        verdict = Better(verdict, IsUnwired(group.Body) ? Verdict.OnlyUnwired : Verdict.Fine);
                    }
                }

                return verdict;
            }

            /// <summary>For a channel that is not kept: does the type remove channels of its client or disconnect it?</summary>
            private Verdict ClientVerdict(List<SymbolPath> clients)
            {
                var verdict = Verdict.NeverReleased;
                foreach (var release in usage.Releases)
                {
                    var releases = release.Kind == ReleaseKind.Unsubscribe
                        ? release.Channel.Origin != null && AnyClientMatches(clients, release.Channel.Origin.Client)
                        : AnyClientMatches(clients, release.Client)
                            && (release.Kind != ReleaseKind.Disconnect || usage.IsOwnedClient(release.Client, release.Body));
                    if (releases)
                    {
                        verdict = Better(verdict, IsUnwired(release.Body) ? Verdict.OnlyUnwired : Verdict.Fine);
                    }
                }

                return verdict;
            }

            private bool Releases(ChannelRelease release, ISymbol field, List<ChannelWrite> creations)
            {
                switch (release.Kind)
                {
                    case ReleaseKind.Unsubscribe:
                    case ReleaseKind.Remove:
                        if (SymbolEqualityComparer.Default.Equals(release.Channel.Slot, field))
                        {
                            return true;
                        }

                        // client.Channel("x").Unsubscribe() / client.Remove(client.Channel("x")) on the same client.
                        var origin = release.Channel.Origin;
                        return origin != null && AnyClientMatches(Clients(creations), origin.Client);
                    case ReleaseKind.Disconnect:
                        // Disconnect() leaves every channel in the client's cache (sdk-behaviour.md section 3, every line):
                        // a release only when the client goes with the instance.
                        return AnyClientMatches(Clients(creations), release.Client) && usage.IsOwnedClient(release.Client, release.Body);
                    default:
                        return false;
                }
            }

            /// <summary>True when the type disconnects a client the channel may be on that it does not own (so the channel stays cached on it).</summary>
            private bool DisconnectsShared(List<SymbolPath> clients)
            {
                foreach (var release in usage.Releases)
                {
                    if (release.Kind == ReleaseKind.Disconnect && AnyClientMatches(clients, release.Client)
                        && !usage.IsOwnedClient(release.Client, release.Body))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>An Unsubscribe/Remove of a local or parameter the model cannot trace to its creation: it may be an element of the collection.</summary>
            private bool IsUntracedChannel(ChannelRef channel)
            {
                if (channel.Slot is IParameterSymbol)
                {
                    return true;
                }

                return channel.Slot is ILocalSymbol local && !usage.IsCreatedHere(local, new List<ChannelWrite>());
            }

            private static List<SymbolPath> Clients(List<ChannelWrite> creations)
            {
                var clients = new List<SymbolPath>();
                foreach (var creation in creations)
                {
                    clients.Add(creation.Client);
                }

                if (clients.Count == 0)
                {
                    clients.Add(default);
                }

                return clients;
            }

            private static bool AnyClientMatches(List<SymbolPath> clients, SymbolPath client)
            {
                foreach (var candidate in clients)
                {
                    if (ChannelCalls.MayBeSameClient(candidate, client))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static Verdict Better(Verdict current, Verdict candidate)
                => candidate == Verdict.Fine || current == Verdict.Fine ? Verdict.Fine
                    : candidate == Verdict.OnlyUnwired || current == Verdict.OnlyUnwired ? Verdict.OnlyUnwired
                    : Verdict.NeverReleased;

            /// <summary>
            /// True when <paramref name="body"/> sits in a <c>Dispose</c>/<c>DisposeAsync</c> that nothing calls (the interface is missing
            /// and the type does not call it), or in a private helper only such a member calls.
            /// </summary>
            private bool IsUnwired(BodyRef body) => usage.IsOnlyReachedFrom(body, IsUnwiredDispose);

            private bool IsUnwiredDispose(BodyRef body)
                => body.Member is IMethodSymbol method
                    && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, type.OriginalDefinition)
                    && lifetime.IsUnwiredDispose(method, type, out _)
                    && !usage.IsCalled(method);

            private bool IsPrivateInstanceMember(ISymbol member)
                => !member.IsStatic
                    && member.DeclaredAccessibility == Accessibility.Private
                    && SymbolEqualityComparer.Default.Equals(member.ContainingType?.OriginalDefinition, type.OriginalDefinition);

            private void Report(SymbolAnalysisContext context, Subscription subscription, Verdict verdict, string name, string? holder, ISymbol? field, List<ChannelWrite> creations, bool disconnectsShared)
            {
                if (verdict == Verdict.Fine)
                {
                    return;
                }

                var properties = ImmutableDictionary.CreateBuilder<string, string>();
                string advice;
                var teardownNames = LifetimeModel.ConfiguredTeardownMethods(compilation.Options, LifetimeModel.DeclaringTree(type));
                var teardown = lifetime.FindTeardown(type, teardownNames, usage.IsClosedHandler, out _);
                if (verdict == Verdict.OnlyUnwired && lifetime.FindUnwiredDispose(type, out var missing) is { } unwired)
                {
                    advice = $"{unwired.Name}() is never called because {type.Name} does not implement {missing}";
                    properties[MissingInterfaceProperty] = missing;
                    properties[TeardownProperty] = unwired.Name;
                }
                else
                {
                    var teardownName = teardown?.Name
                        ?? lifetime.FindUnwiredDispose(type, out _)?.Name
                        ?? (lifetime.IsUnity(type) ? "OnDestroy" : "Dispose");
                    advice = disconnectsShared
                        ? "Disconnect() leaves it in the client's channel cache, where the next Channel(...) of its topic gets it back bound to the closed socket; Remove it in " + teardownName
                        : "unsubscribe or Remove it in " + teardownName;
                    properties[TeardownProperty] = teardownName;
                }

                if (holder != null)
                {
                    properties[HolderProperty] = holder;
                    properties[ChannelProperty] = name;
                    AddClient(properties, subscription, field, creations);
                }

                var diagnostic = Diagnostic.Create(
                    Descriptors.SRT004,
                    subscription.Call.Syntax.GetLocation(),
                    properties.ToImmutable(),
                    name,
                    type.Name,
                    advice);
                compilation.Scope.Report(context.ReportDiagnostic, diagnostic);
            }

            /// <summary>
            /// The client to <c>Remove</c> the channel from, when every creation names the same client and that
            /// client is a field or property of the type (so the teardown can reach it); plus the cast
            /// <c>Remove</c> needs when the channel's declared type is an interface and every creation gives
            /// the concrete type.
            /// </summary>
            private void AddClient(ImmutableDictionary<string, string>.Builder properties, Subscription subscription, ISymbol? field, List<ChannelWrite> creations)
            {
                SymbolPath client = default;
                var values = new List<ITypeSymbol?>();
                if (creations.Count > 0)
                {
                    foreach (var creation in creations)
                    {
                        if (creation.Client.IsDefault || (!client.IsDefault && !client.Equals(creation.Client)))
                        {
                            return;
                        }

                        client = creation.Client;
                        values.Add(creation.Value.Type is INamedTypeSymbol awaited && creation.Kind == ChannelWriteKind.TableOn
                            ? ChannelCalls.AwaitedType(awaited)
                            : creation.Value.Type);
                    }
                }
                else
                {
                    client = subscription.Client;
                    values.Add(ChannelCalls.AwaitedType(subscription.Call.Type as INamedTypeSymbol));
                }

                if (client.IsDefault || !client.IsMemberOfContainingType
                    || !(client.TypeMember?.ContainingType is { } owner) || !SdkSymbols.IsOrDerives(type, owner))
                {
                    return;
                }

                var parameter = ChannelCalls.RemoveParameterType(client.Type);
                if (parameter is null)
                {
                    return;
                }

                var declared = field switch
                {
                    IFieldSymbol f => f.Type,
                    IPropertySymbol p => p.Type,
                    _ => values.Count == 1 ? values[0] : null,
                };
                if (declared is null)
                {
                    return;
                }

                if (!compilation.Compilation.ClassifyCommonConversion(declared, parameter).IsImplicit)
                {
                    foreach (var value in values)
                    {
                        if (value is null || !compilation.Compilation.ClassifyCommonConversion(value, parameter).IsImplicit)
                        {
                            return;
                        }
                    }

                    properties[CastProperty] = parameter.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                }

                properties[ClientProperty] = client.Display;
            }

            private static string TableOnDisplay(Subscription subscription)
            {
                var receiver = subscription.Call.Instance?.Syntax.ToString();
                return string.IsNullOrEmpty(receiver) ? "On(...)" : receiver + ".On(...)";
            }
        }
    }
}
