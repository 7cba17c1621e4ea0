// Well-formedness of BCP 47 language tags, RFC 5646 Section 2.1 (syntax only: no registry).
//
//   Language-Tag  = langtag / privateuse / grandfathered
//   langtag       = language ["-" script] ["-" region] *("-" variant) *("-" extension) ["-" privateuse]
//   language      = 2*3ALPHA ["-" extlang] / 4ALPHA / 5*8ALPHA
//   extlang       = 3ALPHA *2("-" 3ALPHA)
//   script        = 4ALPHA
//   region        = 2ALPHA / 3DIGIT
//   variant       = 5*8alphanum / (DIGIT 3alphanum)
//   extension     = singleton 1*("-" (2*8alphanum))      singleton = any alphanum but "x"
//   privateuse    = "x" 1*("-" (1*8alphanum))
//   grandfathered = irregular / regular                  (the regular ones also match langtag)
//
// "Well-formed" (Section 2.2.9) is exactly this grammar, compared case-insensitively. Whether a
// subtag is registered ("valid") is not checked: 'english' is well-formed, 'en_US' is not.
using System;
using System.Collections.Generic;

namespace Pushwright;

/// <summary>Checks that a language tag is well-formed per RFC 5646 Section 2.1.</summary>
internal static class LanguageTag
{
    private const int MaxSubtagLength = 8;
    private const int MaxExtlangs = 3;

    // RFC 5646 Section 2.1, "irregular": the grandfathered tags that the langtag rule does not match.
    private static readonly HashSet<string> s_irregular = new(StringComparer.OrdinalIgnoreCase)
    {
        "en-GB-oed", "i-ami", "i-bnn", "i-default", "i-enochian", "i-hak", "i-klingon", "i-lux", "i-mingo",
        "i-navajo", "i-pwn", "i-tao", "i-tay", "i-tsu", "sgn-BE-FR", "sgn-BE-NL", "sgn-CH-DE",
    };

    /// <summary>Returns whether <paramref name="tag"/> matches the Language-Tag rule of RFC 5646.</summary>
    public static bool IsWellFormed(string tag)
    {
        if (s_irregular.Contains(tag))
        {
            return true;
        }

        var subtags = tag.Split('-'); // "" gives one empty subtag, refused below
        foreach (var subtag in subtags)
        {
            if (subtag.Length is 0 or > MaxSubtagLength || !IsAll(subtag, IsAlphanumeric))
            {
                return false;
            }
        }

        var i = 0;
        if (!IsPrivateUseSingleton(subtags[0]))
        {
            if (!TryReadLanguage(subtags, ref i))
            {
                return false;
            }

            Skip(subtags, ref i, s => s.Length == 4 && IsAll(s, IsAlpha), max: 1);                          // script
            Skip(subtags, ref i, s => (s.Length == 2 && IsAll(s, IsAlpha)) || (s.Length == 3 && IsAll(s, IsDigit)), max: 1); // region
            Skip(subtags, ref i, s => s.Length is >= 5 and <= 8 || (s.Length == 4 && IsDigit(s[0])), max: int.MaxValue); // variants
            while (i < subtags.Length && subtags[i].Length == 1 && !IsPrivateUseSingleton(subtags[i]))
            {
                i++;
                if (Skip(subtags, ref i, s => s.Length >= 2, max: int.MaxValue) == 0)
                {
                    return false; // a singleton needs at least one 2-8 character subtag
                }
            }

            if (i == subtags.Length)
            {
                return true;
            }
        }

        // privateuse: "x" and at least one subtag of 1 to 8 alphanumerics (lengths checked above).
        return IsPrivateUseSingleton(subtags[i]) && subtags.Length - i >= 2;
    }

    private static bool TryReadLanguage(string[] subtags, ref int i)
    {
        var language = subtags[0];
        if (!IsAll(language, IsAlpha) || language.Length < 2)
        {
            return false;
        }

        i = 1;
        if (language.Length <= 3)
        {
            Skip(subtags, ref i, s => s.Length == 3 && IsAll(s, IsAlpha), MaxExtlangs);
        }

        return true;
    }

    private static int Skip(string[] subtags, ref int i, Func<string, bool> matches, int max)
    {
        var count = 0;
        while (count < max && i < subtags.Length && matches(subtags[i]))
        {
            i++;
            count++;
        }

        return count;
    }

    private static bool IsPrivateUseSingleton(string subtag) => subtag is "x" or "X";

    private static bool IsAll(string value, Func<char, bool> predicate)
    {
        foreach (var c in value)
        {
            if (!predicate(c))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsAlpha(char c) => c is >= 'A' and <= 'Z' or >= 'a' and <= 'z';

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    private static bool IsAlphanumeric(char c) => IsAlpha(c) || IsDigit(c);
}
