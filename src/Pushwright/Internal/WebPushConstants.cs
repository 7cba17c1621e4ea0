namespace Pushwright.Internal;

/// <summary>Sizes and limits fixed by RFC 8188, RFC 8291 and the aesgcm draft.</summary>
internal static class WebPushConstants
{
    /// <summary>An uncompressed P-256 point: 0x04 || X || Y.</summary>
    public const int PublicKeySize = 65;

    /// <summary>A P-256 private scalar, big-endian, left-padded.</summary>
    public const int PrivateKeySize = 32;

    /// <summary>The ECDH shared secret: the X coordinate of the shared point.</summary>
    public const int SharedSecretSize = 32;

    /// <summary>The subscription's auth secret (RFC 8291 Section 3.2).</summary>
    public const int AuthSecretSize = 16;

    /// <summary>The salt (RFC 8188 Section 2.1).</summary>
    public const int SaltSize = 16;

    /// <summary>The content encryption key for AES-128-GCM.</summary>
    public const int KeySize = 16;

    /// <summary>The AES-GCM nonce.</summary>
    public const int NonceSize = 12;

    /// <summary>The AES-GCM authentication tag.</summary>
    public const int TagSize = 16;

    /// <summary>The output of SHA-256 and of HKDF-Extract.</summary>
    public const int HashSize = 32;

    /// <summary>The largest body a push service must accept (RFC 8030 Section 7.2, RFC 8291 Section 4).</summary>
    public const int MaxBodySize = 4096;

    /// <summary>The record size written into Web Push aes128gcm headers and assumed for aesgcm.</summary>
    public const int DefaultRecordSize = 4096;

    /// <summary>The aes128gcm header before the key id: salt(16) || rs(4) || idlen(1).</summary>
    public const int Aes128GcmHeaderSize = SaltSize + 4 + 1;

    /// <summary>The smallest aes128gcm record size: one byte of content, the delimiter and the tag (RFC 8188 Section 2.1).</summary>
    public const int Aes128GcmMinRecordSize = 18;

    /// <summary>The smallest aesgcm record size: the 2-byte padding length and one byte of content.</summary>
    public const int AesGcmMinRecordSize = 3;

    /// <summary>The aesgcm padding length prefix in each record.</summary>
    public const int AesGcmPaddingPrefixSize = 2;
}
