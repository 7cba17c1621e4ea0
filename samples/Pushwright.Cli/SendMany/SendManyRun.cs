// One send-many run, as the data flows:
//
//   input stream --(reading thread: SubscriptionReader)--> bounded channel --(IEnumerable)--> WebPushClient.SendManyAsync
//        |                                                                  |                        |
//        '-- invalid entries: counted, reported, one line on stderr <-------'                        v
//                                                         results (completion order) --> Tally + ReportWriter
//
// The input is read on its own thread into a channel of 1024 entries, so reading never waits on
// the network and sending never waits on a slow pipe; and Ctrl+C stops the enumeration even while
// standard input has nothing to give. Only the sends in flight are remembered (to map each result
// back to its line), so memory does not grow with the input.
using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Pushwright.Cli.SendMany;

internal sealed class SendManyRun
{
    /// <summary>The most invalid entries described on stderr; every one is counted and in the report.</summary>
    private const int MaxInvalidLines = 100;

    private readonly Tally _tally;
    private readonly ReportWriter? _report;
    private readonly StatusConsole _console;
    private readonly ConcurrentDictionary<PushSubscription, InputEntry> _inFlight = new(ReferenceEqualityComparer.Instance);
    private long _read;
    private long _invalidShown;
    private volatile bool _inputDone;

    public SendManyRun(Tally tally, ReportWriter? report, StatusConsole console)
    {
        _tally = tally;
        _report = report;
        _console = console;
    }

    /// <summary>Gets how many input entries were read so far, once the input has ended; <see langword="null"/> before.</summary>
    public long? ReadWhenDone => _inputDone ? Interlocked.Read(ref _read) : null;

    /// <summary>Gets why reading the input failed part-way, if it did.</summary>
    public string? InputFailure { get; private set; }

    /// <summary>Sends <paramref name="message"/> to every subscription of <paramref name="input"/>.</summary>
    /// <returns><see langword="true"/> when Ctrl+C stopped the run; what was sent until then is counted and reported.</returns>
    public async Task<bool> RunAsync(WebPushClient client, PushMessage message, Stream input, CancellationToken cancellationToken)
    {
        var channel = Channel.CreateBounded<InputEntry>(new BoundedChannelOptions(1024) { SingleReader = true, SingleWriter = true });
        _ = Task.Factory.StartNew(() => Read(input, channel.Writer, cancellationToken), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            await foreach (var result in client.SendManyAsync(Subscriptions(channel.Reader, cancellationToken), message, cancellationToken))
            {
                _inFlight.TryRemove(result.Subscription, out var entry);
                _tally.Add(result);
                _report?.Write(entry!, result);
            }

            return false;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Sent, but no reply came back before the stop: the push service may or may not have them.
            foreach (var entry in _inFlight.Values.OrderBy(e => e.Index))
            {
                _tally.AddCancelled(entry.Subscription!.Endpoint.Host);
                _report?.WriteCancelled(entry);
            }

            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            InputFailure = $"reading the subscriptions failed after {Interlocked.Read(ref _read)} entries: {UsageException.OneLine(ex)}";
            return false;
        }
    }

    /// <summary>The reading thread: entries into the channel, waiting while it is full.</summary>
    private static void Read(Stream input, ChannelWriter<InputEntry> writer, CancellationToken cancellationToken)
    {
        try
        {
            foreach (var entry in SubscriptionReader.Read(input))
            {
                while (!writer.TryWrite(entry))
                {
                    if (!writer.WaitToWriteAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
                    {
                        return;
                    }
                }
            }

            writer.TryComplete();
        }
#pragma warning disable CA1031 // Whatever stops the reading ends the input; the sending side reports it.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            writer.TryComplete(ex is OperationCanceledException ? null : ex);
        }
    }

    /// <summary>The valid subscriptions, for SendManyAsync; invalid entries are counted and reported on the way.</summary>
    private IEnumerable<PushSubscription> Subscriptions(ChannelReader<InputEntry> reader, CancellationToken cancellationToken)
    {
        while (true)
        {
            if (!reader.TryRead(out var entry))
            {
                // SendManyAsync enumerates on a thread of its own, so waiting here blocks no caller.
                if (!reader.WaitToReadAsync(cancellationToken).AsTask().GetAwaiter().GetResult())
                {
                    _inputDone = true;
                    yield break;
                }

                continue;
            }

            Interlocked.Increment(ref _read);
            if (entry.Subscription is null)
            {
                _tally.AddInvalid();
                _report?.WriteInvalid(entry);
                var shown = Interlocked.Increment(ref _invalidShown);
                if (shown <= MaxInvalidLines)
                {
                    _console.WriteLine($"webpush: line {entry.Line}: invalid subscription: {entry.Error}");
                }
                else if (shown == MaxInvalidLines + 1)
                {
                    _console.WriteLine($"webpush: more than {MaxInvalidLines} invalid subscriptions; the rest are only counted and in the report.");
                }

                continue;
            }

            _inFlight[entry.Subscription] = entry;
            yield return entry.Subscription;
        }
    }
}
