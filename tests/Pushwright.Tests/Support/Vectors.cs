using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using Xunit;

namespace Pushwright.Tests.Support;

/// <summary>
/// Loads the known-answer vectors copied into Vectors/ (the JSON files are the facts; no vector
/// byte is retyped in code). Values are unpadded base64url and are decoded here strictly, with
/// the BCL's decoder rather than the library's, so a library decoding bug cannot hide itself.
/// </summary>
internal static class Vectors
{
    private static readonly Dictionary<string, JsonDocument> s_files = new();

    public static JsonElement File(string fileName)
    {
        lock (s_files)
        {
            if (!s_files.TryGetValue(fileName, out var document))
            {
                var path = Path.Combine(AppContext.BaseDirectory, "Vectors", fileName);
                document = JsonDocument.Parse(System.IO.File.ReadAllText(path));
                s_files[fileName] = document;
            }

            return document.RootElement;
        }
    }

    public static IEnumerable<JsonElement> All(string fileName) => File(fileName).GetProperty("vectors").EnumerateArray();

    public static JsonElement Named(string fileName, string name) =>
        All(fileName).Single(v => v.GetProperty("name").GetString() == name);

    /// <summary>Vector names of a file, filtered, as xunit theory data.</summary>
    public static TheoryData<string> Names(string fileName, Func<JsonElement, bool>? predicate = null)
    {
        var data = new TheoryData<string>();
        foreach (var v in All(fileName).Where(predicate ?? (_ => true)))
        {
            data.Add(v.GetProperty("name").GetString()!);
        }

        return data;
    }

    public static byte[] Bytes(this JsonElement vector, string property) => Decode(vector.GetProperty(property).GetString()!);

    public static string Text(this JsonElement vector, string property) => vector.GetProperty(property).GetString()!;

    public static int Int(this JsonElement vector, string property) => vector.GetProperty(property).GetInt32();

    public static bool Has(this JsonElement vector, string property) => vector.TryGetProperty(property, out _);

    public static byte[] Decode(string base64Url)
    {
        if (base64Url.IndexOfAny(['+', '/', '=', ' ', '\n']) >= 0)
        {
            throw new FormatException("Vector values are unpadded base64url: " + base64Url);
        }

        var s = base64Url.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
        return Convert.FromBase64String(s);
    }

    public static string Encode(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
