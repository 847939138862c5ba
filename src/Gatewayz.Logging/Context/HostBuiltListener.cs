using System.Diagnostics;
using Microsoft.Extensions.Hosting;
using Serilog.Debugging;

namespace Gatewayz.Logging.Context;

/// <summary>
/// The hosts the process builds, as Microsoft.Extensions.Hosting announces them: a <c>HostBuilt</c>
/// event, with the host, on its <c>Microsoft.Extensions.Hosting</c> diagnostic listener. One
/// subscription for the library; each part that needs the app's services (its MEL providers, Sentry's
/// options) adds a callback once. A host built before the first callback was added is not seen.
/// </summary>
static class HostBuiltListener
{
    const string ListenerName = "Microsoft.Extensions.Hosting";
    const string HostBuilt = "HostBuilt";

    static readonly object Gate = new();
    static Action<IHost>[] s_callbacks = [];

    /// <summary>Calls <paramref name="onBuilt"/> with every host built from now on, on the thread that builds it.</summary>
    public static void Subscribe(Action<IHost> onBuilt)
    {
        bool first;
        lock (Gate)
        {
            first = s_callbacks.Length == 0;
            s_callbacks = [.. s_callbacks, onBuilt];
        }
        if (first)
            DiagnosticListener.AllListeners.Subscribe(new Observer<DiagnosticListener>(OnListener));
    }

    static void OnListener(DiagnosticListener listener)
    {
        if (listener.Name == ListenerName)
            listener.Subscribe(new Observer<KeyValuePair<string, object?>>(OnEvent), static name => name == HostBuilt);
    }

    static void OnEvent(KeyValuePair<string, object?> hostingEvent)
    {
        if (hostingEvent.Key != HostBuilt || hostingEvent.Value is not IHost host)
            return;
        foreach (var callback in Volatile.Read(ref s_callbacks))
        {
            try
            {
                callback(host);
            }
            catch (Exception ex)
            {
                SelfLog.WriteLine("Gatewayz.Logging: reading a newly built host failed: {0}", ex);
            }
        }
    }

    sealed class Observer<T>(Action<T> next) : IObserver<T>
    {
        public void OnNext(T value) => next(value);

        public void OnError(Exception error)
        {
        }

        public void OnCompleted()
        {
        }
    }
}
