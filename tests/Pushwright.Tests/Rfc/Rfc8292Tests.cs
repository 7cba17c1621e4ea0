using System;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using FluentAssertions;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Rfc;

/// <summary>
/// RFC 8292 Section 2.4, draft-ietf-webpush-vapid-01 Section 2.2, and the generated VAPID vectors:
/// our tokens reproduce the signed segments byte for byte, verify independently, and the test
/// verifier agrees with every positive and negative vector.
/// </summary>
public sealed class Rfc8292Tests
{
    private const string File = "vapid.json";

    public static TheoryData<string> Signable => Vectors.Names(File, v => v.Has("privateKey"));

    public static TheoryData<string> WithChecks => Vectors.Names(File, v => v.Has("checks"));

    [Fact]
    public void HeaderSegment_Rfc8292Example_IsOurs()
    {
        var v = Vectors.Named(File, "rfc8292-2.4");

        VapidToken.HeaderSegment.Should().Be(v.Text("headerSegment"));
        Encoding.UTF8.GetString(Vectors.Decode(VapidToken.HeaderSegment)).Should().Be(v.Text("jwtHeaderJson"));
    }

    [Fact]
    public void ClaimsJson_Rfc8292Example_GivesPayloadSegment()
    {
        var v = Vectors.Named(File, "rfc8292-2.4");
        var claims = v.GetProperty("claims");

        var json = VapidToken.GetClaimsJson(claims.Text("aud"), claims.GetProperty("exp").GetInt64(), claims.Text("sub"));

        json.Should().Be(v.Text("jwtPayloadJson"));
        Vectors.Encode(Encoding.UTF8.GetBytes(json)).Should().Be(v.Text("payloadSegment"));
    }

    [Theory]
    [MemberData(nameof(Signable))]
    public void Create_GeneratedVector_ReproducesSigningInputAndVerifies(string name)
    {
        var v = Vectors.Named(File, name);
        var keys = VapidKeys.FromBase64Url(v.Text("publicKey"), v.Text("privateKey"));

        var token = VapidToken.Create(keys, v.Text("audience"), v.GetProperty("exp").GetInt64(), v.Text("subject"));

        var parts = token.Split('.');
        (parts[0] + "." + parts[1]).Should().Be(v.Text("signingInput"));
        Encoding.UTF8.GetString(Vectors.Decode(parts[1])).Should().Be(v.Text("jwtPayloadJson"));
        Vectors.Decode(parts[2]).Should().HaveCount(64, "ES256 in JWS is r || s, not DER");

        // Verified by the BCL directly and by Microsoft.IdentityModel through the verifier.
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = keys.PublicKey[1..33].ToArray(), Y = keys.PublicKey[33..65].ToArray() },
        });
        ecdsa.VerifyData(Encoding.ASCII.GetBytes(v.Text("signingInput")), Vectors.Decode(parts[2]), HashAlgorithmName.SHA256).Should().BeTrue();
        var firstCheck = v.GetProperty("checks").EnumerateArray().First();
        var authorization = v.Text("scheme") == "vapid" ? $"vapid t={token}, k={v.Text("publicKey")}" : "WebPush " + token;
        var cryptoKey = v.Text("scheme") == "vapid" ? null : "p256ecdsa=" + v.Text("publicKey");
        VapidVerification.Failures(authorization, cryptoKey, v.Text("audience"), DateTimeOffset.FromUnixTimeSeconds(firstCheck.GetProperty("now").GetInt64()))
            .Should().BeEmpty();
    }

    [Theory]
    [MemberData(nameof(WithChecks))]
    public void Verify_VectorChecks_AgreeWithExpectation(string name)
    {
        var v = Vectors.Named(File, name);
        var authorization = v.Text("authorization");
        var cryptoKey = v.Has("cryptoKey") ? v.Text("cryptoKey") : null;
        foreach (var check in v.GetProperty("checks").EnumerateArray())
        {
            var now = DateTimeOffset.FromUnixTimeSeconds(check.GetProperty("now").GetInt64());

            var failures = VapidVerification.Failures(authorization, cryptoKey, v.Text("audience"), now);

            var expected = check.TryGetProperty("expectFailed", out var f) ? f.EnumerateArray().Select(e => e.GetString()!).ToArray() : [];
            if (check.GetProperty("expectValid").GetBoolean())
            {
                failures.Should().BeEmpty($"{name} at {now}");
            }
            else if (expected.Length > 0)
            {
                // The verifier stops at the first failing check; it must be one the vector names.
                expected.Should().Contain(failures.Should().ContainSingle($"{name} at {now}").Subject);
            }
            else
            {
                failures.Should().NotBeEmpty($"{name} at {now}");
            }
        }
    }
}
