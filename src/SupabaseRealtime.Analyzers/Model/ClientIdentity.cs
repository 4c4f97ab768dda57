using System;
using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>
    /// A stable receiver chain: a root (local, parameter, field, property, or <c>this</c>) followed by
    /// field/property accesses, e.g. <c>_client.Realtime</c> or <c>this.Supabase.Realtime</c>.
    /// Two paths are equal when their roots are the same symbol and the member names that follow
    /// match (so <c>supabase.Realtime</c> through an interface and through the class agree).
    /// Chains through method calls, indexers or anything else are unknown and have no path.
    /// </summary>
    internal readonly struct SymbolPath : IEquatable<SymbolPath>
    {
        private SymbolPath(ISymbol? root, INamedTypeSymbol? thisType, ImmutableArray<ISymbol> members, ITypeSymbol? type)
        {
            Root = root;
            ThisType = thisType;
            Members = members;
            Type = type;
        }

        /// <summary>The root symbol; null when the root is <c>this</c>.</summary>
        public ISymbol? Root { get; }

        /// <summary>The type of <c>this</c> when the root is <c>this</c>.</summary>
        public INamedTypeSymbol? ThisType { get; }

        /// <summary>Fields and properties accessed after the root, in order.</summary>
        public ImmutableArray<ISymbol> Members { get; }

        /// <summary>The static type of the whole chain.</summary>
        public ITypeSymbol? Type { get; }

        public bool IsDefault => Members.IsDefault;

        /// <summary>The last symbol of the chain (the root when there are no members).</summary>
        public ISymbol? Last => Members.Length > 0 ? Members[Members.Length - 1] : Root;

        /// <summary>True when the chain is a field or property of the containing type (possibly through <c>this</c>).</summary>
        public bool IsMemberOfContainingType
            => (Root is null && Members.Length > 0) || (Root is IFieldSymbol || Root is IPropertySymbol);

        /// <summary>The first field or property of the containing type on this chain, if any.</summary>
        public ISymbol? TypeMember => Root is null ? (Members.Length > 0 ? Members[0] : null) : (Root is IFieldSymbol || Root is IPropertySymbol ? Root : null);

        public static SymbolPath ForSymbol(ISymbol root, ITypeSymbol? type)
            => new SymbolPath(root, null, ImmutableArray<ISymbol>.Empty, type);

        public static SymbolPath ForThis(INamedTypeSymbol type)
            => new SymbolPath(null, type, ImmutableArray<ISymbol>.Empty, type);

        public SymbolPath Append(ISymbol member, ITypeSymbol? type)
            => new SymbolPath(Root, ThisType, Members.Add(member), type);

        /// <summary>This path with its last member removed (the owner of the last member); default when there is none.</summary>
        public SymbolPath Parent()
        {
            if (Members.Length == 0)
            {
                return default;
            }

            var parentType = Members.Length == 1
                ? (Root is null ? ThisType : TypeOf(Root))
                : TypeOf(Members[Members.Length - 2]);
            return new SymbolPath(Root, ThisType, Members.RemoveAt(Members.Length - 1), parentType);
        }

        /// <summary>The text of the chain, for messages and code fixes (e.g. <c>_client.Realtime</c>).</summary>
        public string Display
        {
            get
            {
                var text = new StringBuilder(Root is null ? "this" : Root.Name);
                foreach (var member in Members)
                {
                    text.Append('.').Append(member.Name);
                }

                return Root is null && Members.Length > 0 ? text.ToString().Substring("this.".Length) : text.ToString();
            }
        }

        public bool Equals(SymbolPath other)
        {
            if (IsDefault || other.IsDefault)
            {
                return IsDefault && other.IsDefault;
            }

            if (Root is null != other.Root is null)
            {
                return false;
            }

            if (Root is null)
            {
                // Roots are `this`: the chains must start from the same type.
                if (!SymbolEqualityComparer.Default.Equals(ThisType, other.ThisType))
                {
                    return false;
                }
            }
            else if (!SymbolEqualityComparer.Default.Equals(Root, other.Root))
            {
                return false;
            }

            if (Members.Length != other.Members.Length)
            {
                return false;
            }

            for (var i = 0; i < Members.Length; i++)
            {
                if (!string.Equals(Members[i].Name, other.Members[i].Name, StringComparison.Ordinal))
                {
                    return false;
                }
            }

            return true;
        }

        public override bool Equals(object? obj) => obj is SymbolPath other && Equals(other);

        public override int GetHashCode()
        {
            if (IsDefault)
            {
                return 0;
            }

            var hash = Root is null ? SymbolEqualityComparer.Default.GetHashCode(ThisType) : SymbolEqualityComparer.Default.GetHashCode(Root);
            foreach (var member in Members)
            {
                hash = unchecked((hash * 31) + StringComparer.Ordinal.GetHashCode(member.Name));
            }

            return hash;
        }

        public override string ToString() => Display;

        /// <summary>The declared type of a local, parameter, field or property; null for anything else.</summary>
        public static ITypeSymbol? TypeOf(ISymbol symbol)
        {
            switch (symbol)
            {
                case ILocalSymbol local:
                    return local.Type;
                case IParameterSymbol parameter:
                    return parameter.Type;
                case IFieldSymbol field:
                    return field.Type;
                case IPropertySymbol property:
                    return property.Type;
                default:
                    return null;
            }
        }

        /// <summary>
        /// The path of <paramref name="operation"/>: locals, parameters, fields, properties (not indexers)
        /// and <c>this</c>, through conversions, parentheses and null-conditional access. False otherwise.
        /// </summary>
        public static bool TryGet(IOperation? operation, out SymbolPath path)
        {
            path = default;
            operation = Unwrap(operation);
            switch (operation)
            {
                case ILocalReferenceOperation local:
                    path = ForSymbol(local.Local, local.Local.Type);
                    return true;
                case IParameterReferenceOperation parameter:
                    path = ForSymbol(parameter.Parameter, parameter.Parameter.Type);
                    return true;
                case IInstanceReferenceOperation instance when instance.Type is INamedTypeSymbol thisType:
                    path = ForThis(thisType);
                    return true;
                case IFieldReferenceOperation field:
                    return TryMember(field.Instance, field.Field, field.Field.Type, out path);
                case IPropertyReferenceOperation property when property.Arguments.IsEmpty:
                    return TryMember(property.Instance, property.Property, property.Property.Type, out path);
                default:
                    return false;
            }
        }

        private static bool TryMember(IOperation? instance, ISymbol member, ITypeSymbol type, out SymbolPath path)
        {
            path = default;
            if (instance is null || member.IsStatic)
            {
                path = ForSymbol(member, type);
                return true;
            }

            if (Unwrap(instance) is IInstanceReferenceOperation)
            {
                // this.field and field are the same root.
                path = ForSymbol(member, type);
                return true;
            }

            if (!TryGet(instance, out var owner))
            {
                return false;
            }

            path = owner.Append(member, type);
            return true;
        }

        /// <summary>Strips conversions, parentheses and the receiver side of <c>?.</c>.</summary>
        public static IOperation? Unwrap(IOperation? operation)
        {
            while (true)
            {
                switch (operation)
                {
                    case IConversionOperation conversion when conversion.OperatorMethod is null:
                        operation = conversion.Operand;
                        continue;
                    case IParenthesizedOperation parenthesized:
                        operation = parenthesized.Operand;
                        continue;
                    case IConditionalAccessInstanceOperation conditionalInstance:
                        var access = FindConditionalAccess(conditionalInstance);
                        if (access is null)
                        {
                            return operation;
                        }

                        operation = access.Operation;
                        continue;
                    default:
                        return operation;
                }
            }
        }

        private static IConditionalAccessOperation? FindConditionalAccess(IConditionalAccessInstanceOperation instance)
        {
            // The instance stands for the receiver of the nearest `?.` whose WhenNotNull side it sits in.
            // (Its syntax is the receiver's, which lies outside WhenNotNull: walk the operation tree instead.)
            IOperation child = instance;
            for (var parent = instance.Parent; parent != null; child = parent, parent = parent.Parent)
            {
                if (parent is IConditionalAccessOperation access && access.WhenNotNull == child)
                {
                    return access;
                }
            }

            return null;
        }
    }

    /// <summary>
    /// "Which realtime client is this?" A realtime client is named by the <see cref="SymbolPath"/> of
    /// an expression whose type is a realtime client. A <c>Supabase.Client</c> at path <c>s</c> owns
    /// the realtime client <c>s.Realtime</c> and the auth client <c>s.Auth</c>.
    /// </summary>
    internal static class ClientIdentity
    {
        public const string RealtimeProperty = "Realtime";
        public const string AuthProperty = "Auth";

        /// <summary>The realtime client <paramref name="receiver"/> names, when it is a stable chain of a realtime client type.</summary>
        public static bool TryGetRealtimeClient(IOperation? receiver, SdkSymbols sdk, out SymbolPath client)
        {
            client = default;
            if (!SymbolPath.TryGet(receiver, out var path) || !sdk.IsRealtimeClient(path.Type))
            {
                return false;
            }

            client = path;
            return true;
        }

        /// <summary>The realtime client owned by the Supabase client at <paramref name="supabase"/>: <c>supabase.Realtime</c>.</summary>
        public static bool TryGetRealtimeOfSupabase(SymbolPath supabase, SdkSymbols sdk, out SymbolPath realtime)
        {
            realtime = default;
            if (supabase.IsDefault || !sdk.IsSupabaseClient(supabase.Type))
            {
                return false;
            }

            var property = FindProperty(supabase.Type, RealtimeProperty);
            if (property is null)
            {
                return false;
            }

            realtime = supabase.Append(property, property.Type);
            return true;
        }

        /// <summary>
        /// When <paramref name="invocation"/> authenticates a realtime client, the client it authenticates:
        /// <c>SetAuth(jwt)</c> on a realtime client; on a Supabase client's <c>Auth</c>, a call that leaves a session
        /// (<see cref="LeavesASession"/>: the Supabase client forwards it to its <c>Realtime</c>) or that signs the client
        /// out first (<see cref="AuthFacts.SignsOutFirst"/>: the Supabase client then unsubscribes every channel).
        /// </summary>
        public static bool TryGetAuthenticatedClient(IInvocationOperation invocation, SdkSymbols sdk, out SymbolPath realtime)
        {
            realtime = default;
            var method = invocation.TargetMethod;
            if (method.Name == "SetAuth" && sdk.IsRealtimeClient(method.ContainingType))
            {
                return TryGetRealtimeClient(invocation.Instance, sdk, out realtime);
            }

            // The type check first: it rejects nearly every call without reading the method's return type.
            if (!sdk.IsGotrueClient(method.ContainingType) || !(LeavesASession(method) || AuthFacts.SignsOutFirst(method)))
            {
                return false;
            }

            // supabase.Auth.SignIn(...): the Supabase client at `supabase` owns both Auth and Realtime.
            // A chain that does not end in `.Auth` (a local holding the auth client) is unknown.
            if (!SymbolPath.TryGet(invocation.Instance, out var auth) || auth.Members.Length == 0 || auth.Last?.Name != AuthProperty)
            {
                return false;
            }

            var owner = auth.Parent();
            return TryGetRealtimeOfSupabase(owner, sdk, out realtime);
        }

        /// <summary>
        /// True for a Gotrue client call that leaves the client with a session, read from the SDK itself: the call
        /// resolves to the client's session type (<c>Task&lt;TSession?&gt;</c>: the SignIn/SignUp family with a session,
        /// <c>VerifyOTP</c>, <c>VerifyTokenHash</c>, <c>ExchangeCodeForSession</c>, <c>SetSession</c>, <c>GetSessionFromUrl</c>,
        /// <c>RefreshSession</c>, <c>RetrieveSessionAsync</c>, <c>LinkIdentityWithIdToken</c>, ...), which raises the auth
        /// event on which <c>Supabase.Client</c> calls <c>Realtime.SetAuth</c>. Calls that only start a flow
        /// (<c>SignIn(Provider)</c>, <c>SignInWithOtp</c>, <c>SignInWithSSO</c>: a URL or a sent code) do not. MFA's
        /// <c>Verify</c> and <c>ChallengeAndVerify</c> return a session too, but <c>Supabase.Client</c> does not forward
        /// <c>MfaChallengeVerified</c> to realtime (sdk-behaviour.md, section 8).
        /// </summary>
        public static bool LeavesASession(IMethodSymbol method)
        {
            if (method.Name == "Verify" || method.Name == "ChallengeAndVerify")
            {
                return false;
            }

            var awaited = ChannelCalls.AwaitedType(method.OriginalDefinition.ReturnType as INamedTypeSymbol);
            return awaited is ITypeParameterSymbol { Name: "TSession" }
                || (awaited is INamedTypeSymbol { Name: "Session" } session && session.ContainingNamespace?.ToDisplayString() == "Supabase.Gotrue");
        }

        /// <summary>
        /// When <paramref name="invocation"/> connects a realtime client, the client it connects:
        /// <c>ConnectAsync()</c> / <c>Connect(...)</c> on a realtime client, or <c>InitializeAsync()</c>
        /// on a Supabase client (<paramref name="viaInitialize"/> is then true: it connects realtime only
        /// when the client was created with <c>AutoConnectRealtime = true</c>, which the caller decides).
        /// </summary>
        public static bool TryGetConnectedClient(IInvocationOperation invocation, SdkSymbols sdk, out SymbolPath realtime, out bool viaInitialize)
        {
            realtime = default;
            viaInitialize = false;
            var method = invocation.TargetMethod;
            if ((method.Name == "ConnectAsync" || method.Name == "Connect") && sdk.IsRealtimeClient(method.ContainingType))
            {
                return TryGetRealtimeClient(invocation.Instance, sdk, out realtime);
            }

            if (method.Name == "InitializeAsync" && sdk.IsSupabaseClient(method.ContainingType)
                && SymbolPath.TryGet(invocation.Instance, out var supabase))
            {
                viaInitialize = true;
                return TryGetRealtimeOfSupabase(supabase, sdk, out realtime);
            }

            return false;
        }

        private static IPropertySymbol? FindProperty(ITypeSymbol? type, string name)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers(name))
                {
                    if (member is IPropertySymbol property && !property.IsIndexer)
                    {
                        return property;
                    }
                }
            }

            if (type != null)
            {
                foreach (var implemented in type.AllInterfaces)
                {
                    foreach (var member in implemented.GetMembers(name))
                    {
                        if (member is IPropertySymbol property && !property.IsIndexer)
                        {
                            return property;
                        }
                    }
                }
            }

            return null;
        }
    }
}
