using System;
using Pushwright.Cryptography;
using Pushwright.Internal;

namespace Pushwright;

/// <summary>
/// The encryption keys of a push subscription: the user agent's P-256 public key (<c>p256dh</c>)
/// and its 16-byte authentication secret (<c>auth</c>), as a browser's
/// <c>PushSubscription.toJSON().keys</c> gives them.
/// </summary>
/// <remarks>
/// The public key is checked to be a point on P-256 when the instance is created, so a bad key
/// fails here and not in the middle of a send. See RFC 8291 Section 2.
/// </remarks>
public sealed class PushSubscriptionKeys
{
    private readonly byte[] _p256dh;
    private readonly byte[] _auth;

    /// <summary>Initializes a new instance of the <see cref="PushSubscriptionKeys"/> class from the strings a browser gives.</summary>
    /// <param name="p256dh">The user agent's public key: a 65-byte uncompressed P-256 point in base64url (padded or not) or base64.</param>
    /// <param name="auth">The 16-byte authentication secret in base64url (padded or not) or base64.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A value is not base64, the key is not a 65-byte point on P-256, or the secret is not 16 bytes.</exception>
    public PushSubscriptionKeys(string p256dh, string auth)
        : this(
            Base64Url.Decode(Guard.NotNull(p256dh), nameof(p256dh), "p256dh key"),
            Base64Url.Decode(Guard.NotNull(auth), nameof(auth), "auth secret"),
            nameof(p256dh),
            nameof(auth))
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PushSubscriptionKeys"/> class from raw bytes.</summary>
    /// <param name="p256dh">The user agent's public key: a 65-byte uncompressed P-256 point (0x04 || X || Y).</param>
    /// <param name="auth">The 16-byte authentication secret.</param>
    /// <exception cref="ArgumentException">The key is not a 65-byte point on P-256, or the secret is not 16 bytes.</exception>
    public PushSubscriptionKeys(ReadOnlySpan<byte> p256dh, ReadOnlySpan<byte> auth)
        : this(p256dh.ToArray(), auth.ToArray(), nameof(p256dh), nameof(auth))
    {
    }

    private PushSubscriptionKeys(byte[] p256dh, byte[] auth, string p256dhName, string authName)
    {
        ValidatePublicKey(p256dh, p256dhName, "p256dh key");
        if (auth.Length != WebPushConstants.AuthSecretSize)
        {
            throw Error.AuthSecretLength(authName, auth.Length);
        }

        _p256dh = p256dh;
        _auth = auth;
    }

    /// <summary>Gets the user agent's public key, a 65-byte uncompressed P-256 point.</summary>
    public ReadOnlyMemory<byte> P256dh => _p256dh;

    /// <summary>Gets the authentication secret, for the encryption code only.</summary>
    internal ReadOnlySpan<byte> AuthSecret => _auth;

    /// <summary>Returns the type name and the public key; never the authentication secret.</summary>
    /// <returns>A string for diagnostics.</returns>
    public override string ToString() => $"PushSubscriptionKeys {{ P256dh = {Base64Url.Encode(_p256dh)} }}";

    /// <summary>Throws the <see cref="ArgumentException"/> that says why <paramref name="key"/> is not a P-256 public key.</summary>
    internal static void ValidatePublicKey(ReadOnlySpan<byte> key, string paramName, string what)
    {
        switch (P256.CheckPublicKey(key))
        {
            case P256.PointCheck.WrongLength:
                throw Error.PublicKeyLength(paramName, what, key.Length);
            case P256.PointCheck.NotUncompressed:
                throw Error.PublicKeyNotUncompressed(paramName, what, key[0]);
            case P256.PointCheck.NotOnCurve:
                throw Error.PublicKeyNotOnCurve(paramName, what);
        }
    }
}
