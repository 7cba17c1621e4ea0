using System;
using Pushwright.Internal;

namespace Pushwright;

/// <summary>The URL rules of declarative notifications, written once for the notification and its actions.</summary>
internal static class PayloadUrl
{
    /// <summary>
    /// A <c>navigate</c> URL must be absolute (WebKit parses it without a base URL) and https:, or http:
    /// on a loopback host for local development, as a secure context would be.
    /// </summary>
    public static Uri Navigate(Uri url, string what, string? paramName)
    {
        var ok = url.IsAbsoluteUri
            && (url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && url.IsLoopback));
        return ok ? url : throw Error.NavigateNotHttps(paramName, what, url.OriginalString);
    }

    /// <summary>
    /// An image, icon or badge URL must be absolute (WebKit drops the message when it cannot parse one without a
    /// base URL) and fetchable by a user agent: https:, http: or data:. That also refuses what
    /// <c>new Uri("/icon.png")</c> gives on Unix, an absolute file: URI.
    /// </summary>
    public static Uri? Resource(Uri? url, string what, string? paramName) =>
        url is null || (url.IsAbsoluteUri && (url.Scheme == Uri.UriSchemeHttps || url.Scheme == Uri.UriSchemeHttp || url.Scheme == "data"))
            ? url
            : throw Error.ResourceUrlNotAbsolute(paramName, what, url.OriginalString);

    /// <summary>The serialized form: absolute, escaped and normalized.</summary>
    public static string? ToJson(Uri? url) => url?.AbsoluteUri;
}
