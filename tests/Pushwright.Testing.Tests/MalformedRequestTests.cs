using System;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.Time.Testing;
using Pushwright.Testing.Tests.Support;
using Xunit;

namespace Pushwright.Testing.Tests;

/// <summary>The fake refuses each malformed request as Mozilla's autopush does: the status, the errno, and a reason recorded for the test.</summary>
public sealed class MalformedRequestTests
{
    private const string Audience = "https://updates.push.services.mozilla.com";

    public static TheoryData<string, int, int?> Cases => new()
    {
        { "no TTL", 400, 111 },
        { "TTL not a number", 400, 111 },
        { "negative TTL", 400, 114 },
        { "Topic of 33 characters", 400, 113 },
        { "Topic outside base64url", 400, 113 },
        { "unknown Urgency", 400, null },
        { "no Authorization", 401, 109 },
        { "unknown scheme", 401, 109 },
        { "vapid without k", 401, 109 },
        { "key not a point", 401, 109 },
        { "key of another application server", 403, 109 },
        { "signature tampered", 401, 109 },
        { "claims tampered", 401, 109 },
        { "alg none", 401, 109 },
        { "aud of another service", 401, 109 },
        { "aud with the path", 401, 109 },
        { "exp passed", 401, 109 },
        { "exp more than 24 h ahead", 401, 109 },
        { "exp a string", 401, 109 },
        { "sub http:", 401, 109 },
        { "sub missing", 401, 109 },
        { "token not JSON", 401, 109 },
        { "p256ecdsa equal to dh", 401, 109 },
        { "body without Content-Encoding", 400, 110 },
        { "unknown Content-Encoding", 400, 110 },
        { "aesgcm without Encryption", 400, 110 },
        { "aesgcm without dh", 400, 110 },
        { "aes128gcm with a salt header", 400, 110 },
        { "body that does not decrypt", 400, 110 },
        { "body over 4096 bytes", 413, 104 },
        { "unknown endpoint", 404, 102 },
        { "GET", 405, null },
        { "removed subscription", 410, 106 },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SendAsync_MalformedRequest_RefusedLikeAutopush(string @case, int status, int? errno)
    {
        var clock = new FakeTimeProvider(Some.Now);
        var service = new FakePushService(new FakePushServiceOptions { TimeProvider = clock });
        var vapid = Some.Vapid(clock);
        var browser = service.Subscribe(vapid.Keys.PublicKey);
        var encoding = @case.StartsWith("aesgcm", StringComparison.Ordinal) || @case == "p256ecdsa equal to dh" ? ContentEncoding.AesGcm : ContentEncoding.Aes128Gcm;
        using var request = Some.Request(browser, vapid, Some.Message("hello", encoding));
        Mutate(@case, request, service, browser, vapid, clock);
        using var http = service.CreateHttpClient();

        using var response = await http.SendAsync(request);

        ((int)response.StatusCode).Should().Be(status);
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        body.RootElement.GetProperty("code").GetInt32().Should().Be(status);
        var sent = body.RootElement.GetProperty("errno");
        (sent.ValueKind == JsonValueKind.Null ? null : (int?)sent.GetInt32()).Should().Be(errno);
        var recorded = service.Requests.Should().ContainSingle().Subject;
        recorded.Rejection.Should().NotBeNullOrEmpty();
        recorded.IsDelivered.Should().BeFalse();
        service.Deliveries.Should().BeEmpty();
    }

    [Fact]
    public async Task SendAsync_TtlOverSixtyDays_CappedNotRefused()
    {
        var service = new FakePushService();
        var vapid = Some.Vapid();
        var browser = service.Subscribe(vapid.Keys.PublicKey);
        using var request = Some.Request(browser, vapid);
        Set(request, "TTL", "99999999");
        using var http = service.CreateHttpClient();

        using var response = await http.SendAsync(request);

        ((int)response.StatusCode).Should().Be(201);
        response.Headers.GetValues("TTL").Single().Should().Be("5184000");
    }

    private static void Mutate(string @case, HttpRequestMessage request, FakePushService service, FakeSubscription browser, VapidDetails vapid, FakeTimeProvider clock)
    {
        var token = Token(request);
        var key = vapid.Keys.PublicKeyBase64Url;
        switch (@case)
        {
            case "no TTL": request.Headers.Remove("TTL"); break;
            case "TTL not a number": Set(request, "TTL", "soon"); break;
            case "negative TTL": Set(request, "TTL", "-1"); break;
            case "Topic of 33 characters": Set(request, "Topic", new string('a', 33)); break;
            case "Topic outside base64url": Set(request, "Topic", "no spaces!"); break;
            case "unknown Urgency": Set(request, "Urgency", "urgent"); break;
            case "no Authorization": request.Headers.Remove("Authorization"); break;
            case "unknown scheme": Set(request, "Authorization", "Basic dXNlcjpwYXNz"); break;
            case "vapid without k": Set(request, "Authorization", "vapid t=" + token); break;
            case "key not a point": Set(request, "Authorization", $"vapid t={token}, k=AAAA"); break;
            case "key of another application server":
                var other = Some.Vapid(clock);
                using (var stranger = Some.Request(browser, other))
                {
                    Set(request, "Authorization", stranger.Headers.GetValues("Authorization").Single());
                }

                break;
            case "signature tampered": Set(request, "Authorization", $"vapid t={token.Substring(0, token.Length - 4)}AAAA, k={key}"); break;
            case "claims tampered":
                var parts = token.Split('.');
                var claims = Jwt.Encode(System.Text.Encoding.UTF8.GetBytes(Jwt.Claims(Audience, Some.Now.AddHours(1), "mailto:someone-else@example.com")));
                Set(request, "Authorization", $"vapid t={parts[0]}.{claims}.{parts[2]}, k={key}");
                break;
            case "alg none": Signed(request, vapid, Jwt.Claims(Audience, Some.Now.AddHours(1)), """{"typ":"JWT","alg":"none"}"""); break;
            case "aud of another service": Signed(request, vapid, Jwt.Claims("https://fcm.googleapis.com", Some.Now.AddHours(1))); break;
            case "aud with the path": Signed(request, vapid, Jwt.Claims(browser.Subscription.Endpoint.AbsoluteUri, Some.Now.AddHours(1))); break;
            case "exp passed": Signed(request, vapid, Jwt.Claims(Audience, Some.Now.AddSeconds(-1))); break;
            case "exp more than 24 h ahead": Signed(request, vapid, Jwt.Claims(Audience, Some.Now.AddHours(24).AddSeconds(1))); break;
            case "exp a string": Signed(request, vapid, $$"""{"aud":"{{Audience}}","exp":"{{Some.Now.AddHours(1).ToUnixTimeSeconds()}}","sub":"mailto:a@example.com"}"""); break;
            case "sub http:": Signed(request, vapid, Jwt.Claims(Audience, Some.Now.AddHours(1), "http://example.com")); break;
            case "sub missing": Signed(request, vapid, $$"""{"aud":"{{Audience}}","exp":{{Some.Now.AddHours(1).ToUnixTimeSeconds()}}}"""); break;
            case "token not JSON": Set(request, "Authorization", $"vapid t=bm90.anNvbg.AAAA, k={key}"); break;
            case "p256ecdsa equal to dh":
                var dh = request.Headers.GetValues("Crypto-Key").Single().Split(';').First(p => p.StartsWith("dh=", StringComparison.Ordinal)).Substring(3);
                SetContent(request, "Crypto-Key", $"dh={dh};p256ecdsa={dh}");
                break;
            case "body without Content-Encoding": request.Content!.Headers.Remove("Content-Encoding"); break;
            case "unknown Content-Encoding": SetContent(request, "Content-Encoding", "gzip"); break;
            case "aesgcm without Encryption": request.Headers.Remove("Encryption"); break;
            case "aesgcm without dh": SetContent(request, "Crypto-Key", "p256ecdsa=" + key); break;
            case "aes128gcm with a salt header": SetContent(request, "Encryption", "salt=AAAAAAAAAAAAAAAAAAAAAA"); break;
            case "body that does not decrypt":
                var body = request.Content!.ReadAsByteArrayAsync().GetAwaiter().GetResult();
                body[^1] ^= 1;
                ReplaceBody(request, body);
                break;
            case "body over 4096 bytes": ReplaceBody(request, new byte[4097]); break;
            case "unknown endpoint": request.RequestUri = new Uri(browser.Subscription.Endpoint, "/wpush/v2/no-such-subscription"); break;
            case "GET": request.Method = HttpMethod.Get; break;
            case "removed subscription": service.Remove(browser.Subscription); break;
            default: throw new ArgumentOutOfRangeException(nameof(@case), @case, "no such case");
        }
    }

    private static string Token(HttpRequestMessage request)
    {
        var authorization = request.Headers.GetValues("Authorization").Single();
        return authorization.StartsWith("vapid ", StringComparison.Ordinal)
            ? authorization.Substring(6).Split(',').Select(p => p.Trim()).First(p => p.StartsWith("t=", StringComparison.Ordinal)).Substring(2)
            : authorization.Substring("WebPush ".Length);
    }

    private static void Signed(HttpRequestMessage request, VapidDetails vapid, string claims, string header = """{"typ":"JWT","alg":"ES256"}""") =>
        Set(request, "Authorization", $"vapid t={Jwt.Sign(vapid.Keys, claims, header)}, k={vapid.Keys.PublicKeyBase64Url}");

    private static void Set(HttpRequestMessage request, string name, string value)
    {
        request.Headers.Remove(name);
        request.Headers.TryAddWithoutValidation(name, value).Should().BeTrue();
    }

    private static void SetContent(HttpRequestMessage request, string name, string value)
    {
        if (name.StartsWith("Content-", StringComparison.Ordinal))
        {
            request.Content!.Headers.Remove(name);
            request.Content.Headers.TryAddWithoutValidation(name, value).Should().BeTrue();
        }
        else
        {
            Set(request, name, value);
        }
    }

    private static void ReplaceBody(HttpRequestMessage request, byte[] body)
    {
        var old = request.Content!;
        var content = new ByteArrayContent(body);
        foreach (var header in old.Headers.Where(h => !h.Key.Equals("Content-Length", StringComparison.OrdinalIgnoreCase)))
        {
            content.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        content.Headers.ContentType ??= new MediaTypeHeaderValue("application/octet-stream");
        request.Content = content;
        old.Dispose();
    }
}
