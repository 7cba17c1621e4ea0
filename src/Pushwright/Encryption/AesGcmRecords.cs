// The legacy aesgcm content coding (draft-ietf-httpbis-encryption-encoding-03), as Web Push's
// draft-ietf-webpush-encryption-04 uses it.
//
//   body    = record_0 || ... || record_n           (no header: salt and keys travel in HTTP headers)
//   record  = AES-128-GCM(CEK, NONCE xor SEQ, padlen(2, big-endian) || 0x00 * padlen || data) plus 16-byte tag
//   rs      = the plaintext size of a full record, 2-byte prefix included (Encryption: rs=, default 4096);
//             a full record is rs + 16 bytes on the wire, and the last record must be shorter than
//             that: a message whose data ends on a record boundary gets one more record holding
//             only the prefix, so a receiver can tell truncation from the end (draft-03 Section 2).
using System;
using System.Buffers.Binary;
using System.Diagnostics;
using Pushwright.Cryptography;
using Pushwright.Internal;

namespace Pushwright.Encryption;

internal static class AesGcmRecords
{
    private const int Prefix = WebPushConstants.AesGcmPaddingPrefixSize;

    /// <summary>The largest padding one record can announce in its 2-byte prefix.</summary>
    private const int MaxRecordPadding = ushort.MaxValue;

    /// <summary>The length of the ciphertext: every record with its tag.</summary>
    public static long GetEncryptedLength(int plaintextLength, int recordSize, int paddingLength)
    {
        long length = 0;
        var plan = new RecordPlan(plaintextLength, paddingLength, recordSize);
        while (plan.Next(out var dataLength, out var padLength))
        {
            length += Prefix + padLength + dataLength + WebPushConstants.TagSize;
        }

        return length;
    }

    /// <summary>Encrypts into exactly <see cref="GetEncryptedLength"/> bytes of <paramref name="destination"/>.</summary>
    public static void Encrypt(
        CryptoBackend backend,
        ReadOnlySpan<byte> ikm,
        ReadOnlySpan<byte> salt,
        ReadOnlySpan<byte> context,
        int recordSize,
        ReadOnlySpan<byte> plaintext,
        int paddingLength,
        Span<byte> destination)
    {
        Debug.Assert(recordSize >= WebPushConstants.AesGcmMinRecordSize, "rs >= 3");
        Span<byte> cek = stackalloc byte[WebPushConstants.KeySize];
        Span<byte> baseNonce = stackalloc byte[WebPushConstants.NonceSize];
        Span<byte> nonce = stackalloc byte[WebPushConstants.NonceSize];
        try
        {
            ContentKeys.Derive(backend, ikm, salt, ContentKeys.AesGcmInfo, context, cek, baseNonce);

            var plan = new RecordPlan(plaintext.Length, paddingLength, recordSize);
            var consumed = 0;
            var offset = 0;
            long sequence = 0;
            while (plan.Next(out var dataLength, out var padLength))
            {
                var contentLength = Prefix + padLength + dataLength;
                var record = destination.Slice(offset, contentLength);
                BinaryPrimitives.WriteUInt16BigEndian(record, (ushort)padLength);
                record.Slice(Prefix, padLength).Clear();
                plaintext.Slice(consumed, dataLength).CopyTo(record.Slice(Prefix + padLength));

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

    /// <summary>Decrypts a whole aesgcm body.</summary>
    public static DecryptionError Decrypt(
        CryptoBackend backend,
        ReadOnlySpan<byte> ikm,
        ReadOnlySpan<byte> salt,
        ReadOnlySpan<byte> context,
        int recordSize,
        ReadOnlySpan<byte> body,
        out byte[]? plaintext)
    {
        Debug.Assert(recordSize >= WebPushConstants.AesGcmMinRecordSize, "rs >= 3");
        plaintext = null;
        if (body.IsEmpty)
        {
            return DecryptionError.TruncatedRecord;
        }

        var output = new byte[body.Length];
        var written = 0;
        var fullRecord = (long)recordSize + WebPushConstants.TagSize;
        Span<byte> cek = stackalloc byte[WebPushConstants.KeySize];
        Span<byte> baseNonce = stackalloc byte[WebPushConstants.NonceSize];
        Span<byte> nonce = stackalloc byte[WebPushConstants.NonceSize];
        try
        {
            ContentKeys.Derive(backend, ikm, salt, ContentKeys.AesGcmInfo, context, cek, baseNonce);

            long sequence = 0;
            var offset = 0;
            while (offset < body.Length)
            {
                var remaining = body.Length - offset;
                if (remaining == fullRecord)
                {
                    // A full-size final record means the real last record was cut off.
                    return DecryptionError.TruncatedRecord;
                }

                var length = (int)Math.Min(fullRecord, remaining);
                if (length < Prefix + WebPushConstants.TagSize)
                {
                    return DecryptionError.TruncatedRecord;
                }

                var contentLength = length - WebPushConstants.TagSize;
                var content = output.AsSpan(written, contentLength);
                ContentKeys.RecordNonce(baseNonce, sequence++, nonce);
                if (!backend.AesGcmOpen(cek, nonce, body.Slice(offset, contentLength), body.Slice(offset + contentLength, WebPushConstants.TagSize), content))
                {
                    return DecryptionError.AuthenticationFailed;
                }

                offset += length;
                int padLength = BinaryPrimitives.ReadUInt16BigEndian(content);
                if (Prefix + padLength > contentLength)
                {
                    return DecryptionError.InvalidPaddingLength;
                }

                foreach (var b in content.Slice(Prefix, padLength))
                {
                    if (b != 0)
                    {
                        return DecryptionError.NonZeroPadding;
                    }
                }

                // Move the data to the front of this record's slot, over the prefix and padding.
                var dataLength = contentLength - Prefix - padLength;
                content.Slice(Prefix + padLength, dataLength).CopyTo(content);
                content.Slice(dataLength).Clear();
                written += dataLength;
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

    /// <summary>Splits data and padding into records, the last one always shorter than rs.</summary>
    private struct RecordPlan
    {
        private readonly int _recordSize;
        private int _data;
        private int _padding;
        private bool _done;

        public RecordPlan(int dataLength, int paddingLength, int recordSize)
        {
            _data = dataLength;
            _padding = paddingLength;
            _recordSize = recordSize;
            _done = false;
        }

        public bool Next(out int dataLength, out int paddingLength)
        {
            if (_done)
            {
                dataLength = paddingLength = 0;
                return false;
            }

            var capacity = _recordSize - Prefix;
            paddingLength = Math.Min(Math.Min(_padding, MaxRecordPadding), _data > 0 ? capacity - 1 : capacity);
            dataLength = Math.Min(_data, capacity - paddingLength);
            _padding -= paddingLength;
            _data -= dataLength;

            // Only a record shorter than rs may be the last one.
            _done = _data == 0 && _padding == 0 && Prefix + paddingLength + dataLength < _recordSize;
            return true;
        }
    }
}
