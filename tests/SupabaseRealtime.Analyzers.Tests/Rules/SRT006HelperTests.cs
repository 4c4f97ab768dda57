using System.Threading.Tasks;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using VerifyAnalyzer = SupabaseRealtime.Analyzers.Tests.Verification.CSharpAnalyzerVerifier<
    SupabaseRealtime.Analyzers.Rules.LateOrDuplicateBindingAnalyzer>;

namespace SupabaseRealtime.Analyzers.Tests.Rules
{
    /// <summary>SRT006 through a ref set-up helper: the helper's channel is named by the field it sets up.</summary>
    public class SRT006HelperTests
    {
        /// <summary>A Windows service that sets its two channels up through <c>Watch(ref field, table)</c>.</summary>
        private const string Service = """
            using System;
            using System.Threading;
            using System.Threading.Tasks;
            using Microsoft.Extensions.Hosting;
            using Supabase.Realtime;
            using Supabase.Realtime.PostgresChanges;
            using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

            namespace Fulfilment.Service
            {
                public sealed class ShipmentWorker : BackgroundService
                {
                    private readonly Supabase.Client _supabase;
                    private RealtimeChannel? _shipments;
                    CHANNELS

                    public ShipmentWorker(Supabase.Client supabase) => _supabase = supabase;

                    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                    {
                        await Watch(ref _shipments, "shipments");
                        CALLS
                    }

                    private Task Watch(ref RealtimeChannel? channel, string table)
                    {
                        channel = _supabase.Realtime.Channel("fulfilment:" + table);
                        channel.Register(new PostgresChangesOptions("public", "shipments", ListenType.Inserts));
                        channel.OnPostgresChange((sender, change) => Console.WriteLine("shipment changed"), ListenType.Updates);
                        channel.SECOND;
                        return channel.Subscribe();
                    }
                }
            }
            """;

        private static string Worker(string second, string channels = "", string calls = "")
            => Service.Replace("SECOND", second).Replace("CHANNELS", channels).Replace("CALLS", calls);

        [Fact]
        public Task Reports_a_repeated_registration_of_a_ref_helper_naming_the_field_it_sets_up()
            => VerifyAnalyzer.VerifyAnalyzerAsync(
                Worker("{|#0:Register(new PostgresChangesOptions(\"public\", \"shipments\", ListenType.Inserts))|}"),
                VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments(
                    "Register", "_shipments", "repeats the binding of the Register on line 28: it only adds a second entry to the join message (each change still arrives once); remove it"));

        [Fact]
        public Task Ignores_a_ref_helper_whose_registrations_differ()
            => VerifyAnalyzer.VerifyAnalyzerAsync(Worker("Register(new PostgresChangesOptions(\"public\", \"shipments\", ListenType.Deletes))"));

        [Fact]
        public Task Names_the_channel_by_its_creation_when_the_ref_helper_sets_up_two_fields()
            => VerifyAnalyzer.VerifyAnalyzerAsync(
                Worker(
                    "{|#0:Register(new PostgresChangesOptions(\"public\", \"shipments\", ListenType.Inserts))|}",
                    "private RealtimeChannel? _returns;",
                    "await Watch(ref _returns, \"returns\");"),
                VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments(
                    "Register", "_supabase.Realtime.Channel(\"fulfilment:\" + table)", "repeats the binding of the Register on line 28: it only adds a second entry to the join message (each change still arrives once); remove it"));
    }
}
