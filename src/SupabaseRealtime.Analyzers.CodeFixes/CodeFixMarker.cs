namespace SupabaseRealtime.Analyzers.CodeFixes
{
    /// <summary>Names the code-fix assembly for tools and tests that look it up by type.</summary>
    public static class CodeFixMarker
    {
    }
}
