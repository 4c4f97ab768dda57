using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;

namespace SupabaseRealtime.Analyzers.Benchmarks
{
    /// <summary>A command-line mistake: printed as one line, never with a stack trace.</summary>
    internal sealed class UsageException : Exception
    {
        public UsageException(string message)
            : base(message)
        {
        }
    }

    /// <summary>The benchmark's flags.</summary>
    internal sealed class BenchmarkOptions
    {
        public const int DefaultFiles = 2000;
        public const int DefaultRepetitions = 5;
        public const double DefaultSdkPercent = 10;
        public const int DefaultSeed = 20240610;

        public static readonly IReadOnlyList<int> ScalingSizes = new[] { 500, 1000, 2000, 4000 };

        public const string Usage = @"SupabaseRealtime.Analyzers benchmark

Generates a deterministic synthetic C# codebase (and a second one of the same size that does not
reference the Supabase SDK), compiles both in memory against the real SDK (the Supabase 1.6.0
package as restored for tests/SdkSets/SdkSet.Supabase160), and measures the SRT analyzers with
CompilationWithAnalyzers (per-analyzer ExecutionTime, median of R runs) against the compiler's own
cost, an empty baseline analyzer and the analyzers users already run.

Usage:
  dotnet run -c Release --project tests/SupabaseRealtime.Analyzers.Benchmarks -- [options]

Options:
  --files N         files per codebase, 10..100000 (default 2000)
  --reps R          measured repetitions per configuration, 1..100 (default 5)
  --sdk-percent P   share of files that use the realtime SDK, 0..100 (default 10)
  --seed S          generator seed, any 32-bit integer (default 20240610)
  --scaling         run at N = 500, 1000, 2000 and 4000 files and print the cost per file
                    (--files is then not allowed)
  --no-peers        skip IDisposableAnalyzers, Meziantou.Analyzer and CA2000/CA2213
  --no-single       skip the runs of each SRT analyzer alone
  --rules IDS       measure only these SRT rules, comma-separated (e.g. SRT001,SRT005)
  --dump DIR        also write the generated sources to DIR (sdk/ and no-sdk/)
  --help, -h        print this help and exit

Exit codes: 0 done, 1 the benchmark failed, 2 bad command line.";

        public int Files { get; private set; } = DefaultFiles;

        public int Repetitions { get; private set; } = DefaultRepetitions;

        public double SdkPercent { get; private set; } = DefaultSdkPercent;

        public int Seed { get; private set; } = DefaultSeed;

        public bool Scaling { get; private set; }

        public bool Peers { get; private set; } = true;

        public bool Single { get; private set; } = true;

        public string? DumpDirectory { get; private set; }

        /// <summary>The rule IDs given with --rules; null measures every SRT analyzer.</summary>
        public IReadOnlyList<string>? Rules { get; private set; }

        public bool Help { get; private set; }

        /// <summary>Parses <paramref name="args"/>; throws <see cref="UsageException"/> on anything it does not accept.</summary>
        public static BenchmarkOptions Parse(IReadOnlyList<string> args)
        {
            var options = new BenchmarkOptions();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < args.Count; i++)
            {
                var arg = args[i];
                string? inlineValue = null;
                var eq = arg.IndexOf('=', StringComparison.Ordinal);
                if (arg.StartsWith("--", StringComparison.Ordinal) && eq > 2)
                {
                    inlineValue = arg.Substring(eq + 1);
                    arg = arg.Substring(0, eq);
                }

                if (!seen.Add(arg == "-h" ? "--help" : arg))
                {
                    throw new UsageException($"'{arg}' is given more than once.");
                }

                string Value()
                {
                    if (inlineValue != null)
                    {
                        return inlineValue;
                    }

                    if (i + 1 >= args.Count || args[i + 1].StartsWith("--", StringComparison.Ordinal))
                    {
                        throw new UsageException($"'{arg}' needs a value.");
                    }

                    return args[++i];
                }

                void NoValue()
                {
                    if (inlineValue != null)
                    {
                        throw new UsageException($"'{arg}' takes no value.");
                    }
                }

                switch (arg)
                {
                    case "--help":
                    case "-h":
                        NoValue();
                        options.Help = true;
                        break;
                    case "--files":
                        options.Files = Integer(arg, Value(), 10, 100_000);
                        break;
                    case "--reps":
                        options.Repetitions = Integer(arg, Value(), 1, 100);
                        break;
                    case "--sdk-percent":
                        options.SdkPercent = Number(arg, Value(), 0, 100);
                        break;
                    case "--seed":
                        options.Seed = Integer(arg, Value(), int.MinValue, int.MaxValue);
                        break;
                    case "--scaling":
                        NoValue();
                        options.Scaling = true;
                        break;
                    case "--no-peers":
                        NoValue();
                        options.Peers = false;
                        break;
                    case "--no-single":
                        NoValue();
                        options.Single = false;
                        break;
                    case "--rules":
                        options.Rules = RuleIds(arg, Value());
                        break;
                    case "--dump":
                        var dir = Value();
                        if (string.IsNullOrWhiteSpace(dir))
                        {
                            throw new UsageException("'--dump' needs a directory.");
                        }

                        options.DumpDirectory = dir;
                        break;
                    default:
                        throw new UsageException(arg.StartsWith("-", StringComparison.Ordinal)
                            ? $"unknown option '{arg}'."
                            : $"unexpected argument '{arg}'.");
                }
            }

            if (options.Scaling && seen.Contains("--files"))
            {
                throw new UsageException("'--scaling' sets the sizes itself; drop '--files'.");
            }

            return options;
        }

        private static IReadOnlyList<string> RuleIds(string flag, string text)
        {
            var ids = new List<string>();
            foreach (var part in text.Split(','))
            {
                var id = part.Trim().ToUpperInvariant();
                if (id.Length != 6 || !id.StartsWith("SRT", StringComparison.Ordinal) || !id.Substring(3).All(char.IsDigit))
                {
                    throw new UsageException($"'{flag}' expects rule IDs like SRT001,SRT005, not '{part.Trim()}'.");
                }

                if (!ids.Contains(id))
                {
                    ids.Add(id);
                }
            }

            return ids;
        }

        private static int Integer(string flag, string text, int min, int max)
        {
            if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
            {
                throw new UsageException($"'{flag}' expects a whole number, not '{text}'.");
            }

            if (value < min || value > max)
            {
                throw new UsageException($"'{flag}' must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, not {text}.");
            }

            return (int)value;
        }

        private static double Number(string flag, string text, double min, double max)
        {
            if (!double.TryParse(text, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || double.IsNaN(value))
            {
                throw new UsageException($"'{flag}' expects a number, not '{text}'.");
            }

            if (value < min || value > max)
            {
                throw new UsageException($"'{flag}' must be between {min.ToString(CultureInfo.InvariantCulture)} and {max.ToString(CultureInfo.InvariantCulture)}, not {text}.");
            }

            return value;
        }
    }
}
