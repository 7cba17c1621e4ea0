using System;
using System.Collections.Generic;
using System.Net.Http;

namespace Pushwright.Testing.Internal;

/// <summary>A request's headers and content headers as sent, unparsed: names case-insensitive, repeated values joined with ", ".</summary>
internal static class RequestHeaders
{
    public static IReadOnlyDictionary<string, string> Of(HttpRequestMessage request)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
#if NET8_0_OR_GREATER
        foreach (var header in request.Headers.NonValidated)
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers.NonValidated)
            {
                headers[header.Key] = string.Join(", ", header.Value);
            }
        }
#else
        foreach (var header in request.Headers)
        {
            headers[header.Key] = string.Join(", ", header.Value);
        }

        if (request.Content is not null)
        {
            foreach (var header in request.Content.Headers)
            {
                headers[header.Key] = string.Join(", ", header.Value);
            }
        }
#endif
        return headers;
    }
}
