using System;
using System.Net.Http;
using Pushwright.Testing.Internal;

namespace Pushwright.Testing;

/// <summary>
/// How the fake push service looks to a sender: the host of its endpoints and the form of its
/// error replies. <see cref="Mozilla"/> (autopush's errno JSON) is the default; <see cref="Apple"/>
/// and <see cref="Fcm"/> answer as those services do. The verification is the same for all.
/// </summary>
public abstract class PushServiceProfile
{
    private protected PushServiceProfile(string name, Uri origin, string endpointPath)
    {
        Name = name;
        Origin = origin;
        EndpointPath = endpointPath;
    }

    /// <summary>Gets Mozilla's autopush: errors as <c>{"code":…,"errno":…,"error":…,"message":…,"more_info":…}</c>; endpoints on <c>updates.push.services.mozilla.com</c>.</summary>
    public static PushServiceProfile Mozilla { get; } = new MozillaProfile();

    /// <summary>Gets Apple's Web Push service: errors as <c>{"reason":"BadJwtToken"}</c> (every VAPID problem is a 403, as Apple answers); endpoints on <c>web.push.apple.com</c>.</summary>
    public static PushServiceProfile Apple { get; } = new AppleProfile();

    /// <summary>Gets Firebase Cloud Messaging's Web Push endpoint: errors as one line of plain text; endpoints on <c>fcm.googleapis.com</c>.</summary>
    public static PushServiceProfile Fcm { get; } = new FcmProfile();

    /// <summary>
    /// Gets Microsoft's Windows Push Notification Services (Edge on Windows): a refusal explained in
    /// the <c>X-WNS-ERROR-DESCRIPTION</c> and <c>X-WNS-STATUS</c> headers with an empty body, throttling
    /// answered 406, and <c>TTL: 0</c> refused with 400 "Ttl value conflicts with X-WNS-Cache-Policy"
    /// unless <c>X-WNS-Cache-Policy: no-cache</c> comes with it; endpoints on <c>wns2-by3p.notify.windows.com</c>.
    /// </summary>
    public static PushServiceProfile Wns { get; } = new WnsProfile();

    /// <summary>
    /// Gets a Mozilla endpoint bridged to a mobile push service (Firefox on Android and iOS, through FCM
    /// and APNs): as <see cref="Mozilla"/>, but a body over 3070 bytes is refused with 413, as reported
    /// for such endpoints.
    /// </summary>
    public static PushServiceProfile MozillaBridged { get; } = new MozillaProfile(bridged: true);

    /// <summary>Gets the profile's name: <c>Mozilla</c>, <c>MozillaBridged</c>, <c>Apple</c>, <c>FCM</c> or <c>WNS</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the origin of the endpoints the in-memory service hands out (nothing is ever sent there: the service answers in memory).</summary>
    public Uri Origin { get; }

    /// <summary>Gets the path before a subscription's id, in the service's own shape.</summary>
    internal string EndpointPath { get; }

    /// <summary>Returns <see cref="Name"/>.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    /// <summary>The status this service answers a refusal with.</summary>
    internal virtual int StatusOf(PushFailure failure) => failure.StatusCode;

    /// <summary>A rule of this service beyond what every push service checks, run on a request that passed them; null when it holds.</summary>
    internal virtual PushFailure? CheckServiceRules(ReceivedPush received, VapidClaims claims) => null;

    /// <summary>Writes the service's explanation of an error: a body, or (as WNS does) headers.</summary>
    internal abstract void WriteError(HttpResponseMessage response, PushFailure failure);
}
