using Microsoft.Extensions.DependencyInjection;

namespace Gatewayz.Logging.EndToEndTests.Support;

public static class ServiceProviderExtensions
{
    public static T GetRequiredServiceOf<T>(this IServiceProvider services) where T : notnull => services.GetRequiredService<T>();
}
