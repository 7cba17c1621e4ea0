using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.Cli.Sending;

/// <summary>
/// <c>--verbose</c>: one line per attempt as it leaves and one as its reply comes back, inside the
/// retries so each attempt shows. It names the push service by host only and shows header names
/// and the delivery headers' values, never the endpoint's path, the VAPID token or the keys.
/// </summary>
internal sealed class VerboseHandler : DelegatingHandler
{
    // Shown with their values: what a push service acts on. Every other header shows by name only.
    private static readonly string[] s_deliveryHeaders = ["TTL", "Urgency", "Topic"];

    private readonly StatusConsole _console;
    private readonly TimeProvider _timeProvider;
    private int _attempts;

    public VerboseHandler(StatusConsole console, TimeProvider timeProvider)
    {
        _console = console;
        _timeProvider = timeProvider;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var attempt = Interlocked.Increment(ref _attempts);
        var host = request.RequestUri?.Host ?? "(none)";
        _console.WriteLine($"webpush: #{attempt} -> {request.Method} {host} (HTTP/{request.Version}): {DescribeRequest(request)}");
        var started = _timeProvider.GetTimestamp();
        try
        {
            var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
            var elapsed = _timeProvider.GetElapsedTime(started).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
            _console.WriteLine($"webpush: #{attempt} <- {(int)response.StatusCode} {response.ReasonPhrase} from {host} in {elapsed} ms (HTTP/{response.Version}){DescribeResponse(response)}");
            return response;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            var elapsed = _timeProvider.GetElapsedTime(started).TotalMilliseconds.ToString("0", CultureInfo.InvariantCulture);
            _console.WriteLine($"webpush: #{attempt} <- no reply from {host} after {elapsed} ms: {ex.GetType().Name}");
            throw;
        }
    }

    private static string DescribeRequest(HttpRequestMessage request)
    {
        var parts = new List<string>();
        foreach (var name in s_deliveryHeaders)
        {
            if (request.Headers.TryGetValues(name, out var values))
            {
                parts.Add($"{name} {string.Join(',', values)}");
            }
        }

        if (request.Content is { } content)
        {
            var encoding = content.Headers.ContentEncoding.FirstOrDefault() ?? "no encoding";
            parts.Add($"{content.Headers.ContentLength ?? 0} bytes {encoding}");
        }
        else
        {
            parts.Add("no body");
        }

        var names = request.Headers.Select(h => h.Key).Concat(request.Content?.Headers.Select(h => h.Key) ?? [])
            .Where(n => !s_deliveryHeaders.Contains(n, StringComparer.OrdinalIgnoreCase))
            .Order(StringComparer.OrdinalIgnoreCase);
        parts.Add("headers " + string.Join(", ", names));
        return string.Join("; ", parts);
    }

    private static string DescribeResponse(HttpResponseMessage response)
    {
        var parts = new List<string>();
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            parts.Add($"Retry-After {(retryAfter.Delta is { } delta ? ((long)delta.TotalSeconds).ToString(CultureInfo.InvariantCulture) : retryAfter.Date?.ToString("r", CultureInfo.InvariantCulture))}");
        }

        if (response.Headers.TryGetValues("TTL", out var ttl))
        {
            parts.Add("TTL " + string.Join(',', ttl));
        }

        return parts.Count == 0 ? string.Empty : "; " + string.Join("; ", parts);
    }
}
