// The Polly v8 pipeline of AddWebPush(), outermost first:
//   total timeout  ->  retry  ->  attempt timeout  ->  the network
// Retried: 408, 5xx, HttpRequestException, a timed-out attempt, 429 and 406 (Microsoft's
// throttling reply). A reply's Retry-After is waited for exactly when it is at most
// MaxRetryAfter; a longer one ends the retries and the reply goes back to the caller.
// Never retried: 400, 401, 403, 404, 410, 413 and every other 4xx (README.md, "Replies"), and a
// host the address policy refused.
using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Polly;
using Polly.Retry;
using Polly.Timeout;
using Pushwright.Internal;
using Pushwright.Sending;

namespace Pushwright.Extensions.Http.Internal;

internal static class WebPushResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, WebPushResilienceOptions options, TimeProvider timeProvider, ILogger logger)
    {
        // Polly's own telemetry logs every attempt at Warning and every failure with its stack
        // trace; an expected push failure is not worth that. The package logs instead: each retry
        // once at Debug (OnRetry below), and each send's final failure once (PushLoggingHandler).
        pipeline.ConfigureTelemetry(NullLoggerFactory.Instance);
        if (!options.Enabled)
        {
            return;
        }

        pipeline.AddTimeout(new TimeoutStrategyOptions { Name = "Pushwright.TotalTimeout", Timeout = options.TotalTimeout });
        if (options.MaxRetryAttempts > 0)
        {
            pipeline.AddRetry(new RetryStrategyOptions<HttpResponseMessage>
            {
                Name = "Pushwright.Retry",
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = options.UseJitter,
                Delay = options.BaseDelay,
                MaxDelay = options.MaxDelay,
                ShouldHandle = args => new ValueTask<bool>(ShouldRetry(args.Outcome, options, timeProvider, Elapsed(args.Context, timeProvider))),
                DelayGenerator = args => new ValueTask<TimeSpan?>(RetryAfter(args.Outcome.Result, timeProvider)),
                OnRetry = args =>
                {
                    RetryTelemetry.Record(logger, args.Context.GetRequestMessage()?.RequestUri?.Host, args.AttemptNumber + 1, Describe(args.Outcome), args.RetryDelay);
                    return default;
                },
            });
        }

        pipeline.AddTimeout(new TimeoutStrategyOptions { Name = "Pushwright.AttemptTimeout", Timeout = options.AttemptTimeout });
    }

    private static readonly ResiliencePropertyKey<long> s_firstOutcome = new("Pushwright.FirstOutcomeTimestamp");

    /// <summary>Decides one retry. <paramref name="elapsed"/> is the time the send has used so far.</summary>
    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, WebPushResilienceOptions options, TimeProvider timeProvider, TimeSpan elapsed = default)
    {
        if (outcome.Exception is not null)
        {
            // The address policy's refusal would be refused again: it is not a transient fault.
            return outcome.Exception is HttpRequestException or TimeoutRejectedException or System.IO.IOException
                && EndpointRefusedException.Find(outcome.Exception) is null;
        }

        var response = outcome.Result!;
        var status = (int)response.StatusCode;
        if (status != (int)HttpStatusCode.RequestTimeout && status is not (429 or 406) && status < 500)
        {
            return false;
        }

        // Honour the service's wait when it is short enough and fits the send's remaining time;
        // otherwise (on any status, a 503 included) do not sleep into the total timeout: the
        // caller gets the reply, RateLimited or ServerError with its RetryAfter, now.
        var wait = RetryAfter(response, timeProvider);
        return wait is null || (wait <= options.MaxRetryAfter && elapsed + wait < options.TotalTimeout);
    }

    /// <summary>The time since this send's first outcome, kept in the resilience context.</summary>
    private static TimeSpan Elapsed(ResilienceContext context, TimeProvider timeProvider)
    {
        if (!context.Properties.TryGetValue(s_firstOutcome, out var started))
        {
            started = timeProvider.GetTimestamp();
            context.Properties.Set(s_firstOutcome, started);
        }

        return timeProvider.GetElapsedTime(started);
    }

    /// <summary>The status or the exception type of an attempt: never an exception message, which may quote the URL.</summary>
    private static string Describe(Outcome<HttpResponseMessage> outcome) =>
        outcome.Exception is { } exception
            ? exception.GetType().Name
            : ((int)outcome.Result!.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture);

    internal static TimeSpan? RetryAfter(HttpResponseMessage? response, TimeProvider timeProvider) =>
        RetryAfterHeader.Read(response, timeProvider);
}
