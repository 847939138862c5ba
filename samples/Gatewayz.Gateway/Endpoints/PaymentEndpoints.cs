using Gatewayz.Gateway.Auth;
using Gatewayz.Gateway.Failures;
using Gatewayz.Gateway.Payments;
using Gatewayz.Logging;

namespace Gatewayz.Gateway.Endpoints;

/// <summary><c>POST /payments/checkout</c>: a Stripe checkout; a declined payment is captured with the payment context.</summary>
public static class PaymentEndpoints
{
    public static void MapPayments(this WebApplication app) => app.MapPost("/payments/checkout", CheckoutAsync);

    static async Task<IResult> CheckoutAsync(CheckoutRequest request, HttpContext http, ApiKeys keys, StripeCheckout stripe, ILogger<StripeCheckout> logger)
    {
        if (keys.Authenticate(http.Request) is null)
            return Results.Json(new { error = "invalid_api_key" }, statusCode: StatusCodes.Status401Unauthorized);
        try
        {
            var session = await stripe.CreateSessionAsync(request.UserId, request.Amount, FailureHeader.Read(http.Request));
            return Results.Ok(new { session });
        }
        catch (InvalidOperationException ex)
        {
            var eventId = logger.CapturePaymentError(ex, "checkout", userId: request.UserId, amount: request.Amount, details: new { currency = "usd" });
            return Results.Json(new { error = "payment_failed", event_id = eventId.ToString() }, statusCode: StatusCodes.Status402PaymentRequired);
        }
    }
}
