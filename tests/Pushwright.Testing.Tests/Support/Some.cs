using System;
using System.Net.Http;

namespace Pushwright.Testing.Tests.Support;

/// <summary>Test data made on demand.</summary>
internal static class Some
{
    public static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    public static VapidDetails Vapid(TimeProvider? clock = null) =>
        new("mailto:tests@example.com", VapidKeys.Generate(), VapidDetails.DefaultTokenLifetime, clock);

    public static PushMessage Message(string text = "hello", ContentEncoding encoding = ContentEncoding.Aes128Gcm) =>
        new(text) { ContentEncoding = encoding, TimeToLive = TimeSpan.FromMinutes(5) };

    /// <summary>The request a WebPushClient would send, built by the client itself, ready to be tampered with.</summary>
    public static HttpRequestMessage Request(FakeSubscription subscription, VapidDetails vapid, PushMessage? message = null)
    {
        using var client = new WebPushClient(new HttpClient(), vapid, new WebPushClientOptions { AllowHttpEndpoints = true, AllowPrivateNetworkEndpoints = true });
        return client.CreateRequest(subscription.Subscription, message ?? Message());
    }
}
