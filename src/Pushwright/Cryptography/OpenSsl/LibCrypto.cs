// The few libcrypto (OpenSSL 3) entry points the fast path needs, bound at run time.
//
// Loaded only on Linux with OpenSSL 3.x, probed symbol by symbol before first use; anywhere else
// (Windows, macOS, an older or missing libcrypto) the fast path is simply not offered and the
// System.Security.Cryptography backend is used. The EC_KEY functions are deprecated in OpenSSL 3
// but exported and stable for the 3.x line, and they are the ones that let us skip the
// redundant order check (see OpenSslCryptoBackend).
//
// Every object libcrypto allocates for us comes back as a SafeHandle (SafeEcKeyHandle,
// SafeEcPointHandle, SafeBignumHandle, SafeEvpCipherCtxHandle, SafeEcGroupHandle) and is freed by
// its ReleaseHandle, on Dispose or, if a caller forgets, by the finalizer. The only raw pointers
// left are the *_free arguments (called from ReleaseHandle), null arguments, and the static
// cipher table of EVP_aes_128_gcm.
using System;
using System.Runtime.InteropServices;

namespace Pushwright.Cryptography;

internal static unsafe partial class LibCrypto
{
    public const string LibraryName = "libcrypto.so.3";

    /// <summary>NID_X9_62_prime256v1.</summary>
    public const int NidP256 = 415;

    /// <summary>POINT_CONVERSION_UNCOMPRESSED.</summary>
    public const int PointConversionUncompressed = 4;

    private static readonly string[] s_requiredExports =
    [
        "OpenSSL_version_num", "ERR_clear_error", "EC_GROUP_new_by_curve_name", "EC_GROUP_free",
        "EC_KEY_new_by_curve_name", "EC_KEY_generate_key", "EC_KEY_free", "EC_KEY_set_private_key", "EC_KEY_set_public_key",
        "EC_KEY_priv2oct", "i2o_ECPublicKey",
        "EC_POINT_new", "EC_POINT_free", "EC_POINT_oct2point", "EC_POINT_point2oct", "EC_POINT_mul", "EC_POINT_cmp",
        "ECDH_compute_key", "BN_bin2bn", "BN_clear_free",
        "EVP_CIPHER_CTX_new", "EVP_CIPHER_CTX_free", "EVP_aes_128_gcm", "EVP_CipherInit_ex", "EVP_CipherUpdate", "EVP_CipherFinal_ex", "EVP_CIPHER_CTX_ctrl",
    ];

    /// <summary>True when libcrypto 3.x is present with every entry point used here.</summary>
    public static bool IsAvailable()
    {
        if (!OperatingSystem.IsLinux() || !NativeLibrary.TryLoad(LibraryName, out var handle))
        {
            return false;
        }

        foreach (var name in s_requiredExports)
        {
            if (!NativeLibrary.TryGetExport(handle, name, out _))
            {
                return false;
            }
        }

        // 0xMNN00PPSL: major version 3.
        return (OpenSSL_version_num() >> 28) == 3;
    }

    [LibraryImport(LibraryName)]
    public static partial ulong OpenSSL_version_num();

    [LibraryImport(LibraryName)]
    public static partial void ERR_clear_error();

    [LibraryImport(LibraryName)]
    public static partial SafeEcGroupHandle EC_GROUP_new_by_curve_name(int nid);

    /// <summary>Called only by <see cref="SafeEcGroupHandle"/>.</summary>
    [LibraryImport(LibraryName)]
    public static partial void EC_GROUP_free(nint group);

    [LibraryImport(LibraryName)]
    public static partial SafeEcKeyHandle EC_KEY_new_by_curve_name(int nid);

    [LibraryImport(LibraryName)]
    public static partial int EC_KEY_generate_key(SafeEcKeyHandle key);

    /// <summary>Called only by <see cref="SafeEcKeyHandle"/>.</summary>
    [LibraryImport(LibraryName)]
    public static partial void EC_KEY_free(nint key);

    [LibraryImport(LibraryName)]
    public static partial int EC_KEY_set_private_key(SafeEcKeyHandle key, SafeBignumHandle privateKey);

    [LibraryImport(LibraryName)]
    public static partial int EC_KEY_set_public_key(SafeEcKeyHandle key, SafeEcPointHandle publicKey);

    /// <summary>Writes the private scalar left-padded to <paramref name="length"/> bytes; returns the length written, 0 on failure.</summary>
    [LibraryImport(LibraryName)]
    public static partial nuint EC_KEY_priv2oct(SafeEcKeyHandle key, byte* buffer, nuint length);

    /// <summary>
    /// Writes the public point (uncompressed, the EC_KEY default) at <c>*output</c> and advances it;
    /// returns the length written, 0 on failure. Used instead of EC_KEY_get0_public_key, so that no
    /// pointer borrowed from the key ever reaches managed code.
    /// </summary>
    [LibraryImport(LibraryName)]
    public static partial int i2o_ECPublicKey(SafeEcKeyHandle key, byte** output);

    [LibraryImport(LibraryName)]
    public static partial SafeEcPointHandle EC_POINT_new(SafeEcGroupHandle group);

    /// <summary>Called only by <see cref="SafeEcPointHandle"/>.</summary>
    [LibraryImport(LibraryName)]
    public static partial void EC_POINT_free(nint point);

    [LibraryImport(LibraryName)]
    public static partial int EC_POINT_oct2point(SafeEcGroupHandle group, SafeEcPointHandle point, byte* buffer, nuint length, nint context);

    [LibraryImport(LibraryName)]
    public static partial nuint EC_POINT_point2oct(SafeEcGroupHandle group, SafeEcPointHandle point, int form, byte* buffer, nuint length, nint context);

    /// <summary>result = generatorScalar * G; the point and point scalar arguments are always null (0) here.</summary>
    [LibraryImport(LibraryName)]
    public static partial int EC_POINT_mul(SafeEcGroupHandle group, SafeEcPointHandle result, SafeBignumHandle generatorScalar, nint point, nint pointScalar, nint context);

    [LibraryImport(LibraryName)]
    public static partial int EC_POINT_cmp(SafeEcGroupHandle group, SafeEcPointHandle a, SafeEcPointHandle b, nint context);

    [LibraryImport(LibraryName)]
    public static partial int ECDH_compute_key(byte* output, nuint outputLength, SafeEcPointHandle peerPoint, SafeEcKeyHandle key, nint kdf);

    /// <summary>Creates a new BIGNUM (the result argument is always null, 0, here).</summary>
    [LibraryImport(LibraryName)]
    public static partial SafeBignumHandle BN_bin2bn(byte* bytes, int length, nint result);

    /// <summary>Called only by <see cref="SafeBignumHandle"/>.</summary>
    [LibraryImport(LibraryName)]
    public static partial void BN_clear_free(nint number);

    [LibraryImport(LibraryName)]
    public static partial SafeEvpCipherCtxHandle EVP_CIPHER_CTX_new();

    /// <summary>Called only by <see cref="SafeEvpCipherCtxHandle"/>.</summary>
    [LibraryImport(LibraryName)]
    public static partial void EVP_CIPHER_CTX_free(nint context);

    /// <summary>Returns libcrypto's static AES-128-GCM method table: not an object of ours, never freed.</summary>
    [LibraryImport(LibraryName)]
    public static partial nint EVP_aes_128_gcm();

    [LibraryImport(LibraryName)]
    public static partial int EVP_CipherInit_ex(SafeEvpCipherCtxHandle context, nint cipher, nint engine, byte* key, byte* iv, int encrypt);

    [LibraryImport(LibraryName)]
    public static partial int EVP_CipherUpdate(SafeEvpCipherCtxHandle context, byte* output, out int outputLength, byte* input, int inputLength);

    [LibraryImport(LibraryName)]
    public static partial int EVP_CipherFinal_ex(SafeEvpCipherCtxHandle context, byte* output, out int outputLength);

    [LibraryImport(LibraryName)]
    public static partial int EVP_CIPHER_CTX_ctrl(SafeEvpCipherCtxHandle context, int type, int argument, byte* pointer);
}
