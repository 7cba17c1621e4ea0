// Which endpoints a client may send to, decided before anything leaves the process: https only
// (unless the caller opts in to http for local testing) and, when the caller gives a list or asks
// for the known push services, only those hosts. (Which addresses a host may resolve to is decided
// later, at connect time: see AddressPolicy.) It also names the host for metrics, so that hosts chosen by
// (possibly hostile) subscriptions cannot blow up metric cardinality.
using System;
using System.Linq;
using Pushwright.Internal;

namespace Pushwright.Sending;

internal sealed class EndpointPolicy
{
    private static readonly string[] s_knownHosts = WebPushClientOptions.KnownPushServiceHosts.Select(h => h.ToUpperInvariant()).ToArray();

    private readonly bool _allowHttp;
    private readonly string[] _allowedHosts;

    public EndpointPolicy(WebPushClientOptions options)
    {
        _allowHttp = options.AllowHttpEndpoints;
        _allowedHosts = AllowedHostList.From(options);
    }

    /// <summary>Returns why <paramref name="endpoint"/> is refused, or null when it may be used.</summary>
    public PushRefusal? Check(Uri endpoint)
    {
        if (endpoint.Scheme == Uri.UriSchemeHttp && !_allowHttp)
        {
            return new PushRefusal(RefusalReason.EndpointNotHttps, Error.EndpointNotHttpsMessage(endpoint.Host));
        }

        return _allowedHosts.Length == 0 || MatchesAny(_allowedHosts, endpoint)
            ? null
            : new PushRefusal(RefusalReason.HostNotAllowed, Error.EndpointHostNotAllowedMessage(endpoint.Host));
    }

    /// <summary>
    /// The host as a metric tag: a known or allowed push service by name, anything else as "other".
    /// </summary>
    public string MetricHost(Uri endpoint) =>
        MatchesAny(s_knownHosts, endpoint) || (_allowedHosts.Length > 0 && MatchesAny(_allowedHosts, endpoint)) ? endpoint.Host : "other";

    /// <summary>True when the endpoint's host is one of <paramref name="upperCasePatterns"/> (exact, or <c>*.domain</c> for subdomains).</summary>
    private static bool MatchesAny(string[] upperCasePatterns, Uri endpoint)
    {
        var host = endpoint.Host.ToUpperInvariant();
        var isName = endpoint.HostNameType == UriHostNameType.Dns;
        foreach (var allowed in upperCasePatterns)
        {
            // A wildcard names subdomains, so it never matches an IP address.
            if (allowed == host || (isName && allowed.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(allowed.Substring(1), StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
