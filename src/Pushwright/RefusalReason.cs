namespace Pushwright;

/// <summary>Why a message was not sent, or its reply not used: a decision made in this process, not by a push service.</summary>
public enum RefusalReason
{
    /// <summary>The endpoint is plain <c>http:</c> and <see cref="WebPushClientOptions.AllowHttpEndpoints"/> is off.</summary>
    EndpointNotHttps,

    /// <summary>The endpoint's host is not in <see cref="WebPushClientOptions.AllowedHosts"/>.</summary>
    HostNotAllowed,

    /// <summary>
    /// The endpoint's host is, or resolved only to, a loopback, private, link-local or other
    /// non-public address, and <see cref="WebPushClientOptions.AllowPrivateNetworkEndpoints"/> is off.
    /// </summary>
    PrivateNetworkAddress,

    /// <summary>The push service redirected the request; push services never redirect, and a redirect is never followed.</summary>
    Redirect,

    /// <summary>The subscription's expiration time has passed, so nothing was sent (the outcome is <see cref="PushOutcome.SubscriptionGone"/>).</summary>
    SubscriptionExpired,
}
