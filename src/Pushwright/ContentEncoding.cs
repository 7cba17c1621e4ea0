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
    /// <remarks>
    /// The draft marks no record as the last one and does not authenticate the record size
    /// (<c>rs</c> in the <c>Encryption</c> header). So a receiver cannot tell a message of several
    /// records that was cut after its first record, and sent with a larger <c>rs</c>, from a whole
    /// message: it decrypts to the first record's data. Messages of one record, which is all this
    /// library sends, have nothing to cut. <see cref="Aes128Gcm"/> marks the last record and has
    /// no such gap.
    /// </remarks>
    AesGcm = 1,
}
