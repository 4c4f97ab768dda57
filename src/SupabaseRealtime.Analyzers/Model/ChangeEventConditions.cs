using System;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>
    /// Reads conditions on a change's event type: <c>change.Payload?.Data?.Type == Constants.EventType.Update</c>,
    /// <c>case Constants.EventType.Update:</c>, <c>type is EventType.Insert</c>, comparisons with a listen type
    /// (<c>ListenType.Updates</c>) or with the event's name (<c>"UPDATE"</c>). Works on the operations of a
    /// control flow graph, where <c>switch</c>, <c>?:</c>, <c>&amp;&amp;</c> and <c>||</c> are already branches.
    /// </summary>
    internal sealed class ChangeEventConditions
    {
        private readonly INamedTypeSymbol? eventType;
        private readonly INamedTypeSymbol? listenType;
        private readonly object? insertEvent;
        private readonly object? updateEvent;
        private readonly object? deleteEvent;
        private readonly object? insertsListen;
        private readonly object? updatesListen;
        private readonly object? deletesListen;

        public ChangeEventConditions(SdkSymbols sdk)
        {
            eventType = sdk.EventType;
            listenType = sdk.ListenType;
            insertEvent = ConstantOf(eventType, "Insert");
            updateEvent = ConstantOf(eventType, "Update");
            deleteEvent = ConstantOf(eventType, "Delete");
            insertsListen = ConstantOf(listenType, "Inserts");
            updatesListen = ConstantOf(listenType, "Updates");
            deletesListen = ConstantOf(listenType, "Deletes");
        }

        /// <summary>
        /// True when <paramref name="condition"/> having the value <paramref name="value"/> means the event is not an
        /// INSERT: e.g. <c>type == Update</c> is true, <c>type == Insert</c> is false, <c>type != Insert</c> is true.
        /// </summary>
        public bool RulesOutInsert(IOperation? condition, bool value) => RulesOut(ChangeEvents.Insert, condition, value);

        /// <summary>True when <paramref name="condition"/> having the value <paramref name="value"/> means the event is not an UPDATE.</summary>
        public bool RulesOutUpdate(IOperation? condition, bool value) => RulesOut(ChangeEvents.Update, condition, value);

        /// <summary>True when <paramref name="condition"/> having the value <paramref name="value"/> means the event is not a DELETE.</summary>
        public bool RulesOutDelete(IOperation? condition, bool value) => RulesOut(ChangeEvents.Delete, condition, value);

        /// <summary>
        /// True when <paramref name="condition"/> having the value <paramref name="value"/> means the event is not
        /// <paramref name="target"/> (one of <see cref="ChangeEvents.Insert"/>, <see cref="ChangeEvents.Update"/>,
        /// <see cref="ChangeEvents.Delete"/>): <c>type == X</c> true rules out every other event, false rules out X.
        /// </summary>
        public bool RulesOut(ChangeEvents target, IOperation? condition, bool value)
        {
            condition = Unwrap(condition);
            switch (condition)
            {
                case IUnaryOperation { OperatorKind: UnaryOperatorKind.Not } not:
                    return RulesOut(target, not.Operand, !value);

                case IBinaryOperation binary when binary.OperatorKind == BinaryOperatorKind.Equals || binary.OperatorKind == BinaryOperatorKind.NotEquals:
                {
                    var equal = binary.OperatorKind == BinaryOperatorKind.Equals ? value : !value;
                    var kind = Compared(binary.LeftOperand, binary.RightOperand);
                    if (kind == ChangeEvents.None)
                    {
                        kind = Compared(binary.RightOperand, binary.LeftOperand);
                    }

                    return RulesOut(target, kind, equal);
                }

                case IIsPatternOperation isPattern:
                    return RulesOutByPattern(target, isPattern.Value, isPattern.Pattern, value);

                default:
                    return false;
            }
        }

        private bool RulesOutByPattern(ChangeEvents target, IOperation subject, IPatternOperation? pattern, bool matches)
        {
            switch (pattern)
            {
                case IConstantPatternOperation constant:
                    return RulesOut(target, Compared(subject, constant.Value), matches);

                case null:
                    return false;

                default:
                    // `is not X` (C# 9): the host's newer Roslyn has INegatedPatternOperation, which Roslyn 3.6 cannot name.
                    if (pattern.Kind.ToString() == "NegatedPattern")
                    {
                        foreach (var child in pattern.Children)
                        {
                            if (child is IPatternOperation negated)
                            {
                                return RulesOutByPattern(target, subject, negated, !matches);
                            }
                        }
                    }

                    return false;
            }
        }

        /// <summary>The event a comparison of <paramref name="subject"/> with the constant <paramref name="constant"/> names, or None.</summary>
        private ChangeEvents Compared(IOperation subject, IOperation constant)
        {
            var value = Unwrap(constant);
            if (value is null || !value.ConstantValue.HasValue || value.ConstantValue.Value is null)
            {
                return ChangeEvents.None;
            }

            var subjectType = UnderlyingType(Unwrap(subject)?.Type);
            var constantValue = value.ConstantValue.Value;
            if (value.Type != null && eventType != null && SymbolEqualityComparer.Default.Equals(value.Type, eventType)
                && SymbolEqualityComparer.Default.Equals(subjectType, eventType))
            {
                return Named(constantValue, insertEvent, updateEvent, deleteEvent);
            }

            if (value.Type != null && listenType != null && SymbolEqualityComparer.Default.Equals(value.Type, listenType)
                && SymbolEqualityComparer.Default.Equals(subjectType, listenType))
            {
                return Named(constantValue, insertsListen, updatesListen, deletesListen);
            }

            if (constantValue is string name && subjectType?.SpecialType == SpecialType.System_String)
            {
                if (string.Equals(name, "INSERT", StringComparison.OrdinalIgnoreCase))
                {
                    return ChangeEvents.Insert;
                }

                if (string.Equals(name, "UPDATE", StringComparison.OrdinalIgnoreCase))
                {
                    return ChangeEvents.Update;
                }

                if (string.Equals(name, "DELETE", StringComparison.OrdinalIgnoreCase))
                {
                    return ChangeEvents.Delete;
                }
            }

            return ChangeEvents.None;
        }

        private static bool RulesOut(ChangeEvents target, ChangeEvents compared, bool equal)
            => equal
                ? compared != ChangeEvents.None && compared != target
                : compared == target;

        private static ChangeEvents Named(object value, object? insert, object? update, object? delete)
        {
            if (insert != null && Equals(value, insert))
            {
                return ChangeEvents.Insert;
            }

            if (update != null && Equals(value, update))
            {
                return ChangeEvents.Update;
            }

            if (delete != null && Equals(value, delete))
            {
                return ChangeEvents.Delete;
            }

            // Another member of the enum (e.g. EventType.Broadcast, ListenType.All): says nothing about INSERT.
            return ChangeEvents.None;
        }

        private static object? ConstantOf(INamedTypeSymbol? type, string member)
        {
            if (type is null)
            {
                return null;
            }

            foreach (var symbol in type.GetMembers(member))
            {
                if (symbol is IFieldSymbol { HasConstantValue: true } field)
                {
                    return field.ConstantValue;
                }
            }

            return null;
        }

        private static ITypeSymbol? UnderlyingType(ITypeSymbol? type)
            => type is INamedTypeSymbol { OriginalDefinition: { SpecialType: SpecialType.System_Nullable_T } } nullable && nullable.TypeArguments.Length == 1
                ? nullable.TypeArguments[0]
                : type;

        private static IOperation? Unwrap(IOperation? operation)
        {
            while (operation is IConversionOperation conversion && conversion.IsImplicit)
            {
                operation = conversion.Operand;
            }

            return operation;
        }
    }
}
