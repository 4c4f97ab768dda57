using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>
    /// The value an argument has when the code makes it constant without the compiler calling it one: a local written
    /// once from a constant, a <c>static readonly</c> string field with a literal initializer, an interpolation or a
    /// concatenation of such values. Anything else is unknown, and unknown never matches.
    /// </summary>
    internal static class ConstantFolding
    {
        private const int MaxDepth = 4;

        public static Optional<object?> Fold(IOperation? value) => Fold(value, 0);

        private static Optional<object?> Fold(IOperation? value, int depth)
        {
            if (value is null)
            {
                return default;
            }

            if (value.ConstantValue.HasValue)
            {
                return value.ConstantValue;
            }

            if (depth >= MaxDepth)
            {
                return default;
            }

            switch (value)
            {
                case IConversionOperation conversion when conversion.Conversion.IsIdentity || conversion.Conversion.IsImplicit:
                    return Fold(conversion.Operand, depth);
                case IParenthesizedOperation parenthesized:
                    return Fold(parenthesized.Operand, depth);
                case ILocalReferenceOperation local:
                    return FoldLocal(local, depth);
                case IFieldReferenceOperation field:
                    return FoldStaticReadonly(field.Field);
                case IInterpolatedStringOperation interpolated:
                    return FoldInterpolation(interpolated, depth);
                case IBinaryOperation { OperatorKind: BinaryOperatorKind.Add } binary
                    when binary.Type?.SpecialType == SpecialType.System_String:
                {
                    var left = Fold(binary.LeftOperand, depth + 1);
                    var right = Fold(binary.RightOperand, depth + 1);
                    return left.HasValue && right.HasValue ? new Optional<object?>(string.Concat(left.Value, right.Value)) : default;
                }

                default:
                    return default;
            }
        }

        private static Optional<object?> FoldInterpolation(IInterpolatedStringOperation interpolated, int depth)
        {
            var text = new StringBuilder();
            foreach (var part in interpolated.Parts)
            {
                switch (part)
                {
                    case IInterpolatedStringTextOperation literal when literal.Text.ConstantValue.Value is string s:
                        text.Append(s);
                        break;
                    case IInterpolationOperation hole when hole.Alignment is null && hole.FormatString is null:
                        var value = Fold(hole.Expression, depth + 1);
                        if (!value.HasValue || !(value.Value is string piece))
                        {
                            return default;
                        }

                        text.Append(piece);
                        break;
                    default:
                        return default;
                }
            }

            return text.ToString();
        }

        /// <summary><c>var topic = "lobby";</c> and never written again in its function.</summary>
        private static Optional<object?> FoldLocal(ILocalReferenceOperation reference, int depth)
            => SingleInitializer(reference) is { } initializer ? Fold(initializer, depth + 1) : default;

        /// <summary>The initializer of a local that nothing in its function writes again, or null.</summary>
        public static IOperation? SingleInitializer(ILocalReferenceOperation reference) => LocalWrites.Of(reference).OnlyInitializer;

        /// <summary>
        /// <c>static readonly string Topic = "lobby";</c> in a type with no static constructor that could write it again.
        /// Read from the declaration's literal: no semantic model of another tree is needed.
        /// </summary>
        private static Optional<object?> FoldStaticReadonly(IFieldSymbol field)
        {
            if (!field.IsStatic || !field.IsReadOnly || field.Type.SpecialType != SpecialType.System_String
                || field.DeclaringSyntaxReferences.Length != 1)
            {
                return default;
            }

            foreach (var constructor in field.ContainingType.StaticConstructors)
            {
                if (!constructor.IsImplicitlyDeclared)
                {
                    return default;
                }
            }

            return field.DeclaringSyntaxReferences[0].GetSyntax() is VariableDeclaratorSyntax declarator
                && declarator.Initializer?.Value is LiteralExpressionSyntax literal
                && literal.Token.Value is string text
                ? new Optional<object?>(text)
                : default;
        }
    }
}
