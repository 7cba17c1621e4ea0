using System;
using Pushwright.Cryptography;
using Pushwright.Internal;

namespace Pushwright.Encryption;

/// <summary>
/// A receiver's keys: the P-256 key pair and authentication secret that a browser creates for a
/// push subscription. Use them to decrypt messages in tests, relays and receivers.
/// </summary>
/// <remarks>
/// <see cref="ToString"/> shows the public key only. The private key leaves only through
/// <see cref="ExportPrivateKey"/>.
/// </remarks>
public sealed class UserAgentKeys
{
    private readonly byte[] _privateKey;
    private readonly byte[] _publicKey;
    private readonly byte[] _authSecret;

    /// <summary>Initializes a new instance of the <see cref="UserAgentKeys"/> class from raw bytes.</summary>
    /// <param name="privateKey">The 32-byte P-256 private scalar, big-endian.</param>
    /// <param name="publicKey">The matching 65-byte uncompressed public key.</param>
    /// <param name="authSecret">The 16-byte authentication secret.</param>
    /// <exception cref="ArgumentException">A value has the wrong length, the key is not on P-256, or the public key does not belong to the private key.</exception>
    public UserAgentKeys(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> authSecret)
        : this(TryCheckCore(privateKey.ToArray(), publicKey.ToArray(), authSecret.ToArray(), out var keys, out var problem) ? keys : throw problem.ToException())
    {
    }

    /// <summary>Initializes a new instance of the <see cref="UserAgentKeys"/> class from base64url (or base64) text.</summary>
    /// <param name="privateKey">The 32-byte P-256 private scalar.</param>
    /// <param name="publicKey">The matching 65-byte uncompressed public key.</param>
    /// <param name="authSecret">The 16-byte authentication secret.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A value is not base64 or is invalid as for the byte constructor.</exception>
    public UserAgentKeys(string privateKey, string publicKey, string authSecret)
        : this(TryDecodeCore(Guard.NotNull(privateKey), Guard.NotNull(publicKey), Guard.NotNull(authSecret), out var keys, out var problem) ? keys : throw problem.ToException())
    {
    }

    private UserAgentKeys((byte[] PrivateKey, byte[] PublicKey, byte[] AuthSecret) checkedKeys)
    {
        _privateKey = checkedKeys.PrivateKey;
        _publicKey = checkedKeys.PublicKey;
        _authSecret = checkedKeys.AuthSecret;
        SubscriptionKeys = PushSubscriptionKeys.FromChecked(_publicKey, _authSecret);
    }

    /// <summary>Gets the 65-byte uncompressed public key (the subscription's <c>p256dh</c>).</summary>
    public ReadOnlyMemory<byte> PublicKey => _publicKey;

    /// <summary>Gets the 16-byte authentication secret (the subscription's <c>auth</c>).</summary>
    public ReadOnlyMemory<byte> AuthSecret => _authSecret;

    /// <summary>Gets the keys an application server needs to encrypt for this receiver.</summary>
    public PushSubscriptionKeys SubscriptionKeys { get; }

    /// <summary>Creates a fresh key pair and authentication secret, as a browser does when it subscribes.</summary>
    /// <returns>New keys.</returns>
    public static UserAgentKeys Generate()
    {
        var backend = CryptoBackend.Default;
        var privateKey = new byte[WebPushConstants.PrivateKeySize];
        var publicKey = new byte[WebPushConstants.PublicKeySize];
        var authSecret = new byte[WebPushConstants.AuthSecretSize];
        using (var key = backend.GenerateP256Key())
        {
            key.ExportPrivateKey(privateKey);
            key.ExportPublicKey(publicKey);
        }

        backend.FillRandom(authSecret);
        return new UserAgentKeys((privateKey, publicKey, authSecret));
    }

    /// <summary>Exports the 32-byte private scalar. The caller owns the copy and should wipe it after use.</summary>
    /// <returns>A new array with the private key.</returns>
    public byte[] ExportPrivateKey() => (byte[])_privateKey.Clone();

    /// <summary>Returns the type name and the public key; never the private key or the secret.</summary>
    /// <returns>A string for diagnostics.</returns>
    public override string ToString() => $"UserAgentKeys {{ PublicKey = {Base64Url.Encode(_publicKey)} }}";

    /// <summary>Imports the key pair into <paramref name="backend"/> for one decryption.</summary>
    internal EcdhPrivateKey ImportInto(CryptoBackend backend) => backend.ImportP256Key(_privateKey, _publicKey);

    private static bool TryDecodeCore(string privateKey, string publicKey, string authSecret, out (byte[], byte[], byte[]) keys, out ArgumentProblem problem)
    {
        keys = default;
        if (!Base64Url.TryDecode(privateKey, nameof(privateKey), "private key", out var privateBytes, out problem)
            || !Base64Url.TryDecode(publicKey, nameof(publicKey), "public key", out var publicBytes, out problem)
            || !Base64Url.TryDecode(authSecret, nameof(authSecret), "auth secret", out var authBytes, out problem))
        {
            return false;
        }

        return TryCheckCore(privateBytes, publicBytes, authBytes, out keys, out problem);
    }

    private static bool TryCheckCore(byte[] privateKey, byte[] publicKey, byte[] authSecret, out (byte[], byte[], byte[]) keys, out ArgumentProblem problem)
    {
        keys = (privateKey, publicKey, authSecret);
        return KeyChecks.TryCheckPrivateKey(privateKey, nameof(privateKey), out problem)
        && KeyChecks.TryDerivePublicKey(privateKey, publicKey, nameof(publicKey), "public key", new byte[WebPushConstants.PublicKeySize], out problem)
        && KeyChecks.TryCheckAuthSecret(authSecret, nameof(authSecret), out problem);
    }
}
