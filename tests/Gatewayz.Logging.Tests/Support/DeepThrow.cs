using System.Runtime.CompilerServices;

namespace Gatewayz.Logging.Tests.Support;

/// <summary>
/// An exception thrown from 16 distinct frames, as from deep inside a service. (Recursion would not
/// do: the SDK folds recursive frames, generic ones included, into one.)
/// </summary>
public static class DeepThrow
{
    public static Exception From(string message) =>
        Throw.Caught(() =>
        {
            Level01(message);
            return new InvalidOperationException("unreachable");
        });

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Level01(string message) => Level02(message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Level02(string message) => Level03(message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Level03(string message) => Level04(message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Level04(string message) => Level05(message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Level05(string message) => Level06(message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Level06(string message) => Level07(message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Level07(string message) => Level08(message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Level08(string message) => Level09(message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Level09(string message) => Level10(message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Level10(string message) => Level11(message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Level11(string message) => Level12(message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Level12(string message) => Level13(message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Level13(string message) => Level14(message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Level14(string message) => Level15(message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Level15(string message) => Level16(message);

    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Level16(string message) => throw new InvalidOperationException(message);

}
