using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using SupabaseRealtime.Analyzers.Model;
using SupabaseRealtime.Analyzers.Sdk;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;

namespace SupabaseRealtime.Analyzers.Tests.Model
{
    /// <summary>The registrations model on small types: folded bindings, timelines, and the handler pairing.</summary>
    public class RegistrationsTests
    {
        private const string Usings = """
            using System.Threading.Tasks;
            using Supabase.Realtime;
            using Supabase.Realtime.PostgresChanges;
            using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

            """;

        /// <summary>Feeds every member body of class <c>C</c> to a collector, as the analyzers' block actions do.</summary>
        private static ImmutableArray<ChannelTimeline> Timelines(string source)
        {
            var tree = CSharpSyntaxTree.ParseText(Usings + source);
            var compilation = CSharpCompilation.Create("R", new[] { tree }, SdkReferences.For(SdkVersion.Supabase160),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var model = compilation.GetSemanticModel(tree);
            var type = compilation.GetTypeByMetadataName("C")!;
            var collector = new RegistrationCollector(type, SdkSymbols.TryCreate(compilation)!, kind => kind != ChannelCallKind.Create);
            foreach (var member in tree.GetRoot().DescendantNodes().OfType<BaseMethodDeclarationSyntax>())
            {
                collector.Add(model.GetDeclaredSymbol(member)!, model.GetOperation(member)!);
            }

            return collector.Build(System.Threading.CancellationToken.None);
        }

        private static ChannelCall Call(ChannelTimeline timeline, ChannelCallKind kind, int index = 0)
            => timeline.Calls.Where(c => c.Kind == kind).ElementAt(index);

        [Fact]
        public void Table_On_calls_of_one_table_share_one_timeline_with_one_registration()
        {
            var timeline = Timelines("""
                class C
                {
                    async Task Run(Supabase.Client supabase)
                    {
                        await supabase.From<Order>().On(ListenType.Inserts, (sender, change) => { });
                        await supabase.From<Order>().On(ListenType.Updates, (sender, change) => { });
                    }
                }

                [Supabase.Postgrest.Attributes.Table("orders")]
                class Order : Supabase.Postgrest.Models.BaseModel
                {
                }
                """).Single();

            Assert.Equal("orders", timeline.DisplayName);
            Assert.Equal(2, timeline.Calls.Count(c => c.Kind == ChannelCallKind.Create));
            Assert.Equal(new[] { "INSERT", "UPDATE" }, timeline.Calls.Where(c => c.Kind == ChannelCallKind.AddHandler).Select(c => c.HandlerEvent));
            Assert.Equal(3, timeline.PairingSequence.Length);
            var unpaired = Assert.Single(HandlerPairing.Simulate(timeline.PairingSequence));
            Assert.Equal("UPDATE", unpaired.Handler.HandlerEvent);
        }

        [Fact]
        public void Bindings_fold_constant_options_from_Channel_Register_and_OnPostgresChange()
        {
            var timeline = Timelines("""
                class C
                {
                    void Run(Client realtime)
                    {
                        var channel = realtime.Channel("realtime", "public", "messages", "room_id", "42");
                        channel.Register(new PostgresChangesOptions("public", "messages", filter: "room_id=eq.42"));
                        channel.Register(new PostgresChangesOptions("public", "messages", ListenType.Inserts) { Filter = "room_id=eq.42" });
                        channel.OnPostgresChange((sender, change) => { }, ListenType.Deletes);
                    }
                }
                """).Single();

            var created = Call(timeline, ChannelCallKind.Create).Binding!;
            Assert.Equal(("public", "messages", "*", "room_id=eq.42"), (created.Schema, created.Table, created.Event, created.Filter));
            Assert.True(Call(timeline, ChannelCallKind.RegisterPostgres).Binding!.HasSameOptionsAs(created));
            Assert.Equal("INSERT", Call(timeline, ChannelCallKind.RegisterPostgres, 1).Binding!.Event);
            var onChange = Call(timeline, ChannelCallKind.OnPostgresChange);
            Assert.Equal(("public", (string?)null, "DELETE"), (onChange.Binding!.Schema, onChange.Binding.Table, onChange.HandlerEvent));
            Assert.Equal("messages", timeline.DisplayName);
        }

        [Fact]
        public void The_pairing_runs_in_call_order_and_leaves_handlers_without_a_free_registration()
        {
            var timeline = Timelines("""
                class C
                {
                    async Task Run(Client realtime)
                    {
                        var channel = realtime.Channel("realtime", "public", "users");
                        channel.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => { });
                        channel.AddPostgresChangeHandler(ListenType.Updates, (sender, change) => { });
                        channel.Register(new PostgresChangesOptions("public", "users", ListenType.Deletes));
                        channel.AddPostgresChangeHandler(ListenType.Deletes, (sender, change) => { });
                        await channel.Subscribe();
                    }
                }
                """).Single();

            Assert.Equal(5, timeline.PairingSequence.Length);
            var unpaired = HandlerPairing.Simulate(timeline.PairingSequence).Single();
            Assert.Equal("UPDATE", unpaired.Handler.HandlerEvent);
            var only = unpaired.Registrations.Single();
            Assert.Equal(ChannelCallKind.Create, only.Source.Kind);
            Assert.Equal("INSERT", only.Taker!.HandlerEvent);
        }

        [Fact]
        public void Timelines_answer_order_questions_in_a_body_and_from_constructor_to_members()
        {
            var timelines = Timelines("""
                class C
                {
                    private readonly RealtimeChannel _channel;

                    C(Client realtime)
                    {
                        _channel = realtime.Channel("feed");
                        _channel.Register(new PostgresChangesOptions("public", "feed"));
                    }

                    async Task Run(bool again)
                    {
                        if (again)
                        {
                            await _channel.Subscribe();
                        }

                        _channel.Register(new PostgresChangesOptions("public", "other"));
                        var local = _channel;
                    }
                }
                """);

            var field = Assert.Single(timelines);
            var inConstructor = Call(field, ChannelCallKind.RegisterPostgres, 0);
            var inMember = Call(field, ChannelCallKind.RegisterPostgres, 1);
            var subscribe = Call(field, ChannelCallKind.Subscribe);
            Assert.True(field.AlwaysRunsBefore(inConstructor, inMember));
            Assert.False(field.AlwaysRunsBefore(inMember, inConstructor));
            Assert.True(field.MayRunBeforeInSameBody(subscribe, inMember));
            Assert.False(field.AlwaysRunsBefore(subscribe, inMember));

            // `var local = _channel` hands the channel to a variable the model does not follow: no pairing.
            Assert.True(field.PairingSequence.IsEmpty);
        }
    }
}
