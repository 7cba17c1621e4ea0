using System;
using System.Collections.Generic;
using Microsoft.Extensions.Options;

namespace Pushwright.Extensions.Http.Internal;

/// <summary>
/// The rules DataAnnotations cannot say: the keys decode and belong together, the subject is a
/// mailto: or https: contact, and the timeouts are consistent. Messages never quote a private key.
/// </summary>
internal sealed class WebPushOptionsCustomValidator : IValidateOptions<WebPushOptions>
{
    public ValidateOptionsResult Validate(string? name, WebPushOptions options)
    {
        var failures = new List<string>();
        VapidKeys? keys = null;
        if (!string.IsNullOrEmpty(options.PublicKey) && !string.IsNullOrEmpty(options.PrivateKey))
        {
            try
            {
                keys = VapidKeys.FromBase64Url(options.PublicKey, options.PrivateKey);
            }
            catch (ArgumentException ex)
            {
                failures.Add($"WebPush:{Property(ex.ParamName)}: {ex.Message}");
            }
        }

        if (!string.IsNullOrEmpty(options.Subject))
        {
            try
            {
                _ = new VapidDetails(options.Subject, keys ?? VapidKeys.Generate());
            }
            catch (ArgumentException ex)
            {
                failures.Add("WebPush:Subject: " + ex.Message);
            }
        }

        var resilience = options.Resilience;
        if (resilience is not null)
        {
            if (resilience.MaxDelay < resilience.BaseDelay)
            {
                failures.Add($"WebPush:Resilience:MaxDelay must be at least BaseDelay; got MaxDelay {resilience.MaxDelay} and BaseDelay {resilience.BaseDelay}.");
            }

            if (resilience.MaxRetryAfter >= resilience.TotalTimeout)
            {
                failures.Add($"WebPush:Resilience:MaxRetryAfter must be shorter than TotalTimeout, or an honoured Retry-After would end in a timeout; got MaxRetryAfter {resilience.MaxRetryAfter} and TotalTimeout {resilience.TotalTimeout}.");
            }

            if (resilience.TotalTimeout < resilience.AttemptTimeout)
            {
                failures.Add($"WebPush:Resilience:TotalTimeout must be at least AttemptTimeout; got TotalTimeout {resilience.TotalTimeout} and AttemptTimeout {resilience.AttemptTimeout}.");
            }
        }

        foreach (var host in options.AllowedHosts ?? [])
        {
            if (string.IsNullOrWhiteSpace(host) || host.Contains('/', StringComparison.Ordinal) || host.Contains(':', StringComparison.Ordinal))
            {
                failures.Add($"WebPush:AllowedHosts must hold host names such as 'fcm.googleapis.com' or '*.push.apple.com'; got '{host}'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Property(string? paramName) => paramName == "privateKey" ? "PrivateKey" : "PublicKey";
}
