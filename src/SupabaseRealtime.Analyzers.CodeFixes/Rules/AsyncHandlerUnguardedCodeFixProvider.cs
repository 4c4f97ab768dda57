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
using Microsoft.CodeAnalysis.Formatting;
using SupabaseRealtime.Analyzers.CodeFixes.Editing;
using SupabaseRealtime.Analyzers.Rules;

namespace SupabaseRealtime.Analyzers.CodeFixes.Rules
{
    /// <summary>
    /// SRT012: wraps the async handler's body in <c>try { ... } catch (Exception ex) { ... }</c>. The catch logs through the
    /// type's own <c>ILogger</c> field or property when it has one (<c>_logger.LogError(ex, "...")</c>, adding
    /// <c>using Microsoft.Extensions.Logging;</c> when the extension is not in scope), else writes
    /// <c>System.Diagnostics.Debug.WriteLine(ex)</c>.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AsyncHandlerUnguardedCodeFixProvider)), Shared]
    public sealed class AsyncHandlerUnguardedCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "SRT012.CatchInHandler";

        private const string LoggingNamespace = "Microsoft.Extensions.Logging";

        public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(RuleIds.AsyncHandlerUnguarded);

        public override FixAllProvider GetFixAllProvider() => FixAll.ForDocuments((document, diagnostics, key, token) => ApplyAsync(document, diagnostics, token));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
            if (root is null)
            {
                return;
            }

            foreach (var diagnostic in context.Diagnostics)
            {
                if (FunctionAt(root, diagnostic) != null)
                {
                    context.RegisterCodeFix(
                        CodeAction.Create(
                            "Catch and log exceptions in the handler",
                            cancellationToken => ApplyAsync(context.Document, ImmutableArray.Create(diagnostic), cancellationToken),
                            EquivalenceKey),
                        diagnostic);
                }
            }
        }

        /// <summary>The lambda, anonymous method or method whose <c>async</c> keyword the diagnostic sits on.</summary>
        private static SyntaxNode? FunctionAt(SyntaxNode root, Diagnostic diagnostic)
        {
            var token = root.FindToken(diagnostic.Location.SourceSpan.Start);
            if (!token.IsKind(SyntaxKind.AsyncKeyword))
            {
                return null;
            }

            switch (token.Parent)
            {
                case AnonymousFunctionExpressionSyntax function when function.AsyncKeyword == token && (function.Block != null || function.ExpressionBody != null):
                    return function;
                case MethodDeclarationSyntax method when method.Body != null || method.ExpressionBody != null:
                    return method;
                default:
                    return null;
            }
        }

        private static async Task<Document> ApplyAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
            var editor = await DocumentEditor.CreateAsync(document, cancellationToken).ConfigureAwait(false);
            var model = editor.SemanticModel;
            var root = editor.OriginalRoot;
            var done = new HashSet<SyntaxNode>();
            var needsLoggingImport = false;
            var endOfLine = root.DescendantTrivia().FirstOrDefault(t => t.IsKind(SyntaxKind.EndOfLineTrivia)).ToString();
            if (endOfLine.Length == 0)
            {
                endOfLine = "\n";
            }

            foreach (var diagnostic in diagnostics.OrderByDescending(d => d.Location.SourceSpan.Start))
            {
                var function = FunctionAt(root, diagnostic);
                if (function is null || !done.Add(function))
                {
                    continue;
                }

                diagnostic.Properties.TryGetValue(AsyncHandlerUnguardedAnalyzer.RegistrationProperty, out var registration);
                var handler = CatchFor(model, function, registration, cancellationToken, out var addsImport);
                needsLoggingImport |= addsImport;
                var indent = IndentationOf(function);
                editor.ReplaceNode(function, (current, generator) => Wrap(current, handler, indent, endOfLine));
            }

            if (needsLoggingImport && editor.OriginalRoot is CompilationUnitSyntax unit
                && !unit.Usings.Any(u => u.Name?.ToString() == LoggingNamespace && u.Alias is null && !u.StaticKeyword.IsKind(SyntaxKind.StaticKeyword)))
            {
                editor.ReplaceNode(unit, (current, generator) => AddUsing((CompilationUnitSyntax)current));
            }

            var changed = editor.GetChangedDocument();
            return await Formatter.FormatAsync(changed, Formatter.Annotation, cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        /// <summary>The function with its body inside <c>try { body } catch ...</c>; an expression body becomes a block on lines of its own.</summary>
        private static SyntaxNode Wrap(SyntaxNode function, Catch handler, string indent, string endOfLine)
        {
            switch (function)
            {
                case AnonymousFunctionExpressionSyntax anonymous when anonymous.Block != null:
                    return anonymous.WithBlock(WrapBlock(anonymous.Block, handler));
                case LambdaExpressionSyntax lambda when lambda.ExpressionBody != null:
                    return lambda
                        .WithExpressionBody(null)
                        .WithArrowToken(lambda.ArrowToken.WithTrailingTrivia(SyntaxFactory.EndOfLine(endOfLine)))
                        .WithBlock(BlockText(lambda.ExpressionBody, handler, indent, endOfLine)
                            .WithTrailingTrivia(lambda.ExpressionBody.GetTrailingTrivia()));
                case MethodDeclarationSyntax method when method.Body != null:
                    return method.WithBody(WrapBlock(method.Body, handler));
                case MethodDeclarationSyntax method when method.ExpressionBody != null:
                    return method
                        .WithExpressionBody(null)
                        .WithSemicolonToken(default)
                        .WithParameterList(method.ParameterList.WithTrailingTrivia(SyntaxFactory.EndOfLine(endOfLine)))
                        .WithBody(BlockText(method.ExpressionBody.Expression, handler, indent, endOfLine)
                            .WithTrailingTrivia(method.SemicolonToken.TrailingTrivia));
                default:
                    return function;
            }
        }

        /// <summary>The block an expression body becomes, written out at <paramref name="indent"/> (the formatter cannot place it in an expression-bodied member).</summary>
        private static BlockSyntax BlockText(ExpressionSyntax body, Catch handler, string indent, string endOfLine)
        {
            const string unit = "    ";
            var text = indent + "{" + endOfLine
                + indent + unit + "try" + endOfLine
                + indent + unit + "{" + endOfLine
                + indent + unit + unit + Text(body) + ";" + endOfLine
                + indent + unit + "}" + endOfLine
                + indent + unit + "catch (" + handler.Type + " " + handler.Name + ")" + endOfLine
                + indent + unit + "{" + endOfLine
                + indent + unit + unit + handler.Log + endOfLine
                + indent + unit + "}" + endOfLine
                + indent + "}";
            return (BlockSyntax)SyntaxFactory.ParseStatement(text);
        }

        /// <summary>An expression on one line (a multi-line one keeps its own line breaks).</summary>
        private static string Text(ExpressionSyntax expression) => expression.WithoutTrivia().ToFullString();

        /// <summary>The white space that starts the line <paramref name="node"/> starts on.</summary>
        private static string IndentationOf(SyntaxNode node)
        {
            var text = node.SyntaxTree.GetText();
            var line = text.Lines.GetLineFromPosition(node.SpanStart);
            var lineText = line.ToString();
            var count = 0;
            while (count < lineText.Length && (lineText[count] == ' ' || lineText[count] == '\t'))
            {
                count++;
            }

            return lineText.Substring(0, count);
        }

        private static BlockSyntax WrapBlock(BlockSyntax body, Catch handler)
        {
            var catchClause = SyntaxFactory.CatchClause(
                    SyntaxFactory.CatchDeclaration(SyntaxFactory.ParseTypeName(handler.Type), SyntaxFactory.Identifier(handler.Name)),
                    null,
                    SyntaxFactory.Block(SyntaxFactory.ParseStatement(handler.Log)))
                .WithAdditionalAnnotations(Formatter.Annotation);
            var tryStatement = SyntaxFactory.TryStatement(
                    SyntaxFactory.Block(body.Statements),
                    SyntaxFactory.SingletonList(catchClause),
                    null)
                .WithAdditionalAnnotations(Formatter.Annotation);
            return body.WithStatements(SyntaxFactory.SingletonList<StatementSyntax>(tryStatement)).WithAdditionalAnnotations(Formatter.Annotation);
        }

        /// <summary>What the catch clause says: the exception type as it binds here, the variable, and the logging statement.</summary>
        private readonly struct Catch
        {
            public Catch(string type, string name, string log)
            {
                Type = type;
                Name = name;
                Log = log;
            }

            public string Type { get; }

            public string Name { get; }

            public string Log { get; }
        }

        /// <summary><c>catch (Exception ex) { _logger.LogError(ex, "..."); }</c>, or <c>System.Diagnostics.Debug.WriteLine(ex)</c> without a logger.</summary>
        private static Catch CatchFor(SemanticModel model, SyntaxNode function, string? registration, CancellationToken cancellationToken, out bool addsImport)
        {
            addsImport = false;
            var position = function.SpanStart;
            var exceptionType = model.LookupNamespacesAndTypes(position, name: "Exception")
                .OfType<INamedTypeSymbol>()
                .Any(t => t.ToDisplayString() == "System.Exception")
                ? "Exception"
                : "System.Exception";
            var name = FreeName(model, function, position);

            var logger = FindLogger(model, function, cancellationToken);
            if (logger != null)
            {
                var message = "The realtime handler" + (string.IsNullOrEmpty(registration) ? string.Empty : " passed to " + registration!.Trim('\'')) + " failed";
                addsImport = model.LookupSymbols(position, logger.Value.Type, "LogError", includeReducedExtensionMethods: true).IsEmpty;
                return new Catch(exceptionType, name, logger.Value.Access + ".LogError(" + name + ", " + SyntaxFactory.Literal(message).ToString() + ");");
            }

            return new Catch(exceptionType, name, "System.Diagnostics.Debug.WriteLine(" + name + ");");
        }

        private static string FreeName(SemanticModel model, SyntaxNode function, int position)
        {
            var body = function is AnonymousFunctionExpressionSyntax anonymous ? (SyntaxNode?)anonymous.Body : (function as MethodDeclarationSyntax)?.Body ?? (SyntaxNode?)(function as MethodDeclarationSyntax)?.ExpressionBody;
            var declared = new HashSet<string>(body?.DescendantNodes().OfType<VariableDeclaratorSyntax>().Select(v => v.Identifier.ValueText) ?? Enumerable.Empty<string>());
            foreach (var parameter in body?.DescendantNodes().OfType<ParameterSyntax>() ?? Enumerable.Empty<ParameterSyntax>())
            {
                declared.Add(parameter.Identifier.ValueText);
            }

            foreach (var candidate in new[] { "ex", "exception", "error", "ex2" })
            {
                var inner = body?.SpanStart ?? position;
                if (!declared.Contains(candidate)
                    && !model.LookupSymbols(inner, name: candidate).Any(s => s is ILocalSymbol || s is IParameterSymbol || s is IRangeVariableSymbol))
                {
                    return candidate;
                }
            }

            return "ex3";
        }

        /// <summary>An <c>ILogger</c> field or property of the function's type (or a base type) that the function can use.</summary>
        private static (string Access, ITypeSymbol Type)? FindLogger(SemanticModel model, SyntaxNode function, CancellationToken cancellationToken)
        {
            var logger = model.Compilation.GetTypeByMetadataName(LoggingNamespace + ".ILogger");
            var enclosing = function is MethodDeclarationSyntax declaration
                ? model.GetDeclaredSymbol(declaration, cancellationToken)
                : model.GetEnclosingSymbol(function.SpanStart, cancellationToken);
            var type = enclosing?.ContainingType;
            if (logger is null || type is null)
            {
                return null;
            }

            var isStatic = IsStaticContext(enclosing);
            for (var current = type; current != null; current = current.BaseType)
            {
                foreach (var member in current.GetMembers())
                {
                    var memberType = member switch
                    {
                        IFieldSymbol field when !field.IsImplicitlyDeclared => field.Type,
                        IPropertySymbol property when !property.IsIndexer && property.GetMethod != null => property.Type,
                        _ => null,
                    };
                    if (memberType is null
                        || (isStatic && !member.IsStatic)
                        || !model.IsAccessible(function.SpanStart, member)
                        || !(SymbolEqualityComparer.Default.Equals(memberType, logger) || memberType.AllInterfaces.Contains(logger, SymbolEqualityComparer.Default)))
                    {
                        continue;
                    }

                    // A name the function's own locals or parameters hide is reached through this.
                    var hidden = model.LookupSymbols(function.SpanStart, name: member.Name).Any(s => s is ILocalSymbol || s is IParameterSymbol);
                    var access = hidden ? (member.IsStatic ? current.Name + "." + member.Name : "this." + member.Name) : member.Name;
                    return (access, memberType);
                }
            }

            return null;
        }

        private static bool IsStaticContext(ISymbol? symbol)
        {
            for (var current = symbol; current != null && !(current is INamedTypeSymbol); current = current.ContainingSymbol)
            {
                if (current.IsStatic && !(current is IMethodSymbol { MethodKind: MethodKind.LambdaMethod }))
                {
                    return true;
                }
            }

            return false;
        }

        private static bool IsSystem(UsingDirectiveSyntax directive)
        {
            var name = directive.Name?.ToString() ?? string.Empty;
            return name == "System" || name.StartsWith("System.", System.StringComparison.Ordinal);
        }

        private static CompilationUnitSyntax AddUsing(CompilationUnitSyntax unit)
        {
            var directive = SyntaxFactory.UsingDirective(SyntaxFactory.ParseName(LoggingNamespace)).WithAdditionalAnnotations(Formatter.Annotation);
            var usings = unit.Usings;
            var index = 0;
            // System usings first, then the others in ordinal order: the new one goes before the first that sorts after it.
            while (index < usings.Count && usings[index].Alias is null && !usings[index].StaticKeyword.IsKind(SyntaxKind.StaticKeyword)
                && (IsSystem(usings[index]) || string.CompareOrdinal(usings[index].Name?.ToString(), LoggingNamespace) < 0))
            {
                index++;
            }

            if (usings.Count == 0)
            {
                return unit.WithUsings(SyntaxFactory.SingletonList(directive.WithTrailingTrivia(SyntaxFactory.ElasticCarriageReturnLineFeed)));
            }

            return unit.WithUsings(usings.Insert(index, directive.WithTrailingTrivia(usings[0].GetTrailingTrivia())));
        }
    }
}
