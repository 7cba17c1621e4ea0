using System;
using System.Net;
using System.Net.Http;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Sending;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Sending;

/// <summary>
/// The transport of <see cref="WebPushClient.CreateHttpHandler"/> and of the client that owns it, on
/// both assets: at connect time on net8.0, just before sending on netstandard2.0. Each refusal is
/// proven by a listener that counts the connections it accepts.
/// </summary>
public sealed class SafeHttpHandlerFactoryTests
{
    /// <summary>Hosts that reach a loopback listener, with the address the listener needs.</summary>
    public static TheoryData<string, string> LoopbackHosts => new()
    {
        { "127.0.0.1", "127.0.0.1" },
        { "localhost", "127.0.0.1" },
        { "[::ffff:127.0.0.1]", "127.0.0.1" },
        { "[::1]", "::1" },
    };

    [Theory]
    [MemberData(nameof(LoopbackHosts))]
    public async Task CreateHttpHandler_DefaultOptions_RefusesLoopbackWithoutConnecting(string host, string listenOn)
    {
        using var listener = new CountingListener(IPAddress.Parse(listenOn));
        using var http = new HttpClient(WebPushClient.CreateHttpHandler());

        var act = () => http.GetAsync(new Uri($"https://{host}:{listener.Port}/push/secret-path"));

        var thrown = (await act.Should().ThrowAsync<HttpRequestException>()).Which;
        var refused = EndpointRefusedException.Find(thrown);
        refused.Should().NotBeNull(thrown.ToString());
        refused!.Message.Should().Contain("is loopback").And.Contain("AllowPrivateNetworkEndpoints").And.NotContain("secret-path");
        (await listener.CountAsync()).Should().Be(0, "the policy refuses before any connection is made");
    }

    [Theory]
    [MemberData(nameof(LoopbackHosts))]
    public async Task CreateHttpHandler_AllowPrivateNetworkEndpoints_Connects(string host, string listenOn)
    {
        // The control of the test above: the same host does reach the listener once private networks are allowed.
        using var listener = new CountingListener(IPAddress.Parse(listenOn));
        using var http = new HttpClient(WebPushClient.CreateHttpHandler(new WebPushClientOptions { AllowPrivateNetworkEndpoints = true }));

        var act = () => http.GetAsync(new Uri($"https://{host}:{listener.Port}/push/x"));

        var thrown = (await act.Should().ThrowAsync<HttpRequestException>("the listener closes before TLS")).Which;
        EndpointRefusedException.Find(thrown).Should().BeNull();
        (await listener.CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task SendAsync_OwnedTransportToLoopback_IsRefusedNamingTheHostOnly()
    {
        using var listener = new CountingListener(IPAddress.Loopback);
        using var sut = new WebPushClient(new VapidDetails("mailto:ops@example.com", VapidKeys.Generate()));
        var subscription = new PushSubscription(new Uri($"https://127.0.0.1:{listener.Port}/push/secret-path"), Some.Receiver.SubscriptionKeys);

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Refused, result.ToString());
        result.StatusCode.Should().BeNull();
        result.Exception.Should().BeNull();
        result.Refusal!.Message.Should().Be(
            "The push endpoint's host '127.0.0.1' is not a public address (127.0.0.1 is loopback); set AllowPrivateNetworkEndpoints to allow private networks.");
        (await listener.CountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task SendAsync_OwnedTransportWithOptOut_ReachesTheListener()
    {
        using var listener = new CountingListener(IPAddress.Loopback);
        using var sut = new WebPushClient(new VapidDetails("mailto:ops@example.com", VapidKeys.Generate()), new WebPushClientOptions { AllowPrivateNetworkEndpoints = true });
        var subscription = new PushSubscription(new Uri($"https://localhost:{listener.Port}/push/x"), Some.Receiver.SubscriptionKeys);

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.NetworkError, "the listener closes the connection before TLS: " + result);
        (await listener.CountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task Dispose_OwningClient_DisposesItsTransport()
    {
        var sut = new WebPushClient(new VapidDetails("mailto:ops@example.com", VapidKeys.Generate()));
        var subscription = new PushSubscription(new Uri("https://127.0.0.1:9/push/x"), Some.Receiver.SubscriptionKeys);

        sut.Dispose();
        var act = () => sut.SendAsync(subscription, new PushMessage("hello"));

        await act.Should().ThrowAsync<ObjectDisposedException>();
    }

    [Fact]
    public void Dispose_ClientGivenAnHttpClient_LeavesTheCallersHttpClientAlone()
    {
        using var http = new HttpClient();
        var sut = new WebPushClient(http, new VapidDetails("mailto:ops@example.com", VapidKeys.Generate()));

        sut.Dispose();

        http.Invoking(h => h.CancelPendingRequests()).Should().NotThrow("the caller's HttpClient is not disposed");
    }

    [Fact]
    public void Constructor_NullVapidDetails_Throws() =>
        FluentActions.Invoking(() => new WebPushClient((VapidDetails)null!)).Should().Throw<ArgumentNullException>().WithParameterName("vapidDetails");

#if PUSHWRIGHT_NETSTANDARD_ASSET
    [Fact]
    public void CreateHttpHandler_NetStandardAsset_ChecksBeforeSendingAndFollowsNoRedirect()
    {
        using var handler = WebPushClient.CreateHttpHandler();

        var inner = handler.Should().BeOfType<PreSendAddressCheckHandler>().Which.InnerHandler.Should().BeOfType<HttpClientHandler>().Which;
        inner.AllowAutoRedirect.Should().BeFalse();
        inner.UseProxy.Should().BeFalse();
        inner.UseCookies.Should().BeFalse();
        using var optedOut = WebPushClient.CreateHttpHandler(new WebPushClientOptions { AllowPrivateNetworkEndpoints = true });
        optedOut.Should().BeOfType<HttpClientHandler>();
    }
#else
    [Fact]
    public void CreateHttpHandler_Net8Asset_ChecksAtConnectTimeAndFollowsNoRedirect()
    {
        using var handler = WebPushClient.CreateHttpHandler();

        var sockets = handler.Should().BeOfType<SocketsHttpHandler>().Which;
        sockets.AllowAutoRedirect.Should().BeFalse();
        sockets.UseProxy.Should().BeFalse();
        sockets.UseCookies.Should().BeFalse();
        sockets.ConnectCallback.Should().NotBeNull();
        sockets.ConnectTimeout.Should().Be(TimeSpan.FromSeconds(10));
        sockets.PooledConnectionLifetime.Should().Be(TimeSpan.FromMinutes(5));
    }
#endif
}
