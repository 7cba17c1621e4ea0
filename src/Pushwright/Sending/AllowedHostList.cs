using System;
using System.Collections.Generic;
using System.Linq;

namespace Pushwright.Sending;

/// <summary>The host patterns an endpoint must match, from <see cref="WebPushClientOptions"/>: empty allows any host.</summary>
internal static class AllowedHostList
{
    /// <summary>
    /// Returns <see cref="WebPushClientOptions.AllowedHosts"/>, with <see cref="WebPushClientOptions.KnownPushServiceHosts"/>
    /// added when <see cref="WebPushClientOptions.RestrictToKnownPushServices"/> is set; upper-case, without duplicates.
    /// </summary>
    public static string[] From(WebPushClientOptions options)
    {
        IEnumerable<string> hosts = options.AllowedHosts;
        if (options.RestrictToKnownPushServices)
        {
            hosts = WebPushClientOptions.KnownPushServiceHosts.Concat(hosts);
        }

        // WebPushClientOptions.Validate has refused blank and malformed entries.
        return hosts
            .Select(h => h.ToUpperInvariant())
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }
}
