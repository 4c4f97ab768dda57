using System;
using Supabase;

namespace RealtimeSamples
{
    /// <summary>SRT008, written right: the client app uses the publishable (anon) key, read from its configuration.</summary>
    public static class SupportConsole
    {
        private const string ProjectUrl = "https://abcdefghijklmnopqrst.supabase.co";

        public static Supabase.Client CreateClient()
        {
            // Only the anon/publishable key belongs in a client app; row-level security decides what
            // the signed-in support agent may read. Secret keys stay on servers.
            var anonKey = Environment.GetEnvironmentVariable("SUPABASE_ANON_KEY")
                ?? throw new InvalidOperationException("Set SUPABASE_ANON_KEY.");
            return new Supabase.Client(ProjectUrl, anonKey, new SupabaseOptions { AutoRefreshToken = true });
        }
    }
}
