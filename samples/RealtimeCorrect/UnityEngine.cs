// A tiny stand-in for Unity's MonoBehaviour (the real one lives in UnityEngine.dll, which a plain
// .NET build cannot reference). The analyzers match it by its metadata name, as in a Unity project.
namespace UnityEngine
{
    public class MonoBehaviour
    {
    }
}
