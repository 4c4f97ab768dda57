using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis.Diagnostics;
using SupabaseRealtime.Analyzers.Infrastructure;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>
    /// The channel timelines of each type, collected once per compilation for every rule that reads them
    /// (SRT006 and SRT010): one symbol-start action, one <see cref="RegistrationCollector"/> per type, one
    /// build of its graphs, and each reader handed the timelines that hold a call of a kind it asks for.
    /// </summary>
    internal sealed class RegistrationReaders
    {
        private readonly List<Reader> readers = new List<Reader>();

        /// <summary>
        /// Adds a reader at compilation start (the host starts its rules one after another, before any symbol
        /// action runs): <paramref name="analyze"/> gets, at the end of each type, the timelines of the channels
        /// with at least one call of a kind <paramref name="isTrigger"/> accepts.
        /// </summary>
        public void Add(CompilationStartAnalysisContext context, SdkCompilation compilation,
            Func<ChannelCallKind, bool> isTrigger, Action<SymbolAnalysisContext, ImmutableArray<ChannelTimeline>> analyze)
        {
            lock (readers)
            {
                if (readers.Count == 0)
                {
                    compilation.Types.Add(context,
                        start => RegistrationCollector.RegisterActions(start, compilation, IsAnyTrigger, Dispatch));
                }

                readers.Add(new Reader(isTrigger, analyze));
            }
        }

        private bool IsAnyTrigger(ChannelCallKind kind)
        {
            foreach (var reader in readers)
            {
                if (reader.IsTrigger(kind))
                {
                    return true;
                }
            }

            return false;
        }

        private void Dispatch(SymbolAnalysisContext context, ImmutableArray<ChannelTimeline> timelines)
        {
            foreach (var reader in readers)
            {
                if (readers.Count == 1)
                {
                    reader.Analyze(context, timelines);
                    continue;
                }

                ImmutableArray<ChannelTimeline>.Builder? mine = null;
                foreach (var timeline in timelines)
                {
                    if (reader.Triggers(timeline))
                    {
                        (mine ??= ImmutableArray.CreateBuilder<ChannelTimeline>(timelines.Length)).Add(timeline);
                    }
                }

                if (mine != null)
                {
                    reader.Analyze(context, mine.ToImmutable());
                }
            }
        }

        private sealed class Reader
        {
            public Reader(Func<ChannelCallKind, bool> isTrigger, Action<SymbolAnalysisContext, ImmutableArray<ChannelTimeline>> analyze)
            {
                IsTrigger = isTrigger;
                Analyze = analyze;
            }

            public Func<ChannelCallKind, bool> IsTrigger { get; }

            public Action<SymbolAnalysisContext, ImmutableArray<ChannelTimeline>> Analyze { get; }

            public bool Triggers(ChannelTimeline timeline)
            {
                foreach (var call in timeline.Calls)
                {
                    if (IsTrigger(call.Kind))
                    {
                        return true;
                    }
                }

                return false;
            }
        }
    }
}
