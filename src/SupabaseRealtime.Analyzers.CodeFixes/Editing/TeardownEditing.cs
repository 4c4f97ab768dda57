using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Editing;
using Microsoft.CodeAnalysis.Formatting;
using Microsoft.CodeAnalysis.Simplification;

namespace SupabaseRealtime.Analyzers.CodeFixes.Editing
{
    /// <summary>
    /// Syntax edits for releasing a channel: the release statement, inserting it at the end of a
    /// teardown member, adding members, fields and base types, and the clean-up pass (imports,
    /// simplification, formatting of what was added).
    /// </summary>
    internal static class TeardownEditing
    {
        /// <summary>The line ending the document uses (LF when it has none yet).</summary>
        public static string NewLine(SyntaxNode root)
        {
            foreach (var trivia in root.DescendantTrivia())
            {
                if (trivia.IsKind(SyntaxKind.EndOfLineTrivia))
                {
                    return trivia.ToString();
                }
            }

            return "\n";
        }

        /// <summary>
        /// <c>client.Remove(channel);</c> (guarded by <c>if (channel != null)</c> when the channel may be null,
        /// with a cast when one is needed), or <c>channel?.Unsubscribe();</c> when no client is known.
        /// </summary>
        public static StatementSyntax ReleaseStatement(string channel, string? client, string? cast, bool guardNull, string newLine)
        {
            if (client is null)
            {
                return ParseStatement($"{channel}?.Unsubscribe();", newLine);
            }

            var argument = cast is null ? channel : $"({cast}){channel}";
            var call = $"{client}.Remove({argument});";
            var text = guardNull
                ? $"if ({channel} != null){newLine}{{{newLine}    {call}{newLine}}}"
                : call;
            var statement = ParseStatement(text, newLine);
            var remove = statement.DescendantNodes().OfType<InvocationExpressionSyntax>().FirstOrDefault();
            return remove is null ? statement : statement.ReplaceNode(remove, remove.WithAdditionalAnnotations(new SyntaxAnnotation(NullSafeReleaseKind)));
        }

        /// <summary>
        /// Annotation kind of a <c>client.Remove(channel)</c> call a fix wrote: <see cref="CleanUpAsync"/> makes
        /// its receiver null-conditional wherever the compiler finds that part may be null (CS8602), so a
        /// client reached through a nullable field or property (<c>_supabase?.Realtime.Remove(_scores)</c>)
        /// adds no warning. When the client is null there is nothing to remove the channel from.
        /// </summary>
        public const string NullSafeReleaseKind = "SupabaseRealtime.NullSafeRelease";

        /// <summary>Parses a statement, annotated for formatting and simplification of its <c>global::</c> names, ending with a line break.</summary>
        public static StatementSyntax ParseStatement(string text, string newLine)
        {
            var statement = SyntaxFactory.ParseStatement(text);
            statement = statement.WithLeadingTrivia().WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine));
            return AnnotateGlobalNames(statement).WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>Parses a member, preceded by a blank line, annotated for formatting and simplification.</summary>
        public static MemberDeclarationSyntax ParseMember(string text, string newLine)
        {
            var member = SyntaxFactory.ParseMemberDeclaration(text.Replace("\n", newLine))!;
            member = member.WithLeadingTrivia(SyntaxFactory.EndOfLine(newLine)).WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine));
            return AnnotateGlobalNames(member).WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>A type name written as <c>global::N.T</c> that the clean-up reduces (adding the using when needed).</summary>
        public static TypeSyntax ImportedType(string fullName)
            => SyntaxFactory.ParseTypeName("global::" + fullName)
                .WithAdditionalAnnotations(Simplifier.Annotation, Simplifier.AddImportsAnnotation);

        /// <summary>Marks every <c>global::</c>-qualified name for simplification.</summary>
        public static TNode AnnotateGlobalNames<TNode>(TNode node)
            where TNode : SyntaxNode
        {
            var globals = node.DescendantNodes().OfType<AliasQualifiedNameSyntax>()
                .Where(n => n.Alias.Identifier.IsKind(SyntaxKind.GlobalKeyword))
                .Select(Outermost)
                .ToList();
            return globals.Count == 0
                ? node
                : node.ReplaceNodes(globals, (_, rewritten) => rewritten.WithAdditionalAnnotations(Simplifier.Annotation));
        }

        private static SyntaxNode Outermost(SyntaxNode name)
        {
            var current = name;
            while (true)
            {
                if (current.Parent is QualifiedNameSyntax qualified && qualified.Left == current)
                {
                    current = qualified;
                }
                else if (current.Parent is MemberAccessExpressionSyntax access && access.Expression == current)
                {
                    current = access;
                }
                else
                {
                    return current;
                }
            }
        }

        /// <summary>
        /// Inserts <paramref name="statement"/> at the end of <paramref name="method"/>: inside a top-level
        /// <c>if (disposing) { ... }</c> of <c>Dispose(bool disposing)</c>, and before a trailing
        /// <c>base.X(...)</c> call or <c>return</c>. An expression body becomes a block.
        /// </summary>
        public static MethodDeclarationSyntax AppendStatement(MethodDeclarationSyntax method, StatementSyntax statement, IMethodSymbol symbol, Compilation compilation, string newLine)
        {
            if (method.Body is null && method.ExpressionBody is { } arrow)
            {
                var expression = arrow.Expression;
                var returnsValue = !symbol.ReturnsVoid && !(symbol.IsAsync && IsNonGenericTask(symbol.ReturnType, compilation));
                var existing = returnsValue
                    ? (StatementSyntax)SyntaxFactory.ReturnStatement(expression.WithoutTrivia())
                    : SyntaxFactory.ExpressionStatement(expression.WithoutTrivia());
                var statements = returnsValue
                    ? new[] { statement, existing.WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine)) }
                    : new[] { existing.WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine)), statement };
                var block = SyntaxFactory.Block(statements.Select(s => s.WithAdditionalAnnotations(Formatter.Annotation)))
                    .WithAdditionalAnnotations(Formatter.Annotation);
                return method
                    .WithParameterList(method.ParameterList.WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine)))
                    .WithExpressionBody(null)
                    .WithSemicolonToken(default)
                    .WithBody(block.WithTrailingTrivia(method.SemicolonToken.TrailingTrivia))
                    .WithAdditionalAnnotations(Formatter.Annotation);
            }

            if (method.Body is null)
            {
                return method;
            }

            var body = method.Body;
            if (symbol.Parameters.Length == 1 && symbol.Parameters[0].Type.SpecialType == SpecialType.System_Boolean)
            {
                var flag = symbol.Parameters[0].Name;
                foreach (var candidate in body.Statements)
                {
                    if (candidate is IfStatementSyntax ifStatement && ifStatement.Else is null
                        && ifStatement.Condition is IdentifierNameSyntax condition && condition.Identifier.ValueText == flag
                        && ifStatement.Statement is BlockSyntax inner)
                    {
                        return method.ReplaceNode(inner, InsertAtEnd(inner, statement));
                    }
                }
            }

            return method.WithBody(InsertAtEnd(body, statement));
        }

        private static bool IsNonGenericTask(ITypeSymbol type, Compilation compilation)
            => SymbolEqualityComparer.Default.Equals(type, compilation.GetTypeByMetadataName("System.Threading.Tasks.Task"))
                || SymbolEqualityComparer.Default.Equals(type, compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask"));

        private static BlockSyntax InsertAtEnd(BlockSyntax block, StatementSyntax statement)
        {
            var statements = block.Statements;
            var index = statements.Count;
            while (index > 0 && IsTrailingStatement(statements[index - 1]))
            {
                index--;
            }

            var newLine = statement.GetTrailingTrivia().LastOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia));
            if (index > 0 && EndsWithBrace(statements[index - 1]) && newLine != default)
            {
                // A blank line after a closing brace.
                statement = statement.WithLeadingTrivia(statement.GetLeadingTrivia().Insert(0, newLine));
            }

            if (index < statements.Count && EndsWithBrace(statement) && newLine != default
                && !statements[index].GetLeadingTrivia().Any(t => t.IsKind(SyntaxKind.EndOfLineTrivia)))
            {
                statement = statement.WithTrailingTrivia(statement.GetTrailingTrivia().Add(newLine));
            }

            return block.WithStatements(statements.Insert(index, statement));
        }

        private static bool EndsWithBrace(StatementSyntax statement)
            => statement.GetLastToken().IsKind(SyntaxKind.CloseBraceToken);

        /// <summary><c>return ...;</c> or <c>base.Dispose(...);</c> / <c>await base.DisposeAsync();</c>: the release goes before these.</summary>
        private static bool IsTrailingStatement(StatementSyntax statement)
        {
            if (statement is ReturnStatementSyntax)
            {
                return true;
            }

            if (!(statement is ExpressionStatementSyntax expressionStatement))
            {
                return false;
            }

            var expression = expressionStatement.Expression;
            if (expression is AwaitExpressionSyntax awaited)
            {
                expression = awaited.Expression;
            }

            return expression is InvocationExpressionSyntax invocation
                && invocation.Expression is MemberAccessExpressionSyntax access
                && access.Expression is BaseExpressionSyntax
                && access.Name.Identifier.ValueText.StartsWith("Dispose", System.StringComparison.Ordinal);
        }

        /// <summary>Adds <paramref name="member"/> as the last member of <paramref name="type"/>.</summary>
        public static TypeDeclarationSyntax AddMemberAtEnd(TypeDeclarationSyntax type, MemberDeclarationSyntax member)
        {
            if (type.Members.Count == 0)
            {
                member = member.WithLeadingTrivia();
            }

            return type.WithMembers(type.Members.Add(member));
        }

        /// <summary>Adds <paramref name="field"/> after the last field of <paramref name="type"/> (first, when it has none).</summary>
        public static TypeDeclarationSyntax AddField(TypeDeclarationSyntax type, FieldDeclarationSyntax field, string newLine)
        {
            var members = type.Members;
            var lastField = -1;
            for (var i = 0; i < members.Count; i++)
            {
                if (members[i] is FieldDeclarationSyntax)
                {
                    lastField = i;
                }
            }

            field = field.WithLeadingTrivia().WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine)).WithAdditionalAnnotations(Formatter.Annotation);
            if (lastField < 0)
            {
                // First member: the next member keeps its own leading trivia; add a blank line after the field when one follows.
                if (members.Count > 0)
                {
                    field = field.WithTrailingTrivia(SyntaxFactory.EndOfLine(newLine), SyntaxFactory.EndOfLine(newLine));
                }

                return type.WithMembers(members.Insert(0, field));
            }

            return type.WithMembers(members.Insert(lastField + 1, field));
        }

        /// <summary>Adds the imports, simplifies the <c>global::</c> names and formats what the fix added.</summary>
        public static async Task<Document> CleanUpAsync(Document document, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var newLine = root is null ? "\n" : NewLine(root);
            var options = document.Project.Solution.Options.WithChangedOption(FormattingOptions.NewLine, LanguageNames.CSharp, newLine);
            document = await ImportAdder.AddImportsAsync(document, Simplifier.AddImportsAnnotation, options, cancellationToken).ConfigureAwait(false);
            document = await NormalizeUsingLineBreaksAsync(document, newLine, cancellationToken).ConfigureAwait(false);
            document = await Simplifier.ReduceAsync(document, Simplifier.Annotation, options, cancellationToken).ConfigureAwait(false);
            document = await Formatter.FormatAsync(document, Formatter.Annotation, options, cancellationToken).ConfigureAwait(false);
            document = await MakeReleasesNullSafeAsync(document, cancellationToken).ConfigureAwait(false);

            return document;
        }

        /// <summary>
        /// Turns <c>a.B.Remove(x)</c> into <c>a?.B.Remove(x)</c> (and so on along the receiver) where the
        /// compiler reports a possible null dereference (CS8602) of a receiver in a call marked with
        /// <see cref="NullSafeReleaseKind"/>; one receiver level per pass, since the next may be reported only
        /// once the earlier is conditional.
        /// </summary>
        private static async Task<Document> MakeReleasesNullSafeAsync(Document document, CancellationToken cancellationToken)
        {
            for (var pass = 0; pass < 4; pass++)
            {
                var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
                var calls = root?.GetAnnotatedNodes(NullSafeReleaseKind).OfType<ExpressionSyntax>().ToList();
                if (root is null || calls is null || calls.Count == 0)
                {
                    return document;
                }

                var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
                if (model is null)
                {
                    return document;
                }

                var rewritten = new Dictionary<SyntaxNode, SyntaxNode>();
                foreach (var call in calls)
                {
                    var receiverEnd = ReceiverEnd(call);
                    var offsets = model.GetDiagnostics(call.Span, cancellationToken)
                        .Where(d => d.Id == "CS8602" && d.Location.SourceTree == root.SyntaxTree && d.Location.SourceSpan.End <= receiverEnd)
                        .Select(d => root.FindNode(d.Location.SourceSpan, getInnermostNodeForTie: true))
                        .Where(e => e is ExpressionSyntax && e.Parent is MemberAccessExpressionSyntax access && access.Expression == e && call.Span.Contains(e.Span))
                        .Select(e => e.Span.End - call.SpanStart)
                        .Distinct()
                        .OrderByDescending(o => o)
                        .ToList();
                    if (offsets.Count == 0)
                    {
                        continue;
                    }

                    var text = call.ToString();
                    foreach (var offset in offsets)
                    {
                        text = text.Insert(offset, "?");
                    }

                    var parsed = SyntaxFactory.ParseExpression(text);
                    if (parsed.ContainsDiagnostics)
                    {
                        continue;
                    }

                    rewritten[call] = parsed.WithTriviaFrom(call).WithAdditionalAnnotations(call.GetAnnotations(NullSafeReleaseKind));
                }

                if (rewritten.Count == 0)
                {
                    return document;
                }

                document = document.WithSyntaxRoot(root.ReplaceNodes(rewritten.Keys, (original, _) => rewritten[original]));
            }

            return document;
        }

        /// <summary>Where the receiver of the marked call ends: the start of the <c>Remove</c> name's argument list.</summary>
        private static int ReceiverEnd(ExpressionSyntax call)
        {
            // Pre-order: the first invocation named Remove is the outermost one, the call itself.
            var invocation = call.DescendantNodesAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(i =>
                (i.Expression is MemberAccessExpressionSyntax access && access.Name.Identifier.ValueText == "Remove")
                || (i.Expression is MemberBindingExpressionSyntax binding && binding.Name.Identifier.ValueText == "Remove"));
            return invocation?.ArgumentList.SpanStart ?? call.Span.End;
        }

        /// <summary>The using directives ImportAdder writes end in the workspace's line break (CRLF by default): use the document's.</summary>
        private static async Task<Document> NormalizeUsingLineBreaksAsync(Document document, string newLine, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return document;
            }

            var wrong = root.DescendantNodes(n => n is CompilationUnitSyntax || n is BaseNamespaceDeclarationSyntax)
                .OfType<UsingDirectiveSyntax>()
                .SelectMany(u => u.DescendantTokens())
                .SelectMany(t => t.LeadingTrivia.Concat(t.TrailingTrivia))
                .Where(t => t.IsKind(SyntaxKind.EndOfLineTrivia) && t.ToString() != newLine)
                .ToList();
            return wrong.Count == 0
                ? document
                : document.WithSyntaxRoot(root.ReplaceTrivia(wrong, (_, __) => SyntaxFactory.EndOfLine(newLine)));
        }

        /// <summary>A member name not yet used in <paramref name="type"/>: <paramref name="name"/>, then <c>name2</c>, <c>name3</c>, ...</summary>
        public static string UniqueMemberName(INamedTypeSymbol type, string name)
        {
            var used = new HashSet<string>();
            for (var current = type; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    used.Add(member.Name);
                }
            }

            var candidate = name;
            for (var i = 2; used.Contains(candidate); i++)
            {
                candidate = name + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            return candidate;
        }
    }
}
