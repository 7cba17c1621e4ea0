namespace Pushwright;

/// <summary>The VAPID header values for one request (RFC 8292 Section 3).</summary>
/// <remarks>
/// For aes128gcm: <c>Authorization: vapid t=&lt;JWT&gt;, k=&lt;public key&gt;</c> and no
/// <see cref="CryptoKey"/>. For the legacy aesgcm encoding: <c>Authorization: WebPush &lt;JWT&gt;</c>
/// and <see cref="CryptoKey"/> = <c>p256ecdsa=&lt;public key&gt;</c>, which must be joined with the
/// payload's <c>dh=</c> into one <c>Crypto-Key</c> header, separated by <c>;</c>
/// (see <see cref="JoinCryptoKey"/>).
/// </remarks>
internal sealed class VapidHeaders
{
    internal VapidHeaders(string authorization, string? cryptoKey)
    {
        Authorization = authorization;
        CryptoKey = cryptoKey;
    }

    /// <summary>Gets the value of the <c>Authorization</c> header.</summary>
    public string Authorization { get; }

    /// <summary>Gets the <c>p256ecdsa=</c> part of the <c>Crypto-Key</c> header for aesgcm, or <see langword="null"/> for aes128gcm.</summary>
    public string? CryptoKey { get; }

    /// <summary>Joins the payload's <c>dh=</c> value and this <c>p256ecdsa=</c> value into one <c>Crypto-Key</c> header value.</summary>
    /// <param name="payloadCryptoKey">The payload's <c>Crypto-Key</c> value (<c>dh=…</c>), or <see langword="null"/>.</param>
    /// <returns>The joined value, or <see langword="null"/> when both parts are absent.</returns>
    public string? JoinCryptoKey(string? payloadCryptoKey) => (payloadCryptoKey, CryptoKey) switch
    {
        (null, null) => null,
        (null, _) => CryptoKey,
        (_, null) => payloadCryptoKey,
        _ => payloadCryptoKey + ";" + CryptoKey,
    };

    /// <summary>Returns the header names only: a token is a credential and is not shown.</summary>
    /// <returns>A string for diagnostics.</returns>
    public override string ToString() => CryptoKey is null ? "VapidHeaders { Authorization }" : "VapidHeaders { Authorization, Crypto-Key }";
}
