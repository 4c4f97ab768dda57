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
            context.RegisterSyntaxNodeAction(c => AnalyzeComposite(c, compilation), SyntaxKind.AddExpression, SyntaxKind.InterpolatedStringExpression);
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

        private static void AnalyzeComposite(SyntaxNodeAnalysisContext context, SdkCompilation compilation)
        {
            // The syntax checks first (a hole or an operand that cannot be constant rules the expression out, and so
            // does text no key holds), then the tree (whether it is generated code, judged once per tree, so only for
            // what is left), then the semantic model.
            var node = (ExpressionSyntax)context.Node;
            var interpolated = node as InterpolatedStringExpressionSyntax;
            if (interpolated != null ? !MayBeConstantInterpolation(interpolated) : !MayBeStringConstant((BinaryExpressionSyntax)node))
            {
                return;
            }

            var value = interpolated != null ? TextWithoutHoles(interpolated) : null;
            if (value is null)
            {
                // Folding binds the member's body: not done for a composite that reports nothing whatever its names hold.
                if (CannotHoldKey(node) || !compilation.Scope.ShouldAnalyze(node.SyntaxTree))
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

            // Only the outermost constant reports (asked before the key checks: each part of a long chain of constants
            // is a composite of its own, and the check for a key literal reads all of its parts).
            var parent = CompositeParent(node);
            if (parent != null && IsStringConstant(context.SemanticModel, parent, context.CancellationToken))
            {
                return;
            }

            var kind = SupabaseKeys.KindOf(value);
            if (kind == SupabaseKeys.SecretKind.None)
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

        /// <summary>
        /// Only string literals, interpolated strings, names (constants), <c>null</c> and nested
        /// concatenations can make a string constant: any other operand rules the semantic model out at once.
        /// </summary>
        private static bool MayBeStringConstant(BinaryExpressionSyntax add)
            => MayBeConstantPart(add.Left) && MayBeConstantPart(add.Right);

        private static bool MayBeConstantPart(ExpressionSyntax operand)
        {
            var leaf = Unwrap(operand);
            switch (leaf.Kind())
            {
                case SyntaxKind.StringLiteralExpression:
                case SyntaxKind.IdentifierName:
                case SyntaxKind.SimpleMemberAccessExpression:
                case SyntaxKind.AliasQualifiedName:
                case SyntaxKind.QualifiedName:
                case SyntaxKind.NullLiteralExpression:
                case SyntaxKind.DefaultLiteralExpression:
                case SyntaxKind.DefaultExpression:
                    return true;
                case SyntaxKind.AddExpression:
                    return MayBeStringConstant((BinaryExpressionSyntax)leaf);
                case SyntaxKind.InterpolatedStringExpression:
                    return MayBeConstantInterpolation((InterpolatedStringExpressionSyntax)leaf);
                default:
                    return false;
            }
        }

        /// <summary>A constant interpolated string has only constant string holes, without alignment or format.</summary>
        private static bool MayBeConstantInterpolation(InterpolatedStringExpressionSyntax interpolated)
        {
            foreach (var content in interpolated.Contents)
            {
                if (content is InterpolationSyntax hole
                    && (hole.AlignmentClause != null || hole.FormatClause != null || !MayBeConstantPart(hole.Expression)))
                {
                    return false;
                }
            }

            return true;
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

        /// <summary>
        /// True when the composite <paramref name="node"/> (already shaped like a constant) reports nothing, whatever
        /// constants its names hold: its literal text has a character that no key has (a space, a colon, a slash), so
        /// its value is no key, and none of its literals is a key by itself. Its names need no binding then.
        /// </summary>
        private static bool CannotHoldKey(ExpressionSyntax node)
        {
            var foreign = false;
            var pending = new Stack<ExpressionSyntax>();
            pending.Push(node);
            while (pending.Count > 0)
            {
                switch (Unwrap(pending.Pop()))
                {
                    case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.StringLiteralExpression):
                        if (!NoKeyIn(literal.Token.ValueText, ref foreign))
                        {
                            return false;
                        }

                        break;
                    case BinaryExpressionSyntax add when add.IsKind(SyntaxKind.AddExpression):
                        pending.Push(add.Right);
                        pending.Push(add.Left);
                        break;
                    case InterpolatedStringExpressionSyntax interpolated:
                        foreach (var content in interpolated.Contents)
                        {
                            if (content is InterpolatedStringTextSyntax text)
                            {
                                if (!NoKeyIn(text.TextToken.ValueText, ref foreign))
                                {
                                    return false;
                                }
                            }
                            else if (content is InterpolationSyntax hole)
                            {
                                pending.Push(hole.Expression);
                            }
                        }

                        break;
                }
            }

            return foreign;
        }

        /// <summary>False when <paramref name="text"/> is a key by itself; notes whether it has a character no key has.</summary>
        private static bool NoKeyIn(string text, ref bool foreign)
        {
            if (SupabaseKeys.KindOf(text) != SupabaseKeys.SecretKind.None)
            {
                return false;
            }

            foreign |= !SupabaseKeys.MayBeInKey(text);
            return true;
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
