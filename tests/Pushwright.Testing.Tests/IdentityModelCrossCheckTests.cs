using System;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Pushwright.Testing.Tests.Support;
using Xunit;

namespace Pushwright.Testing.Tests;

/// <summary>
/// The fake's VAPID verifier against an implementation that is not ours, Microsoft.IdentityModel:
/// tokens it accepts validate there, and tokens IdentityModel signs are accepted here, so the fake
/// is not our own code agreeing with itself. (Node's web-push is the other referee, in
/// tests/Pushwright.Tests/Interop/FakePushServiceInteropTests.cs.)
/// </summary>
public sealed class IdentityModelCrossCheckTests
{
    private const string Audience = "https://updates.push.services.mozilla.com";

    [Theory]
    [InlineData(ContentEncoding.Aes128Gcm)]
    [InlineData(ContentEncoding.AesGcm)]
    public async Task AcceptedToken_ValidatesWithIdentityModel(ContentEncoding encoding)
    {
        var service = new FakePushService();
        var vapid = Some.Vapid();
        var browser = service.Subscribe(vapid.Keys.PublicKey);
        using var client = new WebPushClient(service.CreateHttpClient(), vapid);
        (await client.SendAsync(browser.Subscription, Some.Message("x", encoding))).IsDelivered.Should().BeTrue();
        var claims = service.Deliveries.Single().Vapid!;

        var result = await ValidateAsync(claims.Token, vapid.Keys);

        result.IsValid.Should().BeTrue(result.Exception?.Message);
        var jwt = (JsonWebToken)result.SecurityToken;
        jwt.Audiences.Should().Equal(claims.Audience);
        jwt.Subject.Should().Be(claims.Subject);
        jwt.ValidTo.Should().Be(claims.ExpiresAt.UtcDateTime);
    }

    [Fact]
    public async Task TokenSignedByIdentityModel_AcceptedByTheFake()
    {
        var service = new FakePushService();
        var vapid = Some.Vapid();
        var browser = service.Subscribe(vapid.Keys.PublicKey);
        using var ecdsa = EcdsaOf(vapid.Keys);
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Audience = Audience,
            Expires = TimeProvider.System.GetUtcNow().UtcDateTime.AddHours(1),
            IssuedAt = null,
            NotBefore = null,
            Claims = new System.Collections.Generic.Dictionary<string, object> { ["sub"] = "https://example.com/contact" },
            SigningCredentials = new SigningCredentials(new ECDsaSecurityKey(ecdsa), SecurityAlgorithms.EcdsaSha256),
        });
        using var request = Some.Request(browser, vapid);
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", $"vapid t={token}, k={vapid.Keys.PublicKeyBase64Url}");
        using var http = service.CreateHttpClient();

        using var response = await http.SendAsync(request);

        ((int)response.StatusCode).Should().Be(201, service.Requests.Single().Rejection);
        service.Deliveries.Single().Vapid!.Subject.Should().Be("https://example.com/contact");
    }

    [Fact]
    public async Task TokenIdentityModelRefuses_RefusedByTheFake()
    {
        var service = new FakePushService();
        var vapid = Some.Vapid();
        var browser = service.Subscribe(vapid.Keys.PublicKey);
        var token = Jwt.Sign(vapid.Keys, Jwt.Claims(Audience, TimeProvider.System.GetUtcNow().AddHours(1)));
        var tampered = token.Substring(0, token.Length - 2) + (token.EndsWith("AA", StringComparison.Ordinal) ? "BA" : "AA");
        (await ValidateAsync(tampered, vapid.Keys)).IsValid.Should().BeFalse();
        using var request = Some.Request(browser, vapid);
        request.Headers.Remove("Authorization");
        request.Headers.TryAddWithoutValidation("Authorization", $"vapid t={tampered}, k={vapid.Keys.PublicKeyBase64Url}");
        using var http = service.CreateHttpClient();

        using var response = await http.SendAsync(request);

        ((int)response.StatusCode).Should().Be(401);
    }

    private static ECDsa EcdsaOf(VapidKeys keys) => ECDsa.Create(new ECParameters
    {
        Curve = ECCurve.NamedCurves.nistP256,
        D = Jwt.Decode(keys.ExportPrivateKeyBase64Url()),
        Q = new ECPoint { X = keys.PublicKey[1..33].ToArray(), Y = keys.PublicKey[33..65].ToArray() },
    });

    private static async Task<TokenValidationResult> ValidateAsync(string token, VapidKeys keys)
    {
        using var ecdsa = ECDsa.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = keys.PublicKey[1..33].ToArray(), Y = keys.PublicKey[33..65].ToArray() },
        });
        return await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            // No provider cache: it would keep an ECDsa this method disposes.
            IssuerSigningKey = new ECDsaSecurityKey(ecdsa) { CryptoProviderFactory = new CryptoProviderFactory { CacheSignatureProviders = false } },
            ValidAlgorithms = [SecurityAlgorithms.EcdsaSha256],
            ValidateIssuer = false,
            ValidAudience = Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
        });
    }
}
