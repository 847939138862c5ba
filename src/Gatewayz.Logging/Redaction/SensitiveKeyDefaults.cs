namespace Gatewayz.Logging.Redaction;

/// <summary>
/// The names whose values are secret by default: the key list Sentry's own SDKs scrub, plus the
/// credentials an LLM gateway handles (provider keys, OAuth tokens, payment data, connection strings).
/// Kept apart from the matching code so the list can be read and reviewed on its own.
/// </summary>
static class SensitiveKeyDefaults
{
    /// <summary>Names that are sensitive when the whole normalized key equals one of them.</summary>
    public static readonly IReadOnlyList<string> Names =
    [
        // Sentry's scrubber, by exact key.
        "password", "passwd", "secret", "api_key", "apikey", "auth", "credentials", "mysql_pwd",
        "privatekey", "private_key", "token", "session", "csrftoken", "sessionid", "x_csrftoken",
        "x_forwarded_for", "set_cookie", "cookie", "authorization", "proxy-authorization", "x_api_key",
        "csrf_token", "csrf", "_csrf", "_csrf_token", "PHPSESSID", "_session", "user_session", "_xsrf",
        "XSRF-TOKEN",
        // Credentials and payment data the gateway handles.
        "bearer", "client_secret", "access_token", "refresh_token", "id_token", "x-api-key",
        "stripe_signature", "card_number", "cvv", "cvc", "ssn", "connection_string", "passphrase",
        // Short and cloud-specific names: database and CLI flags, AWS, Azure storage, signed requests, one-time codes.
        "pwd", "pass", "secret_key", "basic_auth", "signature", "otp", "aws_secret_access_key",
        "account_key", "shared_access_key", "shared_access_signature",
    ];

    /// <summary>
    /// Endings that make any key sensitive (<c>db_password</c>, <c>github_token</c>, <c>openrouterApiKey</c>).
    /// None of them is a prefix of a plural or a counter, so <c>max_tokens</c> and <c>token_count</c> pass.
    /// </summary>
    public static readonly IReadOnlyList<string> StrongSuffixes =
    [
        "password", "passwd", "secret", "token", "apikey", "privatekey", "credentials",
        "connectionstring", "cookie", "authorization", "secretkey", "accesskey", "accountkey", "signingkey",
    ];

    /// <summary>Names that identify a person's network address, sensitive only when personal data is filtered.</summary>
    public static readonly IReadOnlyList<string> PersonalDataNames =
    [
        "x_real_ip", "ip_address", "remote_addr", "client_ip",
    ];
}
