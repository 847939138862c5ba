using Microsoft.Extensions.Logging;
using Sentry;
using Serilog.Debugging;

namespace Gatewayz.Logging.Capture;

/// <summary>Writes a capture through a Microsoft.Extensions.Logging logger, and returns the id the sink sent.</summary>
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
            if (!logger.IsEnabled(level))
                return SentryId.Empty;
            using var ticket = CaptureTicket.Open();
            logger.Log(level, default, new CaptureState(request), request.Exception, CaptureState.Format);
            return ticket.EventId;
        }
        catch (Exception ex)
        {
            SelfLog.WriteLine("Gatewayz.Logging: a capture helper failed: {0}", ex);
            return SentryId.Empty;
        }
    }
}
