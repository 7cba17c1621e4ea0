using FluentAssertions;
using Pushwright.Encryption;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Rfc;

/// <summary>
/// draft-ietf-httpbis-encryption-encoding-03 Sections 5.1 and 5.2: the aesgcm record layer with
/// an explicit key and an empty context (one record; rs = 10 with three records, the last
/// holding only padding), on every backend of the asset available here.
/// </summary>
public sealed class AesGcmDraftTests
{
    private const string File = "aesgcm-draft.json";

    public static TheoryData<string, string> ExplicitKeyCases => Backends.Each(Vectors.Names(File, v => v.Text("keying") == "explicit-key"));

    [Theory]
    [MemberData(nameof(ExplicitKeyCases))]
    public void Encrypt_Vector_GivesBodyByteForByte(string backend, string name)
    {
        var v = Vectors.Named(File, name);
        var plaintext = v.Bytes("plaintext");
        var rs = RecordSizeOf(v);
        var destination = new byte[AesGcmRecords.GetEncryptedLength(plaintext.Length, rs, v.Int("pad"))];

        AesGcmRecords.Encrypt(Backends.Named(backend), v.Bytes("key"), v.Bytes("salt"), default, rs, plaintext, v.Int("pad"), destination);

        destination.Should().Equal(v.Bytes("body"));
    }

    [Theory]
    [MemberData(nameof(ExplicitKeyCases))]
    public void Decrypt_Vector_GivesPlaintext(string backend, string name)
    {
        var v = Vectors.Named(File, name);

        var error = AesGcmRecords.Decrypt(Backends.Named(backend), v.Bytes("key"), v.Bytes("salt"), default, RecordSizeOf(v), v.Bytes("body"), out var plaintext);

        error.Should().Be(DecryptionError.None);
        plaintext.Should().Equal(v.Bytes("plaintext"));
    }

    private static int RecordSizeOf(System.Text.Json.JsonElement v) => v.Has("rs") ? v.Int("rs") : 4096;
}
