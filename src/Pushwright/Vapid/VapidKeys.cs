using System;
using System.Diagnostics.CodeAnalysis;
using System.Threading;
using Pushwright.Cryptography;
using Pushwright.Internal;

namespace Pushwright;

/// <summary>
/// An application server's VAPID key pair (RFC 8292): a P-256 key whose public half browsers take
/// as <c>applicationServerKey</c> and whose private half signs the ES256 tokens.
/// </summary>
/// <remarks>
/// Create one with <see cref="Generate"/> and keep it: every subscription is bound to the public
/// key it was created with. <see cref="ToString"/> shows the public key only; the private key
/// leaves only through the explicit <c>Export</c> methods.
/// </remarks>
public sealed class VapidKeys
{
    private readonly byte[] _privateKey;
    private readonly byte[] _publicKey;
    private Es256Signer? _signer;

    /// <summary>Initializes a new instance of the <see cref="VapidKeys"/> class from raw bytes.</summary>
    /// <param name="publicKey">The 65-byte uncompressed P-256 public key.</param>
    /// <param name="privateKey">The 32-byte private scalar, big-endian.</param>
    /// <exception cref="ArgumentException">A key has the wrong length or is invalid, or the public key does not belong to the private key.</exception>
    public VapidKeys(ReadOnlySpan<byte> publicKey, ReadOnlySpan<byte> privateKey)
        : this(TryCheckCore(publicKey.ToArray(), privateKey.ToArray(), nameof(publicKey), nameof(privateKey), out var pair, out var problem) ? pair : throw problem.ToException())
    {
    }

    private VapidKeys((byte[] PrivateKey, byte[] PublicKey) checkedPair)
    {
        _privateKey = checkedPair.PrivateKey;
        _publicKey = checkedPair.PublicKey;
        PublicKeyBase64Url = Base64Url.Encode(_publicKey);
    }

    /// <summary>Gets the 65-byte uncompressed public key.</summary>
    public ReadOnlyMemory<byte> PublicKey => _publicKey;

    /// <summary>
    /// Gets the public key as unpadded base64url: the value to give the browser as
    /// <c>applicationServerKey</c>, and the <c>k=</c> of the Authorization header.
    /// </summary>
    public string PublicKeyBase64Url { get; }

    /// <summary>Gets the signer, made on first use and kept: importing the key is the costly part of signing.</summary>
    internal Es256Signer Signer => LazyInitializer.EnsureInitialized(ref _signer, () => CryptoBackend.Default.CreateEs256Signer(_privateKey, _publicKey))!;

    /// <summary>Creates a new key pair from the system's secure random source.</summary>
    /// <returns>New keys.</returns>
    public static VapidKeys Generate()
    {
        var privateKey = new byte[WebPushConstants.PrivateKeySize];
        using (var key = CryptoBackend.Default.GenerateP256Key())
        {
            key.ExportPrivateKey(privateKey);
        }

        var publicKey = new byte[WebPushConstants.PublicKeySize];
        CryptoBackend.Default.DeriveP256PublicKey(privateKey, publicKey);
        return new VapidKeys((privateKey, publicKey));
    }

    /// <summary>Imports keys in the raw base64url form that the <c>web-push</c> tools and most libraries print.</summary>
    /// <param name="publicKey">The 65-byte public key, base64url (padded or not) or base64.</param>
    /// <param name="privateKey">The 32-byte private key, base64url (padded or not) or base64.</param>
    /// <returns>The keys.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A value is not base64, a key is invalid, or the public key does not belong to the private key.</exception>
    public static VapidKeys FromBase64Url(string publicKey, string privateKey) =>
        TryFromBase64Url(Guard.NotNull(publicKey), Guard.NotNull(privateKey), out var keys, out var problem) ? keys : throw problem.ToException();

    /// <summary>Imports keys from the private key alone, in raw base64url; the public key is computed.</summary>
    /// <param name="privateKey">The 32-byte private key, base64url (padded or not) or base64.</param>
    /// <returns>The keys.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="privateKey"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The value is not base64 or not a valid P-256 private key.</exception>
    public static VapidKeys FromPrivateKeyBase64Url(string privateKey) =>
        Base64Url.TryDecode(Guard.NotNull(privateKey), nameof(privateKey), "VAPID private key", out var privateBytes, out var problem)
        && TryCreate(null, privateBytes, "publicKey", nameof(privateKey), out var keys, out problem)
            ? keys
            : throw problem.ToException();

    /// <summary>
    /// Imports a PEM private key: PKCS#8 (<c>-----BEGIN PRIVATE KEY-----</c>) or SEC 1
    /// (<c>-----BEGIN EC PRIVATE KEY-----</c>, as <c>openssl ecparam -name prime256v1 -genkey</c> writes it).
    /// </summary>
    /// <param name="pem">The PEM text.</param>
    /// <returns>The keys.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pem"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The text holds no unencrypted P-256 private key; the message says what it holds instead.</exception>
    public static VapidKeys ImportPem(string pem) =>
        TryImportPemCore(Guard.NotNull(pem), out var keys, out var problem) ? keys : throw problem.ToException();

    /// <summary>Imports a PEM private key like <see cref="ImportPem"/>, returning <see langword="false"/> instead of throwing for bad input.</summary>
    /// <param name="pem">The PEM text.</param>
    /// <param name="keys">The keys, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the text held a valid P-256 private key.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="pem"/> is <see langword="null"/>.</exception>
    public static bool TryImportPem(string pem, [NotNullWhen(true)] out VapidKeys? keys) =>
        TryImportPemCore(Guard.NotNull(pem), out keys, out _);

    /// <summary>Exports the 32-byte private key as unpadded base64url. Store it as a secret.</summary>
    /// <returns>The private key text.</returns>
    public string ExportPrivateKeyBase64Url() => Base64Url.Encode(_privateKey);

    /// <summary>Exports the private key as an unencrypted PKCS#8 PEM (<c>-----BEGIN PRIVATE KEY-----</c>). Store it as a secret.</summary>
    /// <returns>The PEM text.</returns>
    public string ExportPem() => EcPrivateKeyDer.WritePkcs8Pem(_privateKey, _publicKey);

    /// <summary>Returns the type name and the public key; never the private key.</summary>
    /// <returns>A string for diagnostics.</returns>
    public override string ToString() => $"VapidKeys {{ PublicKey = {PublicKeyBase64Url} }}";

    /// <summary>Imports raw base64url keys like <see cref="FromBase64Url"/>, describing what is wrong instead of throwing.</summary>
    internal static bool TryFromBase64Url(string publicKey, string privateKey, [NotNullWhen(true)] out VapidKeys? keys, out ArgumentProblem problem)
    {
        keys = null;
        return Base64Url.TryDecode(publicKey, nameof(publicKey), "VAPID public key", out var publicBytes, out problem)
            && Base64Url.TryDecode(privateKey, nameof(privateKey), "VAPID private key", out var privateBytes, out problem)
            && TryCreate(publicBytes, privateBytes, nameof(publicKey), nameof(privateKey), out keys, out problem);
    }

    private static bool TryImportPemCore(string pem, [NotNullWhen(true)] out VapidKeys? keys, out ArgumentProblem problem)
    {
        keys = null;
        var failure = EcPrivateKeyDer.TryReadPem(pem, out var privateKey, out var publicKey, out var detail);
        if (failure != EcPrivateKeyDer.Failure.None)
        {
            problem = Error.Pem(nameof(pem), failure, detail);
            return false;
        }

        return TryCreate(publicKey, privateKey!, nameof(pem), nameof(pem), out keys, out problem);
    }

    /// <summary>Checks a key pair (the public key is computed when <paramref name="publicKey"/> is null) and makes the keys.</summary>
    private static bool TryCreate(byte[]? publicKey, byte[] privateKey, string publicKeyName, string privateKeyName, [NotNullWhen(true)] out VapidKeys? keys, out ArgumentProblem problem)
    {
        keys = TryCheckCore(publicKey, privateKey, publicKeyName, privateKeyName, out var pair, out problem) ? new VapidKeys(pair) : null;
        return keys is not null;
    }

    private static bool TryCheckCore(byte[]? publicKey, byte[] privateKey, string publicKeyName, string privateKeyName, out (byte[] PrivateKey, byte[] PublicKey) pair, out ArgumentProblem problem)
    {
        var derived = new byte[WebPushConstants.PublicKeySize];
        pair = (privateKey, derived);
        return KeyChecks.TryCheckPrivateKey(privateKey, privateKeyName, out problem)
            && KeyChecks.TryDerivePublicKey(privateKey, publicKey, publicKeyName, "VAPID public key", derived, out problem);
    }
}
