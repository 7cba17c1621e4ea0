// Base64url (RFC 4648 Section 5) for keys and header values.
//
// Encoding always writes the URL-safe alphabet without padding, as RFC 8291 and RFC 8292 ask.
// Decoding is liberal in the one way browsers and stores force on us: it accepts both the
// URL-safe and the standard alphabet, with or without '=' padding (PushSubscription.toJSON()
// gives unpadded base64url, but keys copied through other tools often arrive as base64).
// Anything else (whitespace, other characters, impossible lengths) is refused.
using System;
using System.Diagnostics.CodeAnalysis;
using Pushwright.Internal;

namespace Pushwright.Cryptography;

internal static class Base64Url
{
    private const string Alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

    /// <summary>Encodes <paramref name="data"/> as unpadded base64url.</summary>
    public static string Encode(ReadOnlySpan<byte> data)
    {
        var length = GetEncodedLength(data.Length);
        if (length == 0)
        {
            return string.Empty;
        }

        var chars = length <= 512 ? stackalloc char[length] : new char[length];
        var written = Encode(data, chars);
        return chars.Slice(0, written).ToString();
    }

    /// <summary>The number of characters unpadded base64url needs for <paramref name="byteCount"/> bytes.</summary>
    public static int GetEncodedLength(int byteCount) => ((byteCount * 4) + 2) / 3;

    /// <summary>Encodes into <paramref name="destination"/>; returns the characters written.</summary>
    public static int Encode(ReadOnlySpan<byte> data, Span<char> destination)
    {
        var o = 0;
        var i = 0;
        for (; i + 3 <= data.Length; i += 3)
        {
            var v = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
            destination[o++] = Alphabet[(v >> 18) & 63];
            destination[o++] = Alphabet[(v >> 12) & 63];
            destination[o++] = Alphabet[(v >> 6) & 63];
            destination[o++] = Alphabet[v & 63];
        }

        var rest = data.Length - i;
        if (rest == 1)
        {
            var v = data[i] << 16;
            destination[o++] = Alphabet[(v >> 18) & 63];
            destination[o++] = Alphabet[(v >> 12) & 63];
        }
        else if (rest == 2)
        {
            var v = (data[i] << 16) | (data[i + 1] << 8);
            destination[o++] = Alphabet[(v >> 18) & 63];
            destination[o++] = Alphabet[(v >> 12) & 63];
            destination[o++] = Alphabet[(v >> 6) & 63];
        }

        return o;
    }

    /// <summary>
    /// Decodes base64url or base64, padded or not. Throws <see cref="ArgumentException"/> naming
    /// <paramref name="paramName"/> and <paramref name="what"/> for anything else.
    /// </summary>
    public static byte[] Decode(string text, string? paramName, string what) =>
        TryDecode(text, paramName, what, out var bytes, out var problem) ? bytes : throw problem.ToException();

    /// <summary>Decodes like <see cref="Decode"/>, describing what is wrong instead of throwing.</summary>
    public static bool TryDecode(string text, string? paramName, string what, [NotNullWhen(true)] out byte[]? bytes, out ArgumentProblem problem)
    {
        if (TryDecode(text, out bytes, out var failure, out var position))
        {
            problem = default;
            return true;
        }

        problem = failure switch
        {
            DecodeFailure.Empty => Error.EmptyBase64(paramName, what),
            DecodeFailure.Character => Error.InvalidBase64Character(paramName, what, position),
            _ => Error.InvalidBase64Length(paramName, what, text.Length),
        };
        return false;
    }

    /// <summary>Decodes base64url or base64, padded or not; false for anything else.</summary>
    public static bool TryDecode(string text, [NotNullWhen(true)] out byte[]? bytes) =>
        TryDecode(text, out bytes, out _, out _);

    private static bool TryDecode(string text, [NotNullWhen(true)] out byte[]? bytes, out DecodeFailure failure, out int position)
    {
        bytes = null;
        position = -1;
        var s = text.AsSpan();
        if (s.Length == 0)
        {
            failure = DecodeFailure.Empty;
            return false;
        }

        // Up to two '=' may end the text, and only if they make its length a multiple of four.
        var end = s.Length;
        while (end > 0 && s[end - 1] == '=' && s.Length - end < 2)
        {
            end--;
        }

        if (end < s.Length && s.Length % 4 != 0)
        {
            failure = DecodeFailure.Length;
            return false;
        }

        var data = s.Slice(0, end);
        if (data.Length % 4 == 1)
        {
            failure = DecodeFailure.Length;
            return false;
        }

        var result = new byte[data.Length * 3 / 4];
        var o = 0;
        var accumulator = 0;
        var bits = 0;
        for (var i = 0; i < data.Length; i++)
        {
            var value = DecodeChar(data[i]);
            if (value < 0)
            {
                failure = DecodeFailure.Character;
                position = i;
                return false;
            }

            accumulator = (accumulator << 6) | value;
            bits += 6;
            if (bits >= 8)
            {
                bits -= 8;
                result[o++] = (byte)(accumulator >> bits);
                accumulator &= (1 << bits) - 1;
            }
        }

        // The unused low bits of the last character must be zero (RFC 4648 Section 3.5), so
        // every byte string has exactly one encoding.
        if (accumulator != 0)
        {
            failure = DecodeFailure.Character;
            position = data.Length - 1;
            return false;
        }

        failure = DecodeFailure.None;
        bytes = result;
        return true;
    }

    private static int DecodeChar(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' or '+' => 62,
        '_' or '/' => 63,
        _ => -1,
    };

    private enum DecodeFailure
    {
        None,
        Empty,
        Character,
        Length,
    }
}
