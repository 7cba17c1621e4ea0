using Microsoft.Extensions.Options;

namespace Pushwright.Extensions.Http.Internal;

/// <summary>The DataAnnotations rules of <see cref="WebPushOptions"/>, generated at compile time (no reflection).</summary>
[OptionsValidator]
internal sealed partial class WebPushOptionsValidator : IValidateOptions<WebPushOptions>
{
}
