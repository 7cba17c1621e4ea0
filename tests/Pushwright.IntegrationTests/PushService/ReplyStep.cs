using System;
using System.Globalization;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;

namespace Pushwright.IntegrationTests.PushService;

/// <summary>
/// One scripted reply of the <see cref="LoopbackPushService"/> to a valid request: the replies real
/// push services give (Mozilla autopush's errno JSON, Apple's reason JSON, Google's HTML pages,
/// Microsoft's 406 throttling), a slow reply, or a dropped connection.
/// </summary>
public sealed class ReplyStep
{
    private readonly Func<ReplyContext, Task> _write;

    private ReplyStep(string description, Func<ReplyContext, Task> write, TimeSpan delay = default, bool drop = false)
    {
        Description = description;
        _write = write;
        Delay = delay;
        Drops = drop;
    }

    /// <summary>Gets what the step replies, for test output.</summary>
    public string Description { get; }

    /// <summary>Gets how long the service waits before replying (the wait ends early when the client gives up).</summary>
    public TimeSpan Delay { get; }

    /// <summary>Gets a value indicating whether the connection is aborted instead of answered.</summary>
    public bool Drops { get; }

    /// <summary>201 Created with <c>Location: /m/&lt;guid&gt;</c> and a <c>TTL</c> echo (capped at <paramref name="maxTtlSeconds"/> when given).</summary>
    public static ReplyStep Created(long? maxTtlSeconds = null) => new(
        maxTtlSeconds is null ? "201 Created" : $"201 Created (TTL capped at {maxTtlSeconds})",
        context =>
        {
            var response = context.Http.Response;
            response.StatusCode = StatusCodes.Status201Created;
            response.Headers.Location = "/m/" + Guid.NewGuid().ToString("N");
            if (context.RequestedTtl is { } ttl)
            {
                var granted = maxTtlSeconds is { } max ? Math.Min(ttl, max) : ttl;
                response.Headers["TTL"] = granted.ToString(CultureInfo.InvariantCulture);
            }

            return Task.CompletedTask;
        });

    /// <summary>202 Accepted without a Location (as some services answer).</summary>
    public static ReplyStep Accepted() => Status(StatusCodes.Status202Accepted);

    /// <summary>Any status, with an optional body and extra headers.</summary>
    public static ReplyStep Status(int statusCode, string? body = null, string contentType = "text/plain; charset=utf-8", params (string Name, string Value)[] headers) => new(
        $"{statusCode}{(body is null ? string.Empty : " with a body")}",
        async context =>
        {
            var response = context.Http.Response;
            response.StatusCode = statusCode;
            foreach (var (name, value) in headers)
            {
                response.Headers[name] = value;
            }

            if (body is not null)
            {
                response.ContentType = contentType;
                await response.WriteAsync(body, context.Http.RequestAborted).ConfigureAwait(false);
            }
        });

    /// <summary>A refusal with Mozilla autopush's JSON body: <c>{"code":..,"errno":..,"error":..,"message":..,"more_info":..}</c>.</summary>
    public static ReplyStep Errno(int statusCode, int errno, string message, params (string Name, string Value)[] headers) =>
        Status(statusCode, MozillaErrorBody(statusCode, errno, message), "application/json", headers);

    /// <summary>400 with Mozilla errno 110 (invalid crypto headers) unless told otherwise.</summary>
    public static ReplyStep BadRequest(int errno = 110, string message = "Invalid crypto headers") => Errno(StatusCodes.Status400BadRequest, errno, message);

    /// <summary>401 with Mozilla errno 109.</summary>
    public static ReplyStep Unauthorized(string message = "Invalid authentication") => Errno(StatusCodes.Status401Unauthorized, 109, message);

    /// <summary>403 with Mozilla errno 109.</summary>
    public static ReplyStep Forbidden(string message = "VAPID public key mismatch") => Errno(StatusCodes.Status403Forbidden, 109, message);

    /// <summary>403 the way Apple answers: <c>{"reason":"BadJwtToken"}</c>.</summary>
    public static ReplyStep AppleBadJwtToken() => Status(StatusCodes.Status403Forbidden, "{\"reason\":\"BadJwtToken\"}", "application/json");

    /// <summary>404 with Mozilla errno 102 (invalid token).</summary>
    public static ReplyStep NotFound() => Errno(StatusCodes.Status404NotFound, 102, "Request did not validate invalid token");

    /// <summary>410 with Mozilla errno 106 (subscription expired or unsubscribed).</summary>
    public static ReplyStep Gone() => Errno(StatusCodes.Status410Gone, 106, "Request did not validate subscription is no longer valid");

    /// <summary>413 with Mozilla errno 104.</summary>
    public static ReplyStep PayloadTooLarge() => Errno(StatusCodes.Status413PayloadTooLarge, 104, "This message is intended for a constrained device and is limited in size.");

    /// <summary>429 with <c>Retry-After</c> in whole seconds.</summary>
    public static ReplyStep TooManyRequests(TimeSpan retryAfter) => Errno(
        StatusCodes.Status429TooManyRequests,
        201,
        "Too many requests",
        ("Retry-After", ((long)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture)));

    /// <summary>429 with <c>Retry-After</c> as an HTTP date <paramref name="retryAfter"/> from now (rounded up to the next whole second).</summary>
    public static ReplyStep TooManyRequestsUntil(TimeSpan retryAfter) => new(
        $"429 Too Many Requests, Retry-After as a date {retryAfter} ahead",
        async context =>
        {
            var now = context.TimeProvider.GetUtcNow();
            var ticksToNextSecond = (TimeSpan.TicksPerSecond - (now.Ticks % TimeSpan.TicksPerSecond)) % TimeSpan.TicksPerSecond;
            var until = now.AddTicks(ticksToNextSecond).Add(retryAfter);
            var response = context.Http.Response;
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = until.ToString("r", CultureInfo.InvariantCulture);
            response.ContentType = "application/json";
            await response.WriteAsync(MozillaErrorBody(429, 201, "Too many requests"), context.Http.RequestAborted).ConfigureAwait(false);
        });

    /// <summary>406 Not Acceptable, Microsoft WNS's throttling reply.</summary>
    public static ReplyStep WnsThrottled() =>
        Status(StatusCodes.Status406NotAcceptable, null, "text/plain", ("X-WNS-Status", "dropped"), ("X-WNS-Error-Description", "Throttle limit exceeded"));

    /// <summary>500 with a plain-text body.</summary>
    public static ReplyStep InternalServerError() => Status(StatusCodes.Status500InternalServerError, "Internal Server Error");

    /// <summary>503, with <c>Retry-After</c> in seconds when given.</summary>
    public static ReplyStep ServiceUnavailable(TimeSpan? retryAfter = null) => retryAfter is { } wait
        ? Errno(StatusCodes.Status503ServiceUnavailable, 202, "Service unavailable", ("Retry-After", ((long)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture)))
        : Errno(StatusCodes.Status503ServiceUnavailable, 202, "Service unavailable");

    /// <summary>502 with an HTML error page like Google's front ends send.</summary>
    public static ReplyStep BadGatewayHtml() => Status(
        StatusCodes.Status502BadGateway,
        "<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <title>Error 502 (Server Error)!!1</title>\n  <style>\n    *{margin:0;padding:0}\n  </style>\n"
        + "  <p><b>502.</b> <ins>That\u2019s an error.</ins>\n  <p>The server encountered a temporary error and could not complete your request.<p>Please try again in 30 seconds.  <ins>That\u2019s all we know.</ins>\n</html>\n",
        "text/html; charset=UTF-8");

    /// <summary>Waits <paramref name="delay"/> (less if the client gives up), then replies with <paramref name="then"/> (201 by default).</summary>
    public static ReplyStep Slow(TimeSpan delay, ReplyStep? then = null)
    {
        var next = then ?? Created();
        return new ReplyStep($"after {delay.TotalMilliseconds} ms: {next.Description}", next._write, next.Delay + delay, next.Drops);
    }

    /// <summary>Aborts the connection (HTTP/1.1) or resets the stream (HTTP/2) without any reply.</summary>
    public static ReplyStep Drop() => new("dropped connection", _ => Task.CompletedTask, drop: true);

    /// <inheritdoc/>
    public override string ToString() => Description;

    internal static string MozillaErrorBody(int statusCode, int errno, string message) => JsonSerializer.Serialize(new
    {
        code = statusCode,
        errno,
        error = ReasonPhrases.GetReasonPhrase(statusCode),
        message,
        more_info = "http://autopush.readthedocs.io/en/latest/http.html#error-codes",
    });

    internal async Task WriteAsync(HttpContext http, long? requestedTtl, TimeProvider timeProvider)
    {
        await _write(new ReplyContext(http, requestedTtl, timeProvider)).ConfigureAwait(false);
    }

    private sealed record ReplyContext(HttpContext Http, long? RequestedTtl, TimeProvider TimeProvider);

    internal static async Task<bool> WaitAsync(TimeSpan delay, CancellationToken aborted)
    {
        if (delay <= TimeSpan.Zero)
        {
            return true;
        }

        try
        {
            await Task.Delay(delay, aborted).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
