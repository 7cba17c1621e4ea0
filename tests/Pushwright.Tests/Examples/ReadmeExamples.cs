using FluentAssertions;
using Pushwright.Encryption;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Examples;

/// <summary>
/// The README's "Quick start: encryption only" snippet, compiled and run, so the README cannot
/// drift from the API (STYLE.md 24). Keep the region in step with README.md.
/// </summary>
public sealed class ReadmeExamples
{
    [Fact]
    public void EncryptionOnly_Snippet_RoundTrips()
    {
        var p256dh = Vectors.Encode(Some.Receiver.PublicKey.Span);
        var auth = Vectors.Encode(Some.Receiver.AuthSecret.Span);

        #region encryption-only
        var keys = new PushSubscriptionKeys(p256dh, auth);   // as the browser gives them
        EncryptedPayload payload = WebPushEncryption.Encrypt(keys, "hello"u8, ContentEncoding.Aes128Gcm);

        var browser = UserAgentKeys.Generate();              // receivers, relays and tests can decrypt
        byte[] plaintext = WebPushEncryption.Decrypt(browser, WebPushEncryption.Encrypt(browser.SubscriptionKeys, "hi"u8));
        #endregion

        payload.ContentEncodingName.Should().Be("aes128gcm");
        WebPushEncryption.Decrypt(Some.Receiver, payload).Should().Equal("hello"u8.ToArray());
        plaintext.Should().Equal("hi"u8.ToArray());
    }
}
