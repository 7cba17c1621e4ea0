using System;
using System.Collections.Generic;
using FluentAssertions;
using Xunit;

namespace Pushwright.Tests;

public sealed class PushMessageTests
{
    [Fact]
    public void Ctor_Defaults_AreFourWeeksAes128GcmNoUrgencyNoTopic()
    {
        var message = new PushMessage("hi");

        message.TimeToLive.Should().Be(TimeSpan.FromDays(28));
        message.ContentEncoding.Should().Be(ContentEncoding.Aes128Gcm);
        message.Urgency.Should().BeNull();
        message.Topic.Should().BeNull();
        message.HasPayload.Should().BeTrue();
        message.Payload.ToArray().Should().Equal("hi"u8.ToArray());
    }

    [Fact]
    public void Ctor_NoPayload_IsAWakeUp()
    {
        var message = new PushMessage();

        message.HasPayload.Should().BeFalse();
        message.Payload.Length.Should().Be(0);
    }

    [Theory]
    [InlineData("ab")]
    [InlineData("order-42")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    [InlineData("ab_-")]
    public void Topic_Valid_IsKept(string topic)
    {
        new PushMessage { Topic = topic }.Topic.Should().Be(topic);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a")]
    [InlineData("abcde")]
    [InlineData("order 42")]
    [InlineData("order+42")]
    [InlineData("order/42")]
    [InlineData("order=42")]
    [InlineData("AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")]
    public void Topic_Invalid_ThrowsSayingTheRule(string topic)
    {
        var act = () => new PushMessage { Topic = topic };

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "Topic" && e.Message.Contains("32 characters"));
    }

    [Fact]
    public void TimeToLive_Zero_IsAllowed()
    {
        new PushMessage { TimeToLive = TimeSpan.Zero }.TimeToLive.Should().Be(TimeSpan.Zero);
    }

    [Fact]
    public void TimeToLive_Negative_Throws()
    {
        var act = () => new PushMessage { TimeToLive = TimeSpan.FromSeconds(-1) };

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("TimeToLive");
    }

    [Theory]
    [InlineData("TTL")]
    [InlineData("authorization")]
    [InlineData("Content-Encoding")]
    [InlineData("Crypto-Key")]
    public void Headers_Reserved_Throws(string name)
    {
        var act = () => new PushMessage { Headers = new Dictionary<string, string> { [name] = "x" } };

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "Headers" && e.Message.Contains(name));
    }

    [Theory]
    [InlineData("X WNS")]
    [InlineData("X:WNS")]
    [InlineData("")]
    public void Headers_NotAToken_Throws(string name)
    {
        var act = () => new PushMessage { Headers = new Dictionary<string, string> { [name] = "x" } };

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("Headers");
    }

    [Fact]
    public void Headers_WnsHeaders_AreCopied()
    {
        var source = new Dictionary<string, string> { ["X-WNS-Type"] = "wns/raw" };
        var message = new PushMessage { Headers = source };

        source["X-WNS-Type"] = "changed";

        message.Headers["x-wns-type"].Should().Be("wns/raw");
    }

    [Fact]
    public void ToString_NeverShowsPayload()
    {
        new PushMessage("my secret text").ToString().Should().NotContain("secret").And.Contain("14 bytes");
    }

    [Theory]
    [InlineData("a\r\nX-Injected: 1")]
    [InlineData("a\nb")]
    [InlineData("a\0")]
    public void Headers_ValueWithControlCharacter_ThrowsNamingTheHeader(string value)
    {
        var act = () => new PushMessage { Headers = new Dictionary<string, string> { ["X-Tag"] = value } };

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "Headers" && e.Message.Contains("X-Tag") && e.Message.Contains("CR and LF"));
    }

    [Fact]
    public void Headers_ValueWithTab_IsAllowed()
    {
        new PushMessage { Headers = new Dictionary<string, string> { ["X-Tag"] = "a\tb" } }.Headers["X-Tag"].Should().Be("a\tb");
    }
}
