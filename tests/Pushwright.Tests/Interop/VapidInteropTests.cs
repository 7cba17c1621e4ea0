using System;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Encryption;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Interop;

/// <summary>
/// Our VAPID headers, both forms, checked by node:crypto in tests/node/interop.mjs (an ES256
/// verifier independent of .NET), and the vector checks agreeing between the two verifiers.
/// </summary>
[Collection(NodeInteropCollection.Name)]
public sealed class VapidInteropTests
{
    private readonly NodeInterop _node;

    public VapidInteropTests(NodeInterop node) => _node = node;

    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/abc", ContentEncoding.Aes128Gcm, "mailto:ops@example.com")]
    [InlineData("https://updates.push.services.mozilla.com/wpush/v2/gAAAA", ContentEncoding.AesGcm, "https://example.com/contact")]
    [InlineData("https://web.push.apple.com/QGx", ContentEncoding.Aes128Gcm, "mailto:ops@example.org")]
    [InlineData("https://wns2-par02p.notify.windows.com/w/?token=x", ContentEncoding.Aes128Gcm, "mailto:ops@example.org")]
    public async Task GetHeaders_BothForms_AcceptedByNodeVerifier(string endpoint, ContentEncoding encoding, string subject)
    {
        var details = new VapidDetails(subject, VapidKeys.Generate());
        var receiver = UserAgentKeys.Generate();
        var payload = WebPushEncryption.Encrypt(receiver.SubscriptionKeys, "hello"u8, encoding);
        var headers = details.GetHeaders(new Uri(endpoint), encoding);
        var audience = new Uri(endpoint).GetLeftPart(UriPartial.Authority);

        var result = await _node.CallOkAsync(new
        {
            op = "verify-vapid",
            authorization = headers.Authorization,
            cryptoKey = headers.JoinCryptoKey(payload.CryptoKeyHeader),
            audience,
        });

        result.GetProperty("failed").EnumerateArray().Select(e => e.GetString()).Should().BeEmpty();
        result.GetProperty("valid").GetBoolean().Should().BeTrue();
        result.GetProperty("claims").GetProperty("sub").GetString().Should().Be(subject);
    }

    [Fact]
    public async Task GetHeaders_WrongAudience_RefusedByNodeVerifier()
    {
        var details = new VapidDetails("mailto:ops@example.com", VapidKeys.Generate());
        var headers = details.GetHeaders(new Uri("https://fcm.googleapis.com/fcm/send/abc"));

        var result = await _node.CallOkAsync(new { op = "verify-vapid", authorization = headers.Authorization, audience = "https://web.push.apple.com" });

        result.GetProperty("failed").EnumerateArray().Select(e => e.GetString()).Should().Equal("aud");
    }

    public static TheoryData<string> WithChecks => Vectors.Names("vapid.json", v => v.Has("checks"));

    [Theory]
    [MemberData(nameof(WithChecks))]
    public async Task VectorChecks_NodeAndIdentityModelVerifiers_Agree(string name)
    {
        var v = Vectors.Named("vapid.json", name);
        foreach (var check in v.GetProperty("checks").EnumerateArray())
        {
            var now = check.GetProperty("now").GetInt64();
            var node = await _node.CallOkAsync(new
            {
                op = "verify-vapid",
                authorization = v.Text("authorization"),
                cryptoKey = v.Has("cryptoKey") ? v.Text("cryptoKey") : null,
                audience = v.Text("audience"),
                now,
            });
            var ours = VapidVerification.Failures(v.Text("authorization"), v.Has("cryptoKey") ? v.Text("cryptoKey") : null, v.Text("audience"), DateTimeOffset.FromUnixTimeSeconds(now));

            node.GetProperty("valid").GetBoolean().Should().Be(check.GetProperty("expectValid").GetBoolean(), $"{name} at {now}");
            var nodeFailed = node.GetProperty("failed").EnumerateArray().Select(e => e.GetString()!).ToArray();
            if (ours.Count == 0)
            {
                nodeFailed.Should().BeEmpty($"{name} at {now}");
            }
            else
            {
                // Ours stops at the first failing check; node lists them all.
                nodeFailed.Should().Contain(ours.Single(), $"{name} at {now}");
            }
        }
    }
}
