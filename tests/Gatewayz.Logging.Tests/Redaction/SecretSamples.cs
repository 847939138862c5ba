using System.Text;

namespace Gatewayz.Logging.Tests.Redaction;

/// <summary>Builders for secrets whose format has a checksum or an encoding.</summary>
static class SecretSamples
{
    public static string Base64Url(string json) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Jwt(string payloadJson, string signature) =>
        Base64Url("""{"alg":"HS256","typ":"JWT"}""") + "." + Base64Url(payloadJson) + "." + signature;

    public static string Basic(string user, string password) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(user + ":" + password));

    /// <summary><paramref name="digits"/> followed by the check digit that makes the number pass Luhn.</summary>
    public static string WithLuhnDigit(string digits)
    {
        var sum = 0;
        var doubled = true;
        for (var i = digits.Length - 1; i >= 0; i--)
        {
            var d = digits[i] - '0';
            if (doubled)
                d = d * 2 > 9 ? d * 2 - 9 : d * 2;
            sum += d;
            doubled = !doubled;
        }
        return digits + (char)('0' + (10 - sum % 10) % 10);
    }

    public static bool PassesLuhn(string number)
    {
        var digits = number.Where(char.IsAsciiDigit).ToArray();
        return WithLuhnDigit(new string(digits[..^1])) == new string(digits);
    }
}
