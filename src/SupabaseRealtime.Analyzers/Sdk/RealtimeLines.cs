using System;

namespace SupabaseRealtime.Analyzers.Sdk
{
    /// <summary>
    /// The release lines of Supabase.Realtime whose run-time behaviour the newer rules (SRT011-SRT014) tell apart
    /// (sdk-behaviour.md, sections 2, 9 and 10).
    /// </summary>
    internal static class RealtimeLines
    {
        /// <summary>
        /// Realtime 6.0: delegates and Add...Handler methods instead of C# events, handlers called on the socket's receive
        /// loop with no try/catch, a join with no reply never completes, and <c>ConnectAsync()</c> opens a new socket on every call.
        /// </summary>
        public static readonly Version Realtime6 = new Version(6, 0, 0, 0);

        /// <summary>True when the referenced Realtime is 6.0 or later (an unknown version counts as current).</summary>
        public static bool IsRealtime6OrLater(this SdkSymbols sdk)
        {
            var version = sdk.RealtimeVersion;
            return version is null || version == new Version(0, 0, 0, 0) ? !sdk.HasChannelEvents : version >= Realtime6;
        }

        /// <summary>The line as a message names it: "Supabase.Realtime 6.0 and later" or "realtime-csharp 5.x".</summary>
        public static string LineName(this SdkSymbols sdk)
            => sdk.IsRealtime6OrLater() ? "Supabase.Realtime 6.0 and later" : "realtime-csharp 5.x";
    }
}
