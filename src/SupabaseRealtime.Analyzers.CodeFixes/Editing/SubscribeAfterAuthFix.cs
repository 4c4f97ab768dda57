using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;

namespace SupabaseRealtime.Analyzers.CodeFixes.Editing
{
    /// <summary>
    /// SRT001 across a type: an initializer (constructor, <c>OnInitializedAsync</c>, <c>Start</c>, ...) subscribes
    /// and another member of the type authenticates the client later. The subscription statement moves from
    /// the initializer to just after the auth statement, with its comments, when that keeps the meaning:
    /// <list type="bullet">
    /// <item>it is a whole statement directly in the initializer's body, and reads nothing but members of
    /// the type (no local or parameter of the initializer);</item>
    /// <item>the auth call sits in a statement directly in a block of the other member (no lambda between),
    /// whose end is reachable and which is not a <c>return</c> or <c>throw</c>;</item>
    /// <item>when the channel is a field or property, nothing else uses it before it would now be
    /// subscribed: the rest of the initializer and the auth member before the auth statement do not mention
    /// it, and the type's other members only unsubscribe, remove or null-test it;</item>
    /// <item>an awaited subscription goes only into an <c>async</c> member (outside a <c>lock</c>); a bare
    /// <c>x.Subscribe();</c> moved into an <c>async</c> member becomes <c>_ = x.Subscribe();</c>;</item>
    /// <item>the type has one declaration, and after the move every name in the statement binds to what it
    /// bound to before and the statement has no error.</item>
    /// </list>
    /// </summary>
    internal static class SubscribeAfterAuthFix
    {
        public sealed class Plan
        {
            public Plan(string title, ExpressionStatementSyntax subscription, StatementSyntax anchor, string text)
            {
                Title = title;
                Subscription = subscription;
                Auth = anchor;
                Text = text;
            }

            public string Title { get; }

            public ExpressionStatementSyntax Subscription { get; }

            /// <summary>The statement the moved one goes after: the auth statement, or the last subscription right after it.</summary>
            public StatementSyntax Auth { get; }

            /// <summary>The statement as it is written after the auth statement (without trivia).</summary>
            public string Text { get; }
        }

        public static Plan? TryPlan(SyntaxNode root, SemanticModel model, InvocationExpressionSyntax subscribeCall, InvocationExpressionSyntax authCall, CancellationToken cancellationToken)
        {
            var subscription = StatementEditing.WholeStatementOf(subscribeCall);
            if (subscription is null || subscription.ContainsDirectives
                || !(subscription.Parent is BlockSyntax body) || !(body.Parent is BaseMethodDeclarationSyntax initializer)
                || !(initializer.Parent is TypeDeclarationSyntax type)
                || !(model.GetDeclaredSymbol(type, cancellationToken) is INamedTypeSymbol typeSymbol) || typeSymbol.DeclaringSyntaxReferences.Length != 1)
            {
                return null;
            }

            // The auth statement, in another member of the same type, with no lambda or local function between.
            var authMember = authCall.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            if (!(authMember is MethodDeclarationSyntax authMethod) || authMethod == initializer || authMethod.Parent != type || authMethod.Body is null)
            {
                return null;
            }

            StatementSyntax? auth = null;
            for (SyntaxNode? node = authCall; node != null && node != authMethod; node = node.Parent)
            {
                if (node is AnonymousFunctionExpressionSyntax || node is LocalFunctionStatementSyntax)
                {
                    return null;
                }

                if (auth is null && node is StatementSyntax statement && statement.Parent is BlockSyntax)
                {
                    auth = statement;
                }
            }

            if (auth is null || auth is ReturnStatementSyntax || auth is ThrowStatementSyntax || auth.ContainsDirectives)
            {
                return null;
            }

            var flow = model.AnalyzeControlFlow(auth);
            if (flow is null || !flow.Succeeded || !flow.EndPointIsReachable)
            {
                return null;
            }

            // Only members of the type: nothing of the initializer is left behind.
            var data = model.AnalyzeDataFlow(subscription);
            if (data is null || !data.Succeeded || data.VariablesDeclared.Length > 0
                || data.ReadInside.Concat(data.WrittenInside).Any(s => !(s is IParameterSymbol parameter && parameter.IsThis)))
            {
                return null;
            }

            var slot = subscribeCall.Expression is MemberAccessExpressionSyntax access ? model.GetSymbolInfo(access.Expression, cancellationToken).Symbol : null;
            if ((slot is IFieldSymbol || slot is IPropertySymbol) && SymbolEqualityComparer.Default.Equals(slot!.ContainingType, typeSymbol)
                && !UsesWaitForTheMove(model, type, slot, initializer, subscription, authMethod, auth, cancellationToken))
            {
                return null;
            }

            var awaits = subscription.DescendantNodes().Any(n => n is AwaitExpressionSyntax);
            var targetIsAsync = authMethod.Modifiers.Any(SyntaxKind.AsyncKeyword);
            if (awaits && (!targetIsAsync || !StatementEdits.CanAwaitAt(auth)))
            {
                return null;
            }

            var text = subscription.WithoutTrivia().ToString();
            if (!awaits && targetIsAsync && subscription.Expression is InvocationExpressionSyntax)
            {
                // An unawaited call in an async method warns (CS4014): keep it fire-and-forget explicitly.
                text = "_ = " + text;
            }

            // After the auth statement and the subscriptions already right after it (earlier moves among them).
            var anchor = auth;
            var list = ((BlockSyntax)auth.Parent!).Statements;
            for (var i = list.IndexOf(auth) + 1; i < list.Count && IsSubscribeStatement(list[i]); i++)
            {
                anchor = list[i];
            }

            var authName = model.GetSymbolInfo(authCall, cancellationToken).Symbol?.Name ?? "the sign-in";
            return new Plan($"Subscribe after {authName} in {authMethod.Identifier.ValueText}()", subscription, anchor, text);
        }

        /// <summary><c>x.Subscribe();</c>, <c>await x.Subscribe();</c>, <c>_ = x.Subscribe();</c> (by its syntax).</summary>
        private static bool IsSubscribeStatement(StatementSyntax statement)
        {
            var invocation = statement is ExpressionStatementSyntax expression ? expression.DescendantNodes().OfType<InvocationExpressionSyntax>().FirstOrDefault() : null;
            return invocation != null && StatementEditing.WholeStatementOf(invocation) == statement
                && invocation.Expression is MemberAccessExpressionSyntax access && access.Name.Identifier.ValueText == "Subscribe";
        }

        /// <summary>True when no code uses the channel in <paramref name="slot"/> before the moved statement would now subscribe it.</summary>
        private static bool UsesWaitForTheMove(SemanticModel model, TypeDeclarationSyntax type, ISymbol slot, BaseMethodDeclarationSyntax initializer,
            ExpressionStatementSyntax subscription, MethodDeclarationSyntax authMethod, StatementSyntax auth, CancellationToken cancellationToken)
        {
            foreach (var name in type.DescendantNodes().OfType<SimpleNameSyntax>())
            {
                if (name.Identifier.ValueText != slot.Name || subscription.Span.Contains(name.Span)
                    || !SymbolEqualityComparer.Default.Equals(model.GetSymbolInfo(name, cancellationToken).Symbol, slot))
                {
                    continue;
                }

                if (initializer.Span.Contains(name.Span))
                {
                    // Before the subscription (creating it, registering on it) is fine; after it, not.
                    if (name.SpanStart > subscription.Span.End)
                    {
                        return false;
                    }

                    continue;
                }

                if (authMethod.Span.Contains(name.Span))
                {
                    if (name.SpanStart < auth.Span.End)
                    {
                        return false;
                    }

                    continue;
                }

                if (!IsTeardownUse(name))
                {
                    return false;
                }
            }

            return true;
        }

        /// <summary><c>x.Unsubscribe()</c>, <c>x?.Unsubscribe()</c>, <c>client.Remove(x)</c>, <c>x != null</c>, <c>x is null</c> and the like.</summary>
        private static bool IsTeardownUse(SimpleNameSyntax name)
        {
            ExpressionSyntax use = name;
            if (use.Parent is MemberAccessExpressionSyntax qualified && qualified.Name == use && qualified.Expression is ThisExpressionSyntax)
            {
                use = qualified;
            }

            while (use.Parent is PostfixUnaryExpressionSyntax suppress && suppress.IsKind(SyntaxKind.SuppressNullableWarningExpression))
            {
                use = suppress;
            }

            switch (use.Parent)
            {
                case MemberAccessExpressionSyntax call when call.Expression == use && call.Name.Identifier.ValueText == "Unsubscribe"
                    && call.Parent is InvocationExpressionSyntax:
                    return true;
                case ConditionalAccessExpressionSyntax conditional when conditional.Expression == use
                    && conditional.WhenNotNull is InvocationExpressionSyntax invocation && invocation.Expression is MemberBindingExpressionSyntax binding
                    && binding.Name.Identifier.ValueText == "Unsubscribe":
                    return true;
                case ArgumentSyntax argument when argument.Parent?.Parent is InvocationExpressionSyntax remove
                    && ((remove.Expression as MemberAccessExpressionSyntax)?.Name.Identifier.ValueText == "Remove"
                        || (remove.Expression as MemberBindingExpressionSyntax)?.Name.Identifier.ValueText == "Remove"):
                    return true;
                case BinaryExpressionSyntax comparison when (comparison.IsKind(SyntaxKind.EqualsExpression) || comparison.IsKind(SyntaxKind.NotEqualsExpression))
                    && (comparison.Left.IsKind(SyntaxKind.NullLiteralExpression) || comparison.Right.IsKind(SyntaxKind.NullLiteralExpression)):
                    return true;
                case IsPatternExpressionSyntax test when test.Expression == use
                    && (test.Pattern is ConstantPatternSyntax constant && constant.Expression.IsKind(SyntaxKind.NullLiteralExpression)
                        || test.Pattern is UnaryPatternSyntax not && not.Pattern is ConstantPatternSyntax notConstant && notConstant.Expression.IsKind(SyntaxKind.NullLiteralExpression)):
                    return true;
                default:
                    return false;
            }
        }

        /// <summary>
        /// Applies the plans (found on <paramref name="document"/>): each statement leaves its initializer and goes,
        /// with its comments, after its auth statement (several after one auth statement keep their order). An
        /// <c>async</c> initializer left without <c>await</c> loses <c>async</c> (a <c>Task</c> one then returns
        /// <c>Task.CompletedTask</c>); a moved statement whose channel may be null there (CS8602) gets an
        /// <c>if (channel != null)</c> around it. Null when the result would not bind as before, or would have an
        /// error or a compiler warning the document did not have.
        /// </summary>
        public static async Task<Document?> ApplyAsync(Document document, IReadOnlyList<Plan> plans, CancellationToken cancellationToken)
        {
            var changed = await ApplyAsync(document, plans, guard: false, cancellationToken).ConfigureAwait(false);
            if (changed != null && changed.Value.NewWarnings == 0)
            {
                return changed.Value.Document;
            }

            if (changed != null && changed.Value.NullWarnings == changed.Value.NewWarnings)
            {
                var guarded = await ApplyAsync(document, plans, guard: true, cancellationToken).ConfigureAwait(false);
                if (guarded != null && guarded.Value.NewWarnings == 0)
                {
                    return guarded.Value.Document;
                }
            }

            return null;
        }

        private static async Task<(Document Document, int NewWarnings, int NullWarnings)?> ApplyAsync(
            Document document, IReadOnlyList<Plan> plans, bool guard, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || plans.Count == 0)
            {
                return null;
            }

            var newLine = SyntaxFactory.EndOfLine(TeardownEditing.NewLine(root));
            var editor = new SyntaxEditor(root, document.Project.Solution.Workspace.Services);
            var marks = new List<(SyntaxAnnotation Mark, ExpressionStatementSyntax Original)>();
            foreach (var group in plans.GroupBy(p => p.Auth))
            {
                var auth = group.Key;
                var (_, authRest) = StatementEdits.SplitBlankLines(auth.GetLeadingTrivia());
                var indentation = authRest.Count > 0 && authRest[authRest.Count - 1].IsKind(SyntaxKind.WhitespaceTrivia) ? authRest[authRest.Count - 1] : default;
                var moved = new List<SyntaxNode>();
                foreach (var plan in group.OrderBy(p => p.Subscription.SpanStart))
                {
                    var lead = new List<SyntaxTrivia>();
                    foreach (var trivia in StatementEdits.SplitBlankLines(plan.Subscription.GetLeadingTrivia()).Remainder)
                    {
                        if (trivia.IsKind(SyntaxKind.WhitespaceTrivia) || trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                        {
                            continue;
                        }

                        if (indentation != default)
                        {
                            lead.Add(indentation);
                        }

                        lead.Add(trivia);
                        lead.Add(newLine);
                    }

                    if (indentation != default)
                    {
                        lead.Add(indentation);
                    }

                    var text = plan.Text;
                    if (guard && Receiver(plan.Subscription) is { } receiver)
                    {
                        text = $"if ({receiver} != null){newLine}{{{newLine}{text}{newLine}}}";
                    }

                    var mark = new SyntaxAnnotation("SRT001.MovedSubscription");
                    marks.Add((mark, plan.Subscription));
                    // The comment at the end of the statement's line goes with it (not after a null check's brace).
                    var trailing = guard || !plan.Subscription.GetTrailingTrivia().Any(t => t.IsKind(SyntaxKind.SingleLineCommentTrivia))
                        ? SyntaxFactory.TriviaList(newLine)
                        : plan.Subscription.GetTrailingTrivia();
                    var statement = SyntaxFactory.ParseStatement(text).WithLeadingTrivia(lead).WithTrailingTrivia(trailing).WithAdditionalAnnotations(mark);
                    if (guard)
                    {
                        statement = statement.WithAdditionalAnnotations(Formatter.Annotation);
                    }

                    moved.Add(statement);
                    editor.RemoveNode(plan.Subscription, StatementEditing.RemoveOptions);
                }

                editor.InsertAfter(auth, moved);
            }

            // An async initializer whose last await moved out.
            foreach (var initializer in plans.Select(p => (BaseMethodDeclarationSyntax)p.Subscription.Parent!.Parent!).Distinct())
            {
                var movedOut = plans.Where(p => p.Subscription.Parent!.Parent == initializer).Select(p => (SyntaxNode)p.Subscription).ToArray();
                if (!AsyncEditing.IsAsync(initializer) || AsyncEditing.Awaits(initializer, movedOut))
                {
                    continue;
                }

                if (!(initializer is MethodDeclarationSyntax method) || !(model.GetDeclaredSymbol(method, cancellationToken) is IMethodSymbol symbol))
                {
                    return null;
                }

                if (symbol.ReturnsVoid)
                {
                    editor.ReplaceNode(method, (current, _) => AsyncEditing.WithoutAsync(current));
                    continue;
                }

                var returned = ReturnOfNoValue(symbol.ReturnType, method.ReturnType, model.Compilation);
                if (returned is null || AsyncEditing.Returns(method) || method.Body is null)
                {
                    return null;
                }

                editor.ReplaceNode(method, (current, _) =>
                {
                    var withoutAsync = (MethodDeclarationSyntax)AsyncEditing.WithoutAsync(current);
                    var statement = SyntaxFactory.ParseStatement($"return {returned};").WithAdditionalAnnotations(Formatter.Annotation);
                    return withoutAsync.WithBody(withoutAsync.Body!.AddStatements(statement));
                });
            }

            var changed = document.WithSyntaxRoot(editor.GetChangedRoot());
            var options = document.Project.Solution.Options.WithChangedOption(FormattingOptions.NewLine, LanguageNames.CSharp, newLine.ToString());
            changed = await Formatter.FormatAsync(changed, Formatter.Annotation, options, cancellationToken).ConfigureAwait(false);
            var changedRoot = await changed.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var changedModel = await changed.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (changedRoot is null || changedModel is null)
            {
                return null;
            }

            var nullWarnings = 0;
            foreach (var (mark, original) in marks)
            {
                var placed = changedRoot.GetAnnotatedNodes(mark).FirstOrDefault();
                var statement = placed is IfStatementSyntax check && check.Statement is BlockSyntax block && block.Statements.Count == 1 ? block.Statements[0] : placed;
                if (placed is null || statement is null || changedModel.GetDiagnostics(placed.Span, cancellationToken).Any(d => d.Severity == DiagnosticSeverity.Error)
                    || !BindsAsBefore(model, original, changedModel, statement, cancellationToken))
                {
                    return null;
                }

                nullWarnings += changedModel.GetDiagnostics(placed.Span, cancellationToken).Count(d => d.Id == "CS8602" || d.Id == "CS8604");
            }

            // No compiler warning the document did not have (CS1998, CS4014, CS8602, ...).
            var before = Warnings(model, root, cancellationToken);
            var after = Warnings(changedModel, changedRoot, cancellationToken);
            var added = after.GroupBy(w => w).Sum(g => System.Math.Max(0, g.Count() - before.Count(b => b == g.Key)));
            return (changed, added, nullWarnings);
        }

        /// <summary><c>Task.CompletedTask</c> (written as the method writes its return type) or <c>default</c> for a non-generic ValueTask; null otherwise.</summary>
        private static string? ReturnOfNoValue(ITypeSymbol returnType, TypeSyntax written, Compilation compilation)
        {
            if (SymbolEqualityComparer.Default.Equals(returnType, compilation.GetTypeByMetadataName("System.Threading.Tasks.Task")))
            {
                return written.WithoutTrivia().ToString() + ".CompletedTask";
            }

            return SymbolEqualityComparer.Default.Equals(returnType, compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask")) ? "default" : null;
        }

        private static string? Receiver(ExpressionStatementSyntax subscription)
        {
            var call = subscription.DescendantNodes().OfType<InvocationExpressionSyntax>()
                .FirstOrDefault(i => i.Expression is MemberAccessExpressionSyntax access && access.Name.Identifier.ValueText == "Subscribe");
            return call?.Expression is MemberAccessExpressionSyntax member ? member.Expression.WithoutTrivia().ToString() : null;
        }

        private static List<string> Warnings(SemanticModel model, SyntaxNode root, CancellationToken cancellationToken)
            => model.GetDiagnostics(root.FullSpan, cancellationToken)
                .Where(d => d.Severity == DiagnosticSeverity.Warning)
                .Select(d => d.Id + ": " + d.GetMessage(System.Globalization.CultureInfo.InvariantCulture))
                .ToList();

        private static bool BindsAsBefore(SemanticModel before, SyntaxNode original, SemanticModel after, SyntaxNode placed, CancellationToken cancellationToken)
        {
            var was = original.DescendantNodes().OfType<SimpleNameSyntax>().Where(n => n.Identifier.ValueText != "_").Select(n => Describe(before.GetSymbolInfo(n, cancellationToken).Symbol)).ToList();
            var now = placed.DescendantNodes().OfType<SimpleNameSyntax>().Where(n => n.Identifier.ValueText != "_").Select(n => Describe(after.GetSymbolInfo(n, cancellationToken).Symbol)).ToList();
            return was.Count > 0 && was.SequenceEqual(now);
        }

        private static string Describe(ISymbol? symbol)
            => symbol is null ? "?" : symbol.Kind + ":" + symbol.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
    }
}
