using System.Text;

namespace Gatewayz.Logging.Tests.Redaction;

/// <summary>Random secrets of every kind the scanner knows, each inside a snippet that carries it the way logs do.</summary>
sealed class SecretGenerator(Random random)
{
    const string Upper = "ABCDEFGHIJKLMNOPQRSTUVWXYZ";
    const string Lower = "abcdefghijklmnopqrstuvwxyz";
    const string Digits = "0123456789";
    const string Alnum = Upper + Lower + Digits;
    const string KeyChars = Alnum + "_-";
    const string Token68 = Alnum + "-._~+/";
    const string UrlPasswordChars = Alnum + "-._~!$&'()*+,;=%";
    const string QueryValueChars = Alnum + "-._~%+";
    const string ConnectionPasswordChars = Alnum + "!@#$%^&*()_+-=[]{}|:,.<>?/~ ";
    const string EmailLocalChars = Lower + Digits + "._%+-";

    public static readonly string[] Kinds =
        ["bearer", "basic", "jwt", "provider", "aws", "url", "query", "assignment", "connection", "pem", "card", "email", "ipv4", "ipv6"];

    public static bool IsPersonalData(string kind) => kind is "email" or "ipv4" or "ipv6";

    /// <summary>Whether the snippet must end the text (a PEM block cut before its END line).</summary>
    public bool MustEndText { get; private set; }

    public (string Secret, string Snippet) Create(string kind)
    {
        MustEndText = false;
        return kind switch
        {
            "bearer" => Bearer(),
            "basic" => Basic(),
            "jwt" => Same(Jwt()),
            "provider" => Same(ProviderKey()),
            "aws" => Same(Pick("AKIA", "ASIA") + Text(Upper + Digits, 16)),
            "url" => Url(),
            "query" => Query(),
            "assignment" => Assignment(),
            "connection" => Connection(),
            "pem" => Pem(),
            "card" => Same(Card()),
            "email" => Email(),
            // Public addresses: loopback, private and link-local ones name no person and pass.
            "ipv4" => Same($"{Pick([.. Enumerable.Range(1, 223).Except([10, 127, 169, 172, 192])])}.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}"),
            "ipv6" => Same(Ipv6()),
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };
    }

    static (string, string) Same(string secret) => (secret, secret);

    (string, string) Bearer()
    {
        var length = random.Next(9, 120);
        var token = Text(Token68, length);
        if (length < 16)
            token = token[..^1] + Pick(Digits);
        token += new string('=', random.Next(3));
        return (token, Pick("Bearer", "bearer", "BEARER") + new string(' ', random.Next(1, 3)) + token);
    }

    (string, string) Basic()
    {
        var credential = Convert.ToBase64String(Encoding.UTF8.GetBytes(Text(Alnum, random.Next(1, 13)) + ":" + Text(Alnum + "!#$%&*+-./:;<=>?@^_|~ ", random.Next(1, 31))));
        return (credential, Pick("Basic ", "basic ", "BASIC ") + credential);
    }

    string Jwt() =>
        "eyJ" + Text(KeyChars, random.Next(5, 40)) + "." + Text(KeyChars, random.Next(5, 300)) + "." + Text(KeyChars, random.Next(10, 90));

    string ProviderKey()
    {
        var (prefix, alphabet) = random.Next(7) switch
        {
            0 => (Pick("sk-", "sk-proj-", "sk-or-v1-", "sk-ant-api03-", "sk-svcacct-"), KeyChars),
            1 => (Pick("sk_live_", "sk_test_", "pk_live_", "pk_test_", "rk_live_", "rk_test_"), Alnum),
            2 => ("whsec_", Alnum),
            3 => (Pick("ghp_", "gho_", "ghu_", "ghs_", "ghr_"), Alnum),
            4 => ("github_pat_", Alnum + "_"),
            5 => (Pick("xoxb-", "xoxp-", "xoxa-", "xoxr-", "xoxs-"), Alnum + "-"),
            _ => ("sk-", Alnum),
        };
        return prefix + Text(alphabet, random.Next(16, 100));
    }

    (string, string) Url()
    {
        var password = Text(UrlPasswordChars, random.Next(9, 40));
        var url = $"{Pick("postgres", "mysql", "redis", "https", "amqp", "mongodb+srv")}://{Text(Lower, random.Next(0, 10))}:{password}@{Host()}{Pick("", ":5432", ":6379")}/{Text(Lower, random.Next(0, 10))}";
        return (password, url);
    }

    (string, string) Query()
    {
        var value = Text(QueryValueChars, random.Next(9, 60));
        var name = SensitiveName();
        var snippet = random.Next(3) switch
        {
            0 => $"https://{Host()}/v1/chat?model=gpt-4o&{name}={value}&stream=true",
            1 => $"/v1/models?{name}={value}",
            _ => $"grant_type=client_credentials&{name}={value}",
        };
        return (value, snippet);
    }

    (string, string) Assignment()
    {
        var name = SensitiveName();
        if (random.Next(3) == 0)
        {
            var quote = Pick("\"", "'");
            var quoted = Text(Alnum + " !#$%&()*+,-./:;<=>?@[]^_{|}~", random.Next(9, 40));
            return (quoted, $"{name}={quote}{quoted}{quote}");
        }
        var value = Text(Alnum + "!$()*,:@[]{}|^-._~%+/", random.Next(9, 60));
        return (value, $"{name}{Pick("=", " = ", "= ")}{value}");
    }

    (string, string) Connection()
    {
        var value = Pick(Alnum) + Text(ConnectionPasswordChars, random.Next(7, 40)) + Pick(Alnum);
        var name = Pick("Password", "password", "PASSWORD", "Pwd", "pwd", "PWD");
        return (value, $"Server={Host()};User Id=app;{name}={value};Database=gatewayz");
    }

    (string, string) Pem()
    {
        var label = Pick("", "RSA ", "EC ", "OPENSSH ", "ENCRYPTED ", "DSA ");
        var newline = Pick("\n", "\r\n", "\\n");
        var body = new StringBuilder();
        var lines = random.Next(1, 12);
        for (var i = 0; i < lines; i++)
            body.Append(Text(Alnum + "+/", i == lines - 1 ? random.Next(4, 64) : 64)).Append(newline);
        // The markers are public boilerplate: the key material between them is the secret.
        var keyMaterial = body.ToString();
        var block = $"-----BEGIN {label}PRIVATE KEY-----{newline}{keyMaterial}";
        if (random.Next(10) == 0)
        {
            MustEndText = true;
            return (keyMaterial, block);
        }
        return (keyMaterial, block + $"-----END {label}PRIVATE KEY-----");
    }

    string Card()
    {
        var (prefix, length) = random.Next(6) switch
        {
            0 => ("4", Pick(13, 16, 19)),
            1 => (random.Next(2) == 0 ? random.Next(51, 56).ToString() : random.Next(2221, 2721).ToString(), 16),
            2 => (Pick("34", "37"), 15),
            3 => (Pick("6011", "65", random.Next(644, 650).ToString()), random.Next(16, 20)),
            4 => (random.Next(3528, 3590).ToString(), random.Next(16, 20)),
            _ => (Pick("36", "38", random.Next(300, 306).ToString()), random.Next(14, 20)),
        };
        var digits = SecretSamples.WithLuhnDigit(prefix + Text(Digits, length - prefix.Length - 1));
        var separator = Pick("", " ", "-");
        if (separator.Length == 0)
            return digits;
        var groups = length == 15 && random.Next(2) == 0
            ? new[] { digits[..4], digits[4..10], digits[10..] }
            : Enumerable.Range(0, (length + 3) / 4).Select(i => digits.Substring(i * 4, Math.Min(4, length - i * 4))).ToArray();
        return string.Join(separator, groups);
    }

    (string, string) Email()
    {
        var local = Pick(Lower + Digits) + Text(EmailLocalChars, random.Next(7, 28)) + Pick(Lower + Digits);
        return (local, $"{local}@{Host()}");
    }

    string Ipv6()
    {
        // A global unicast first group (2000::/3), so the address is one that can name a person.
        var groups = Enumerable.Range(0, 8).Select(i => (i == 0 ? random.Next(0x2000, 0x4000) : random.Next(0x10000)).ToString(Pick("x", "X", "x4"))).ToArray();
        if (random.Next(2) == 0)
            return string.Join(':', groups);
        // Compress groups from..to (inclusive), leaving at least one group.
        var from = random.Next(0, 7);
        var to = random.Next(from, 7);
        return string.Join(':', groups[..from]) + "::" + string.Join(':', groups[(to + 1)..]);
    }

    string Host() => $"{Text(Lower, random.Next(2, 10))}.{Pick("internal", "example.com", "io", "gatewayz.ai")}";

    string SensitiveName() => Pick(
        "api_key", "apiKey", "API-KEY", "token", "access_token", "refresh_token", "client_secret", "password",
        "X-Api-Key", "github_token", "db_password", "openrouterApiKey", "sessionid", "csrftoken", "auth", "secret");

    string Text(string alphabet, int length)
    {
        var chars = new char[length];
        for (var i = 0; i < length; i++)
            chars[i] = alphabet[random.Next(alphabet.Length)];
        return new string(chars);
    }

    string Pick(string alphabet) => alphabet[random.Next(alphabet.Length)].ToString();

    T Pick<T>(params T[] items) => items[random.Next(items.Length)];
}
