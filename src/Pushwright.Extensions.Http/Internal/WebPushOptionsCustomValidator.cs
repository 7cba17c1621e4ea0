using Microsoft.Extensions.Options;

namespace Pushwright.Extensions.Http.Internal;

/// <summary>
/// The rules DataAnnotations cannot say, checked with the same code the library's constructors
/// use (so every limit and message is written once): the client settings, the keys decode and
/// belong together, the subject is a mailto: or https: contact, the token lifetime, and the
/// timeouts are consistent. Nothing here throws, and no message quotes a private key.
/// </summary>
internal sealed class WebPushOptionsCustomValidator : IValidateOptions<WebPushOptions>
{
    public ValidateOptionsResult Validate(string? name, WebPushOptions options)
    {
        var result = new ValidateOptionsResultBuilder();
        options.Validate((property, message) => result.AddError(message, property));
        if (!string.IsNullOrEmpty(options.PublicKey) && !string.IsNullOrEmpty(options.PrivateKey)
            && !VapidKeys.TryFromBase64Url(options.PublicKey, options.PrivateKey, out _, out var keyProblem))
        {
            result.AddError(keyProblem.Message, keyProblem.ParamName == "privateKey" ? nameof(options.PrivateKey) : nameof(options.PublicKey));
        }

        if (!string.IsNullOrEmpty(options.Subject) && !VapidSubject.TryValidate(options.Subject, nameof(options.Subject), out _, out var subjectProblem))
        {
            result.AddError(subjectProblem.Message, nameof(options.Subject));
        }

        if (!VapidDetails.TryCheckTokenLifetime(options.TokenLifetime, nameof(options.TokenLifetime), out var lifetimeProblem))
        {
            result.AddError(lifetimeProblem.Message, nameof(options.TokenLifetime));
        }

        var resilience = options.Resilience;
        if (resilience is not null)
        {
            if (resilience.MaxDelay < resilience.BaseDelay)
            {
                result.AddError($"MaxDelay must be at least BaseDelay; got MaxDelay {resilience.MaxDelay} and BaseDelay {resilience.BaseDelay}.", "Resilience:MaxDelay");
            }

            if (resilience.MaxRetryAfter >= resilience.TotalTimeout)
            {
                result.AddError($"MaxRetryAfter must be shorter than TotalTimeout, or an honoured Retry-After would end in a timeout; got MaxRetryAfter {resilience.MaxRetryAfter} and TotalTimeout {resilience.TotalTimeout}.", "Resilience:MaxRetryAfter");
            }

            if (resilience.TotalTimeout < resilience.AttemptTimeout)
            {
                result.AddError($"TotalTimeout must be at least AttemptTimeout; got TotalTimeout {resilience.TotalTimeout} and AttemptTimeout {resilience.AttemptTimeout}.", "Resilience:TotalTimeout");
            }
        }

        return result.Build();
    }
}
