// HKDF with HMAC-SHA-256 (RFC 5869), over a backend's HMAC.
//
//   Extract(salt, IKM)        = HMAC(salt, IKM)                       32 bytes
//   Expand(PRK, info, L)      = T(1) || T(2) || ... truncated to L     L <= 255 * 32
//   T(i)                      = HMAC(PRK, T(i-1) || info || i)
//
// RFC 8188 and RFC 8291 only ever need L <= 32 (one block); the general form is kept so the
// RFC 5869 vectors test the same code. Every temporary is wiped before returning.
using System;
using System.Buffers;
using System.Diagnostics;

namespace Pushwright.Cryptography;

internal static class Hkdf
{
    private const int HashLength = 32;

    /// <summary>HKDF-Extract: writes the 32-byte PRK. An empty salt means 32 zero bytes (RFC 5869 Section 2.2).</summary>
    public static void Extract(CryptoBackend backend, ReadOnlySpan<byte> salt, ReadOnlySpan<byte> ikm, Span<byte> prk)
    {
        Debug.Assert(prk.Length >= HashLength, "PRK needs 32 bytes");
        if (salt.IsEmpty)
        {
            Span<byte> zeros = stackalloc byte[HashLength];
            zeros.Clear();
            backend.HmacSha256(zeros, ikm, prk);
        }
        else
        {
            backend.HmacSha256(salt, ikm, prk);
        }
    }

    /// <summary>HKDF-Expand: fills <paramref name="output"/> (at most 255 * 32 bytes).</summary>
    public static void Expand(CryptoBackend backend, ReadOnlySpan<byte> prk, ReadOnlySpan<byte> info, Span<byte> output)
    {
        Debug.Assert(output.Length <= 255 * HashLength, "RFC 5869: L <= 255 * HashLen");

        // Each block's HMAC input is T(i-1) || info || i.
        var inputLength = HashLength + info.Length + 1;
        byte[]? rented = null;
        Span<byte> input = inputLength <= 512
            ? stackalloc byte[512]
            : (rented = ArrayPool<byte>.Shared.Rent(inputLength));
        input = input.Slice(0, inputLength);
        Span<byte> block = stackalloc byte[HashLength];
        try
        {
            info.CopyTo(input.Slice(HashLength));
            var previousLength = 0;
            var written = 0;
            for (byte counter = 1; written < output.Length; counter++)
            {
                // T(0) is empty, so the first block's input starts at the info.
                var start = HashLength - previousLength;
                block.Slice(0, previousLength).CopyTo(input.Slice(start));
                input[inputLength - 1] = counter;
                backend.HmacSha256(prk, input.Slice(start), block);

                var take = Math.Min(HashLength, output.Length - written);
                block.Slice(0, take).CopyTo(output.Slice(written));
                written += take;
                previousLength = HashLength;
            }
        }
        finally
        {
            CryptoMemory.Zero(input);
            CryptoMemory.Zero(block);
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
