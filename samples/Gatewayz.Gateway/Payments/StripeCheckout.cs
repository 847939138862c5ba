using Gatewayz.Gateway.Failures;

namespace Gatewayz.Gateway.Payments;

/// <summary>A simulated Stripe checkout that declines the card when asked.</summary>
public sealed class StripeCheckout
{
    public async Task<string> CreateSessionAsync(string userId, decimal amount, FailureMode failures)
    {
        await Task.Delay(5);
        if (failures.HasFlag(FailureMode.Stripe))
            throw new InvalidOperationException("Your card was declined. (card_declined; request req_Qn4aZ8x)");
        return $"cs_test_{Guid.NewGuid():N}";
    }
}

public sealed record CheckoutRequest(string UserId, decimal Amount);
