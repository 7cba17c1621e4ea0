using System;
using Pushwright.Cryptography;
using Pushwright.Internal;

namespace Pushwright.Encryption;

/// <summary>An encrypted push message: the request body and, for aesgcm, the header values that go with it.</summary>
/// <remarks>
/// For <see cref="ContentEncoding.Aes128Gcm"/> the body carries the salt and the sender's public
/// key (RFC 8291 Section 4) and both header properties are <see langword="null"/>. For
/// <see cref="ContentEncoding.AesGcm"/> send <see cref="EncryptionHeader"/> as the
/// <c>Encryption</c> header and <see cref="CryptoKeyHeader"/> as (or joined into) the
/// <c>Crypto-Key</c> header.
/// </remarks>
public sealed class EncryptedPayload
{
    /// <summary>Initializes a new instance of the <see cref="EncryptedPayload"/> class from a received message, for decryption.</summary>
    /// <param name="contentEncoding">The <c>Content-Encoding</c> of the message.</param>
    /// <param name="body">The request body. It is copied.</param>
    /// <param name="encryptionHeader">For aesgcm, the <c>Encryption</c> header value (<c>salt=…</c>, optionally <c>rs=…</c>); otherwise <see langword="null"/>.</param>
    /// <param name="cryptoKeyHeader">For aesgcm, the <c>Crypto-Key</c> header value holding <c>dh=…</c>; otherwise <see langword="null"/>.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="contentEncoding"/> is not a defined value.</exception>
    /// <exception cref="ArgumentException">An aesgcm payload lacks a header value, or an aes128gcm payload has one.</exception>
    public EncryptedPayload(ContentEncoding contentEncoding, ReadOnlySpan<byte> body, string? encryptionHeader = null, string? cryptoKeyHeader = null)
    {
        Guard.Defined(contentEncoding);
        if (contentEncoding == ContentEncoding.AesGcm)
        {
            if (string.IsNullOrEmpty(encryptionHeader))
            {
                throw Error.MissingAesGcmHeader(nameof(encryptionHeader), "Encryption");
            }

            if (string.IsNullOrEmpty(cryptoKeyHeader))
            {
                throw Error.MissingAesGcmHeader(nameof(cryptoKeyHeader), "Crypto-Key");
            }
        }
        else
        {
            if (encryptionHeader is not null)
            {
                throw Error.UnexpectedAes128GcmHeader(nameof(encryptionHeader), "Encryption");
            }

            if (cryptoKeyHeader is not null)
            {
                throw Error.UnexpectedAes128GcmHeader(nameof(cryptoKeyHeader), "Crypto-Key");
            }
        }

        ContentEncoding = contentEncoding;
        BodyArray = body.ToArray();
        EncryptionHeader = encryptionHeader;
        CryptoKeyHeader = cryptoKeyHeader;
    }

    /// <summary>Initializes a new instance of the <see cref="EncryptedPayload"/> class that owns <paramref name="body"/>.</summary>
    private EncryptedPayload(ContentEncoding contentEncoding, byte[] body, string? encryptionHeader, string? cryptoKeyHeader)
    {
        ContentEncoding = contentEncoding;
        BodyArray = body;
        EncryptionHeader = encryptionHeader;
        CryptoKeyHeader = cryptoKeyHeader;
    }

    /// <summary>Gets the content coding of <see cref="Body"/>.</summary>
    public ContentEncoding ContentEncoding { get; }

    /// <summary>Gets the value of the <c>Content-Encoding</c> header: <c>aes128gcm</c> or <c>aesgcm</c>.</summary>
    public string ContentEncodingName => ContentEncoding.ToWireName();

    /// <summary>Gets the request body.</summary>
    public ReadOnlyMemory<byte> Body => BodyArray;

    /// <summary>Gets the body's array, which this instance owns: the request factory sends it without a copy.</summary>
    internal byte[] BodyArray { get; }

    /// <summary>Gets the <c>Encryption</c> header value (<c>salt=…</c>) for aesgcm, or <see langword="null"/> for aes128gcm.</summary>
    public string? EncryptionHeader { get; }

    /// <summary>Gets the <c>Crypto-Key</c> header value (<c>dh=…</c>) for aesgcm, or <see langword="null"/> for aes128gcm.</summary>
    public string? CryptoKeyHeader { get; }

    /// <inheritdoc/>
    public override string ToString() => $"EncryptedPayload {{ ContentEncoding = {ContentEncodingName}, Body = {Body.Length} bytes }}";

    internal static EncryptedPayload ForAes128Gcm(byte[] body) => new(ContentEncoding.Aes128Gcm, body, null, null);

    internal static EncryptedPayload ForAesGcm(byte[] body, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> senderPublicKey) =>
        new(ContentEncoding.AesGcm, body, "salt=" + Base64Url.Encode(salt), "dh=" + Base64Url.Encode(senderPublicKey));
}
