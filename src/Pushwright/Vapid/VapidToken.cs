// The VAPID JWT (RFC 8292 Section 2), signed with ES256 (RFC 7515, RFC 7518 Section 3.4).
//
//   header   {"typ":"JWT","alg":"ES256"}                        fixed, compact JSON
//   claims   {"aud":"https://host[:port]","exp":<int>,"sub":"mailto:..."}   in that order, as web-push writes them
//   token    base64url(header) "." base64url(claims) "." base64url(r || s)   no padding; r || s is 64 bytes, not DER
//
// aud is the origin of the push endpoint: scheme, host and a non-default port, never the path
// (the path is the subscription's capability and must not be leaked into a token).
using System;
using System.Globalization;
using System.Text;
using Pushwright.Cryptography;
using Pushwright.Internal;

namespace Pushwright;

internal static class VapidToken
{
    /// <summary>base64url of {"typ":"JWT","alg":"ES256"}.</summary>
    public const string HeaderSegment = "eyJ0eXAiOiJKV1QiLCJhbGciOiJFUzI1NiJ9";

    /// <summary>Throws unless <paramref name="endpoint"/> is an absolute http(s) URL with a host.</summary>
    public static void CheckEndpoint(Uri endpoint, string? paramName)
    {
        if (!endpoint.IsAbsoluteUri || (endpoint.Scheme != Uri.UriSchemeHttps && endpoint.Scheme != Uri.UriSchemeHttp) || endpoint.Host.Length == 0)
        {
            throw Error.EndpointNotAbsolute(paramName);
        }
    }

    /// <summary>Gets the audience of a checked <paramref name="endpoint"/>: "scheme://host[:port]".</summary>
    public static string GetAudience(Uri endpoint)
    {
        // Not GetLeftPart(UriPartial.Authority): that keeps user information.
        var audience = endpoint.Scheme + "://" + endpoint.Host;
        return endpoint.IsDefaultPort ? audience : audience + ":" + endpoint.Port.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>Gets the claims JSON exactly as it is signed.</summary>
    public static string GetClaimsJson(string audience, long expiresAtUnixSeconds, string subject)
    {
        var builder = new StringBuilder(64 + audience.Length + subject.Length);
        builder.Append("{\"aud\":");
        AppendJsonString(builder, audience);
        builder.Append(",\"exp\":").Append(expiresAtUnixSeconds.ToString(CultureInfo.InvariantCulture)).Append(",\"sub\":");
        AppendJsonString(builder, subject);
        return builder.Append('}').ToString();
    }

    /// <summary>Creates and signs a token.</summary>
    public static string Create(VapidKeys keys, string audience, long expiresAtUnixSeconds, string subject)
    {
        var claims = Encoding.UTF8.GetBytes(GetClaimsJson(audience, expiresAtUnixSeconds, subject));
        var signingInput = HeaderSegment + "." + Base64Url.Encode(claims);
        Span<byte> signature = stackalloc byte[64];
        keys.Signer.Sign(Encoding.ASCII.GetBytes(signingInput), signature);
        return signingInput + "." + Base64Url.Encode(signature);
    }

    private static void AppendJsonString(StringBuilder builder, string value)
    {
        builder.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"':
                    builder.Append("\\\"");
                    break;
                case '\\':
                    builder.Append("\\\\");
                    break;
                case < ' ':
                    builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    break;
                default:
                    builder.Append(c);
                    break;
            }
        }

        builder.Append('"');
    }
}
