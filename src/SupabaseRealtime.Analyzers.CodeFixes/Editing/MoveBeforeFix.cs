using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;

namespace SupabaseRealtime.Analyzers.CodeFixes.Editing
{
    /// <summary>
    /// The "move the later call's statement before this one" fix: the diagnostic's location is the
    /// call that runs too early (the anchor) and its first additional location the call that must run
    /// first (the mover). Several diagnostics that move the same statement move it once, before the
    /// earliest anchor, which is what fixing them one at a time gives.
    /// </summary>
    internal static class MoveBeforeFix
    {
        /// <summary>The anchor and mover statements of <paramref name="diagnostic"/>, when the move is possible.</summary>
        public static bool TryGetMove(SyntaxNode root, SemanticModel model, Diagnostic diagnostic, CancellationToken cancellationToken,
            out StatementSyntax anchor, out StatementSyntax mover)
        {
            anchor = null!;
            mover = null!;
            if (diagnostic.AdditionalLocations.Count < 1 || !diagnostic.Location.IsInSource
                || diagnostic.AdditionalLocations[0].SourceTree != root.SyntaxTree)
            {
                return false;
            }

            var anchorNode = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
            var moverNode = root.FindNode(diagnostic.AdditionalLocations[0].SourceSpan, getInnermostNodeForTie: true);
            return StatementEdits.TryGetMovableStatement(moverNode, out mover)
                && StatementEdits.TryGetAnchorStatement(mover, anchorNode, out anchor)
                && StatementEdits.CanMove(model, anchor, mover, cancellationToken);
        }

        /// <summary>Applies the moves of <paramref name="diagnostics"/> to <paramref name="document"/>.</summary>
        public static async Task<Document> ApplyAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var root = editor.OriginalRoot;
            var model = editor.SemanticModel;

            // Each mover goes before the earliest of its anchors.
            var targets = new Dictionary<StatementSyntax, StatementSyntax>();
            foreach (var diagnostic in diagnostics)
            {
                if (!TryGetMove(root, model, diagnostic, cancellationToken, out var anchor, out var mover))
                {
                    continue;
                }

                if (!targets.TryGetValue(mover, out var current) || anchor.SpanStart < current.SpanStart)
                {
                    targets[mover] = anchor;
                }
            }

            if (targets.Count == 0)
            {
                return document;
            }

            // A statement that moves cannot also be a place others move to: such pairs wait for a later pass.
            var accepted = new List<(StatementSyntax Anchor, StatementSyntax Mover)>();
            foreach (var pair in targets.OrderBy(p => p.Value.SpanStart).ThenBy(p => p.Key.SpanStart))
            {
                var anchor = pair.Value;
                var mover = pair.Key;
                if (accepted.Any(a => a.Mover == anchor || a.Anchor == mover))
                {
                    continue;
                }

                accepted.Add((anchor, mover));
            }

            var edit = new StatementListEdit();
            foreach (var (anchor, mover) in accepted.OrderBy(a => a.Anchor.SpanStart).ThenBy(a => a.Mover.SpanStart))
            {
                edit.Move(mover, anchor);
            }

            edit.Apply(editor);
            return editor.GetChangedDocument();
        }
    }
}
