// Reads the subscriptions of `webpush send-many` as a stream, one at a time, so a file of a million
// lines costs the memory of one buffer and one subscription, not of the file:
//
//   JSON Lines   {"endpoint": ..., "keys": {...}}\n{...}\n...       (split at '\n', blank lines skipped)
//   JSON array   [ {...}, {...}, ... ]                                (split with Utf8JsonReader, element by element)
//
// The format is the first non-blank byte's: '[' is an array, anything else is JSON Lines. A JSON
// Lines line that is not a valid subscription is an InputEntry with its error, and reading goes on
// at the next line. In an array, an element that is valid JSON but not a subscription is the same;
// a syntax error ends the array there, because no later element can be found reliably after it.
using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json;

namespace Pushwright.Cli.SendMany;

internal sealed class SubscriptionReader
{
    /// <summary>The longest subscription accepted: real ones are under 1 KiB.</summary>
    public const int MaxEntryBytes = 64 * 1024;

    private const int ChunkBytes = 64 * 1024;

    private readonly Stream _stream;
    private readonly bool _parse;
    private byte[] _buffer = new byte[ChunkBytes];
    private int _start;
    private int _end;
    private bool _endOfStream;
    private long _lineAtStart = 1;
    private long _index;

    private SubscriptionReader(Stream stream, bool parse)
    {
        _stream = stream;
        _parse = parse;
    }

    /// <summary>Reads the subscriptions of <paramref name="stream"/> lazily, in input order.</summary>
    public static IEnumerable<InputEntry> Read(Stream stream) => new SubscriptionReader(stream, parse: true).ReadAll();

    /// <summary>Counts the subscriptions of <paramref name="stream"/>, valid or not, without parsing them.</summary>
    public static long Count(Stream stream)
    {
        long count = 0;
        foreach (var _ in new SubscriptionReader(stream, parse: false).ReadAll())
        {
            count++;
        }

        return count;
    }

    private IEnumerable<InputEntry> ReadAll()
    {
        // The first non-blank byte decides the format; a UTF-8 byte order mark is skipped.
        var atStart = true;
        while (true)
        {
            if (atStart && _end - _start >= 3)
            {
                atStart = false;
                if (_buffer.AsSpan(_start, 3).SequenceEqual("\uFEFF"u8))
                {
                    _start += 3;
                }
            }

            SkipWhitespace();
            if ((_start < _end && !atStart) || _endOfStream)
            {
                break;
            }

            Fill();
        }

        return _start < _end && _buffer[_start] == (byte)'[' ? ReadArray() : ReadLines();
    }

    private IEnumerable<InputEntry> ReadLines()
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline < 0 && !_endOfStream)
            {
                if (_end - _start >= MaxEntryBytes)
                {
                    // Too long to be a subscription: report it and skip to the end of the line.
                    var line = _lineAtStart;
                    SkipPastNewline();
                    yield return Invalid(line, $"longer than {MaxEntryBytes / 1024} KiB, which no subscription is");
                    continue;
                }

                Fill();
                continue;
            }

            if (newline < 0 && _start == _end)
            {
                yield break;
            }

            var length = newline < 0 ? _end - _start : newline;
            var text = _buffer.AsSpan(_start, length).TrimEnd((byte)'\r');
            var lineNumber = _lineAtStart;
            InputEntry? entry = text.Trim(" \t"u8).IsEmpty ? null : Entry(lineNumber, text);
            _start += newline < 0 ? length : length + 1;
            _lineAtStart++;
            if (entry is not null)
            {
                yield return entry;
            }
        }
    }

    private IEnumerable<InputEntry> ReadArray()
    {
        // The '[' itself, then one element per turn.
        var state = new JsonReaderState(new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var step = Step(ref state, out var entry);
        while (step != ArrayStep.Done)
        {
            switch (step)
            {
                case ArrayStep.NeedMore when _end - _start >= MaxEntryBytes:
                    yield return Invalid(_lineAtStart, $"an element of the array is longer than {MaxEntryBytes / 1024} KiB, which no subscription is; the rest of the input was not read");
                    yield break;
                case ArrayStep.NeedMore:
                    Fill();
                    break;
                case ArrayStep.Element:
                    yield return entry!;
                    break;
                case ArrayStep.Error:
                    yield return entry!;
                    yield break;
            }

            step = Step(ref state, out entry);
        }
    }

    /// <summary>Reads the next token of the array: an element, its end, or a need for more bytes.</summary>
    private ArrayStep Step(ref JsonReaderState state, out InputEntry? entry)
    {
        entry = null;
        var reader = new Utf8JsonReader(_buffer.AsSpan(_start, _end - _start), _endOfStream, state);
        try
        {
            if (!reader.Read())
            {
                if (_endOfStream)
                {
                    entry = Invalid(_lineAtStart + CountLines(_end - _start), "the JSON array ends before its closing ']'; the rest of the input was not read");
                    return ArrayStep.Error;
                }

                return ArrayStep.NeedMore;
            }

            if (reader.TokenType == JsonTokenType.StartArray && reader.CurrentDepth == 0)
            {
                Advance(reader.BytesConsumed);
                state = reader.CurrentState;
                return ArrayStep.Skipped;
            }

            if (reader.TokenType == JsonTokenType.EndArray && reader.CurrentDepth == 0)
            {
                return ArrayStep.Done;
            }

            var tokenStart = (int)reader.TokenStartIndex;
            if ((reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray) && !reader.TrySkip())
            {
                if (!_endOfStream)
                {
                    return ArrayStep.NeedMore;
                }

                entry = Invalid(_lineAtStart + CountLines(_end - _start), "the JSON array ends inside an element; the rest of the input was not read");
                return ArrayStep.Error;
            }

            var line = _lineAtStart + CountLines(tokenStart);
            entry = Entry(line, _buffer.AsSpan(_start + tokenStart, (int)reader.BytesConsumed - tokenStart));
            Advance(reader.BytesConsumed);
            state = reader.CurrentState;
            return ArrayStep.Element;
        }
        catch (JsonException ex)
        {
            var line = _lineAtStart + (ex.LineNumber ?? 0);
            entry = Invalid(line, $"not valid JSON ({WithoutPosition(ex.Message)}); the rest of the input was not read");
            return ArrayStep.Error;
        }
    }

    private InputEntry Entry(long line, ReadOnlySpan<byte> json)
    {
        var index = _index++;
        if (!_parse)
        {
            return new InputEntry(index, line, null, null);
        }

        string text;
        try
        {
            text = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(json);
        }
        catch (DecoderFallbackException)
        {
            return new InputEntry(index, line, null, "not valid UTF-8");
        }

        return PushSubscription.TryParse(text, out var subscription, out var error)
            ? new InputEntry(index, line, subscription, null)
            : new InputEntry(index, line, null, WithoutPosition(error));
    }

    /// <summary>A JSON error on one line, without System.Text.Json's position: it counts within the entry (or the buffer), and the entry's line is reported instead.</summary>
    private static string WithoutPosition(string message)
    {
        message = UsageException.OneLine(message);
        var position = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return position < 0 ? message : message[..position];
    }

    private InputEntry Invalid(long line, string error) => new(_index++, line, null, error);

    private long CountLines(int length) => _buffer.AsSpan(_start, length).Count((byte)'\n');

    private void Advance(long bytes)
    {
        _lineAtStart += CountLines((int)bytes);
        _start += (int)bytes;
    }

    private void SkipWhitespace()
    {
        while (_start < _end && _buffer[_start] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            if (_buffer[_start] == (byte)'\n')
            {
                _lineAtStart++;
            }

            _start++;
        }
    }

    private void SkipPastNewline()
    {
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                _start += newline + 1;
                _lineAtStart++;
                return;
            }

            _start = _end;
            if (_endOfStream)
            {
                return;
            }

            Fill();
        }
    }

    /// <summary>Reads more bytes after those not yet used, moving them to the front (and growing the buffer only for an entry longer than it).</summary>
    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }

        if (_end == _buffer.Length)
        {
            Array.Resize(ref _buffer, _buffer.Length * 2);
        }

        var read = _stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0)
        {
            _endOfStream = true;
        }

        _end += read;
    }

    private enum ArrayStep
    {
        Skipped,
        NeedMore,
        Element,
        Error,
        Done,
    }
}
