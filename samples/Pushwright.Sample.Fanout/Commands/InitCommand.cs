using System.IO;
using System.Threading;
using System.Threading.Tasks;
using Pushwright.Sample.Fanout.Data;
using Pushwright.Sample.Fanout.Messaging;

namespace Pushwright.Sample.Fanout.Commands;

/// <summary><c>fanout init</c>: creates the tables and the queues. Every other command does it too; this one does only that.</summary>
internal static class InitCommand
{
    public static async Task<int> RunAsync(FanoutSettings settings, TextWriter output, CancellationToken cancellationToken)
    {
        await using (var database = new FanoutDatabase(settings.Postgres))
        {
            await database.EnsureSchemaAsync(cancellationToken);
            output.WriteLine($"tables ready in {database.Description}");
        }

        await using var connection = await FanoutBroker.ConnectAsync(settings.RabbitMQ, "fanout init", 5, output, cancellationToken);
        await using var channel = await connection.CreateChannelAsync(cancellationToken: cancellationToken);
        var queues = settings.Queues;
        await FanoutBroker.DeclareAsync(channel, queues, cancellationToken);
        output.WriteLine($"queues ready: {queues.Work}, {queues.Retry}, {queues.Poison}");
        return 0;
    }
}
