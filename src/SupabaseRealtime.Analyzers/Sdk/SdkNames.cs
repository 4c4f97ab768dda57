using System.Collections.Generic;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SupabaseRealtime.Analyzers.Infrastructure;

namespace SupabaseRealtime.Analyzers.Sdk
{
    /// <summary>
    /// The names the rules' SDK symbols go by, and the test that lets a type that cannot use the SDK cost
    /// nothing: every rule reports at an SDK call, an SDK handler or an SDK object, and writing one of them
    /// puts one of these names in the type's own source. A type whose declarations hold none of them (most
    /// types of an app) is not started at all, so the analyzer driver neither binds its bodies nor builds
    /// their operations for the rules.
    /// </summary>
    /// <remarks>
    /// <para>The names: every public type the SDK assemblies declare (and an attribute's short name), every
    /// member of theirs that takes an SDK handler (a method with a parameter of an SDK delegate type, an
    /// event of a Realtime type or of an SDK handler type: where the handler rules look; not a query's
    /// <c>PropertyChanged</c> or an upload's <c>ProgressChanged</c>), the public and protected members of the clients, the channels,
    /// the change payloads and their SDK bases, the auth client's calls that leave or drop a session, and a
    /// table's own members (its <c>On(...)</c>, not the query builder it inherits).</para>
    /// <para>A member's name counts after a dot (<c>x.Subscribe()</c>, <c>x?.Channel(...)</c>), or anywhere in a
    /// file that names an SDK type or an alias: code can call an SDK member without a dot only in a type that
    /// derives from an SDK type, or is nested in one that does (which pass on their bases), or through a
    /// <c>using static</c> (which names the type; the clients and channels have no public static members, so a
    /// <c>global using static</c> elsewhere reaches only nested types, whose names count as types). So a view model's own <c>PropertyChanged?.Invoke(...)</c> or a worker's
    /// <c>Channel.CreateBounded&lt;T&gt;()</c> lets nothing start.</para>
    /// <para>A type's name counts only where the file can name SDK types without a dot: a using directive or
    /// a namespace declaration of the file starts with the first part of an SDK namespace (<c>Supabase</c>,
    /// <c>Postgrest</c>), or a <c>global using</c> of the compilation does. Elsewhere an SDK type can only be
    /// written qualified, after a dot, which the file's scan sees; the app's own <c>User</c>, <c>Session</c> or
    /// <c>Client</c> lets nothing start. Such a file is read only after its dots (most files of an app).</para>
    /// <para>The test is conservative: a match only lets the rules look, and they decide on symbols as
    /// before. It reads each file's text once (identifiers in comments and strings match too, which costs
    /// a look, not a diagnostic) and keeps where the names occur; a type then costs a binary search per
    /// declaration. Aliases declared in the file (<c>using Rt = Supabase.Realtime.RealtimeChannel;</c>)
    /// count as names there, a <c>global using</c> alias in every file; an identifier written with a Unicode
    /// escape is not recognised.</para>
    /// </remarks>
    internal sealed partial class SdkNames
    {
        private readonly SdkSymbols sdk;

        /// <summary>The SDK's names, read from its assemblies once per set of SDK references (see <see cref="Catalog"/>).</summary>
        private readonly Catalog catalog;
        private readonly Memo<SyntaxTree, int[]> occurrences = new Memo<SyntaxTree, int[]>(capacity: 1024);

        /// <summary>A buffer for a file's text, taken by one thread at a time (the others make their own).</summary>
        private char[]? spare;

        /// <summary>What the compilation's global using directives import (see <see cref="GlobalUsings"/>); made on first use.</summary>
        private FileUsings? globalUsings;

        public SdkNames(SdkSymbols sdk)
        {
            this.sdk = sdk;
            catalog = Catalog.For(sdk);
        }

        public bool Contains(string name) => catalog.Names.Contains(name);


        /// <summary>
        /// True when any declaration of <paramref name="type"/> names something the rules key on, or the
        /// type derives from or implements an SDK type (its code can call the SDK's members without a dot).
        /// </summary>
        public bool Mentions(INamedTypeSymbol type, CancellationToken cancellationToken)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                var found = OccurrencesIn(reference.SyntaxTree, cancellationToken);
                var span = reference.Span;

                // The first occurrence at or after the declaration's start: inside it when before its end.
                var index = System.Array.BinarySearch(found, span.Start);
                if (index < 0)
                {
                    index = ~index;
                }

                if (index < found.Length && found[index] < span.End)
                {
                    return true;
                }
            }

            // A type that derives from an SDK type, or is nested in one that does, sees the SDK's members and
            // nested types without a dot.
            for (var current = type; current != null; current = current.ContainingType)
            {
                if (HasBaseList(current) && sdk.DerivesFromOrImplementsSdk(current))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// False when no declaration of <paramref name="type"/> writes a base list: it then derives from
        /// <c>object</c> (or is a struct, an enum or a delegate) and implements nothing, and asking its symbol
        /// for its interfaces would make the compiler compute them for nothing.
        /// </summary>
        private static bool HasBaseList(INamedTypeSymbol type)
        {
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                if (!(reference.GetSyntax() is BaseTypeDeclarationSyntax declaration) || declaration.BaseList != null)
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>Where in <paramref name="tree"/> an identifier that is a name (or an alias the file declares) starts, in order.</summary>
        private int[] OccurrencesIn(SyntaxTree tree, CancellationToken cancellationToken)
        {
            if (occurrences.TryGetValue(tree, out var known))
            {
                return known;
            }

            var text = tree.GetText(cancellationToken);
            var usings = Usings(tree, cancellationToken);
            var everywhere = GlobalUsings(cancellationToken);
            var aliases = Merge(usings.Aliases, everywhere.Aliases);
            var length = text.Length;
            var chars = Interlocked.Exchange(ref spare, null);
            if (chars is null || chars.Length < length)
            {
                chars = new char[System.Math.Max(length, 16384)];
            }

            text.CopyTo(0, chars, 0, length);

            // A file that can name no SDK type without a dot (no using, alias or namespace of the SDK's, here or
            // global) can reach the SDK only through members written after a dot: those are all it looks for.
            if (aliases is null && !usings.SeesSdk && !everywhere.SeesSdk && !catalog.GlobalTypes
                && AfterDots(chars, length) is { } afterDots)
            {
                Volatile.Write(ref spare, chars);
                occurrences.Add(tree, afterDots);
                return afterDots;
            }

            // Where the file names a type or an alias, every name counts; in a file that names none, only a
            // member's name written after a dot (x.Subscribe(), x?.Channel(...)) can be an SDK member: a
            // bare one is the file's own (PropertyChanged?.Invoke(...), Channel.CreateBounded<T>(...)).
            List<int>? found = null;
            var kept = 0;
            var namesAType = false;
            var i = 0;
            while (i < length)
            {
                var c = chars[i];
                if (!StartsIdentifier(c))
                {
                    i++;
                    continue;
                }

                // Most identifiers are keywords and locals, which no name starts like: those are skipped
                // without hashing (aliases can start with anything, so a file with one hashes all).
                var start = i;
                var candidate = aliases != null || catalog.Table.MayStartWith(c);
                var hash = NameTable.Seed;
                while (i < length)
                {
                    c = chars[i];
                    if (!ContinuesIdentifier(c))
                    {
                        break;
                    }

                    if (candidate)
                    {
                        hash = NameTable.Step(hash, c);
                    }

                    i++;
                }

                // An identifier right after a digit (1e5, 0x1F) is part of a number: a look costs nothing wrong.
                if (!candidate)
                {
                    continue;
                }

                var kind = catalog.Table.Find(hash, chars, start, i - start);
                if (kind == NameKind.None && aliases != null && ContainsAlias(aliases, chars, start, i - start))
                {
                    kind = NameKind.Type;
                }

                if (kind == NameKind.None)
                {
                    continue;
                }

                namesAType |= kind == NameKind.Type;
                if (kind == NameKind.Type || AfterDot(chars, start))
                {
                    kept++;
                    (found ??= new List<int>()).Add(start);
                }
                else
                {
                    (found ??= new List<int>()).Add(~start);
                }
            }

            Volatile.Write(ref spare, chars);
            var result = Positions(found, namesAType, kept);
            occurrences.Add(tree, result);
            return result;
        }

        /// <summary>
        /// The positions a type is looked up in: all of them when the file names a type, else those after a
        /// dot (the list holds the others complemented).
        /// </summary>
        private static int[] Positions(List<int>? found, bool all, int kept)
        {
            if (found is null || (!all && kept == 0))
            {
                return System.Array.Empty<int>();
            }

            var result = new int[all ? found.Count : kept];
            var next = 0;
            foreach (var position in found)
            {
                if (position >= 0 || all)
                {
                    result[next++] = position >= 0 ? position : ~position;
                }
            }

            return result;
        }

        /// <summary>True when the identifier at <paramref name="start"/> follows a '.' (spaces and line breaks between allowed).</summary>
        private static bool AfterDot(char[] chars, int start)
        {
            for (var j = start - 1; j >= 0; j--)
            {
                var c = chars[j];
                if (c == '.')
                {
                    return true;
                }

                if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
                {
                    return false;
                }
            }

            return false;
        }

        /// <summary>Whether a character starts an identifier (a letter or '_'), ASCII tested by ranges.</summary>
        private static bool StartsIdentifier(char c) =>
            c < 128 ? (uint)((c | 0x20) - 'a') <= 'z' - 'a' || c == '_' : char.IsLetter(c);

        /// <summary>Whether a character continues an identifier (a letter, a digit or '_').</summary>
        private static bool ContinuesIdentifier(char c) =>
            c < 128 ? (uint)((c | 0x20) - 'a') <= 'z' - 'a' || (uint)(c - '0') <= 9 || c == '_' : char.IsLetterOrDigit(c);

        private static bool ContainsAlias(List<string> aliases, char[] chars, int start, int length)
        {
            foreach (var alias in aliases)
            {
                if (NameTable.Same(alias, chars, start, length))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// The positions of the members' names written after a dot, in order; null when a type's name is written
        /// after one (<c>Supabase.Realtime.RealtimeChannel</c>: the file names an SDK type, and every name counts).
        /// Only the text after each '.' is read, found with the runtime's vectorised search.
        /// </summary>
        private int[]? AfterDots(char[] chars, int length)
        {
            List<int>? found = null;
            var i = 0;
            while (i < length)
            {
                var dot = System.Array.IndexOf(chars, '.', i, length - i);
                if (dot < 0)
                {
                    break;
                }

                i = dot + 1;
                while (i < length && (chars[i] == ' ' || chars[i] == '\t' || chars[i] == '\r' || chars[i] == '\n'))
                {
                    i++;
                }

                if (i == length || !StartsIdentifier(chars[i]) || !catalog.Table.MayStartWith(chars[i]))
                {
                    continue;
                }

                var start = i;
                var hash = NameTable.Seed;
                while (i < length && ContinuesIdentifier(chars[i]))
                {
                    hash = NameTable.Step(hash, chars[i]);
                    i++;
                }

                switch (catalog.Table.Find(hash, chars, start, i - start))
                {
                    case NameKind.Type:
                        return null;
                    case NameKind.Member:
                        (found ??= new List<int>()).Add(start);
                        break;
                }
            }

            return found is null ? System.Array.Empty<int>() : found.ToArray();
        }

        /// <summary>What a name names: a type (an alias, a type or an attribute's short name, counted anywhere) or only a member.</summary>
        private enum NameKind
        {
            None,
            Type,
            Member,
        }

        /// <summary>A set of names looked up by a run of characters, without making a string of it.</summary>
        private sealed class NameTable
        {
            public const int Seed = unchecked((int)2166136261);

            private readonly string?[] slots;
            private readonly bool[] members;
            private readonly int mask;

            /// <summary>The ASCII characters some name starts with; a name starting with any other character sets <see cref="otherStarts"/>.</summary>
            private readonly bool[] starts = new bool[128];
            private readonly bool otherStarts;

            public NameTable(HashSet<string> names, HashSet<string> memberNames)
            {
                var size = 16;
                while (size < names.Count * 4)
                {
                    size <<= 1;
                }

                slots = new string?[size];
                members = new bool[size];
                mask = size - 1;
                foreach (var name in names)
                {
                    if (name.Length == 0)
                    {
                        continue;
                    }

                    if (name[0] < 128)
                    {
                        starts[name[0]] = true;
                    }
                    else
                    {
                        otherStarts = true;
                    }

                    var index = Hash(name) & mask;
                    while (slots[index] != null)
                    {
                        index = (index + 1) & mask;
                    }

                    slots[index] = name;
                    members[index] = memberNames.Contains(name);
                }
            }

            /// <summary>False when no name starts with <paramref name="first"/>.</summary>
            public bool MayStartWith(char first) => first < 128 ? starts[first] : otherStarts;

            /// <summary>What the run of characters, whose <see cref="Step"/> hash from <see cref="Seed"/> is <paramref name="hash"/>, is a name of.</summary>
            public NameKind Find(int hash, char[] chars, int start, int length)
            {
                var index = (hash & int.MaxValue) & mask;
                while (slots[index] is string candidate)
                {
                    if (Same(candidate, chars, start, length))
                    {
                        return members[index] ? NameKind.Member : NameKind.Type;
                    }

                    index = (index + 1) & mask;
                }

                return NameKind.None;
            }

            public static bool Same(string name, char[] chars, int start, int length)
            {
                if (name.Length != length)
                {
                    return false;
                }

                for (var i = 0; i < length; i++)
                {
                    if (name[i] != chars[start + i])
                    {
                        return false;
                    }
                }

                return true;
            }

            /// <summary>One step of the FNV-1a hash over UTF-16 code units.</summary>
            public static int Step(int hash, char c) => unchecked((hash ^ c) * 16777619);

            private static int Hash(string name)
            {
                var hash = Seed;
                foreach (var c in name)
                {
                    hash = Step(hash, c);
                }

                return hash & int.MaxValue;
            }
        }
    }
}
