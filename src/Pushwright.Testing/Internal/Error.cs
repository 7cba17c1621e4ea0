using System;
using System.Globalization;
using System.IO;
using System.Net.Http;

namespace Pushwright.Testing.Internal;

/// <summary>Every other exception the testing package throws, one factory per message (CONTRIBUTING.md, "Throwing").</summary>
internal static class Error
{
    public static ArgumentException NotAP256Key(string paramName, int length) =>
        new($"The applicationServerKey must be a 65-byte uncompressed P-256 public key; got {length.ToString(CultureInfo.InvariantCulture)} bytes.", paramName);

    public static ArgumentException NoReplies(string paramName) =>
        new("At least one reply is needed; got none.", paramName);

    public static ArgumentException NullReply(string paramName, int index) =>
        new($"Every reply must be non-null; the one at index {index.ToString(CultureInfo.InvariantCulture)} is null.", paramName);

    public static ArgumentException UnknownSubscription(string paramName, string host) =>
        new($"The subscription was not created by this push service (its endpoint is on {host}); create it with Subscribe().", paramName);

    public static ArgumentOutOfRangeException StatusCodeOutOfRange(string paramName, int statusCode) =>
        new(paramName, statusCode, $"The status code must be between 200 and 599; got {statusCode.ToString(CultureInfo.InvariantCulture)}.");

    public static ArgumentOutOfRangeException NegativeDelay(string paramName, TimeSpan delay) =>
        new(paramName, delay, $"The delay must not be negative; got {delay}.");

    public static ArgumentOutOfRangeException NegativeByteCount(string paramName, int count) =>
        new(paramName, count, $"The byte count must not be negative; got {count.ToString(CultureInfo.InvariantCulture)}.");

    public static ArgumentException EmptyHeaderName(string paramName) =>
        new("The header name must not be empty.", paramName);

    /// <summary>The exception a connection reset surfaces as from HttpClient: an HttpRequestException around an IOException.</summary>
    public static HttpRequestException ConnectionReset() =>
        new("An error occurred while sending the request: the fake push service reset the connection.", new IOException("Connection reset by peer (simulated)."));
}
