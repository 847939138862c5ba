using System.Text;

namespace Gatewayz.Logging.Tests.Redaction;

/// <summary>Random secrets of every kind the library promises to catch, as they would appear in logged text.</summary>
public sealed class LoggedSecrets(Random random)
{
    const string Alphanumeric = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    const string Base64Url = Alphanumeric + "-_";
    const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>A secret: the text to log, and the part of it that must never leave whole.</summary>
    public sealed record Secret(string Kind, string Logged, string Sensitive);

    public static readonly string[] Kinds =
    [
        "bearer", "basic", "jwt", "openai", "openrouter", "anthropic", "stripe", "webhook", "aws", "github", "slack",
        "url-password", "query-parameter", "connection-string", "private-key", "card",
    ];

    public Secret Next() => Next(Kinds[random.Next(Kinds.Length)]);

    public Secret Next(string kind)
    {
        switch (kind)
        {
            case "bearer":
            {
                var token = Chars(Base64Url, 24, 48);
                return new(kind, "Bearer " + token, token);
            }
            case "basic":
            {
                var credentials = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{Chars(Alphanumeric, 5, 10)}:{Chars(Alphanumeric, 12, 20)}"));
                return new(kind, "Basic " + credentials, credentials);
            }
            case "jwt":
            {
                var jwt = $"eyJ{Chars(Base64Url, 17, 30)}.eyJ{Chars(Base64Url, 30, 80)}.{Chars(Base64Url, 40, 43)}";
                return new(kind, jwt, jwt);
            }
            case "openai":
                return Same(kind, Pick("sk-", "sk-proj-") + Chars(Alphanumeric, 32, 48));
            case "openrouter":
                return Same(kind, "sk-or-v1-" + Chars("0123456789abcdef", 64, 64));
            case "anthropic":
                return Same(kind, "sk-ant-api03-" + Chars(Base64Url, 40, 60));
            case "stripe":
                return Same(kind, Pick("sk_live_", "pk_live_", "rk_live_", "sk_test_") + Chars(Alphanumeric, 24, 40));
            case "webhook":
                return Same(kind, "whsec_" + Chars(Alphanumeric, 32, 40));
            case "aws":
                return Same(kind, "AKIA" + Chars(Upper, 16, 16));
            case "github":
                return Same(kind, Pick("ghp_", "gho_", "ghs_") + Chars(Alphanumeric, 36, 36));
            case "slack":
                return Same(kind, $"xoxb-{Chars("0123456789", 10, 12)}-{Chars("0123456789", 12, 13)}-{Chars(Alphanumeric, 24, 24)}");
            case "url-password":
            {
                var password = Chars(Alphanumeric, 12, 24);
                return new(kind, $"postgres://gateway:{password}@db.internal:5432/credits", password);
            }
            case "query-parameter":
            {
                var value = Chars(Alphanumeric, 16, 32);
                var name = Pick("api_key", "token", "access_token", "apiKey", "client_secret");
                return new(kind, $"https://api.provider.example/v1/models?{name}={value}&model=gpt-4o", value);
            }
            case "connection-string":
            {
                var password = Chars(Alphanumeric + "!#%", 12, 24);
                return new(kind, $"Host=db.internal;Port=5432;Username=gateway;{Pick("Password", "password", "Pwd")}={password};Database=credits", password);
            }
            case "private-key":
            {
                var body = string.Join('\n', Enumerable.Range(0, 4).Select(_ => Chars(Alphanumeric + "+/", 64, 64)));
                return new(kind, $"-----BEGIN PRIVATE KEY-----\n{body}\n-----END PRIVATE KEY-----", body);
            }
            case "card":
            {
                var card = Card();
                return Same(kind, random.Next(3) switch
                {
                    0 => card,
                    1 => string.Join(' ', card.Chunk(4).Select(c => new string(c))),
                    _ => string.Join('-', card.Chunk(4).Select(c => new string(c))),
                });
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(kind), kind, null);
        }
    }

    /// <summary>A Luhn-valid 16-digit Visa or Mastercard number.</summary>
    public string Card()
    {
        var digits = new int[16];
        var prefix = random.Next(2) == 0 ? "4" : "5" + (char)('1' + random.Next(5));
        for (var i = 0; i < prefix.Length; i++)
            digits[i] = prefix[i] - '0';
        for (var i = prefix.Length; i < 15; i++)
            digits[i] = random.Next(10);
        var sum = 0;
        for (var i = 0; i < 15; i++)
        {
            var d = digits[14 - i];
            if (i % 2 == 0)
            {
                d *= 2;
                if (d > 9)
                    d -= 9;
            }
            sum += d;
        }
        digits[15] = (10 - sum % 10) % 10;
        return string.Concat(digits);
    }

    /// <summary>A random key name, sometimes a sensitive one in a random spelling.</summary>
    public string KeyName() =>
        random.Next(3) == 0 ? SensitiveKeyName() : Pick("detail", "value", "note", "upstream", "payload", "input", "field") + "_" + Chars("abcdefghijklmnopqrstuvwxyz", 3, 6);

    /// <summary>A sensitive key name in a random spelling: the value under it is filtered whatever it looks like.</summary>
    public string SensitiveKeyName()
    {
        var name = Pick("password", "api_key", "client_secret", "access_token", "authorization", "x-api-key", "db_password", "stripe_signature",
            "refreshToken", "openrouterApiKey", "connection_string", "cvv", "card_number", "session");
        return random.Next(3) switch
        {
            0 => name,
            1 => name.ToUpperInvariant(),
            _ => name.Replace('_', '-'),
        };
    }

    public string Words() => string.Join(' ', Enumerable.Range(0, random.Next(0, 4)).Select(_ => Chars("abcdefghijklmnopqrstuvwxyz", 2, 8)));

    Secret Same(string kind, string secret) => new(kind, secret, secret);

    string Pick(params string[] options) => options[random.Next(options.Length)];

    string Chars(string alphabet, int min, int max)
    {
        var length = random.Next(min, max + 1);
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = alphabet[random.Next(alphabet.Length)];
        return new string(chars);
    }
}
