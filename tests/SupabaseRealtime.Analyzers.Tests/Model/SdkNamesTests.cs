using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using SupabaseRealtime.Analyzers.Sdk;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;

namespace SupabaseRealtime.Analyzers.Tests.Model
{
    /// <summary>
    /// The test that decides which types the rules start on (<see cref="SdkNames"/>): every type that can
    /// hold something a rule reports must pass, and the ordinary types of an app (repositories, LINQ,
    /// view models with Update/Status/Name members) must not.
    /// </summary>
    public class SdkNamesTests
    {
        private static (Compilation Compilation, SdkSymbols Sdk) Compile(SdkVersion version, params string[] sources)
        {
            var trees = sources.Select((s, i) => CSharpSyntaxTree.ParseText(s, path: $"File{i}.cs")).ToArray();
            var compilation = CSharpCompilation.Create("N", trees, SdkReferences.For(version),
                new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary, nullableContextOptions: NullableContextOptions.Enable));
            Assert.Empty(compilation.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error));
            return (compilation, SdkSymbols.TryCreate(compilation)!);
        }

        private static bool Mentions(Compilation compilation, SdkSymbols sdk, string type)
            => sdk.Names.Mentions(compilation.GetTypeByMetadataName(type)!, default);

        [Theory]
        [InlineData(SdkVersion.Supabase160)]
        [InlineData(SdkVersion.Supabase111)]
        [InlineData(SdkVersion.Realtime730)]
        [InlineData(SdkVersion.Realtime604)]
        public void Names_hold_what_the_rules_key_on_and_not_the_words_of_ordinary_code(SdkVersion version)
        {
            var (_, sdk) = Compile(version, "class C { }");
            foreach (var name in new[] { "RealtimeChannel", "Channel", "Subscribe", "Unsubscribe", "Remove", "Register", "AddPostgresChangeHandler",
                "RemovePostgresChangeHandler", "AddStateChangedHandler", "AddBroadcastEventHandler", "ConnectAsync", "Disconnect", "SetAuth", "Model", "OldModel",
                "Payload", "PostgresChangesResponse", "ListenType" })
            {
                Assert.True(sdk.Names.Contains(name), name);
            }

            foreach (var name in new[] { "Where", "Select", "Order", "Count", "Name", "ToString", "Equals", "Status", "Message", "Empty", "Id", "Data", "Update", "Insert", "Delete" })
            {
                Assert.False(sdk.Names.Contains(name), name);
            }
        }

        [Theory]
        [InlineData(SdkVersion.Supabase160)]
        [InlineData(SdkVersion.Supabase111)]
        public void Names_hold_the_auth_calls_that_leave_or_drop_a_session_and_not_the_profile_calls(SdkVersion version)
        {
            var (_, sdk) = Compile(version, "class C { }");
            foreach (var name in new[] { "Auth", "SignIn", "SignUp", "SetSession", "RefreshSession", "SignInWithIdToken", "From", "InitializeAsync" })
            {
                Assert.True(sdk.Names.Contains(name), name);
            }

            Assert.False(sdk.Names.Contains("Update"));
            Assert.False(sdk.Names.Contains("ListFactors"));
        }

        [Fact]
        public void Names_of_the_5x_channel_events_are_held()
        {
            var (_, sdk) = Compile(SdkVersion.Realtime505, "class C { }");
            Assert.True(sdk.Names.Contains("OnInsert"));
            Assert.True(sdk.Names.Contains("Subscribe"));
            Assert.False(sdk.Names.Contains("Where"));
        }

        [Fact]
        public void Types_that_call_the_sdk_or_hold_its_types_pass()
        {
            var (compilation, sdk) = Compile(SdkVersion.Supabase160, """
                using System.Threading.Tasks;
                using Supabase.Realtime.PostgresChanges;

                namespace App
                {
                    public class Feed
                    {
                        private readonly Supabase.Client _client;
                        public Feed(Supabase.Client client) => _client = client;
                        public Task Start() => _client.Realtime.Channel("orders").Subscribe();
                    }

                    public class Handlers
                    {
                        public void OnChange(object sender, PostgresChangesResponse change) { }
                    }

                    public class Holder
                    {
                        public object Value;
                    }
                }
                """);
            Assert.True(Mentions(compilation, sdk, "App.Feed"));
            Assert.True(Mentions(compilation, sdk, "App.Handlers"));
            Assert.False(Mentions(compilation, sdk, "App.Holder"));
        }

        [Fact]
        public void Ordinary_types_do_not_pass_whatever_their_member_names()
        {
            var (compilation, sdk) = Compile(SdkVersion.Supabase160, """
                using System.Collections.Generic;
                using System.Linq;

                namespace App
                {
                    public record Order(string Name, string Status, decimal Amount);

                    public class OrderRepository
                    {
                        private readonly List<Order> _orders = new();
                        public string Message { get; private set; } = string.Empty;
                        public IEnumerable<string> Names() => _orders.Where(o => o.Status != "closed").OrderBy(o => o.Name).Select(o => o.Name);
                        public int Count() => _orders.Count;
                        public void Update(Order order) { _orders.RemoveAll(o => o.Name == order.Name); _orders.Add(order); Message = order.ToString(); }
                    }
                }
                """);
            Assert.False(Mentions(compilation, sdk, "App.Order"));
            Assert.False(Mentions(compilation, sdk, "App.OrderRepository"));
        }

        [Fact]
        public void A_partial_type_passes_on_any_of_its_declarations_and_a_nested_type_only_on_its_own()
        {
            var (compilation, sdk) = Compile(SdkVersion.Supabase160, """
                namespace App
                {
                    public partial class Board
                    {
                        public class Row { public string Title = ""; }
                        private int _count;
                    }
                }
                """, """
                namespace App
                {
                    public partial class Board
                    {
                        private Supabase.Realtime.RealtimeChannel? _channel;
                        public void Stop() => _channel?.Unsubscribe();
                    }
                }
                """);
            Assert.True(Mentions(compilation, sdk, "App.Board"));
            Assert.False(Mentions(compilation, sdk, "App.Board+Row"));
        }

        [Fact]
        public void An_alias_the_file_declares_counts_as_a_name_in_that_file_only()
        {
            var (compilation, sdk) = Compile(SdkVersion.Supabase160, """
                using Live = Supabase.Realtime.RealtimeChannel;
                namespace App
                {
                    public class Aliased { private Live? _live; public object? Current => _live; }
                }
                """, """
                namespace App
                {
                    public class Elsewhere { private object? Live; public object? Current => Live; }
                }
                """);
            Assert.True(Mentions(compilation, sdk, "App.Aliased"));
            Assert.False(Mentions(compilation, sdk, "App.Elsewhere"));
        }

        [Fact]
        public void A_name_inside_a_longer_identifier_is_not_a_mention()
        {
            var (compilation, sdk) = Compile(SdkVersion.Supabase160, """
                namespace App
                {
                    public class Schedule { public int SubscribeCount; public string ChannelName = ""; public void Resubscribe() { } }
                }
                """);
            Assert.False(Mentions(compilation, sdk, "App.Schedule"));
        }

        [Fact]
        public void A_member_name_counts_after_a_dot_in_a_file_that_names_no_sdk_type()
        {
            var (compilation, sdk) = Compile(SdkVersion.Supabase160, """
                namespace App
                {
                    public class Connection
                    {
                        public Supabase.Client Client { get; } = new Supabase.Client("https://x.supabase.co", "key");
                    }
                }
                """, """
                using System.Threading.Tasks;

                namespace App
                {
                    public class Feed
                    {
                        private readonly Connection _connection = new();
                        public Task Start() => _connection.Client.Realtime
                            .Channel("orders")
                            .Subscribe();
                    }

                    public class Stopper
                    {
                        private readonly Connection _connection = new();
                        public void Stop() => _connection?.Client?.Realtime?.Disconnect();
                    }
                }
                """);
            Assert.True(Mentions(compilation, sdk, "App.Feed"));
            Assert.True(Mentions(compilation, sdk, "App.Stopper"));
        }

        [Fact]
        public void A_bare_member_name_in_a_file_that_names_no_sdk_type_is_the_file_own()
        {
            var (compilation, sdk) = Compile(SdkVersion.Supabase160, """
                using System.ComponentModel;
                using System.Threading.Channels;

                namespace App
                {
                    public class CartViewModel : INotifyPropertyChanged
                    {
                        private int _count;
                        public event PropertyChangedEventHandler? PropertyChanged;
                        public int Count { get => _count; set { _count = value; PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(nameof(Count))); } }
                    }

                    public class ExportWorker
                    {
                        private readonly Channel<string> _jobs = Channel.CreateBounded<string>(16);
                        public bool Enqueue(string job) => _jobs.Writer.TryWrite(job);
                    }
                }
                """);
            Assert.False(Mentions(compilation, sdk, "App.CartViewModel"));
            Assert.False(Mentions(compilation, sdk, "App.ExportWorker"));
        }

        [Fact]
        public void A_bare_member_name_counts_in_a_file_that_names_an_sdk_type()
        {
            var (compilation, sdk) = Compile(SdkVersion.Supabase160, """
                using Supabase.Realtime;

                namespace App
                {
                    public class Holder
                    {
                        public RealtimeChannel? Current;
                    }

                    public class Named
                    {
                        public string Channel = "";
                    }
                }
                """);
            Assert.True(Mentions(compilation, sdk, "App.Holder"));
            Assert.True(Mentions(compilation, sdk, "App.Named"));
        }

        [Fact]
        public void A_type_that_derives_from_an_sdk_type_through_its_own_base_passes_on_its_bases()
        {
            var (compilation, sdk) = Compile(SdkVersion.Supabase160, """
                namespace App
                {
                    public class AppClient : Supabase.Client
                    {
                        public AppClient(string url, string key) : base(url, key) { }
                    }
                }
                """, """
                using System.Threading.Tasks;

                namespace App
                {
                    public class TenantClient : AppClient
                    {
                        public TenantClient() : base("https://x.supabase.co", "key") { }
                        public Task Start() => InitializeAsync();
                    }
                }
                """);
            Assert.True(Mentions(compilation, sdk, "App.TenantClient"));
        }

        [Fact]
        public void A_query_property_change_event_is_no_name_and_a_realtime_5x_event_is()
        {
            var (_, current) = Compile(SdkVersion.Supabase160, "class C { }");
            Assert.False(current.Names.Contains("PropertyChanged"));
            Assert.False(current.Names.Contains("ProgressChanged"));
            var (_, old) = Compile(SdkVersion.Realtime505, "class C { }");
            Assert.True(old.Names.Contains("OnPostgresChange"));
        }

        [Fact]
        public void App_types_named_like_sdk_types_do_not_pass_in_a_file_that_cannot_name_sdk_types()
        {
            var (compilation, sdk) = Compile(SdkVersion.Supabase160, """
                namespace App.Accounts
                {
                    public class User { public string Email = ""; }

                    public class Session
                    {
                        public User? User;
                        public bool IsExpired(System.DateTime now) => now.Year > 2100;
                    }
                }
                """);
            Assert.False(Mentions(compilation, sdk, "App.Accounts.User"));
            Assert.False(Mentions(compilation, sdk, "App.Accounts.Session"));
        }

        [Fact]
        public void A_bare_sdk_type_name_counts_where_a_namespace_declaration_or_a_global_using_lets_the_file_name_it()
        {
            var (compilation, sdk) = Compile(SdkVersion.Supabase160, """
                global using Supabase.Realtime;
                """, """
                namespace App
                {
                    public class Holder { public RealtimeChannel? Current; }
                }
                """);
            Assert.True(Mentions(compilation, sdk, "App.Holder"));

            // postgrest-csharp 3.2 (with realtime-csharp 6.0.4) declares its client in namespace Postgrest: seen from Postgrest.Reports.
            var (older, olderSdk) = Compile(SdkVersion.Realtime604, """
                namespace Postgrest.Reports;

                public class Options { public ClientOptions Value = new(); }
                """);
            Assert.True(Mentions(older, olderSdk, "Postgrest.Reports.Options"));

            // A block namespace names the SDK's root, or a using directive inside a nested namespace imports it.
            var (blocks, blocksSdk) = Compile(SdkVersion.Realtime604, """
                namespace Postgrest.Tools
                {
                    public class Holder { public ClientOptions? Current; }
                }
                """, """
                namespace Tools
                {
                    namespace Keeping
                    {
                        using Postgrest;

                        public class Keeper { public ClientOptions? Current; }
                    }
                }
                """, """
                namespace App
                {
                    public class ClientOptions { }

                    public class Other { public ClientOptions? Current; }
                }
                """);
            Assert.True(Mentions(blocks, blocksSdk, "Postgrest.Tools.Holder"));
            Assert.True(Mentions(blocks, blocksSdk, "Tools.Keeping.Keeper"));
            Assert.False(Mentions(blocks, blocksSdk, "App.Other"));
        }

        [Fact]
        public void A_global_using_that_imports_no_sdk_namespace_lets_no_bare_name_count()
        {
            var (compilation, sdk) = Compile(SdkVersion.Supabase160, """
                global using System.Collections.Generic;
                """, """
                namespace App
                {
                    public class Client { public List<string> Names = new(); }
                }
                """);
            Assert.False(Mentions(compilation, sdk, "App.Client"));
        }

        [Fact]
        public void A_global_alias_counts_as_a_name_in_every_file()
        {
            var (compilation, sdk) = Compile(SdkVersion.Supabase160, """
                global using Live = Supabase.Realtime.RealtimeChannel;
                """, """
                namespace App
                {
                    public class Aliased { private Live? _live; public object? Current => _live; }
                }
                """);
            Assert.True(Mentions(compilation, sdk, "App.Aliased"));
        }

        [Fact]
        public void A_type_that_implements_an_sdk_interface_through_an_app_interface_passes()
        {
            // The type's own file names nothing of the SDK: only its interface, declared elsewhere, extends the SDK's.
            var (compilation, sdk) = Compile(SdkVersion.Supabase160, """
                namespace App
                {
                    public interface IOfflineCache : Supabase.Postgrest.Interfaces.IPostgrestCacheProvider { }

                    public abstract class OfflineCacheBase : IOfflineCache
                    {
                        public abstract System.Threading.Tasks.Task<T?> GetItem<T>(string key);
                        public abstract System.Threading.Tasks.Task SetItem(string key, object value);
                        public abstract System.Threading.Tasks.Task ClearItem(string key);
                        public abstract System.Threading.Tasks.Task Empty();
                    }
                }
                """, """
                using System;
                using System.Threading.Tasks;

                namespace App
                {
                    public sealed class MemoryCache : IOfflineCache
                    {
                        public Task<T?> GetItem<T>(string key) => Task.FromResult<T?>(default);
                        public Task SetItem(string key, object value) => Task.CompletedTask;
                        public Task ClearItem(string key) => Task.CompletedTask;
                        public Task Empty() => Task.CompletedTask;
                    }

                    public sealed class DiskCache : OfflineCacheBase
                    {
                        public override Task<T?> GetItem<T>(string key) where T : default => Task.FromResult<T?>(default);
                        public override Task SetItem(string key, object value) => Task.CompletedTask;
                        public override Task ClearItem(string key) => Task.CompletedTask;
                        public override Task Empty() => Task.CompletedTask;
                    }

                    public sealed class Unrelated : IDisposable
                    {
                        public Task Empty() => Task.CompletedTask;
                        public void Dispose() { }
                    }
                }
                """);
            Assert.True(Mentions(compilation, sdk, "App.MemoryCache"));
            Assert.True(Mentions(compilation, sdk, "App.DiskCache"));
            Assert.False(Mentions(compilation, sdk, "App.Unrelated"));
        }

        [Fact]
        public void A_type_nested_in_a_type_that_derives_from_an_sdk_type_passes()
        {
            var (compilation, sdk) = Compile(SdkVersion.Supabase160, """
                namespace App
                {
                    public partial class AppClient : Supabase.Client
                    {
                        public AppClient() : base("https://x.supabase.co", "key") { }
                    }
                }
                """, """
                namespace App
                {
                    public partial class AppClient
                    {
                        public class Defaults { public int Retries = 3; }
                    }

                    public class Unrelated { public class Defaults { public int Retries = 3; } }
                }
                """);
            Assert.True(Mentions(compilation, sdk, "App.AppClient+Defaults"));
            Assert.False(Mentions(compilation, sdk, "App.Unrelated+Defaults"));
        }
    }
}
