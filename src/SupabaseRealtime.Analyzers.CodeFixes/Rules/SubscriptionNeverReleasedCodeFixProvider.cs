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
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.CodeFixes.Editing;
using SupabaseRealtime.Analyzers.Model;
using SupabaseRealtime.Analyzers.Rules;
using Sdk = SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.CodeFixes.Rules
{
    /// <summary>
    /// SRT004: releases the subscribed channel. A field is released at the end of the type's teardown
    /// member (<c>&lt;client&gt;.Remove(_channel)</c> when its client is a member of the type, null-checked
    /// when the field may be null; else <c>_channel?.Unsubscribe()</c>); without a teardown, a Unity
    /// behaviour gets <c>OnDestroy()</c>, a type whose base has an overridable <c>Dispose</c> gets an
    /// override, any other type gets <c>IDisposable</c> and <c>Dispose()</c> (with the virtual pattern
    /// unless sealed); a <c>Dispose()</c> without its interface gets the interface; a local or a
    /// discarded <c>On(...)</c> result is first kept in a new private field.
    /// </summary>
    [ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(SubscriptionNeverReleasedCodeFixProvider)), Shared]
    public sealed class SubscriptionNeverReleasedCodeFixProvider : CodeFixProvider
    {
        public const string EquivalenceKey = "SRT004.ReleaseSubscription";

        public override ImmutableArray<string> FixableDiagnosticIds => ImmutableArray.Create(RuleIds.SubscriptionNeverReleased);

        public override FixAllProvider GetFixAllProvider()
            => FixAll.FindingKey(FixAllProvider.Create(async (context, document, diagnostics) => await FixAllAsync(document, diagnostics, context.CancellationToken).ConfigureAwait(false)));

        public override async Task RegisterCodeFixesAsync(CodeFixContext context)
        {
            foreach (var diagnostic in context.Diagnostics)
            {
                var root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
                if (root is null || FindCall(root, diagnostic.Location.SourceSpan) is null)
                {
                    continue;
                }

                var plan = await PlanAsync(context.Document, FindCall(root, diagnostic.Location.SourceSpan)!, diagnostic.Properties, context.CancellationToken).ConfigureAwait(false);
                if (plan is null)
                {
                    continue;
                }

                context.RegisterCodeFix(
                    CodeAction.Create(
                        plan.Title,
                        cancellationToken => ApplyAsync(context.Document, diagnostic.Location.SourceSpan, diagnostic.Properties, cancellationToken),
                        EquivalenceKey),
                    diagnostic);
            }
        }

        private static async Task<Document> ApplyAsync(Document document, Microsoft.CodeAnalysis.Text.TextSpan span, ImmutableDictionary<string, string?> properties, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var call = root is null ? null : FindCall(root, span);
            if (call is null)
            {
                return document;
            }

            var plan = await PlanAsync(document, call, properties, cancellationToken).ConfigureAwait(false);
            return plan is null ? document : await plan.ApplyAsync(cancellationToken).ConfigureAwait(false);
        }

        /// <summary>Fixes the diagnostics of one document one after another, re-reading the document after each fix.</summary>
        private static async Task<Document?> FixAllAsync(Document document, ImmutableArray<Diagnostic> diagnostics, CancellationToken cancellationToken)
        {
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

                var mark = new SyntaxAnnotation("SRT004.Call");
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

                var plan = await PlanAsync(document, call, properties, cancellationToken).ConfigureAwait(false);
                if (plan != null)
                {
                    document = await plan.ApplyAsync(cancellationToken).ConfigureAwait(false);
                }
            }

            return document;
        }

        private static InvocationExpressionSyntax? FindCall(SyntaxNode root, Microsoft.CodeAnalysis.Text.TextSpan span)
        {
            var node = root.FindNode(span, getInnermostNodeForTie: true);
            return node.AncestorsAndSelf().OfType<InvocationExpressionSyntax>().FirstOrDefault(i => i.Span == span);
        }

        private static async Task<Plan?> PlanAsync(Document document, InvocationExpressionSyntax call, ImmutableDictionary<string, string?> properties, CancellationToken cancellationToken)
        {
            var root = await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false);
            var model = await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false);
            if (root is null || model is null || !(call.FirstAncestorOrSelf<TypeDeclarationSyntax>() is ClassDeclarationSyntax declaration)
                || !(model.GetDeclaredSymbol(declaration, cancellationToken) is INamedTypeSymbol type))
            {
                return null;
            }

            properties.TryGetValue(SubscriptionNeverReleasedAnalyzer.HolderProperty, out var holder);
            properties.TryGetValue(SubscriptionNeverReleasedAnalyzer.ChannelProperty, out var channel);
            properties.TryGetValue(SubscriptionNeverReleasedAnalyzer.ClientProperty, out var client);
            properties.TryGetValue(SubscriptionNeverReleasedAnalyzer.CastProperty, out var cast);
            properties.TryGetValue(SubscriptionNeverReleasedAnalyzer.MissingInterfaceProperty, out var missingInterface);
            properties.TryGetValue(SubscriptionNeverReleasedAnalyzer.TeardownProperty, out var teardownName);
            var plan = new Plan(document, root, model, declaration, type, TeardownEditing.NewLine(root), cancellationToken);

            if (missingInterface != null)
            {
                // The release already sits in a Dispose()/DisposeAsync() nothing calls: implement the interface.
                return plan.PlanMissingInterface(missingInterface) ? plan : null;
            }

            switch (holder)
            {
                case SubscriptionNeverReleasedAnalyzer.FieldHolder when channel != null:
                    if (!plan.PlanField(channel, client, cast))
                    {
                        return null;
                    }

                    break;
                case SubscriptionNeverReleasedAnalyzer.LocalHolder when channel != null:
                    if (!plan.PlanLocal(call, channel, client, cast))
                    {
                        return null;
                    }

                    break;
                case SubscriptionNeverReleasedAnalyzer.DiscardedHolder:
                    if (!plan.PlanDiscarded(call, client, cast))
                    {
                        return null;
                    }

                    break;
                default:
                    return null;
            }

            return plan.PlanTeardown(teardownName) ? plan : null;
        }

        /// <summary>The edits of one fix, planned on the current document and applied to its class declaration.</summary>
        private sealed class Plan
        {
            private readonly Document document;
            private readonly SyntaxNode root;
            private readonly SemanticModel model;
            private readonly ClassDeclarationSyntax declaration;
            private readonly INamedTypeSymbol type;
            private readonly string newLine;
            private readonly CancellationToken cancellationToken;

            private readonly Dictionary<SyntaxNode, SyntaxNode[]> statementEdits = new Dictionary<SyntaxNode, SyntaxNode[]>();
            private FieldDeclarationSyntax? newField;
            private StatementSyntax? release;
            private string channelName = string.Empty;
            private MethodDeclarationSyntax? teardownTarget;
            private IMethodSymbol? teardownSymbol;
            private readonly List<MemberDeclarationSyntax> newMembers = new List<MemberDeclarationSyntax>();
            private string? newInterface;

            public Plan(Document document, SyntaxNode root, SemanticModel model, ClassDeclarationSyntax declaration, INamedTypeSymbol type, string newLine, CancellationToken cancellationToken)
            {
                this.document = document;
                this.root = root;
                this.model = model;
                this.declaration = declaration;
                this.type = type;
                this.newLine = newLine;
                this.cancellationToken = cancellationToken;
            }

            public string Title { get; private set; } = string.Empty;

            private Compilation Compilation => model.Compilation;

            public bool PlanMissingInterface(string interfaceName)
            {
                var lifetime = LifetimeModel.Create(Compilation);
                var unwired = lifetime.FindUnwiredDispose(type, out var missing);
                if (unwired is null || missing != interfaceName || !IsPublicInstance(unwired)
                    || !(unwired.Name == "Dispose" ? LifetimeModel.IsDisposeShape(unwired) : IsValueTaskDisposeAsync(unwired)))
                {
                    return false;
                }

                newInterface = "System." + interfaceName;
                Title = $"Implement {interfaceName} so that {unwired.Name}() is called";
                return true;
            }

            public bool PlanField(string name, string? client, string? cast)
            {
                var field = type.GetMembers(name).FirstOrDefault(m => m is IFieldSymbol || m is IPropertySymbol);
                if (field is null)
                {
                    return false;
                }

                channelName = name;
                release = TeardownEditing.ReleaseStatement(name, client, cast, ChannelSlots.MayBeNull(field), newLine);
                return !AlreadyReleased(field);
            }

            public bool PlanLocal(InvocationExpressionSyntax call, string localName, string? client, string? cast)
            {
                if (ClientAlreadyReleased(client))
                {
                    return false;
                }

                var local = model.LookupSymbols(call.SpanStart, name: localName).OfType<ILocalSymbol>().FirstOrDefault();
                var statement = local?.DeclaringSyntaxReferences.Select(r => r.GetSyntax(cancellationToken)).OfType<VariableDeclaratorSyntax>()
                    .Select(v => v.Parent?.Parent).OfType<LocalDeclarationStatementSyntax>().FirstOrDefault();
                if (local is null || statement is null || statement.Declaration.Variables.Count != 1 || !(statement.Parent is BlockSyntax)
                    || statement.UsingKeyword.IsKind(SyntaxKind.UsingKeyword) || !declaration.Span.Contains(statement.Span))
                {
                    return false;
                }

                var fieldName = TeardownEditing.UniqueMemberName(type, "_" + localName.TrimStart('_', '@'));
                newField = FieldFor(local.Type, fieldName, statement.SpanStart);
                var assignment = TeardownEditing.ParseStatement($"{fieldName} = {localName};", newLine);
                statementEdits[statement] = new SyntaxNode[] { statement, assignment };
                channelName = fieldName;
                release = TeardownEditing.ReleaseStatement(fieldName, client, cast, guardNull: true, newLine);
                Title = $"Keep '{localName}' in a field and release it";
                return true;
            }

            public bool PlanDiscarded(InvocationExpressionSyntax call, string? client, string? cast)
            {
                if (ClientAlreadyReleased(client))
                {
                    return false;
                }

                if (!(model.GetOperation(call, cancellationToken) is IInvocationOperation on)
                    || !(on.TargetMethod.ContainingType is INamedTypeSymbol table) || table.TypeArguments.Length == 0
                    || !(on.Type is INamedTypeSymbol task) || task.TypeArguments.Length != 1)
                {
                    return false;
                }

                // await table.On(...); or _ = await table.On(...);
                SyntaxNode awaited = call;
                while (awaited.Parent is ParenthesizedExpressionSyntax)
                {
                    awaited = awaited.Parent;
                }

                if (awaited.Parent is MemberAccessExpressionSyntax configure && configure.Name.Identifier.ValueText == "ConfigureAwait"
                    && configure.Parent is InvocationExpressionSyntax configured)
                {
                    awaited = configured;
                }

                if (!(awaited.Parent is AwaitExpressionSyntax awaitExpression))
                {
                    return false;
                }

                var modelName = table.TypeArguments[0].Name;
                var fieldName = TeardownEditing.UniqueMemberName(type, "_" + char.ToLowerInvariant(modelName[0]) + modelName.Substring(1) + "Channel");
                StatementSyntax? replaced = null;
                StatementSyntax? replacement = null;
                switch (awaitExpression.Parent)
                {
                    case ExpressionStatementSyntax statement:
                        replaced = statement;
                        replacement = statement.WithExpression(SyntaxFactory.AssignmentExpression(
                            SyntaxKind.SimpleAssignmentExpression,
                            SyntaxFactory.IdentifierName(fieldName),
                            awaitExpression.WithoutLeadingTrivia()).WithLeadingTrivia(awaitExpression.GetLeadingTrivia()));
                        break;
                    case AssignmentExpressionSyntax discard when discard.Left is IdentifierNameSyntax underscore && underscore.Identifier.ValueText == "_"
                        && discard.Parent is ExpressionStatementSyntax statement:
                        replaced = statement;
                        replacement = statement.ReplaceNode(underscore, SyntaxFactory.IdentifierName(fieldName).WithTriviaFrom(underscore));
                        break;
                }

                if (replaced is null || replacement is null)
                {
                    return false;
                }

                newField = FieldFor(task.TypeArguments[0], fieldName, call.SpanStart);
                statementEdits[replaced] = new SyntaxNode[] { replacement };
                channelName = fieldName;
                release = TeardownEditing.ReleaseStatement(fieldName, client, cast, guardNull: true, newLine);
                Title = $"Keep the {modelName} channel in a field and release it";
                return true;
            }

            /// <summary>Where the release goes: the existing teardown, an unwired Dispose (plus its interface), or a new member.</summary>
            public bool PlanTeardown(string? teardownName)
            {
                var lifetime = LifetimeModel.Create(Compilation);
                var configured = LifetimeModel.ConfiguredTeardownMethods(document.Project.AnalyzerOptions, root.SyntaxTree);
                IMethodSymbol? teardown = null;
                if (teardownName != null)
                {
                    teardown = type.GetMembers(teardownName).OfType<IMethodSymbol>()
                        .FirstOrDefault(m => !m.IsStatic && m.MethodKind == MethodKind.Ordinary && !m.IsImplicitlyDeclared
                            && lifetime.GetTeardownKind(m, type, configured) != TeardownKind.None);
                    if (teardown is null && type.GetMembers(teardownName).OfType<IMethodSymbol>().Any(m => !m.IsImplicitlyDeclared && m.MethodKind == MethodKind.Ordinary)
                        && lifetime.FindUnwiredDispose(type, out _) is null)
                    {
                        // A teardown the analyzer found some other way (a Closed handler).
                        teardown = type.GetMembers(teardownName).OfType<IMethodSymbol>().First(m => !m.IsImplicitlyDeclared && m.MethodKind == MethodKind.Ordinary);
                    }
                }

                teardown ??= lifetime.FindTeardown(type, configured, null, out _);
                if (teardown != null)
                {
                    return Target(teardown, teardown.Name);
                }

                if (lifetime.FindUnwiredDispose(type, out var missing) is { } unwired)
                {
                    // Release it in the existing Dispose() and implement the interface that makes it run.
                    if (!IsPublicInstance(unwired) || !(unwired.Name == "Dispose" ? LifetimeModel.IsDisposeShape(unwired) : IsValueTaskDisposeAsync(unwired)))
                    {
                        return false;
                    }

                    newInterface = "System." + missing;
                    return Target(unwired, unwired.Name);
                }

                if (lifetime.IsUnity(type))
                {
                    AddNewMember($"private void OnDestroy()\n{{\n{Indented(release!)}}}", "OnDestroy()");
                    return true;
                }

                if (LifetimeModel.FindOverridableBaseDispose(type) is { } baseDispose)
                {
                    var accessibility = baseDispose.DeclaredAccessibility == Accessibility.Public ? "public" : "protected";
                    if (baseDispose.DeclaredAccessibility == Accessibility.ProtectedAndInternal)
                    {
                        return false;
                    }

                    if (LifetimeModel.IsDisposeBoolShape(baseDispose))
                    {
                        AddNewMember(
                            $"{accessibility} override void Dispose(bool disposing)\n{{\n    if (disposing)\n    {{\n{Indented(release!, 2)}    }}\n\n    base.Dispose(disposing);\n}}",
                            "Dispose(bool)");
                    }
                    else
                    {
                        AddNewMember($"{accessibility} override void Dispose()\n{{\n{Indented(release!)}\n    base.Dispose();\n}}", "Dispose()");
                    }

                    return true;
                }

                if (lifetime.IsDisposable(type))
                {
                    // IDisposable comes from a base type whose Dispose cannot be overridden.
                    return false;
                }

                newInterface = "System.IDisposable";
                Title = $"Implement IDisposable and release '{channelName}' in Dispose()";
                if (type.IsSealed)
                {
                    AddNewMember($"public void Dispose()\n{{\n{Indented(release!)}}}", "Dispose()");
                }
                else
                {
                    AddNewMember("public void Dispose()\n{\n    Dispose(true);\n    global::System.GC.SuppressFinalize(this);\n}", "Dispose()");
                    AddNewMember($"protected virtual void Dispose(bool disposing)\n{{\n    if (disposing)\n    {{\n{Indented(release!, 2)}    }}\n}}", "Dispose()");
                }

                return true;
            }

            private bool Target(IMethodSymbol teardown, string name)
            {
                var syntax = teardown.DeclaringSyntaxReferences
                    .Select(r => r.GetSyntax(cancellationToken))
                    .OfType<MethodDeclarationSyntax>()
                    .FirstOrDefault(m => m.SyntaxTree == root.SyntaxTree && declaration.Span.Contains(m.Span));
                if (syntax is null || (syntax.Body is null && syntax.ExpressionBody is null))
                {
                    return false;
                }

                teardownTarget = syntax;
                teardownSymbol = teardown;
                if (Title.Length == 0)
                {
                    Title = $"Release '{channelName}' in {name}()";
                }

                return true;
            }

            private void AddNewMember(string text, string display)
            {
                newMembers.Add(TeardownEditing.ParseMember(text, newLine));
                if (Title.Length == 0)
                {
                    Title = $"Release '{channelName}' in a new {display}";
                }
            }

            private string Indented(StatementSyntax statement, int levels = 1)
            {
                var indent = new string(' ', 4 * levels);
                var lines = statement.ToFullString().Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
                return string.Concat(lines.Select(line => indent + line + "\n"));
            }

            private static bool IsPublicInstance(IMethodSymbol method)
                => method.DeclaredAccessibility == Accessibility.Public && !method.IsStatic;

            private bool IsValueTaskDisposeAsync(IMethodSymbol method)
                => LifetimeModel.IsDisposeAsyncShape(method)
                    && SymbolEqualityComparer.Default.Equals(method.ReturnType, Compilation.GetTypeByMetadataName("System.Threading.Tasks.ValueTask"));

            private FieldDeclarationSyntax FieldFor(ITypeSymbol channelType, string name, int position)
            {
                var annotated = model.GetNullableContext(position).AnnotationsEnabled() && channelType.IsReferenceType
                    ? channelType.WithNullableAnnotation(NullableAnnotation.Annotated)
                    : channelType;
                var typeName = annotated.ToMinimalDisplayString(model, position);
                return (FieldDeclarationSyntax)SyntaxFactory.ParseMemberDeclaration($"private {typeName} {name};")!;
            }

            /// <summary>True when the type already releases <paramref name="field"/> (an earlier fix of Fix All did).</summary>
            private bool AlreadyReleased(ISymbol field)
            {
                foreach (var invocation in declaration.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (!(model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation))
                    {
                        continue;
                    }

                    var name = operation.TargetMethod.Name;
                    IOperation? channel = name == "Unsubscribe" ? operation.Instance
                        : name == "Remove" && operation.Arguments.Length == 1 ? operation.Arguments[0].Value
                        : null;
                    if (channel != null && SymbolEqualityComparer.Default.Equals(ChannelSlots.GetSlot(SymbolPath.Unwrap(channel)), field))
                    {
                        return true;
                    }
                }

                return false;
            }

            /// <summary>
            /// True when the type now removes channels of <paramref name="client"/> (an earlier fix of Fix All added
            /// that): the analyzer no longer reports a local or discarded channel then. A <c>Disconnect()</c> does not
            /// count: it leaves the channels cached, and the analyzer reports beside it.
            /// </summary>
            private bool ClientAlreadyReleased(string? client)
            {
                var sdk = Sdk.SdkSymbols.TryCreate(Compilation);
                if (sdk is null)
                {
                    return false;
                }

                foreach (var invocation in declaration.DescendantNodes().OfType<InvocationExpressionSyntax>())
                {
                    if (invocation.Expression is MemberAccessExpressionSyntax access
                        && access.Name.Identifier.ValueText == "Remove"
                        && (client is null || access.Expression.ToString() == client)
                        && model.GetOperation(invocation, cancellationToken) is IInvocationOperation operation
                        && sdk.IsRealtimeClient(operation.TargetMethod.ContainingType))
                    {
                        return true;
                    }
                }

                return false;
            }

            public async Task<Document> ApplyAsync(CancellationToken token)
            {
                var nodes = new List<SyntaxNode>(statementEdits.Keys);
                if (teardownTarget != null)
                {
                    nodes.Add(teardownTarget);
                }

                var updated = declaration.TrackNodes(nodes);
                foreach (var edit in statementEdits)
                {
                    var current = updated.GetCurrentNode(edit.Key);
                    if (current != null)
                    {
                        updated = edit.Value.Length == 1
                            ? updated.ReplaceNode(current, edit.Value[0])
                            : updated.ReplaceNode(current, edit.Value);
                    }
                }

                if (teardownTarget != null && teardownSymbol != null && release != null)
                {
                    var current = updated.GetCurrentNode(teardownTarget);
                    if (current != null)
                    {
                        updated = updated.ReplaceNode(current, TeardownEditing.AppendStatement(current, release, teardownSymbol, Compilation, newLine));
                    }
                }

                TypeDeclarationSyntax result = updated;
                if (newField != null)
                {
                    result = TeardownEditing.AddField(result, newField, newLine);
                }

                foreach (var member in newMembers)
                {
                    result = TeardownEditing.AddMemberAtEnd(result, member);
                }

                if (newInterface != null)
                {
                    var generator = SyntaxGenerator.GetGenerator(document);
                    result = (TypeDeclarationSyntax)generator.AddInterfaceType(result, TeardownEditing.ImportedType(newInterface));
                    if (result.BaseList != null)
                    {
                        result = result.ReplaceNode(result.BaseList, result.BaseList.WithAdditionalAnnotations(Formatter.Annotation));
                    }
                }

                var changed = document.WithSyntaxRoot(root.ReplaceNode(declaration, result));
                return await TeardownEditing.CleanUpAsync(changed, token).ConfigureAwait(false);
            }
        }
    }
}
