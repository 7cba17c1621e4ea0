using System;
using FluentAssertions;
using Xunit;

namespace Pushwright.Tests.Vapid;

public sealed class VapidDetailsTests
{
    private static readonly VapidKeys s_keys = VapidKeys.Generate();

    [Theory]
    [InlineData("mailto:ops@example.com")]
    [InlineData("MAILTO:ops@example.com")]
    [InlineData("https://example.com/contact")]
    [InlineData("https://example.com")]
    public void Ctor_ValidSubject_IsKeptAsGiven(string subject)
    {
        var details = new VapidDetails(subject, s_keys);

        details.Subject.Should().Be(subject);
        details.SubjectWarning.Should().BeNull();
        details.TokenLifetime.Should().Be(TimeSpan.FromHours(12));
    }

    [Theory]
    [InlineData("ops@example.com", "Use 'mailto:ops@example.com'")]
    [InlineData("mailto:", "one e-mail address")]
    [InlineData("mailto:mailto:ops@example.com", "one e-mail address")]
    [InlineData("mailto:ops", "one e-mail address")]
    [InlineData("mailto:ops@", "one e-mail address")]
    [InlineData("http://example.com/contact", "https:")]
    [InlineData("ftp://example.com", "mailto: address or an https: URL")]
    [InlineData("", "mailto: address or an https: URL")]
    [InlineData("example.com", "mailto: address or an https: URL")]
    public void Ctor_InvalidSubject_ThrowsSayingWhatIsExpected(string subject, string expected)
    {
        var act = () => new VapidDetails(subject, s_keys);

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "subject" && e.Message.Contains(expected));
    }

    [Theory]
    [InlineData("mailto:admin@localhost")]
    [InlineData("mailto:me@printer.local")]
    [InlineData("https://localhost/contact")]
    [InlineData("https://myhost.local")]
    public void Ctor_LocalContact_IsAcceptedWithWarning(string subject)
    {
        var details = new VapidDetails(subject, s_keys);

        details.SubjectWarning.Should().Contain("BadJwtToken");
    }

    [Theory]
    [InlineData(119)]
    [InlineData(24 * 60 + 1)]
    [InlineData(0)]
    [InlineData(-60)]
    public void Ctor_LifetimeOutOfRange_Throws(int minutes)
    {
        var act = () => new VapidDetails("mailto:ops@example.com", s_keys, TimeSpan.FromMinutes(minutes));

        act.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "tokenLifetime" && e.Message.Contains("24"));
    }

    [Theory]
    [InlineData(120)]
    [InlineData(24 * 60)]
    public void Ctor_LifetimeAtBounds_IsAccepted(int minutes)
    {
        new VapidDetails("mailto:ops@example.com", s_keys, TimeSpan.FromMinutes(minutes)).TokenLifetime.Should().Be(TimeSpan.FromMinutes(minutes));
    }

    [Fact]
    public void Ctor_Nulls_ThrowArgumentNull()
    {
        var act1 = () => new VapidDetails(null!, s_keys);
        var act2 = () => new VapidDetails("mailto:ops@example.com", null!);

        act1.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("subject");
        act2.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("keys");
    }
}
