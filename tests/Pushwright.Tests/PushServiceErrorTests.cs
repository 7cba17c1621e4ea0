using FluentAssertions;
using Pushwright.Sending;
using Xunit;

namespace Pushwright.Tests;

public sealed class PushServiceErrorTests
{
    [Fact]
    public void Parse_MozillaJson_ReadsEveryField()
    {
        var error = PushServiceErrorParser.Parse("""{"code":404,"errno":102,"error":"Not Found","message":"Request did not validate invalid token","more_info":"http://autopush.readthedocs.io/en/latest/http.html#error-codes"}""", "application/json");

        error!.Errno.Should().Be(102);
        error.Code.Should().Be(404);
        error.Message.Should().Be("Request did not validate invalid token");
        error.MoreInfo.Should().StartWith("http://autopush");
    }

    [Fact]
    public void Parse_AppleJson_ReadsReason()
    {
        var error = PushServiceErrorParser.Parse("""{"reason":"BadJwtToken"}""", null);

        error!.Reason.Should().Be("BadJwtToken");
        error.Message.Should().Be("BadJwtToken");
    }

    [Fact]
    public void Parse_FcmHtml_IsReducedToShortText()
    {
        var html = "<HTML>\n<HEAD>\n<TITLE>Unauthorized</TITLE>\n</HEAD>\n<BODY BGCOLOR=\"#FFFFFF\" TEXT=\"#000000\">\n<H1>Unauthorized</H1>\n<H2>Error 401</H2>\n</BODY>\n</HTML>\n";

        var error = PushServiceErrorParser.Parse(html, "text/html");

        error!.Message.Should().Be("Unauthorized Unauthorized Error 401");
    }

    [Fact]
    public void Parse_PlainText_IsKeptShort()
    {
        var error = PushServiceErrorParser.Parse("the key in the authorization header does not correspond to the sender ID used to subscribe this user. " + new string('x', 1000), "text/plain");

        error!.Message.Should().StartWith("the key in the authorization header").And.HaveLength(301);
    }

    [Theory]
    [InlineData("{\"errno\":100,\"err\\ud800\":\"x\",\"message\":\"bad thing\"}")]
    [InlineData("{\"message\":\"bad thing\",\"\\udc00\":1,\"errno\":100}")]
    public void Parse_EscapedUnpairedSurrogateInAMemberName_KeepsTheReadableFields(string body)
    {
        // Regression (found by the fuzz tier): TryGetProperty threw InvalidOperationException on a
        // member name escaping an unpaired surrogate, so a 410 with such a body was never reported gone.
        var error = PushServiceErrorParser.Parse(body, "application/json");

        error!.Errno.Should().Be(100);
        error.Message.Should().Be("bad thing");
    }

    [Fact]
    public void Parse_Empty_IsNull()
    {
        PushServiceErrorParser.Parse("  ", "text/plain").Should().BeNull();
    }
}
