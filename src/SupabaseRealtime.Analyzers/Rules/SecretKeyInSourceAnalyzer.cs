using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Text;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using SupabaseRealtime.Analyzers.Infrastructure;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Rules
{
    /// <summary>
    /// SRT008: a string constant in C# source that is a Supabase secret key (a service-role JWT or an
    /// <c>sb_secret_</c> key). One diagnostic per constant: a literal on its own, or the whole constant
    /// expression (concatenation, interpolation of constants) that contains it.
    /// </summary>
    /// <remarks>
    /// Registered on syntax rather than operations, for two reasons. A string literal is judged from its
    /// token alone, with no semantic model, so the common case (a literal that is not a key) costs a
    /// character comparison; and attribute arguments, where operation callbacks do not reach on the older
    /// hosts this package supports, are covered too. The semantic model is asked for constant values only
    /// for string concatenations and interpolations, and for a literal only once it already looks like a key.
    /// </remarks>
    internal sealed class SecretKeyInSourceAnalyzer : SdkRule
    {
        public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(Descriptors.SRT008);

        protected override void Register(CompilationStartAnalysisContext context, SdkCompilation compilation)
        {
            context.RegisterSyntaxNodeAction(c => AnalyzeLiteral(c, compilation), SyntaxKind.StringLiteralExpression);
            var shapes = new Shapes();
            context.RegisterSyntaxNodeAction(c => AnalyzeComposite(c, compilation, shapes), SyntaxKind.AddExpression, SyntaxKind.InterpolatedStringExpression);
        }

        private static void AnalyzeLiteral(SyntaxNodeAnalysisContext context, SdkCompilation compilation)
        {
            // The key check first: it rejects nearly every literal without a look at the tree.
            var literal = (LiteralExpressionSyntax)context.Node;
            if (!SupabaseKeys.IsSecretKey(literal.Token.ValueText) || !compilation.Scope.ShouldAnalyze(context.Node.SyntaxTree))
            {
                return;
            }

            // Part of a larger constant (a concatenation or interpolation of constants)? That one reports.
            var parent = CompositeParent(literal);
            if (parent != null && IsStringConstant(context.SemanticModel, parent, context.CancellationToken))
            {
                return;
            }

            Report(context, compilation, literal, SupabaseKeys.KindOf(literal.Token.ValueText));
        }

        private static void AnalyzeComposite(SyntaxNodeAnalysisContext context, SdkCompilation compilation, Shapes shapes)
        {
            // The syntax checks first (a hole or an operand that cannot be constant rules the expression out, and so
            // does text no key holds), then the tree (whether it is generated code, judged once per tree, so only for
            // what is left), then the semantic model.
            var node = (ExpressionSyntax)context.Node;
            var shape = shapes.Of(node);
            if (!shape.MayBeConstant)
            {
                return;
            }

            var interpolated = node as InterpolatedStringExpressionSyntax;
            var value = interpolated != null ? TextWithoutHoles(interpolated) : null;
            if (value is null)
            {
                // Folding binds the member's body: not done for a composite that reports nothing whatever its names hold.
                if (shape.CannotHoldKey || !compilation.Scope.ShouldAnalyze(node.SyntaxTree))
                {
                    return;
                }

                value = ConstantString(context.SemanticModel, node, context.CancellationToken);
                if (value is null)
                {
                    return;
                }
            }
            else if (!compilation.Scope.ShouldAnalyze(node.SyntaxTree))
            {
                return;
            }

            // Only the outermost constant reports.
            var parent = CompositeParent(node);
            if (parent != null && IsStringConstant(context.SemanticModel, parent, context.CancellationToken))
            {
                return;
            }

            // A key literal inside it reports the whole (its shape says whether there is one, the walk finds which).
            var kind = SupabaseKeys.KindOf(value);
            if (kind == SupabaseKeys.SecretKind.None && shape.KeyLiteral)
            {
                kind = KeyLiteralKind(node);
            }

            if (kind != SupabaseKeys.SecretKind.None)
            {
                Report(context, compilation, node, kind);
            }
        }

        private static void Report(SyntaxNodeAnalysisContext context, SdkCompilation compilation, ExpressionSyntax node, SupabaseKeys.SecretKind kind)
        {
            var (what, leaked) = Describe(kind);
            compilation.Scope.Report(context.ReportDiagnostic, Diagnostic.Create(Descriptors.SRT008, node.GetLocation(), what, leaked));
        }

        /// <summary>
        /// What the key is and what revoking a leaked one takes, per kind. A legacy service_role key is a JWT signed with
        /// the project's legacy JWT secret, valid until that secret is rotated or the legacy keys are disabled; a secret
        /// API key (sb_secret_) is not a JWT and is deleted on its own in the project's API key settings.
        /// </summary>
        internal static (string What, string Leaked) Describe(SupabaseKeys.SecretKind kind)
        {
            switch (kind)
            {
                case SupabaseKeys.SecretKind.SecretApiKey:
                    return ("a Supabase secret API key (sb_secret_...)",
                        "a leaked one can be deleted on its own in the project's API key settings, without touching the other keys");
                case SupabaseKeys.SecretKind.SupabaseAdminJwt:
                    return ("a Supabase JWT for the supabase_admin role",
                        "a leaked one stays valid until the secret that signed it is rotated");
                default:
                    return ("a legacy Supabase service_role key (a JWT)",
                        "a leaked one stays valid until the project's legacy JWT secret is rotated or its legacy API keys are disabled");
            }
        }

        /// <summary>
        /// The expression that <paramref name="node"/> is a constant part of, when there is one: the enclosing
        /// concatenation or interpolated string, looking through parentheses and casts.
        /// </summary>
        private static ExpressionSyntax? CompositeParent(ExpressionSyntax node)
        {
            SyntaxNode current = node;
            while (true)
            {
                var parent = current.Parent;
                switch (parent)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        current = parenthesized;
                        continue;
                    case CastExpressionSyntax cast when cast.Expression == current:
                        current = cast;
                        continue;
                    case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.AddExpression):
                        return binary;
                    case InterpolationSyntax interpolation when interpolation.Expression == current:
                        return interpolation.Parent as InterpolatedStringExpressionSyntax;
                    default:
                        return null;
                }
            }
        }

        private static bool IsStringConstant(SemanticModel model, ExpressionSyntax node, CancellationToken cancellationToken)
            => (node is InterpolatedStringExpressionSyntax interpolated && TextWithoutHoles(interpolated) != null)
               || ConstantString(model, node, cancellationToken) != null;

        private static string? ConstantString(SemanticModel model, ExpressionSyntax node, CancellationToken cancellationToken)
        {
            var constant = model.GetConstantValue(node, cancellationToken);
            return constant.HasValue ? constant.Value as string : null;
        }

        /// <summary>The value of an interpolated string with no holes (a constant in every language version), or null.</summary>
        private static string? TextWithoutHoles(InterpolatedStringExpressionSyntax interpolated)
        {
            var contents = interpolated.Contents;
            if (contents.Count == 0)
            {
                return string.Empty;
            }

            if (contents.Count == 1)
            {
                return contents[0] is InterpolatedStringTextSyntax only ? only.TextToken.ValueText : null;
            }

            var builder = new StringBuilder();
            foreach (var content in contents)
            {
                if (!(content is InterpolatedStringTextSyntax text))
                {
                    return null;
                }

                builder.Append(text.TextToken.ValueText);
            }

            return builder.ToString();
        }

        private static ExpressionSyntax Unwrap(ExpressionSyntax expression)
        {
            while (true)
            {
                switch (expression)
                {
                    case ParenthesizedExpressionSyntax parenthesized:
                        expression = parenthesized.Expression;
                        continue;
                    case CastExpressionSyntax cast:
                        expression = cast.Expression;
                        continue;
                    default:
                        return expression;
                }
            }
        }

        /// <summary>What the syntax of a composite (a concatenation or an interpolated string) says of it.</summary>
        private readonly struct Shape
        {
            public Shape(bool mayBeConstant, bool foreign, bool keyLiteral)
            {
                MayBeConstant = mayBeConstant;
                Foreign = foreign;
                KeyLiteral = keyLiteral;
            }

            /// <summary>
            /// Only string literals, interpolated strings, names (constants), <c>null</c>, <c>default</c> and nested
            /// composites make it up, and no hole has an alignment or a format: it may be a string constant.
            /// </summary>
            public bool MayBeConstant { get; }

            /// <summary>Some literal text in it has a character that no key has (a space, a colon, a slash).</summary>
            public bool Foreign { get; }

            /// <summary>One of its literals (or text parts) is a key by itself.</summary>
            public bool KeyLiteral { get; }

            /// <summary>
            /// It reports nothing, whatever constants its names hold: its value is no key (its text has a character no
            /// key has), and none of its literals is one. Its names need no binding then.
            /// </summary>
            public bool CannotHoldKey => Foreign && !KeyLiteral;

            public Shape With(Shape part) => new Shape(MayBeConstant && part.MayBeConstant, Foreign || part.Foreign, KeyLiteral || part.KeyLiteral);
        }

        /// <summary>
        /// The shapes of composites, read in one pass over the outermost one: each part of a chain (<c>a + b + c</c> is
        /// <c>(a + b) + c</c>) is a composite with its own callback, which takes the shape its enclosing composite's pass
        /// left for it instead of reading its parts again. Iterative, so a chain of any length is read in linear time
        /// and without deep recursion.
        /// </summary>
        private sealed class Shapes
        {
            private readonly ConcurrentDictionary<SyntaxNode, Shape> parts = new ConcurrentDictionary<SyntaxNode, Shape>();

            public Shape Of(ExpressionSyntax composite)
            {
                if (parts.TryRemove(composite, out var known))
                {
                    return known;
                }

                // Most composites have no composite part (count + 1, "Hello " + name): read without allocating.
                if (!HasCompositePart(composite))
                {
                    return composite is InterpolatedStringExpressionSyntax flat
                        ? Combine(flat, null)
                        : PartOf(Unwrap(((BinaryExpressionSyntax)composite).Left), null).With(PartOf(Unwrap(((BinaryExpressionSyntax)composite).Right), null));
                }

                // Post-order over the composite's parts: a composite is combined once its parts are known.
                var done = new Dictionary<SyntaxNode, Shape>();
                var pending = new Stack<(ExpressionSyntax Node, bool Expanded)>();
                pending.Push((composite, false));
                while (pending.Count > 0)
                {
                    var (node, expanded) = pending.Pop();
                    switch (node)
                    {
                        case BinaryExpressionSyntax add when add.IsKind(SyntaxKind.AddExpression):
                            if (!expanded)
                            {
                                pending.Push((add, true));
                                pending.Push((Unwrap(add.Right), false));
                                pending.Push((Unwrap(add.Left), false));
                            }
                            else
                            {
                                done[add] = PartOf(Unwrap(add.Left), done).With(PartOf(Unwrap(add.Right), done));
                            }

                            break;
                        case InterpolatedStringExpressionSyntax interpolated:
                            if (!expanded)
                            {
                                pending.Push((interpolated, true));
                                foreach (var content in interpolated.Contents)
                                {
                                    if (content is InterpolationSyntax hole)
                                    {
                                        pending.Push((Unwrap(hole.Expression), false));
                                    }
                                }
                            }
                            else
                            {
                                done[interpolated] = Combine(interpolated, done);
                            }

                            break;
                    }
                }

                foreach (var entry in done)
                {
                    if (entry.Key != composite)
                    {
                        parts.TryAdd(entry.Key, entry.Value);
                    }
                }

                return done[composite];
            }

            private static bool HasCompositePart(ExpressionSyntax composite)
            {
                if (composite is BinaryExpressionSyntax add)
                {
                    return IsComposite(Unwrap(add.Left)) || IsComposite(Unwrap(add.Right));
                }

                foreach (var content in ((InterpolatedStringExpressionSyntax)composite).Contents)
                {
                    if (content is InterpolationSyntax hole && IsComposite(Unwrap(hole.Expression)))
                    {
                        return true;
                    }
                }

                return false;
            }

            private static bool IsComposite(ExpressionSyntax part)
                => part.IsKind(SyntaxKind.AddExpression) || part.IsKind(SyntaxKind.InterpolatedStringExpression);

            private static Shape Combine(InterpolatedStringExpressionSyntax interpolated, Dictionary<SyntaxNode, Shape>? done)
            {
                var shape = new Shape(mayBeConstant: true, foreign: false, keyLiteral: false);
                foreach (var content in interpolated.Contents)
                {
                    switch (content)
                    {
                        case InterpolatedStringTextSyntax text:
                            shape = shape.With(TextShape(text.TextToken.ValueText));
                            break;
                        case InterpolationSyntax hole:
                            shape = shape.With(PartOf(Unwrap(hole.Expression), done));
                            if (hole.AlignmentClause != null || hole.FormatClause != null)
                            {
                                shape = shape.With(new Shape(mayBeConstant: false, foreign: false, keyLiteral: false));
                            }

                            break;
                    }
                }

                return shape;
            }

            /// <summary>The shape of a part (parentheses and casts removed): a composite's from <paramref name="done"/>, a leaf's from its kind.</summary>
            private static Shape PartOf(ExpressionSyntax part, Dictionary<SyntaxNode, Shape>? done)
            {
                if (done != null && done.TryGetValue(part, out var composite))
                {
                    return composite;
                }

                switch (part.Kind())
                {
                    case SyntaxKind.StringLiteralExpression:
                        return TextShape(((LiteralExpressionSyntax)part).Token.ValueText);
                    case SyntaxKind.IdentifierName:
                    case SyntaxKind.SimpleMemberAccessExpression:
                    case SyntaxKind.AliasQualifiedName:
                    case SyntaxKind.QualifiedName:
                    case SyntaxKind.NullLiteralExpression:
                    case SyntaxKind.DefaultLiteralExpression:
                    case SyntaxKind.DefaultExpression:
                        return new Shape(mayBeConstant: true, foreign: false, keyLiteral: false);
                    default:
                        return new Shape(mayBeConstant: false, foreign: false, keyLiteral: false);
                }
            }

            private static Shape TextShape(string text)
                => new Shape(mayBeConstant: true, foreign: !SupabaseKeys.MayBeInKey(text), keyLiteral: SupabaseKeys.KindOf(text) != SupabaseKeys.SecretKind.None);
        }

        /// <summary>The kind of the first string literal inside the constant expression <paramref name="node"/> that is a key by itself.</summary>
        private static SupabaseKeys.SecretKind KeyLiteralKind(ExpressionSyntax node)
        {
            foreach (var descendant in node.DescendantNodes())
            {
                var kind = descendant switch
                {
                    LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression) => SupabaseKeys.KindOf(literal.Token.ValueText),
                    InterpolatedStringTextSyntax text => SupabaseKeys.KindOf(text.TextToken.ValueText),
                    _ => SupabaseKeys.SecretKind.None,
                };
                if (kind != SupabaseKeys.SecretKind.None)
                {
                    return kind;
                }
            }

            return SupabaseKeys.SecretKind.None;
        }
    }
}
