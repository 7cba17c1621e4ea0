using System.Buffers.Binary;
using System.Collections.Generic;
using Pushwright.Encryption;

namespace Pushwright.Tests.Support;

/// <summary>
/// Builds bodies from hand-made record plaintexts (valid encryption, invalid framing), so each
/// decryption error RFC 8188 names can be produced on purpose.
/// </summary>
internal static class RecordForge
{
    public static byte[] Aes128Gcm(byte[] ikm, byte[] salt, int recordSize, params byte[][] recordPlaintexts)
    {
        var body = new List<byte>(salt);
        var rs = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(rs, (uint)recordSize);
        body.AddRange(rs);
        body.Add(0);
        body.AddRange(Seal(ikm, salt, ContentKeys.Aes128GcmInfo.ToArray(), recordPlaintexts));
        return [.. body];
    }

    public static byte[] AesGcm(byte[] ikm, byte[] salt, params byte[][] recordPlaintexts) =>
        Seal(ikm, salt, ContentKeys.AesGcmInfo.ToArray(), recordPlaintexts);

    private static byte[] Seal(byte[] ikm, byte[] salt, byte[] cekInfo, byte[][] recordPlaintexts)
    {
        var cek = new byte[16];
        var baseNonce = new byte[12];
        var nonce = new byte[12];
        ContentKeys.Derive(Backends.Default, ikm, salt, cekInfo, default, cek, baseNonce);
        var output = new List<byte>();
        for (var i = 0; i < recordPlaintexts.Length; i++)
        {
            var ciphertext = new byte[recordPlaintexts[i].Length];
            var tag = new byte[16];
            ContentKeys.RecordNonce(baseNonce, i, nonce);
            Backends.Default.AesGcmSeal(cek, nonce, recordPlaintexts[i], ciphertext, tag);
            output.AddRange(ciphertext);
            output.AddRange(tag);
        }

        return [.. output];
    }
}
