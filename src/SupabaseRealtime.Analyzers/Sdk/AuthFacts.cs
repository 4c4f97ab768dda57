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

        /// <summary>SRT001's consequence and remedy for a subscription that runs before <paramref name="auth"/>.</summary>
        public static string ConsequenceOfSubscribingBefore(IMethodSymbol auth)
            => SignsOutFirst(auth)
                ? $"'{auth.Name}' first signs the client out, and Supabase.Client then unsubscribes every channel, so this one is closed and does not rejoin; sign in first, then subscribe"
                : $"the channel joins with the client's key, so rows that only signed-in users may see are missing until '{auth.Name}' passes the user's token to realtime; authenticate first, then subscribe";
    }
}
