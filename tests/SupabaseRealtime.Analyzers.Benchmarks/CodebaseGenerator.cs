using System;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Globalization;
using System.Linq;
using System.Text;

namespace SupabaseRealtime.Analyzers.Benchmarks
{
    /// <summary>One generated source file.</summary>
    internal sealed record GeneratedFile(string Path, string Text, bool UsesSdk);

    /// <summary>A generated codebase and what it holds.</summary>
    internal sealed class Codebase
    {
        public Codebase(string name, bool referencesSdk, ImmutableArray<GeneratedFile> files, IReadOnlyDictionary<string, int> misuses)
        {
            Name = name;
            ReferencesSdk = referencesSdk;
            Files = files;
            Misuses = misuses;
            SdkFiles = files.Count(f => f.UsesSdk);
            Lines = files.Sum(f => CountLines(f.Text));
        }

        public string Name { get; }

        /// <summary>"0 errors, ..." once compiled.</summary>
        public string CompileSummary { get; set; } = string.Empty;

        public bool ReferencesSdk { get; }

        public ImmutableArray<GeneratedFile> Files { get; }

        public int SdkFiles { get; }

        public int Lines { get; }

        /// <summary>How many diagnostics of each rule (by ID) the planted misuses must produce.</summary>
        public IReadOnlyDictionary<string, int> Misuses { get; }

        private static int CountLines(string text)
        {
            var lines = 1;
            foreach (var c in text)
            {
                if (c == '\n')
                {
                    lines++;
                }
            }

            return lines;
        }
    }

    /// <summary>
    /// Generates a deterministic synthetic C# codebase: repositories and services, MVVM view models,
    /// Blazor components (with the render tree Razor would generate), reporting code with LINQ and
    /// records, and background workers; about 100 lines a file. A share of the files uses the realtime
    /// SDK, correctly and incorrectly, in the ways every SRT rule is about. File <c>i</c> is the same
    /// whatever the codebase size, so the sizes of a scaling run nest.
    /// </summary>
    internal static class CodebaseGenerator
    {
        private static readonly string[] Areas = { "Sales", "Billing", "Catalog", "Shipping", "Support", "Scheduling", "Music", "Fleet", "Learning", "Kitchen", "Hr", "Facilities", "Sports", "Finance", "Monitoring" };

        private static readonly string[] Entities =
        {
            "Order", "Customer", "Invoice", "Product", "Shipment", "Ticket", "Booking", "Message", "Song", "Playlist",
            "TodoItem", "Project", "Note", "Comment", "Payment", "Device", "Sensor", "Reading", "Vehicle", "Trip",
            "Course", "Lesson", "Student", "Recipe", "Ingredient", "Article", "Author", "Review", "Warehouse", "Supplier",
            "Employee", "Shift", "Room", "Reservation", "Fixture", "Player", "Team", "LedgerEntry", "Account", "Alert",
        };

        private static readonly Property[] PropertyPool =
        {
            new("string", "Description", " = string.Empty;", PropertyKind.Text),
            new("decimal", "Amount", string.Empty, PropertyKind.Number),
            new("int", "Quantity", string.Empty, PropertyKind.Number),
            new("bool", "IsActive", " = true;", PropertyKind.Flag),
            new("Guid", "OwnerId", string.Empty, PropertyKind.Other),
            new("double", "Score", string.Empty, PropertyKind.Number),
            new("string", "Status", " = \"new\";", PropertyKind.Text),
            new("long", "Revision", string.Empty, PropertyKind.Number),
            new("string?", "Notes", string.Empty, PropertyKind.Other),
            new("int", "Priority", string.Empty, PropertyKind.Number),
            new("DateTime?", "DueAt", string.Empty, PropertyKind.Other),
            new("bool", "IsArchived", string.Empty, PropertyKind.Flag),
            new("string", "Category", " = \"general\";", PropertyKind.Text),
        };

        internal enum PropertyKind
        {
            Text,
            Number,
            Flag,
            Other,
        }

        internal sealed record Property(string Type, string Name, string Initializer, PropertyKind Kind);

        /// <summary>Names and shapes of one file's entity.</summary>
        internal sealed class Entity
        {
            public Entity(string name, IReadOnlyList<Property> properties)
            {
                Name = name;
                Properties = properties;
                Table = ToSnakePlural(name);
                var number = properties.FirstOrDefault(p => p.Kind == PropertyKind.Number);
                var flag = properties.FirstOrDefault(p => p.Kind == PropertyKind.Flag);
                var text = properties.FirstOrDefault(p => p.Kind == PropertyKind.Text);
                MetricOf = v => number is null ? $"(double){v}.Name.Length" : $"(double){v}.{number.Name}";
                FlagOf = v => flag is null ? $"{v}.Name.Length > 0" : $"{v}.{flag.Name}";
                CategoryOf = v => text is null ? $"{v}.Name.Substring(0, Math.Min(1, {v}.Name.Length))" : $"{v}.{text.Name}";
            }

            public string Name { get; }

            public string Table { get; }

            public IReadOnlyList<Property> Properties { get; }

            public Func<string, string> MetricOf { get; }

            public Func<string, string> FlagOf { get; }

            public Func<string, string> CategoryOf { get; }
        }

        /// <summary>Generates <paramref name="files"/> files; with <paramref name="withSdk"/> false no file touches the SDK.</summary>
        public static Codebase Generate(int files, double sdkPercent, int seed, bool withSdk)
        {
            var basisPoints = (long)Math.Round(sdkPercent * 100, MidpointRounding.AwayFromZero);
            var result = ImmutableArray.CreateBuilder<GeneratedFile>(files);
            var misuses = new SortedDictionary<string, int>(StringComparer.Ordinal);
            result.Add(new GeneratedFile("Shared/Shared.cs", SharedFile(), false));
            var sdkOrdinal = 0;
            for (var i = 1; i < files; i++)
            {
                var random = new Random(Mix(seed, i));
                var area = Areas[random.Next(Areas.Length)];
                var entity = NewEntity(random);
                var ns = $"Contoso.{area}.Module{i.ToString("D4", CultureInfo.InvariantCulture)}";
                var isSdkSlot = (i * basisPoints) / 10000 > ((i - 1) * basisPoints) / 10000;
                if (isSdkSlot && withSdk)
                {
                    var first = SdkScenarios.All[(2 * sdkOrdinal) % SdkScenarios.All.Length];
                    var second = SdkScenarios.All[((2 * sdkOrdinal) + 1) % SdkScenarios.All.Length];
                    sdkOrdinal++;
                    foreach (var scenario in new[] { first, second })
                    {
                        if (scenario.Misuse != null)
                        {
                            misuses[scenario.Misuse] = (misuses.TryGetValue(scenario.Misuse, out var n) ? n : 0) + scenario.Diagnostics;
                        }
                    }

                    // The Postgrest model maps the first three properties; the code of the file uses only those.
                    var model = new Entity(entity.Name, entity.Properties.Take(3).ToList());
                    result.Add(new GeneratedFile($"{area}/{entity.Name}Realtime{i:D4}.cs", SdkFile(random, ns, model, first, second), true));
                    continue;
                }

                var roll = random.Next(100);
                var (kind, text) = roll switch
                {
                    < 30 => ("Service", RepositoryFile(random, ns, entity)),
                    < 50 => ("ViewModel", ViewModelFile(random, ns, entity)),
                    < 70 => ("Component", ComponentFile(random, ns, entity)),
                    < 85 => ("Reports", ReportingFile(random, ns, entity)),
                    _ => ("Worker", WorkerFile(random, ns, entity)),
                };
                result.Add(new GeneratedFile($"{area}/{entity.Name}{kind}{i:D4}.cs", text, false));
            }

            return new Codebase(withSdk ? "SDK" : "no-SDK", withSdk, result.MoveToImmutable(), misuses);
        }

        private static int Mix(int seed, int index)
        {
            unchecked
            {
                var h = (uint)seed * 2654435761u;
                h ^= (uint)index * 2246822519u;
                h ^= h >> 15;
                h *= 3266489917u;
                h ^= h >> 13;
                return (int)(h & 0x7FFFFFFF);
            }
        }

        private static Entity NewEntity(Random random)
        {
            var name = Entities[random.Next(Entities.Length)];
            var count = 3 + random.Next(4);
            var properties = PropertyPool.OrderBy(_ => random.Next()).Take(count).OrderBy(p => Array.IndexOf(PropertyPool, p)).ToList();
            return new Entity(name, properties);
        }

        private static string ToSnakePlural(string name)
        {
            var s = ToSnake(name);
            return s.EndsWith("y", StringComparison.Ordinal) && !s.EndsWith("ey", StringComparison.Ordinal) ? s.Substring(0, s.Length - 1) + "ies" : s + "s";
        }

        private static string ToSnake(string name)
        {
            var sb = new StringBuilder();
            for (var i = 0; i < name.Length; i++)
            {
                if (char.IsUpper(name[i]) && i > 0)
                {
                    sb.Append('_');
                }

                sb.Append(char.ToLowerInvariant(name[i]));
            }

            return sb.ToString();
        }

        private static string EntityClass(Entity e, string baseType)
        {
            var sb = new StringBuilder();
            sb.Append("    public sealed class ").Append(e.Name).Append(" : ").Append(baseType).Append('\n');
            sb.Append("    {\n");
            sb.Append("        public string Name { get; set; } = string.Empty;\n");
            foreach (var p in e.Properties)
            {
                sb.Append('\n');
                sb.Append("        public ").Append(p.Type).Append(' ').Append(p.Name).Append(" { get; set; }").Append(p.Initializer).Append('\n');
            }

            sb.Append('\n');
            sb.Append("        public override string ToString() => $\"").Append(e.Name).Append(" {Id}: {Name}\";\n");
            sb.Append("    }\n");
            return sb.ToString();
        }

        private static string SdkModel(Entity e)
        {
            var sb = new StringBuilder();
            sb.Append("    [Table(\"").Append(e.Table).Append("\")]\n");
            sb.Append("    public sealed class ").Append(e.Name).Append(" : BaseModel\n");
            sb.Append("    {\n");
            sb.Append("        [PrimaryKey(\"id\")]\n");
            sb.Append("        public Guid Id { get; set; }\n\n");
            sb.Append("        [Column(\"name\")]\n");
            sb.Append("        public string Name { get; set; } = string.Empty;\n");
            foreach (var p in e.Properties)
            {
                sb.Append('\n');
                sb.Append("        [Column(\"").Append(ToSnake(p.Name)).Append("\")]\n");
                sb.Append("        public ").Append(p.Type).Append(' ').Append(p.Name).Append(" { get; set; }").Append(p.Initializer).Append('\n');
            }

            sb.Append('\n');
            sb.Append("        [Column(\"inserted_at\", ignoreOnInsert: true)]\n");
            sb.Append("        public DateTime InsertedAt { get; set; }\n");
            sb.Append("    }\n");
            return sb.ToString();
        }

        /// <summary>Static helpers appended to a file until it reaches its target length (about 100 lines).</summary>
        private static string Helpers(Random random, Entity e, int linesSoFar)
        {
            var target = 88 + random.Next(25);
            // Validate comes first (the services call it); the rest in a random order.
            var all = HelperMethods(e).ToList();
            var pool = all.Take(1).Concat(all.Skip(1).OrderBy(_ => random.Next())).ToList();
            var sb = new StringBuilder();
            sb.Append("\n    internal static class ").Append(e.Name).Append("Helpers\n    {\n");
            var lines = linesSoFar + 4;
            var first = true;
            foreach (var method in pool)
            {
                if (lines >= target && !first)
                {
                    break;
                }

                if (!first)
                {
                    sb.Append('\n');
                }

                sb.Append(method);
                lines += method.Count(c => c == '\n') + 1;
                first = false;
            }

            sb.Append("    }\n");
            return sb.ToString();
        }

        private static IEnumerable<string> HelperMethods(Entity e)
        {
            var n = e.Name;
            yield return $$"""
                        public static IReadOnlyList<string> Validate({{n}} item)
                        {
                            var errors = new List<string>();
                            if (string.IsNullOrWhiteSpace(item.Name))
                            {
                                errors.Add("Name is required.");
                            }

                            if (item.Name.Length > 200)
                            {
                                errors.Add("Name is too long.");
                            }

                            return errors;
                        }

                """;
            yield return """
                        public static string Slugify(string text)
                        {
                            var sb = new System.Text.StringBuilder(text.Length);
                            foreach (var c in text.Trim().ToLowerInvariant())
                            {
                                if (char.IsLetterOrDigit(c))
                                {
                                    sb.Append(c);
                                }
                                else if (sb.Length > 0 && sb[sb.Length - 1] != '-')
                                {
                                    sb.Append('-');
                                }
                            }

                            return sb.ToString().TrimEnd('-');
                        }

                """;
            yield return $$"""
                        public static IEnumerable<{{n}}> TopBy(IEnumerable<{{n}}> items, int count)
                            => items
                                .Where(x => {{e.FlagOf("x")}})
                                .OrderByDescending(x => {{e.MetricOf("x")}})
                                .ThenBy(x => x.Name, StringComparer.Ordinal)
                                .Take(count);

                """;
            yield return $$"""
                        public static Dictionary<string, int> Histogram(IEnumerable<{{n}}> items)
                        {
                            var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
                            foreach (var item in items)
                            {
                                var key = item.Name.Length == 0 ? "?" : item.Name.Substring(0, 1);
                                counts[key] = counts.TryGetValue(key, out var current) ? current + 1 : 1;
                            }

                            return counts;
                        }

                """;
            yield return """
                        public static bool TryParseKey(string? text, out Guid key)
                        {
                            key = Guid.Empty;
                            if (string.IsNullOrWhiteSpace(text))
                            {
                                return false;
                            }

                            var trimmed = text.Trim().TrimStart('#');
                            return Guid.TryParse(trimmed, out key) && key != Guid.Empty;
                        }

                """;
            yield return """
                        public static async Task<T> RetryAsync<T>(Func<Task<T>> action, int attempts)
                        {
                            for (var attempt = 1; ; attempt++)
                            {
                                try
                                {
                                    return await action().ConfigureAwait(false);
                                }
                                catch (TimeoutException) when (attempt < attempts)
                                {
                                    await Task.Delay(TimeSpan.FromMilliseconds(100 * attempt)).ConfigureAwait(false);
                                }
                            }
                        }

                """;
            yield return """
                        public static int Checksum(string text)
                        {
                            unchecked
                            {
                                var hash = 17;
                                for (var i = 0; i < text.Length; i++)
                                {
                                    hash = (hash * 31) + text[i];
                                }

                                return hash;
                            }
                        }

                """;
            yield return $$"""
                        public static string Describe(double metric) => metric switch
                        {
                            < 0 => "negative",
                            0 => "none",
                            < 10 => "low",
                            < 100 => "medium",
                            _ => "high",
                        };

                """;
            yield return $$"""
                        public static ILookup<string, {{n}}> ByMonth(IEnumerable<{{n}}> items, Func<{{n}}, DateTime> when)
                            => items.ToLookup(x => when(x).ToString("yyyy-MM", System.Globalization.CultureInfo.InvariantCulture));

                """;
        }

        private static string SharedFile() => """
            using System;
            using System.Collections;
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using System.Windows.Input;

            namespace Contoso.Shared
            {
                public abstract class EntityBase
                {
                    public Guid Id { get; set; } = Guid.NewGuid();

                    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

                    public DateTime? UpdatedAt { get; set; }

                    public void Touch(IClock clock) => UpdatedAt = clock.UtcNow;
                }

                public interface IClock
                {
                    DateTime UtcNow { get; }
                }

                public sealed class SystemClock : IClock
                {
                    public static readonly SystemClock Instance = new SystemClock();

                    public DateTime UtcNow => DateTime.UtcNow;
                }

                public readonly record struct Result<T>(bool Success, T? Value, string? Error)
                {
                    public static Result<T> Ok(T value) => new Result<T>(true, value, null);

                    public static Result<T> Fail(string error) => new Result<T>(false, default, error);
                }

                public sealed class PagedList<T> : IReadOnlyList<T>
                {
                    private readonly IReadOnlyList<T> _items;

                    public PagedList(IEnumerable<T> source, int page, int pageSize)
                    {
                        var all = source.ToList();
                        Total = all.Count;
                        Page = page;
                        PageSize = pageSize;
                        _items = all.Skip(page * pageSize).Take(pageSize).ToList();
                    }

                    public int Total { get; }

                    public int Page { get; }

                    public int PageSize { get; }

                    public int Count => _items.Count;

                    public T this[int index] => _items[index];

                    public IEnumerator<T> GetEnumerator() => _items.GetEnumerator();

                    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
                }

                public static class Guard
                {
                    public static T NotNull<T>(T? value, string name) where T : class
                        => value ?? throw new ArgumentNullException(name);

                    public static string NotBlank(string? value, string name)
                        => string.IsNullOrWhiteSpace(value) ? throw new ArgumentException("Value is blank.", name) : value;
                }

                public sealed class AsyncCommand : ICommand
                {
                    private readonly Func<Task> _execute;
                    private bool _running;

                    public AsyncCommand(Func<Task> execute)
                    {
                        _execute = execute;
                    }

                    public event EventHandler? CanExecuteChanged;

                    public bool CanExecute(object? parameter) => !_running;

                    public async void Execute(object? parameter)
                    {
                        _running = true;
                        CanExecuteChanged?.Invoke(this, EventArgs.Empty);
                        try
                        {
                            await _execute().ConfigureAwait(true);
                        }
                        finally
                        {
                            _running = false;
                            CanExecuteChanged?.Invoke(this, EventArgs.Empty);
                        }
                    }
                }
            }
            """;

        private static string RepositoryFile(Random random, string ns, Entity e)
        {
            var n = e.Name;
            var head = $$"""
                using System;
                using System.Collections.Concurrent;
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading;
                using System.Threading.Tasks;
                using Contoso.Shared;

                namespace {{ns}}
                {
                {{EntityClass(e, "EntityBase")}}
                    public interface I{{n}}Service
                    {
                        Task<{{n}}?> FindAsync(Guid id, CancellationToken cancellationToken = default);

                        Task<PagedList<{{n}}>> SearchAsync(string? text, int page, int pageSize, CancellationToken cancellationToken = default);

                        Task<Result<{{n}}>> SaveAsync({{n}} item, CancellationToken cancellationToken = default);
                    }

                    public sealed class {{n}}Service : I{{n}}Service, IDisposable
                    {
                        private readonly ConcurrentDictionary<Guid, {{n}}> _store = new ConcurrentDictionary<Guid, {{n}}>();
                        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
                        private readonly IClock _clock;

                        public {{n}}Service(IClock clock)
                        {
                            _clock = Guard.NotNull(clock, nameof(clock));
                        }

                        public Task<{{n}}?> FindAsync(Guid id, CancellationToken cancellationToken = default)
                            => Task.FromResult(_store.TryGetValue(id, out var item) ? item : null);

                        public async Task<PagedList<{{n}}>> SearchAsync(string? text, int page, int pageSize, CancellationToken cancellationToken = default)
                        {
                            await Task.Yield();
                            IEnumerable<{{n}}> query = _store.Values;
                            if (!string.IsNullOrWhiteSpace(text))
                            {
                                query = query.Where(x => x.Name.Contains(text, StringComparison.OrdinalIgnoreCase));
                            }

                            return new PagedList<{{n}}>(query.OrderByDescending(x => x.CreatedAt).ThenBy(x => x.Id), page, pageSize);
                        }

                        public async Task<Result<{{n}}>> SaveAsync({{n}} item, CancellationToken cancellationToken = default)
                        {
                            var errors = {{n}}Helpers.Validate(item);
                            if (errors.Count > 0)
                            {
                                return Result<{{n}}>.Fail(string.Join("; ", errors));
                            }

                            await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                            try
                            {
                                item.Touch(_clock);
                                _store.AddOrUpdate(item.Id, item, (_, _) => item);
                                return Result<{{n}}>.Ok(item);
                            }
                            finally
                            {
                                _gate.Release();
                            }
                        }

                        public double Total() => _store.Values.Where(x => {{e.FlagOf("x")}}).Sum(x => {{e.MetricOf("x")}});

                        public void Dispose() => _gate.Dispose();
                    }

                """;
            return Finish(random, e, head);
        }

        private static string ViewModelFile(Random random, string ns, Entity e)
        {
            var n = e.Name;
            var head = $$"""
                using System;
                using System.Collections.Generic;
                using System.Collections.ObjectModel;
                using System.ComponentModel;
                using System.Linq;
                using System.Runtime.CompilerServices;
                using System.Threading;
                using System.Threading.Tasks;
                using System.Windows.Input;
                using Contoso.Shared;

                namespace {{ns}}
                {
                {{EntityClass(e, "EntityBase")}}
                    public interface I{{n}}Source
                    {
                        Task<IReadOnlyList<{{n}}>> LoadAsync(CancellationToken cancellationToken);
                    }

                    public sealed class {{n}}ListViewModel : INotifyPropertyChanged, IDisposable
                    {
                        private readonly I{{n}}Source _source;
                        private CancellationTokenSource? _loading;
                        private List<{{n}}> _all = new List<{{n}}>();
                        private string _filter = string.Empty;
                        private bool _isBusy;

                        public {{n}}ListViewModel(I{{n}}Source source)
                        {
                            _source = source ?? throw new ArgumentNullException(nameof(source));
                            RefreshCommand = new AsyncCommand(RefreshAsync);
                        }

                        public event PropertyChangedEventHandler? PropertyChanged;

                        public ObservableCollection<{{n}}> Items { get; } = new ObservableCollection<{{n}}>();

                        public ICommand RefreshCommand { get; }

                        public string Filter
                        {
                            get => _filter;
                            set
                            {
                                if (SetProperty(ref _filter, value))
                                {
                                    ApplyFilter();
                                }
                            }
                        }

                        public bool IsBusy
                        {
                            get => _isBusy;
                            private set => SetProperty(ref _isBusy, value);
                        }

                        public double Total => Items.Sum(x => {{e.MetricOf("x")}});

                        public async Task RefreshAsync()
                        {
                            _loading?.Cancel();
                            _loading?.Dispose();
                            _loading = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                            IsBusy = true;
                            try
                            {
                                _all = (await _source.LoadAsync(_loading.Token).ConfigureAwait(true)).ToList();
                                ApplyFilter();
                            }
                            catch (OperationCanceledException)
                            {
                            }
                            finally
                            {
                                IsBusy = false;
                            }
                        }

                        private void ApplyFilter()
                        {
                            var matches = _all
                                .Where(x => _filter.Length == 0 || x.Name.Contains(_filter, StringComparison.CurrentCultureIgnoreCase))
                                .OrderByDescending(x => x.CreatedAt)
                                .ThenBy(x => x.Name, StringComparer.CurrentCulture);
                            Items.Clear();
                            foreach (var item in matches)
                            {
                                Items.Add(item);
                            }

                            OnPropertyChanged(nameof(Total));
                        }

                        private bool SetProperty<T>(ref T field, T value, [CallerMemberName] string? name = null)
                        {
                            if (EqualityComparer<T>.Default.Equals(field, value))
                            {
                                return false;
                            }

                            field = value;
                            OnPropertyChanged(name);
                            return true;
                        }

                        private void OnPropertyChanged([CallerMemberName] string? name = null)
                            => PropertyChanged?.Invoke(this, new PropertyChangedEventArgs(name));

                        public void Dispose()
                        {
                            _loading?.Cancel();
                            _loading?.Dispose();
                        }
                    }

                """;
            return Finish(random, e, head);
        }

        private static string ComponentFile(Random random, string ns, Entity e)
        {
            var n = e.Name;
            var head = $$"""
                using System;
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading;
                using System.Threading.Tasks;
                using Contoso.Shared;
                using Microsoft.AspNetCore.Components;
                using Microsoft.AspNetCore.Components.Rendering;

                namespace {{ns}}
                {
                {{EntityClass(e, "EntityBase")}}
                    public interface I{{n}}Catalog
                    {
                        Task<IReadOnlyList<{{n}}>> RelatedAsync(Guid id);
                    }

                    public sealed class {{n}}Card : ComponentBase, IDisposable
                    {
                        private Timer? _timer;
                        private int _ticks;
                        private IReadOnlyList<{{n}}> _related = Array.Empty<{{n}}>();

                        [Parameter]
                        public {{n}}? Item { get; set; }

                        [Parameter]
                        public EventCallback<{{n}}> OnSelected { get; set; }

                        [Inject]
                        public I{{n}}Catalog Catalog { get; set; } = default!;

                        protected override void OnInitialized()
                        {
                            _timer = new Timer(_ =>
                            {
                                Interlocked.Increment(ref _ticks);
                                _ = InvokeAsync(StateHasChanged);
                            }, null, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(1));
                        }

                        protected override async Task OnParametersSetAsync()
                        {
                            if (Item is null)
                            {
                                return;
                            }

                            var related = await Catalog.RelatedAsync(Item.Id);
                            _related = related.Where(x => x.Id != Item.Id).OrderByDescending(x => {{e.MetricOf("x")}}).Take(5).ToList();
                        }

                        protected override void BuildRenderTree(RenderTreeBuilder builder)
                        {
                            builder.OpenElement(0, "div");
                            builder.AddAttribute(1, "class", {{e.FlagOf("Item!")}} ? "card active" : "card");
                            builder.OpenElement(2, "h3");
                            builder.AddContent(3, Item?.Name ?? "(none)");
                            builder.CloseElement();
                            builder.OpenElement(4, "ul");
                            foreach (var related in _related)
                            {
                                builder.OpenElement(5, "li");
                                builder.SetKey(related.Id);
                                builder.AddContent(6, related.Name);
                                builder.CloseElement();
                            }

                            builder.CloseElement();
                            builder.OpenElement(7, "button");
                            builder.AddAttribute(8, "onclick", EventCallback.Factory.Create(this, SelectAsync));
                            builder.AddContent(9, $"Select ({_ticks}s)");
                            builder.CloseElement();
                            builder.CloseElement();
                        }

                        private Task SelectAsync() => Item is null ? Task.CompletedTask : OnSelected.InvokeAsync(Item);

                        public void Dispose() => _timer?.Dispose();
                    }

                """;
            return Finish(random, e, head);
        }

        private static string ReportingFile(Random random, string ns, Entity e)
        {
            var n = e.Name;
            var head = $$"""
                using System;
                using System.Collections.Generic;
                using System.Globalization;
                using System.Linq;
                using System.Text;
                using System.Threading.Tasks;
                using Contoso.Shared;

                namespace {{ns}}
                {
                {{EntityClass(e, "EntityBase")}}
                    public sealed record {{n}}Summary(string Category, int Count, double Total, double Average, DateTime Latest);

                    public static class {{n}}Reports
                    {
                        public static IReadOnlyList<{{n}}Summary> Summarize(IEnumerable<{{n}}> items)
                            => items
                                .GroupBy(x => {{e.CategoryOf("x")}})
                                .Select(g => new {{n}}Summary(
                                    g.Key,
                                    g.Count(),
                                    g.Sum(x => {{e.MetricOf("x")}}),
                                    g.Average(x => {{e.MetricOf("x")}}),
                                    g.Max(x => x.CreatedAt)))
                                .OrderByDescending(s => s.Total)
                                .ThenBy(s => s.Category, StringComparer.Ordinal)
                                .ToList();

                        public static string Label({{n}}Summary summary) => summary switch
                        {
                            { Count: 0 } => "empty",
                            { Count: 1 } => "single",
                            { Average: > 100 } => "large",
                            { Latest: var latest } when latest < DateTime.UtcNow.AddDays(-30) => "stale",
                            _ => "normal",
                        };

                        public static string ToCsv(IEnumerable<{{n}}Summary> rows)
                        {
                            var sb = new StringBuilder();
                            sb.AppendLine("category,count,total,average,latest");
                            foreach (var row in rows)
                            {
                                sb.Append(row.Category).Append(',')
                                  .Append(row.Count.ToString(CultureInfo.InvariantCulture)).Append(',')
                                  .Append(row.Total.ToString("F2", CultureInfo.InvariantCulture)).Append(',')
                                  .Append(row.Average.ToString("F2", CultureInfo.InvariantCulture)).Append(',')
                                  .AppendLine(row.Latest.ToString("O", CultureInfo.InvariantCulture));
                            }

                            return sb.ToString();
                        }

                        public static IEnumerable<(DateTime Day, int Count)> Daily(IEnumerable<{{n}}> items, int days)
                        {
                            var since = DateTime.UtcNow.Date.AddDays(-days);
                            return items
                                .Where(x => x.CreatedAt >= since)
                                .GroupBy(x => x.CreatedAt.Date)
                                .OrderBy(g => g.Key)
                                .Select(g => (g.Key, g.Count()));
                        }

                        public static double Percentile(IReadOnlyList<double> values, double p)
                        {
                            if (values.Count == 0)
                            {
                                return double.NaN;
                            }

                            var sorted = values.OrderBy(v => v).ToArray();
                            var rank = p / 100.0 * (sorted.Length - 1);
                            var low = (int)Math.Floor(rank);
                            var high = (int)Math.Ceiling(rank);
                            return sorted[low] + ((sorted[high] - sorted[low]) * (rank - low));
                        }

                        public static async Task<string> RenderAsync(Func<Task<IReadOnlyList<{{n}}>>> load)
                        {
                            var items = await load().ConfigureAwait(false);
                            var summaries = Summarize(items);
                            return summaries.Count == 0 ? "no data" : ToCsv(summaries);
                        }
                    }

                """;
            return Finish(random, e, head);
        }

        private static string WorkerFile(Random random, string ns, Entity e)
        {
            var n = e.Name;
            var head = $$"""
                using System;
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading;
                using System.Threading.Channels;
                using System.Threading.Tasks;
                using Contoso.Shared;
                using Microsoft.Extensions.Hosting;
                using Microsoft.Extensions.Logging;

                namespace {{ns}}
                {
                {{EntityClass(e, "EntityBase")}}
                    public interface I{{n}}Sink
                    {
                        Task WriteAsync(IReadOnlyCollection<{{n}}> batch, CancellationToken cancellationToken);
                    }

                    public sealed class {{n}}ImportWorker : BackgroundService
                    {
                        private readonly Channel<{{n}}> _queue = Channel.CreateBounded<{{n}}>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.Wait });
                        private readonly I{{n}}Sink _sink;
                        private readonly ILogger<{{n}}ImportWorker> _logger;
                        private long _written;

                        public {{n}}ImportWorker(I{{n}}Sink sink, ILogger<{{n}}ImportWorker> logger)
                        {
                            _sink = sink;
                            _logger = logger;
                        }

                        public long Written => Interlocked.Read(ref _written);

                        public ValueTask EnqueueAsync({{n}} item, CancellationToken cancellationToken) => _queue.Writer.WriteAsync(item, cancellationToken);

                        protected override async Task ExecuteAsync(CancellationToken stoppingToken)
                        {
                            using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
                            var batch = new List<{{n}}>();
                            while (!stoppingToken.IsCancellationRequested)
                            {
                                while (_queue.Reader.TryRead(out var item))
                                {
                                    batch.Add(item);
                                    if (batch.Count >= 50)
                                    {
                                        await FlushAsync(batch, stoppingToken).ConfigureAwait(false);
                                    }
                                }

                                if (!await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
                                {
                                    break;
                                }

                                await FlushAsync(batch, stoppingToken).ConfigureAwait(false);
                            }
                        }

                        private async Task FlushAsync(List<{{n}}> batch, CancellationToken cancellationToken)
                        {
                            if (batch.Count == 0)
                            {
                                return;
                            }

                            try
                            {
                                var ordered = batch.Where(x => {{e.FlagOf("x")}}).OrderBy(x => x.CreatedAt).ToList();
                                await _sink.WriteAsync(ordered, cancellationToken).ConfigureAwait(false);
                                Interlocked.Add(ref _written, ordered.Count);
                                _logger.LogInformation("Flushed {Count} {Kind} rows", ordered.Count, "{{n}}");
                            }
                            catch (Exception ex) when (ex is not OperationCanceledException)
                            {
                                _logger.LogError(ex, "Flushing {Count} rows failed", batch.Count);
                            }
                            finally
                            {
                                batch.Clear();
                            }
                        }
                    }

                """;
            return Finish(random, e, head);
        }

        private static string SdkFile(Random random, string ns, Entity e, SdkScenario first, SdkScenario second)
        {
            var pragma = first.UsesObsoleteApi || second.UsesObsoleteApi
                ? "#pragma warning disable CS0618 // the 7.x handler API (Register/AddPostgresChangeHandler) is still in use here\n"
                : string.Empty;
            var head = $$"""
                {{pragma}}using System;
                using System.Collections.Generic;
                using System.Linq;
                using System.Threading.Tasks;
                using Microsoft.AspNetCore.Components;
                using Supabase.Postgrest.Attributes;
                using Supabase.Postgrest.Models;
                using Supabase.Realtime;
                using Supabase.Realtime.Interfaces;
                using Supabase.Realtime.PostgresChanges;
                using static Supabase.Realtime.PostgresChanges.PostgresChangesOptions;
                using SupabaseClient = Supabase.Client;

                namespace {{ns}}
                {
                {{SdkModel(e)}}
                {{first.Render(e, random)}}
                {{second.Render(e, random)}}
                """;
            return Finish(random, e, head);
        }

        private static string Finish(Random random, Entity e, string head)
        {
            var lines = head.Count(c => c == '\n');
            return head + Helpers(random, e, lines) + "}\n";
        }
    }
}
