using System.Reflection;
using Gatewayz.Logging.Configuration;
using Microsoft.Extensions.Configuration;
using Sentry;
using Serilog;
using Serilog.Events;

namespace Gatewayz.Logging.Tests;

/// <summary>
/// A setting is declared once, as a property of <see cref="GatewayzSentryOptions"/>: the <c>Sentry</c>
/// section reads every one of them by its name, and <c>WriteTo.GatewayzSentry</c> takes each as an
/// argument (Serilog's <c>Args</c> bind to a method's parameters, so the method lists them). Only what
/// code alone can give (a hub, a callback) is neither.
/// </summary>
public sealed class SettingsSchemaTests
{
    static readonly PropertyInfo[] Options = typeof(GatewayzSentryOptions).GetProperties(BindingFlags.Public | BindingFlags.Instance)
        .Where(p => p.PropertyType != typeof(IHub) && p.PropertyType != typeof(Action<SentryOptions>))
        .ToArray();

    [Fact]
    public void Every_option_is_an_argument_of_WriteTo_GatewayzSentry()
    {
        var parameters = typeof(GatewayzSentryLoggerConfigurationExtensions).GetMethods()
            .Where(m => m.Name == nameof(GatewayzSentryLoggerConfigurationExtensions.GatewayzSentry))
            .SelectMany(m => m.GetParameters())
            .Select(p => p.Name!)
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var expected = Options
            .Where(p => p.PropertyType != typeof(StormControlOptions))
            .Select(p => p.Name == nameof(GatewayzSentryOptions.TagProperties) ? "tags" : p.Name)
            .Concat(typeof(StormControlOptions).GetProperties().Select(p => "stormControl" + p.Name));

        var missing = expected.Where(name => !parameters.Contains(name)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void Every_option_is_read_from_the_Sentry_section_by_its_name()
    {
        var values = new Dictionary<string, string?>();
        foreach (var option in Options)
        {
            if (option.PropertyType == typeof(StormControlOptions))
            {
                foreach (var nested in typeof(StormControlOptions).GetProperties())
                    values[$"Sentry:StormControl:{nested.Name}"] = Sample(nested.PropertyType);
            }
            else
            {
                values[$"Sentry:{(option.Name == nameof(GatewayzSentryOptions.TagProperties) ? "Tags" : option.Name)}"] = Sample(option.PropertyType);
            }
        }
        var section = new ConfigurationBuilder().AddInMemoryCollection(values).Build().GetSection("Sentry");
        var options = new GatewayzSentryOptions();
        var warnings = new List<string>();

        SentryConfigurationSection.Bind(section, options, warnings.Add);

        Assert.Empty(warnings);
        var unread = Options.Where(o => o.PropertyType != typeof(StormControlOptions) && !Holds(o.GetValue(options), o.PropertyType))
            .Select(o => o.Name)
            .Concat(typeof(StormControlOptions).GetProperties().Where(p => !Holds(p.GetValue(options.StormControl), p.PropertyType)).Select(p => "StormControl." + p.Name));
        Assert.Empty(unread);
    }

    /// <summary>A value no option has by default.</summary>
    static string Sample(Type type) =>
        type == typeof(bool) ? "true"
        : type == typeof(int) ? "7"
        : type == typeof(double?) ? "0.5"
        : type == typeof(TimeSpan) ? "00:00:07"
        : type == typeof(LogEventLevel) ? "Warning"
        : type == typeof(ISet<string>) ? "schema_sample"
        : "sample";

    static bool Holds(object? value, Type type) => value switch
    {
        ISet<string> set => set.Contains("schema_sample"),
        bool flag => flag,
        int number => number == 7,
        double rate => rate == 0.5,
        TimeSpan duration => duration == TimeSpan.FromSeconds(7),
        LogEventLevel level => level == LogEventLevel.Warning,
        string text => text == "sample",
        _ => false,
    };
}
