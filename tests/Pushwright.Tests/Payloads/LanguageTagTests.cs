using FluentAssertions;
using Xunit;

namespace Pushwright.Tests.Payloads;

/// <summary>RFC 5646 Section 2.1 well-formedness: syntax only, so unregistered but well-formed tags pass.</summary>
public sealed class LanguageTagTests
{
    [Theory]
    [InlineData("en")]                         // language
    [InlineData("EN-us")]                      // case-insensitive
    [InlineData("de-CH")]                      // language-region
    [InlineData("es-419")]                     // 3DIGIT region
    [InlineData("zh-Hant-TW")]                 // script
    [InlineData("sr-Latn-RS")]
    [InlineData("zh-yue-HK")]                  // extlang
    [InlineData("zh-yue-abc-def")]             // three extlangs, the most the grammar allows
    [InlineData("de-CH-1996")]                 // DIGIT 3alphanum variant
    [InlineData("sl-rozaj-biske")]             // two 5-8 character variants
    [InlineData("de-DE-u-co-phonebk")]         // extension
    [InlineData("en-a-bbb-x-a-ccc")]           // extension then private use
    [InlineData("en-US-x-twain")]              // private use after a langtag
    [InlineData("x-whatever")]                 // private use alone
    [InlineData("qaa-Qaaa-QM-x-southern")]     // reserved ranges are well-formed
    [InlineData("abcd")]                       // 4ALPHA language (reserved, still well-formed)
    [InlineData("english")]                    // 5-8 letters: well-formed though not registered
    [InlineData("i-klingon")]                  // irregular grandfathered
    [InlineData("en-GB-oed")]
    [InlineData("sgn-BE-FR")]
    [InlineData("art-lojban")]                 // regular grandfathered, matches langtag
    [InlineData("zh-min-nan")]
    public void IsWellFormed_WellFormedTag_IsTrue(string tag)
    {
        LanguageTag.IsWellFormed(tag).Should().BeTrue();
    }

    [Theory]
    [InlineData("")]
    [InlineData("e")]                          // one letter is no language
    [InlineData("a-DE")]
    [InlineData("abcdefghi")]                  // nine letters
    [InlineData("en_US")]                      // underscore
    [InlineData("en US")]
    [InlineData("en-")]                        // empty subtags
    [InlineData("-en")]
    [InlineData("en--US")]
    [InlineData("123")]                        // language must be letters
    [InlineData("en-12")]                      // two digits are no region
    [InlineData("de-419-DE")]                  // a second region
    [InlineData("en-abc-def-ghi-jkl")]         // a fourth extlang
    [InlineData("en-a")]                       // singleton without a subtag
    [InlineData("en-a-x-b")]
    [InlineData("en-x")]                       // private use without a subtag
    [InlineData("x")]
    [InlineData("en-US-x-abcdefghi")]          // private-use subtag over 8
    [InlineData("en-Latn-Latn")]               // a second script
    [InlineData("en-ÜS")]                      // not ASCII
    [InlineData("i-notalanguage")]             // "i-" only in the irregular list
    public void IsWellFormed_MalformedTag_IsFalse(string tag)
    {
        LanguageTag.IsWellFormed(tag).Should().BeFalse();
    }
}
