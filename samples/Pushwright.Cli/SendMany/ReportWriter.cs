using System;
using System.IO;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pushwright.Cli.SendMany;

/// <summary>
/// <c>--report out.jsonl</c>: one JSON object per input subscription, in the order results come in,
/// with what a follow-up run needs: where it was in the input, its endpoint (to delete a gone one),
/// the outcome, status, error and Retry-After, and whether resending may succeed.
/// </summary>
/// <remarks>
/// <code>{"index":0,"line":1,"endpoint":"https://…","outcome":"RateLimited","status":429,"error":"…","retryAfter":120,"retryable":true}</code>
/// The file holds endpoints, which are capabilities: on Unix it is created readable by its owner only.
/// </remarks>
internal sealed class ReportWriter : IDisposable
{
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private readonly object _lock = new();
    private readonly Stream _stream;
    private readonly Utf8JsonWriter _writer;

    private ReportWriter(Stream stream)
    {
        _stream = stream;
        _writer = new Utf8JsonWriter(stream, s_options);
    }

    /// <summary>Creates (or replaces) the report file.</summary>
    /// <exception cref="UsageException">The file cannot be created.</exception>
    public static ReportWriter Create(string path)
    {
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, BufferSize = 64 * 1024 };
            if (!OperatingSystem.IsWindows())
            {
                options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }

            return new ReportWriter(new FileStream(path, options));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or NotSupportedException or ArgumentException)
        {
            throw new UsageException($"--report: cannot create '{path}': {UsageException.OneLine(ex)}", ex);
        }
    }

    /// <summary>Writes the line of one sent (or refused) subscription.</summary>
    public void Write(InputEntry entry, PushResult result) => Write(
        entry,
        result.Subscription.Endpoint.AbsoluteUri,
        result.Outcome.ToString(),
        (int?)result.StatusCode,
        ResultText.Explain(result),
        result.RetryAfter,
        ExitCodes.For(result.Outcome) == ExitCodes.RetryLater);

    /// <summary>Writes the line of an input entry that is not a subscription.</summary>
    public void WriteInvalid(InputEntry entry) => Write(entry, null, Tally.Invalid, null, entry.Error, null, retryable: false);

    /// <summary>Writes the line of a send that Ctrl+C interrupted: the push service may or may not have it.</summary>
    public void WriteCancelled(InputEntry entry) =>
        Write(entry, entry.Subscription!.Endpoint.AbsoluteUri, Tally.Cancelled, null, "stopped by Ctrl+C before the reply; the push service may have received it", null, retryable: true);

    /// <summary>Writes what is buffered to the file.</summary>
    public void Flush()
    {
        lock (_lock)
        {
            _stream.Flush();
        }
    }

    public void Dispose()
    {
        lock (_lock)
        {
            _writer.Dispose();
            _stream.Dispose();
        }
    }

    private void Write(InputEntry entry, string? endpoint, string outcome, int? status, string? error, TimeSpan? retryAfter, bool retryable)
    {
        lock (_lock)
        {
            _writer.Reset();
            _writer.WriteStartObject();
            _writer.WriteNumber("index", entry.Index);
            _writer.WriteNumber("line", entry.Line);
            _writer.WriteString("endpoint", endpoint);
            _writer.WriteString("outcome", outcome);
            WriteNumberOrNull("status", status);
            _writer.WriteString("error", error);
            WriteNumberOrNull("retryAfter", retryAfter is { } wait ? (long)Math.Ceiling(wait.TotalSeconds) : null);
            _writer.WriteBoolean("retryable", retryable);
            _writer.WriteEndObject();
            _writer.Flush();
            _stream.WriteByte((byte)'\n');
        }
    }

    private void WriteNumberOrNull(string name, long? value)
    {
        if (value is { } number)
        {
            _writer.WriteNumber(name, number);
        }
        else
        {
            _writer.WriteNull(name);
        }
    }
}
