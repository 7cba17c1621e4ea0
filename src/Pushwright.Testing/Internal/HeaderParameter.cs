// Finds one parameter in a header value made of name=value pairs: "t=...,k=..." (RFC 8292
// Section 3), or "dh=...;p256ecdsa=..." and "salt=...;rs=..." (the draft aesgcm Crypto-Key and
// Encryption headers, draft-ietf-httpbis-encryption-encoding-03 Sections 3 and 4). Pairs are
// separated by ',' or ';', names compare case-insensitively, and values may be quoted.
using System;

namespace Pushwright.Testing.Internal;

internal static class HeaderParameter
{
    private static readonly char[] s_separators = [',', ';'];

    /// <summary>The value of the first <paramref name="name"/> parameter, unquoted; null when absent.</summary>
    public static string? Find(string headerValue, string name)
    {
        foreach (var part in headerValue.Split(s_separators))
        {
            var equals = part.IndexOf('=');
            if (equals <= 0 || !part.Substring(0, equals).Trim().Equals(name, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var value = part.Substring(equals + 1).Trim();
            return value.Length >= 2 && value[0] == '"' && value[value.Length - 1] == '"' ? value.Substring(1, value.Length - 2) : value;
        }

        return null;
    }
}
