using System;
using System.Collections.Generic;
using System.Linq;

namespace Pushwright.Sample.Web;

/// <summary>
/// The last pushes the service worker reported (<c>POST /api/received</c>), kept in memory: a debug
/// aid that shows what the browser actually decrypted. The end-to-end tests read it too.
/// </summary>
internal sealed class ReceivedMessages(TimeProvider timeProvider)
{
    private const int Capacity = 100;
    private readonly Queue<ReceivedMessage> _messages = new();

    public void Add(string? text)
    {
        lock (_messages)
        {
            if (_messages.Count == Capacity)
            {
                _messages.Dequeue();
            }

            _messages.Enqueue(new ReceivedMessage(text, timeProvider.GetUtcNow()));
        }
    }

    public IReadOnlyList<ReceivedMessage> Snapshot()
    {
        lock (_messages)
        {
            return _messages.ToList();
        }
    }
}
