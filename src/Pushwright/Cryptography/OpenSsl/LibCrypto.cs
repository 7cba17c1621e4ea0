// The few libcrypto (OpenSSL 3) entry points the fast path needs, bound at run time.
//
// Loaded only on Linux with OpenSSL 3.x, probed symbol by symbol before first use; anywhere else
// (Windows, macOS, an older or missing libcrypto) the fast path is simply not offered and the
// System.Security.Cryptography backend is used. The EC_KEY functions are deprecated in OpenSSL 3
// but exported and stable for the 3.x line, and they are the ones that let us skip the
// redundant order check (see OpenSslCryptoBackend).
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
        "OpenSSL_version_num", "ERR_clear_error",
        "EC_GROUP_new_by_curve_name", "EC_KEY_new_by_curve_name", "EC_KEY_generate_key", "EC_KEY_free",
        "EC_KEY_get0_public_key", "EC_KEY_get0_private_key", "EC_KEY_set_private_key", "EC_KEY_set_public_key",
        "EC_POINT_new", "EC_POINT_free", "EC_POINT_oct2point", "EC_POINT_point2oct", "EC_POINT_mul", "EC_POINT_cmp",
        "ECDH_compute_key", "BN_bin2bn", "BN_bn2binpad", "BN_clear_free",
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
    public static partial nint EC_GROUP_new_by_curve_name(int nid);

    [LibraryImport(LibraryName)]
    public static partial nint EC_KEY_new_by_curve_name(int nid);

    [LibraryImport(LibraryName)]
    public static partial int EC_KEY_generate_key(nint key);

    [LibraryImport(LibraryName)]
    public static partial void EC_KEY_free(nint key);

    [LibraryImport(LibraryName)]
    public static partial nint EC_KEY_get0_public_key(nint key);

    [LibraryImport(LibraryName)]
    public static partial nint EC_KEY_get0_private_key(nint key);

    [LibraryImport(LibraryName)]
    public static partial int EC_KEY_set_private_key(nint key, nint privateKey);

    [LibraryImport(LibraryName)]
    public static partial int EC_KEY_set_public_key(nint key, nint publicKey);

    [LibraryImport(LibraryName)]
    public static partial nint EC_POINT_new(nint group);

    [LibraryImport(LibraryName)]
    public static partial void EC_POINT_free(nint point);

    [LibraryImport(LibraryName)]
    public static partial int EC_POINT_oct2point(nint group, nint point, byte* buffer, nuint length, nint context);

    [LibraryImport(LibraryName)]
    public static partial nuint EC_POINT_point2oct(nint group, nint point, int form, byte* buffer, nuint length, nint context);

    [LibraryImport(LibraryName)]
    public static partial int EC_POINT_mul(nint group, nint result, nint generatorScalar, nint point, nint pointScalar, nint context);

    [LibraryImport(LibraryName)]
    public static partial int EC_POINT_cmp(nint group, nint a, nint b, nint context);

    [LibraryImport(LibraryName)]
    public static partial int ECDH_compute_key(byte* output, nuint outputLength, nint peerPoint, nint key, nint kdf);

    [LibraryImport(LibraryName)]
    public static partial nint BN_bin2bn(byte* bytes, int length, nint result);

    [LibraryImport(LibraryName)]
    public static partial int BN_bn2binpad(nint number, byte* destination, int length);

    [LibraryImport(LibraryName)]
    public static partial void BN_clear_free(nint number);

    [LibraryImport(LibraryName)]
    public static partial nint EVP_CIPHER_CTX_new();

    [LibraryImport(LibraryName)]
    public static partial void EVP_CIPHER_CTX_free(nint context);

    [LibraryImport(LibraryName)]
    public static partial nint EVP_aes_128_gcm();

    [LibraryImport(LibraryName)]
    public static partial int EVP_CipherInit_ex(nint context, nint cipher, nint engine, byte* key, byte* iv, int encrypt);

    [LibraryImport(LibraryName)]
    public static partial int EVP_CipherUpdate(nint context, byte* output, out int outputLength, byte* input, int inputLength);

    [LibraryImport(LibraryName)]
    public static partial int EVP_CipherFinal_ex(nint context, byte* output, out int outputLength);

    [LibraryImport(LibraryName)]
    public static partial int EVP_CIPHER_CTX_ctrl(nint context, int type, int argument, byte* pointer);
}
