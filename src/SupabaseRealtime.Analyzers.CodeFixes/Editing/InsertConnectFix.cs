using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using SupabaseRealtime.Analyzers.Rules;

namespace SupabaseRealtime.Analyzers.CodeFixes.Editing
{
    /// <summary>
    /// SRT005's "connect first" fix: inserts <c>await &lt;client&gt;.ConnectAsync();</c> (or
    /// <c>await &lt;supabase&gt;.InitializeAsync();</c>) before the statement that creates the channel,
    /// in an async function. Fix All inserts once per client where one insert already covers later
    /// calls (same function, later in the same statement list; or anywhere in the type when the type
    /// never connected the client), which is what fixing them one at a time gives.
    /// </summary>
    internal static class InsertConnectFix
    {
        /// <summary>Where and what to insert for <paramref name="diagnostic"/>.</summary>
        public static bool TryPlan(SyntaxNode root, Diagnostic diagnostic, out StatementSyntax anchor, out StatementSyntax statement, out string description)
        {
            anchor = null!;
            statement = null!;
            description = string.Empty;
            if (!diagnostic.Location.IsInSource
                || !diagnostic.Properties.TryGetValue(ChannelBeforeConnectAnalyzer.CallProperty, out var call)
                || !(root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true) is InvocationExpressionSyntax invocation)
                || !(invocation.Expression is MemberAccessExpressionSyntax channelAccess))
            {
                return false;
            }

            var receiver = channelAccess.Expression;
            if (channelAccess.Name.Identifier.ValueText == "On")
            {
                // supabase.From<T>().On(...): its channel belongs to the Supabase client's Realtime, which the analyzer names.
                if (!diagnostic.Properties.TryGetValue(ChannelBeforeConnectAnalyzer.ClientProperty, out var client) || client is null)
                {
                    return false;
                }

                receiver = SyntaxFactory.ParseExpression(client);
                if (receiver.ContainsDiagnostics)
                {
                    return false;
                }
            }

            if (call == ChannelBeforeConnectAnalyzer.InitializeAsyncCall)
            {
                if (!(receiver is MemberAccessExpressionSyntax realtimeAccess))
                {
                    return false;
                }

                receiver = realtimeAccess.Expression;
            }
            else if (call != ChannelBeforeConnectAnalyzer.ConnectAsyncCall)
            {
                return false;
            }

            if (receiver.DescendantNodesAndSelf().Any(n => n is ConditionalAccessExpressionSyntax || n is InvocationExpressionSyntax)
                || !StatementEdits.TryGetInsertionStatement(invocation, out anchor) || !StatementEdits.CanAwaitAt(anchor))
            {
                return false;
            }

            description = receiver.WithoutTrivia().ToString() + "." + call + "()";
            statement = SyntaxFactory.ParseStatement("await " + description + ";");
            return !statement.ContainsDiagnostics;
        }

        public static async Task<Document> ApplyAsync(Document document, IEnumerable<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var root = editor.OriginalRoot;
            var edit = new StatementListEdit();
            var placed = new List<(StatementSyntax Anchor, string Client, SyntaxNode? Function)>();
            var typesConnected = new HashSet<(SyntaxNode? Type, string Client)>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                if (!TryPlan(root, diagnostic, out var anchor, out var statement, out _))
                {
                    continue;
                }

                diagnostic.Properties.TryGetValue(ChannelBeforeConnectAnalyzer.ClientProperty, out var client);
                diagnostic.Properties.TryGetValue(ChannelBeforeConnectAnalyzer.ScopeProperty, out var scope);
                var key = client ?? string.Empty;
                var call = root.FindNode(diagnostic.Location.SourceSpan, getInnermostNodeForTie: true);
                var function = FunctionOf(anchor);
                if (scope == ChannelBeforeConnectAnalyzer.TypeScope)
                {
                    if (!typesConnected.Add((anchor.FirstAncestorOrSelf<TypeDeclarationSyntax>(), key)))
                    {
                        continue;
                    }
                }
                else if (placed.Any(p => p.Client == key && p.Function == function && Covers(p.Anchor, call)))
                {
                    continue;
                }

                if (edit.Insert(statement, anchor))
                {
                    placed.Add((anchor, key, function));
                }
            }

            edit.Apply(editor);
            return editor.GetChangedDocument();
        }

        /// <summary>True when a statement inserted before <paramref name="anchor"/> runs before <paramref name="node"/>: the node is the anchor or later in its list.</summary>
        private static bool Covers(StatementSyntax anchor, SyntaxNode node)
        {
            var owner = anchor.Parent is GlobalStatementSyntax global ? global.Parent : anchor.Parent;
            return owner != null && owner.Span.Contains(node.Span) && node.SpanStart >= anchor.SpanStart;
        }

        private static SyntaxNode? FunctionOf(SyntaxNode node)
        {
            for (var current = node.Parent; current != null; current = current.Parent)
            {
                if (current is AnonymousFunctionExpressionSyntax || current is LocalFunctionStatementSyntax
                    || current is BaseMethodDeclarationSyntax || current is AccessorDeclarationSyntax || current is CompilationUnitSyntax)
                {
                    return current;
                }
            }

            return null;
        }
    }
}
