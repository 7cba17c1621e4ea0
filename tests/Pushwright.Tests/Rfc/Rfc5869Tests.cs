using FluentAssertions;
using Pushwright.Cryptography;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Rfc;

/// <summary>RFC 5869 Appendix A.1 to A.3: HKDF-SHA-256, the KDF under RFC 8188 and RFC 8291, on every backend of the asset available here.</summary>
public sealed class Rfc5869Tests
{
    private const string File = "rfc5869.json";

    public static TheoryData<string, string> Cases => Backends.Each(Vectors.Names(File));

    [Theory]
    [MemberData(nameof(Cases))]
    public void Extract_Vector_GivesPrk(string backend, string name)
    {
        var v = Vectors.Named(File, name);
        var prk = new byte[32];

        Hkdf.Extract(Backends.Named(backend), v.Bytes("salt"), v.Bytes("ikm"), prk);

        prk.Should().Equal(v.Bytes("prk"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Expand_Vector_GivesOkm(string backend, string name)
    {
        var v = Vectors.Named(File, name);
        var okm = new byte[v.Int("length")];

        Hkdf.Expand(Backends.Named(backend), v.Bytes("prk"), v.Bytes("info"), okm);

        okm.Should().Equal(v.Bytes("okm"));
    }
}
