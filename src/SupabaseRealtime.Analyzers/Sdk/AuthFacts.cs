using System;
using Microsoft.CodeAnalysis;

namespace SupabaseRealtime.Analyzers.Sdk
{
    /// <summary>
    /// What a Gotrue call does to the realtime channels of the <c>Supabase.Client</c> that owns it
    /// (Gotrue 6.0.3 to 6.3.0 and the 8.0 line: sdk-behaviour.md, section 8).
    /// </summary>
    internal static class AuthFacts
    {
        /// <summary>
        /// True for the calls that begin with <c>DestroySession()</c>, which raises <c>SignedOut</c> even when there was
        /// no session; <c>Supabase.Client</c> then calls <c>Unsubscribe()</c> on every cached channel. Email/password
        /// <c>SignIn</c>, <c>ExchangeCodeForSession</c> and a successful refresh do not.
        /// </summary>
        public static bool SignsOutFirst(IMethodSymbol method)
        {
            switch (method.Name)
            {
                case "SignUp":
                case "SignInWithIdToken":
                case "SignInWithOtp":
                case "SignInWithSSO":
                case "SignInAnonymously":
                case "VerifyOTP":
                case "VerifyTokenHash":
                case "SetSession":
                    return true;
                case "SignIn":
                    // SignIn(Provider, SignInOptions?): the OAuth flow; SignIn(email, password) and the magic link do not.
                    return method.Parameters.Length > 0 && method.Parameters[0].Type is INamedTypeSymbol { TypeKind: TypeKind.Enum, Name: "Provider" };
                default:
                    return false;
            }
        }

        /// <summary>The last Realtime line whose private join carries no user token (supabase-csharp#400; the fix is announced for 8.0).</summary>
        private static readonly Version PrivateJoinWithoutTokenBefore = new Version(8, 0, 0, 0);

        /// <summary>
        /// SRT001's consequence and remedy for a private channel (<c>ChannelOptions.Private</c>, 7.4+) subscribed before
        /// <paramref name="auth"/>. The join is authorized with the client's key alone, so a topic whose policies need a
        /// signed-in user refuses it: <c>Subscribe()</c> faults with <c>ChannelJoinFailure</c>, the channel is not joined,
        /// so <c>SetAuth</c>'s <c>access_token</c> push (joined channels only) never reaches it, and nothing rejoins it
        /// (sdk-behaviour.md, sections 2 and 7). In 7.4 the private join carries no user token even after sign-in.
        /// </summary>
        public static string ConsequenceOfSubscribingPrivateBefore(IMethodSymbol auth, Version? realtimeVersion)
        {
            var refused = "it is a private channel, and its join is authorized with the client's key alone, so a topic whose policies need a "
                + "signed-in user refuses it (Subscribe() fails with ChannelJoinFailure)";
            var what = SignsOutFirst(auth)
                ? $"{refused}, and '{auth.Name}' first signs the client out, so Supabase.Client unsubscribes it even if it joined; sign in first, then subscribe"
                : $"{refused} and the token '{auth.Name}' passes to realtime later never reaches the channel, which does not rejoin; authenticate first, then subscribe";
            return realtimeVersion != null && realtimeVersion != new Version(0, 0, 0, 0) && realtimeVersion < PrivateJoinWithoutTokenBefore
                ? what + $" (Realtime {realtimeVersion.Major}.{realtimeVersion.Minor} sends no user token with a private join even then, supabase-csharp#400, so such a topic still refuses it)"
                : what;
        }

        /// <summary>SRT001's consequence and remedy for a subscription that runs before <paramref name="auth"/>.</summary>
        public static string ConsequenceOfSubscribingBefore(IMethodSymbol auth)
            => SignsOutFirst(auth)
                ? $"'{auth.Name}' first signs the client out, and Supabase.Client then unsubscribes every channel, so this one is closed and does not rejoin; sign in first, then subscribe"
                : $"the channel joins with the client's key, so rows that only signed-in users may see are missing until '{auth.Name}' passes the user's token to realtime; authenticate first, then subscribe";
    }
}
