// The push service of the million-subscriber benchmark: HTTP/2 on loopback, 201 Created to every
// POST as fast as Kestrel can answer, nothing decrypted or verified. It runs as a process of its
// own, so the sender's CPU time is the sender's alone.
//
//   stdout  "listening http://127.0.0.1:<port>" once it accepts connections
//   stdin   "reset <n>"   a new tally for the ids 1..n
//           "stats"       one line: requests, distinct ids, duplicates, ids out of range, their sum, CPU ms
//           end of input  stop: the benchmark has exited, however it ended
//
// A request's id is the path segment after /wp/ (/wp/<id>/<token>). The tally is the push
// service's own record that every subscription got exactly one message.
using System;
using System.Linq;
using System.Net;
using System.Threading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.Logging;
using Pushwright.Benchmarks.Sink;

// 1. Kestrel on a free loopback port, HTTP/2 only: cleartext with prior knowledge (h2c), no TLS.
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.WebHost.ConfigureKestrel(kestrel =>
{
    kestrel.AddServerHeader = false;
    kestrel.Limits.Http2.MaxStreamsPerConnection = 1024;
    kestrel.Listen(IPAddress.Loopback, 0, listen => listen.Protocols = HttpProtocols.Http2);
});
await using var app = builder.Build();
var tally = new Tally(0);

// 2. Each request: record its id, drain the body without copying it, answer 201.
app.Run(async context =>
{
    Volatile.Read(ref tally).Record(context.Request.Path.Value);
    var body = context.Request.BodyReader;
    while (true)
    {
        var read = await body.ReadAsync();
        body.AdvanceTo(read.Buffer.End);
        if (read.IsCompleted)
        {
            break;
        }
    }

    context.Response.StatusCode = StatusCodes.Status201Created;
});
await app.StartAsync();
Console.Out.WriteLine($"listening {app.Urls.First()}");
Console.Out.Flush();

// 3. Commands from the benchmark on stdin, until it closes the pipe.
while (await Console.In.ReadLineAsync() is { } line)
{
    switch (line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
    {
        case ["reset", var capacity]:
            Volatile.Write(ref tally, new Tally(long.Parse(capacity, System.Globalization.CultureInfo.InvariantCulture)));
            Console.Out.WriteLine("ok");
            break;
        case ["stats"]:
            Console.Out.WriteLine($"{tally.Describe()} cpuMs={(long)Environment.CpuUsage.TotalTime.TotalMilliseconds}");
            break;
        default:
            Console.Out.WriteLine($"error unknown command '{line}'");
            break;
    }

    Console.Out.Flush();
}

await app.StopAsync();
