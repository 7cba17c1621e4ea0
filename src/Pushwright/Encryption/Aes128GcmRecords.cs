// The aes128gcm content coding (RFC 8188), with any record size, any number of records and padding.
//
//   body    = header || record_0 || ... || record_n
//   header  = salt(16) || rs(4, big-endian, >= 18) || idlen(1) || keyid(idlen)     Section 2.1
//   record  = AES-128-GCM(CEK, NONCE xor SEQ, data || delimiter || 0x00*)  plus 16-byte tag
//             delimiter 0x01 on every record but the last, 0x02 on the last      Section 2
//             every record but the last is exactly rs bytes; the last is at most rs bytes
//
// Padding is spread the way the RFC 8188 Section 3.2 example does it: each record takes as much
// padding as it can while keeping one byte for data, so the example encrypts byte for byte.
using System;
using System.Buffers.Binary;
using System.Diagnostics;
using Pushwright.Cryptography;
using Pushwright.Internal;

namespace Pushwright.Encryption;

internal static class Aes128GcmRecords
{
    /// <summary>Overhead per record: the delimiter and the tag.</summary>
    private const int RecordOverhead = 1 + WebPushConstants.TagSize;

    /// <summary>The length of the whole body: header, key id and every record.</summary>
    public static long GetEncryptedLength(int plaintextLength, int recordSize, int keyIdLength, int paddingLength)
    {
        long length = WebPushConstants.Aes128GcmHeaderSize + keyIdLength;
        var plan = new RecordPlan(plaintextLength, paddingLength, recordSize - RecordOverhead);
        while (plan.Next(out var dataLength, out var padLength, out _))
        {
            length += dataLength + padLength + RecordOverhead;
        }

        return length;
    }

    /// <summary>Encrypts <paramref name="plaintext"/> into exactly <see cref="GetEncryptedLength"/> bytes of <paramref name="destination"/>.</summary>
    public static void Encrypt(
        CryptoBackend backend,
        ReadOnlySpan<byte> ikm,
        ReadOnlySpan<byte> salt,
        int recordSize,
        ReadOnlySpan<byte> keyId,
        ReadOnlySpan<byte> plaintext,
        int paddingLength,
        Span<byte> destination)
    {
        Debug.Assert(salt.Length == WebPushConstants.SaltSize, "salt is 16 bytes");
        Debug.Assert(recordSize >= WebPushConstants.Aes128GcmMinRecordSize, "rs >= 18");
        Debug.Assert(keyId.Length <= 255, "idlen is one byte");

        salt.CopyTo(destination);
        BinaryPrimitives.WriteUInt32BigEndian(destination.Slice(WebPushConstants.SaltSize), (uint)recordSize);
        destination[WebPushConstants.SaltSize + 4] = (byte)keyId.Length;
        keyId.CopyTo(destination.Slice(WebPushConstants.Aes128GcmHeaderSize));
        var offset = WebPushConstants.Aes128GcmHeaderSize + keyId.Length;

        Span<byte> cek = stackalloc byte[WebPushConstants.KeySize];
        Span<byte> baseNonce = stackalloc byte[WebPushConstants.NonceSize];
        Span<byte> nonce = stackalloc byte[WebPushConstants.NonceSize];
        try
        {
            ContentKeys.Derive(backend, ikm, salt, ContentKeys.Aes128GcmInfo, default, cek, baseNonce);

            var plan = new RecordPlan(plaintext.Length, paddingLength, recordSize - RecordOverhead);
            var consumed = 0;
            long sequence = 0;
            while (plan.Next(out var dataLength, out var padLength, out var last))
            {
                // Lay the record's plaintext out in place, then encrypt it in place.
                var contentLength = dataLength + 1 + padLength;
                var record = destination.Slice(offset, contentLength);
                plaintext.Slice(consumed, dataLength).CopyTo(record);
                record[dataLength] = last ? (byte)0x02 : (byte)0x01;
                record.Slice(dataLength + 1).Clear();

                ContentKeys.RecordNonce(baseNonce, sequence++, nonce);
                backend.AesGcmSeal(cek, nonce, record, record, destination.Slice(offset + contentLength, WebPushConstants.TagSize));

                consumed += dataLength;
                offset += contentLength + WebPushConstants.TagSize;
            }

            Debug.Assert(offset == destination.Length, "the plan and the length agree");
        }
        finally
        {
            CryptoMemory.Zero(cek);
            CryptoMemory.Zero(baseNonce);
            CryptoMemory.Zero(nonce);
        }
    }

    /// <summary>Reads the header; false when the body is shorter than its header or rs is below 18.</summary>
    public static bool TryReadHeader(ReadOnlySpan<byte> body, out int recordSize, out int keyIdLength)
    {
        recordSize = 0;
        keyIdLength = 0;
        if (body.Length < WebPushConstants.Aes128GcmHeaderSize)
        {
            return false;
        }

        var rs = BinaryPrimitives.ReadUInt32BigEndian(body.Slice(WebPushConstants.SaltSize));
        keyIdLength = body[WebPushConstants.SaltSize + 4];
        if (rs < WebPushConstants.Aes128GcmMinRecordSize || rs > int.MaxValue
            || body.Length < WebPushConstants.Aes128GcmHeaderSize + keyIdLength)
        {
            return false;
        }

        recordSize = (int)rs;
        return true;
    }

    /// <summary>Decrypts a whole body whose header <see cref="TryReadHeader"/> accepted.</summary>
    public static DecryptionError Decrypt(CryptoBackend backend, ReadOnlySpan<byte> ikm, ReadOnlySpan<byte> body, out byte[]? plaintext)
    {
        plaintext = null;
        if (!TryReadHeader(body, out var recordSize, out var keyIdLength))
        {
            return DecryptionError.InvalidHeader;
        }

        var salt = body.Slice(0, WebPushConstants.SaltSize);
        var records = body.Slice(WebPushConstants.Aes128GcmHeaderSize + keyIdLength);
        if (records.IsEmpty)
        {
            return DecryptionError.TruncatedRecord;
        }

        // The plaintext is never longer than the ciphertext records.
        var output = new byte[records.Length];
        var written = 0;
        Span<byte> cek = stackalloc byte[WebPushConstants.KeySize];
        Span<byte> baseNonce = stackalloc byte[WebPushConstants.NonceSize];
        Span<byte> nonce = stackalloc byte[WebPushConstants.NonceSize];
        try
        {
            ContentKeys.Derive(backend, ikm, salt, ContentKeys.Aes128GcmInfo, default, cek, baseNonce);

            long sequence = 0;
            var offset = 0;
            while (offset < records.Length)
            {
                var length = Math.Min(recordSize, records.Length - offset);
                if (length < RecordOverhead)
                {
                    return DecryptionError.TruncatedRecord;
                }

                var contentLength = length - WebPushConstants.TagSize;
                var content = output.AsSpan(written, contentLength);
                ContentKeys.RecordNonce(baseNonce, sequence++, nonce);
                if (!backend.AesGcmOpen(cek, nonce, records.Slice(offset, contentLength), records.Slice(offset + contentLength, WebPushConstants.TagSize), content))
                {
                    return DecryptionError.AuthenticationFailed;
                }

                // The delimiter is the last non-zero byte; everything after it is zero padding.
                var delimiterIndex = content.Length - 1;
                while (delimiterIndex >= 0 && content[delimiterIndex] == 0)
                {
                    delimiterIndex--;
                }

                offset += length;
                var isEnd = offset == records.Length;
                var delimiter = delimiterIndex < 0 ? (byte)0 : content[delimiterIndex];
                var error = delimiter switch
                {
                    0x02 when !isEnd => DecryptionError.RecordAfterLast,
                    0x02 => DecryptionError.None,
                    0x01 when isEnd => DecryptionError.TruncatedRecord,
                    0x01 => DecryptionError.None,
                    _ => DecryptionError.InvalidPaddingDelimiter,
                };
                if (error != DecryptionError.None)
                {
                    return error;
                }

                content.Slice(delimiterIndex).Clear();
                written += delimiterIndex;
            }

            plaintext = output.AsSpan(0, written).ToArray();
            return DecryptionError.None;
        }
        finally
        {
            CryptoMemory.Zero(output);
            CryptoMemory.Zero(cek);
            CryptoMemory.Zero(baseNonce);
            CryptoMemory.Zero(nonce);
        }
    }

    /// <summary>Splits data and padding into records; shared by the length and the encryption.</summary>
    private struct RecordPlan
    {
        private readonly int _capacity;
        private int _data;
        private int _padding;
        private bool _done;

        public RecordPlan(int dataLength, int paddingLength, int capacity)
        {
            _data = dataLength;
            _padding = paddingLength;
            _capacity = capacity;
            _done = false;
        }

        /// <summary>Gets the next record's data and padding lengths; false when every record is planned.</summary>
        public bool Next(out int dataLength, out int paddingLength, out bool last)
        {
            if (_done)
            {
                dataLength = paddingLength = 0;
                last = false;
                return false;
            }

            // Keep one byte for data while data remains, so every record makes progress.
            paddingLength = Math.Min(_padding, _data > 0 ? _capacity - 1 : _capacity);
            dataLength = Math.Min(_data, _capacity - paddingLength);
            _padding -= paddingLength;
            _data -= dataLength;
            last = _data == 0 && _padding == 0;
            _done = last;
            return true;
        }
    }
}
