using System;
using FluentAssertions;
using Pushwright.Encryption;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Encryption;

/// <summary>The legacy aesgcm record layer (draft-ietf-httpbis-encryption-encoding-03).</summary>
public sealed class AesGcmRecordsTests
{
    private static readonly byte[] s_ikm = Some.Bytes(16, seed: 21);
    private static readonly byte[] s_salt = Some.Bytes(16, seed: 22);

    [Theory]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(100)]
    [InlineData(4096)]
    public void RoundTrip_AnyLengthAndPadding_GivesPlaintextBack(int recordSize)
    {
        var random = new Random(recordSize);
        for (var i = 0; i < 60; i++)
        {
            var plaintext = new byte[random.Next(0, 600)];
            random.NextBytes(plaintext);
            var padding = random.Next(0, 2) == 0 ? 0 : random.Next(0, 200);

            var body = Encrypt(plaintext, recordSize, padding);

            body.Length.Should().Be((int)AesGcmRecords.GetEncryptedLength(plaintext.Length, recordSize, padding));
            (body.Length % (recordSize + 16)).Should().NotBe(0, "the last record is always shorter than a full one");
            Decrypt(body, recordSize, out var decrypted).Should().Be(DecryptionError.None);
            decrypted.Should().Equal(plaintext);
        }
    }

    [Fact]
    public void Encrypt_DataEndingOnRecordBoundary_AddsPaddingOnlyRecord()
    {
        // rs 10 holds 8 data bytes after the 2-byte prefix: 8 bytes fill one record exactly.
        var body = Encrypt(Some.Bytes(8), 10, 0);

        body.Length.Should().Be(26 + 18);
    }

    [Fact]
    public void Decrypt_FullSizeFinalRecord_ThrowsTruncated()
    {
        // Dropping the final padding-only record leaves a message that ends on a record boundary.
        var body = Encrypt(Some.Bytes(8), 10, 0);

        Decrypt(body.AsSpan(0, 26).ToArray(), 10, out _).Should().Be(DecryptionError.TruncatedRecord);
    }

    [Fact]
    public void Decrypt_NonZeroPadding_Throws()
    {
        var body = RecordForge.AesGcm(s_ikm, s_salt, [0x00, 0x02, 0x00, 0x05, 0x41]);

        Decrypt(body, 4096, out _).Should().Be(DecryptionError.NonZeroPadding);
    }

    [Fact]
    public void Decrypt_PaddingLengthBeyondRecord_Throws()
    {
        var body = RecordForge.AesGcm(s_ikm, s_salt, [0x00, 0x09, 0x00]);

        Decrypt(body, 4096, out _).Should().Be(DecryptionError.InvalidPaddingLength);
    }

    [Fact]
    public void Decrypt_RecordShorterThanPrefixAndTag_ThrowsTruncated()
    {
        var body = Encrypt(Some.Bytes(5), 4096, 0);

        Decrypt(body.AsSpan(0, 17).ToArray(), 4096, out _).Should().Be(DecryptionError.TruncatedRecord);
        Decrypt([], 4096, out _).Should().Be(DecryptionError.TruncatedRecord);
    }

    [Fact]
    public void Decrypt_TagChanged_FailsAuthentication()
    {
        var body = Encrypt(Some.Bytes(5), 4096, 0);
        body[^1] ^= 1;

        Decrypt(body, 4096, out _).Should().Be(DecryptionError.AuthenticationFailed);
    }

    private static byte[] Encrypt(byte[] plaintext, int recordSize, int padding)
    {
        var body = new byte[AesGcmRecords.GetEncryptedLength(plaintext.Length, recordSize, padding)];
        AesGcmRecords.Encrypt(Backends.Default, s_ikm, s_salt, default, recordSize, plaintext, padding, body);
        return body;
    }

    private static DecryptionError Decrypt(byte[] body, int recordSize, out byte[]? plaintext) =>
        AesGcmRecords.Decrypt(Backends.Default, s_ikm, s_salt, default, recordSize, body, out plaintext);
}
