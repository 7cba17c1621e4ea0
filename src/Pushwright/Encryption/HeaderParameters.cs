// Reads parameters from the aesgcm Encryption and Crypto-Key header values
// (draft-ietf-httpbis-encryption-encoding-03 Sections 3 and 4): a comma-separated list of
// entries, each a semicolon-separated list of name=value pairs, values optionally quoted.
// Web Push joins VAPID's p256ecdsa= into the same Crypto-Key value as dh=.
using System;

namespace Pushwright.Encryption;

internal static class HeaderParameters
{
    /// <summary>Finds the first parameter called <paramref name="name"/> (case-insensitive) in any entry.</summary>
    public static string? Find(string headerValue, string name)
    {
        foreach (var entry in headerValue.Split(','))
        {
            foreach (var parameter in entry.Split(';'))
            {
                var equals = parameter.IndexOf('=');
                if (equals < 0)
                {
                    continue;
                }

                var key = parameter.Substring(0, equals).Trim();
                if (!string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
                {
                    continue;
                }

                var value = parameter.Substring(equals + 1).Trim();
                if (value.Length >= 2 && value[0] == '"' && value[value.Length - 1] == '"')
                {
                    value = value.Substring(1, value.Length - 2);
                }

                return value;
            }
        }

        return null;
    }
}
