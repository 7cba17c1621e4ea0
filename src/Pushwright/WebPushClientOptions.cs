using System;
using System.Collections.Generic;
using Pushwright.Internal;

namespace Pushwright;

/// <summary>Settings of a <see cref="WebPushClient"/>. They are copied when the client is created; later changes do not affect it.</summary>
/// <remarks>
/// <c>AddWebPush()</c> binds the same settings from configuration: its <c>WebPushOptions</c> derive
/// from this class, so each setting, its default and its limits are declared once, here.
/// </remarks>
public class WebPushClientOptions
{
    /// <summary>Gets or sets a value indicating whether plain <c>http:</c> endpoints may be used (local testing only).</summary>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowHttpEndpoints { get; set; }

    /// <summary>
    /// Gets the push service hosts messages may be sent to. Empty allows any host. An entry
    /// <c>*.example.com</c> allows every subdomain of <c>example.com</c>. A subscription whose
    /// endpoint is elsewhere is refused before anything is sent, so a hostile subscription
    /// cannot aim the application's POST at an internal address.
    /// </summary>
    public ICollection<string> AllowedHosts { get; } = new List<string>();

    /// <summary>Gets or sets how many requests <see cref="WebPushClient.SendManyAsync(IEnumerable{PushSubscription}, PushMessage, System.Threading.CancellationToken)"/> has in flight at once.</summary>
    /// <value>The default value is 16; it must be between 1 and 1024.</value>
    public int MaxConcurrency { get; set; } = WebPushClientDefaults.MaxConcurrency;

    /// <summary>Gets the handlers told about subscriptions that are gone.</summary>
    public IList<ISubscriptionRemovalHandler> RemovalHandlers { get; } = new List<ISubscriptionRemovalHandler>();

    /// <summary>Gets or sets the clock used to check subscriptions' expiration times.</summary>
    /// <value>The default value is <see cref="TimeProvider.System"/>.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Reports each setting that is invalid, by property name, without throwing.</summary>
    internal void Validate(Action<string, string> report)
    {
        if (MaxConcurrency is < WebPushClientDefaults.MaxConcurrencyMinimum or > WebPushClientDefaults.MaxConcurrencyMaximum)
        {
            report(nameof(MaxConcurrency), Error.ConcurrencyMessage(MaxConcurrency));
        }

        foreach (var host in AllowedHosts)
        {
            if (string.IsNullOrWhiteSpace(host) || host.AsSpan().IndexOfAny('/', ':') >= 0 || host.Trim().Length != host.Length)
            {
                report(nameof(AllowedHosts), Error.AllowedHostMessage(host));
            }
        }
    }

    /// <summary>Gets the well-known push services, for <see cref="AllowedHosts"/>: Google FCM, Mozilla autopush, Apple, Microsoft WNS.</summary>
    public static IReadOnlyList<string> KnownPushServiceHosts { get; } =
    [
        "fcm.googleapis.com",
        "android.googleapis.com",
        "updates.push.services.mozilla.com",
        "*.push.services.mozilla.com",
        "web.push.apple.com",
        "*.push.apple.com",
        "*.notify.windows.com",
    ];
}
