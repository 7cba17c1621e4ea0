using System.Collections.Generic;

namespace Pushwright.Testing.Internal;

/// <summary>
/// Which reply a valid message gets: the subscription's own script, else the script for all
/// (each subscription walks it on its own), else 201 Created. In a script each reply is used once
/// and the last one repeats, so "503, 503, 201" fails twice and then delivers.
/// </summary>
internal sealed class ReplyScript
{
    private readonly object _lock = new();
    private FakeReply[] _forAll = [];

    public void SetForAll(FakeReply[] replies, IEnumerable<Subscriber> subscribers)
    {
        lock (_lock)
        {
            _forAll = replies;
            foreach (var subscriber in subscribers)
            {
                subscriber.SharedScriptPosition = 0;
            }
        }
    }

    public void SetFor(Subscriber subscriber, FakeReply[] replies)
    {
        lock (_lock)
        {
            subscriber.Script = new Queue<FakeReply>(replies);
        }
    }

    public FakeReply Next(Subscriber subscriber)
    {
        lock (_lock)
        {
            if (subscriber.Script is { Count: > 0 } own)
            {
                return own.Count > 1 ? own.Dequeue() : own.Peek();
            }

            if (_forAll.Length > 0)
            {
                var position = subscriber.SharedScriptPosition;
                if (position < _forAll.Length - 1)
                {
                    subscriber.SharedScriptPosition = position + 1;
                }

                return _forAll[position];
            }

            return FakeReply.Created();
        }
    }
}
