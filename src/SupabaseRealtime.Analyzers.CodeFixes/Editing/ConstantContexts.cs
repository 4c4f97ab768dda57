using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace SupabaseRealtime.Analyzers.CodeFixes.Editing
{
    /// <summary>Where C# requires a compile-time constant: there a constant cannot become a run-time value.</summary>
    internal static class ConstantContexts
    {
        /// <summary>
        /// True when <paramref name="node"/> sits where the language requires a constant: an attribute
        /// argument, a <c>case</c> label or <c>goto case</c>, a pattern, the right side of <c>is</c>, a
        /// parameter's default value, the initializer of a <c>const</c> field or local, or an enum member.
        /// </summary>
        public static bool IsConstantRequired(SyntaxNode node)
        {
            var current = node;
            for (var parent = node.Parent; parent != null; current = parent, parent = parent.Parent)
            {
                switch (parent)
                {
                    case AttributeArgumentSyntax _:
                    case CaseSwitchLabelSyntax _:
                    case PatternSyntax _:
                    case EnumMemberDeclarationSyntax _:
                        return true;
                    case ParameterSyntax parameter:
                        return parameter.Default != null && parameter.Default == current;
                    case GotoStatementSyntax gotoStatement:
                        return gotoStatement.IsKind(SyntaxKind.GotoCaseStatement);
                    case BinaryExpressionSyntax binary when binary.IsKind(SyntaxKind.IsExpression):
                        return binary.Right == current;
                    case VariableDeclaratorSyntax declarator:
                        return declarator.Initializer == current && IsConstDeclarator(declarator);
                    case WhenClauseSyntax _:
                    case SwitchExpressionArmSyntax _:
                    case AnonymousFunctionExpressionSyntax _:
                    case StatementSyntax _:
                    case MemberDeclarationSyntax _:
                    case ArrowExpressionClauseSyntax _:
                    case AccessorDeclarationSyntax _:
                        return false;
                }
            }

            return false;
        }

        /// <summary>True when <paramref name="declarator"/> declares a <c>const</c> field or local.</summary>
        public static bool IsConstDeclarator(VariableDeclaratorSyntax declarator)
        {
            switch (declarator.Parent?.Parent)
            {
                case FieldDeclarationSyntax field:
                    return field.Modifiers.Any(SyntaxKind.ConstKeyword);
                case LocalDeclarationStatementSyntax local:
                    return local.IsConst;
                default:
                    return false;
            }
        }
    }
}
