using System;
using System.Security.Cryptography;
using System.Text;

namespace Pushwright.Testing.Tests.Support;

/// <summary>Hand-made JWTs signed with the BCL's ECDsa, to give the fake tokens our library would never send.</summary>
internal static class Jwt
{
    public static string Sign(VapidKeys keys, string claimsJson, string headerJson = """{"typ":"JWT","alg":"ES256"}""")
    {
        var input = Encode(Encoding.UTF8.GetBytes(headerJson)) + "." + Encode(Encoding.UTF8.GetBytes(claimsJson));
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            D = Decode(keys.ExportPrivateKeyBase64Url()),
            Q = new ECPoint { X = keys.PublicKey[1..33].ToArray(), Y = keys.PublicKey[33..65].ToArray() },
        });
        return input + "." + Encode(ecdsa.SignData(Encoding.ASCII.GetBytes(input), HashAlgorithmName.SHA256));
    }

    public static string Claims(string audience, DateTimeOffset expires, string subject = "mailto:tests@example.com") =>
        $$"""{"aud":"{{audience}}","exp":{{expires.ToUnixTimeSeconds()}},"sub":"{{subject}}"}""";

    public static string Encode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Decode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '='));
    }
}
