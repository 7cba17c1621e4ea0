using System;
using System.Linq;
using System.Net;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Pushwright.IntegrationTests.Faults;

/// <summary>Kestrel on 127.0.0.1 answering 410 with 10 of 1,000 body bytes, then aborting: an HTTP/2 stream reset (h2c), or a cut HTTP/1.1 connection.</summary>
public sealed class AbortingServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private AbortingServer(WebApplication app, Uri endpoint)
    {
        _app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<AbortingServer> StartAsync(bool http2)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0, l => l.Protocols = http2 ? HttpProtocols.Http2 : HttpProtocols.Http1));
        var app = builder.Build();
        app.MapPost("/push/{id}", async context =>
        {
            await context.Request.Body.CopyToAsync(System.IO.Stream.Null);
            context.Response.StatusCode = StatusCodes.Status410Gone;
            context.Response.ContentLength = 1000;
            await context.Response.Body.WriteAsync("0123456789"u8.ToArray());
            await context.Response.Body.FlushAsync();

            // Let the client read the headers first: a reset discards data the peer has not read yet.
            await Task.Delay(200);
            context.Abort();
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new AbortingServer(app, new Uri(address + "/push/secret-capability"));
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
