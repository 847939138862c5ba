using Sentry;

namespace Gatewayz.Logging.Sinks;

/// <summary>
/// Sentry event ids for the events the library makes: random (version 4) UUIDs, as the SDK's own, from
/// the runtime's shared generator. The SDK takes each id from the operating system's secure source,
/// which costs a system call on Linux; an event id is not a secret, only unique, and 122 random bits
/// from a generator seeded per thread by the operating system are.
/// </summary>
static class EventIds
{
    public static SentryId Next()
    {
        Span<byte> bytes = stackalloc byte[16];
        Random.Shared.NextBytes(bytes);
        // Guid's byte order: the version is the high nibble of byte 7, the variant the high bits of byte 8.
        bytes[7] = (byte)((bytes[7] & 0x0F) | 0x40);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new SentryId(new Guid(bytes));
    }
}
