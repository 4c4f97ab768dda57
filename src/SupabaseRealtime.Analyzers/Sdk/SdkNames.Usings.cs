using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SupabaseRealtime.Analyzers.Sdk
{
    /// <summary>
    /// The name test's reading of using directives: the aliases a file declares, and whether the file (or a
    /// <c>global using</c> of the compilation) lets it name SDK types without a dot.
    /// </summary>
    internal sealed partial class SdkNames
    {
        private static List<string>? Merge(List<string>? file, List<string>? global)
        {
            if (global is null)
            {
                return file;
            }

            if (file is null)
            {
                return global;
            }

            var both = new List<string>(file);
            both.AddRange(global);
            return both;
        }

        /// <summary>
        /// The using aliases <paramref name="tree"/> declares (in the compilation unit or its namespaces), and
        /// whether a using directive or a namespace declaration of the file starts with an SDK namespace's
        /// first part (then the file can name SDK types without a dot).
        /// </summary>
        private FileUsings Usings(SyntaxTree tree, CancellationToken cancellationToken)
        {
            List<string>? aliases = null;
            var seesSdk = false;
            ReadUsings(tree.GetRoot(cancellationToken), ref aliases, ref seesSdk);
            return new FileUsings(aliases, seesSdk);
        }

        /// <summary>
        /// Reads the using directives and namespace names of <paramref name="container"/> (the compilation unit or a
        /// namespace), and those of the namespaces in it: using directives sit nowhere else, so types, attributes
        /// and global statements are not entered. The typed lists are read (no child enumerator, no type tests);
        /// a file-scoped namespace, a node the Roslyn this package compiles against does not name, is read through
        /// its children.
        /// </summary>
        private void ReadUsings(SyntaxNode container, ref List<string>? aliases, ref bool seesSdk)
        {
            switch (container)
            {
                case CompilationUnitSyntax unit:
                    ReadUsings(unit.Usings, ref aliases, ref seesSdk);
                    ReadNamespaces(unit.Members, ref aliases, ref seesSdk);
                    return;
                case NamespaceDeclarationSyntax declaration:
                    seesSdk |= NamesRoot(declaration.Name);
                    ReadUsings(declaration.Usings, ref aliases, ref seesSdk);
                    ReadNamespaces(declaration.Members, ref aliases, ref seesSdk);
                    return;
            }

            foreach (var child in container.ChildNodes())
            {
                if (child is UsingDirectiveSyntax directive)
                {
                    ReadUsing(directive, ref aliases, ref seesSdk);
                }
                else if (child is NamespaceDeclarationSyntax || child.RawKind == FileScopedNamespaceDeclaration)
                {
                    ReadUsings(child, ref aliases, ref seesSdk);
                }
                else if (child is NameSyntax name)
                {
                    // The file-scoped namespace's own name.
                    seesSdk |= NamesRoot(name);
                }
            }
        }

        private void ReadUsings(SyntaxList<UsingDirectiveSyntax> directives, ref List<string>? aliases, ref bool seesSdk)
        {
            foreach (var directive in directives)
            {
                ReadUsing(directive, ref aliases, ref seesSdk);
            }
        }

        private void ReadNamespaces(SyntaxList<MemberDeclarationSyntax> members, ref List<string>? aliases, ref bool seesSdk)
        {
            foreach (var member in members)
            {
                var kind = member.RawKind;
                if (kind == (int)SyntaxKind.NamespaceDeclaration || kind == FileScopedNamespaceDeclaration)
                {
                    ReadUsings(member, ref aliases, ref seesSdk);
                }
            }
        }

        private void ReadUsing(UsingDirectiveSyntax directive, ref List<string>? aliases, ref bool seesSdk)
        {
            if (directive.Alias != null)
            {
                (aliases ??= new List<string>()).Add(directive.Alias.Name.Identifier.ValueText);
            }

            seesSdk |= NamesRoot(directive.Name);
        }

        /// <summary>
        /// What the compilation's <c>global using</c> directives (in any file, generated ones included) give every
        /// file: their aliases, and whether one imports an SDK namespace or type.
        /// </summary>
        private FileUsings GlobalUsings(CancellationToken cancellationToken)
        {
            var known = Volatile.Read(ref globalUsings);
            if (known != null)
            {
                return known;
            }

            List<string>? aliases = null;
            var seesSdk = false;
            foreach (var tree in sdk.Compilation.SyntaxTrees)
            {
                if (!(tree.GetRoot(cancellationToken) is CompilationUnitSyntax unit))
                {
                    continue;
                }

                foreach (var directive in unit.Usings)
                {
                    // Only `global` can come before `using` (C# 10); a walk to the first token costs more than two positions.
                    if (directive.UsingKeyword.SpanStart == directive.SpanStart)
                    {
                        continue;
                    }

                    if (directive.Alias != null)
                    {
                        (aliases ??= new List<string>()).Add(directive.Alias.Name.Identifier.ValueText);
                    }

                    seesSdk |= NamesRoot(directive.Name);
                }
            }

            known = new FileUsings(aliases, seesSdk);
            return Interlocked.CompareExchange(ref globalUsings, known, null) ?? known;
        }

        /// <summary>True when <paramref name="name"/> starts with the first part of an SDK namespace (or is not a plain name).</summary>
        private bool NamesRoot(NameSyntax? name)
        {
            while (true)
            {
                switch (name)
                {
                    case QualifiedNameSyntax qualified:
                        name = qualified.Left;
                        break;
                    case AliasQualifiedNameSyntax aliasQualified:
                        name = aliasQualified.Name;
                        break;
                    case SimpleNameSyntax simple:
                        return catalog.Roots.Contains(simple.Identifier.ValueText);
                    default:
                        // using X = int[]; (C# 12, an alias: the file is read whole anyway) or a shape not known here.
                        return true;
                }
            }
        }

        /// <summary>A file-scoped namespace (C# 10), a kind the Roslyn this package compiles against does not name.</summary>
        private const int FileScopedNamespaceDeclaration = 8845;

        /// <summary>The aliases and SDK imports of one file, or of the compilation's global usings.</summary>
        private sealed class FileUsings
        {
            public FileUsings(List<string>? aliases, bool seesSdk)
            {
                Aliases = aliases;
                SeesSdk = seesSdk;
            }

            public List<string>? Aliases { get; }

            /// <summary>A using, alias or namespace declaration starts with an SDK namespace's first part.</summary>
            public bool SeesSdk { get; }
        }
    }
}
