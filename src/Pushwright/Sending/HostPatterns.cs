// A list of push-service host patterns: exact host names, or "*.domain" for every subdomain of a
// domain (never matching an IP address). Used for the allow-list (AllowedHosts and the known push
// services), the metric host tag, and the VAPID token cache's protected segment.
using System;
using System.Collections.Generic;
using System.Linq;

namespace Pushwright.Sending;

internal sealed class HostPatterns
{
    private readonly string[] _upperCase;

    public HostPatterns(IEnumerable<string> patterns) =>
        _upperCase = patterns.Select(p => p.ToUpperInvariant()).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>Gets the browsers' push services: <see cref="WebPushClientOptions.KnownPushServiceHosts"/>.</summary>
    public static HostPatterns KnownPushServices { get; } = new(WebPushClientOptions.KnownPushServiceHosts);

    /// <summary>Gets the patterns, upper-case, without duplicates.</summary>
    public IReadOnlyList<string> Patterns => _upperCase;

    /// <summary>Gets a value indicating whether there is no pattern (an allow-list that allows any host).</summary>
    public bool IsEmpty => _upperCase.Length == 0;

    /// <summary>
    /// The hosts an endpoint may be on: <see cref="WebPushClientOptions.AllowedHosts"/>, plus the
    /// known push services when <see cref="WebPushClientOptions.RestrictToKnownPushServices"/> is set.
    /// </summary>
    public static HostPatterns AllowedBy(WebPushClientOptions options) =>
        new(options.RestrictToKnownPushServices ? WebPushClientOptions.KnownPushServiceHosts.Concat(options.AllowedHosts) : options.AllowedHosts);

    /// <summary>True when the endpoint's host is one of the patterns (exact, or <c>*.domain</c> for subdomains).</summary>
    public bool Matches(Uri endpoint)
    {
        var host = endpoint.Host.ToUpperInvariant();
        var isName = endpoint.HostNameType == UriHostNameType.Dns;
        foreach (var pattern in _upperCase)
        {
            // A wildcard names subdomains, so it never matches an IP address.
            if (pattern == host || (isName && pattern.StartsWith("*.", StringComparison.Ordinal) && host.EndsWith(pattern.Substring(1), StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }
}
