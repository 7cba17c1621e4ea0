using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Pushwright.Sample.Web;

/// <summary>Wakes the <see cref="BroadcastSender"/> when a broadcast is posted. Signals while it is busy fold into one.</summary>
internal sealed class BroadcastSignal
{
    private readonly Channel<bool> _channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    /// <summary>Says that a broadcast was stored.</summary>
    public void Notify() => _channel.Writer.TryWrite(true);

    /// <summary>Waits for a signal given since the last wait returned.</summary>
    public async Task WaitAsync(CancellationToken cancellationToken) => await _channel.Reader.ReadAsync(cancellationToken);
}
