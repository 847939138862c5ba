using System.Diagnostics;
using System.Text.Json;

namespace Gatewayz.Logging.Benchmarks;

/// <summary>Runs a <see cref="Scenarios"/> measurement in a fresh copy of this program and reads its result.</summary>
public static class ChildProcess
{
    static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    /// <param name="scenario">The measurement.</param>
    /// <param name="pipeline">Which pipeline it measures.</param>
    /// <param name="count">How many errors it logs.</param>
    /// <param name="jitOutOfTheWay">
    /// Runs the child with tiered compilation off: every method is compiled once, fully optimised,
    /// on first call (in the warm-up), so none of the measured CPU is the JIT's.
    /// </param>
    public static T Measure<T>(string scenario, string pipeline, int count, bool jitOutOfTheWay = false)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The path of this process is unknown.");
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (jitOutOfTheWay)
            start.Environment["DOTNET_TieredCompilation"] = "0";
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
            start.ArgumentList.Add(typeof(ChildProcess).Assembly.Location);
        foreach (var argument in new[] { "--measure", scenario, pipeline, count.ToString(System.Globalization.CultureInfo.InvariantCulture) })
            start.ArgumentList.Add(argument);

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {host}.");
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEndAsync();
        if (!process.WaitForExit(Limit))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"The {scenario} measurement of {pipeline} did not finish within {Limit}.");
        }
        var line = output.Result.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.StartsWith(Scenarios.ResultPrefix, StringComparison.Ordinal))
            ?? throw new InvalidOperationException($"The {scenario} measurement of {pipeline} exited with {process.ExitCode} and no result:\n{output.Result}\n{errors.Result}");
        return JsonSerializer.Deserialize<T>(line[Scenarios.ResultPrefix.Length..])
            ?? throw new InvalidOperationException($"Unreadable result: {line}");
    }
}
