using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Polly;

namespace Pushwright.Extensions.Http.Internal;

/// <summary>
/// Turns Polly's rejections (a timed-out attempt or send) into <see cref="TimeoutException"/> and
/// <see cref="HttpRequestException"/>, which <see cref="WebPushClient"/> reports as
/// <see cref="PushOutcome.NetworkError"/>; the core library does not know Polly.
/// </summary>
internal sealed class TimeoutTranslationHandler : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }
        catch (Polly.Timeout.TimeoutRejectedException ex)
        {
            throw new TimeoutException("The push service did not answer in time: " + ex.Message, ex);
        }
        catch (ExecutionRejectedException ex)
        {
            throw new HttpRequestException("The request was rejected by the resilience pipeline: " + ex.Message, ex);
        }
    }
}
