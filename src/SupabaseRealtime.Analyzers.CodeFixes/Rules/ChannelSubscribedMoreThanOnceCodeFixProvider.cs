using System.Collections.Generic;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Text;
using SupabaseRealtime.Analyzers.CodeFixes.Editing;
using SupabaseRealtime.Analyzers.Rules;
using Sdk = SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.CodeFixes.Rules
{
    /// <summary>
    /// SRT002: one Subscribe() per channel.
    /// <list type="bullet">
    /// <item>A repeat (<see cref="ChannelSubscribedMoreThanOnceAnalyzer.FixRemove"/>): the redundant
    /// <c>Subscribe()</c> statement goes. When the second subscription came from another <c>Channel(...)</c>
    /// call with the same arguments held in its own local (<see cref="ChannelSubscribedMoreThanOnceAnalyzer.FixMerge"/>),
    /// that local's declaration goes too and its uses take the first local, provided the result still
    /// compiles and every replaced name binds to the first local; otherwise only the statement goes.</item>
    /// <item>A loop (<see cref="ChannelSubscribedMoreThanOnceAnalyzer.FixHoist"/>): the statement moves to just
    /// before the loop, when it is directly in the loop's body, the loop's header and the statements before it
    /// in the body neither touch the SDK nor jump, it reads nothing the loop writes, the body keeps other
    /// statements, and no enclosing loop of the same function runs it again. (The hoisted call joins once even
    /// when the loop then makes no pass.)</item>
    /// <item>A retry from the channel's own state or error handler (<see cref="ChannelSubscribedMoreThanOnceAnalyzer.FixRemoveRetry"/>):
    /// the statement goes; an <c>async</c> handler left with no <c>await</c> loses <c>async</c> when it returns
    /// <c>void</c> (otherwise no fix).</item>
    /// </list>
    /// Removals keep the comments on their own lines and take the <c>if</c> they leave empty with them
    /// (<see cref="StatementRemoval"/>). All fixes share one equivalence key, so Fix All (and
    /// <c>dotnet format</c>, which fixes with the first diagnostic's action) applies each diagnostic's own
    /// fix; Fix All applies them one after another, re-reading the document in between.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(ChannelSubscribedMoreThanOnceCodeFixProvider)), Shared]
    public sealed class ChannelSubscribedMoreThanOnceCodeFixProvider : CodeFixProvider
    {
        /// <summary>The one equivalence key of every SRT002 fix, so Fix All takes them all.</summary>
        public const string EquivalenceKey = "SRT002.RemoveRedundantSubscribe";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.ChannelSubscribedMoreThanOnce);

        public override FixAllProvider GetFixAllProvider() => FixAll.ForDocuments(FixAllAsync);

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var plan = await PlanAsync(context.Document, diagnostic.Location.SourceSpan, diagnostic.Properties, context.CancellationToken).ConfigureAwait(false);
                if (plan != null)
                {
                    var changed = plan.Value.Document;
                    context.RegisterCodeFix(CodeAction.Create(plan.Value.Title, _ => Task.FromResult(changed), EquivalenceKey), diagnostic);
                }
            }
        }

        /// <summary>The diagnostics of one document, fixed one after another (each on the document the previous fix left).</summary>
        private static async Task<Document> FixAllAsync(Document document, ImmutableArray<Diagnostic> diagnostics, string? equivalenceKey, CancellationToken cancellationToken)
        {
            if (equivalenceKey != null && equivalenceKey != EquivalenceKey)
            {
                return document;
            }

            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var marks = new List<(SyntaxAnnotation Mark, ImmutableDictionary<string, string?> Properties)>();
            var calls = new Dictionary<SyntaxNode, SyntaxAnnotation>();
            foreach (var diagnostic in diagnostics.OrderBy(d => d.Location.SourceSpan.Start))
            {
                var call = FindCall(root, diagnostic.Location.SourceSpan);
                if (call is null || calls.ContainsKey(call))
                {
                    continue;
                }

                var mark = new SyntaxAnnotation("SRT002.Call");
                calls[call] = mark;
                marks.Add((mark, diagnostic.Properties));
            }

            document = document.WithSyntaxRoot(root.ReplaceNodes(calls.Keys, (original, rewritten) => rewritten.WithAdditionalAnnotations(calls[original])));
            foreach (var (mark, properties) in marks)
            {
                var current = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var call = current?.GetAnnotatedNodes(mark).OfType<InvocationExpressionSyntax>().FirstOrDefault();
                if (call is null)
                {
                    continue;
                }

                var plan = await PlanAsync(document, call.Span, properties, cancellationToken).ConfigureAwait(false);
                if (plan != null)
                {
                    document = plan.Value.Document;
                }
            }

            return document;
        }

        private static InvocationExpressionSyntax? FindCall(SyntaxNode root, TextSpan span)
        {
            var node = root.FindNode(span, getInnermostNodeForTie: true);
            return node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(i => i.Span == span)
                ?? node.FirstAncestorOrSelf<InvocationExpressionSyntax>();
        }

        /// <summary>The fix of the diagnostic at <paramref name="span"/>: its title and the changed document; null when none is safe.</summary>
        private static async Task<(string Title, Document Document)?> PlanAsync(
            Document document, TextSpan span, ImmutableDictionary<string, string?> properties, CancellationToken cancellationToken)
        {
            if (!properties.TryGetValue(ChannelSubscribedMoreThanOnceAnalyzer.FixProperty, out var fix) || fix is null)
            {
                return null;
            }

            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var invocation = root is null ? null : FindCall(root, span);
            var statement = StatementEditing.WholeStatementOf(invocation);
            if (root is null || invocation is null || statement is null
                || (fix != ChannelSubscribedMoreThanOnceAnalyzer.FixHoist && !StatementRemoval.LeavesNoEmptyGuard(new[] { statement })))
            {
                return null;
            }

            switch (fix)
            {
                case ChannelSubscribedMoreThanOnceAnalyzer.FixMerge:
                    if (properties.TryGetValue(ChannelSubscribedMoreThanOnceAnalyzer.FirstProperty, out var first) && first != null)
                    {
                        var merged = await TryMergeAsync(document, root, invocation, statement, first, cancellationToken).ConfigureAwait(false);
                        if (merged != null)
                        {
                            return ($"Use '{first}' instead of '{merged.Value.Second}' and remove the redundant Subscribe()", merged.Value.Document);
                        }
                    }

                    return ("Remove the redundant Subscribe()", document.WithSyntaxRoot(StatementRemoval.Remove(root, new[] { statement })));
                case ChannelSubscribedMoreThanOnceAnalyzer.FixRemove:
                    return ("Remove the redundant Subscribe()", document.WithSyntaxRoot(StatementRemoval.Remove(root, new[] { statement })));
                case ChannelSubscribedMoreThanOnceAnalyzer.FixHoist:
                    return await TryHoistAsync(document, root, invocation, statement, cancellationToken).ConfigureAwait(false);
                case ChannelSubscribedMoreThanOnceAnalyzer.FixRemoveRetry:
                    return await TryRemoveRetryAsync(document, root, statement, cancellationToken).ConfigureAwait(false);
                default:
                    return null;
            }
        }

        /// <summary>Moves the loop's <c>Subscribe()</c> statement to just before the loop, when nothing in the loop depends on it running there.</summary>
        private static async Task<(string Title, Document Document)?> TryHoistAsync(
            Document document, SyntaxNode root, InvocationExpressionSyntax invocation, ExpressionStatementSyntax statement, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var sdk = model is null ? null : Sdk.SdkSymbols.TryCreate(model.Compilation);
            if (model is null || sdk is null || !(statement.Parent is BlockSyntax body) || !(body.Parent is StatementSyntax loop)
                || !IsLoop(loop) || LoopBody(loop) != body || !(loop.Parent is BlockSyntax) || statement.ContainsDirectives || loop.ContainsDirectives)
            {
                return null;
            }

            var index = body.Statements.IndexOf(statement);
            if (body.Statements.Count < 2)
            {
                // Nothing would be left for the loop to do: whether it may go is not this fix's call.
                return null;
            }

            for (var i = 0; i < index; i++)
            {
                var before = body.Statements[i];
                if (Jumps(before) || TouchesSdk(model, sdk, before, cancellationToken))
                {
                    return null;
                }
            }

            foreach (var header in LoopHeader(loop))
            {
                if (TouchesSdk(model, sdk, header, cancellationToken))
                {
                    return null;
                }
            }

            // The statement reads nothing the loop writes or declares (its loop variable, a counter, ...).
            var moved = model.AnalyzeDataFlow(statement);
            var inLoop = model.AnalyzeDataFlow(loop);
            if (moved is null || inLoop is null || !moved.Succeeded || !inLoop.Succeeded
                || moved.ReadInside.Any(s => inLoop.WrittenInside.Contains(s, SymbolEqualityComparer.Default) || inLoop.VariablesDeclared.Contains(s, SymbolEqualityComparer.Default)))
            {
                return null;
            }

            // No enclosing loop of the same function runs the moved statement again with the same channel.
            var receiver = invocation.Expression is MemberAccessExpressionSyntax access ? model.GetSymbolInfo(access.Expression, cancellationToken).Symbol : null;
            var declaration = receiver is ILocalSymbol local ? local.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax(cancellationToken) : null;
            for (var node = loop.Parent; node != null; node = node.Parent)
            {
                if (node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax || node is MemberDeclarationSyntax)
                {
                    break;
                }

                if (node is StatementSyntax outer && IsLoop(outer) && (declaration is null || !outer.Span.Contains(declaration.Span)))
                {
                    return null;
                }
            }

            // The statement goes before the loop with its comments, at the loop's place (blank lines included).
            var newLine = SyntaxFactory.EndOfLine(TeardownEditing.NewLine(root));
            var (loopBlank, loopRest) = StatementEdits.SplitBlankLines(loop.GetLeadingTrivia());
            var indentation = loopRest.Count > 0 && loopRest[loopRest.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia) ? loopRest[loopRest.Count - 1] : default;
            var comments = StatementEdits.SplitBlankLines(statement.GetLeadingTrivia()).Remainder
                .Where(t => !t.IsKind(SyntaxKind.WhitespaceTrivia) && !t.IsKind(SyntaxKind.EndOfLineTrivia));
            var lead = new List<SyntaxTrivia>(loopBlank);
            foreach (var comment in comments)
            {
                if (indentation != default)
                {
                    lead.Add(indentation);
                }

                lead.Add(comment);
                lead.Add(newLine);
            }

            if (indentation != default)
            {
                lead.Add(indentation);
            }

            var hoisted = statement.WithLeadingTrivia(lead).WithTrailingTrivia(statement.GetTrailingTrivia());
            var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
            editor.RemoveNode(statement, StatementEditing.RemoveOptions);
            editor.ReplaceNode(loop, (current, _) => current.WithLeadingTrivia(loopRest));
            editor.InsertBefore(loop, hoisted);
            var title = $"Subscribe '{ReceiverText(invocation)}' once, before the loop";
            return (title, document.WithSyntaxRoot(editor.GetChangedRoot()));
        }

        /// <summary>Removes the retry from the handler (and <c>async</c> from a void handler it leaves without <c>await</c>).</summary>
        private static async Task<(string Title, Document Document)?> TryRemoveRetryAsync(
            Document document, SyntaxNode root, ExpressionStatementSyntax statement, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null)
            {
                return null;
            }

            var function = statement.Ancestors().FirstOrDefault(n => n is AnonymousFunctionExpressionSyntax || n is LocalFunctionStatementSyntax || n is BaseMethodDeclarationSyntax);
            var isAsync = function != null && AsyncEditing.IsAsync(function);
            var returnsVoid = function != null && FunctionSymbol(model, function, cancellationToken) is IMethodSymbol symbol && symbol.ReturnsVoid;

            var mark = new SyntaxAnnotation();
            var marked = function is null ? root : root.ReplaceNode(function, function.WithAdditionalAnnotations(mark));
            var markedStatement = marked.FindNode(statement.Span, getInnermostNodeForTie: true).AncestorsAndSelf().OfType<ExpressionStatementSyntax>().First(s => s.Span == statement.Span);
            var edited = StatementRemoval.Remove(marked, new[] { markedStatement });
            var editedFunction = function is null ? null : edited.GetAnnotatedNodes(mark).FirstOrDefault();
            if (isAsync && editedFunction != null && !AsyncEditing.Awaits(editedFunction))
            {
                if (!returnsVoid)
                {
                    // An async Task function left with no await would warn (CS1998); dropping async would need a return.
                    return null;
                }

                edited = edited.ReplaceNode(editedFunction, AsyncEditing.WithoutAsync(editedFunction));
            }

            return ("Remove the Subscribe() retry from the channel's own handler", document.WithSyntaxRoot(edited));
        }

        private static ISymbol? FunctionSymbol(SemanticModel model, SyntaxNode function, CancellationToken cancellationToken)
            => function is AnonymousFunctionExpressionSyntax
                ? model.GetSymbolInfo(function, cancellationToken).Symbol
                : model.GetDeclaredSymbol(function, cancellationToken);

        private static bool IsLoop(SyntaxNode node)
            => node is WhileStatementSyntax || node is DoStatementSyntax || node is ForStatementSyntax || node is CommonForEachStatementSyntax;

        private static StatementSyntax? LoopBody(StatementSyntax loop)
        {
            switch (loop)
            {
                case WhileStatementSyntax whileLoop:
                    return whileLoop.Statement;
                case DoStatementSyntax doLoop:
                    return doLoop.Statement;
                case ForStatementSyntax forLoop:
                    return forLoop.Statement;
                case CommonForEachStatementSyntax forEach:
                    return forEach.Statement;
                default:
                    return null;
            }
        }

        /// <summary>What the loop evaluates besides its body: condition, initializers, incrementors, collection.</summary>
        private static IEnumerable<SyntaxNode> LoopHeader(StatementSyntax loop)
        {
            switch (loop)
            {
                case WhileStatementSyntax whileLoop:
                    return new SyntaxNode[] { whileLoop.Condition };
                case DoStatementSyntax doLoop:
                    return new SyntaxNode[] { doLoop.Condition };
                case ForStatementSyntax forLoop:
                    return forLoop.Initializers.Cast<SyntaxNode>()
                        .Concat(forLoop.Incrementors)
                        .Concat(forLoop.Declaration is null ? Enumerable.Empty<SyntaxNode>() : new SyntaxNode[] { forLoop.Declaration })
                        .Concat(forLoop.Condition is null ? Enumerable.Empty<SyntaxNode>() : new SyntaxNode[] { forLoop.Condition });
                case CommonForEachStatementSyntax forEach:
                    return new SyntaxNode[] { forEach.Expression };
                default:
                    return Enumerable.Empty<SyntaxNode>();
            }
        }

        /// <summary>True when <paramref name="statement"/> may leave the loop pass or the method early (outside its nested functions).</summary>
        private static bool Jumps(StatementSyntax statement)
            => statement.DescendantNodesAndSelf(n => !(n is AnonymousFunctionExpressionSyntax || n is LocalFunctionStatementSyntax))
                .Any(n => n is BreakStatementSyntax || n is ContinueStatementSyntax || n is ReturnStatementSyntax || n is GotoStatementSyntax
                    || n is ThrowStatementSyntax || n is ThrowExpressionSyntax || n is YieldStatementSyntax);

        /// <summary>True when <paramref name="node"/> uses anything of the SDK (a call, a value of an SDK type, ...), or does not bind.</summary>
        private static bool TouchesSdk(SemanticModel model, Sdk.SdkSymbols sdk, SyntaxNode node, CancellationToken cancellationToken)
        {
            var operation = model.GetOperation(node, cancellationToken);
            return operation is null || sdk.ReferencesSdk(operation);
        }

        private static string ReceiverText(InvocationExpressionSyntax invocation)
            => invocation.Expression is MemberAccessExpressionSyntax access ? access.Expression.WithoutTrivia().ToString() : "the channel";

        /// <summary>
        /// Removes the statement and the second local's declaration, and renames the second local's other uses
        /// to <paramref name="firstName"/>; null unless the result compiles and each renamed use binds to the first local.
        /// </summary>
        private static async Task<(Document Document, string Second)?> TryMergeAsync(
            Document document, SyntaxNode root, InvocationExpressionSyntax invocation, ExpressionStatementSyntax statement, string firstName, CancellationToken cancellationToken)
        {
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (model is null || !(invocation.Expression is MemberAccessExpressionSyntax access))
            {
                return null;
            }

            var receiver = access.Expression;
            while (receiver is ParenthesizedExpressionSyntax parenthesized)
            {
                receiver = parenthesized.Expression;
            }

            if (!(model.GetSymbolInfo(receiver, cancellationToken).Symbol is ILocalSymbol second) || second.Name == firstName)
            {
                return null;
            }

            var firstLocal = model.LookupSymbols(invocation.SpanStart, name: firstName).OfType<ILocalSymbol>().FirstOrDefault();
            if (firstLocal is null
                || !(Declarator(firstLocal, cancellationToken) is VariableDeclaratorSyntax firstDeclarator)
                || !(Declarator(second, cancellationToken) is VariableDeclaratorSyntax secondDeclarator)
                || !(secondDeclarator.Parent is VariableDeclarationSyntax declaration) || declaration.Variables.Count != 1
                || !(declaration.Parent is LocalDeclarationStatementSyntax declarationStatement)
                || declarationStatement.Modifiers.Count != 0 || declarationStatement.UsingKeyword != default
                || !(declarationStatement.Parent is BlockSyntax scope))
            {
                return null;
            }

            var member = (SyntaxNode?)scope.FirstAncestorOrSelf<MemberDeclarationSyntax>() ?? scope;
            if (model.GetDiagnostics(member.Span, cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                return null;
            }

            var uses = scope.DescendantNodes()
                .OfType<IdentifierNameSyntax>()
                .Where(name => name.Identifier.ValueText == second.Name
                    && !statement.Span.Contains(name.Span)
                    && !declarationStatement.Span.Contains(name.Span)
                    && SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, second))
                .ToList();

            var useMark = new SyntaxAnnotation();
            var firstMark = new SyntaxAnnotation();
            var memberMark = new SyntaxAnnotation();
            var removeMark = new SyntaxAnnotation();
            var targets = new List<SyntaxNode>(uses) { firstDeclarator, member, statement, declarationStatement };
            var edited = root.ReplaceNodes(targets, (original, rewritten) =>
            {
                if (original is IdentifierNameSyntax use && uses.Contains(use))
                {
                    return SyntaxFactory.IdentifierName(firstName).WithTriviaFrom(rewritten).WithAdditionalAnnotations(useMark);
                }

                if (original == firstDeclarator)
                {
                    return rewritten.WithAdditionalAnnotations(firstMark);
                }

                if (original == member)
                {
                    return rewritten.WithAdditionalAnnotations(memberMark);
                }

                return rewritten.WithAdditionalAnnotations(removeMark);
            });
            edited = StatementRemoval.Remove(edited, edited.GetAnnotatedNodes(removeMark).OfType<StatementSyntax>().ToList());

            // Verify: the member still compiles, and every renamed use is the first local.
            var changed = document.WithSyntaxRoot(edited);
            var changedRoot = await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var changedModel = await changed.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            var changedMember = changedRoot?.GetAnnotatedNodes(memberMark).FirstOrDefault();
            if (changedRoot is null || changedModel is null || changedMember is null
                || changedModel.GetDiagnostics(changedMember.Span, cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error))
            {
                return null;
            }

            foreach (var use in changedRoot.GetAnnotatedNodes(useMark))
            {
                if (!(changedModel.GetSymbolInfo(use, cancellationToken).Symbol is ILocalSymbol bound)
                    || !(Declarator(bound, cancellationToken) is VariableDeclaratorSyntax boundDeclarator)
                    || !boundDeclarator.HasAnnotation(firstMark))
                {
                    return null;
                }
            }

            return (changed, second.Name);
        }

        private static VariableDeclaratorSyntax? Declarator(ILocalSymbol local, CancellationToken cancellationToken)
        {
            var references = local.DeclaringSyntaxReferences;
            return references.Length == 1 ? references[0].GetSyntax(cancellationToken) as VariableDeclaratorSyntax : null;
        }
    }
}
