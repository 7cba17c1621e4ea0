using System.Globalization;

namespace Pushwright.Testing.Internal;

/// <summary>The reason phrases of RFC 9110 Section 15 for the statuses a push service gives.</summary>
internal static class ReasonPhrases
{
    public static string Of(int statusCode) => statusCode switch
    {
        200 => "OK",
        201 => "Created",
        202 => "Accepted",
        204 => "No Content",
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        405 => "Method Not Allowed",
        406 => "Not Acceptable",
        408 => "Request Timeout",
        410 => "Gone",
        413 => "Payload Too Large",
        429 => "Too Many Requests",
        500 => "Internal Server Error",
        502 => "Bad Gateway",
        503 => "Service Unavailable",
        504 => "Gateway Timeout",
        _ => "Status " + statusCode.ToString(CultureInfo.InvariantCulture),
    };
}
