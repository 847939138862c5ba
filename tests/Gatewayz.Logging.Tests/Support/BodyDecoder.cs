using System.IO.Compression;

namespace Gatewayz.Logging.Tests.Support;

/// <summary>Undoes Content-Encoding (identity or gzip) with a cap on the decoded size.</summary>
static class BodyDecoder
{
    /// <summary>Decodes <paramref name="body"/>; false, with the reason, when the encoding is unknown, broken, or decodes past <paramref name="maxBytes"/>.</summary>
    public static bool TryDecode(byte[] body, string? contentEncoding, int maxBytes, out byte[] decoded, out string? problem)
    {
        decoded = [];
        problem = null;
        var encoding = contentEncoding?.Trim() ?? "";
        if (encoding.Length == 0 || encoding.Equals("identity", StringComparison.OrdinalIgnoreCase))
        {
            decoded = body;
            return true;
        }
        if (!encoding.Equals("gzip", StringComparison.OrdinalIgnoreCase))
        {
            problem = $"unsupported Content-Encoding '{encoding}'";
            return false;
        }

        try
        {
            using var gzip = new GZipStream(new MemoryStream(body, writable: false), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = gzip.Read(chunk, 0, chunk.Length)) > 0)
            {
                if (output.Length + read > maxBytes)
                {
                    problem = $"gzip body decodes to more than {maxBytes} bytes";
                    return false;
                }
                output.Write(chunk, 0, read);
            }
            decoded = output.ToArray();
            return true;
        }
        catch (InvalidDataException e)
        {
            problem = $"bad gzip body: {e.Message}";
            return false;
        }
    }
}
