namespace Gatewayz.Gateway.Providers;

/// <summary>Routes <c>provider/model</c> to one of the gateway's providers.</summary>
public sealed class ProviderRouter
{
    readonly Dictionary<string, ProviderClient> _providers = new(StringComparer.OrdinalIgnoreCase)
    {
        ["openrouter"] = new("openrouter", "https://openrouter.ai/api/v1/chat/completions"),
        ["portkey"] = new("portkey", "https://api.portkey.ai/v1/chat/completions"),
        ["featherless"] = new("featherless", "https://api.featherless.ai/v1/chat/completions"),
        ["together"] = new("together", "https://api.together.xyz/v1/chat/completions"),
    };

    public bool TryRoute(string model, out ProviderClient provider, out string providerModel)
    {
        var slash = model.IndexOf('/', StringComparison.Ordinal);
        providerModel = slash > 0 ? model[(slash + 1)..] : model;
        provider = null!;
        return slash > 0 && _providers.TryGetValue(model[..slash], out provider!);
    }
}
