namespace Pushwright.Encryption;

/// <summary>Why a push message could not be decrypted.</summary>
public enum DecryptionError
{
    /// <summary>No error.</summary>
    None = 0,

    /// <summary>The aes128gcm header is missing, too short, or names a record size below 18 (RFC 8188 Section 2.1).</summary>
    InvalidHeader,

    /// <summary>The aesgcm <c>Encryption</c> or <c>Crypto-Key</c> header value lacks a valid salt, record size or <c>dh</c> key.</summary>
    InvalidParameters,

    /// <summary>The sender's public key (the aes128gcm key id or the aesgcm <c>dh</c>) is not a point on P-256.</summary>
    InvalidSenderKey,

    /// <summary>A record is too short to hold its tag and content, or the message ends before its last record (RFC 8188 Section 2).</summary>
    TruncatedRecord,

    /// <summary>A record's AES-GCM tag does not verify: the keys are wrong or the ciphertext was changed.</summary>
    AuthenticationFailed,

    /// <summary>
    /// A record's padding delimiter is neither 0x01 (more records follow) nor 0x02 (the last record).
    /// In aes128gcm the delimiter is the last non-zero byte, so a non-zero padding byte shows up as this error.
    /// </summary>
    InvalidPaddingDelimiter,

    /// <summary>An aesgcm record's padding holds a non-zero byte.</summary>
    NonZeroPadding,

    /// <summary>Data follows the record marked last (RFC 8188 Section 2).</summary>
    RecordAfterLast,

    /// <summary>An aesgcm record's 2-byte padding length is larger than the record.</summary>
    InvalidPaddingLength,
}
