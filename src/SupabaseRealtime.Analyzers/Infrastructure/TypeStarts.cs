using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Infrastructure
{
    /// <summary>
    /// One symbol-start action per named type for all the rules that look at types: each rule adds its
    /// per-type start at compilation start, and the driver sees one start, one operation-block action, one
    /// symbol-end action and one operation action for all the operation kinds for each type, whatever the number of
    /// rules. The driver copies a type's action list on every registration and walks it for every block, so
    /// fourteen rules registering their own cost more than the rules' work on a type that does not use the
    /// SDK (most types).
    /// </summary>
    internal sealed class TypeStarts
    {
        private readonly List<Action<TypeStart>> starts = new List<Action<TypeStart>>();
        private readonly SdkSymbols sdk;

        public TypeStarts(SdkSymbols sdk) => this.sdk = sdk;

        /// <summary>
        /// Adds a rule's per-type start at compilation start (the host starts its rules one after another,
        /// before any symbol action runs).
        /// </summary>
        public void Add(CompilationStartAnalysisContext context, Action<TypeStart> start)
        {
            lock (starts)
            {
                if (starts.Count == 0)
                {
                    context.RegisterSymbolStartAction(Run, SymbolKind.NamedType);
                }

                starts.Add(start);
            }
        }

        private void Run(SymbolStartAnalysisContext context)
        {
            // A type whose source names nothing the rules key on holds nothing any rule reports: no rule
            // starts on it, and the driver binds none of its bodies for the rules (see SdkNames).
            if (context.Symbol is INamedTypeSymbol named && !sdk.Names.Mentions(named, context.CancellationToken))
            {
                return;
            }

            var type = new TypeStart(context);
            foreach (var start in starts)
            {
                start(type);
            }

            type.Commit();
        }
    }

    /// <summary>
    /// What a rule sees at the start of one named type: the members of <see cref="SymbolStartAnalysisContext"/>
    /// the rules use, with registrations gathered and handed to the driver once for all rules.
    /// </summary>
    internal sealed class TypeStart
    {
        private readonly SymbolStartAnalysisContext context;
        private List<Action<OperationBlockAnalysisContext>>? blockActions;
        private List<Action<SymbolAnalysisContext>>? endActions;
        private Dictionary<OperationKind, List<Action<OperationAnalysisContext>>>? operationActions;
        private Dictionary<Type, object>? shared;

        public TypeStart(SymbolStartAnalysisContext context) => this.context = context;

        public ISymbol Symbol => context.Symbol;

        public Compilation Compilation => context.Compilation;

        public AnalyzerOptions Options => context.Options;

        public CancellationToken CancellationToken => context.CancellationToken;

        /// <summary>
        /// One value of <typeparamref name="T"/> for this type, made by the first rule that asks and handed to the others:
        /// for a per-type model several rules read. The rules start one after another on one thread, so no lock is needed.
        /// </summary>
        public T Shared<T>(Func<T> create)
            where T : class
        {
            shared ??= new Dictionary<Type, object>();
            if (!shared.TryGetValue(typeof(T), out var known))
            {
                known = create();
                shared.Add(typeof(T), known);
            }

            return (T)known;
        }

        public void RegisterOperationBlockAction(Action<OperationBlockAnalysisContext> action)
            => (blockActions ??= new List<Action<OperationBlockAnalysisContext>>()).Add(action);

        public void RegisterSymbolEndAction(Action<SymbolAnalysisContext> action)
            => (endActions ??= new List<Action<SymbolAnalysisContext>>()).Add(action);

        public void RegisterOperationAction(Action<OperationAnalysisContext> action, params OperationKind[] kinds)
        {
            operationActions ??= new Dictionary<OperationKind, List<Action<OperationAnalysisContext>>>();
            foreach (var kind in kinds)
            {
                if (!operationActions.TryGetValue(kind, out var actions))
                {
                    actions = new List<Action<OperationAnalysisContext>>();
                    operationActions.Add(kind, actions);
                }

                actions.Add(action);
            }
        }

        /// <summary>Hands the gathered actions to the driver: one registration per kind of action.</summary>
        public void Commit()
        {
            if (operationActions != null)
            {
                context.RegisterOperationAction(ByKind(operationActions), operationActions.Keys.ToImmutableArray());
            }

            if (blockActions != null)
            {
                context.RegisterOperationBlockAction(blockActions.Count == 1 ? blockActions[0] : All(blockActions));
            }

            if (endActions != null)
            {
                context.RegisterSymbolEndAction(endActions.Count == 1 ? endActions[0] : All(endActions));
            }
        }

        /// <summary>
        /// One operation action for every kind the rules asked for: each registration costs the driver a copy
        /// of the type's action list, so one for all kinds is cheaper than one per kind. The kinds are few
        /// (a handful), so they are told apart by a linear look.
        /// </summary>
        private static Action<OperationAnalysisContext> ByKind(Dictionary<OperationKind, List<Action<OperationAnalysisContext>>> byKind)
        {
            if (byKind.Count == 1)
            {
                foreach (var only in byKind.Values)
                {
                    return only.Count == 1 ? only[0] : All(only);
                }
            }

            var kinds = new OperationKind[byKind.Count];
            var actions = new Action<OperationAnalysisContext>[byKind.Count];
            var next = 0;
            foreach (var entry in byKind)
            {
                kinds[next] = entry.Key;
                actions[next] = entry.Value.Count == 1 ? entry.Value[0] : All(entry.Value);
                next++;
            }

            return context =>
            {
                var kind = context.Operation.Kind;
                for (var i = 0; i < kinds.Length; i++)
                {
                    if (kinds[i] == kind)
                    {
                        actions[i](context);
                        return;
                    }
                }
            };
        }

        private static Action<T> All<T>(List<Action<T>> actions)
        {
            var frozen = actions.ToArray();
            return argument =>
            {
                foreach (var action in frozen)
                {
                    action(argument);
                }
            };
        }
    }
}
