using System;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;

namespace Pushwright.Testing.Internal;

/// <summary>Writes the small JSON error bodies of the profiles with a <see cref="Utf8JsonWriter"/> (no reflection, so the net8.0 asset stays trim-safe).</summary>
internal static class JsonBody
{
    public static HttpContent Create(Action<Utf8JsonWriter> writeMembers)
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream))
        {
            writer.WriteStartObject();
            writeMembers(writer);
            writer.WriteEndObject();
        }

        var content = new ByteArrayContent(stream.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }
}
