using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;

namespace SupabaseRealtime.Analyzers.Tests.Robustness
{
    /// <summary>The editing states analyzers see while people type: silent or correct, never throwing.</summary>
    public class HalfTypedCodeTests
    {
        private const string Header = """
            using System;
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using Supabase.Realtime;
            using Supabase.Realtime.Interfaces;
            using Supabase.Realtime.PostgresChanges;
            using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;

            """;

        public static IEnumerable<object[]> States() => new[]
        {
            new object[] { "missing arguments", "class C { async Task M(Supabase.Client s) { var ch = s.Realtime.Channel(; await ch.Subscribe(); } }" },
            new object[] { "missing semicolons", "class C { async Task M(Supabase.Client s) { var ch = s.Realtime.Channel(\"x\") await ch.Subscribe() await s.Auth.SignIn(\"a\", \"b\") } }" },
            new object[] { "lambda being typed", "class C { void M(IRealtimeChannel ch, Store store) { ch.AddPostgresChangeHandler(ListenType.All, (sender, change) => store. ); } } class Store { public void Update(object o) { } }" },
            new object[] { "lambda without body", "class C { void M(IRealtimeChannel ch) { ch.AddPostgresChangeHandler(ListenType.Inserts, (sender, change) => ); } }" },
            new object[] { "unresolved SDK member", "class C { async Task M(Supabase.Client s) { var ch = s.Realtime.Channel(\"x\"); await ch.Subscrib(); ch.Unsubscrib(); s.Realtime.Remov(ch); } }" },
            new object[] { "unresolved receiver", "class C { async Task M() { var ch = realtime.Channel(\"x\"); await ch.Subscribe(); await ch.Subscribe(); } }" },
            new object[] { "wrong argument types", "class C { void M(Client c) { var ch = c.Channel(1, 2, 3, 4, 5); ch.Register(new PostgresChangesOptions(null!, 5)); } }" },
            new object[] { "half a method", "class C { async Task M(Supabase.Client s) { var ch = s.Realtime.Channel(\"x\"); await ch.Subscribe(); if (" },
            new object[] { "half a class", "class C : IDisposable { private IRealtimeChannel? _ch; async Task M(Supabase.Client s) { _ch = s.Realtime.Channel(\"x\"); await _ch.Subscribe(); } public void Dispose() { _ch." },
            new object[] { "unbalanced braces", "class C { async Task M(Supabase.Client s) { { var ch = s.Realtime.Channel(\"x\"); await ch.Subscribe(); } } } }" },
            new object[] { "string being typed", "class C { const string Key = \"eyJhbGciOiJIUzI1NiJ9.eyJyb2xlIjoic2VydmljZV9yb2xl; }" },
            new object[] { "handler method group missing", "class C { void M(IRealtimeChannel ch) { ch.AddPostgresChangeHandler(ListenType.All, OnChange); } }" },
            new object[] { "table On being typed", "class C { async Task M(Supabase.Client s) { await s.From<Todo>().On(ListenType.All, ); } } class Todo : Supabase.Postgrest.Models.BaseModel { }" },
            new object[] { "top-level statements", "var s = new Supabase.Client(\"u\", \"k\"); var ch = s.Realtime.Channel(\"x\"); await ch.Subscribe(); await s.Auth.SignIn(" },
        };

        [Theory]
        [MemberData(nameof(States))]
        public async Task Analyzers_and_fixers_never_throw(string state, string code)
        {
            var kind = code.StartsWith("var ", StringComparison.Ordinal) ? OutputKind.ConsoleApplication : OutputKind.DynamicallyLinkedLibrary;
            var compilation = Harness.Compile(new[] { ("/half/" + state.Replace(' ', '-') + ".cs", Header + code) }, SdkVersion.Supabase160, kind);
            Assert.NotEmpty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var failures = new List<string>();
            var diagnostics = await Harness.AnalyzeAsync(compilation, failures);
            var solution = Harness.SolutionFor(compilation);
            foreach (var diagnostic in diagnostics.Where(d => d.Location.IsInSource))
            {
                await Harness.ComputeFixesAsync(solution, diagnostic, failures);
            }

            Assert.Empty(failures);
        }

        [Fact]
        public async Task Sdk_without_its_dependencies_never_makes_an_analyzer_throw()
        {
            // The real Realtime assembly alone, without Core, Postgrest, Newtonsoft.Json or Websocket.Client: base types,
            // interfaces and parameter types of the SDK are missing, as in a half-restored project.
            var partialRealtime = SdkReferences.Sdk(SdkVersion.Supabase160).Where(r => System.IO.Path.GetFileName(r.Display) == "Supabase.Realtime.dll").ToList();
            Assert.Single(partialRealtime);
            var tree = CSharpSyntaxTree.ParseText("""
                using System.Threading.Tasks;
                using Supabase.Realtime;

                public sealed class Feed : System.IDisposable
                {
                    private readonly Client _client = new Client("wss://example");
                    private RealtimeChannel? _channel;

                    public async Task StartAsync()
                    {
                        _channel = _client.Channel("feed");
                        await _channel.Subscribe();
                        await _channel.Subscribe();
                        _client.SetAuth("jwt");
                        await _client.ConnectAsync();
                    }

                    public void Dispose() => _channel?.Unsubscribe();
                }
                """, new CSharpParseOptions(LanguageVersion.CSharp11), path: "/partial/Feed.cs");
            var compilation = CSharpCompilation.Create("Partial", new[] { tree }, SdkReferences.Framework.AddRange(partialRealtime),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            Assert.Contains(compilation.GetTypeByMetadataName("Supabase.Realtime.Client")!.Interfaces, i => i.TypeKind == TypeKind.Error);
            var failures = new List<string>();
            await Harness.AnalyzeAsync(compilation, failures);
            Assert.Empty(failures);
        }

        [Fact]
        public async Task Sdk_without_gotrue_never_makes_an_analyzer_throw()
        {
            var references = SdkReferences.For(SdkVersion.Supabase160).Where(r => r.Display?.Contains("Gotrue", StringComparison.Ordinal) != true).ToImmutableArray();
            var tree = CSharpSyntaxTree.ParseText(Header + """
                class C
                {
                    async Task M(Supabase.Client s)
                    {
                        var ch = s.Realtime.Channel("x");
                        await ch.Subscribe();
                        await s.Auth.SignIn("a", "b");
                    }
                }
                """, new CSharpParseOptions(LanguageVersion.CSharp11), path: "/nogotrue/C.cs");
            var compilation = CSharpCompilation.Create("NoGotrue", new[] { tree }, references,
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            Assert.NotEmpty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            var failures = new List<string>();
            await Harness.AnalyzeAsync(compilation, failures);
            Assert.Empty(failures);
        }
    }
}
