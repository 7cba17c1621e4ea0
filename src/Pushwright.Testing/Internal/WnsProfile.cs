// Microsoft's WNS (Edge on Windows): a refusal is explained in X-WNS-ERROR-DESCRIPTION and
// X-WNS-STATUS headers with an empty body; throttling is 406 rather than 429; and TTL: 0 without
// X-WNS-Cache-Policy: no-cache is refused with 400 "Ttl value conflicts with X-WNS-Cache-Policy".
using System;
using System.Net.Http;

namespace Pushwright.Testing.Internal;

internal sealed class WnsProfile : PushServiceProfile
{
    public WnsProfile()
        : base("WNS", new Uri("https://wns2-by3p.notify.windows.com"), "/w/?token=")
    {
    }

    internal override PushFailure? CheckServiceRules(ReceivedPush received, VapidClaims claims) =>
        received.Header("TTL") == "0" && !string.Equals(received.Header("X-WNS-Cache-Policy"), "no-cache", StringComparison.OrdinalIgnoreCase)
            ? new PushFailure(FailureKind.ServiceRule, 400, "Ttl value conflicts with X-WNS-Cache-Policy")
            : null;

    internal override int StatusOf(PushFailure failure) => failure.StatusCode == 429 ? 406 : failure.StatusCode;

    internal override void WriteError(HttpResponseMessage response, PushFailure failure)
    {
        response.Headers.TryAddWithoutValidation("X-WNS-ERROR-DESCRIPTION", failure.Message);
        response.Headers.TryAddWithoutValidation("X-WNS-STATUS", (int)response.StatusCode == 406 ? "channelthrottled" : "dropped");
        response.Content = new ByteArrayContent([]);
    }
}
