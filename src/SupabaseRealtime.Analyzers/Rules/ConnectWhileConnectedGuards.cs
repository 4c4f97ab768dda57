using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Infrastructure;

namespace SupabaseRealtime.Analyzers.Rules
{
    internal sealed partial class ConnectWhileConnectedAnalyzer
    {
        /// <summary>SRT014's guards: what counts as a look at the client's socket state before a connect (a check, a "connected" flag, <c>??=</c>, guarded callers).</summary>
        private sealed partial class TypeState
        {
            /// <summary>
            /// A look at the client's state decides whether the call runs: the call is <c>_task ??= client.ConnectAsync()</c>, or
            /// it sits in an <c>if</c>, <c>?:</c> or loop whose condition is a check (<see cref="IsCheck"/>), or an earlier
            /// statement of an enclosing block is such an <c>if</c> that leaves (<c>return</c>, <c>break</c>, <c>continue</c>,
            /// <c>throw</c>).
            /// </summary>
            private bool IsGuarded(Connect connect, IOperation root) => IsCoalesceAssigned(connect.Invocation) || IsGuardedAt(connect.Invocation, root);

            private bool IsGuardedAt(IOperation operation, IOperation root)
            {
                HashSet<ISymbol>? flags = null;
                IOperation child = operation;
                for (var parent = operation.Parent; parent != null; child = parent, parent = parent.Parent)
                {
                    switch (parent)
                    {
                        case IConditionalOperation conditional when child != conditional.Condition && IsCheck(conditional.Condition, root, ref flags):
                            return true;
                        case IWhileLoopOperation loop when child != loop.Condition && loop.Condition != null && IsCheck(loop.Condition, root, ref flags):
                            return true;
                        case IForLoopOperation loop when child != loop.Condition && loop.Condition != null && IsCheck(loop.Condition, root, ref flags):
                            return true;
                        case IBlockOperation block:
                            foreach (var statement in block.Operations)
                            {
                                if (statement == child)
                                {
                                    break;
                                }

                                if (statement is IConditionalOperation exit && Leaves(exit.WhenTrue) && IsCheck(exit.Condition, root, ref flags))
                                {
                                    return true;
                                }
                            }

                            break;
                    }
                }

                return false;
            }

            /// <summary>
            /// True when <paramref name="condition"/> reads the socket's state (<c>Socket</c> of a realtime client or an SDK
            /// <c>IsConnected</c>), a member of the type that does, or a bool flag (of the type, or a local) that the same
            /// body also sets.
            /// </summary>
            private bool IsCheck(IOperation condition, IOperation root, ref HashSet<ISymbol>? flags)
            {
                foreach (var operation in Sdk.Operations.DescendantsAndSelf(condition))
                {
                    switch (operation)
                    {
                        case IPropertyReferenceOperation property when IsSocketStateRead(property) || IsSocketReader(property.Property):
                            return true;
                        case IInvocationOperation call when IsSocketReader(call.TargetMethod):
                            return true;
                        case IMemberReferenceOperation flag when IsOwnBoolSlot(flag) && FlagsSetIn(root, ref flags).Contains(flag.Member):
                            return true;
                        case ILocalReferenceOperation flag when flag.Type?.SpecialType == SpecialType.System_Boolean && FlagsSetIn(root, ref flags).Contains(flag.Local):
                            return true;
                    }
                }

                return false;
            }

            /// <summary>The bool fields and properties of the type, and the bool locals, that <paramref name="root"/> assigns.</summary>
            private HashSet<ISymbol> FlagsSetIn(IOperation root, ref HashSet<ISymbol>? flags)
            {
                if (flags != null)
                {
                    return flags;
                }

                flags = new HashSet<ISymbol>(SymbolEqualityComparer.Default);
                foreach (var operation in Sdk.Operations.Descendants(root))
                {
                    if (operation is IAssignmentOperation assignment)
                    {
                        switch (assignment.Target)
                        {
                            case IMemberReferenceOperation member when IsOwnBoolSlot(member):
                                flags.Add(member.Member);
                                break;
                            case ILocalReferenceOperation local when local.Type?.SpecialType == SpecialType.System_Boolean:
                                flags.Add(local.Local);
                                break;
                        }
                    }
                }

                return flags;
            }

            /// <summary>True when <paramref name="statement"/> ends in <c>return</c>, <c>break</c>, <c>continue</c> or <c>throw</c>.</summary>
            private static bool Leaves(IOperation? statement)
            {
                while (statement is IBlockOperation block)
                {
                    statement = block.Operations.LastOrDefault();
                }

                return statement is IReturnOperation
                    || statement is IBranchOperation
                    || (statement is IExpressionStatementOperation { Operation: IThrowOperation _ })
                    || statement is IThrowOperation;
            }

            private static bool IsWriteTarget(IOperation reference)
                => reference.Parent is IAssignmentOperation assignment && assignment.Target == reference;

            private bool IsSocketReader(ISymbol symbol)
            {
                return socketReaders.Contains(symbol.OriginalDefinition)
                    || (symbol is IPropertySymbol property && property.GetMethod != null && socketReaders.Contains(property.GetMethod.OriginalDefinition));
            }

            private bool IsOwnBoolSlot(IMemberReferenceOperation reference)
                => (reference is IFieldReferenceOperation || reference is IPropertyReferenceOperation)
                    && reference.Type?.SpecialType == SpecialType.System_Boolean
                    && SymbolEqualityComparer.Default.Equals(reference.Member.ContainingType?.OriginalDefinition, type.OriginalDefinition);

            /// <summary>Every call site of the method is guarded by a look at the socket (see <see cref="IsGuardedAt"/>).</summary>
            private bool CallersAllGuarded(List<IInvocationOperation> calls)
            {
                foreach (var call in calls)
                {
                    if (!IsGuardedAt(call, OperationTrees.RootOf(call)))
                    {
                        return false;
                    }
                }

                return calls.Count > 0;
            }

            private bool IsSocketStateRead(IPropertyReferenceOperation property)
            {
                var name = property.Property.Name;
                return (name == SocketProperty && Sdk.IsRealtimeClient(property.Property.ContainingType))
                    || (name == IsConnectedProperty && Sdk.IsSdkMember(property.Property));
            }

            private static bool IsCoalesceAssigned(IOperation operation)
            {
                var current = operation;
                while (current.Parent is IConversionOperation || current.Parent is IParenthesizedOperation)
                {
                    current = current.Parent;
                }

                return current.Parent is ICoalesceAssignmentOperation coalesce && coalesce.Value == current;
            }
        }
    }
}
