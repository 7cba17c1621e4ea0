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
    /// Gets or sets a value indicating whether the handler the client builds may connect to
    /// loopback, private, link-local and other non-public addresses: for the demo, tests and
    /// on-premises push services.
    /// </summary>
    /// <remarks>
    /// <para>
    /// By default the handler of <see cref="WebPushClient(VapidDetails, WebPushClientOptions)"/> and
    /// <see cref="WebPushClient.CreateHttpHandler"/> resolves the endpoint's host itself and connects
    /// only to public unicast addresses, so a hostile subscription cannot aim the application's POST
    /// at an internal service. Refused, in IPv4 and in their IPv4-mapped (<c>::ffff:0:0/96</c>),
    /// IPv4-compatible (<c>::/96</c>) and NAT64 (<c>64:ff9b::/96</c>) IPv6 forms: "this network"
    /// 0.0.0.0/8; loopback 127.0.0.0/8; private 10.0.0.0/8, 172.16.0.0/12 and 192.168.0.0/16; shared
    /// address space 100.64.0.0/10; link-local 169.254.0.0/16; IETF protocol assignments
    /// 192.0.0.0/24; documentation 192.0.2.0/24, 198.51.100.0/24 and 203.0.113.0/24; the 6to4 relays
    /// 192.88.99.0/24; benchmarking 198.18.0.0/15; multicast 224.0.0.0/4; reserved 240.0.0.0/4; and
    /// broadcast 255.255.255.255. In IPv6 only global unicast 2000::/3 is accepted, less 2001::/23
    /// (Teredo and other protocol assignments, benchmarking 2001:2::/48 included), documentation
    /// 2001:db8::/32 and 3fff::/20, and 6to4 2002::/16; so <c>::</c>, <c>::1</c>, unique local
    /// fc00::/7, link-local fe80::/10, multicast ff00::/8 and local-use NAT64 64:ff9b:1::/48 are
    /// refused as well.
    /// </para>
    /// <para>
    /// On net8.0 the check runs at connect time, on the very addresses connected to, which stops DNS
    /// rebinding; a host with both public and non-public addresses is reached at its public ones. On
    /// netstandard2.0, which has no connect callback, the host is resolved and checked just before
    /// sending and refused if any address is non-public; this is best-effort, because the platform
    /// resolves the host again to connect. A refused send comes back as <see cref="PushOutcome.Refused"/>
    /// (<see cref="RefusalReason.PrivateNetworkAddress"/>) with no status code and a <see cref="PushResult.Refusal"/> that names the host and why.
    /// </para>
    /// <para>
    /// It does not apply to an <see cref="System.Net.Http.HttpClient"/> you pass to the client
    /// yourself, unless you build it on <see cref="WebPushClient.CreateHttpHandler"/>.
    /// </para>
    /// </remarks>
    /// <value>The default value is <see langword="false"/>.</value>
    public bool AllowPrivateNetworkEndpoints { get; set; }

    /// <summary>
    /// Gets the push service hosts messages may be sent to. Empty allows any host (unless
    /// <see cref="RestrictToKnownPushServices"/> is set). An entry
    /// <c>*.example.com</c> allows every subdomain of <c>example.com</c>. A subscription whose
    /// endpoint is elsewhere is refused before anything is sent, so a hostile subscription
    /// cannot aim the application's POST at an internal address.
    /// </summary>
    public ICollection<string> AllowedHosts { get; } = new List<string>();

    /// <summary>
    /// Gets or sets a value indicating whether only the well-known push services
    /// (<see cref="KnownPushServiceHosts"/>: Google FCM, Mozilla autopush, Apple, Microsoft WNS) and
    /// the hosts in <see cref="AllowedHosts"/> are accepted: the one-line allow-list for
    /// applications whose subscriptions come from browsers. Other endpoints are refused before
    /// anything is sent.
    /// </summary>
    /// <remarks>This is the stricter layer on top of the address policy; see <see cref="AllowPrivateNetworkEndpoints"/>.</remarks>
    /// <value>The default value is <see langword="false"/>: with <see cref="AllowedHosts"/> empty, any host is accepted.</value>
    public bool RestrictToKnownPushServices { get; set; }

    /// <summary>Gets or sets how many requests <see cref="WebPushClient.SendManyAsync(IEnumerable{PushSubscription}, PushMessage, System.Threading.CancellationToken)"/> has in flight at once.</summary>
    /// <value>The default value is 16; it must be between 1 and 1024.</value>
    public int MaxConcurrency { get; set; } = WebPushClientDefaults.MaxConcurrency;

    /// <summary>
    /// Gets or sets how long one send may take in all: connecting, every retry of <c>AddWebPush()</c>,
    /// the reply and reading an error body. A send that runs out comes back as
    /// <see cref="PushOutcome.NetworkError"/> with a <see cref="TimeoutException"/>, unless the reply's
    /// status had already arrived, which then decides the outcome.
    /// </summary>
    /// <remarks>
    /// It is the outer bound, whatever the transport does. Inside it, the client's own transport
    /// gives one attempt 30 seconds, <c>AddWebPush()</c> its <c>Resilience.TotalTimeout</c>, and an
    /// error body is read for at most 2 seconds and 8 KB (a stalled or endless body keeps the
    /// status's outcome). Time is read from <see cref="TimeProvider"/>.
    /// </remarks>
    /// <value>The default value is 90 seconds; it must be between 1 millisecond and 1 hour.</value>
    public TimeSpan SendTimeout { get; set; } = WebPushClientDefaults.SendTimeout;

    /// <summary>
    /// Gets or sets the largest payload plus padding, in bytes, that the client sends, below the
    /// encoding's own maximum (3993 bytes for aes128gcm, 4078 for aesgcm). <see langword="null"/>
    /// (the default) keeps the encoding's maximum.
    /// </summary>
    /// <remarks>
    /// Mozilla's bridged endpoints (Firefox on Android and iOS, whose messages travel through FCM and
    /// APNs) have been reported to refuse bodies well under 4096 bytes; about 3,070 and 2,744. A 413
    /// from a push service suggests this setting in <see cref="PushResult.Hint"/>. A larger message
    /// is refused when it is sent, with an <see cref="ArgumentException"/>.
    /// </remarks>
    /// <value>The default value is <see langword="null"/>; when set, it must be between 1 and 4078.</value>
    public int? MaxPlaintextLength { get; set; }

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

        if (SendTimeout < WebPushClientDefaults.SendTimeoutMinimum || SendTimeout > WebPushClientDefaults.SendTimeoutMaximum)
        {
            report(nameof(SendTimeout), Error.SendTimeoutMessage(SendTimeout));
        }

        if (MaxPlaintextLength is { } cap && (cap < 1 || cap > WebPushClientDefaults.MaxPlaintextLengthMaximum))
        {
            report(nameof(MaxPlaintextLength), Error.MaxPlaintextLengthMessage(cap));
        }

        foreach (var host in AllowedHosts)
        {
            if (string.IsNullOrWhiteSpace(host) || host.AsSpan().IndexOfAny('/', ':') >= 0 || host.Trim().Length != host.Length)
            {
                report(nameof(AllowedHosts), Error.AllowedHostMessage(host));
            }
        }
    }

    /// <summary>Gets the well-known push services, allowed by <see cref="RestrictToKnownPushServices"/>: Google FCM, Mozilla autopush, Apple, Microsoft WNS.</summary>
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
