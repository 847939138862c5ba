using System.Text;
using System.Text.Json;
using Sentry;
using Sentry.Extensibility;

namespace Gatewayz.Logging.Mapping;

/// <summary>JSON prepared by the mapping (within Sentry's limits), written into the event as it is.</summary>
sealed class JsonFragment(byte[] json) : ISentryJsonSerializable
{
    public void WriteTo(Utf8JsonWriter writer, IDiagnosticLogger? logger) => writer.WriteRawValue(json, skipInputValidation: true);

    public override string ToString() => Encoding.UTF8.GetString(json);
}
