namespace Pushwright.Encryption;

/// <summary>The wire names of the content codings, written once: the <c>Content-Encoding</c> header values.</summary>
internal static class ContentEncodingNames
{
    /// <summary>RFC 8291 and RFC 8188.</summary>
    public const string Aes128Gcm = "aes128gcm";

    /// <summary>draft-ietf-webpush-encryption-04.</summary>
    public const string AesGcm = "aesgcm";

    /// <summary>The <c>Content-Encoding</c> value of <paramref name="encoding"/>.</summary>
    public static string ToWireName(this ContentEncoding encoding) => encoding == ContentEncoding.AesGcm ? AesGcm : Aes128Gcm;
}
