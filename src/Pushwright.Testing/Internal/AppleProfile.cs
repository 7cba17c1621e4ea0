// Apple's Web Push replies (APNs): an error is {"reason":"<Name>"} with the names APNs documents
// where one fits (BadJwtToken, InvalidProviderToken, Unregistered, PayloadTooLarge, BadTopic,
// BadPriority, BadExpirationDate, TooManyRequests...), and every VAPID problem is a 403.
using System.Net.Http;

namespace Pushwright.Testing.Internal;

internal sealed class AppleProfile : PushServiceProfile
{
    public AppleProfile()
        : base("Apple", new System.Uri("https://web.push.apple.com"), "/")
    {
    }

    /// <summary>Apple refuses a subject it cannot reach, such as a localhost or .local contact, as a bad token.</summary>
    internal override PushFailure? CheckServiceRules(ReceivedPush received, VapidClaims claims)
    {
        var subject = claims.Subject;
        var host = subject.StartsWith("mailto:", System.StringComparison.OrdinalIgnoreCase)
            ? subject.Substring(subject.LastIndexOf('@') + 1)
            : System.Uri.TryCreate(subject, System.UriKind.Absolute, out var uri) ? uri.Host : subject;
        host = host.TrimEnd('.').ToUpperInvariant();
        return host == "LOCALHOST" || host.EndsWith(".LOCALHOST", System.StringComparison.Ordinal) || host.EndsWith(".LOCAL", System.StringComparison.Ordinal)
            ? new PushFailure(FailureKind.InvalidAuthorization, 403, "BadJwtToken: the subject '" + subject + "' is not a contact Apple accepts")
            : null;
    }

    internal override int StatusOf(PushFailure failure) =>
        failure.Kind is FailureKind.MissingAuthorization or FailureKind.InvalidAuthorization or FailureKind.KeyMismatch ? 403 : failure.StatusCode;

    internal override void WriteError(HttpResponseMessage response, PushFailure failure)
    {
        var reason = ReasonOf(failure, (int)response.StatusCode);
        response.Content = JsonBody.Create(json => json.WriteString("reason", reason));
    }

    private static string ReasonOf(PushFailure failure, int status) => failure.Kind switch
    {
        FailureKind.NotFound => "BadDeviceToken",
        FailureKind.Unsubscribed => "Unregistered",
        FailureKind.MethodNotAllowed => "MethodNotAllowed",
        FailureKind.MissingTtl or FailureKind.InvalidTtl => "BadExpirationDate",
        FailureKind.InvalidTopic => "BadTopic",
        FailureKind.InvalidUrgency => "BadPriority",
        FailureKind.InvalidEncryption => "BadPayload",
        FailureKind.MissingAuthorization => "MissingProviderToken",
        FailureKind.InvalidAuthorization => "BadJwtToken",
        FailureKind.KeyMismatch => "InvalidProviderToken",
        FailureKind.PayloadTooLarge => "PayloadTooLarge",
        _ => status switch
        {
            400 => "BadRequest",
            401 or 403 => "BadJwtToken",
            404 => "BadDeviceToken",
            410 => "Unregistered",
            413 => "PayloadTooLarge",
            429 => "TooManyRequests",
            503 => "ServiceUnavailable",
            >= 500 => "InternalServerError",
            _ => ReasonPhrases.Of(status).Replace(" ", string.Empty),
        },
    };
}
