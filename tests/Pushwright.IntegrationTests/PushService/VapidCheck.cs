namespace Pushwright.IntegrationTests.PushService;

/// <summary>The outcome of a VAPID check.</summary>
internal readonly record struct VapidCheck(VapidClaims? Claims, int StatusCode, string? Message)
{
    public static VapidCheck Valid(VapidClaims claims) => new(claims, 0, null);

    public static VapidCheck Refused(int statusCode, string message) => new(null, statusCode, message);
}
