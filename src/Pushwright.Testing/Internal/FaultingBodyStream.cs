// A response body that breaks after its first bytes, as a body does when the service stops
// sending (stall) or the connection drops (cut) after the headers went out with the full
// Content-Length. A stalled read ends only when its token is cancelled or the stream disposed.
using System;
using System.IO;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.Testing.Internal;

internal sealed class FaultingBodyStream : Stream
{
    private readonly byte[] _body;
    private readonly int _goodBytes;
    private readonly bool _stall;
    private readonly CancellationTokenSource _disposed = new();
    private int _position;
    private bool _isDisposed;

    public FaultingBodyStream(byte[] body, int goodBytes, bool stall)
    {
        _body = body;
        _goodBytes = Math.Min(goodBytes, body.Length);
        _stall = stall;
    }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count, CancellationToken.None).GetAwaiter().GetResult();

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadCoreAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

#if NET8_0_OR_GREATER
    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => ReadCoreAsync(buffer, cancellationToken);
#endif

    private async ValueTask<int> ReadCoreAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        if (_position < _goodBytes)
        {
            var n = Math.Min(buffer.Length, _goodBytes - _position);
            _body.AsMemory(_position, n).CopyTo(buffer);
            _position += n;
            return n;
        }

        if (!_stall)
        {
            throw new IOException("The connection was closed before the whole body arrived (cut by the fake push service).");
        }

        if (_isDisposed)
        {
            return 0;
        }

        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, _disposed.Token);
        await Task.Delay(Timeout.Infinite, linked.Token).ConfigureAwait(false);
        return 0;
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && !_isDisposed)
        {
            _isDisposed = true;
            _disposed.Cancel();
            _disposed.Dispose();
        }

        base.Dispose(disposing);
    }
}
