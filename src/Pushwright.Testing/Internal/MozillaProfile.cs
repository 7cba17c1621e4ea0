// Mozilla autopush's error replies (its error.rs): a JSON object with the status as "code", an
// "errno" (null when autopush has none for the case), the reason phrase as "error", a "message"
// and "more_info"; 410 carries Cache-Control: max-age=86400.
using System.Net.Http;
using System.Net.Http.Headers;

namespace Pushwright.Testing.Internal;

internal sealed class MozillaProfile : PushServiceProfile
{
    private const string MoreInfo = "http://autopush.readthedocs.io/en/latest/http.html#error-codes";

    /// <summary>The largest body a bridged endpoint was reported to take.</summary>
    private const int BridgedMaxBodyLength = 3070;

    private readonly bool _bridged;

    public MozillaProfile(bool bridged = false)
        : base(bridged ? "MozillaBridged" : "Mozilla", new System.Uri("https://updates.push.services.mozilla.com"), bridged ? "/wpush/v1/" : "/wpush/v2/") =>
        _bridged = bridged;

    internal override PushFailure? CheckServiceRules(ReceivedPush received, VapidClaims claims) =>
        _bridged && received.Body.Length > BridgedMaxBodyLength
            ? new PushFailure(FailureKind.PayloadTooLarge, 413, $"The body is {received.Body.Length} bytes; this bridged endpoint takes at most {BridgedMaxBodyLength}")
            : null;

    internal override void WriteError(HttpResponseMessage response, PushFailure failure)
    {
        var status = (int)response.StatusCode;
        var errno = ErrnoOf(failure, status);
        response.Content = JsonBody.Create(json =>
        {
            json.WriteNumber("code", status);
            if (errno is { } value)
            {
                json.WriteNumber("errno", value);
            }
            else
            {
                json.WriteNull("errno");
            }

            json.WriteString("error", ReasonPhrases.Of(status));
            json.WriteString("message", failure.Message);
            json.WriteString("more_info", MoreInfo);
        });
        if (status == 410)
        {
            response.Headers.CacheControl = new CacheControlHeaderValue { MaxAge = System.TimeSpan.FromDays(1) };
        }
    }

    private static int? ErrnoOf(PushFailure failure, int status) => failure.Kind switch
    {
        FailureKind.NotFound => 102,
        FailureKind.Unsubscribed => 106,
        FailureKind.MissingTtl => 111,
        FailureKind.InvalidTtl => 114,
        FailureKind.InvalidTopic => 113,
        FailureKind.InvalidEncryption => 110,
        FailureKind.MissingAuthorization or FailureKind.InvalidAuthorization or FailureKind.KeyMismatch => 109,
        FailureKind.PayloadTooLarge => 104,
        FailureKind.Scripted => status switch
        {
            400 => 110,
            401 or 403 => 109,
            404 => 102,
            410 => 106,
            413 => 104,
            _ => null,
        },
        _ => null,
    };
}
