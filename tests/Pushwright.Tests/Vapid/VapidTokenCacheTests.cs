using System;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Pushwright.Encryption;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Vapid;

/// <summary>
/// The token cache behind <see cref="VapidDetails.GetHeaders(Uri, ContentEncoding)"/>, driven by a fake clock that is
/// moved hours, days, months and years ahead (and back).
/// </summary>
public sealed class VapidTokenCacheTests
{
    private static readonly Uri s_fcm = new("https://fcm.googleapis.com/fcm/send/abc123");
    private static readonly Uri s_mozilla = new("https://updates.push.services.mozilla.com/wpush/v2/gAAAA");
    private static readonly Uri s_apple = new("https://web.push.apple.com/QGx1c2VyQGV4YW1wbGUuY29t");

    [Fact]
    public void GetHeaders_SameAudience_ReusesOneToken()
    {
        var (details, _) = CreateSut();

        var a = details.GetHeaders(s_fcm);
        var b = details.GetHeaders(new Uri("https://fcm.googleapis.com/fcm/send/another-subscription"));

        b.Authorization.Should().BeSameAs(a.Authorization);
        details.SignatureCount.Should().Be(1);
    }

    [Fact]
    public void GetHeaders_Aes128Gcm_IsRfc8292VapidForm()
    {
        var (details, time) = CreateSut();

        var headers = details.GetHeaders(s_fcm, ContentEncoding.Aes128Gcm);

        headers.Authorization.Should().MatchRegex("^vapid t=[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]{86}, k=" + details.Keys.PublicKeyBase64Url + "$");
        headers.CryptoKey.Should().BeNull();
        VapidVerification.Failures(headers.Authorization, null, "https://fcm.googleapis.com", time.GetUtcNow()).Should().BeEmpty();
    }

    [Fact]
    public void GetHeaders_AesGcm_IsLegacyWebPushFormWithP256ecdsa()
    {
        var (details, time) = CreateSut();
        var payloadDh = "dh=" + Vectors.Encode(UserAgentKeys.Generate().PublicKey.Span);

        var headers = details.GetHeaders(s_mozilla, ContentEncoding.AesGcm);

        headers.Authorization.Should().StartWith("WebPush ey");
        headers.CryptoKey.Should().Be("p256ecdsa=" + details.Keys.PublicKeyBase64Url);
        var joined = headers.JoinCryptoKey(payloadDh);
        joined.Should().Be(payloadDh + ";p256ecdsa=" + details.Keys.PublicKeyBase64Url);
        VapidVerification.Failures(headers.Authorization, joined, "https://updates.push.services.mozilla.com", time.GetUtcNow()).Should().BeEmpty();
    }

    [Theory]
    [InlineData("https://fcm.googleapis.com/fcm/send/x", "https://fcm.googleapis.com")]
    [InlineData("https://FCM.googleapis.com:443/a/b?c=d#e", "https://fcm.googleapis.com")]
    [InlineData("https://user:secret@push.example.net:8443/p", "https://push.example.net:8443")]
    [InlineData("http://127.0.0.1:5000/push/1", "http://127.0.0.1:5000")]
    [InlineData("https://[::1]:9000/x", "https://[::1]:9000")]
    public void GetHeaders_Endpoint_AudienceIsOriginOnly(string endpoint, string audience)
    {
        var (details, _) = CreateSut();

        var token = Token(details.GetHeaders(new Uri(endpoint)));

        VapidVerification.ClaimsOf(token).GetProperty("aud").GetString().Should().Be(audience);
        token.Should().NotContain("secret");
    }

    [Theory]
    [InlineData("/relative/path")]
    [InlineData("ftp://example.com/x")]
    [InlineData("file:///etc/passwd")]
    public void GetHeaders_NotAbsoluteHttp_Throws(string endpoint)
    {
        var (details, _) = CreateSut();

        var act = () => details.GetHeaders(new Uri(endpoint, UriKind.RelativeOrAbsolute));

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("endpoint");
    }

    [Fact]
    public void GetHeaders_TwoAudiences_SignOncePerAudience()
    {
        var (details, _) = CreateSut();

        details.GetHeaders(s_fcm);
        details.GetHeaders(s_mozilla);
        details.GetHeaders(s_fcm);
        details.GetHeaders(s_mozilla);

        details.SignatureCount.Should().Be(2);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(12)]
    [InlineData(24)]
    public void GetHeaders_ClockWalksForwardForSixtyDays_NeverServesExpiredOrOverlongAndSignsAtMostHourly(int lifetimeHours)
    {
        var lifetime = TimeSpan.FromHours(lifetimeHours);
        var (details, time) = CreateSut(lifetime);
        var lastToken = string.Empty;
        var lastSigned = DateTimeOffset.MinValue;
        var step = TimeSpan.FromMinutes(7);
        for (var elapsed = TimeSpan.Zero; elapsed < TimeSpan.FromDays(60); elapsed += step)
        {
            var now = time.GetUtcNow();
            var token = Token(details.GetHeaders(s_fcm));
            var exp = DateTimeOffset.FromUnixTimeSeconds(VapidVerification.ClaimsOf(token).GetProperty("exp").GetInt64());

            (exp - now).Should().BeGreaterThan(TimeSpan.FromTicks(lifetime.Ticks / 4), "a served token keeps at least a quarter of its lifetime");
            (exp - now).Should().BeLessThanOrEqualTo(lifetime, "exp is never further ahead than the lifetime");
            if (token != lastToken)
            {
                (now - lastSigned).Should().BeGreaterThanOrEqualTo(TimeSpan.FromHours(1), "no audience is signed for more than once an hour");
                lastToken = token;
                lastSigned = now;
            }

            time.Advance(step);
        }

        details.SignatureCount.Should().BeLessThanOrEqualTo((long)Math.Ceiling(TimeSpan.FromDays(60).TotalHours / (lifetime.TotalHours * 0.75)) + 1);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(31)]
    [InlineData(365)]
    [InlineData(3 * 365)]
    public void GetHeaders_ClockJumpsDaysMonthsYears_ServesAFreshValidToken(int days)
    {
        var (details, time) = CreateSut();
        var first = details.GetHeaders(s_fcm).Authorization;

        time.Advance(TimeSpan.FromDays(days));
        var headers = details.GetHeaders(s_fcm);

        headers.Authorization.Should().NotBe(first);
        VapidVerification.Failures(headers.Authorization, null, "https://fcm.googleapis.com", time.GetUtcNow()).Should().BeEmpty();
    }

    [Fact]
    public void GetHeaders_ClockMovesBackTwoDays_ReplacesTheOverlongToken()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var details = new VapidDetails("mailto:ops@example.com", VapidKeys.Generate(), VapidDetails.DefaultTokenLifetime, time);
        var first = details.GetHeaders(s_fcm).Authorization;

        time.Now -= TimeSpan.FromDays(2);
        var headers = details.GetHeaders(s_fcm);

        headers.Authorization.Should().NotBe(first, "the old token's exp is more than a lifetime ahead of the new now");
        VapidVerification.Failures(headers.Authorization, null, "https://fcm.googleapis.com", time.GetUtcNow()).Should().BeEmpty();
    }

    [Fact]
    public async Task GetHeaders_ThousandsOfConcurrentSenders_ShareOneSignature()
    {
        var (details, _) = CreateSut();

        var tokens = await Task.WhenAll(Enumerable.Range(0, 64).Select(_ => Task.Run(() =>
            Enumerable.Range(0, 200).Select(_ => details.GetHeaders(s_fcm).Authorization).Distinct().ToArray())));

        tokens.SelectMany(t => t).Distinct().Should().ContainSingle();
        details.SignatureCount.Should().Be(1);
    }

    [Fact]
    public async Task GetHeaders_RealClock_ValidatesWithIdentityModelLifetimeAndAudience()
    {
        var details = new VapidDetails("mailto:ops@example.com", VapidKeys.Generate());

        var headers = details.GetHeaders(s_fcm);

        // ValidateLifetime and ValidateAudience on, against the real clock.
        var publicKey = details.Keys.PublicKey.ToArray();
        using var ecdsa = System.Security.Cryptography.ECDsa.Create(new System.Security.Cryptography.ECParameters
        {
            Curve = System.Security.Cryptography.ECCurve.NamedCurves.nistP256,
            Q = new System.Security.Cryptography.ECPoint { X = publicKey[1..33], Y = publicKey[33..65] },
        });
        var result = await new Microsoft.IdentityModel.JsonWebTokens.JsonWebTokenHandler().ValidateTokenAsync(Token(headers), new Microsoft.IdentityModel.Tokens.TokenValidationParameters
        {
            IssuerSigningKey = new Microsoft.IdentityModel.Tokens.ECDsaSecurityKey(ecdsa)
            {
                CryptoProviderFactory = new Microsoft.IdentityModel.Tokens.CryptoProviderFactory { CacheSignatureProviders = false },
            },
            ValidAudience = "https://fcm.googleapis.com",
            ValidateIssuer = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
        });

        result.IsValid.Should().BeTrue(result.Exception?.Message);
    }

    [Fact]
    public void GetHeaders_ClockStepsBackAMillisecond_KeepsTheToken()
    {
        var time = new ManualTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        var details = new VapidDetails("mailto:ops@example.com", VapidKeys.Generate(), VapidDetails.DefaultTokenLifetime, time);
        var first = details.GetHeaders(s_fcm).Authorization;

        time.Now -= TimeSpan.FromMilliseconds(1);

        details.GetHeaders(s_fcm).Authorization.Should().BeSameAs(first);
        details.SignatureCount.Should().Be(1);
    }

    [Fact]
    public void GetHeaders_ThousandsOfOtherHosts_DoNotEvictThePushServicesTokens()
    {
        var (details, _) = CreateSut();
        var fcm = details.GetHeaders(s_fcm).Authorization;

        for (var i = 0; i < 1100; i++)
        {
            details.GetHeaders(new Uri($"https://host{i}.example.net/push"));
        }

        details.GetHeaders(s_fcm).Authorization.Should().BeSameAs(fcm, "a full cache must not make a push service's token be signed again within the hour");
    }

    [Fact]
    public void GetHeaders_PushServiceFirstUsedAfterAFloodOfOtherHosts_IsSignedOnce()
    {
        // Regression: once the cache held 1,024 live entries, a new audience was never cached, so
        // Apple got a fresh token on every request.
        var (details, time) = CreateSut();
        for (var i = 0; i < 1100; i++)
        {
            details.GetHeaders(new Uri($"https://host{i}.example.net/push"));
        }

        var signaturesBefore = details.SignatureCount;
        var tokens = Enumerable.Range(0, 20).Select(_ =>
        {
            time.Advance(TimeSpan.FromSeconds(30));
            return details.GetHeaders(s_apple).Authorization;
        }).Distinct().ToList();

        tokens.Should().ContainSingle("an audience used every few minutes is signed at most once an hour, however many other audiences were used");
        (details.SignatureCount - signaturesBefore).Should().Be(1);
    }

    [Fact]
    public void GetHeaders_SteadyAudienceDuringAnEndlessFloodOfNewHosts_IsSignedAtMostOnceAnHour()
    {
        // An audience outside the known push services, used every two minutes for three hours,
        // while hostile subscriptions name a thousand new hosts every minute.
        var (details, time) = CreateSut();
        var steady = new Uri("https://push.on-premises.example/send/1");
        var tokens = new System.Collections.Generic.HashSet<string>(StringComparer.Ordinal);
        var host = 0;
        for (var minute = 0; minute < 180; minute++)
        {
            if (minute % 2 == 0)
            {
                tokens.Add(details.GetHeaders(steady).Authorization);
            }

            for (var i = 0; i < 1000; i++)
            {
                details.GetHeaders(new Uri($"https://flood{host++}.example.net/push"));
            }

            time.Advance(TimeSpan.FromMinutes(1));
        }

        // A 12-hour token is renewed after 9 hours at the earliest: one token in 3 hours.
        tokens.Should().ContainSingle();
        details.CachedAudienceCount.Should().BeLessThanOrEqualTo(VapidTokenCache.MaxAudiences, "memory stays bounded");
    }

    [Fact]
    public void GetHeaders_TenThousandHosts_KeepsTheCacheBounded()
    {
        var (details, time) = CreateSut();
        for (var i = 0; i < 10_000; i++)
        {
            details.GetHeaders(new Uri($"https://host{i}.example.net/push"));
            time.Advance(TimeSpan.FromSeconds(1));
        }

        details.CachedAudienceCount.Should().BeLessThanOrEqualTo(VapidTokenCache.MaxAudiences);
    }

    [Theory]
    [InlineData(30)]
    [InlineData(59)]
    [InlineData(3600)]
    public void GetHeaders_MaxLifetimeAndClockStepsBack_ExpIsNeverMoreThan24HoursAhead(int seconds)
    {
        // Regression: with a 24-hour lifetime and the clock stepped back 30 s or 59 s, the cached
        // token was served with exp 24:00:30 or 24:00:59 ahead, past RFC 8292's cap.
        var (details, time) = CreateSut(VapidDetails.MaxTokenLifetime);
        details.GetHeaders(s_fcm);

        time.AdjustTime(time.GetUtcNow() - TimeSpan.FromSeconds(seconds));
        var token = Token(details.GetHeaders(s_fcm));

        var exp = DateTimeOffset.FromUnixTimeSeconds(VapidVerification.ClaimsOf(token).GetProperty("exp").GetInt64());
        (exp - time.GetUtcNow()).Should().BeLessThanOrEqualTo(VapidDetails.MaxTokenLifetime);
    }

    private static (VapidDetails Details, FakeTimeProvider Time) CreateSut(TimeSpan? lifetime = null)
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 23, 12, 0, 0, TimeSpan.Zero));
        return (new VapidDetails("mailto:ops@example.com", VapidKeys.Generate(), lifetime ?? VapidDetails.DefaultTokenLifetime, time), time);
    }

    private static string Token(VapidHeaders headers) =>
        headers.Authorization.StartsWith("vapid ", StringComparison.Ordinal)
            ? headers.Authorization.Substring("vapid t=".Length, headers.Authorization.IndexOf(',', StringComparison.Ordinal) - "vapid t=".Length)
            : headers.Authorization.Substring("WebPush ".Length);
}
