using System;
using FluentAssertions;
using Pushwright.Encryption;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Encryption;

/// <summary>The RFC 8188 record layer: any record size, several records, padding, and every error the RFC names.</summary>
public sealed class Aes128GcmRecordsTests
{
    private static readonly byte[] s_ikm = Some.Bytes(16, seed: 11);
    private static readonly byte[] s_salt = Some.Bytes(16, seed: 12);

    [Theory]
    [InlineData(18)]
    [InlineData(19)]
    [InlineData(25)]
    [InlineData(100)]
    [InlineData(4096)]
    public void RoundTrip_AnyLengthAndPadding_GivesPlaintextBack(int recordSize)
    {
        // Property: for every record size >= 18, data length and padding, Decrypt(Encrypt(m)) == m,
        // non-final records are exactly rs bytes, and the length function is exact.
        var random = new Random(recordSize);
        for (var i = 0; i < 60; i++)
        {
            var plaintext = new byte[random.Next(0, 600)];
            random.NextBytes(plaintext);
            var padding = random.Next(0, 3) == 0 ? 0 : random.Next(0, 200);
            var keyId = Some.Bytes(random.Next(0, 4), seed: i);

            var body = Encrypt(plaintext, recordSize, padding, keyId);

            var error = Aes128GcmRecords.Decrypt(Backends.Default, s_ikm, body, out var decrypted);
            error.Should().Be(DecryptionError.None, $"rs {recordSize}, {plaintext.Length} bytes, padding {padding}");
            decrypted.Should().Equal(plaintext);

            // Cutting the body every rs bytes gives records that each verify on their own, with
            // delimiter 0x01 on all but the last: non-final records are exactly rs bytes.
            var records = DecryptRecords(body, recordSize);
            for (var r = 0; r < records.Length; r++)
            {
                Array.FindLast(records[r], b => b != 0).Should().Be(r == records.Length - 1 ? (byte)0x02 : (byte)0x01);
            }
        }
    }

    [Fact]
    public void Encrypt_SeveralRecords_UsesDelimiter1ThenDelimiter2()
    {
        // rs 20 leaves 3 bytes of data per record after the delimiter and the tag: 10 bytes of
        // data need 4 records, three full ones and a last one of 1 + 1 + 16 bytes.
        var plaintext = Some.Bytes(10);

        var body = Encrypt(plaintext, 20, 0, []);

        (body.Length - 21).Should().Be(20 + 20 + 20 + 18);
        var decryptedRecords = DecryptRecords(body, 20);
        decryptedRecords.Should().HaveCount(4);
        decryptedRecords[0].Should().Equal([.. plaintext[0..3], 0x01]);
        decryptedRecords[1].Should().Equal([.. plaintext[3..6], 0x01]);
        decryptedRecords[2].Should().Equal([.. plaintext[6..9], 0x01]);
        decryptedRecords[3].Should().Equal([plaintext[9], 0x02]);
    }

    [Fact]
    public void Encrypt_Padding_IsZeroBytesAfterDelimiter()
    {
        var body = Encrypt([1, 2, 3], 4096, 5, []);

        var record = DecryptRecords(body, 4096)[0];

        record.Should().Equal([1, 2, 3, 0x02, 0, 0, 0, 0, 0]);
    }

    [Fact]
    public void Decrypt_BodyCutInsideRecord_ThrowsTruncated()
    {
        var body = Encrypt(Some.Bytes(10), 4096, 0, []);

        Decrypt(body.AsSpan(0, 21 + 16).ToArray()).Should().Be(DecryptionError.TruncatedRecord);
    }

    [Fact]
    public void Decrypt_BodyCutAtRecordBoundary_ThrowsTruncated()
    {
        // Two full records of a four-record message: each verifies, but the last one has delimiter 0x01.
        var body = Encrypt(Some.Bytes(10), 20, 0, []);

        Decrypt(body.AsSpan(0, 21 + 40).ToArray()).Should().Be(DecryptionError.TruncatedRecord);
    }

    [Fact]
    public void Decrypt_NoRecords_ThrowsTruncated()
    {
        var body = Encrypt(Some.Bytes(10), 4096, 0, []);

        Decrypt(body.AsSpan(0, 21).ToArray()).Should().Be(DecryptionError.TruncatedRecord);
    }

    [Theory]
    [InlineData(new byte[] { 1, 2, 3, 0x03 })]
    [InlineData(new byte[] { 1, 2, 3, 0x02, 0x00, 0x07 })]
    [InlineData(new byte[] { 0, 0, 0 })]
    [InlineData(new byte[] { 0xff })]
    public void Decrypt_BadDelimiterOrNonZeroPadding_ThrowsInvalidPaddingDelimiter(byte[] recordPlaintext)
    {
        // In aes128gcm the delimiter is the last non-zero byte, so a non-zero padding byte is read
        // as a delimiter that is neither 0x01 nor 0x02.
        var body = RecordForge.Aes128Gcm(s_ikm, s_salt, 4096, recordPlaintext);

        Decrypt(body).Should().Be(DecryptionError.InvalidPaddingDelimiter);
    }

    [Fact]
    public void Decrypt_RecordAfterLast_Throws()
    {
        var body = RecordForge.Aes128Gcm(s_ikm, s_salt, 20, [1, 2, 0x02, 0], [3, 0x02]);

        Decrypt(body).Should().Be(DecryptionError.RecordAfterLast);
    }

    [Fact]
    public void Decrypt_LastRecordMarkedNotLast_ThrowsTruncated()
    {
        var body = RecordForge.Aes128Gcm(s_ikm, s_salt, 20, [1, 2, 3, 0x01], [4, 0x01]);

        Decrypt(body).Should().Be(DecryptionError.TruncatedRecord);
    }

    [Fact]
    public void Decrypt_RecordsSwapped_FailsAuthentication()
    {
        var body = Encrypt(Some.Bytes(10), 20, 0, []);
        var swapped = (byte[])body.Clone();
        body.AsSpan(21, 20).CopyTo(swapped.AsSpan(41));
        body.AsSpan(41, 20).CopyTo(swapped.AsSpan(21));

        Decrypt(swapped).Should().Be(DecryptionError.AuthenticationFailed);
    }

    [Fact]
    public void Decrypt_TagChanged_FailsAuthentication()
    {
        var body = Encrypt(Some.Bytes(10), 4096, 0, []);
        body[^1] ^= 0x80;

        Decrypt(body).Should().Be(DecryptionError.AuthenticationFailed);
    }

    [Fact]
    public void Decrypt_WrongKey_FailsAuthentication()
    {
        var body = Encrypt(Some.Bytes(10), 4096, 0, []);

        Aes128GcmRecords.Decrypt(Backends.Default, Some.Bytes(16, seed: 99), body, out _).Should().Be(DecryptionError.AuthenticationFailed);
    }

    private static byte[] Encrypt(byte[] plaintext, int recordSize, int padding, byte[] keyId)
    {
        var body = new byte[Aes128GcmRecords.GetEncryptedLength(plaintext.Length, recordSize, keyId.Length, padding)];
        Aes128GcmRecords.Encrypt(Backends.Default, s_ikm, s_salt, recordSize, keyId, plaintext, padding, body);
        return body;
    }

    private static DecryptionError Decrypt(byte[] body) => Aes128GcmRecords.Decrypt(Backends.Default, s_ikm, body, out _);

    /// <summary>Decrypts each record separately and returns its padded plaintext, delimiter included.</summary>
    private static byte[][] DecryptRecords(byte[] body, int recordSize)
    {
        var cek = new byte[16];
        var baseNonce = new byte[12];
        var nonce = new byte[12];
        ContentKeys.Derive(Backends.Default, s_ikm, s_salt, ContentKeys.Aes128GcmInfo, default, cek, baseNonce);
        var records = body.AsSpan(21 + body[20]).ToArray();
        var count = (records.Length + recordSize - 1) / recordSize;
        var result = new byte[count][];
        for (var i = 0; i < count; i++)
        {
            var record = records.AsSpan(i * recordSize, Math.Min(recordSize, records.Length - (i * recordSize)));
            result[i] = new byte[record.Length - 16];
            ContentKeys.RecordNonce(baseNonce, i, nonce);
            Backends.Default.AesGcmOpen(cek, nonce, record[..^16], record[^16..], result[i]).Should().BeTrue();
        }

        return result;
    }
}
