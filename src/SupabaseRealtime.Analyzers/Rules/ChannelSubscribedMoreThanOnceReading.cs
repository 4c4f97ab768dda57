using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Model;

namespace SupabaseRealtime.Analyzers.Rules
{
    internal sealed partial class ChannelSubscribedMoreThanOnceAnalyzer
    {
        /// <summary>SRT002's reading of a body: the operations that become facts (subscribes, definitions, releases, registrations, hand-overs) and the slots and origins they name.</summary>
        private sealed partial class TypeFacts
        {
            /// <summary>
            /// Reads the facts of <paramref name="root"/> and everything under it, in tree order; an
            /// operation inside a local function is owned by that function.
            /// </summary>
            private void Visit(IOperation root, ISymbol rootOwner, List<Fact> facts)
            {
                List<(int End, ISymbol Owner)>? localFunctions = null;
                var operations = sdk.Operations.DescendantsAndSelf(root).GetEnumerator();
                while (operations.MoveNext())
                {
                    // Most operations (arguments, conversions, literals, references) are no fact; the owner's
                    // local-function stack is settled by position, so it can wait for the next one that is.
                    if (!MayBeFact(operations.Current.Kind))
                    {
                        continue;
                    }

                    var owner = rootOwner;
                    if (localFunctions != null)
                    {
                        while (localFunctions.Count > 0 && localFunctions[localFunctions.Count - 1].End <= operations.Position)
                        {
                            localFunctions.RemoveAt(localFunctions.Count - 1);
                        }

                        if (localFunctions.Count > 0)
                        {
                            owner = localFunctions[localFunctions.Count - 1].Owner;
                        }
                    }

                    var operation = operations.Current;
                    if (operation is ILocalFunctionOperation localFunction && localFunction.Symbol != null)
                    {
                        (localFunctions ??= new List<(int, ISymbol)>()).Add((operations.SubtreeEnd, localFunction.Symbol));
                        continue;
                    }

                    Read(operation, owner, facts);
                }
            }

            /// <summary>The kinds of operation <see cref="Read"/> makes facts of, and local functions (which own what they hold).</summary>
            private static bool MayBeFact(OperationKind kind)
            {
                switch (kind)
                {
                    case OperationKind.LocalFunction:
                    case OperationKind.Invocation:
                    case OperationKind.ObjectCreation:
                    case OperationKind.EventAssignment:
                    case OperationKind.SimpleAssignment:
                    case OperationKind.VariableDeclarator:
                    case OperationKind.FieldInitializer:
                    case OperationKind.PropertyInitializer:
                    case OperationKind.CompoundAssignment:
                    case OperationKind.CoalesceAssignment:
                    case OperationKind.DeconstructionAssignment:
                    case OperationKind.DeclarationPattern:
                    case OperationKind.Loop:
                        return true;
                    default:
                        return false;
                }
            }

            private void Read(IOperation operation, ISymbol owner, List<Fact> facts)
            {
                switch (operation)
                {
                    case IInvocationOperation invocation:
                        AddInvocation(invocation, owner, facts);
                        break;
                    case IObjectCreationOperation creation when creation.Constructor != null && !sdk.IsSdkMember(creation.Constructor):
                        AddHandOvers(creation, creation.Arguments, owner, facts);
                        break;
                    case IEventAssignmentOperation eventAssignment:
                        AddRegistration(eventAssignment, owner, facts);
                        break;
                    case ISimpleAssignmentOperation assignment when Slot(assignment.Target) is ISymbol target && IsChannelSlot(target):
                        facts.Add(new Fact(FactKind.Definition, assignment, assignment.Syntax, owner)
                        {
                            Slot = target,
                            HasValue = true,
                            Origin = OriginOf(assignment.Value),
                        });
                        break;
                    case IVariableDeclaratorOperation declarator when declarator.Symbol != null && IsChannelSlot(declarator.Symbol):
                        var initializer = declarator.GetVariableInitializer();
                        if (initializer != null)
                        {
                            facts.Add(new Fact(FactKind.Definition, declarator, declarator.Syntax, owner)
                            {
                                Slot = declarator.Symbol,
                                HasValue = true,
                                Origin = OriginOf(initializer.Value),
                                FallbackSyntax = initializer.Value?.Syntax,
                            });
                        }

                        break;
                    case IFieldInitializerOperation _:
                    case IPropertyInitializerOperation _:
                        if (ChannelSlots.TryGetAssignment(operation, out var initialized, out var initialValue) && IsChannelSlot(initialized))
                        {
                            facts.Add(new Fact(FactKind.Definition, operation, operation.Syntax, owner)
                            {
                                Slot = initialized,
                                HasValue = true,
                                Origin = OriginOf(initialValue),
                            });
                        }

                        break;
                    case ICompoundAssignmentOperation compound:
                        AddUnknownDefinition(compound.Target, compound, compound.Syntax, owner, facts);
                        break;
                    case ICoalesceAssignmentOperation coalesce:
                        AddUnknownDefinition(coalesce.Target, coalesce, coalesce.Syntax, owner, facts);
                        break;
                    case IDeconstructionAssignmentOperation deconstruction:
                        foreach (var target in sdk.Operations.DescendantsAndSelf(deconstruction.Target))
                        {
                            AddUnknownDefinition(target, deconstruction, deconstruction.Syntax, owner, facts);
                        }

                        break;
                    case IDeclarationPatternOperation pattern when pattern.DeclaredSymbol is ILocalSymbol patternLocal && IsChannelSlot(patternLocal):
                        facts.Add(new Fact(FactKind.Definition, pattern, pattern.Syntax, owner) { Slot = patternLocal });
                        break;
                    case IForEachLoopOperation forEach:
                        foreach (var local in forEach.Locals)
                        {
                            if (IsChannelSlot(local))
                            {
                                var syntax = forEach.LoopControlVariable?.Syntax ?? forEach.Syntax;
                                facts.Add(new Fact(FactKind.Definition, forEach, syntax, owner)
                                {
                                    Slot = local,
                                    FallbackSyntax = (forEach.Syntax as ForEachStatementSyntax)?.Type,
                                });
                            }
                        }

                        break;
                }
            }

            private void AddInvocation(IInvocationOperation invocation, ISymbol owner, List<Fact> facts)
            {
                var method = invocation.TargetMethod;
                if (method is null)
                {
                    return;
                }

                if (ChannelCalls.IsSubscribe(invocation, sdk))
                {
                    var channel = SymbolPath.Unwrap(invocation.Instance);
                    facts.Add(new Fact(FactKind.Subscribe, invocation, invocation.Syntax, owner)
                    {
                        Channel = channel,
                        Slot = Slot(channel),
                        Origin = OriginOf(channel),
                    });
                }
                else if (ChannelCalls.IsUnsubscribe(invocation, sdk))
                {
                    AddRelease(invocation, SymbolPath.Unwrap(invocation.Instance), owner, facts);
                }
                else if (ChannelCalls.TryGetRemovedChannel(invocation, sdk, out var removed))
                {
                    AddRelease(invocation, SymbolPath.Unwrap(removed), owner, facts);
                }
                else if (ChannelCalls.IsDisconnect(invocation, sdk))
                {
                    facts.Add(new Fact(FactKind.Disconnect, invocation, invocation.Syntax, owner));
                }
                else if (ChannelCalls.TryGetHandlerRegistration(invocation, sdk, out var registered, out var handler, out var kind))
                {
                    AddRegistration(invocation, registered, handler, kind, owner, facts);
                }
                else if (ChannelCall.TryGetKind(invocation, sdk, out var callKind)
                    && (callKind == ChannelCallKind.RegisterPostgres || callKind == ChannelCallKind.OnPostgresChange))
                {
                    var registeredOn = SymbolPath.Unwrap(ChannelCall.ReceiverOf(invocation, sdk));
                    facts.Add(new Fact(FactKind.JoinRegistration, invocation, invocation.Syntax, owner)
                    {
                        Channel = registeredOn,
                        Slot = Slot(registeredOn),
                        Origin = OriginOf(registeredOn),
                        Binding = BindingOf(invocation, callKind),
                    });
                }
                else if (!sdk.IsSdkMember(method)
                    && (method.MethodKind == MethodKind.LocalFunction
                        || SymbolEqualityComparer.Default.Equals(method.ContainingType?.OriginalDefinition, type)))
                {
                    facts.Add(new Fact(FactKind.Call, invocation, invocation.Syntax, owner) { Callee = method.OriginalDefinition });
                }

                // A channel passed by ref or out may come back as another channel.
                foreach (var argument in invocation.Arguments)
                {
                    if (ChannelSlots.IsRefOrOut(argument.Parameter))
                    {
                        var value = argument.Value is IDeclarationExpressionOperation declaration ? declaration.Expression : argument.Value;
                        AddUnknownDefinition(value, invocation, invocation.Syntax, owner, facts);
                    }
                }

                if (!sdk.IsSdkMember(method))
                {
                    AddHandOvers(invocation, invocation.Arguments, owner, facts);
                }
            }

            /// <summary>A channel handed to code the rule does not follow (a helper, a constructor) may be unsubscribed or removed there.</summary>
            private void AddHandOvers(IOperation call, ImmutableArray<IArgumentOperation> arguments, ISymbol owner, List<Fact> facts)
            {
                foreach (var argument in arguments)
                {
                    var value = SymbolPath.Unwrap(argument.Value);
                    if (value != null && sdk.IsRealtimeChannel(value.Type))
                    {
                        AddRelease(call, value, owner, facts);
                    }
                }
            }

            private void AddRelease(IOperation call, IOperation? channel, ISymbol owner, List<Fact> facts)
                => facts.Add(new Fact(FactKind.Release, call, call.Syntax, owner)
                {
                    Channel = channel,
                    Slot = Slot(channel),
                    Origin = OriginOf(channel),
                });

            private void AddRegistration(IEventAssignmentOperation assignment, ISymbol owner, List<Fact> facts)
            {
                if (ChannelCalls.TryGetHandlerRegistration(assignment, sdk, out var channel, out var handler, out var kind))
                {
                    AddRegistration(assignment, channel, handler, kind, owner, facts);
                }
            }

            private void AddRegistration(IOperation operation, IOperation? channel, IOperation? handler, ChannelHandlerKind kind, ISymbol owner, List<Fact> facts)
            {
                channel = SymbolPath.Unwrap(channel);
                facts.Add(new Fact(FactKind.Registration, operation, operation.Syntax, owner)
                {
                    Channel = channel,
                    Slot = Slot(channel),
                    Origin = OriginOf(channel),
                    Handler = handler,
                    HandlerKind = kind,
                });
            }

            private void AddUnknownDefinition(IOperation? target, IOperation operation, SyntaxNode syntax, ISymbol owner, List<Fact> facts)
            {
                if (Slot(target) is ISymbol slot && IsChannelSlot(slot))
                {
                    facts.Add(new Fact(FactKind.Definition, operation, syntax, owner) { Slot = slot });
                }
            }

            /// <summary>What <c>Register(options)</c> or <c>OnPostgresChange(handler, listenType, filter)</c> registers.</summary>
            private PostgresBinding BindingOf(IInvocationOperation invocation, ChannelCallKind kind)
            {
                if (kind == ChannelCallKind.RegisterPostgres)
                {
                    return invocation.Arguments.Length == 1 ? PostgresBinding.FromOptions(invocation.Arguments[0].Value, sdk) : PostgresBinding.Unknown;
                }

                string? eventName = null;
                IOperation? filter = null;
                foreach (var argument in invocation.Arguments)
                {
                    var parameter = argument.Parameter;
                    if (parameter is null)
                    {
                        return PostgresBinding.Unknown;
                    }

                    if (SymbolEqualityComparer.Default.Equals(parameter.Type, sdk.ListenType))
                    {
                        eventName = PostgresBinding.EventOf(PostgresBinding.ArgumentValue(invocation.Arguments, parameter), sdk);
                    }
                    else if (SymbolEqualityComparer.Default.Equals(parameter.Type.OriginalDefinition, sdk.PostgresChangesFilter)
                        && argument.ArgumentKind != ArgumentKind.DefaultValue)
                    {
                        filter = argument.Value;
                    }
                }

                return PostgresBinding.FromFilter(filter, eventName, sdk);
            }

            private ChannelOrigin? OriginOf(IOperation? value)
                => ChannelOrigin.TryGet(value, sdk, out var origin) ? origin : null;

            /// <summary>A local, parameter, or field/property of this instance.</summary>
            private static ISymbol? Slot(IOperation? operation)
            {
                operation = SymbolPath.Unwrap(operation);
                if (operation is null)
                {
                    return null;
                }

                return ChannelSlots.GetSlot(operation) ?? (operation as IParameterReferenceOperation)?.Parameter;
            }

            /// <summary>Slots that can hold a channel: channel types, <c>object</c> (5.x event senders), and error types.</summary>
            private bool IsChannelSlot(ISymbol symbol)
                => SymbolPath.TypeOf(symbol) is { } slotType
                    && (slotType.TypeKind == TypeKind.Error
                        || slotType.SpecialType == SpecialType.System_Object
                        || sdk.IsRealtimeChannel(slotType));

            // ---- Judging ------------------------------------------------------------------------
        }
    }
}
