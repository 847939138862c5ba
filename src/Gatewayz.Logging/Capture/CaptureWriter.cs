using Microsoft.Extensions.Logging;
using Sentry;
using Serilog.Debugging;
using Serilog.Events;

namespace Gatewayz.Logging.Capture;

/// <summary>
/// Writes a capture through a logger with its <see cref="CaptureTicket"/>, and returns the id of the
/// event: a Serilog logger gets the ticket on the event; a Microsoft.Extensions.Logging logger has it
/// current on the thread for the call.
/// </summary>
static class CaptureWriter
{
    public static SentryId Write(Microsoft.Extensions.Logging.ILogger? logger, LogLevel level, CaptureRequest request)
    {
        if (logger is null)
            return NoLogger();

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
            return Failed(ex);
        }
    }

    public static SentryId Write(Serilog.ILogger? logger, LogEventLevel level, CaptureRequest request)
    {
        if (logger is null)
            return NoLogger();

        try
        {
            if (!logger.IsEnabled(level))
                return SentryId.Empty;

            var ticket = new CaptureTicket(request.Exception, level);
            var properties = new List<LogEventProperty>(4) { ticket.Property };
            if (request.ContextName is { } name && request.Context is { Count: > 0 } context
                && logger.BindProperty(PropertyNames.SentryContexts, new Dictionary<string, object?> { [name] = context }, destructureObjects: true, out var contextProperty))
            {
                properties.Add(contextProperty);
            }
            if (request.Tags is { Count: > 0 } tags && logger.BindProperty(PropertyNames.SentryTags, tags, false, out var tagsProperty))
                properties.Add(tagsProperty);
            if (request.UserId is { } userId && logger.BindProperty(PropertyNames.UserId, userId, false, out var userProperty))
                properties.Add(userProperty);
            if (!logger.BindMessageTemplate(request.Template, [], out var template, out _))
                return SentryId.Empty;

            logger.Write(new LogEvent(DateTimeOffset.Now, level, request.Exception, template, properties));
            return ticket.Result();
        }
        catch (Exception ex)
        {
            return Failed(ex);
        }
    }

    static SentryId NoLogger()
    {
        SelfLog.WriteLine("Gatewayz.Logging: a capture helper was called on a null logger; nothing was captured");
        return SentryId.Empty;
    }

    static SentryId Failed(Exception ex)
    {
        SelfLog.WriteLine("Gatewayz.Logging: a capture helper failed: {0}", ex);
        return SentryId.Empty;
    }
}
