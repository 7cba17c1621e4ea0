using System;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Timeout;
using Pushwright.Extensions.Http.Internal;
using Xunit;

namespace Pushwright.Extensions.Http.Tests.Resilience;

/// <summary>The retry rules in isolation; the full pipeline is tested against a real server in Pushwright.IntegrationTests.</summary>
public sealed class WebPushResilienceTests
{
    private static readonly FakeTimeProvider s_time = new(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));

    [Theory]
    [InlineData(500, true)]
    [InlineData(502, true)]
    [InlineData(503, true)]
    [InlineData(408, true)]
    [InlineData(429, true)]
    [InlineData(406, true)]
    [InlineData(400, false)]
    [InlineData(401, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(410, false)]
    [InlineData(413, false)]
    [InlineData(201, false)]
    public void ShouldRetry_Status_FollowsTheReplyTable(int status, bool expected)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);

        WebPushResilience.ShouldRetry(Outcome.FromResult(response), new WebPushResilienceOptions(), s_time).Should().Be(expected);
    }

    [Fact]
    public void ShouldRetry_TransientFaults_AreRetried()
    {
        var options = new WebPushResilienceOptions();

        WebPushResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new HttpRequestException("reset")), options, s_time).Should().BeTrue();
        WebPushResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new TimeoutRejectedException()), options, s_time).Should().BeTrue();
        WebPushResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(new InvalidOperationException()), options, s_time).Should().BeFalse();
    }

    [Fact]
    public async Task ShouldRetry_AddressPolicyRefusal_IsNotRetried()
    {
        // The refusal as the real handler raises it: an HttpRequestException, which a transient fault also is.
        using var http = new HttpClient(WebPushClient.CreateHttpHandler());
        var refusal = await Record.ExceptionAsync(() => http.GetAsync(new Uri("https://127.0.0.1:9/push/x")));

        refusal.Should().BeOfType<HttpRequestException>();
        WebPushResilience.ShouldRetry(Outcome.FromException<HttpResponseMessage>(refusal!), new WebPushResilienceOptions(), s_time).Should().BeFalse();
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(60, true)]
    [InlineData(61, false)]
    [InlineData(3600, false)]
    public void ShouldRetry_RetryAfterSeconds_OnlyUpToTheCap(int seconds, bool expected)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));

        WebPushResilience.ShouldRetry(Outcome.FromResult(response), new WebPushResilienceOptions { MaxRetryAfter = TimeSpan.FromSeconds(60), TotalTimeout = TimeSpan.FromMinutes(2) }, s_time).Should().Be(expected);
    }

    [Theory]
    [InlineData(503, 30, true)]
    [InlineData(503, 120, false)]
    [InlineData(500, 61, false)]
    public void ShouldRetry_ServerErrorWithRetryAfter_OnlyUpToTheCap(int status, int seconds, bool expected)
    {
        using var response = new HttpResponseMessage((HttpStatusCode)status);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(seconds));

        WebPushResilience.ShouldRetry(Outcome.FromResult(response), new WebPushResilienceOptions { MaxRetryAfter = TimeSpan.FromSeconds(60), TotalTimeout = TimeSpan.FromMinutes(2) }, s_time).Should().Be(expected);
    }

    [Theory]
    [InlineData(30, true)]
    [InlineData(120, false)]
    public void ShouldRetry_RetryAfterDate_OnlyUpToTheCap(int secondsAhead, bool expected)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(s_time.GetUtcNow().AddSeconds(secondsAhead));

        WebPushResilience.ShouldRetry(Outcome.FromResult(response), new WebPushResilienceOptions { MaxRetryAfter = TimeSpan.FromSeconds(60), TotalTimeout = TimeSpan.FromMinutes(2) }, s_time).Should().Be(expected);
        WebPushResilience.RetryAfter(response, s_time).Should().Be(TimeSpan.FromSeconds(secondsAhead));
    }

    [Fact]
    public void RetryAfter_None_LeavesBackoffToPolly()
    {
        using var response = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        WebPushResilience.RetryAfter(response, s_time).Should().BeNull();
    }

    [Theory]
    [InlineData(0, 20, true)]
    [InlineData(30, 20, true)]
    [InlineData(45, 20, false)]
    public void ShouldRetry_RetryAfterBeyondRemainingTime_IsNotWaitedFor(int elapsedSeconds, int retryAfterSeconds, bool expected)
    {
        using var response = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        response.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(retryAfterSeconds));
        var options = new WebPushResilienceOptions { MaxRetryAfter = TimeSpan.FromSeconds(30), TotalTimeout = TimeSpan.FromSeconds(60) };

        WebPushResilience.ShouldRetry(Outcome.FromResult(response), options, s_time, TimeSpan.FromSeconds(elapsedSeconds)).Should().Be(expected);
    }
}
