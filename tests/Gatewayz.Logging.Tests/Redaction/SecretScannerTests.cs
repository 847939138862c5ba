using Gatewayz.Logging.Redaction;
using Gatewayz.Logging.Tests.Support;
using Xunit;

namespace Gatewayz.Logging.Tests.Redaction;

public class SecretScannerTests
{
    const string F = SecretMask.Marker;

    static readonly SecretScanner Scanner = new(new SensitiveKeys(), includePersonalData: false);
    static readonly SecretScanner PiiScanner = new(new SensitiveKeys(), includePersonalData: true);

    static void AssertRedacts(string input, string expected)
    {
        Assert.Equal(expected, Scanner.Redact(input));
        Assert.Equal(expected, PiiScanner.Redact(input));
        Assert.NotSame(input, Scanner.Redact(input));
    }

    static void AssertUntouched(string input)
    {
        Assert.Same(input, Scanner.Redact(input));
        Assert.Same(input, PiiScanner.Redact(input));
    }

    // ---- false positives that every rule must leave alone -------------------------------------------

    [Theory]
    [InlineData("")]
    [InlineData("order ord_20261124_000123 created")]
    [InlineData("reference 1234567890123")]
    [InlineData("request 550e8400-e29b-41d4-a716-446655440000 failed")]
    [InlineData("model gpt-4o-mini")]
    [InlineData("routing to anthropic/claude-3.5-sonnet")]
    [InlineData("openai/gpt-4o fallback to meta-llama/llama-3.1-70b-instruct")]
    [InlineData("at 2026-11-24T09:30:00.000Z")]
    [InlineData("charged 1204.50 EUR")]
    [InlineData("credit $20.00 added")]
    [InlineData("POST https://api.openai.com/v1/chat/completions returned 429")]
    [InlineData("see https://openrouter.ai/api/v1/models?order=newest&max_tokens=1024")]
    [InlineData("http://localhost:8080/health and https://host/users/@me?page=2")]
    [InlineData("password reset email sent")]
    [InlineData("Password must be at least 12 characters")]
    [InlineData("Forgot your password? Reset it.")]
    [InlineData("max_tokens=1024 prompt_tokens=20 total_tokens=120 tokens=5 session_count=3 token_count=7")]
    [InlineData("Passwordless=true")]
    [InlineData("the bearer of bad news")]
    [InlineData("Bearer token missing")]
    [InlineData("Bearer authentication failed")]
    [InlineData("upgraded from basic plan to pro")]
    [InlineData("Basic information page")]
    [InlineData("basic auth disabled")]
    [InlineData("flagbearer abc123def456ghi")]
    [InlineData("risk-assessment-framework-2024 and task-scheduler-configuration")]
    [InlineData("sk-short and ghp_short and pk_test_mode")]
    [InlineData("AKIA1234 and AKIAIOSFODNN7EXAMPLEX")]
    [InlineData("heyJude.mp3.bak and keyJar.v1.jar")]
    [InlineData("-----BEGIN CERTIFICATE-----\nMIIBszCCAVmgAwIBAgIU\n-----END CERTIFICATE-----")]
    [InlineData("-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE\n-----END PUBLIC KEY-----")]
    [InlineData("tx 4111111111111112 declined")]
    [InlineData("ids x4111111111111111 41111111111111111111 4111111111111111_a")]
    [InlineData("at 1764000000000 ms")]
    [InlineData("call +1 415 555 0100")]
    [InlineData("09:30:00 version 1.2.3 std::vector 00:1a:2b:3c:4d:5e")]
    [InlineData("deploy to user@localhost")]
    public void Ordinary_log_text_comes_back_as_the_same_instance(string text) => AssertUntouched(text);

    [Fact]
    public void Urls_without_a_password_pass_when_personal_data_is_kept()
    {
        const string text = "http://[::1]:8080/health https://user@example.com/path https://10.0.0.1/x";
        Assert.Same(text, Scanner.Redact(text));
    }

    [Fact]
    public void A_luhn_valid_number_without_a_brand_prefix_passes() =>
        AssertUntouched("invoice " + SecretSamples.WithLuhnDigit("712345678901234") + " paid");

    [Fact]
    public void Redacting_clean_text_does_not_allocate()
    {
        const string message = "Provider openai/gpt-4o returned 429 for request 550e8400-e29b-41d4-a716-446655440000 at 2026-11-24T09:30:00.000Z after 1204.50 ms (max_tokens=1024)";
        Assert.Equal(0, Allocations.FewestBytes(() =>
        {
            for (var i = 0; i < 100; i++)
                PiiScanner.Redact(message);
        }, warmUps: 10));
    }

    // ---- a. HTTP credentials ------------------------------------------------------------------------

    [Theory]
    [InlineData("Authorization: Bearer abcdef0123456789ABCDEFxyz", "Authorization: Bearer abcdef01" + F)]
    [InlineData("authorization: bearer abcdef0123456789ABCDEFxyz", "authorization: bearer abcdef01" + F)]
    [InlineData("BEARER   abcdef0123456789ABCDEF==.", "BEARER   abcdef01" + F + ".")]
    [InlineData("curl -H 'Authorization: Bearer tok_12345'", "curl -H 'Authorization: Bearer " + F + "'")]
    [InlineData("{\"Authorization\":\"Bearer a1b2c3d4e5f6a7b8c9d0\"}", "{\"Authorization\":\"Bearer a1b2c3d4" + F + "\"}")]
    [InlineData("\\nBearer a1b2c3d4e5f6a7b8c9d0", "\\nBearer a1b2c3d4" + F)]
    public void Bearer_credentials_keep_the_scheme_and_at_most_a_key_prefix(string input, string expected) =>
        AssertRedacts(input, expected);

    [Fact]
    public void Basic_credentials_are_filtered_whole()
    {
        var credential = SecretSamples.Basic("gateway", "correct-horse-battery");
        AssertRedacts($"Authorization: Basic {credential}", "Authorization: Basic " + F);
        AssertRedacts($"basic {SecretSamples.Basic("a", "b")} sent", "basic " + F + " sent");
    }

    // ---- b. JWTs ------------------------------------------------------------------------------------

    [Fact]
    public void Jwts_keep_at_most_the_start_of_their_header()
    {
        var jwt = SecretSamples.Jwt("""{"sub":"user_42","tier":"pro"}""", "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk");

        AssertRedacts($"session {jwt} expired", "session eyJhbGci" + F + " expired");
        AssertRedacts($"Authorization: Bearer {jwt}", "Authorization: Bearer eyJhbGci" + F);
        AssertRedacts($"id_token={jwt}&state=xyz", "id_token=eyJhbGci" + F + "&state=xyz");
    }

    [Fact]
    public void Unsigned_and_encrypted_jwts_are_found()
    {
        var header = SecretSamples.Base64Url("""{"alg":"none"}""");
        var payload = SecretSamples.Base64Url("""{"sub":"1"}""");
        AssertRedacts($"token {header}.{payload}. end", "token eyJhbGci" + F + " end");
        AssertRedacts($"jwe {header}.a1b2.c3d4.e5f6.g7h8 end", "jwe eyJhbGci" + F + " end");
    }

    // ---- c. provider keys ---------------------------------------------------------------------------

    [Theory]
    [InlineData("sk-or-v1-0123456789abcdef0123456789abcdef", "sk-or-v1")]
    [InlineData("sk-proj-Ab3dEf6hIj9lMn2pQr5tUv8xYz1", "sk-proj-")]
    [InlineData("sk-ant-api03-Ab3dEf6hIj9lMn2pQr5tUv8xYz1", "sk-ant-a")]
    [InlineData("sk-Ab3dEf6hIj9lMn2pQr5tUv8xYz1Ab3dEf6hIj9lMn2pQr", "sk-Ab3dE")]
    [InlineData("sk_live_51HxYz0123456789abcdefGH", "sk_live_")]
    [InlineData("sk_test_51HxYz0123456789abcdefGH", "sk_test_")]
    [InlineData("pk_live_51HxYz0123456789abcdefGH", "pk_live_")]
    [InlineData("pk_test_51HxYz0123456789abcdefGH", "pk_test_")]
    [InlineData("rk_live_51HxYz0123456789abcdefGH", "rk_live_")]
    [InlineData("rk_test_51HxYz0123456789abcdefGH", "rk_test_")]
    [InlineData("whsec_0123456789abcdefGHIJKLmnop", "whsec_01")]
    [InlineData("AKIAIOSFODNN7EXAMPLE", "AKIAIOSF")]
    [InlineData("ASIAIOSFODNN7EXAMPLE", "ASIAIOSF")]
    [InlineData("ghp_0123456789abcdefGHIJKLmnopqrstuvwx", "ghp_0123")]
    [InlineData("gho_0123456789abcdefGHIJKLmnopqrstuvwx", "gho_0123")]
    [InlineData("ghu_0123456789abcdefGHIJKLmnopqrstuvwx", "ghu_0123")]
    [InlineData("ghs_0123456789abcdefGHIJKLmnopqrstuvwx", "ghs_0123")]
    [InlineData("ghr_0123456789abcdefGHIJKLmnopqrstuvwx", "ghr_0123")]
    [InlineData("github_pat_11ABCDEFG0123456789_abcdefghijklmnop", "github_p")]
    [InlineData("xoxb-1234567890-1234567890123-AbCdEfGhIjKlMnOp", "xoxb-123")]
    [InlineData("xoxp-1234567890-1234567890123-AbCdEfGhIjKlMnOp", "xoxp-123")]
    [InlineData("xoxa-1234567890-1234567890123-AbCdEfGhIjKlMnOp", "xoxa-123")]
    [InlineData("xoxr-1234567890-1234567890123-AbCdEfGhIjKlMnOp", "xoxr-123")]
    [InlineData("xoxs-1234567890-1234567890123-AbCdEfGhIjKlMnOp", "xoxs-123")]
    public void Provider_keys_keep_at_most_eight_characters(string key, string visible)
    {
        AssertRedacts(key, visible + F);
        AssertRedacts($"calling upstream with key {key}.", $"calling upstream with key {visible}{F}.");
        AssertRedacts($"\"apiKey\":\"{key}\"", $"\"apiKey\":\"{visible}{F}\"");
        AssertRedacts($"OPENROUTER_KEY:{key}", $"OPENROUTER_KEY:{visible}{F}");
    }

    [Fact]
    public void A_key_right_after_an_escape_is_found() =>
        AssertRedacts("line\\nsk-or-v1-0123456789abcdef0123 and %3Dsk-or-v1-0123456789abcdef0123",
            "line\\nsk-or-v1" + F + " and %3Dsk-or-v1" + F);

    // ---- d. URL passwords ---------------------------------------------------------------------------

    [Theory]
    [InlineData("postgres://gateway:s3cr3t-P4ss@db.internal:5432/gatewayz", "postgres://gateway:" + F + "@db.internal:5432/gatewayz")]
    [InlineData("redis://:hunter2@cache:6379/0", "redis://:" + F + "@cache:6379/0")]
    [InlineData("amqp://app:p@ss:w@rd@mq.local/vhost", "amqp://app:" + F + "@mq.local/vhost")]
    [InlineData("connecting to \"mysql://root:toor@db.local\"", "connecting to \"mysql://root:" + F + "@db.local\"")]
    [InlineData("https://x-access-token:ghs_0123456789abcdefGHIJKLmnop@github.com/o/r.git", "https://x-access-token:ghs_0123" + F + "@github.com/o/r.git")]
    public void Url_passwords_are_filtered_and_users_stay(string input, string expected) => AssertRedacts(input, expected);

    // ---- e. sensitive query-string and key=value parameters -----------------------------------------

    [Theory]
    [InlineData("GET /v1/models?api_key=abc123&token=xyz789&model=gpt-4o", "GET /v1/models?api_key=" + F + "&token=" + F + "&model=gpt-4o")]
    [InlineData("https://api.example.com/x?API-KEY=sk-or-v1-0123456789abcdef0123", "https://api.example.com/x?API-KEY=sk-or-v1" + F)]
    [InlineData("grant_type=refresh_token&refresh_token=r1.abc&client_secret=xyz", "grant_type=refresh_token&refresh_token=" + F + "&client_secret=" + F)]
    [InlineData("args: --api-key=abc123 --model gpt-4o", "args: --api-key=" + F + " --model gpt-4o")]
    [InlineData("login failed user=bob password=\"correct horse\" retry=1", "login failed user=bob password=" + F + " retry=1")]
    [InlineData("Cookie: theme=dark; sessionid=abc123; csrftoken=def456", "Cookie: theme=dark; sessionid=" + F + "; csrftoken=" + F)]
    [InlineData("page?x=1&amp;access_token=abc123", "page?x=1&amp;access_token=" + F)]
    [InlineData("openrouterApiKey = abc123", "openrouterApiKey = " + F)]
    public void Values_of_sensitive_names_are_filtered(string input, string expected) => AssertRedacts(input, expected);

    [Fact]
    public void Names_can_be_extended_and_excepted()
    {
        var scanner = new SecretScanner(new SensitiveKeys(additionalNames: ["tenant_sig"], safeNames: ["session"]), includePersonalData: false);
        const string text = "?tenant_sig=abc&session=s1&token=t1";

        Assert.Equal("?tenant_sig=" + F + "&session=s1&token=" + F, scanner.Redact(text));
    }

    // ---- f. connection-string passwords -------------------------------------------------------------

    [Theory]
    [InlineData("Server=db;Database=gatewayz;User Id=app;Password=p@ss w0rd;Pooling=true", "Server=db;Database=gatewayz;User Id=app;Password=" + F + ";Pooling=true")]
    [InlineData("Host=db;Username=app;PWD=abc", "Host=db;Username=app;PWD=" + F)]
    [InlineData("Data Source=x; pwd = secret value ;", "Data Source=x; pwd = " + F + " ;")]
    [InlineData("Server=x;Password='a;b''c';Encrypt=true", "Server=x;Password=" + F + ";Encrypt=true")]
    [InlineData("Host=db;Password=first line\nnext line", "Host=db;Password=" + F + "\nnext line")]
    public void Connection_string_passwords_are_filtered_to_the_semicolon(string input, string expected) => AssertRedacts(input, expected);

    // ---- g. PEM private keys ------------------------------------------------------------------------

    [Theory]
    [InlineData("RSA ")]
    [InlineData("EC ")]
    [InlineData("OPENSSH ")]
    [InlineData("ENCRYPTED ")]
    [InlineData("")]
    public void Private_key_blocks_are_filtered_whole(string label)
    {
        var block = $"-----BEGIN {label}PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo\n4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onL\n-----END {label}PRIVATE KEY-----";
        AssertRedacts($"loaded key {block} from vault", $"loaded key {F} from vault");
        AssertRedacts($"escaped {block.Replace("\n", "\\n", StringComparison.Ordinal)}\", next", $"escaped {F}\", next");
    }

    [Fact]
    public void A_private_key_block_without_its_end_is_filtered_to_the_end_of_the_text() =>
        AssertRedacts("config: -----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEAu1SU1LfVLPHC", "config: " + F);

    // ---- h. payment cards ---------------------------------------------------------------------------

    [Theory]
    [InlineData("4111111111111111")]
    [InlineData("4111 1111 1111 1111")]
    [InlineData("4111-1111-1111-1111")]
    [InlineData("4222222222222")]
    [InlineData("5555555555554444")]
    [InlineData("2223003122003222")]
    [InlineData("378282246310005")]
    [InlineData("3782 822463 10005")]
    [InlineData("6011111111111117")]
    [InlineData("6500000000000002")]
    [InlineData("6445644564456445")]
    [InlineData("3530111333300000")]
    [InlineData("30569309025904")]
    [InlineData("36227206271667")]
    [InlineData("38520000023237")]
    [InlineData("4111 1111 1111 1111 003")]
    public void Card_numbers_with_a_brand_and_a_valid_checksum_are_filtered(string card)
    {
        Assert.True(SecretSamples.PassesLuhn(card));
        AssertRedacts(card, F);
        AssertRedacts($"card {card} declined", $"card {F} declined");
        AssertRedacts($"(pan:{card}).", $"(pan:{F}).");
    }

    [Fact]
    public void A_card_next_to_other_numbers_is_still_found() =>
        AssertRedacts("order 12 4111 1111 1111 1111 qty 2", "order 12 " + F + " qty 2");

    // ---- i. personal data ---------------------------------------------------------------------------

    [Theory]
    [InlineData("Now listening on: http://127.0.0.1:5080")]
    [InlineData("bound to 0.0.0.0:8080 and [::1]:8080")]
    [InlineData("postgres at 10.0.4.12, redis at 172.20.0.3, dns 192.168.1.1, metadata 169.254.169.254")]
    [InlineData("link fe80::1%eth0 and fd12:3456:789a::1")]
    [InlineData("link-local FE9A::1, fea0::2 and FEB0::3")]
    public void Addresses_that_name_no_person_pass_even_with_personal_data_masked(string input) =>
        Assert.Same(input, PiiScanner.Redact(input));

    [Theory]
    [InlineData("user jane.doe@example.com signed in", "user " + F + "@example.com signed in")]
    [InlineData("to: <j.o+tag@mail.example.co.uk>.", "to: <" + F + "@mail.example.co.uk>.")]
    [InlineData("client 203.0.113.42 blocked", "client " + F + " blocked")]
    [InlineData("from 198.51.100.7:5432.", "from " + F + ":5432.")]
    [InlineData("peer 2001:db8:85a3::8a2e:370:7334 connected", "peer " + F + " connected")]
    [InlineData("peer 2001:0db8:85a3:0000:0000:8a2e:0370:7334", "peer " + F)]
    [InlineData("mapped ::ffff:192.0.2.1 ok", "mapped " + F + " ok")]
    [InlineData("link 2a00:1450:4001::8a%eth0", "link " + F + "%eth0")]
    [InlineData("http://[2001:db8::1]:8080/", "http://[" + F + "]:8080/")]
    [InlineData("peer fec0::1 and fe7f::1", "peer " + F + " and " + F)]
    public void Personal_data_is_masked_only_when_asked(string input, string expected)
    {
        Assert.Equal(expected, PiiScanner.Redact(input));
        Assert.Same(input, Scanner.Redact(input));
    }

    // ---- j. broader shapes and names, masked value by value ----------------------------------------

    [Theory]
    [InlineData("aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY", "aws_secret_access_key = " + F)]
    [InlineData("credentials wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY loaded", "credentials " + F + " loaded")]
    [InlineData("{\"SecretAccessKey\": \"Je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY\"}", "{\"SecretAccessKey\": \"" + F + "\"}")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=gz;AccountKey=Zm9vYmFyYmF6cXV4;EndpointSuffix=core.windows.net", "DefaultEndpointsProtocol=https;AccountName=gz;AccountKey=" + F + ";EndpointSuffix=core.windows.net")]
    [InlineData("Endpoint=sb://gz.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=abc123=", "Endpoint=sb://gz.servicebus.windows.net/;SharedAccessKeyName=Root;SharedAccessKey=" + F)]
    [InlineData("sent Authorization: Token 9f8e7d6c5b4a and retried", "sent Authorization: Token " + F + " and retried")]
    [InlineData("X-Api-Key: k1-plain-value then 401", "X-Api-Key: " + F + " then 401")]
    [InlineData("body {\"user\": \"bob\", \"password\": \"letmein\", \"model\": \"gpt-4o\"}", "body {\"user\": \"bob\", \"password\": \"" + F + "\", \"model\": \"gpt-4o\"}")]
    [InlineData("raw {\\\"password\\\":\\\"letmein\\\"}", "raw {\\\"password\\\":\\\"" + F + "\\\"}")]
    [InlineData("pwd=abc pass=def secret_key=ghi basic_auth=jkl signature=mno otp=123456", "pwd=" + F + " pass=" + F + " secret_key=" + F + " basic_auth=" + F + " signature=" + F + " otp=" + F)]
    [InlineData("https://app:p%40ss%3Aword@db.internal/x", "https://app:" + F + "@db.internal/x")]
    [InlineData("GET /v1/models?q=api_key%3Dabc123%26model%3Dgpt", "GET /v1/models?q=api_key%3D" + F + "%26model%3Dgpt")]
    [InlineData("password=hunter2 and Authorization: Bearer a1b2c3d4e5f6a7b8c9d0 then done", "password=" + F + " and Authorization: Bearer a1b2c3d4" + F + " then done")]
    public void Broader_shapes_and_names_are_masked_and_the_rest_of_the_line_stays(string input, string expected) => AssertRedacts(input, expected);

    [Fact]
    public void Pgp_private_key_blocks_are_filtered_whole()
    {
        const string block = "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGN0ZXN0AQgA1b2c3d4e5f6\n=AbCd\n-----END PGP PRIVATE KEY BLOCK-----";
        var redacted = Scanner.Redact("key: " + block + " imported");
        Assert.DoesNotContain("lQOYBGN0ZXN0", redacted, StringComparison.Ordinal);
        Assert.EndsWith(" imported", redacted, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("commit 3f786850e387550fdab836ed7e6dc881de23001b merged")]
    [InlineData("sha1 3F786850E387550FDAB836ED7E6DC881DE23001B")]
    [InlineData("path api/v1/users/42/orders/7/items/99/details/x")]
    [InlineData("Pass the request to the next handler; passes=3 bypass=false")]
    [InlineData("signature verification failed for the webhook")]
    public void Forty_character_runs_and_short_names_in_prose_pass(string input) => AssertUntouched(input);

    // ---- the mask -----------------------------------------------------------------------------------

    [Fact]
    public void A_short_key_like_secret_keeps_nothing() =>
        AssertRedacts("Bearer abc123def4", "Bearer " + F);

    [Fact]
    public void Several_secrets_in_one_text_are_all_masked()
    {
        var input = "POST https://svc:pw1@api/x?token=t1 with Bearer sk-or-v1-0123456789abcdef0123 card 4111111111111111 Password=p;";
        var expected = "POST https://svc:" + F + "@api/x?token=" + F + " with Bearer sk-or-v1" + F + " card " + F + " Password=" + F + ";";
        AssertRedacts(input, expected);
    }

    [Fact]
    public void Redacting_twice_changes_nothing_more()
    {
        var input = "Bearer sk-or-v1-0123456789abcdef0123 jane@example.com 10.1.2.3 ?api_key=abc Password=x; 4111111111111111";
        var once = PiiScanner.Redact(input);
        Assert.Same(once, PiiScanner.Redact(once));
    }

    [Fact]
    public void Masked_text_contains_no_secret()
    {
        var masked = "Bearer sk-or-v1" + F + " token=" + F + " " + F + "@example.com";
        Assert.Same(masked, PiiScanner.Redact(masked));
        var partly = "Bearer sk-or-v1" + F + " token=abc";
        Assert.NotSame(partly, PiiScanner.Redact(partly));
    }

    [Fact]
    public void Null_text_is_a_programming_error() => Assert.Throws<ArgumentNullException>(() => Scanner.Redact(null!));
}
