using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Encryption;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Interop;

/// <summary>
/// Every backend of the asset under test (not only the default one) against the reference
/// implementations: its ciphertext decrypts with http_ece, and web-push's ciphertext decrypts with it.
/// </summary>
[Collection(NodeInteropCollection.Name)]
public sealed class BackendInteropTests
{
    private readonly NodeInterop _node;

    public BackendInteropTests(NodeInterop node) => _node = node;

    public static TheoryData<string, ContentEncoding, int> Cases
    {
        get
        {
            var data = new TheoryData<string, ContentEncoding, int>();
            foreach (var backend in Backends.All)
            {
                foreach (var encoding in new[] { ContentEncoding.Aes128Gcm, ContentEncoding.AesGcm })
                {
                    foreach (var length in new[] { 0, 1, 100, WebPushEncryption.GetMaxPlaintextLength(encoding) })
                    {
                        data.Add(backend.Name, encoding, length);
                    }
                }
            }

            return data;
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task Backend_BothDirections_InteropsWithReference(string backendName, ContentEncoding encoding, int length)
    {
        var backend = Backends.Named(backendName);
        var receiver = UserAgentKeys.Generate();
        var plaintext = Some.Bytes(length, seed: length + 7);
        var salt = new byte[16];
        backend.FillRandom(salt);
        using var ephemeral = backend.GenerateP256Key();
        var ours = WebPushEncryption.EncryptCore(backend, receiver.SubscriptionKeys, plaintext, encoding, 0, ephemeral, salt);
        var name = encoding == ContentEncoding.AesGcm ? "aesgcm" : "aes128gcm";

        var decrypted = await _node.CallOkAsync(new
        {
            op = "webpush-decrypt",
            encoding = name,
            body = NodeInterop.ToBase64Url(ours.Body.Span),
            uaPrivateKey = NodeInterop.ToBase64Url(receiver.ExportPrivateKey()),
            uaPublicKey = NodeInterop.ToBase64Url(receiver.PublicKey.Span),
            authSecret = NodeInterop.ToBase64Url(receiver.AuthSecret.Span),
            salt = ours.EncryptionHeader?.Substring("salt=".Length),
            dh = ours.CryptoKeyHeader?.Substring("dh=".Length),
        });
        NodeInterop.FromBase64Url(decrypted.GetProperty("plaintext").GetString()!).Should().Equal(plaintext);

        var theirs = await _node.CallOkAsync(new
        {
            op = "webpush-encrypt",
            impl = "web-push",
            encoding = name,
            uaPublicKey = NodeInterop.ToBase64Url(receiver.PublicKey.Span),
            authSecret = NodeInterop.ToBase64Url(receiver.AuthSecret.Span),
            plaintext = NodeInterop.ToBase64Url(plaintext),
        });
        var body = NodeInterop.FromBase64Url(theirs.GetProperty("body").GetString()!);
        var payload = encoding == ContentEncoding.AesGcm
            ? new EncryptedPayload(encoding, body, "salt=" + theirs.GetProperty("salt").GetString(), "dh=" + theirs.GetProperty("dh").GetString())
            : new EncryptedPayload(encoding, body);
        WebPushEncryption.DecryptCore(backend, receiver, payload, out var opened).Should().Be(DecryptionError.None);
        opened.Should().Equal(plaintext);
    }
}
