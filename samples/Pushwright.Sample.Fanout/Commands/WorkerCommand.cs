using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Pushwright.Sample.Fanout.Data;
using Pushwright.Sample.Fanout.Worker;

namespace Pushwright.Sample.Fanout.Commands;

/// <summary><c>fanout worker</c>: sends batches until stopped.</summary>
internal static class WorkerCommand
{
    public static async Task<int> RunAsync(FanoutSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        // The client is resolved first: missing or invalid VAPID keys stop the worker here.
        await using var services = FanoutWebPush.CreateServices(settings.Configuration);
        var client = services.GetRequiredService<WebPushClient>();
        await using var database = new FanoutDatabase(settings.Postgres);
        await new FanoutWorker(settings, database, client, output).RunAsync(cancellationToken);
        return 0;
    }
}
