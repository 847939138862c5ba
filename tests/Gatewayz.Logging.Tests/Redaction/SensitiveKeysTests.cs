using Gatewayz.Logging.Redaction;
using Gatewayz.Logging.Tests.Support;
using Xunit;

namespace Gatewayz.Logging.Tests.Redaction;

public class SensitiveKeysTests
{
    static readonly SensitiveKeys Keys = new();

    public static TheoryData<string> RequiredDefaultNames() =>
    [
        "password", "passwd", "secret", "api_key", "apikey", "auth", "credentials", "mysql_pwd", "privatekey",
        "private_key", "token", "session", "csrftoken", "sessionid", "x_csrftoken", "x_forwarded_for",
        "set_cookie", "cookie", "authorization", "proxy-authorization", "x_api_key", "csrf_token", "csrf",
        "_csrf", "_csrf_token", "PHPSESSID", "_session", "user_session", "_xsrf", "XSRF-TOKEN", "bearer",
        "client_secret", "access_token", "refresh_token", "id_token", "x-api-key", "stripe_signature",
        "card_number", "cvv", "cvc", "ssn", "connection_string",
    ];

    [Theory]
    [MemberData(nameof(RequiredDefaultNames))]
    public void Every_default_name_is_sensitive(string name) => Assert.True(Keys.IsSensitive(name));

    [Theory]
    [InlineData("apiKey")]
    [InlineData("api-key")]
    [InlineData("API_KEY")]
    [InlineData("Api.Key")]
    [InlineData("Api Key")]
    [InlineData("X-Api-Key")]
    [InlineData("X_API_KEY")]
    [InlineData("Authorization")]
    [InlineData("Proxy-Authorization")]
    [InlineData("Set-Cookie")]
    [InlineData("phpsessid")]
    [InlineData("xsrf_token")]
    [InlineData("ConnectionString")]
    [InlineData("CardNumber")]
    [InlineData("SSN")]
    public void Spellings_of_a_default_name_are_sensitive(string key) => Assert.True(Keys.IsSensitive(key));

    [Theory]
    [InlineData("db_password")]
    [InlineData("DB_PASSWORD")]
    [InlineData("user_passwd")]
    [InlineData("github_token")]
    [InlineData("openrouterApiKey")]
    [InlineData("OPENAI_API_KEY")]
    [InlineData("Stripe-Secret")]
    [InlineData("webhookSecret")]
    [InlineData("ssh_private_key")]
    [InlineData("aws_credentials")]
    [InlineData("PostgresConnectionString")]
    [InlineData("session_cookie")]
    [InlineData("upstream.authorization")]
    [InlineData("x-auth-token")]
    public void Keys_ending_with_a_strong_suffix_are_sensitive(string key) => Assert.True(Keys.IsSensitive(key));

    [Theory]
    [InlineData("tokens")]
    [InlineData("max_tokens")]
    [InlineData("prompt_tokens")]
    [InlineData("completion_tokens")]
    [InlineData("total_tokens")]
    [InlineData("token_count")]
    [InlineData("tokenizer")]
    [InlineData("author")]
    [InlineData("authored_by")]
    [InlineData("key_prefix")]
    [InlineData("session_count")]
    [InlineData("model_id")]
    [InlineData("model")]
    [InlineData("provider")]
    [InlineData("temperature")]
    [InlineData("request_id")]
    [InlineData("user_id")]
    [InlineData("trace_id")]
    [InlineData("secretary")]
    [InlineData("password_reset_count")]
    [InlineData("passwordless")]
    [InlineData("cookies_enabled")]
    [InlineData("")]
    [InlineData("_-. ")]
    public void Gateway_keys_are_not_sensitive(string key) => Assert.False(Keys.IsSensitive(key));

    [Fact]
    public void Null_is_not_sensitive() => Assert.False(Keys.IsSensitive((string)null!));

    [Theory]
    [InlineData("apiKey", "apikey")]
    [InlineData("api-key", "apikey")]
    [InlineData("API_KEY", "apikey")]
    [InlineData("Api.Key", "apikey")]
    [InlineData("X-Api-Key", "xapikey")]
    [InlineData("Proxy Authorization", "proxyauthorization")]
    [InlineData("_csrf_token", "csrftoken")]
    public void Normalization_lowers_case_and_drops_separators(string key, string expected) =>
        Assert.Equal(expected, SensitiveKeys.Normalize(key));

    [Fact]
    public void Additional_names_are_matched_after_normalization()
    {
        var keys = new SensitiveKeys(additionalNames: ["tenant_signing_id", "X-Internal"]);

        Assert.True(keys.IsSensitive("TenantSigningId"));
        Assert.True(keys.IsSensitive("x_internal"));
        Assert.True(keys.IsSensitive("password"));
        Assert.False(keys.IsSensitive("tenant_signing"));
        Assert.False(Keys.IsSensitive("X-Internal"));
    }

    [Fact]
    public void Safe_names_win_over_names_and_suffixes()
    {
        var keys = new SensitiveKeys(safeNames: ["session", "next_page_token", "Auth"]);

        Assert.False(keys.IsSensitive("Session"));
        Assert.False(keys.IsSensitive("nextPageToken"));
        Assert.False(keys.IsSensitive("AUTH"));
        Assert.True(keys.IsSensitive("token"));
        Assert.True(keys.IsSensitive("session_id"));
        Assert.True(keys.IsSensitive("page_token"));
    }

    [Fact]
    public void Network_address_names_are_sensitive_only_when_personal_data_is_filtered()
    {
        var keys = new SensitiveKeys(includePersonalData: true);

        Assert.True(keys.IsSensitive("X-Real-IP"));
        Assert.True(keys.IsSensitive("remote_addr"));
        Assert.True(keys.IsSensitive("ip_address"));
        Assert.False(Keys.IsSensitive("X-Real-IP"));
    }

    [Fact]
    public void Long_keys_are_judged_by_their_ending()
    {
        var prefix = new string('x', 5000);

        Assert.True(Keys.IsSensitive(prefix + "_password"));
        Assert.True(Keys.IsSensitive(prefix + "Token"));
        Assert.False(Keys.IsSensitive(prefix + "_tokens"));
        Assert.True(Keys.IsSensitive(prefix + "password" + new string('_', 3000)));
        Assert.False(Keys.IsSensitive(prefix + "password" + new string('_', 3000) + "s"));
        Assert.True(Keys.IsSensitive("password" + new string('_', 3000)));
    }

    [Fact]
    public void A_configured_name_longer_than_the_limit_is_a_configuration_error() =>
        Assert.Throws<ArgumentException>(() => new SensitiveKeys(additionalNames: [new string('a', SensitiveKeys.MaxNameLength + 1)]));

    [Fact]
    public void Blank_configured_names_are_ignored()
    {
        var keys = new SensitiveKeys(additionalNames: ["", " ", "__"], safeNames: [""]);

        Assert.False(keys.IsSensitive("model"));
        Assert.True(keys.IsSensitive("password"));
    }

    [Fact]
    public void Matching_does_not_allocate()
    {
        string[] keys = ["X-Api-Key", "max_tokens", "openrouterApiKey", "model", "PHPSESSID", new string('k', 400)];
        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            foreach (var key in keys)
                Keys.IsSensitive(key);
        }));
    }
}
