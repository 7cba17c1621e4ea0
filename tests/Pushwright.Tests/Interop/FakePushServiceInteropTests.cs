using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Testing;
using Xunit;

namespace Pushwright.Tests.Interop;

/// <summary>
/// Pushwright.Testing's push service against node's web-push: whole requests that web-push builds
/// (its encryption and its VAPID headers) are accepted and decrypted by the fake, and the same
/// requests tampered with are refused. With the IdentityModel checks in tests/Pushwright.Testing.Tests,
/// this keeps the fake from being our own code agreeing with itself.
/// </summary>
[Collection(NodeInteropCollection.Name)]
public sealed class FakePushServiceInteropTests
{
    private readonly NodeInterop _node;

    public FakePushServiceInteropTests(NodeInterop node) => _node = node;

    [Theory]
    [InlineData("aes128gcm", "vapid")]
    [InlineData("aesgcm", "WebPush")]
    public async Task WebPushRequest_FromNode_DeliveredAndDecrypted(string encoding, string scheme)
    {
        var (service, browser, request) = await NodeRequestAsync(encoding, "from node ✓");
        using var http = service.CreateHttpClient();

        using var response = await http.SendAsync(request);

        response.StatusCode.Should().Be(HttpStatusCode.Created, service.Requests.Single().Rejection);
        var delivery = service.DeliveriesTo(browser.Subscription).Should().ContainSingle().Subject;
        delivery.Text.Should().Be("from node ✓");
        delivery.ContentEncoding.Should().Be(encoding);
        delivery.Vapid!.Scheme.Should().Be(scheme);
        delivery.Vapid.Subject.Should().Be("mailto:interop@example.com");
        delivery.Header("Urgency").Should().Be("high");
        delivery.Header("Topic").Should().Be("interop");
    }

    [Theory]
    [InlineData("aes128gcm", "signature")]
    [InlineData("aes128gcm", "key")]
    [InlineData("aes128gcm", "body")]
    [InlineData("aesgcm", "signature")]
    [InlineData("aesgcm", "body")]
    public async Task WebPushRequest_FromNodeTampered_Refused(string encoding, string tamper)
    {
        var (service, browser, request) = await NodeRequestAsync(encoding, "tampered");
        switch (tamper)
        {
            case "signature":
                var authorization = request.Headers.GetValues("Authorization").Single();
                var at = authorization.IndexOf('.', authorization.IndexOf('.') + 1) + 2;
                var flipped = authorization[..at] + (authorization[at] == 'A' ? 'B' : 'A') + authorization[(at + 1)..];
                request.Headers.Remove("Authorization");
                request.Headers.TryAddWithoutValidation("Authorization", flipped);
                break;
            case "key":
                service = new FakePushService();
                browser = service.Subscribe(VapidKeys.Generate().PublicKey);
                request.RequestUri = browser.Subscription.Endpoint;
                break;
            default:
                var body = await request.Content!.ReadAsByteArrayAsync();
                body[^1] ^= 1;
                var content = new ByteArrayContent(body);
                foreach (var header in request.Content.Headers.Where(h => h.Key != "Content-Length"))
                {
                    content.Headers.TryAddWithoutValidation(header.Key, header.Value);
                }

                request.Content = content;
                break;
        }

        using var http = service.CreateHttpClient();

        using var response = await http.SendAsync(request);

        ((int)response.StatusCode).Should().Be(tamper switch { "signature" => 401, "key" => 403, _ => 400 });
        service.Deliveries.Should().BeEmpty();
    }

    private async Task<(FakePushService Service, FakeSubscription Browser, HttpRequestMessage Request)> NodeRequestAsync(string encoding, string text)
    {
        var service = new FakePushService();
        var vapid = VapidKeys.Generate();
        var browser = service.Subscribe(vapid.PublicKey);
        var details = await _node.CallOkAsync(new
        {
            op = "webpush-request",
            endpoint = browser.Subscription.Endpoint.AbsoluteUri,
            p256dh = NodeInterop.ToBase64Url(browser.Keys.PublicKey.Span),
            auth = NodeInterop.ToBase64Url(browser.Keys.AuthSecret.Span),
            encoding,
            plaintext = NodeInterop.ToBase64Url(Encoding.UTF8.GetBytes(text)),
            ttl = 60,
            urgency = "high",
            topic = "interop",
            subject = "mailto:interop@example.com",
            vapidPublicKey = vapid.PublicKeyBase64Url,
            vapidPrivateKey = vapid.ExportPrivateKeyBase64Url(),
        });
        var request = new HttpRequestMessage(new HttpMethod(details.GetProperty("method").GetString()!), details.GetProperty("endpoint").GetString());
        request.Content = new ByteArrayContent(NodeInterop.FromBase64Url(details.GetProperty("body").GetString()!));
        foreach (var header in details.GetProperty("headers").EnumerateObject())
        {
            if (header.Name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!request.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString()))
            {
                request.Content.Headers.TryAddWithoutValidation(header.Name, header.Value.GetString());
            }
        }

        return (service, browser, request);
    }
}
