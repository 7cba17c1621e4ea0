using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using FluentAssertions;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Pushwright.Extensions.Http.Tests.Support;
using Xunit;

namespace Pushwright.Extensions.Http.Tests.Examples;

/// <summary>The README's "Quick start: ASP.NET Core (DI)" registration, compiled and resolved (STYLE.md 24).</summary>
public sealed class ReadmeExamples
{
    [Fact]
    public void AspNetCore_Registration_ResolvesClientAndHandler()
    {
        var builder = WebApplication.CreateBuilder();
        builder.Configuration.AddConfiguration(Some.Configuration());

        #region aspnetcore
        builder.Services.AddWebPush(builder.Configuration.GetSection("WebPush"));
        builder.Services.AddSingleton<ISubscriptionRemovalHandler, DeleteFromStore>();   // 404/410 → delete
        #endregion

        using var provider = builder.Services.BuildServiceProvider();
        provider.GetRequiredService<WebPushClient>().Should().NotBeNull();
        provider.GetServices<ISubscriptionRemovalHandler>().Should().ContainSingle().Which.Should().BeOfType<DeleteFromStore>();
    }

    private sealed class DeleteFromStore : ISubscriptionRemovalHandler
    {
        public List<PushSubscription> Removed { get; } = [];

        public Task OnSubscriptionRemovedAsync(PushResult result, CancellationToken cancellationToken)
        {
            Removed.Add(result.Subscription);
            return Task.CompletedTask;
        }
    }
}
