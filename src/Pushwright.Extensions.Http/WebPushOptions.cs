using System;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Pushwright;

/// <summary>
/// Settings of <c>AddWebPush()</c>, usually bound from a configuration section such as
/// <c>"WebPush": { "Subject": "mailto:ops@example.com", "PublicKey": "...", "PrivateKey": "..." }</c>.
/// They are validated when the host starts, so a bad key stops the start, not the first send.
/// </summary>
/// <remarks>
/// The client's own settings (<see cref="WebPushClientOptions.AllowedHosts"/>,
/// <see cref="WebPushClientOptions.MaxConcurrency"/> and the others) are inherited from
/// <see cref="WebPushClientOptions"/> and bind from the same section. <c>AddWebPush()</c> sets
/// <see cref="WebPushClientOptions.TimeProvider"/> from the container's <see cref="System.TimeProvider"/>
/// unless it was set here.
/// </remarks>
public sealed class WebPushOptions : WebPushClientOptions
{
    /// <summary>Gets or sets the VAPID contact: a <c>mailto:</c> address or an <c>https:</c> URL.</summary>
    [Required]
    public string Subject { get; set; } = string.Empty;

    /// <summary>Gets or sets the VAPID public key: 65 bytes, base64url (the browser's <c>applicationServerKey</c>).</summary>
    [Required]
    public string PublicKey { get; set; } = string.Empty;

    /// <summary>Gets or sets the VAPID private key: 32 bytes, base64url. Keep it in a secret store.</summary>
    [Required]
    public string PrivateKey { get; set; } = string.Empty;

    /// <summary>Gets or sets how far ahead each VAPID token's <c>exp</c> is set.</summary>
    /// <value>The default value is <see cref="VapidDetails.DefaultTokenLifetime"/> (12 hours); it must be between <see cref="VapidDetails.MinTokenLifetime"/> and <see cref="VapidDetails.MaxTokenLifetime"/>.</value>
    public TimeSpan TokenLifetime { get; set; } = VapidDetails.DefaultTokenLifetime;

    /// <summary>Gets or sets the retry and timeout settings.</summary>
    [ValidateObjectMembers]
    public WebPushResilienceOptions Resilience { get; set; } = new();
}
