using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.FlowAnalysis;
using Microsoft.CodeAnalysis.Operations;
using SupabaseRealtime.Analyzers.Model;
using SupabaseRealtime.Analyzers.Sdk;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;

namespace SupabaseRealtime.Analyzers.Tests.Model
{
    /// <summary>The shared models on small bodies: client identity, channel origin, call order.</summary>
    public class ModelTests
    {
        private const string Usings = """
            using System.Threading.Tasks;
            using Supabase.Realtime;
            using Supabase.Realtime.Interfaces;

            """;

        private static (Compilation Compilation, SemanticModel Model, MethodDeclarationSyntax Method, SdkSymbols Sdk) Compile(string source)
        {
            var tree = CSharpSyntaxTree.ParseText(Usings + source);
            var compilation = CSharpCompilation.Create("M", new[] { tree }, SdkReferences.For(SdkVersion.Supabase160),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var method = tree.GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().First(m => m.Identifier.Text == "Run");
            return (compilation, compilation.GetSemanticModel(tree), method, SdkSymbols.TryCreate(compilation)!);
        }

        private static IInvocationOperation[] Calls(SemanticModel model, MethodDeclarationSyntax method, string name)
            => method.DescendantNodes().OfType<InvocationExpressionSyntax>()
                .Select(i => (IInvocationOperation)model.GetOperation(i)!)
                .Where(i => i.TargetMethod.Name == name)
                .ToArray();

        [Fact]
        public void Client_paths_through_fields_properties_and_supabase_clients_agree()
        {
            var (_, model, method, sdk) = Compile("""
                class C
                {
                    private readonly Supabase.Client _supabase = new("u", "k");
                    private Supabase.Client Other { get; } = new("u", "k");
                    async Task Run()
                    {
                        var a = _supabase.Realtime.Channel("x");
                        var b = this._supabase.Realtime.Channel("x");
                        var c = Other.Realtime.Channel("x");
                        await _supabase.Auth.SignIn("e", "p");
                        _supabase.Realtime.SetAuth("jwt");
                        _supabase?.Realtime?.Remove(a);
                        await _supabase.InitializeAsync();
                    }
                }
                """);
            var channels = Calls(model, method, "Channel");
            Assert.True(ChannelOrigin.TryGetFromCall(channels[0], sdk, out var a));
            Assert.True(ChannelOrigin.TryGetFromCall(channels[1], sdk, out var b));
            Assert.True(ChannelOrigin.TryGetFromCall(channels[2], sdk, out var c));
            Assert.Equal("_supabase.Realtime", a.Client.Display);
            Assert.Equal(a.Client, b.Client);
            Assert.NotEqual(a.Client, c.Client);
            Assert.True(a.IsSameInstanceAs(b));
            Assert.False(a.IsSameInstanceAs(c));
            Assert.Equal("x", a.DisplayName);

            Assert.True(ClientIdentity.TryGetAuthenticatedClient(Calls(model, method, "SignIn")[0], sdk, out var signedIn));
            Assert.Equal(a.Client, signedIn);
            Assert.True(ClientIdentity.TryGetAuthenticatedClient(Calls(model, method, "SetAuth")[0], sdk, out var setAuth));
            Assert.Equal(a.Client, setAuth);
            var remove = Calls(model, method, "Remove")[0];
            Assert.True(ClientIdentity.TryGetRealtimeClient(remove.Instance, sdk, out var removedFrom));
            Assert.Equal(a.Client, removedFrom);
            Assert.True(ClientIdentity.TryGetConnectedClient(Calls(model, method, "InitializeAsync")[0], sdk, out var connected, out var viaInitialize));
            Assert.True(viaInitialize);
            Assert.Equal(a.Client, connected);
        }

        [Fact]
        public void Channel_origins_compare_constant_arguments()
        {
            var (_, model, method, sdk) = Compile("""
                class C
                {
                    async Task Run(Client realtime, string topic)
                    {
                        const string Room = "room";
                        realtime.Channel("room");
                        realtime.Channel(Room);
                        realtime.Channel(topic);
                        realtime.Channel("realtime", "public", "todos");
                        realtime.Channel("realtime", "public", "todos", null, null);
                        realtime.Channel(schema: "public", table: "todos");
                    }
                }
                """);
            var origins = Calls(model, method, "Channel").Select(call =>
            {
                Assert.True(ChannelOrigin.TryGetFromCall(call, sdk, out var origin));
                return origin;
            }).ToArray();
            Assert.True(origins[0].IsSameInstanceAs(origins[1]));
            Assert.False(origins[0].IsSameInstanceAs(origins[2]));
            Assert.False(origins[2].IsSameInstanceAs(origins[2]));
            Assert.True(origins[3].IsSameInstanceAs(origins[4]));
            Assert.True(origins[3].IsSameInstanceAs(origins[5]));
            Assert.Equal("todos", origins[3].DisplayName);
        }

        [Fact]
        public void Call_order_follows_branches_loops_and_lambdas()
        {
            var (compilation, model, method, _) = Compile("""
                class C
                {
                    async Task Run(Client realtime, bool flag)
                    {
                        var channel = realtime.Channel("x");
                        if (flag)
                        {
                            realtime.SetAuth("a");
                        }

                        await channel.Subscribe();
                        for (var i = 0; i < 3; i++)
                        {
                            channel.Unsubscribe();
                        }

                        System.Action later = () => realtime.SetAuth("b");
                        try { await realtime.ConnectAsync(); } finally { realtime.Disconnect(); }
                    }
                }
                """);
            var body = (IMethodBodyOperation)model.GetOperation(method)!;
            var graph = ControlFlowGraph.Create(body);
            var order = CallOrder.Create(graph)!;
            FlowPoint Point(string name, int index = 0)
            {
                Assert.True(order.TryGetPoint(Calls(model, method, name)[index].Syntax, out var point), name);
                return point;
            }

            var setAuth = Point("SetAuth");
            var subscribe = Point("Subscribe");
            Assert.True(order.Reaches(setAuth, subscribe));
            Assert.False(order.Reaches(subscribe, setAuth));
            Assert.True(order.ExistsPathFromEntry(subscribe, new[] { setAuth }));
            Assert.False(order.ExistsPathFromEntry(subscribe, new[] { Point("Channel") }));
            Assert.True(order.IsInCycle(Point("Unsubscribe")));
            Assert.False(order.IsInCycle(subscribe));
            Assert.False(order.TryGetPoint(Calls(model, method, "SetAuth")[1].Syntax, out _));
            Assert.True(order.Reaches(Point("ConnectAsync"), Point("Disconnect")));
            Assert.Equal(2, CallOrder.WithNestedBodies(graph).Count());
            Assert.Single(CallOrder.WithNestedBodies(graph, _ => false));
            Assert.Equal(2, CallOrder.WithNestedBodies(graph, function => function.ToString().Contains("SetAuth")).Count());
        }

        [Fact]
        public void A_body_references_the_sdk_through_calls_members_types_and_derived_types()
        {
            var (compilation, model, _, sdk) = Compile("""
                using System.Collections.Generic;
                class MyChannel : RealtimeChannel { public MyChannel() : base(null!, "t", null!) { } }
                interface IMyChannel : IRealtimeChannel { }
                class C
                {
                    void Declared() { RealtimeChannel? unused = null; }
                    void FromArray(RealtimeChannel[] all) { var first = all[0]; System.Console.WriteLine(first); }
                    void ViaInterface(IMyChannel mine) { System.Console.WriteLine(mine); }
                    void Lambda(List<string> names) { names.ForEach(name => System.Console.WriteLine(name.Length)); }
                    private RealtimeChannel? _channel;
                    private readonly List<IRealtimeChannel> _all = new();
                    private readonly List<string> _names = new();
                    void Run() { }
                    void Injected(RealtimeChannel channel) { _channel = channel; }
                    void Derived() { var mine = new MyChannel(); System.Console.WriteLine(mine); }
                    int Listed() => _all.Count;
                    int Plain() { var total = 0; foreach (var name in _names) { total += name.Length; } return total; }
                    async Task PlainAsync() { await Task.Delay(1); this.Run(); }
                }
                """);
            bool References(string name)
            {
                var method = compilation.SyntaxTrees.First().GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == name);
                return sdk.ReferencesSdk(model.GetOperation(method)!);
            }

            Assert.True(References("Injected"));
            Assert.True(References("Derived"));
            Assert.True(References("Listed"));
            Assert.False(References("Plain"));
            Assert.False(References("PlainAsync"));
            Assert.False(References("Run"));
            Assert.True(References("Declared"));
            Assert.True(References("FromArray"));
            Assert.True(References("ViaInterface"));
            Assert.False(References("Lambda"));

            // Asked again (another rule): the same answers.
            Assert.True(References("Injected"));
            Assert.False(References("Plain"));

            // Shared: one resolution per compilation, whichever rule asks first.
            Assert.Same(sdk, SdkSymbols.TryCreate(compilation));
        }

        [Theory]
        [InlineData(false)]
        [InlineData(true)]
        public void A_very_deep_body_is_walked_without_failing(bool touchesSdk)
        {
            // 4,000 nested additions: deeper than a recursive walk may go on a small stack.
            var terms = string.Join(" + ", Enumerable.Range(0, 4000).Select(i => "\"" + i + "\""));
            var (compilation, model, _, sdk) = Compile($$"""
                class C
                {
                    void Run() { }
                    string Long(RealtimeChannel channel) => {{terms}} + {{(touchesSdk ? "channel.Topic" : "\"end\"")}};
                }
                """);
            var method = compilation.SyntaxTrees.First().GetRoot().DescendantNodes().OfType<MethodDeclarationSyntax>().Single(m => m.Identifier.Text == "Long");
            var body = model.GetOperation(method)!;

            var result = default(bool?);
            var thread = new System.Threading.Thread(() => result = sdk.ReferencesSdk(body), maxStackSize: 256 * 1024);
            thread.Start();
            thread.Join();

            Assert.Equal(touchesSdk, result);
        }
    }
}
