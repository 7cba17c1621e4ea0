namespace Pushwright;

/// <summary>The content coding of an encrypted push message body.</summary>
/// <remarks>
/// Every current browser accepts <see cref="Aes128Gcm"/> (RFC 8291). <see cref="AesGcm"/> is the
/// older draft encoding (draft-ietf-webpush-encryption-04) that some older user agents and push
/// services still require.
/// </remarks>
public enum ContentEncoding
{
    /// <summary>
    /// <c>Content-Encoding: aes128gcm</c> (RFC 8188 and RFC 8291): the salt and the sender's key
    /// travel in the body's header; no <c>Encryption</c> or <c>Crypto-Key: dh=</c> header is sent.
    /// </summary>
    Aes128Gcm = 0,

    /// <summary>
    /// <c>Content-Encoding: aesgcm</c> (draft-ietf-webpush-encryption-04): the salt travels in the
    /// <c>Encryption</c> header and the sender's key in <c>Crypto-Key: dh=</c>.
    /// </summary>
    AesGcm = 1,
}
