using System;
using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;

namespace SupabaseRealtime.Analyzers.Sdk
{
    /// <summary>
    /// Whether a body touches the SDK at all: the cheap tests every rule runs before it builds anything
    /// for a body (see <see cref="ReferencesSdk"/> and <see cref="CallsSdk"/>).
    /// </summary>
    internal sealed partial class SdkSymbols
    {
        private Func<IOperation, bool>? computeCallsSdk;
        private Func<IOperation, bool>? computeReferencesSdk;

        /// <summary>
        /// True when <paramref name="root"/> (a body) invokes any SDK method or creates any SDK object:
        /// the cheap test before building a control-flow graph for it. Computed once per body and
        /// compilation (SRT001 and SRT002 both ask it of the bodies they order).
        /// </summary>
        public bool CallsSdk(IOperation root)
            => OncePerBody(bodiesCallingSdk, root, computeCallsSdk ??= ComputeCallsSdk);

        private bool ComputeCallsSdk(IOperation root)
        {
            foreach (var operation in Operations.Descendants(root))
            {
                // By kind first: most operations are none of the three, and a kind test is cheaper than type tests.
                switch (operation.Kind)
                {
                    case OperationKind.Invocation when IsSdkMember(((IInvocationOperation)operation).TargetMethod):
                        return true;
                    case OperationKind.ObjectCreation when IsSdkMember(((IObjectCreationOperation)operation).Constructor):
                        return true;
                    case OperationKind.EventAssignment
                        when ((IEventAssignmentOperation)operation).EventReference is IEventReferenceOperation reference && IsSdkMember(reference.Event):
                        return true;
                }
            }

            return false;
        }

        /// <summary>
        /// True when <paramref name="body"/> touches the SDK at all: calls, creates or references an SDK
        /// member, or has an operation typed by an SDK type (or a type that derives from or implements
        /// one, or is constructed from one). A body for which this is false holds nothing any rule looks
        /// for, apart from calls to the type's own members. Computed once per body and compilation, and
        /// shared by the rules.
        /// </summary>
        public bool ReferencesSdk(IOperation body)
            => OncePerBody(bodiesReferencingSdk, body, computeReferencesSdk ??= ComputeReferencesSdk);

        /// <summary>
        /// A per-body answer remembered by the body's syntax (one object per body and compilation); a body
        /// without syntax is asked every time. The compute delegates are made once per compilation.
        /// </summary>
        private static bool OncePerBody(Memo<SyntaxNode, bool> memo, IOperation body, Func<IOperation, bool> compute)
        {
            var syntax = body.Syntax;
            if (syntax is null)
            {
                return compute(body);
            }

            if (memo.TryGetValue(syntax, out var known))
            {
                return known;
            }

            var answer = compute(body);
            memo.Add(syntax, answer);
            return answer;
        }

        private bool ComputeReferencesSdk(IOperation body)
        {
            var finder = new SdkUseFinder(this);
            try
            {
                finder.Visit(body);
                return finder.Found;
            }
            catch (InsufficientExecutionStackException)
            {
                // A tree too deep to walk recursively (a very long chain of + or ?.): walk it with a stack.
                return ComputeReferencesSdkWithStack(body);
            }
        }

        private bool ComputeReferencesSdkWithStack(IOperation body)
        {
            var finder = new SdkUseFinder(this);
            var pending = new Stack<IOperation>();
            pending.Push(body);
            while (pending.Count > 0)
            {
                var operation = pending.Pop();
                if (finder.Touches(operation))
                {
                    return true;
                }

                foreach (var child in operation.Children)
                {
                    if (child != null)
                    {
                        pending.Push(child);
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// Walks a body until it meets an operation that touches the SDK. The host's walker visits
        /// children without allocating (Roslyn 4 and later), and a few recently rejected types are
        /// remembered by reference, so the common case (a body of the project's own types) costs a
        /// virtual call and a comparison or two per operation.
        /// </summary>
        private sealed class SdkUseFinder : OperationWalker
        {
            private readonly SdkSymbols sdk;
            private ITypeSymbol? rejected0;
            private ITypeSymbol? rejected1;
            private ITypeSymbol? rejected2;
            private ITypeSymbol? rejected3;
            private int next;

            public SdkUseFinder(SdkSymbols sdk) => this.sdk = sdk;

            public bool Found { get; private set; }

            public override void Visit(IOperation? operation)
            {
                if (Found || operation is null)
                {
                    return;
                }

                if (Touches(operation))
                {
                    Found = true;
                    return;
                }

                base.Visit(operation);
            }

            public bool Touches(IOperation operation)
            {
                switch (operation.Kind)
                {
                    // No type, a type no SDK use can give (bool, string, System.Type, ...), or the type of
                    // an operand the walk checks anyway: nothing to look up.
                    case OperationKind.Argument:
                    case OperationKind.Block:
                    case OperationKind.ExpressionStatement:
                    case OperationKind.Return:
                    case OperationKind.YieldReturn:
                    case OperationKind.YieldBreak:
                    case OperationKind.Literal:
                    case OperationKind.MethodBody:
                    case OperationKind.ConstructorBody:
                    case OperationKind.VariableDeclarationGroup:
                    case OperationKind.VariableDeclaration:
                    case OperationKind.VariableInitializer:
                    case OperationKind.Binary:
                    case OperationKind.Unary:
                    case OperationKind.Interpolation:
                    case OperationKind.InterpolatedString:
                    case OperationKind.InterpolatedStringText:
                    case OperationKind.Conditional:
                    case OperationKind.Coalesce:
                    case OperationKind.SimpleAssignment:
                    case OperationKind.CompoundAssignment:
                    case OperationKind.Increment:
                    case OperationKind.Decrement:
                    case OperationKind.IsNull:
                    case OperationKind.IsType:
                    case OperationKind.IsPattern:
                    case OperationKind.NameOf:
                    case OperationKind.TypeOf:
                    case OperationKind.SizeOf:
                    case OperationKind.Branch:
                    case OperationKind.Labeled:
                    case OperationKind.Empty:
                    case OperationKind.AnonymousFunction:
                    case OperationKind.LocalFunction:
                        return false;
                    case OperationKind.Invocation:
                        return sdk.IsSdkMember(((IInvocationOperation)operation).TargetMethod) || TypeTouches(operation.Type);
                    case OperationKind.ObjectCreation:
                        return sdk.IsSdkMember(((IObjectCreationOperation)operation).Constructor) || TypeTouches(operation.Type);
                    case OperationKind.FieldReference:
                    case OperationKind.PropertyReference:
                    case OperationKind.EventReference:
                    case OperationKind.MethodReference:
                        return sdk.IsSdkMember(((IMemberReferenceOperation)operation).Member) || TypeTouches(operation.Type);
                    case OperationKind.VariableDeclarator:
                        return TypeTouches(((IVariableDeclaratorOperation)operation).Symbol.Type);
                    default:
                        return TypeTouches(operation.Type);
                }
            }

            private bool TypeTouches(ITypeSymbol? type)
            {
                // string, int, object, ...: never related (IEnumerable<T> and the like are special too, but generic).
                if (type is null || (type.SpecialType != SpecialType.None && !(type is INamedTypeSymbol { IsGenericType: true })))
                {
                    return false;
                }

                // An annotated type's public symbol is a new object at each use; its definition is not.
                var key = type.IsDefinition ? type.OriginalDefinition : type;
                if (WasRejected(key))
                {
                    return false;
                }

                if (sdk.IsSdkRelated(key))
                {
                    return true;
                }

                Remember(key);
                return false;
            }

            private bool WasRejected(ITypeSymbol key)
                => ReferenceEquals(key, rejected0) || ReferenceEquals(key, rejected1) || ReferenceEquals(key, rejected2) || ReferenceEquals(key, rejected3);

            private void Remember(ITypeSymbol type)
            {
                switch (next)
                {
                    case 0:
                        rejected0 = type;
                        break;
                    case 1:
                        rejected1 = type;
                        break;
                    case 2:
                        rejected2 = type;
                        break;
                    default:
                        rejected3 = type;
                        break;
                }

                next = (next + 1) & 3;
            }
        }
    }
}
