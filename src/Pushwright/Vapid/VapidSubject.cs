// The VAPID "sub" claim (RFC 8292 Section 2.1): a mailto: URI or an https: URI. Nothing is added
// or fixed silently: a bare address is refused with a hint rather than prefixed, so a stored
// "mailto:" never doubles into "mailto:mailto:".
using System;
using Pushwright.Internal;

namespace Pushwright;

internal static class VapidSubject
{
    private const string Mailto = "mailto:";

    /// <summary>
    /// Checks a subject: false with the problem for an invalid one; true with a warning for a valid
    /// but risky one (else a null warning).
    /// </summary>
    public static bool TryValidate(string subject, string paramName, out string? warning, out ArgumentProblem problem)
    {
        warning = null;
        problem = default;
        string host;
        if (subject.StartsWith(Mailto, StringComparison.OrdinalIgnoreCase))
        {
            var address = subject.Substring(Mailto.Length);
            var at = address.LastIndexOf('@');
            if (at <= 0 || at == address.Length - 1 || address.StartsWith(Mailto, StringComparison.OrdinalIgnoreCase)
                || HasSpaceOrControl(address) || address.AsSpan().IndexOf(',') >= 0)
            {
                problem = Error.SubjectMailtoWithoutAddress(paramName, subject);
                return false;
            }

            host = address.Substring(at + 1);
        }
        else if (Uri.TryCreate(subject, UriKind.Absolute, out var uri) && (uri.Scheme == Uri.UriSchemeHttps || uri.Scheme == Uri.UriSchemeHttp))
        {
            if (uri.Scheme == Uri.UriSchemeHttp)
            {
                problem = Error.SubjectHttp(paramName, subject);
                return false;
            }

            if (uri.Host.Length == 0 || HasSpaceOrControl(subject))
            {
                problem = Error.SubjectNotMailtoOrHttps(paramName, subject);
                return false;
            }

            host = uri.Host;
        }
        else if (subject.AsSpan().IndexOf('@') > 0 && subject.AsSpan().IndexOf(':') < 0 && !HasSpaceOrControl(subject))
        {
            problem = Error.SubjectBareEmail(paramName, subject);
            return false;
        }
        else
        {
            problem = Error.SubjectNotMailtoOrHttps(paramName, subject);
            return false;
        }

        host = host.TrimEnd('.').ToUpperInvariant();
        if (host == "LOCALHOST" || host.EndsWith(".LOCALHOST", StringComparison.Ordinal) || host.EndsWith(".LOCAL", StringComparison.Ordinal)
            || host == "127.0.0.1" || host == "[::1]")
        {
            warning = $"The VAPID subject '{subject}' names a local host; Apple's push service answers such tokens with 403 BadJwtToken. Use a public contact address or URL.";
        }

        return true;
    }

    private static bool HasSpaceOrControl(string value)
    {
        foreach (var c in value)
        {
            if (c <= ' ' || c == '\u007f')
            {
                return true;
            }
        }

        return false;
    }
}
