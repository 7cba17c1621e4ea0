// Base64url (RFC 4648 Section 5) decoding for what arrives in request headers: VAPID keys,
// tokens, salts. Padding is tolerated, as real push services tolerate it; the standard alphabet
// is not, because RFC 8291 and RFC 8292 put only base64url on the wire.
using System.Diagnostics.CodeAnalysis;

namespace Pushwright.Testing.Internal;

internal static class Base64UrlDecoder
{
    /// <summary>Decodes base64url, with or without '=' padding; false for anything else.</summary>
    public static bool TryDecode(string? text, [NotNullWhen(true)] out byte[]? bytes)
    {
        bytes = null;
        if (text is null)
        {
            return false;
        }

        var end = text.Length;
        while (end > 0 && text[end - 1] == '=')
        {
            end--;
        }

        if (end == 0 || end % 4 == 1 || text.Length - end > 2)
        {
            return false;
        }

        var result = new byte[end * 3 / 4];
        var written = 0;
        var accumulator = 0;
        var bits = 0;
        for (var i = 0; i < end; i++)
        {
            var value = ValueOf(text[i]);
            if (value < 0)
            {
                return false;
            }

            accumulator = (accumulator << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                result[written++] = (byte)(accumulator >> bits);
                accumulator &= (1 << bits) - 1;
            }
        }

        bytes = result;
        return true;
    }

    private static int ValueOf(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        '_' => 63,
        _ => -1,
    };
}
