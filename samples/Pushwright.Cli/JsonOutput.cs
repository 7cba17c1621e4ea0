using System;
using System.IO;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Pushwright.Cli;

/// <summary>Writes the one-line JSON objects of <c>--json</c>, with fields in a fixed order and nulls kept.</summary>
internal static class JsonOutput
{
    // Output for a terminal or a script, not for an HTML page: keep non-ASCII text and quotes readable.
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes <c>{"publicKey":"...","privateKey":"..."}</c>, as the Node web-push CLI does.</summary>
    public static void WriteKeyPair(TextWriter output, string publicKey, string privateKey) =>
        output.WriteLine(Write(writer =>
        {
            writer.WriteString("publicKey", publicKey);
            writer.WriteString("privateKey", privateKey);
        }));

    /// <summary>Writes <c>{"outcome":"Delivered","status":201,"location":"...","error":null}</c>.</summary>
    public static void WriteResult(TextWriter output, string outcome, int? status, Uri? location, string? error) =>
        output.WriteLine(Write(writer =>
        {
            writer.WriteString("outcome", outcome);
            if (status is { } code)
            {
                writer.WriteNumber("status", code);
            }
            else
            {
                writer.WriteNull("status");
            }

            writer.WriteString("location", location?.AbsoluteUri);
            writer.WriteString("error", error);
        }));

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, s_options))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }
}
