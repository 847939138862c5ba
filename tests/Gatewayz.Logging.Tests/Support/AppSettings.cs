using System.Text;
using Microsoft.Extensions.Configuration;

namespace Gatewayz.Logging.Tests.Support;

public static class AppSettings
{
    public static IConfiguration FromJson(string json) =>
        new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(json))).Build();
}
