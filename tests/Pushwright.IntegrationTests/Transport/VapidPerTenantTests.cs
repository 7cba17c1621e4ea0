using System;
using System.Collections.Generic;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pushwright.Testing;
using Xunit;

namespace Pushwright.IntegrationTests.Transport;

/// <summary>
/// One application server, two VAPID identities: per-call identities on one client, and named
/// clients from AddWebPush(name, ...), against a push service that checks every request's VAPID
/// key against the key its subscription was created with.
/// </summary>
public sealed class VapidPerTenantTests : IAsyncLifetime
{
    private readonly VapidKeys _acme = VapidKeys.Generate();
    private readonly VapidKeys _globex = VapidKeys.Generate();
    private LoopbackPushService? _loopback;

    private FakePushService Service => _loopback!.Service;

    public async Task InitializeAsync() => _loopback = await LoopbackPushService.StartAsync();

    public async Task DisposeAsync() => await _loopback!.DisposeAsync();

    [Fact]
    public async Task SendAsync_PerCallIdentities_EverySubscriptionAcceptsItsOwnKey()
    {
        using var http = new HttpClient();
        var acme = new VapidDetails("mailto:push@acme.example", _acme);
        var globex = new VapidDetails("mailto:push@globex.example", _globex);
        var sut = new WebPushClient(http, acme, new WebPushClientOptions { AllowHttpEndpoints = true });
        var mixed = Enumerable.Range(0, 20)
            .Select(i => (Identity: i % 2 == 0 ? acme : globex, Subscription: Subscribe(i % 2 == 0 ? _acme : _globex)))
            .ToList();

        var results = await Task.WhenAll(mixed.Select(m => sut.SendAsync(m.Subscription, new PushMessage("hello"), m.Identity)));

        results.Should().OnlyContain(r => r.IsDelivered, string.Join("; ", results.Select(r => r.ToString())));
        foreach (var (_, subscription) in mixed)
        {
            Service.RequestsTo(subscription).Should().ContainSingle().Which.Text.Should().Be("hello");
        }
    }

    [Fact]
    public async Task SendManyAsync_PerCallIdentity_SignsEveryMessageWithIt()
    {
        using var http = new HttpClient();
        var sut = new WebPushClient(http, new VapidDetails("mailto:push@acme.example", _acme), new WebPushClientOptions { AllowHttpEndpoints = true });
        var globex = new VapidDetails("mailto:push@globex.example", _globex);
        var subscriptions = Enumerable.Range(0, 10).Select(_ => Subscribe(_globex)).ToList();

        var results = new List<PushResult>();
        await foreach (var result in sut.SendManyAsync(subscriptions, new PushMessage("hello"), globex))
        {
            results.Add(result);
        }

        results.Should().HaveCount(10).And.OnlyContain(r => r.IsDelivered);
    }

    [Fact]
    public async Task SendAsync_WrongIdentityForTheSubscription_IsUnauthorized()
    {
        using var http = new HttpClient();
        var sut = new WebPushClient(http, new VapidDetails("mailto:push@acme.example", _acme), new WebPushClientOptions { AllowHttpEndpoints = true });
        var subscription = Subscribe(_globex);

        var result = await sut.SendAsync(subscription, new PushMessage("hello"));

        result.Outcome.Should().Be(PushOutcome.Unauthorized, "the service checks the key against the subscription's applicationServerKey");
    }

    [Fact]
    public async Task AddWebPush_NamedClients_EachSendsWithItsOwnKeysAndSharesOneTokenCache()
    {
        var services = new ServiceCollection();
        services.AddWebPush("acme", o => Configure(o, "mailto:push@acme.example", _acme));
        services.AddWebPush("globex", o => Configure(o, "mailto:push@globex.example", _globex));
        await using var provider = services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
        var factory = provider.GetRequiredService<IWebPushClientFactory>();

        var acme = factory.CreateClient("acme");
        var globex = factory.CreateClient("globex");
        var toAcme = await acme.SendAsync(Subscribe(_acme), new PushMessage("a"));
        var toGlobex = await globex.SendAsync(Subscribe(_globex), new PushMessage("g"));

        toAcme.IsDelivered.Should().BeTrue(toAcme.ToString());
        toGlobex.IsDelivered.Should().BeTrue(toGlobex.ToString());
        acme.VapidDetails.Keys.PublicKeyBase64Url.Should().Be(_acme.PublicKeyBase64Url);
        globex.VapidDetails.Keys.PublicKeyBase64Url.Should().Be(_globex.PublicKeyBase64Url);
        factory.CreateClient("acme").VapidDetails.Should().BeSameAs(acme.VapidDetails, "each identity keeps one token cache");
    }

    [Fact]
    public void CreateClient_UnknownName_ThrowsNamingIt()
    {
        var services = new ServiceCollection();
        services.AddWebPush("acme", o => Configure(o, "mailto:push@acme.example", _acme));
        using var provider = services.BuildServiceProvider();

        var act = () => provider.GetRequiredService<IWebPushClientFactory>().CreateClient("initech");

        act.Should().Throw<InvalidOperationException>().WithMessage("*'initech'*");
    }

    [Fact]
    public async Task HostStart_NamedClientWithInvalidKey_FailsNamingTheSetting()
    {
        using var host = new HostBuilder()
            .ConfigureServices(services =>
            {
                services.AddWebPush("acme", o => Configure(o, "mailto:push@acme.example", _acme));
                services.AddWebPush("globex", o =>
                {
                    Configure(o, "mailto:push@globex.example", _globex);
                    o.PrivateKey = "not-a-key";
                });
            })
            .Build();

        var act = () => host.StartAsync();

        var failure = (await act.Should().ThrowAsync<OptionsValidationException>()).Which;
        failure.OptionsName.Should().Be("globex");
        failure.Message.Should().Contain("PrivateKey");
    }

    private static void Configure(WebPushOptions options, string subject, VapidKeys keys)
    {
        options.Subject = subject;
        options.PublicKey = keys.PublicKeyBase64Url;
        options.PrivateKey = keys.ExportPrivateKeyBase64Url();
        options.AllowHttpEndpoints = true;
        options.AllowPrivateNetworkEndpoints = true;
    }

    private PushSubscription Subscribe(VapidKeys applicationServer) => _loopback!.Subscribe(applicationServer.PublicKey).Subscription;
}
