// Mozilla autopush's error replies (its error.rs): a JSON object with the status as "code", an
// "errno" (null when autopush has none for the case), the reason phrase as "error", a "message"
// and "more_info"; 410 carries Cache-Control: max-age=86400.
using System.Net.Http;
using System.Net.Http.Headers;

namespace Pushwright.Testing.Internal;

internal sealed class MozillaProfile : PushServiceProfile
{
    private const string MoreInfo = "http://autopush.readthedocs.io/en/latest/http.html#error-codes";

    public MozillaProfile()
        : base("Mozilla", new System.Uri("https://updates.push.services.mozilla.com"), "/wpush/v2/")
    {
    }

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
