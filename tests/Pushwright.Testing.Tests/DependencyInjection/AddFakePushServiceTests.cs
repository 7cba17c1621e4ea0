using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pushwright.Testing.Tests.Support;
using Xunit;

namespace Pushwright.Testing.Tests.DependencyInjection;

/// <summary>AddFakePushService points the application's own AddWebPush() clients, unnamed and named, at the fake.</summary>
public sealed class AddFakePushServiceTests
{
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task AddWebPush_BeforeOrAfter_SendsThroughTheFake(bool fakeFirst)
    {
        var service = new FakePushService();
        var keys = VapidKeys.Generate();
        var browser = service.Subscribe(keys.PublicKey);
        var services = new ServiceCollection();
        if (fakeFirst)
        {
            services.AddFakePushService(service);
        }

        services.AddWebPush(o => Configure(o, keys));
        if (!fakeFirst)
        {
            services.AddFakePushService(service);
        }

        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<WebPushClient>();

        var result = await client.SendAsync(browser.Subscription, Some.Message("through DI"));

        result.IsDelivered.Should().BeTrue();
        service.DeliveriesTo(browser.Subscription).Single().Text.Should().Be("through DI");
        provider.GetRequiredService<FakePushService>().Should().BeSameAs(service);
    }

    [Fact]
    public async Task NamedClients_EachWithItsKey_SendThroughTheFake()
    {
        var service = new FakePushService();
        var acme = VapidKeys.Generate();
        var globex = VapidKeys.Generate();
        var acmeBrowser = service.Subscribe(acme.PublicKey);
        var globexBrowser = service.Subscribe(globex.PublicKey);
        var services = new ServiceCollection()
            .AddFakePushService(service);
        services.AddWebPush("acme", o => Configure(o, acme));
        services.AddWebPush("globex", o => Configure(o, globex));
        await using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IWebPushClientFactory>();

        (await factory.CreateClient("acme").SendAsync(acmeBrowser.Subscription, Some.Message())).IsDelivered.Should().BeTrue();
        (await factory.CreateClient("globex").SendAsync(globexBrowser.Subscription, Some.Message())).IsDelivered.Should().BeTrue();
        (await factory.CreateClient("acme").SendAsync(globexBrowser.Subscription, Some.Message())).StatusCode.Should().Be(System.Net.HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Gone_RemovalHandlerFromDI_RunsOnce()
    {
        var service = new FakePushService();
        var keys = VapidKeys.Generate();
        var browser = service.Subscribe(keys.PublicKey);
        var store = new Store(browser.Subscription);
        var services = new ServiceCollection().AddSingleton<ISubscriptionRemovalHandler>(store).AddFakePushService(service);
        services.AddWebPush(o => Configure(o, keys));
        await using var provider = services.BuildServiceProvider();
        service.Remove(browser.Subscription);

        var result = await provider.GetRequiredService<WebPushClient>().SendAsync(browser.Subscription, Some.Message());

        result.IsSubscriptionGone.Should().BeTrue();
        store.Subscriptions.Should().BeEmpty();
    }

    [Fact]
    public async Task Retry_503Then201_PollyRetriesOnTheFakeClock()
    {
        var clock = new FakeTimeProvider(Some.Now);
        var service = new FakePushService(new FakePushServiceOptions { TimeProvider = clock });
        var keys = VapidKeys.Generate();
        var browser = service.Subscribe(keys.PublicKey);
        service.Reply(browser.Subscription, FakeReply.Status(503).WithRetryAfter(TimeSpan.FromSeconds(20)), FakeReply.Status(503), FakeReply.Created());
        var services = new ServiceCollection().AddSingleton<TimeProvider>(clock).AddFakePushService(service);
        services.AddWebPush(o =>
        {
            Configure(o, keys);
            o.Resilience.UseJitter = false;
            o.Resilience.TotalTimeout = TimeSpan.FromMinutes(10);
            o.Resilience.AttemptTimeout = TimeSpan.FromMinutes(5);
        });
        await using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<WebPushClient>();

        var sending = client.SendAsync(browser.Subscription, Some.Message());
        while (!sending.IsCompleted)
        {
            await Task.Delay(1);
            clock.Advance(TimeSpan.FromSeconds(1));
        }

        var result = await sending;
        result.IsDelivered.Should().BeTrue();
        var requests = service.RequestsTo(browser.Subscription);
        requests.Select(r => r.StatusCode).Should().Equal(503, 503, 201);
        (requests[1].ReceivedAt - requests[0].ReceivedAt).Should().BeGreaterThanOrEqualTo(TimeSpan.FromSeconds(20), "Retry-After is honoured");
    }

    private static void Configure(WebPushOptions options, VapidKeys keys)
    {
        options.Subject = "mailto:tests@example.com";
        options.PublicKey = keys.PublicKeyBase64Url;
        options.PrivateKey = keys.ExportPrivateKeyBase64Url();
    }

    private sealed class Store : ISubscriptionRemovalHandler
    {
        private readonly List<PushSubscription> _subscriptions;

        public Store(PushSubscription subscription) => _subscriptions = [subscription];

        public IReadOnlyList<PushSubscription> Subscriptions => _subscriptions;

        public Task OnSubscriptionRemovedAsync(PushResult result, CancellationToken cancellationToken)
        {
            _subscriptions.Remove(result.Subscription);
            return Task.CompletedTask;
        }
    }
}
