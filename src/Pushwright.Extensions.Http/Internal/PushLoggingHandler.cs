using System;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Pushwright.Sending;

namespace Pushwright.Extensions.Http.Internal;

/// <summary>
/// Logs one line per send (outside the retries) with the push service's host, status and time,
/// in place of HttpClientFactory's default logging, which writes the full request URL (the
/// subscription's capability) and would need its headers redacted: a delivery and a gone
/// subscription at Debug (the gone one is logged at Information by the removal handler), any
/// other final failure as one Warning, never with a stack trace.
/// </summary>
internal sealed class PushLoggingHandler : DelegatingHandler
{
    private readonly ILogger _logger;

    public PushLoggingHandler(ILogger logger) => _logger = logger;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var host = request.RequestUri?.Host ?? "(none)";
        var started = Stopwatch.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var elapsed = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            if (response.IsSuccessStatusCode || response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.Gone)
            {
                Log.PushAnswered(_logger, host, (int)response.StatusCode, elapsed);
            }
            else
            {
                Log.PushRefused(_logger, host, (int)response.StatusCode, elapsed);
            }

            return response;
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            if (EndpointRefusedException.Find(ex) is { } refused)
            {
                // Its message names the host and the refused addresses, never the endpoint's path.
                Log.PushRefusedByAddressPolicy(_logger, host, refused.Message);
            }
            else
            {
                // The type only: some transport messages quote the request URL.
                Log.PushFailed(_logger, host, Stopwatch.GetElapsedTime(started).TotalMilliseconds, ex.GetType().Name);
            }

            throw;
        }
    }
}
