using System;
using System.Linq;
using System.Net.Http;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pushwright.Encryption;
using Pushwright.Extensions.Http.Tests.Support;
using Xunit;

namespace Pushwright.Extensions.Http.Tests.DependencyInjection;

public sealed class WebPushServiceCollectionExtensionsTests
{
    [Fact]
    public void AddWebPush_FromConfigurationSection_ResolvesClientWithThoseKeys()
    {
        var services = new ServiceCollection();
        services.AddWebPush(Some.Configuration().GetSection("WebPush"));
        using var provider = services.BuildServiceProvider();

        var client = provider.GetRequiredService<WebPushClient>();

        client.VapidDetails.Keys.PublicKeyBase64Url.Should().Be(Some.Keys.PublicKeyBase64Url);
        client.VapidDetails.Subject.Should().Be("mailto:ops@example.com");
    }

    [Fact]
    public void AddWebPush_Twice_RegistersOneClientPipeline()
    {
        var services = new ServiceCollection();
        services.AddWebPush(Some.Valid);
        var countAfterFirst = services.Count;

        services.AddWebPush(Some.Valid);

        services.Count(d => d.ServiceType == typeof(IWebPushClientFactory)).Should().Be(1);
        services.Count(d => d.ServiceType == typeof(WebPushClient)).Should().Be(1);
        services.Count.Should().BeLessThanOrEqualTo(countAfterFirst + 2, "the second call only adds the Configure action");
    }

    [Fact]
    public void AddWebPush_VapidDetails_IsOneSharedInstance()
    {
        var services = new ServiceCollection();
        services.AddWebPush(Some.Valid);
        using var provider = services.BuildServiceProvider();

        var a = provider.GetRequiredService<WebPushClient>();
        var b = provider.GetRequiredService<WebPushClient>();

        a.VapidDetails.Should().BeSameAs(b.VapidDetails, "one token cache per application");
    }

    [Fact]
    public void AddWebPush_ClientSettingsInTheSection_BindThroughTheInheritedOptions()
    {
        var services = new ServiceCollection();
        services.AddWebPush(Some.Configuration(("AllowedHosts:0", "*.push.apple.com"), ("AllowedHosts:1", "fcm.googleapis.com"), ("MaxConcurrency", "64"), ("AllowHttpEndpoints", "true")).GetSection("WebPush"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<WebPushOptions>>().Value;

        options.AllowedHosts.Should().Equal("*.push.apple.com", "fcm.googleapis.com");
        options.MaxConcurrency.Should().Be(64);
        options.AllowHttpEndpoints.Should().BeTrue();
    }

    [Fact]
    public void AddWebPush_TimeProviderInTheContainer_DrivesTheOptionsClock()
    {
        var clock = new Microsoft.Extensions.Time.Testing.FakeTimeProvider();
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(clock);
        services.AddWebPush(Some.Valid);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IOptions<WebPushOptions>>().Value.TimeProvider.Should().BeSameAs(clock);
        provider.GetRequiredService<WebPushClient>().VapidDetails.TimeProvider.Should().BeSameAs(clock);
    }

    [Fact]
    public void AddWebPush_ReturnsBuilderForTheWebPushHttpClient()
    {
        var services = new ServiceCollection();

        var builder = services.AddWebPush(Some.Valid);

        builder.Name.Should().Be(WebPushServiceCollectionExtensions.HttpClientName);
    }

    [Fact]
    public void AddWebPush_PrimaryHandler_DoesNotFollowRedirects()
    {
        var services = new ServiceCollection();
        services.AddWebPush(Some.Valid);
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpMessageHandlerFactory>();

        var handler = factory.CreateHandler(WebPushServiceCollectionExtensions.HttpClientName);

        Innermost(handler).Should().BeOfType<SocketsHttpHandler>().Which.AllowAutoRedirect.Should().BeFalse();
    }

    [Fact]
    public void AddWebPush_PrimaryHandler_IsTheClientsOwnSafeHandler()
    {
        var services = new ServiceCollection();
        services.AddWebPush(Some.Valid);
        using var provider = services.BuildServiceProvider();
        var factory = provider.GetRequiredService<IHttpMessageHandlerFactory>();

        var handler = factory.CreateHandler(WebPushServiceCollectionExtensions.HttpClientName);

        var sockets = Innermost(handler).Should().BeOfType<SocketsHttpHandler>().Which;
        sockets.ConnectCallback.Should().NotBeNull("the address policy runs at connect time");
        sockets.UseProxy.Should().BeFalse();
        sockets.ConnectTimeout.Should().Be(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public void AddWebPush_AddressSettingsInConfiguration_AreBound()
    {
        var services = new ServiceCollection();
        services.AddWebPush(Some.Configuration(("AllowPrivateNetworkEndpoints", "true"), ("RestrictToKnownPushServices", "true")).GetSection("WebPush"));
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<WebPushOptions>>().Value;

        options.AllowPrivateNetworkEndpoints.Should().BeTrue();
        options.RestrictToKnownPushServices.Should().BeTrue();
    }

    [Fact]
    public void AddWebPush_RestrictToKnownPushServices_ReachesTheClient()
    {
        var services = new ServiceCollection();
        services.AddWebPush(o =>
        {
            Some.Valid(o);
            o.RestrictToKnownPushServices = true;
        });
        using var provider = services.BuildServiceProvider();
        var client = provider.GetRequiredService<WebPushClient>();
        var keys = UserAgentKeys.Generate().SubscriptionKeys;

        using var known = client.CreateRequest(new PushSubscription(Some.Endpoint, keys), new PushMessage("hi"));
        var elsewhere = () => client.CreateRequest(new PushSubscription(new Uri("https://push.example.net/x"), keys), new PushMessage("hi"));

        known.RequestUri.Should().Be(Some.Endpoint);
        elsewhere.Should().Throw<ArgumentException>().WithMessage("*RestrictToKnownPushServices*");
    }

    [Theory]
    [InlineData("AllowPrivateNetworkEndpoints")]
    [InlineData("RestrictToKnownPushServices")]
    public async Task HostStart_AddressSettingNotABoolean_FailsNamingTheSetting(string key)
    {
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddWebPush(Some.Configuration((key, "sometimes")).GetSection("WebPush")))
            .Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<InvalidOperationException>()).Which.Message.Should().Contain("WebPush:" + key);
    }

    [Theory]
    [InlineData("PublicKey", null, "PublicKey")]
    [InlineData("PrivateKey", "", "PrivateKey")]
    [InlineData("PrivateKey", "not-a-key", "PrivateKey")]
    [InlineData("Subject", "ops@example.com", "mailto:ops@example.com")]
    [InlineData("Subject", "http://example.com", "https:")]
    [InlineData("TokenLifetime", "1.12:00:00", "TokenLifetime")]
    [InlineData("MaxConcurrency", "0", "MaxConcurrency")]
    [InlineData("Resilience:MaxRetryAttempts", "50", "MaxRetryAttempts")]
    [InlineData("Resilience:AttemptTimeout", "00:05:00", "TotalTimeout")]
    [InlineData("Resilience:MaxRetryAfter", "00:01:00", "MaxRetryAfter must be shorter than TotalTimeout")]
    [InlineData("AllowedHosts:0", "https://fcm.googleapis.com/", "AllowedHosts")]
    public async Task HostStart_InvalidOptions_FailsNamingTheSetting(string key, string? value, string expected)
    {
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddWebPush(Some.Configuration((key, value)).GetSection("WebPush")))
            .Build();

        var act = () => host.StartAsync();

        (await act.Should().ThrowAsync<OptionsValidationException>()).Which.Message.Should().Contain(expected);
    }

    [Fact]
    public async Task HostStart_MismatchedKeyPair_FailsWithoutQuotingThePrivateKey()
    {
        var other = VapidKeys.Generate();
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddWebPush(Some.Configuration(("PrivateKey", other.ExportPrivateKeyBase64Url())).GetSection("WebPush")))
            .Build();

        var act = () => host.StartAsync();

        var exception = (await act.Should().ThrowAsync<OptionsValidationException>()).Which;
        exception.Message.Should().Contain("belongs to another key").And.NotContain(other.ExportPrivateKeyBase64Url());
    }

    [Fact]
    public async Task HostStart_ValidOptions_Starts()
    {
        using var host = new HostBuilder()
            .ConfigureServices(services => services.AddWebPush(Some.Configuration().GetSection("WebPush")))
            .Build();

        await host.StartAsync();
        await host.StopAsync();
    }

    private static HttpMessageHandler Innermost(HttpMessageHandler handler)
    {
        while (handler is DelegatingHandler delegating && delegating.InnerHandler is not null)
        {
            handler = delegating.InnerHandler;
        }

        return handler;
    }
}
