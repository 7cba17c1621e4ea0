// No redirect is followed: a push service that answers 307 or 308 gets its answer reported, and the
// redirect target (a second listener) never sees a connection, through the client that owns its
// transport and through AddWebPush(). Private networks are allowed here so the first request can
// reach the loopback server at all; what is tested is the redirect, not the address policy.
using System;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pushwright.IntegrationTests.PushService;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

public sealed class AddressPolicyRedirectTests : IClassFixture<LoopbackPushServiceFixture>
{
    private readonly LoopbackPushServiceFixture _fixture;

    public AddressPolicyRedirectTests(LoopbackPushServiceFixture fixture) => _fixture = fixture;

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task SendAsync_OwnedTransport_RedirectTargetSeesNothing(int status)
    {
        using var target = new CountingListener(IPAddress.Loopback);
        await using var server = await RedirectingServer.StartAsync(status, new Uri($"http://127.0.0.1:{target.Port}/push/elsewhere"));
        using var sut = new WebPushClient(_fixture.Vapid, new WebPushClientOptions { AllowHttpEndpoints = true, AllowPrivateNetworkEndpoints = true });

        var result = await sut.SendAsync(AddressPolicyTests.Subscription(server.Endpoint), new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused, result.ToString());
        ((int?)result.StatusCode).Should().Be(status);
        server.Requests.Should().Be(1);
        (await target.CountAsync()).Should().Be(0, "the redirect is not followed");
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task SendAsync_AddWebPush_RedirectTargetSeesNothing(int status)
    {
        using var target = new CountingListener(IPAddress.Loopback);
        await using var server = await RedirectingServer.StartAsync(status, new Uri($"http://127.0.0.1:{target.Port}/push/elsewhere"));
        var services = new ServiceCollection();
        services.AddWebPush(o =>
        {
            o.Subject = "mailto:address-policy@example.com";
            o.PublicKey = _fixture.VapidKeys.PublicKeyBase64Url;
            o.PrivateKey = _fixture.VapidKeys.ExportPrivateKeyBase64Url();
            o.AllowHttpEndpoints = true;
            o.AllowPrivateNetworkEndpoints = true;
        });
        await using var provider = services.BuildServiceProvider();
        var sut = provider.GetRequiredService<WebPushClient>();

        var result = await sut.SendAsync(AddressPolicyTests.Subscription(server.Endpoint), new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused, result.ToString());
        ((int?)result.StatusCode).Should().Be(status);
        server.Requests.Should().Be(1, "a 3xx is not retried");
        (await target.CountAsync()).Should().Be(0, "the redirect is not followed");
    }

    [Theory]
    [InlineData(307)]
    [InlineData(308)]
    public async Task SendAsync_CallersHttpClientFollowingRedirects_TargetIsReached(int status)
    {
        // The control of the tests above, and the reason the owned transport exists: an HttpClient
        // left at its defaults follows the redirect and POSTs the message to the target.
        using var target = new CountingListener(IPAddress.Loopback);
        await using var server = await RedirectingServer.StartAsync(status, new Uri($"http://127.0.0.1:{target.Port}/push/elsewhere"));
        using var http = new HttpClient();
        using var sut = new WebPushClient(http, _fixture.Vapid, new WebPushClientOptions { AllowHttpEndpoints = true });

        await sut.SendAsync(AddressPolicyTests.Subscription(server.Endpoint), new PushMessage("hello"));

        (await target.CountAsync()).Should().Be(1);
    }

    /// <summary>A push service on Kestrel that answers every POST with a redirect.</summary>
    private sealed class RedirectingServer : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private int _requests;

        private RedirectingServer(WebApplication app) => _app = app;

        public string Endpoint => _app.Urls.First() + "/push/redirected";

        public int Requests => Volatile.Read(ref _requests);

        public static async Task<RedirectingServer> StartAsync(int status, Uri location)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            var app = builder.Build();
            var server = new RedirectingServer(app);
            app.MapPost("/push/{id}", (HttpContext context) =>
            {
                Interlocked.Increment(ref server._requests);
                context.Response.Headers.Location = location.AbsoluteUri;
                return Results.StatusCode(status);
            });
            await app.StartAsync();
            return server;
        }

        public ValueTask DisposeAsync() => _app.DisposeAsync();
    }
}
