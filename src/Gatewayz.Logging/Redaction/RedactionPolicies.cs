using System.Runtime.CompilerServices;
using Gatewayz.Logging.Configuration;
using Microsoft.Extensions.Configuration;

namespace Gatewayz.Logging.Redaction;

/// <summary>
/// One <see cref="RedactionPolicy"/> per logger configured from configuration. Serilog.Settings.Configuration
/// hands every method it calls the very <see cref="IConfiguration"/> object given to
/// <c>ReadFrom.Configuration</c>: that object names the logger, and all of its components find the
/// same policy through it, read once from the whole configuration. Code that builds the logger itself
/// (the hosting one-liner) registers the policy first, with its own options.
/// </summary>
static class RedactionPolicies
{
    static readonly ConditionalWeakTable<IConfiguration, RedactionPolicy> Policies = new();

    /// <summary>
    /// The redactor of a component configured with <paramref name="sensitiveKeys"/>, <paramref name="safeKeys"/>
    /// and <paramref name="sendDefaultPii"/>: its own arguments alone when built in code, its arguments
    /// added to its logger's policy when built from <paramref name="configuration"/>.
    /// </summary>
    public static Redactor For(IConfiguration? configuration, string[]? sensitiveKeys, string[]? safeKeys, bool sendDefaultPii) =>
        configuration is null
            ? new Redactor(sensitiveKeys, safeKeys, sendDefaultPii)
            : Of(configuration).For(sensitiveKeys, safeKeys, sendDefaultPii);

    /// <summary>The policy of the logger configured from <paramref name="configuration"/>, read from it on first use.</summary>
    public static RedactionPolicy Of(IConfiguration configuration) =>
        Policies.GetValue(configuration, static c => ConfiguredRedaction.Read(c));

    /// <summary>
    /// Makes the policy read from <paramref name="configuration"/> and <paramref name="options"/> (code and
    /// the <c>Sentry</c> section) the one that the components built from <paramref name="configuration"/>,
    /// and from each of <paramref name="views"/>, find. Call it before handing them to
    /// <c>ReadFrom.Configuration</c>.
    /// </summary>
    /// <param name="configuration">The configuration the logger is built from, as handed to <c>ReadFrom.Configuration</c>.</param>
    /// <param name="options">The Sentry options from code and configuration: their keys and PII setting are the logger's.</param>
    /// <param name="views">Other objects handed to <c>ReadFrom.Configuration</c> for the same logger (views of <paramref name="configuration"/>).</param>
    /// <returns>The logger's redactor, for the components added in code.</returns>
    public static Redactor Register(IConfiguration configuration, GatewayzSentryOptions options, params IConfiguration[] views)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(options);
        var policy = ConfiguredRedaction.Read(configuration, options);
        Policies.AddOrUpdate(configuration, policy);
        foreach (var view in views)
            Policies.AddOrUpdate(view, policy);
        return policy.Logger;
    }
}
