using Supabase;

namespace RealtimeSamples
{
    /// <summary>SRT008: a desktop support console that ships the project's service-role key.</summary>
    public static class SupportConsole
    {
        private const string ProjectUrl = "https://abcdefghijklmnopqrst.supabase.co";

        public static Supabase.Client CreateClient()
        {
            // A service-role key bypasses row-level security. At run time anyone who has this binary
            // (or decompiles it, or reads it from memory) reads and writes every table of the project.
            return new Supabase.Client(
                ProjectUrl,
                "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJpc3MiOiJzdXBhYmFzZSIsInJlZiI6ImFiY2RlZmdoaWprbG1ub3BxcnN0Iiwicm9sZSI6InNlcnZpY2Vfcm9sZSIsImlhdCI6MTczNTY4OTYwMCwiZXhwIjoyMDUxMjIyNDAwfQ.SZHElNUgt1Q0xxyvTcUBP7vU4MuaDEdi-_xcpgT7FsU", // SRT008
                new SupabaseOptions { AutoRefreshToken = false });
        }
    }
}
