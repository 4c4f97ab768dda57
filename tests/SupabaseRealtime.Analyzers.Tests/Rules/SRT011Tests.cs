using System.Threading.Tasks;
using SupabaseRealtime.Analyzers.Tests.Verification;
using Xunit;
using Verify = SupabaseRealtime.Analyzers.Tests.Verification.CSharpCodeFixVerifier<
    SupabaseRealtime.Analyzers.Rules.ModelReadForDeleteAnalyzer,
    SupabaseRealtime.Analyzers.CodeFixes.Rules.ModelReadForDeleteCodeFixProvider>;
using VerifyAnalyzer = SupabaseRealtime.Analyzers.Tests.Verification.CSharpAnalyzerVerifier<
    SupabaseRealtime.Analyzers.Rules.ModelReadForDeleteAnalyzer>;

namespace SupabaseRealtime.Analyzers.Tests.Rules
{
    public class SRT011Tests
    {
        /// <summary>The Postgrest model and the local store the sources share, appended to each of them.</summary>
        private const string Models = """


            namespace Inventory.Models
            {
                using Supabase.Postgrest.Attributes;
                using Supabase.Postgrest.Models;

                [Table("products")]
                public class Product : BaseModel
                {
                    [PrimaryKey("id")]
                    public int Id { get; set; }

                    [Column("name")]
                    public string? Name { get; set; }

                    [Column("stock")]
                    public int Stock { get; set; }
                }
            }

            namespace Inventory.Storage
            {
                using System.Collections.Generic;

                public sealed class ProductCache
                {
                    private readonly Dictionary<int, Inventory.Models.Product> _rows = new Dictionary<int, Inventory.Models.Product>();

                    public int Count => _rows.Count;

                    public void Put(Inventory.Models.Product product) => _rows[product.Id] = product;

                    public void Remove(int id) => _rows.Remove(id);
                }
            }
            """;

        /// <summary><see cref="Models"/> for the SDK lines whose Postgrest still uses the <c>Postgrest.*</c> namespaces (5.x, 6.0.4).</summary>
        private static readonly string LegacyModels = Models.Replace("using Supabase.Postgrest.", "using Postgrest.");

        private const string DeletesOnly = "this handler receives only DELETE events";
        private const string DeleteBranch = "this code runs only for DELETE events";

        // ---------------------------------------------------------------- reports

        [Fact]
        public Task Reports_Model_in_a_Deletes_handler()
            => Verify.VerifyAnalyzerAsync("""
                using Inventory.Models;
                using Inventory.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class ProductSync
                {
                    private readonly ProductCache _cache = new ProductCache();

                    public void Attach(RealtimeChannel channel)
                    {
                        channel.OnPostgresChange((sender, change) =>
                        {
                            var product = change.{|#0:Model|}<Product>();
                            if (product != null)
                            {
                                _cache.Remove(product.Id);
                            }
                        }, PostgresChangesOptions.ListenType.Deletes, new PostgresChangesFilter { Table = "products" });
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("change.Model<Product>()", DeletesOnly, "change.OldModel<Product>()"));

        [Fact]
        public Task Reports_Model_in_the_delete_branch_of_an_All_handler()
            => Verify.VerifyAnalyzerAsync("""
                using Inventory.Models;
                using Inventory.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;

                public sealed class ProductSync
                {
                    private readonly ProductCache _cache = new ProductCache();

                    public void Attach(IRealtimeChannel channel)
                        => channel.OnPostgresChange(OnChange, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "products" });

                    private void OnChange(IRealtimeChannel sender, PostgresChangesResponse change)
                    {
                        if (change.Payload?.Data?.Type == Constants.EventType.Delete)
                        {
                            _cache.Remove(change.{|#0:Model|}<Product>()!.Id);
                            return;
                        }

                        var product = change.Model<Product>();
                        if (product != null)
                        {
                            _cache.Put(product);
                        }
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("change.Model<Product>()", DeleteBranch, "change.OldModel<Product>()"));

        [Fact]
        public Task Reports_Model_in_a_switch_section_for_Delete()
            => Verify.VerifyAnalyzerAsync("""
                using Inventory.Models;
                using Inventory.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.Constants;

                public sealed class ProductSync
                {
                    private readonly ProductCache _cache = new ProductCache();

                    public void Attach(RealtimeChannel channel)
                        => channel.OnPostgresChange((sender, change) =>
                        {
                            switch (change.Payload?.Data?.Type)
                            {
                                case EventType.Insert:
                                case EventType.Update:
                                    _cache.Put(change.Model<Product>()!);
                                    break;
                                case EventType.Delete:
                                    var gone = change.{|#0:Model|}<Product>();
                                    _cache.Remove(gone?.Id ?? 0);
                                    break;
                            }
                        }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "products" });
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("change.Model<Product>()", DeleteBranch, "change.OldModel<Product>()"));

        [Fact]
        public Task Reports_Model_after_an_early_return_for_every_other_event()
            => Verify.VerifyAnalyzerAsync("""
                using Inventory.Models;
                using Inventory.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.Constants;

                public sealed class ProductSync
                {
                    private readonly ProductCache _cache = new ProductCache();

                    public void Attach(RealtimeChannel channel)
                        => channel.OnPostgresChange((sender, change) =>
                        {
                            if (change.Payload?.Data?.Type is not EventType.Delete)
                            {
                                return;
                            }

                            var product = change.{|#0:Model|}<Product>();
                            _cache.Remove(product?.Id ?? 0);
                        }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "products" });
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("change.Model<Product>()", DeleteBranch, "change.OldModel<Product>()"));

        [Fact]
        public Task Reports_Payload_Data_Record_in_a_delete_branch_on_the_event_name()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class AuditTrail
                {
                    public void Attach(RealtimeChannel channel)
                        => channel.OnPostgresChange((sender, change) =>
                        {
                            if (change.Payload?.Data?._type == "DELETE")
                            {
                                Console.WriteLine($"deleted: {change.Payload?.Data?.{|#0:Record|}}");
                            }
                        }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "products" });
                }
                """,
                Verify.Diagnostic().WithLocation(0).WithArguments("change.Payload?.Data?.Record", DeleteBranch, "change.Payload?.Data?.OldRecord"));

        [Fact]
        public Task Reports_Model_in_a_private_helper_of_a_Deletes_handler()
            => Verify.VerifyAnalyzerAsync("""
                using Inventory.Models;
                using Inventory.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;

                public sealed class ProductSync
                {
                    private readonly ProductCache _cache = new ProductCache();

                    public void Attach(IRealtimeChannel channel)
                        => channel.OnPostgresChange(OnDeleted, PostgresChangesOptions.ListenType.Deletes, new PostgresChangesFilter { Table = "products" });

                    private void OnDeleted(IRealtimeChannel sender, PostgresChangesResponse change) => Forget(change);

                    private void Forget(PostgresChangesResponse change)
                    {
                        var product = change.{|#0:Model|}<Product>();
                        if (product != null)
                        {
                            _cache.Remove(product.Id);
                        }
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("change.Model<Product>()", DeletesOnly, "change.OldModel<Product>()"));

        [Fact]
        public Task Reports_Model_in_a_local_function_of_the_method_a_Deletes_lambda_calls()
            => Verify.VerifyAnalyzerAsync("""
                using Inventory.Models;
                using Inventory.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class StockRoom
                {
                    private readonly ProductCache _cache = new ProductCache();

                    public void Watch(RealtimeChannel channel)
                    {
                        void Drop(PostgresChangesResponse change)
                        {
                            var gone = change.{|#0:Model|}<Product>();
                            if (gone != null)
                            {
                                _cache.Remove(gone.Id);
                            }
                        }

                        channel.OnPostgresChange((sender, change) => Drop(change), PostgresChangesOptions.ListenType.Deletes, new PostgresChangesFilter { Table = "products" });
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("change.Model<Product>()", DeletesOnly, "change.OldModel<Product>()"));

        [Fact]
        public Task Reports_Model_two_helpers_below_a_Deletes_handler_named_by_a_local_function()
            => Verify.VerifyAnalyzerAsync("""
                using Inventory.Models;
                using Inventory.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;

                public sealed class ShelfMonitor
                {
                    private readonly ProductCache _cache = new ProductCache();

                    public void Follow(IRealtimeChannel channel)
                    {
                        void Removed(IRealtimeChannel sender, PostgresChangesResponse change) => Evict(change);

                        channel.OnPostgresChange(Removed, PostgresChangesOptions.ListenType.Deletes, new PostgresChangesFilter { Table = "products" });
                    }

                    private void Evict(PostgresChangesResponse change) => Evict(change.{|#0:Model|}<Product>());

                    private void Evict(Product? product)
                    {
                        if (product != null)
                        {
                            _cache.Remove(product.Id);
                        }
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("change.Model<Product>()", DeletesOnly, "change.OldModel<Product>()"));

        [Fact]
        public Task Reports_Model_in_the_implementation_of_a_partial_helper_of_a_Deletes_handler()
            => Verify.VerifyAnalyzerAsync("""
                using Inventory.Models;
                using Inventory.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;

                public sealed partial class CatalogFeed
                {
                    private readonly ProductCache _cache = new ProductCache();

                    public void Listen(IRealtimeChannel channel)
                        => channel.OnPostgresChange(OnRemoved, PostgresChangesOptions.ListenType.Deletes, new PostgresChangesFilter { Table = "products" });

                    private void OnRemoved(IRealtimeChannel sender, PostgresChangesResponse change) => Forget(change);

                    partial void Forget(PostgresChangesResponse change);
                }

                public sealed partial class CatalogFeed
                {
                    partial void Forget(PostgresChangesResponse change)
                    {
                        var product = change.{|#0:Model|}<Product>();
                        if (product != null)
                        {
                            _cache.Remove(product.Id);
                        }
                    }
                }
                """ + Models,
                Verify.Diagnostic().WithLocation(0).WithArguments("change.Model<Product>()", DeletesOnly, "change.OldModel<Product>()"));

        [Fact]
        public Task Reports_Model_in_a_From_On_Deletes_handler_on_Supabase_1_1_1()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                    using System.Threading.Tasks;
                    using Inventory.Models;
                    using Inventory.Storage;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class ProductSync
                    {
                        private readonly ProductCache _cache = new ProductCache();

                        public async Task StartAsync(Supabase.Client supabase)
                        {
                            await supabase.From<Product>().On(PostgresChangesOptions.ListenType.Deletes, (sender, change) =>
                            {
                                var product = change.{|#0:Model|}<Product>();
                                if (product != null)
                                {
                                    _cache.Remove(product.Id);
                                }
                            });
                        }
                    }
                    """ + Models,
                ExpectedDiagnostics = { VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments("change.Model<Product>()", DeletesOnly, "change.OldModel<Product>()") },
            }.RunAsync();

        [Fact]
        public Task Reports_Model_in_an_OnDelete_event_handler_on_Realtime_5()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using Inventory.Models;
                    using Inventory.Storage;
                    using Supabase.Realtime;

                    public sealed class ProductSync
                    {
                        private readonly ProductCache _cache = new ProductCache();

                        public void Attach(RealtimeChannel channel)
                        {
                            channel.OnDelete += (sender, e) =>
                            {
                                var product = e.Response?.{|#0:Model|}<Product>();
                                if (product != null)
                                {
                                    _cache.Remove(product.Id);
                                }
                            };
                        }
                    }
                    """ + LegacyModels,
                ExpectedDiagnostics = { VerifyAnalyzer.Diagnostic().WithLocation(0).WithArguments("e.Response?.Model<Product>()", DeletesOnly, "e.Response?.OldModel<Product>()") },
            }.RunAsync();

        // ---------------------------------------------------------------- does not report

        [Fact]
        public Task Ignores_Model_in_INSERT_and_UPDATE_branches()
            => Verify.VerifyAnalyzerAsync("""
                using Inventory.Models;
                using Inventory.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.Constants;

                public sealed class ProductSync
                {
                    private readonly ProductCache _cache = new ProductCache();

                    public void Attach(RealtimeChannel channel)
                        => channel.OnPostgresChange((sender, change) =>
                        {
                            var type = change.Payload?.Data?.Type;
                            if (type == EventType.Insert || type == EventType.Update)
                            {
                                _cache.Put(change.Model<Product>()!);
                            }
                            else if (type == EventType.Delete)
                            {
                                _cache.Remove(change.OldModel<Product>()?.Id ?? 0);
                            }
                        }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "products" });
                }
                """ + Models);

        [Fact]
        public Task Ignores_Model_in_an_All_handler_outside_a_delete_branch()
            => Verify.VerifyAnalyzerAsync("""
                using Inventory.Models;
                using Inventory.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class ProductSync
                {
                    private readonly ProductCache _cache = new ProductCache();

                    public void Attach(RealtimeChannel channel)
                        => channel.OnPostgresChange((sender, change) =>
                        {
                            var product = change.Model<Product>();
                            if (product is null)
                            {
                                // A DELETE: the row is in the old record.
                                _cache.Remove(change.OldModel<Product>()?.Id ?? 0);
                                return;
                            }

                            _cache.Put(product);
                        }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "products" });
                }
                """ + Models);

        [Fact]
        public Task Ignores_OldModel_and_OldRecord_in_a_Deletes_handler()
            => Verify.VerifyAnalyzerAsync("""
                using System;
                using Inventory.Models;
                using Inventory.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class ProductSync
                {
                    private readonly ProductCache _cache = new ProductCache();

                    public void Attach(RealtimeChannel channel)
                        => channel.OnPostgresChange((sender, change) =>
                        {
                            var product = change.OldModel<Product>();
                            Console.WriteLine(change.Payload?.Data?.OldRecord);
                            if (product != null)
                            {
                                _cache.Remove(product.Id);
                            }
                        }, PostgresChangesOptions.ListenType.Deletes, new PostgresChangesFilter { Table = "products" });
                }
                """ + Models);

        [Fact]
        public Task Ignores_Model_that_falls_back_to_OldModel()
            => Verify.VerifyAnalyzerAsync("""
                using Inventory.Models;
                using Inventory.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class ProductSync
                {
                    private readonly ProductCache _cache = new ProductCache();

                    public void Attach(RealtimeChannel channel)
                        => channel.OnPostgresChange((sender, change) =>
                        {
                            var product = change.Model<Product>() ?? change.OldModel<Product>();
                            _cache.Remove(product?.Id ?? 0);
                        }, PostgresChangesOptions.ListenType.Deletes, new PostgresChangesFilter { Table = "products" });
                }
                """ + Models);

        [Fact]
        public Task Ignores_a_helper_shared_by_an_Inserts_and_a_Deletes_handler()
            => Verify.VerifyAnalyzerAsync("""
                using Inventory.Models;
                using Inventory.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;

                public sealed class ProductSync
                {
                    private readonly ProductCache _cache = new ProductCache();

                    public void Attach(IRealtimeChannel channel)
                    {
                        var filter = new PostgresChangesFilter { Table = "products" };
                        channel.OnPostgresChange((sender, change) => Apply(change, removed: false), PostgresChangesOptions.ListenType.Inserts, filter);
                        channel.OnPostgresChange((sender, change) => Apply(change, removed: true), PostgresChangesOptions.ListenType.Deletes, filter);
                    }

                    private void Apply(PostgresChangesResponse change, bool removed)
                    {
                        var product = removed ? change.OldModel<Product>() : change.Model<Product>();
                        if (product != null)
                        {
                            _cache.Put(product);
                        }
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_Model_in_Inserts_and_Updates_handlers()
            => Verify.VerifyAnalyzerAsync("""
                using Inventory.Models;
                using Inventory.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class ProductSync
                {
                    private readonly ProductCache _cache = new ProductCache();

                    public void Attach(RealtimeChannel channel)
                    {
                        var filter = new PostgresChangesFilter { Table = "products" };
                        channel.OnPostgresChange((sender, change) => _cache.Put(change.Model<Product>()!), PostgresChangesOptions.ListenType.Inserts, filter);
                        channel.OnPostgresChange((sender, change) => _cache.Put(change.Model<Product>()!), PostgresChangesOptions.ListenType.Updates, filter);
                    }
                }
                """ + Models);

        [Fact]
        public Task Ignores_Model_in_code_no_handler_runs()
            => Verify.VerifyAnalyzerAsync("""
                using Inventory.Models;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public static class ChangeFormatting
                {
                    public static string Describe(PostgresChangesResponse change)
                        => change.Payload?.Data?.Type == Constants.EventType.Delete
                            ? $"deleted {change.Model<Product>()?.Id}"
                            : $"changed {change.Payload?.Data?.Record}";
                }
                """ + Models);

        [Fact]
        public Task Ignores_a_listen_type_that_is_not_a_constant()
            => Verify.VerifyAnalyzerAsync("""
                using Inventory.Models;
                using Inventory.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class ProductSync
                {
                    private readonly ProductCache _cache = new ProductCache();

                    public void Attach(RealtimeChannel channel, PostgresChangesOptions.ListenType listenType)
                        => channel.OnPostgresChange((sender, change) =>
                        {
                            var product = change.Model<Product>();
                            if (product != null)
                            {
                                _cache.Put(product);
                            }
                        }, listenType, new PostgresChangesFilter { Table = "products" });
                }
                """ + Models);

        [Fact]
        public Task Ignores_Model_in_an_Updates_handler_on_Supabase_1_1_1()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Supabase111,
                TestCode = """
                    using Inventory.Models;
                    using Inventory.Storage;
                    using Supabase.Realtime;
                    using Supabase.Realtime.PostgresChanges;

                    public sealed class ProductSync
                    {
                        private readonly ProductCache _cache = new ProductCache();

                        public void Attach(RealtimeChannel channel)
                        {
                            channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Updates, (sender, change) =>
                            {
                                var product = change.Model<Product>();
                                if (product != null)
                                {
                                    _cache.Put(product);
                                }
                            });
                            channel.AddPostgresChangeHandler(PostgresChangesOptions.ListenType.Deletes, (sender, change) =>
                                _cache.Remove(change.OldModel<Product>()?.Id ?? 0));
                        }
                    }
                    """ + Models,
            }.RunAsync();

        [Fact]
        public Task Ignores_Model_in_OnInsert_and_OnPostgresChange_on_Realtime_5()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using Inventory.Models;
                    using Inventory.Storage;
                    using Supabase.Realtime;

                    public sealed class ProductSync
                    {
                        private readonly ProductCache _cache = new ProductCache();

                        public void Attach(RealtimeChannel channel)
                        {
                            channel.OnInsert += (sender, e) => _cache.Put(e.Response!.Model<Product>()!);
                            channel.OnPostgresChange += (sender, e) =>
                            {
                                var product = e.Response?.Model<Product>();
                                if (product != null)
                                {
                                    _cache.Put(product);
                                }
                            };
                            channel.OnDelete += (sender, e) => _cache.Remove(e.Response?.OldModel<Product>()?.Id ?? 0);
                        }
                    }
                    """ + LegacyModels,
            }.RunAsync();

        [Fact]
        public Task Ignores_look_alike_code_without_the_sdk()
            => new VerifyAnalyzer.Test
            {
                Sdk = SdkVersion.None,
                TestCode = """
                    using System;

                    namespace MyApp.Changes
                    {
                        public enum ListenType { All, Inserts, Updates, Deletes }

                        public sealed class PostgresChangesResponse
                        {
                            public T? Model<T>() where T : class => null;
                        }

                        public sealed class Channel
                        {
                            public void OnPostgresChange(Action<Channel, PostgresChangesResponse> handler, ListenType listenType) { }
                        }

                        public sealed class Listener
                        {
                            public void Attach(Channel channel)
                                => channel.OnPostgresChange((sender, change) => Console.WriteLine(change.Model<string>()), ListenType.Deletes);
                        }
                    }
                    """,
            }.RunAsync();

        // ---------------------------------------------------------------- fixes

        [Fact]
        public Task Fix_reads_OldModel_in_a_Deletes_handler()
            => Verify.VerifyCodeFixAsync("""
                using Inventory.Models;
                using Inventory.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class ProductSync
                {
                    private readonly ProductCache _cache = new ProductCache();

                    public void Attach(RealtimeChannel channel)
                    {
                        channel.OnPostgresChange((sender, change) =>
                        {
                            var product = change.[|Model|]<Product>();
                            if (product != null)
                            {
                                _cache.Remove(product.Id);
                            }
                        }, PostgresChangesOptions.ListenType.Deletes, new PostgresChangesFilter { Table = "products" });
                    }
                }
                """ + Models, """
                using Inventory.Models;
                using Inventory.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;

                public sealed class ProductSync
                {
                    private readonly ProductCache _cache = new ProductCache();

                    public void Attach(RealtimeChannel channel)
                    {
                        channel.OnPostgresChange((sender, change) =>
                        {
                            var product = change.OldModel<Product>();
                            if (product != null)
                            {
                                _cache.Remove(product.Id);
                            }
                        }, PostgresChangesOptions.ListenType.Deletes, new PostgresChangesFilter { Table = "products" });
                    }
                }
                """ + Models);

        [Fact]
        public Task Fix_all_reads_the_old_record_and_the_old_model()
            => Verify.VerifyCodeFixAsync("""
                using System;
                using Inventory.Models;
                using Inventory.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.Constants;

                public sealed class ProductSync
                {
                    private readonly ProductCache _cache = new ProductCache();

                    public void Attach(RealtimeChannel channel)
                        => channel.OnPostgresChange((sender, change) =>
                        {
                            switch (change.Payload?.Data?.Type)
                            {
                                case EventType.Delete:
                                    Console.WriteLine(change.Payload?.Data?.[|Record|]);
                                    _cache.Remove(change.[|Model|]<Product>()?.Id ?? 0);
                                    break;
                                default:
                                    _cache.Put(change.Model<Product>()!);
                                    break;
                            }
                        }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "products" });
                }
                """ + Models, """
                using System;
                using Inventory.Models;
                using Inventory.Storage;
                using Supabase.Realtime;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.Constants;

                public sealed class ProductSync
                {
                    private readonly ProductCache _cache = new ProductCache();

                    public void Attach(RealtimeChannel channel)
                        => channel.OnPostgresChange((sender, change) =>
                        {
                            switch (change.Payload?.Data?.Type)
                            {
                                case EventType.Delete:
                                    Console.WriteLine(change.Payload?.Data?.OldRecord);
                                    _cache.Remove(change.OldModel<Product>()?.Id ?? 0);
                                    break;
                                default:
                                    _cache.Put(change.Model<Product>()!);
                                    break;
                            }
                        }, PostgresChangesOptions.ListenType.All, new PostgresChangesFilter { Table = "products" });
                }
                """ + Models);

        [Fact]
        public Task Fix_reads_OldModel_in_an_OnDelete_handler_on_Realtime_5()
            => new Verify.Test
            {
                Sdk = SdkVersion.Realtime505,
                TestCode = """
                    using Inventory.Models;
                    using Inventory.Storage;
                    using Supabase.Realtime;

                    public sealed class ProductSync
                    {
                        private readonly ProductCache _cache = new ProductCache();

                        public void Attach(RealtimeChannel channel)
                            => channel.OnDelete += (sender, e) => _cache.Remove(e.Response?.[|Model|]<Product>()?.Id ?? 0);
                    }
                    """ + LegacyModels,
                FixedCode = """
                    using Inventory.Models;
                    using Inventory.Storage;
                    using Supabase.Realtime;

                    public sealed class ProductSync
                    {
                        private readonly ProductCache _cache = new ProductCache();

                        public void Attach(RealtimeChannel channel)
                            => channel.OnDelete += (sender, e) => _cache.Remove(e.Response?.OldModel<Product>()?.Id ?? 0);
                    }
                    """ + LegacyModels,
            }.RunAsync();
    }
}
