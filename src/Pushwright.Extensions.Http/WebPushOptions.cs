using System;
using System.Collections.Generic;
using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Pushwright;

/// <summary>
/// Settings of <c>AddWebPush()</c>, usually bound from a configuration section such as
/// <c>"WebPush": { "Subject": "mailto:ops@example.com", "PublicKey": "...", "PrivateKey": "..." }</c>.
/// They are validated when the host starts, so a bad key stops the start, not the first send.
/// </summary>
public sealed class WebPushOptions
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
    /// <value>The default value is 12 hours.</value>
    [Range(typeof(TimeSpan), "02:00:00", "1.00:00:00")]
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Gets or sets a value indicating whether plain <c>http:</c> endpoints may be used (local testing only).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowHttpEndpoints { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether the client may connect to loopback, private,
    /// link-local and other non-public addresses: for tests and on-premises push services. By
    /// default only public unicast addresses are connected to, checked at connect time after DNS;
    /// see <see cref="WebPushClientOptions.AllowPrivateNetworkEndpoints"/> for the refused ranges.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowPrivateNetworkEndpoints { get; set; }

    /// <summary>
    /// Gets or sets a value indicating whether only the well-known push services
    /// (<see cref="WebPushClientOptions.KnownPushServiceHosts"/>) and <see cref="AllowedHosts"/> are accepted.
    /// </summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool RestrictToKnownPushServices { get; set; }

    /// <summary>
    /// Gets or sets the push service hosts messages may be sent to (<c>*.example.com</c> allows
    /// subdomains). Empty allows any host, unless <see cref="RestrictToKnownPushServices"/> is set.
    /// </summary>
    public IList<string> AllowedHosts { get; set; } = new List<string>();

    /// <summary>Gets or sets how many requests <see cref="WebPushClient.SendManyAsync"/> has in flight at once.</summary>
    /// <value>The default value is 16.</value>
    [Range(1, 1024)]
    public int MaxConcurrency { get; set; } = 16;

    /// <summary>Gets or sets the retry and timeout settings.</summary>
    [ValidateObjectMembers]
    public WebPushResilienceOptions Resilience { get; set; } = new();
}
