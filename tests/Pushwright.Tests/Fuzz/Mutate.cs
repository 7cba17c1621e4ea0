using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Pushwright.Tests.Fuzz;

/// <summary>
/// Generic mutations of text and bytes, each returning what it did for the failure message.
/// The targets add their own structure-aware mutations on top.
/// </summary>
internal static class Mutate
{
    /// <summary>Snippets that break parsers: escapes (unpaired surrogates included), raw lone surrogates, controls, JSON syntax.</summary>
    private static readonly string[] s_nasty =
    [
        "\\ud800", "\\udc00", "\\udbff\\udfff", "\\ud800\\u0041", "\\u0000", "\\u001f", "\\uffff", "\\ufeff", "\\u12", "\\uZZZZ", "\\x41", "\\",
        "\\\"", "\\/", "\\n", "\\q", "\ud800", "\udc00", "\udfff\ud800", "\ud83d\ude00", "\u0000", "\u0001", "\u001f", "\u007f", "\u0085",
        "\u00a0", "\u2028", "\u2029", "\ufeff", "\ufffd", "\uffff", "\r", "\n", "\r\n", "\t", "\"", "'", "{", "}", "[", "]", ",", ":", "{}",
        "[]", "null", "true", "false", "0", "-0", "1e400", "-1e400", "1E-400", "NaN", "Infinity", "9223372036854775808", "0x10",
        "/*", "*/", "//", "=", "==", "+", "/", "-", "_", "%00", "%", "é", "e\u0301", "\u0130",
    ];

    private const string Structure = "{}[]\":,\\ \t\r\n-_+/=.";

    /// <summary>One random mutation of <paramref name="text"/>.</summary>
    public static (string Text, string How) Text(Random random, string text)
    {
        var length = text.Length;
        var at = random.Next(length + 1);
        var inside = length == 0 ? 0 : random.Next(length);
        switch (random.Next(12))
        {
            case 0 when length > 0:
                var replacement = AnyChar(random);
                return (Replace(text, inside, 1, replacement.ToString()), $"char {inside} set to U+{(int)replacement:X4}");
            case 1 when length > 0:
                var bit = random.Next(16);
                return (Replace(text, inside, 1, ((char)(text[inside] ^ (1 << bit))).ToString()), $"bit {bit} of char {inside} flipped");
            case 2 when length > 0:
                return (text.Remove(inside, 1), $"char {inside} deleted");
            case 3 when length > 0:
                var count = random.Next(1, Math.Min(40, length - inside) + 1);
                return (text.Remove(inside, count), $"{count} chars deleted at {inside}");
            case 4:
                var snippet = s_nasty[random.Next(s_nasty.Length)];
                return (text.Insert(at, snippet), $"{FuzzRun.Show(snippet)} inserted at {at}");
            case 5:
                var noise = RandomText(random, random.Next(1, 8));
                return (text.Insert(at, noise), $"{noise.Length} random chars inserted at {at}");
            case 6:
                return (text.Substring(0, at), $"truncated to {at} chars");
            case 7 when length > 0:
                var take = random.Next(1, Math.Min(60, length - inside) + 1);
                var copy = text.Substring(inside, take);
                return (text.Insert(at, copy), $"chars {inside}..{inside + take} copied to {at}");
            case 8 when length > 1:
                var other = random.Next(length);
                var chars = text.ToCharArray();
                (chars[inside], chars[other]) = (chars[other], chars[inside]);
                return (new string(chars), $"chars {inside} and {other} swapped");
            case 9:
                var repeated = random.Next(3) == 0 ? AnyChar(random) : text.Length > 0 ? text[inside] : 'A';
                var times = random.Next(3) == 0 ? random.Next(10_000, 100_000) : random.Next(2, 300);
                return (text.Insert(at, new string(repeated, times)), $"U+{(int)repeated:X4} repeated {times} times at {at}");
            case 10 when length > 0 && char.IsLetter(text[inside]):
                var flipped = char.IsUpper(text[inside]) ? char.ToLowerInvariant(text[inside]) : char.ToUpperInvariant(text[inside]);
                return (Replace(text, inside, 1, flipped.ToString()), $"case of char {inside} flipped");
            case 11:
                var nasty = s_nasty[random.Next(s_nasty.Length)];
                return (length == 0 ? nasty : Replace(text, inside, 1, nasty), $"char {inside} replaced by {FuzzRun.Show(nasty)}");
            default:
                return (text + "x", "\"x\" appended");
        }
    }

    /// <summary>One to three random mutations of <paramref name="text"/>.</summary>
    public static (string Text, string How) TextSome(Random random, string text)
    {
        var steps = new List<string>();
        var rounds = random.Next(4) == 0 ? random.Next(2, 4) : 1;
        for (var i = 0; i < rounds; i++)
        {
            (text, var how) = Text(random, text);
            steps.Add(how);
        }

        return (text, string.Join("; ", steps));
    }

    /// <summary>One random mutation of <paramref name="bytes"/>; never returns the array it was given.</summary>
    public static (byte[] Bytes, string How) Bytes(Random random, byte[] bytes)
    {
        var length = bytes.Length;
        var inside = length == 0 ? 0 : random.Next(length);
        var at = random.Next(length + 1);
        var copy = (byte[])bytes.Clone();
        switch (random.Next(10))
        {
            case 0 when length > 0:
                var bit = random.Next(8);
                copy[inside] ^= (byte)(1 << bit);
                return (copy, $"bit {bit} of byte {inside} flipped");
            case 1 when length > 0:
                var flips = random.Next(2, 9);
                var flipped = new List<string>();
                for (var i = 0; i < flips; i++)
                {
                    var position = random.Next(length);
                    var b = random.Next(8);
                    copy[position] ^= (byte)(1 << b);
                    flipped.Add(position + "." + b);
                }

                return (copy, $"bits flipped (byte.bit): {string.Join(" ", flipped)}");
            case 2 when length > 0:
                var value = (byte)random.Next(256);
                copy[inside] = value;
                return (copy, $"byte {inside} set to 0x{value:x2}");
            case 3 when length > 0:
                var count = random.Next(1, Math.Min(32, length - inside) + 1);
                return ([.. bytes.Take(inside), .. bytes.Skip(inside + count)], $"{count} bytes deleted at {inside}");
            case 4:
                var inserted = RandomBytes(random, random.Next(1, 33));
                return ([.. bytes.Take(at), .. inserted, .. bytes.Skip(at)], $"{inserted.Length} random bytes inserted at {at}");
            case 5 when length > 0:
                var kept = random.Next(length);
                return (bytes.AsSpan(0, kept).ToArray(), $"truncated to {kept} bytes");
            case 6:
                var zeros = random.Next(2) == 0;
                var extra = zeros ? new byte[random.Next(1, 40)] : RandomBytes(random, random.Next(1, 40));
                return ([.. bytes, .. extra], $"extended by {extra.Length} {(zeros ? "zero" : "random")} bytes");
            case 7 when length > 0:
                var take = random.Next(1, Math.Min(64, length - inside) + 1);
                return ([.. bytes.Take(at), .. bytes.Skip(inside).Take(take), .. bytes.Skip(at)], $"bytes {inside}..{inside + take} copied to {at}");
            case 8 when length > 1:
                var other = random.Next(length);
                (copy[inside], copy[other]) = (copy[other], copy[inside]);
                return (copy, $"bytes {inside} and {other} swapped");
            case 9 when length > 0:
                var end = random.Next(inside, Math.Min(length, inside + 64)) + 1;
                var fill = (byte)(random.Next(2) == 0 ? 0x00 : 0xff);
                copy.AsSpan(inside, end - inside).Fill(fill);
                return (copy, $"bytes {inside}..{end} set to 0x{fill:x2}");
            default:
                return ([.. bytes, (byte)random.Next(256)], "one random byte appended");
        }
    }

    /// <summary>Random text: printable ASCII, JSON syntax, base64 characters, controls and any UTF-16 unit (lone surrogates too).</summary>
    public static string RandomText(Random random, int length)
    {
        var builder = new StringBuilder(length);
        while (builder.Length < length)
        {
            builder.Append(random.Next(8) == 0 ? s_nasty[random.Next(s_nasty.Length)] : AnyChar(random).ToString());
        }

        return builder.ToString();
    }

    public static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    /// <summary>A character from one of several pools, so that structure characters come up often.</summary>
    public static char AnyChar(Random random) => random.Next(6) switch
    {
        0 => (char)random.Next(0x20, 0x7f),
        1 => Structure[random.Next(Structure.Length)],
        2 => "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"[random.Next(64)],
        3 => (char)random.Next(0x00, 0x20),
        4 => (char)random.Next(0xd800, 0xe000),
        _ => (char)random.Next(0x80, 0x10000),
    };

    public static string Replace(string text, int index, int count, string replacement) =>
        string.Concat(text.AsSpan(0, index), replacement, text.AsSpan(index + count));
}
