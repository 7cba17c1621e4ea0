using System;
using FluentAssertions;
using Pushwright.Sending;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Sending;

/// <summary><see cref="WebPushClientOptions.AllowedHosts"/> and the one-line <see cref="WebPushClientOptions.RestrictToKnownPushServices"/>, checked before anything is sent.</summary>
public sealed class HostPatternsTests
{
    [Fact]
    public void AllowedBy_DefaultOptions_IsEmptySoAnyHostIsAccepted() =>
        HostPatterns.AllowedBy(new WebPushClientOptions()).IsEmpty.Should().BeTrue();

    [Fact]
    public void AllowedBy_RestrictToKnownPushServices_AddsTheKnownHostsToAllowedHosts()
    {
        var options = new WebPushClientOptions { RestrictToKnownPushServices = true };
        options.AllowedHosts.Add("push.example.com");
        options.AllowedHosts.Add("FCM.googleapis.com");

        var hosts = HostPatterns.AllowedBy(options).Patterns;

        hosts.Should().Contain("PUSH.EXAMPLE.COM").And.Contain("*.PUSH.APPLE.COM").And.OnlyHaveUniqueItems();
        hosts.Should().HaveCount(WebPushClientOptions.KnownPushServiceHosts.Count + 1);
    }

    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc")]
    [InlineData("https://updates.push.services.mozilla.com/wpush/v2/abc")]
    [InlineData("https://web.push.apple.com/abc")]
    [InlineData("https://wns2-by3p.notify.windows.com/w/?token=abc")]
    [InlineData("https://push.example.com/abc")]
    public void CreateRequest_RestrictToKnownPushServices_AcceptsKnownAndAllowedHosts(string endpoint)
    {
        using var sut = CreateSut();

        using var request = sut.CreateRequest(new PushSubscription(new Uri(endpoint), Some.Receiver.SubscriptionKeys), new PushMessage("hello"));

        request.RequestUri.Should().Be(new Uri(endpoint));
    }

    [Theory]
    [InlineData("https://internal.example.net/push/secret-path")]
    [InlineData("https://fcm.googleapis.com.evil.example/push/secret-path")]
    [InlineData("https://169.254.169.254/push/secret-path")]
    public void CreateRequest_RestrictToKnownPushServices_RefusesOtherHosts(string endpoint)
    {
        using var sut = CreateSut();
        var subscription = new PushSubscription(new Uri(endpoint), Some.Receiver.SubscriptionKeys);

        var act = () => sut.CreateRequest(subscription, new PushMessage("hello"));

        act.Should().Throw<ArgumentException>().WithParameterName("subscription")
            .Which.Message.Should().Contain("RestrictToKnownPushServices").And.Contain(subscription.Endpoint.Host).And.NotContain("secret-path");
    }

    private static WebPushClient CreateSut()
    {
        var options = new WebPushClientOptions { RestrictToKnownPushServices = true };
        options.AllowedHosts.Add("push.example.com");
        return new WebPushClient(new VapidDetails("mailto:ops@example.com", VapidKeys.Generate()), options);
    }
}
