#nullable enable
// Compile-only stand-ins for UI and host framework base types that are not in
// the .NET shared frameworks (Microsoft.NETCore.App, Microsoft.AspNetCore.App):
// Unity, .NET MAUI, Xamarin.Forms, WPF, Windows Forms and Avalonia. Only the
// type hierarchy and the lifetime/teardown hooks an analyzer cares about are
// declared. Bodies do nothing.

using System;
using System.ComponentModel;

namespace UnityEngine
{
    public class Object
    {
        public string name { get; set; } = string.Empty;

        public static void Destroy(Object obj)
        {
        }
    }

    public class Component : Object
    {
        public GameObject gameObject => throw null!;
    }

    public class GameObject : Object
    {
        public void SetActive(bool value)
        {
        }
    }

    public class Behaviour : Component
    {
        public bool enabled { get; set; } = true;

        public bool isActiveAndEnabled => enabled;
    }

    /// <summary>Unity calls Awake/Start/OnEnable/OnDisable/OnDestroy/OnApplicationQuit by name, not through virtuals.</summary>
    public class MonoBehaviour : Behaviour
    {
    }
}

namespace Microsoft.Maui.Controls
{
    public class BindableObject
    {
    }

    public class Element : BindableObject
    {
        protected virtual void OnHandlerChanged()
        {
        }

        protected virtual void OnParentSet()
        {
        }
    }

    public class VisualElement : Element
    {
        public event EventHandler? Loaded { add { } remove { } }

        public event EventHandler? Unloaded { add { } remove { } }

        public bool IsLoaded => false;
    }

    public class Page : VisualElement
    {
        public event EventHandler? Appearing { add { } remove { } }

        public event EventHandler? Disappearing { add { } remove { } }

        protected virtual void OnAppearing()
        {
        }

        protected virtual void OnDisappearing()
        {
        }

        protected virtual bool OnBackButtonPressed() => false;
    }

    public class ContentPage : Page
    {
        public View? Content { get; set; }
    }

    public class View : VisualElement
    {
    }

    public class ContentView : View
    {
        public View? Content { get; set; }
    }
}

namespace Xamarin.Forms
{
    public class BindableObject
    {
    }

    public class Element : BindableObject
    {
        protected virtual void OnParentSet()
        {
        }
    }

    public class VisualElement : Element
    {
    }

    public class Page : VisualElement
    {
        public event EventHandler? Appearing { add { } remove { } }

        public event EventHandler? Disappearing { add { } remove { } }

        protected virtual void OnAppearing()
        {
        }

        protected virtual void OnDisappearing()
        {
        }
    }

    public class ContentPage : Page
    {
        public View? Content { get; set; }
    }

    public class View : VisualElement
    {
    }

    public class ContentView : View
    {
        public View? Content { get; set; }
    }
}

namespace System.Windows
{
    public class RoutedEventArgs : EventArgs
    {
    }

    public delegate void RoutedEventHandler(object sender, RoutedEventArgs e);

    public class DependencyObject
    {
    }

    public class UIElement : DependencyObject
    {
    }

    public class FrameworkElement : UIElement
    {
        public event RoutedEventHandler? Loaded { add { } remove { } }

        public event RoutedEventHandler? Unloaded { add { } remove { } }

        public bool IsLoaded => false;
    }

    public class Window : System.Windows.Controls.ContentControl
    {
        public event EventHandler? Closed { add { } remove { } }

        public event CancelEventHandler? Closing { add { } remove { } }

        public event EventHandler? Activated { add { } remove { } }

        public event EventHandler? Deactivated { add { } remove { } }

        public void Close()
        {
        }

        public void Show()
        {
        }

        public bool? ShowDialog() => null;

        protected virtual void OnClosed(EventArgs e)
        {
        }

        protected virtual void OnClosing(CancelEventArgs e)
        {
        }

        protected virtual void OnSourceInitialized(EventArgs e)
        {
        }
    }
}

namespace System.Windows.Controls
{
    public class Control : System.Windows.FrameworkElement
    {
    }

    public class ContentControl : Control
    {
        public object? Content { get; set; }
    }

    public class UserControl : ContentControl
    {
    }

    public class Page : System.Windows.FrameworkElement
    {
        public object? Content { get; set; }
    }
}

namespace System.Windows.Forms
{
    public enum CloseReason
    {
        None,
        WindowsShutDown,
        MdiFormClosing,
        UserClosing,
        TaskManagerClosing,
        FormOwnerClosing,
        ApplicationExitCall,
    }

    public class FormClosedEventArgs : EventArgs
    {
        public FormClosedEventArgs(CloseReason closeReason)
        {
            CloseReason = closeReason;
        }

        public CloseReason CloseReason { get; }
    }

    public delegate void FormClosedEventHandler(object? sender, FormClosedEventArgs e);

    public class FormClosingEventArgs : CancelEventArgs
    {
        public FormClosingEventArgs(CloseReason closeReason, bool cancel)
            : base(cancel)
        {
            CloseReason = closeReason;
        }

        public CloseReason CloseReason { get; }
    }

    public delegate void FormClosingEventHandler(object? sender, FormClosingEventArgs e);

    /// <summary>Derives from System.ComponentModel.Component, so Dispose(bool) and Disposed come from there.</summary>
    public class Control : Component
    {
        public event EventHandler? HandleCreated { add { } remove { } }

        public event EventHandler? HandleDestroyed { add { } remove { } }

        protected virtual void OnHandleCreated(EventArgs e)
        {
        }

        protected virtual void OnHandleDestroyed(EventArgs e)
        {
        }

        protected virtual void OnLoad(EventArgs e)
        {
        }
    }

    public class ScrollableControl : Control
    {
    }

    public class ContainerControl : ScrollableControl
    {
    }

    public class Form : ContainerControl
    {
        public event EventHandler? Load { add { } remove { } }

        public event FormClosedEventHandler? FormClosed { add { } remove { } }

        public event FormClosingEventHandler? FormClosing { add { } remove { } }

        public event EventHandler? Closed { add { } remove { } }

        public event CancelEventHandler? Closing { add { } remove { } }

        public void Close()
        {
        }

        public void Show()
        {
        }

        protected virtual void OnFormClosed(FormClosedEventArgs e)
        {
        }

        protected virtual void OnFormClosing(FormClosingEventArgs e)
        {
        }

        protected virtual void OnClosed(EventArgs e)
        {
        }

        protected virtual void OnClosing(CancelEventArgs e)
        {
        }
    }

    public class UserControl : ContainerControl
    {
        public event EventHandler? Load { add { } remove { } }
    }
}

namespace Avalonia
{
    public class VisualTreeAttachmentEventArgs : EventArgs
    {
    }
}

namespace Avalonia.Interactivity
{
    public class RoutedEventArgs : EventArgs
    {
    }
}

namespace Avalonia.Controls
{
    public class Control
    {
        public event EventHandler<Avalonia.VisualTreeAttachmentEventArgs>? AttachedToVisualTree { add { } remove { } }

        public event EventHandler<Avalonia.VisualTreeAttachmentEventArgs>? DetachedFromVisualTree { add { } remove { } }

        public event EventHandler<Avalonia.Interactivity.RoutedEventArgs>? Loaded { add { } remove { } }

        public event EventHandler<Avalonia.Interactivity.RoutedEventArgs>? Unloaded { add { } remove { } }

        protected virtual void OnAttachedToVisualTree(Avalonia.VisualTreeAttachmentEventArgs e)
        {
        }

        protected virtual void OnDetachedFromVisualTree(Avalonia.VisualTreeAttachmentEventArgs e)
        {
        }

        protected virtual void OnLoaded(Avalonia.Interactivity.RoutedEventArgs e)
        {
        }

        protected virtual void OnUnloaded(Avalonia.Interactivity.RoutedEventArgs e)
        {
        }
    }

    public class TemplatedControl : Control
    {
    }

    public class ContentControl : TemplatedControl
    {
        public object? Content { get; set; }
    }

    public class UserControl : ContentControl
    {
    }

    public class TopLevel : ContentControl
    {
    }

    public class WindowBase : TopLevel
    {
    }

    public class Window : WindowBase
    {
        public event EventHandler? Closed { add { } remove { } }

        public event EventHandler<CancelEventArgs>? Closing { add { } remove { } }

        public void Close()
        {
        }

        public void Show()
        {
        }

        protected virtual void OnClosed(EventArgs e)
        {
        }

        protected virtual void OnClosing(CancelEventArgs e)
        {
        }
    }
}
