using System;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using SupabaseRealtime.Analyzers.Sdk;

namespace SupabaseRealtime.Analyzers.Model
{
    /// <summary>Why a type has a bounded lifetime (it is torn down while the process lives on).</summary>
    internal enum LifetimeKind
    {
        /// <summary>No bounded lifetime known: lives as long as the process (a singleton service, a static helper).</summary>
        None,
        BlazorComponent,
        UnityBehaviour,
        MauiPage,
        MauiView,
        XamarinPage,
        XamarinView,
        WpfWindow,
        WpfUserControl,
        WpfPage,
        WinFormsForm,
        WinFormsUserControl,
        AvaloniaWindow,
        AvaloniaUserControl,
        HostedService,
        ViewModel,
        Disposable,

        /// <summary>Derives from or implements a type named in <c>supabase_realtime.SRT004.lifetime_types</c>.</summary>
        Configured,
    }

    /// <summary>What kind of teardown member a method is.</summary>
    internal enum TeardownKind
    {
        None,

        /// <summary><c>Dispose()</c>.</summary>
        Dispose,

        /// <summary><c>Dispose(bool disposing)</c>.</summary>
        DisposeBool,

        /// <summary><c>DisposeAsync()</c>.</summary>
        DisposeAsync,

        /// <summary>Unity <c>OnDestroy</c>.</summary>
        Destroy,

        /// <summary>Unity <c>OnDisable</c> (the behaviour may be enabled again).</summary>
        Disable,

        /// <summary>MAUI / Xamarin <c>OnDisappearing</c> (the page may appear again).</summary>
        Disappearing,

        /// <summary>WPF / WinForms / Avalonia <c>OnClosed</c>, <c>OnFormClosed</c>, or a handler of the <c>Closed</c> / <c>FormClosed</c> event.</summary>
        Closed,

        /// <summary><c>IHostedService.StopAsync</c> (the service may be started again).</summary>
        Stop,

        /// <summary>A name from <c>supabase_realtime.SRT004.teardown_methods</c>.</summary>
        Configured,
    }

    /// <summary>
    /// Which types have a bounded lifetime and where they tear down. Types are matched by symbol:
    /// Blazor <c>ComponentBase</c>/<c>OwningComponentBase</c>, Unity <c>MonoBehaviour</c>, MAUI and
    /// Xamarin <c>Page</c>/<c>View</c>, WPF <c>Window</c>/<c>UserControl</c>/<c>Page</c>, WinForms
    /// <c>Form</c>/<c>UserControl</c>, Avalonia <c>Window</c>/<c>UserControl</c>,
    /// <c>BackgroundService</c>/<c>IHostedService</c>, view models (<c>INotifyPropertyChanged</c>),
    /// <c>IDisposable</c>/<c>IAsyncDisposable</c>, and the metadata names configured in
    /// <c>supabase_realtime.SRT004.lifetime_types</c>. One instance serves one compilation.
    /// </summary>
    internal sealed class LifetimeModel
    {
        /// <summary>The rule whose options configure the lifetime model (shared with SRT007).</summary>
        public const string OptionsRuleId = "SRT004";
        public const string LifetimeTypesOption = "lifetime_types";
        public const string TeardownMethodsOption = "teardown_methods";

        private readonly Compilation compilation;
        private readonly ImmutableArray<(INamedTypeSymbol Type, LifetimeKind Kind)> frameworkTypes;

        private LifetimeModel(Compilation compilation)
        {
            this.compilation = compilation;
            Disposable = compilation.GetTypeByMetadataName("System.IDisposable");
            AsyncDisposable = compilation.GetTypeByMetadataName("System.IAsyncDisposable");
            NotifyPropertyChanged = compilation.GetTypeByMetadataName("System.ComponentModel.INotifyPropertyChanged");
            HostedService = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.IHostedService");
            BackgroundService = compilation.GetTypeByMetadataName("Microsoft.Extensions.Hosting.BackgroundService");
            MonoBehaviour = compilation.GetTypeByMetadataName("UnityEngine.MonoBehaviour");

            var builder = ImmutableArray.CreateBuilder<(INamedTypeSymbol, LifetimeKind)>();
            void Add(string metadataName, LifetimeKind kind)
            {
                if (compilation.GetTypeByMetadataName(metadataName) is { } type)
                {
                    builder.Add((type, kind));
                }
            }

            Add("Microsoft.AspNetCore.Components.OwningComponentBase", LifetimeKind.BlazorComponent);
            Add("Microsoft.AspNetCore.Components.ComponentBase", LifetimeKind.BlazorComponent);
            Add("UnityEngine.MonoBehaviour", LifetimeKind.UnityBehaviour);
            Add("Microsoft.Maui.Controls.Page", LifetimeKind.MauiPage);
            Add("Microsoft.Maui.Controls.View", LifetimeKind.MauiView);
            Add("Xamarin.Forms.Page", LifetimeKind.XamarinPage);
            Add("Xamarin.Forms.View", LifetimeKind.XamarinView);
            Add("System.Windows.Window", LifetimeKind.WpfWindow);
            Add("System.Windows.Controls.UserControl", LifetimeKind.WpfUserControl);
            Add("System.Windows.Controls.Page", LifetimeKind.WpfPage);
            Add("System.Windows.Forms.Form", LifetimeKind.WinFormsForm);
            Add("System.Windows.Forms.UserControl", LifetimeKind.WinFormsUserControl);
            Add("Avalonia.Controls.Window", LifetimeKind.AvaloniaWindow);
            Add("Avalonia.Controls.UserControl", LifetimeKind.AvaloniaUserControl);
            Add("Microsoft.Extensions.Hosting.BackgroundService", LifetimeKind.HostedService);
            Add("Microsoft.Extensions.Hosting.IHostedService", LifetimeKind.HostedService);
            Add("System.ComponentModel.INotifyPropertyChanged", LifetimeKind.ViewModel);
            Add("System.IDisposable", LifetimeKind.Disposable);
            Add("System.IAsyncDisposable", LifetimeKind.Disposable);
            frameworkTypes = builder.ToImmutable();

            Pages = NonNull(
                compilation.GetTypeByMetadataName("Microsoft.Maui.Controls.Page"),
                compilation.GetTypeByMetadataName("Xamarin.Forms.Page"));
            ClosableWindows = NonNull(
                compilation.GetTypeByMetadataName("System.Windows.Window"),
                compilation.GetTypeByMetadataName("System.Windows.Forms.Form"),
                compilation.GetTypeByMetadataName("Avalonia.Controls.Window"));
        }

        public INamedTypeSymbol? Disposable { get; }

        public INamedTypeSymbol? AsyncDisposable { get; }

        public INamedTypeSymbol? NotifyPropertyChanged { get; }

        public INamedTypeSymbol? HostedService { get; }

        public INamedTypeSymbol? BackgroundService { get; }

        public INamedTypeSymbol? MonoBehaviour { get; }

        /// <summary>MAUI and Xamarin pages (<c>OnDisappearing</c>).</summary>
        public ImmutableArray<INamedTypeSymbol> Pages { get; }

        /// <summary>WPF, WinForms and Avalonia windows and forms (<c>OnClosed</c>, <c>Closed</c>).</summary>
        public ImmutableArray<INamedTypeSymbol> ClosableWindows { get; }

        public static LifetimeModel Create(Compilation compilation) => new LifetimeModel(compilation);

        /// <summary>The comma-separated metadata names of <c>supabase_realtime.SRT004.lifetime_types</c> for <paramref name="tree"/>.</summary>
        public static ImmutableArray<string> ConfiguredLifetimeTypes(AnalyzerOptions options, SyntaxTree? tree)
            => tree is null ? ImmutableArray<string>.Empty : Options.GetList(options, tree, OptionsRuleId, LifetimeTypesOption);

        /// <summary>The method names of <c>supabase_realtime.SRT004.teardown_methods</c> for <paramref name="tree"/>.</summary>
        public static ImmutableArray<string> ConfiguredTeardownMethods(AnalyzerOptions options, SyntaxTree? tree)
            => tree is null ? ImmutableArray<string>.Empty : Options.GetList(options, tree, OptionsRuleId, TeardownMethodsOption);

        /// <summary>The first tree that declares <paramref name="type"/> (where its options are read).</summary>
        public static SyntaxTree? DeclaringTree(INamedTypeSymbol type)
            => type.DeclaringSyntaxReferences.Length > 0 ? type.DeclaringSyntaxReferences[0].SyntaxTree : null;

        /// <summary>Why <paramref name="type"/> has a bounded lifetime; <see cref="LifetimeKind.None"/> when it has none.</summary>
        public LifetimeKind GetLifetime(INamedTypeSymbol type, ImmutableArray<string> configuredTypes)
        {
            if (type.TypeKind != TypeKind.Class || type.IsStatic)
            {
                return LifetimeKind.None;
            }

            foreach (var (known, kind) in frameworkTypes)
            {
                if (SdkSymbols.IsOrImplements(type, known))
                {
                    return kind;
                }
            }

            foreach (var name in configuredTypes)
            {
                if (compilation.GetTypeByMetadataName(name) is { } configured && SdkSymbols.IsOrImplements(type, configured))
                {
                    return LifetimeKind.Configured;
                }
            }

            return LifetimeKind.None;
        }

        public bool IsDisposable(ITypeSymbol type) => SdkSymbols.IsOrImplements(type, Disposable);

        public bool IsAsyncDisposable(ITypeSymbol type) => SdkSymbols.IsOrImplements(type, AsyncDisposable);

        public bool IsUnity(ITypeSymbol type) => SdkSymbols.IsOrDerives(type, MonoBehaviour);

        public bool IsHostedService(ITypeSymbol type) => SdkSymbols.IsOrImplements(type, HostedService);

        public bool IsPage(ITypeSymbol type) => IsOrDerivesAny(type, Pages);

        public bool IsClosableWindow(ITypeSymbol type) => IsOrDerivesAny(type, ClosableWindows);

        /// <summary>
        /// The teardown kind of <paramref name="method"/>, declared in <paramref name="type"/>, counting
        /// <c>Dispose</c>/<c>DisposeAsync</c> only when the type really implements the interface (see
        /// <see cref="IsUnwiredDispose"/>). Event handlers of <c>Closed</c> are found by the caller.
        /// </summary>
        public TeardownKind GetTeardownKind(IMethodSymbol method, INamedTypeSymbol type, ImmutableArray<string> configuredTeardowns)
        {
            if (method.IsStatic || method.MethodKind != MethodKind.Ordinary)
            {
                return TeardownKind.None;
            }

            var kind = ByName(method, type);
            if (kind != TeardownKind.None)
            {
                return kind;
            }

            foreach (var name in configuredTeardowns)
            {
                if (string.Equals(name, method.Name, StringComparison.Ordinal))
                {
                    return TeardownKind.Configured;
                }
            }

            return TeardownKind.None;
        }

        /// <summary>
        /// True for a <c>Dispose()</c> / <c>Dispose(bool)</c> / <c>DisposeAsync()</c> declared in a type that
        /// does not implement <c>IDisposable</c> / <c>IAsyncDisposable</c>: nothing calls it (a Blazor
        /// component's <c>Dispose()</c> without <c>@implements IDisposable</c> is never called).
        /// </summary>
        public bool IsUnwiredDispose(IMethodSymbol method, INamedTypeSymbol type, out string interfaceName)
        {
            interfaceName = string.Empty;
            if (method.IsStatic || method.MethodKind != MethodKind.Ordinary || HasUnresolvedBase(type))
            {
                // A base type or interface that does not bind yet (a missing using, half-typed) may be the interface: unknown.
                return false;
            }

            if (IsDisposeShape(method) || IsDisposeBoolShape(method))
            {
                interfaceName = "IDisposable";
                return Disposable != null && !IsDisposable(type);
            }

            if (IsDisposeAsyncShape(method))
            {
                interfaceName = "IAsyncDisposable";
                return AsyncDisposable != null && !IsAsyncDisposable(type);
            }

            return false;
        }

        private static bool HasUnresolvedBase(INamedTypeSymbol type)
        {
            for (var current = type; current != null; current = current.BaseType)
            {
                if (current.TypeKind == TypeKind.Error)
                {
                    return true;
                }

                foreach (var implemented in current.Interfaces)
                {
                    if (implemented.TypeKind == TypeKind.Error)
                    {
                        return true;
                    }
                }
            }

            return false;
        }

        /// <summary>
        /// True for lifecycle methods the framework calls once per instance: Unity <c>Awake</c>/<c>Start</c>,
        /// Blazor <c>OnInitialized</c>/<c>OnInitializedAsync</c>. Set-up there does not run again after an
        /// <c>OnDisable</c> or a leave on the same instance.
        /// </summary>
        public bool IsOncePerInstance(IMethodSymbol method, INamedTypeSymbol type)
        {
            if (method.IsStatic || method.MethodKind != MethodKind.Ordinary || !method.Parameters.IsEmpty)
            {
                return false;
            }

            switch (method.Name)
            {
                case "Awake":
                case "Start":
                    return IsUnity(type);
                case "OnInitialized":
                case "OnInitializedAsync":
                    return frameworkTypes.Length > 0 && IsBlazorComponent(type);
                default:
                    return false;
            }
        }

        private bool IsBlazorComponent(ITypeSymbol type)
        {
            foreach (var (known, kind) in frameworkTypes)
            {
                if (kind == LifetimeKind.BlazorComponent && SdkSymbols.IsOrDerives(type, known))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>True for teardowns after which the instance is gone (not OnDisable, OnDisappearing or StopAsync, which may be followed by a new start).</summary>
        public static bool IsFinal(TeardownKind kind)
            => kind == TeardownKind.Dispose || kind == TeardownKind.DisposeBool || kind == TeardownKind.DisposeAsync
                || kind == TeardownKind.Destroy || kind == TeardownKind.Closed || kind == TeardownKind.Configured;

        /// <summary>Which teardown a code fix prefers when a type declares several (lower is better).</summary>
        public static int FixPreference(TeardownKind kind)
        {
            switch (kind)
            {
                case TeardownKind.DisposeBool:
                    return 0;
                case TeardownKind.Dispose:
                    return 1;
                case TeardownKind.DisposeAsync:
                    return 2;
                case TeardownKind.Destroy:
                    return 3;
                case TeardownKind.Closed:
                    return 4;
                case TeardownKind.Stop:
                    return 5;
                case TeardownKind.Disappearing:
                    return 6;
                case TeardownKind.Disable:
                    return 7;
                case TeardownKind.Configured:
                    return 8;
                default:
                    return int.MaxValue;
            }
        }

        /// <summary>
        /// The teardown member <paramref name="type"/> declares that a release belongs in (the most final
        /// one: <c>Dispose(bool)</c>, <c>Dispose()</c>, <c>DisposeAsync()</c>, <c>OnDestroy</c>, <c>OnClosed</c>,
        /// <c>StopAsync</c>, <c>OnDisappearing</c>, <c>OnDisable</c>, configured names); null when none.
        /// </summary>
        public IMethodSymbol? FindTeardown(INamedTypeSymbol type, ImmutableArray<string> configuredTeardowns, Func<IMethodSymbol, bool>? isClosedHandler, out TeardownKind kind)
        {
            IMethodSymbol? best = null;
            kind = TeardownKind.None;
            foreach (var member in type.GetMembers())
            {
                if (!(member is IMethodSymbol method) || method.IsImplicitlyDeclared || method.DeclaringSyntaxReferences.IsEmpty)
                {
                    continue;
                }

                var candidate = GetTeardownKind(method, type, configuredTeardowns);
                if (candidate == TeardownKind.None && isClosedHandler != null && !method.IsStatic && isClosedHandler(method))
                {
                    candidate = TeardownKind.Closed;
                }

                if (candidate != TeardownKind.None && (best is null || FixPreference(candidate) < FixPreference(kind)))
                {
                    best = method;
                    kind = candidate;
                }
            }

            return best;
        }

        /// <summary>The first <c>Dispose</c>/<c>DisposeAsync</c> <paramref name="type"/> declares without implementing the interface.</summary>
        public IMethodSymbol? FindUnwiredDispose(INamedTypeSymbol type, out string interfaceName)
        {
            interfaceName = string.Empty;
            foreach (var member in type.GetMembers())
            {
                if (member is IMethodSymbol method && !method.IsImplicitlyDeclared && IsUnwiredDispose(method, type, out interfaceName))
                {
                    return method;
                }
            }

            return null;
        }

        /// <summary>True when <paramref name="handlerEvent"/> is a <c>Closed</c>/<c>FormClosed</c> event of a window or form.</summary>
        public bool IsClosedEvent(IEventSymbol handlerEvent)
            => (handlerEvent.Name == "Closed" || handlerEvent.Name == "FormClosed") && IsClosableWindow(handlerEvent.ContainingType);

        /// <summary>
        /// The accessible, overridable <c>Dispose()</c> or <c>Dispose(bool)</c> a base type of
        /// <paramref name="type"/> declares (<c>BackgroundService.Dispose()</c>,
        /// <c>OwningComponentBase.Dispose(bool)</c>, <c>Component.Dispose(bool)</c>); null when none.
        /// </summary>
        public static IMethodSymbol? FindOverridableBaseDispose(INamedTypeSymbol type)
        {
            for (var current = type.BaseType; current != null; current = current.BaseType)
            {
                IMethodSymbol? withBool = null;
                IMethodSymbol? parameterless = null;
                foreach (var member in current.GetMembers("Dispose"))
                {
                    if (member is IMethodSymbol method && !method.IsStatic && (method.IsVirtual || method.IsAbstract || method.IsOverride) && !method.IsSealed
                        && method.DeclaredAccessibility != Accessibility.Private && method.DeclaredAccessibility != Accessibility.Internal)
                    {
                        if (IsDisposeBoolShape(method))
                        {
                            withBool = method;
                        }
                        else if (IsDisposeShape(method))
                        {
                            parameterless = method;
                        }
                    }
                }

                if (withBool != null || parameterless != null)
                {
                    return withBool ?? parameterless;
                }
            }

            return null;
        }

        public static bool IsDisposeShape(IMethodSymbol method)
            => method.Name == "Dispose" && method.Parameters.IsEmpty && method.ReturnsVoid && method.TypeParameters.IsEmpty;

        public static bool IsDisposeBoolShape(IMethodSymbol method)
            => method.Name == "Dispose" && method.Parameters.Length == 1 && method.Parameters[0].Type.SpecialType == SpecialType.System_Boolean
                && method.ReturnsVoid && method.TypeParameters.IsEmpty;

        public static bool IsDisposeAsyncShape(IMethodSymbol method)
            => method.Name == "DisposeAsync" && method.Parameters.IsEmpty && method.TypeParameters.IsEmpty;

        private TeardownKind ByName(IMethodSymbol method, INamedTypeSymbol type)
        {
            switch (method.Name)
            {
                case "Dispose" when IsDisposeShape(method):
                    return IsDisposable(type) ? TeardownKind.Dispose : TeardownKind.None;
                case "Dispose" when IsDisposeBoolShape(method):
                    return IsDisposable(type) ? TeardownKind.DisposeBool : TeardownKind.None;
                case "DisposeAsync" when IsDisposeAsyncShape(method):
                    return IsAsyncDisposable(type) ? TeardownKind.DisposeAsync : TeardownKind.None;
                case "OnDestroy" when method.Parameters.IsEmpty && IsUnity(type):
                    return TeardownKind.Destroy;
                case "OnDisable" when method.Parameters.IsEmpty && IsUnity(type):
                    return TeardownKind.Disable;
                case "OnDisappearing" when method.Parameters.IsEmpty && IsPage(type):
                    return TeardownKind.Disappearing;
                case "OnClosed" when IsClosableWindow(type):
                case "OnFormClosed" when IsClosableWindow(type):
                    return TeardownKind.Closed;
                case "StopAsync" when IsHostedService(type):
                    return TeardownKind.Stop;
                default:
                    return TeardownKind.None;
            }
        }

        private static bool IsOrDerivesAny(ITypeSymbol? type, ImmutableArray<INamedTypeSymbol> targets)
        {
            foreach (var target in targets)
            {
                if (SdkSymbols.IsOrDerives(type, target))
                {
                    return true;
                }
            }

            return false;
        }

        private static ImmutableArray<INamedTypeSymbol> NonNull(params INamedTypeSymbol?[] types)
        {
            var builder = ImmutableArray.CreateBuilder<INamedTypeSymbol>();
            foreach (var type in types)
            {
                if (type != null)
                {
                    builder.Add(type);
                }
            }

            return builder.ToImmutable();
        }
    }

}
