using System;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Encryption;
using Pushwright.Sending;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Sending;

/// <summary>The request built for one message: headers, body and content type, without any I/O.</summary>
public sealed class PushRequestFactoryTests
{
    private static readonly VapidDetails s_vapid = new("mailto:ops@example.com", VapidKeys.Generate());
    private static readonly PushSubscription s_subscription = new(new Uri("https://push.example.net/send/abc"), Some.Receiver.SubscriptionKeys);

    [Fact]
    public async Task Create_BinaryPayload_IsOctetStreamAndDecrypts()
    {
        using var request = PushRequestFactory.Create(s_subscription, new PushMessage("hello"), s_vapid);

        request.Content!.Headers.ContentType!.MediaType.Should().Be("application/octet-stream");
        request.Content.Headers.GetValues("Content-Encoding").Should().Equal("aes128gcm");
        var body = await request.Content.ReadAsByteArrayAsync();
        Encoding.UTF8.GetString(WebPushEncryption.Decrypt(Some.Receiver, new EncryptedPayload(ContentEncoding.Aes128Gcm, body))).Should().Be("hello");
    }

    [Fact]
    public async Task Create_DeclarativeMessage_IsSentAsJson()
    {
        var message = PushMessage.Declarative(new DeclarativeNotification("Order shipped", new Uri("https://shop.example/orders/42")));

        using var request = PushRequestFactory.Create(s_subscription, message, s_vapid);

        request.Content!.Headers.ContentType!.MediaType.Should().Be("application/json");
        var body = await request.Content.ReadAsByteArrayAsync();
        var json = Encoding.UTF8.GetString(WebPushEncryption.Decrypt(Some.Receiver, new EncryptedPayload(ContentEncoding.Aes128Gcm, body)));
        json.Should().StartWith("{\"web_push\":8030,");
    }

    [Fact]
    public void Create_NoPayload_HasEmptyBodyAndNoContentEncoding()
    {
        using var request = PushRequestFactory.Create(s_subscription, new PushMessage(), s_vapid);

        request.Content!.Headers.ContentLength.Should().Be(0);
        request.Content.Headers.Contains("Content-Encoding").Should().BeFalse();
        request.Headers.GetValues("TTL").Single().Should().Be(((long)PushMessage.DefaultTimeToLive.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
    }
}
