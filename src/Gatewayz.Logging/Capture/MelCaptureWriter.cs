using Microsoft.Extensions.Logging;
using Sentry;
using Serilog.Debugging;

namespace Gatewayz.Logging.Capture;

/// <summary>
/// Writes a capture through a Microsoft.Extensions.Logging logger, its <see cref="CaptureTicket"/>
/// current on the thread for the call, and returns the id of the event.
/// </summary>
static class MelCaptureWriter
{
    public static SentryId Write(ILogger? logger, LogLevel level, CaptureRequest request)
    {
        if (logger is null)
        {
            SelfLog.WriteLine("Gatewayz.Logging: a capture helper was called on a null logger; nothing was captured");
            return SentryId.Empty;
        }

        try
        {
            if (MelLevels.ToSerilog(level) is not { } serilogLevel || !logger.IsEnabled(level))
                return SentryId.Empty;
            var ticket = new CaptureTicket(request.Exception, serilogLevel);
            using (ticket.MakeCurrent())
                logger.Log(level, default, new CaptureState(request), request.Exception, CaptureState.Format);
            return ticket.Result();
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: a capture helper failed: {0}", ex);
            return SentryId.Empty;
        }
    }
}
