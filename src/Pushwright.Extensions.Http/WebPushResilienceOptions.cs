using System;
using System.ComponentModel.DataAnnotations;

namespace Pushwright;

/// <summary>
/// Retries and timeouts of <c>AddWebPush()</c> (Polly v8). 429 and Microsoft's 406 are retried after
/// their <c>Retry-After</c> (seconds or an HTTP date) when it is at most <see cref="MaxRetryAfter"/>;
/// 408, 5xx and transient network faults are retried with exponential backoff and jitter; no other
/// 4xx is ever retried. A retry resends the same encrypted bytes.
/// </summary>
public sealed class WebPushResilienceOptions
{
    /// <summary>Gets or sets a value indicating whether retries and timeouts are added at all.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>Gets or sets how many times a failed request is retried.</summary>
    /// <value>The default value is 3.</value>
    [Range(0, 10)]
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>Gets or sets the delay before the first retry; later ones double it.</summary>
    /// <value>The default value is 1 second.</value>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00")]
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Gets or sets the longest backoff delay.</summary>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets a value indicating whether backoff delays are randomised, so many senders do not retry in step.</summary>
    /// <value>The default value is <see langword="true"/>.</value>
    public bool UseJitter { get; set; } = true;

    /// <summary>
    /// Gets or sets the longest <c>Retry-After</c> honoured by waiting. A push service asking for a
    /// longer wait gets no retry: the result is <see cref="PushOutcome.RateLimited"/> with
    /// <see cref="PushResult.RetryAfter"/> set, and the caller decides.
    /// </summary>
    /// <remarks>It must be shorter than <see cref="TotalTimeout"/>, and a wait is honoured only while it fits the send's remaining time.</remarks>
    /// <value>The default value is 30 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00")]
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Gets or sets the timeout of one attempt.</summary>
    /// <remarks>
    /// A timed-out attempt is retried, and the push service may already have accepted the first
    /// one, so a too-short timeout turns slow replies into duplicate notifications. Keep it well
    /// above the push service's normal latency.
    /// </remarks>
    /// <value>The default value is 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "00:10:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Gets or sets the timeout of a send with all its retries.</summary>
    /// <value>The default value is 60 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "01:00:00")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(60);
}
