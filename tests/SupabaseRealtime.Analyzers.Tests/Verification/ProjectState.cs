using System.Collections.Generic;

namespace SupabaseRealtime.Analyzers.Tests.Verification
{
    /// <summary>A source file of a test project: its path and its markup text.</summary>
    public sealed record SourceFile(string Path, string Markup);

    /// <summary>The documents of one test project. <c>Add(markup)</c> names files <c>/&lt;project&gt;/Test&lt;n&gt;.cs</c>.</summary>
    public sealed class SourceList : List<SourceFile>
    {
        private readonly string folder;

        public SourceList(string folder)
        {
            this.folder = folder;
        }

        public void Add(string markup) => Add(new SourceFile($"/{folder}/Test{Count}.cs", markup));

        public void Add(string fileName, string markup) => Add(new SourceFile($"/{folder}/{fileName}", markup));
    }

    /// <summary>An additional project of a test; the primary project references it.</summary>
    public sealed class ProjectState
    {
        public ProjectState(string name)
        {
            Name = name;
            Sources = new SourceList(name);
        }

        public string Name { get; }

        public SourceList Sources { get; }
    }
}
