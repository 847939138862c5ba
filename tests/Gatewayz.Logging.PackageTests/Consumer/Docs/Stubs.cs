// What the documentation's blocks may use without declaring it (see the conventions in issue 17).
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

public sealed record ChatRequest(string Model);

public sealed class ProviderClient
{
    public Task<string> CompleteAsync(ChatRequest request) => Task.FromResult(request.Model);
}

namespace GatewayzDocs
{
    /// <summary>The variables a statement-list block has in scope; fields, so a block may shadow one.</summary>
    abstract class StatementScope
    {
        protected WebApplicationBuilder builder = null!;
        protected WebApplication app = null!;
        protected Microsoft.Extensions.Logging.ILogger logger = null!;
        protected Serilog.ILogger log = null!;
        protected Exception ex = null!;
        protected ChatRequest request = null!;
        protected ProviderClient client = null!;
        protected IServiceCollection services = null!;
        protected IConfiguration configuration = null!;
    }
}
