namespace Gatewayz.Logging.Tests.Support;

public static class Throw
{
    /// <summary>An exception that was really thrown, with a stack trace.</summary>
    public static Exception Caught(Func<Exception> create)
    {
        try
        {
            throw create();
        }
        catch (Exception ex)
        {
            return ex;
        }
    }
}
