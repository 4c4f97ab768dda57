using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Model;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Rules
{
    /// <summary>
    /// SRT007: <c>x.Unsubscribe()</c> where <c>x</c> came from <c>client.Channel(...)</c> on a known client,
    /// the type never calls <c>Remove(...)</c> on that client, handlers or registrations are added to the
    /// channel, and the same set-up can run again on the cached instance: (1) the unsubscribing body then
    /// obtains the same slot again from an equal <c>Channel(...)</c> call; (2) a member of the type that can
    /// run again (not a constructor or a once-per-instance hook) obtains it again; (3) the type has a
    /// bounded lifetime (the SRT004 lifetime model)
    /// and does not create its client itself, so the next instance gets the cached channel back. A final
    /// teardown of a channel received from outside, or with a client the type owns, is fine.
    /// </summary>
    internal sealed class UnsubscribeKeepsChannelCachedAnalyzer : SdkRule
    {
        /// <summary>Diagnostic property: the client expression to call <c>Remove</c> on (as written in the channel's origin).</summary>
        public const string ClientProperty = "client";

        /// <summary>Diagnostic property: the type to cast the channel to for <c>Remove</c>, when provably safe.</summary>
        public const string CastProperty = "cast";

        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Descriptors.SRT007);

        protected override void Register(CompilationStartAnalysisContext context, SdkCompilation compilation)
        {
            var sdk = compilation.Sdk;
            if ((sdk.RealtimeChannelInterface is null && sdk.RealtimeChannel is null)
                || (sdk.RealtimeClientInterface is null && sdk.RealtimeClient is null))
            {
                return;
            }

            compilation.Types.Add(context, start =>
            {
                var type = (INamedTypeSymbol)start.Symbol;
                if (type.TypeKind != TypeKind.Class && type.TypeKind != TypeKind.Struct)
                {
                    return;
                }

                var tree = LifetimeModel.DeclaringTree(type);
                if (!compilation.Scope.ShouldAnalyze(tree))
                {
                    return;
                }

                // Blocks that do not reference the SDK are only kept until the type ends, and walked then only when
                // another block of the type does reference it; the lifetime model is created for the first type that does.
                var usage = ChannelUsage.Of(start, compilation);
                usage.TrackReobtains();
                start.RegisterSymbolEndAction(end =>
                {
                    if (!usage.Complete() || !HasUnsubscribe(usage))
                    {
                        return;
                    }

                    new Decision(usage, compilation.Lifetime.Value, compilation, tree!).Run(end);
                });
            });
        }

        private static bool HasUnsubscribe(ChannelUsage usage)
        {
            foreach (var release in usage.Releases)
            {
                if (release.Kind == ReleaseKind.Unsubscribe)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>The symbol-end decision for one type.</summary>
        private sealed class Decision
        {
            private readonly ChannelUsage usage;
            private readonly LifetimeModel lifetime;
            private readonly SdkCompilation compilation;
            private readonly INamedTypeSymbol type;
            private readonly SyntaxTree tree;
            private readonly HashSet<(IInvocationOperation Call, ISymbol Field)> reported = new HashSet<(IInvocationOperation Call, ISymbol Field)>(new ChannelUsage.CallFieldComparer());
            private readonly Dictionary<BodyRef, string> callNames = new Dictionary<BodyRef, string>();
            private ImmutableArray<string> teardownNames;
            private bool? bounded;

            public Decision(ChannelUsage usage, LifetimeModel lifetime, SdkCompilation compilation, SyntaxTree tree)
            {
                this.usage = usage;
                this.lifetime = lifetime;
                this.compilation = compilation;
                this.tree = tree;
                type = usage.Type;
            }

            /// <summary>The configured teardown method names (read on first use).</summary>
            private ImmutableArray<string> TeardownNames
            {
                get
                {
                    if (teardownNames.IsDefault)
                    {
                        teardownNames = LifetimeModel.ConfiguredTeardownMethods(compilation.Options, tree);
                    }

                    return teardownNames;
                }
            }

            /// <summary>True when the type has a bounded lifetime (the SRT004 lifetime model; asked on first use).</summary>
            private bool Bounded
            {
                get
                {
                    bounded ??= lifetime.GetLifetime(type, LifetimeModel.ConfiguredLifetimeTypes(compilation.Options, tree)) != LifetimeKind.None;
                    return bounded.Value;
                }
            }

            public void Run(SymbolAnalysisContext context)
            {
                foreach (var release in usage.Releases)
                {
                    if (release.Kind == ReleaseKind.Unsubscribe && !ChannelCalls.HasErrors(release.Call))
                    {
                        Evaluate(context, release);
                    }
                }
            }

            private void Evaluate(SymbolAnalysisContext context, ChannelRelease unsubscribe)
            {
                if (usage.CollectionOf(unsubscribe.Channel) is { } collection)
                {
                    EvaluateCollection(context, unsubscribe, collection);
                    return;
                }

                var slot = unsubscribe.Channel.Slot;
                if (slot is null || slot is IParameterSymbol || usage.IsEscaped(slot))
                {
                    return;
                }

                if ((slot is IFieldSymbol || slot is IPropertySymbol)
                    && !SymbolEqualityComparer.Default.Equals(slot.ContainingType?.OriginalDefinition, type.OriginalDefinition))
                {
                    return;
                }

                // x came from client.Channel(...) on one known client, every time.
                var creations = new List<ChannelWrite>();
                if (!usage.IsCreatedHere(slot, creations))
                {
                    return;
                }

                var origins = new List<ChannelOrigin>();
                if (!(OneKnownClient(creations, origins) is { } client))
                {
                    return;
                }

                if (client.IsDefault || RemovesFrom(client) || !HasSetUp(slot, origins))
                {
                    return;
                }

                var unsubscribeBody = unsubscribe.Body;
                var setUpBodies = ChannelCallBodies(origins);

                // 1. The same body obtains the same slot again after unsubscribing.
                foreach (var reobtain in usage.Reobtains)
                {
                    if (reobtain.Unsubscribe == unsubscribe.Call && IsSameInstance(reobtain.Reobtained, origins))
                    {
                        if (!SetUpAgainChangesNothing(slot, origins, unsubscribeBody))
                        {
                            Report(context, unsubscribe, slot, client, creations, unsubscribeBody.DisplayName, string.Empty);
                        }

                        return;
                    }
                }

                var owned = usage.IsOwnedClient(client, unsubscribeBody);
                var nextInstance = " to the next " + type.Name;
                if (IsFinalTeardown(unsubscribeBody))
                {
                    // The instance is going away: only the next instance on a shared client can get the channel back.
                    if (!owned && Bounded && setUpBodies.Count > 0)
                    {
                        Report(context, unsubscribe, slot, client, creations, CallName(setUpBodies[0]), nextInstance);
                    }

                    return;
                }

                // 2. Another member (not a constructor), or this one on a later call, sets it up again after this unsubscribe.
                foreach (var body in setUpBodies)
                {
                    if (!body.IsStatic && !usage.IsOnlyReachedFrom(body, RunsOncePerInstance)
                        && !SetUpAgainChangesNothing(slot, origins, body))
                    {
                        Report(context, unsubscribe, slot, client, creations, CallName(body), string.Empty);
                        return;
                    }
                }

                // 3. The next instance of a bounded-lifetime type gets the cached channel from a shared client.
                if (!owned && Bounded && setUpBodies.Count > 0)
                {
                    Report(context, unsubscribe, slot, client, creations, CallName(setUpBodies[0]), nextInstance);
                }
            }

            /// <summary>
            /// <c>Unsubscribe()</c> of an element of a collection field (a <c>foreach</c> variable, a <c>ForEach</c> lambda's
            /// parameter, <c>_rooms[key]</c>, a <c>TryGetValue</c> local): the elements are one slot of the collection, judged
            /// like a field. Every channel put in comes from <c>Channel(...)</c> on one known client, nothing hands the
            /// collection or an element over, the type removes nothing from that client, handlers or registrations are added
            /// to the elements, and an equal <c>Channel(...)</c> call can run again: in a member that can run again (cases 1
            /// and 2: a resubscribe that takes the channels again runs again itself), or in the next instance of a
            /// bounded-lifetime type on a shared client (case 3). The message names the collection.
            /// </summary>
            private void EvaluateCollection(SymbolAnalysisContext context, ChannelRelease unsubscribe, ISymbol collection)
            {
                if (!(collection is IFieldSymbol || collection is IPropertySymbol) || collection.IsStatic
                    || !SymbolEqualityComparer.Default.Equals(collection.ContainingType?.OriginalDefinition, type.OriginalDefinition))
                {
                    return;
                }

                var creations = new List<ChannelWrite>();
                if (!usage.IsCollectionCreatedHere(collection, creations))
                {
                    return;
                }

                var origins = new List<ChannelOrigin>();
                if (!(OneKnownClient(creations, origins) is { } client))
                {
                    return;
                }

                if (client.IsDefault || RemovesFrom(client))
                {
                    return;
                }

                foreach (var group in usage.RemoveGroups)
                {
                    if (ChannelCalls.MayBeSameClient(group.Client, client))
                    {
                        return;
                    }
                }

                bool IsElement(ChannelRef channel)
                    => SymbolEqualityComparer.Default.Equals(usage.CollectionOf(channel), collection)
                        || (channel.Origin != null && IsSameInstance(channel.Origin, origins))
                        || (channel.Slot is ILocalSymbol local && StoresInto(local, collection));

                var setUp = HasSetUp(collection, origins);
                foreach (var candidate in usage.SetUps)
                {
                    setUp |= IsElement(candidate.Channel);
                }

                if (!setUp)
                {
                    return;
                }

                var unsubscribeBody = unsubscribe.Body;
                var setUpBodies = ChannelCallBodies(origins, usage.ElementWrites);
                var name = collection.Name;
                var declared = SymbolPath.Unwrap(unsubscribe.Call.Instance)?.Type;
                if (IsFinalTeardown(unsubscribeBody))
                {
                    if (!usage.IsOwnedClient(client, unsubscribeBody) && Bounded && setUpBodies.Count > 0)
                    {
                        Report(context, unsubscribe, name, declared, client, creations, setUpBodies[0].DisplayName, " to the next " + type.Name);
                    }

                    return;
                }

                foreach (var body in setUpBodies)
                {
                    if (!body.RunsOncePerInstance && !body.IsStatic
                        && !(body.Function is null && body.Member is IMethodSymbol method && lifetime.IsOncePerInstance(method, type))
                        && !SetUpAgainChangesNothing(IsElement, body))
                    {
                        Report(context, unsubscribe, name, declared, client, creations, body.DisplayName, string.Empty);
                        return;
                    }
                }

                if (!usage.IsOwnedClient(client, unsubscribeBody) && Bounded && setUpBodies.Count > 0)
                {
                    Report(context, unsubscribe, name, declared, client, creations, setUpBodies[0].DisplayName, " to the next " + type.Name);
                }
            }

            /// <summary>True when the channel local is put into <paramref name="collection"/> (<c>_rooms.Add(room)</c>, <c>_rooms[key] = room</c>).</summary>
            private bool StoresInto(ILocalSymbol local, ISymbol collection)
            {
                foreach (var write in usage.ElementWrites)
                {
                    if (write.Kind == ChannelWriteKind.Slot && SymbolEqualityComparer.Default.Equals(write.Source, local)
                        && SymbolEqualityComparer.Default.Equals(write.Slot, collection))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// A pause and resume of one object: the set-up <paramref name="body"/> runs again on the cached instance and adds
            /// only handlers equal to the ones it added before (same method and target), and registers nothing. On 6.0+ that
            /// changes nothing (6.0-7.0 skip an equal delegate; 7.1+ drop it while the equal first one keeps running). On 5.x
            /// every <c>+=</c> adds again, and a registration (Register, Register&lt;T&gt;, OnPostgresChange) always counts.
            /// </summary>
            private bool SetUpAgainChangesNothing(ISymbol slot, List<ChannelOrigin> origins, BodyRef body)
                => SetUpAgainChangesNothing(
                    channel => SymbolEqualityComparer.Default.Equals(channel.Slot, slot) || (channel.Origin != null && IsSameInstance(channel.Origin, origins)),
                    body);

            /// <summary><see cref="SetUpAgainChangesNothing(ISymbol, List{ChannelOrigin}, BodyRef)"/> for the set-ups of the channels <paramref name="isTarget"/> accepts.</summary>
            private bool SetUpAgainChangesNothing(Func<ChannelRef, bool> isTarget, BodyRef body)
            {
                if (compilation.Sdk.HasChannelEvents)
                {
                    return false;
                }

                var found = false;
                foreach (var setUp in usage.SetUps)
                {
                    if (!setUp.Body.Equals(body) || !isTarget(setUp.Channel))
                    {
                        continue;
                    }

                    if (!(setUp.Operation is IInvocationOperation call) || call.TargetMethod.Name == "Register" || call.TargetMethod.Name == "OnPostgresChange")
                    {
                        return false;
                    }

                    foreach (var argument in call.Arguments)
                    {
                        if (argument.Parameter?.Type.TypeKind == TypeKind.Delegate && !HandlerIdentity.IsEqualOnRerun(argument.Value))
                        {
                            return false;
                        }
                    }

                    found = true;
                }

                return found;
            }

            private bool RemovesFrom(SymbolPath client)
            {
                foreach (var release in usage.Releases)
                {
                    if (release.Kind == ReleaseKind.Remove && ChannelCalls.MayBeSameClient(release.Client, client))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>True when handlers or registrations are added to the channel (on the slot, or on a slot holding the same cached instance).</summary>
            private bool HasSetUp(ISymbol slot, List<ChannelOrigin> origins)
            {
                foreach (var setUp in usage.SetUps)
                {
                    var channel = setUp.Channel;
                    if (SymbolEqualityComparer.Default.Equals(channel.Slot, slot)
                        || (channel.Origin != null && IsSameInstance(channel.Origin, origins)))
                    {
                        return true;
                    }

                    if (channel.Slot is ILocalSymbol || channel.Slot is IFieldSymbol || channel.Slot is IPropertySymbol)
                    {
                        var other = new List<ChannelWrite>();
                        if (usage.IsCreatedHere(channel.Slot, other))
                        {
                            foreach (var write in other)
                            {
                                if (write.Origin != null && IsSameInstance(write.Origin, origins))
                                {
                                    return true;
                                }
                            }
                        }
                    }
                }

                return false;
            }

            /// <summary>The bodies, in source order, that obtain the same cached instance from <c>Channel(...)</c>.</summary>
            private List<BodyRef> ChannelCallBodies(List<ChannelOrigin> origins, IEnumerable<ChannelWrite>? elementWrites = null)
            {
                var bodies = new List<(BodyRef Body, int Position)>();
                foreach (var write in elementWrites is null ? usage.Writes : System.Linq.Enumerable.Concat(usage.Writes, elementWrites))
                {
                    if (write.Kind == ChannelWriteKind.Channel && write.Origin != null && IsSameInstance(write.Origin, origins))
                    {
                        var known = false;
                        foreach (var (body, _) in bodies)
                        {
                            known |= body.Equals(write.Body);
                        }

                        if (!known)
                        {
                            bodies.Add((write.Body, write.Value.Syntax.SpanStart));
                            callNames[write.Body] = usage.WriterName(write);
                        }
                    }
                }

                bodies.Sort((a, b) =>
                {
                    var byTree = string.CompareOrdinal(a.Body.Member.Locations.Length > 0 ? a.Body.Member.Locations[0].SourceTree?.FilePath : null,
                        b.Body.Member.Locations.Length > 0 ? b.Body.Member.Locations[0].SourceTree?.FilePath : null);
                    return byTree != 0 ? byTree : a.Position.CompareTo(b.Position);
                });
                var result = new List<BodyRef>();
                foreach (var (body, _) in bodies)
                {
                    result.Add(body);
                }

                return result;
            }

            /// <summary>The member the Channel(...) call of <paramref name="body"/> is written in (a helper the body passes the field to by ref).</summary>
            private string CallName(BodyRef body) => callNames.TryGetValue(body, out var name) ? name : body.DisplayName;

            /// <summary>
            /// The one client every creation takes its channel from with <c>Channel(...)</c>, their origins added to
            /// <paramref name="origins"/>; null when a creation is something else or the clients differ.
            /// </summary>
            private static SymbolPath? OneKnownClient(List<ChannelWrite> creations, List<ChannelOrigin> origins)
            {
                SymbolPath client = default;
                foreach (var creation in creations)
                {
                    if (creation.Kind != ChannelWriteKind.Channel || creation.Origin is null
                        || (!client.IsDefault && !client.Equals(creation.Origin.Client)))
                    {
                        return null;
                    }

                    client = creation.Origin.Client;
                    origins.Add(creation.Origin);
                }

                return client;
            }

            private static bool IsSameInstance(ChannelOrigin origin, List<ChannelOrigin> origins)
            {
                foreach (var candidate in origins)
                {
                    if (origin.IsSameInstanceAs(candidate))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// A teardown after which the instance is gone: wired Dispose/DisposeAsync, OnDestroy, OnClosed, Closed handlers, configured
            /// names, or a private helper only such teardowns call.
            /// </summary>
            private bool IsFinalTeardown(BodyRef body) => usage.IsOnlyReachedFrom(body, IsFinalTeardownMember);

            /// <summary>A constructor or initializer, or a lifecycle hook the framework calls once per instance (Unity Start, Blazor OnInitialized).</summary>
            private bool RunsOncePerInstance(BodyRef body)
                => body.RunsOncePerInstance || (body.Function is null && body.Member is IMethodSymbol method && lifetime.IsOncePerInstance(method, type));

            private bool IsFinalTeardownMember(BodyRef body)
            {
                if (usage.IsClosedHandler(body))
                {
                    return true;
                }

                return body.Function is null && body.Member is IMethodSymbol method
                    && SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, type.OriginalDefinition)
                    && LifetimeModel.IsFinal(lifetime.GetTeardownKind(method, type, TeardownNames));
            }

            private void Report(SymbolAnalysisContext context, ChannelRelease unsubscribe, ISymbol slot, SymbolPath client, List<ChannelWrite> creations, string member, string suffix)
            {
                if (!reported.Add((unsubscribe.Call, slot)))
                {
                    // One Unsubscribe() in a helper that two calls pass the same field by ref: reported once.
                    return;
                }

                Report(context, unsubscribe, slot.Name, DeclaredType(slot), client, creations, member, suffix);
            }

            private void Report(SymbolAnalysisContext context, ChannelRelease unsubscribe, string name, ITypeSymbol? declared, SymbolPath client, List<ChannelWrite> creations, string member, string suffix)
            {
                var properties = ImmutableDictionary.CreateBuilder<string, string>();
                AddClient(properties, declared, client, creations);
                var diagnostic = Diagnostic.Create(
                    Descriptors.SRT007,
                    ChannelCalls.ReportLocation(unsubscribe.Call),
                    properties.ToImmutable(),
                    name,
                    member,
                    suffix,
                    WhatSetUpAgainDoes(compilation.Sdk));
                compilation.Scope.Report(context.ReportDiagnostic, diagnostic);
            }

            /// <summary>
            /// What handlers added again to the cached instance do in the referenced SDK (sdk-behaviour.md, section 4):
            /// 7.1+ pairs each handler with a free registration, so the first handlers keep running and the new ones are
            /// dropped; 6.0 to 7.0 keep a list per listen type (equal delegates once, any other again); 5.x events add on
            /// every <c>+=</c>. A second <c>Register&lt;T&gt;()</c> throws in every version.
            /// </summary>
            private static string WhatSetUpAgainDoes(SdkSymbols sdk)
            {
                if (sdk.HasChannelEvents)
                {
                    return "every handler attached again runs once more per change";
                }

                return sdk.PairsHandlersWithRegistrations
                    ? "the handlers added first keep running and the ones added again are dropped"
                    : "handlers added again run beside the first ones unless they are the same delegate";
            }

            /// <summary>The client to <c>Remove</c> from, and the cast <c>Remove</c> needs when the slot is typed as an interface (only when every value is the concrete type).</summary>
            private static ITypeSymbol? DeclaredType(ISymbol slot)
                => slot switch
                {
                    IFieldSymbol field => field.Type,
                    IPropertySymbol property => property.Type,
                    ILocalSymbol local => local.Type,
                    _ => null,
                };

            private void AddClient(ImmutableDictionary<string, string>.Builder properties, ITypeSymbol? declared, SymbolPath client, List<ChannelWrite> creations)
            {
                var parameter = ChannelCalls.RemoveParameterType(client.Type);
                if (parameter is null || declared is null)
                {
                    return;
                }

                if (!compilation.Compilation.ClassifyCommonConversion(declared, parameter).IsImplicit)
                {
                    foreach (var creation in creations)
                    {
                        if (creation.Value.Type is null || !compilation.Compilation.ClassifyCommonConversion(creation.Value.Type, parameter).IsImplicit)
                        {
                            return;
                        }
                    }

                    properties[CastProperty] = parameter.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                }

                properties[ClientProperty] = client.Display;
            }
        }
    }
}
