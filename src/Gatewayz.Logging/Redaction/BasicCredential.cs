namespace Gatewayz.Logging.Redaction;

/// <summary>
/// Tells the credential of HTTP basic authentication, base64 of <c>user:password</c>, from a word that
/// follows "basic" in prose ("basic plan"), by decoding it — without allocating — and looking for the colon.
/// Such a credential is never shown in part: its first characters would give away the user and the start
/// of the password.
/// </summary>
static class BasicCredential
{
    /// <summary>Padded base64 that decodes to text containing <c>:</c>.</summary>
    public static bool IsLikely(ReadOnlySpan<char> credential)
    {
        if (credential.Length < 4 || credential.Length % 4 != 0)
            return false;
        for (var i = 0; i < credential.Length; i += 4)
        {
            var a = Sextet(credential[i]);
            var b = Sextet(credential[i + 1]);
            var c = Sextet(credential[i + 2]);
            var d = Sextet(credential[i + 3]);
            if (a < 0 || b < 0)
                return false;
            if (((a << 2) | (b >> 4)) == ':')
                return true;
            if (c >= 0 && ((((b & 0xF) << 4) | (c >> 2)) == ':'))
                return true;
            if (c >= 0 && d >= 0 && ((((c & 0x3) << 6) | d) == ':'))
                return true;
        }
        return false;
    }

    static int Sextet(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '+' => 62,
        '/' => 63,
        _ => -1,
    };
}
