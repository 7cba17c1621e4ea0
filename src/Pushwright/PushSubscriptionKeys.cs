using System;
using System.Diagnostics.CodeAnalysis;
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
        : this(TryDecodeCore(Guard.NotNull(p256dh), Guard.NotNull(auth), out var keys, out var problem) ? keys : throw problem.ToException())
    {
    }

    /// <summary>Initializes a new instance of the <see cref="PushSubscriptionKeys"/> class from raw bytes.</summary>
    /// <param name="p256dh">The user agent's public key: a 65-byte uncompressed P-256 point (0x04 || X || Y).</param>
    /// <param name="auth">The 16-byte authentication secret.</param>
    /// <exception cref="ArgumentException">The key is not a 65-byte point on P-256, or the secret is not 16 bytes.</exception>
    public PushSubscriptionKeys(ReadOnlySpan<byte> p256dh, ReadOnlySpan<byte> auth)
        : this(TryCheckCore(p256dh.ToArray(), auth.ToArray(), nameof(p256dh), nameof(auth), out var keys, out var problem) ? keys : throw problem.ToException())
    {
    }

    private PushSubscriptionKeys((byte[] P256dh, byte[] Auth) checkedKeys)
    {
        _p256dh = checkedKeys.P256dh;
        _auth = checkedKeys.Auth;
    }

    /// <summary>Gets the user agent's public key, a 65-byte uncompressed P-256 point.</summary>
    public ReadOnlyMemory<byte> P256dh => _p256dh;

    /// <summary>Gets the authentication secret, for the encryption code only.</summary>
    internal ReadOnlySpan<byte> AuthSecret => _auth;

    /// <summary>Returns the type name and the public key; never the authentication secret.</summary>
    /// <returns>A string for diagnostics.</returns>
    public override string ToString() => $"PushSubscriptionKeys {{ P256dh = {Base64Url.Encode(_p256dh)} }}";

    /// <summary>Wraps a key and secret that the caller has already checked.</summary>
    internal static PushSubscriptionKeys FromChecked(byte[] p256dh, byte[] auth) => new((p256dh, auth));

    /// <summary>Creates keys from the strings a browser gives, describing what is wrong instead of throwing.</summary>
    internal static bool TryCreate(string p256dh, string auth, [NotNullWhen(true)] out PushSubscriptionKeys? keys, out ArgumentProblem problem)
    {
        keys = TryDecodeCore(p256dh, auth, out var checkedKeys, out problem) ? new PushSubscriptionKeys(checkedKeys) : null;
        return keys is not null;
    }

    private static bool TryDecodeCore(string p256dh, string auth, out (byte[] P256dh, byte[] Auth) keys, out ArgumentProblem problem)
    {
        keys = default;
        if (!Base64Url.TryDecode(p256dh, nameof(p256dh), "p256dh key", out var p256dhBytes, out problem)
            || !Base64Url.TryDecode(auth, nameof(auth), "auth secret", out var authBytes, out problem))
        {
            return false;
        }

        return TryCheckCore(p256dhBytes, authBytes, nameof(p256dh), nameof(auth), out keys, out problem);
    }

    private static bool TryCheckCore(byte[] p256dh, byte[] auth, string p256dhName, string authName, out (byte[] P256dh, byte[] Auth) keys, out ArgumentProblem problem)
    {
        keys = (p256dh, auth);
        return KeyChecks.TryCheckPublicKey(p256dh, p256dhName, "p256dh key", out problem) && KeyChecks.TryCheckAuthSecret(auth, authName, out problem);
    }
}
