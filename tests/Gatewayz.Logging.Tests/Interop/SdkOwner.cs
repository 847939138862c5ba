namespace Gatewayz.Logging.Tests.Interop;

/// <summary>Who initialises the Sentry SDK.</summary>
public enum SdkOwner
{
    /// <summary><c>builder.WebHost.UseSentry()</c>, called before the library is wired.</summary>
    UseSentryBefore,

    /// <summary><c>builder.WebHost.UseSentry()</c>, called after the library is wired.</summary>
    UseSentryAfter,

    /// <summary><c>SentrySdk.Init</c>, before the app is built.</summary>
    SentrySdkInit,

    /// <summary>The library, from its DSN, when nothing else initialises the SDK.</summary>
    Library,
}
