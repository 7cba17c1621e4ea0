// Which endpoints a client may send to, decided before anything leaves the process: https only
// (unless the caller opts in to http for local testing) and, when the caller gives a list or asks
// for the known push services, only those hosts. (Which addresses a host may resolve to is decided
// later, at connect time: see AddressPolicy.) It also names the host for metrics, so that hosts chosen by
// (possibly hostile) subscriptions cannot blow up metric cardinality.
using System;
using Pushwright.Internal;

namespace Pushwright.Sending;

internal sealed class EndpointPolicy
{
    private readonly bool _allowHttp;
    private readonly HostPatterns _allowedHosts;

    public EndpointPolicy(WebPushClientOptions options)
    {
        _allowHttp = options.AllowHttpEndpoints;
        _allowedHosts = HostPatterns.AllowedBy(options);
    }

    /// <summary>Returns why <paramref name="endpoint"/> is refused, or null when it may be used.</summary>
    public PushRefusal? Check(Uri endpoint)
    {
        if (endpoint.Scheme == Uri.UriSchemeHttp && !_allowHttp)
        {
            return new PushRefusal(RefusalReason.EndpointNotHttps, Error.EndpointNotHttpsMessage(endpoint.Host));
        }

        return _allowedHosts.IsEmpty || _allowedHosts.Matches(endpoint)
            ? null
            : new PushRefusal(RefusalReason.HostNotAllowed, Error.EndpointHostNotAllowedMessage(endpoint.Host));
    }

    /// <summary>
    /// The host as a metric tag: a known or allowed push service by name, anything else as "other".
    /// </summary>
    public string MetricHost(Uri endpoint) =>
        HostPatterns.KnownPushServices.Matches(endpoint) || (!_allowedHosts.IsEmpty && _allowedHosts.Matches(endpoint)) ? endpoint.Host : "other";
}
