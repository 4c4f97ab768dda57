using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>
    /// Update-style methods and their insert-or-update counterparts (<c>Update</c> → <c>Upsert</c>,
    /// <c>InsertOrReplace</c>, <c>AddOrUpdate</c>, <c>Put</c>; <c>UpdateAsync</c> → <c>UpsertAsync</c>, ...), plus the
    /// pairs configured with <c>supabase_realtime.SRT003.upsert_methods</c>, and the check that a receiver really
    /// offers a counterpart that accepts the call's arguments.
    /// </summary>
    internal sealed class UpsertMethods
    {
        /// <summary>The option that adds pairs: <c>Update=Upsert, Save=SaveOrInsert</c>.</summary>
        public const string OptionName = "upsert_methods";

        private static readonly ImmutableArray<(string Update, string Upsert)> Defaults = ImmutableArray.Create(
            ("Update", "Upsert"),
            ("Update", "InsertOrReplace"),
            ("Update", "AddOrUpdate"),
            ("Update", "Put"),
            ("UpdateAsync", "UpsertAsync"),
            ("UpdateAsync", "InsertOrReplaceAsync"),
            ("UpdateAsync", "PutAsync"));

        private readonly Dictionary<string, List<string>> counterparts;

        private UpsertMethods(Dictionary<string, List<string>> counterparts)
        {
            this.counterparts = counterparts;
        }

        /// <summary>The default pairs, after the configured ones (configured pairs are tried first).</summary>
        public static UpsertMethods Create(ImmutableArray<(string Key, string Value)> configured)
        {
            var map = new Dictionary<string, List<string>>(System.StringComparer.Ordinal);
            foreach (var (update, upsert) in configured)
            {
                Add(map, update, upsert);
            }

            foreach (var (update, upsert) in Defaults)
            {
                Add(map, update, upsert);
            }

            return new UpsertMethods(map);
        }

        /// <summary>True when <paramref name="name"/> is an update-style method name.</summary>
        public bool IsUpdateName(string name) => counterparts.ContainsKey(name);

        /// <summary>
        /// The first counterpart of the invoked update-style method that the receiver's type offers (its own members,
        /// base types, interfaces, and extension methods in scope at the call) and that accepts the call's arguments;
        /// null when there is none, or when the call is one this cannot judge.
        /// </summary>
        public IMethodSymbol? FindCounterpart(IInvocationOperation invocation, SemanticModel model, CancellationToken cancellationToken)
        {
            var method = invocation.TargetMethod;
            if (method is null
                || !counterparts.TryGetValue(method.Name, out var names)
                || !(invocation.Syntax is InvocationExpressionSyntax syntax))
            {
                return null;
            }

            var receiverType = ReceiverType(invocation);
            if (receiverType is null || receiverType.TypeKind == TypeKind.Error)
            {
                return null;
            }

            var explicitTypeArguments = NameOf(syntax) is GenericNameSyntax generic ? generic.TypeArgumentList.Arguments.Count : 0;
            var position = syntax.SpanStart;

            // The type's own members (base types and interfaces included) first; extension methods in scope only when
            // none fits, as their lookup walks every imported namespace.
            foreach (var withExtensions in new[] { false, true })
            {
                foreach (var name in names)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    foreach (var symbol in model.LookupSymbols(position, receiverType, name, includeReducedExtensionMethods: withExtensions))
                    {
                        if (!(symbol is IMethodSymbol candidate)
                            || (withExtensions && candidate.MethodKind != MethodKind.ReducedExtension)
                            || (candidate.IsStatic && candidate.MethodKind != MethodKind.ReducedExtension))
                        {
                            continue;
                        }

                        var constructed = WithTypeArguments(candidate, method, explicitTypeArguments);
                        if (constructed != null && Accepts(constructed, syntax.ArgumentList, model, cancellationToken))
                        {
                            return constructed;
                        }
                    }
                }
            }

            return null;
        }

        /// <summary>The name an invocation calls (<c>x.Update</c>, <c>x?.Update</c>, <c>Update</c>, generic forms).</summary>
        public static SimpleNameSyntax? NameOf(InvocationExpressionSyntax invocation)
        {
            switch (invocation.Expression)
            {
                case MemberAccessExpressionSyntax memberAccess:
                    return memberAccess.Name;
                case MemberBindingExpressionSyntax memberBinding:
                    return memberBinding.Name;
                case SimpleNameSyntax simpleName:
                    return simpleName;
                default:
                    return null;
            }
        }

        private static void Add(Dictionary<string, List<string>> map, string update, string upsert)
        {
            if (!map.TryGetValue(update, out var list))
            {
                list = new List<string>();
                map.Add(update, list);
            }

            if (!list.Contains(upsert))
            {
                list.Add(upsert);
            }
        }

        /// <summary>The type the method is looked up on: the instance's type, or the extended type for an extension call.</summary>
        private static ITypeSymbol? ReceiverType(IInvocationOperation invocation)
        {
            var method = invocation.TargetMethod;
            if (invocation.Instance != null)
            {
                return invocation.Instance.Type;
            }

            if (method.IsExtensionMethod && invocation.Arguments.Length > 0)
            {
                var receiver = invocation.Arguments[0].Value;
                while (receiver is IConversionOperation conversion && conversion.IsImplicit)
                {
                    receiver = conversion.Operand;
                }

                return receiver.Type;
            }

            // A static call: no receiver to look a counterpart up on.
            return null;
        }

        /// <summary>The candidate with the call's type arguments, or null when they cannot carry over.</summary>
        private static IMethodSymbol? WithTypeArguments(IMethodSymbol candidate, IMethodSymbol invoked, int explicitTypeArguments)
        {
            if (candidate.TypeParameters.Length == 0)
            {
                return explicitTypeArguments == 0 ? candidate : null;
            }

            if (candidate.TypeParameters.Length != invoked.TypeArguments.Length || explicitTypeArguments == 0 && !invoked.IsGenericMethod)
            {
                return null;
            }

            var definition = candidate.MethodKind == MethodKind.ReducedExtension ? candidate : candidate.OriginalDefinition;
            try
            {
                return definition.Construct(invoked.TypeArguments.ToArray());
            }
            catch (System.ArgumentException)
            {
                return null;
            }
        }

        /// <summary>True when every argument as written converts implicitly to a parameter and every other parameter is optional.</summary>
        private static bool Accepts(IMethodSymbol candidate, ArgumentListSyntax arguments, SemanticModel model, CancellationToken cancellationToken)
        {
            var parameters = candidate.Parameters;
            var assigned = new bool[parameters.Length];
            var position = 0;
            foreach (var argument in arguments.Arguments)
            {
                cancellationToken.ThrowIfCancellationRequested();
                IParameterSymbol? parameter = null;
                var expanded = false;
                if (argument.NameColon != null)
                {
                    var name = argument.NameColon.Name.Identifier.ValueText;
                    for (var i = 0; i < parameters.Length; i++)
                    {
                        if (parameters[i].Name == name)
                        {
                            parameter = parameters[i];
                            break;
                        }
                    }
                }
                else if (position < parameters.Length)
                {
                    parameter = parameters[position];
                    expanded = parameter.IsParams && position == parameters.Length - 1 && arguments.Arguments.Count > parameters.Length;
                    position++;
                }
                else if (parameters.Length > 0 && parameters[parameters.Length - 1].IsParams)
                {
                    parameter = parameters[parameters.Length - 1];
                    expanded = true;
                }

                if (parameter is null)
                {
                    return false;
                }

                var index = parameter.Ordinal;
                if (assigned[index] && !expanded)
                {
                    return false;
                }

                assigned[index] = true;
                if (!ArgumentFits(argument, parameter, expanded, model))
                {
                    return false;
                }
            }

            for (var i = 0; i < parameters.Length; i++)
            {
                if (!assigned[i] && !parameters[i].IsOptional && !parameters[i].IsParams)
                {
                    return false;
                }
            }

            return true;
        }

        private static bool ArgumentFits(ArgumentSyntax argument, IParameterSymbol parameter, bool expanded, SemanticModel model)
        {
            var refKind = argument.RefKindKeyword.Kind() switch
            {
                SyntaxKind.RefKeyword => RefKind.Ref,
                SyntaxKind.OutKeyword => RefKind.Out,
                SyntaxKind.InKeyword => RefKind.In,
                _ => RefKind.None,
            };

            if (refKind != RefKind.None || parameter.RefKind == RefKind.Ref || parameter.RefKind == RefKind.Out)
            {
                // By-reference arguments must match exactly.
                return refKind == parameter.RefKind
                    && SymbolEqualityComparer.Default.Equals(model.GetTypeInfo(argument.Expression).Type, parameter.Type);
            }

            var target = parameter.Type;
            if (expanded)
            {
                if (!(target is IArrayTypeSymbol array))
                {
                    return false;
                }

                target = array.ElementType;
            }

            if (target is null || target.TypeKind == TypeKind.Error)
            {
                return false;
            }

            var conversion = model.ClassifyConversion(argument.Expression, target);
            if (conversion.Exists && conversion.IsImplicit)
            {
                return true;
            }

            // A params parameter also takes a single element in expanded form.
            if (!expanded && parameter.IsParams && parameter.Type is IArrayTypeSymbol paramsArray)
            {
                var element = model.ClassifyConversion(argument.Expression, paramsArray.ElementType);
                return element.Exists && element.IsImplicit;
            }

            return false;
        }
    }
}
