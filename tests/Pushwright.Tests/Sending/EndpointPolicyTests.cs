using System;
using FluentAssertions;
using Pushwright.Sending;
using Xunit;

namespace Pushwright.Tests.Sending;

/// <summary>Which endpoints may be sent to, decided before anything leaves the process, and the metric host tag.</summary>
public sealed class EndpointPolicyTests
{
    [Theory]
    [InlineData("http://push.example.net/x", false, RefusalReason.EndpointNotHttps)]
    [InlineData("https://push.example.net/x", false, null)]
    [InlineData("http://push.example.net/x", true, null)]
    public void Check_Scheme_OnlyHttpsUnlessAllowed(string endpoint, bool allowHttp, RefusalReason? expected)
    {
        var sut = new EndpointPolicy(new WebPushClientOptions { AllowHttpEndpoints = allowHttp });

        sut.Check(new Uri(endpoint))?.Reason.Should().Be(expected);
        if (expected is null)
        {
            sut.Check(new Uri(endpoint)).Should().BeNull();
        }
    }

    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/x", null)]
    [InlineData("https://a.b.push.apple.com/x", null)]
    [InlineData("https://internal.example/secret", RefusalReason.HostNotAllowed)]
    [InlineData("https://127.0.0.1/x", RefusalReason.HostNotAllowed)]
    public void Check_AllowList_RefusesOtherHostsNamingTheHostOnly(string endpoint, RefusalReason? expected)
    {
        var options = new WebPushClientOptions();
        options.AllowedHosts.Add("fcm.googleapis.com");
        options.AllowedHosts.Add("*.push.apple.com");
        var sut = new EndpointPolicy(options);

        var refusal = sut.Check(new Uri(endpoint));

        refusal?.Reason.Should().Be(expected);
        (refusal is null).Should().Be(expected is null);
        refusal?.Message.Should().Contain(new Uri(endpoint).Host).And.NotContain("secret");
    }

    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/x", "fcm.googleapis.com")]
    [InlineData("https://db5p.notify.windows.com/w/?token=x", "db5p.notify.windows.com")]
    [InlineData("https://attacker-chosen-42.example/x", "other")]
    public void MetricHost_UnknownHosts_AreOther(string endpoint, string expected) =>
        new EndpointPolicy(new WebPushClientOptions()).MetricHost(new Uri(endpoint)).Should().Be(expected);
}
