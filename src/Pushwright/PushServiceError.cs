using System.Globalization;
using System.Text;

namespace Pushwright;

/// <summary>
/// A push service's explanation of a refused message, read from the reply body: Mozilla's JSON
/// (<c>errno</c>, <c>code</c>, <c>message</c>, <c>more_info</c>), Apple's JSON (<c>reason</c>), or
/// the plain text or HTML other services send, reduced to a short message.
/// </summary>
public sealed class PushServiceError
{
    internal PushServiceError(string message, int? errno = null, int? code = null, string? moreInfo = null, string? reason = null)
    {
        Message = message;
        Errno = errno;
        Code = code;
        MoreInfo = moreInfo;
        Reason = reason;
    }

    /// <summary>Gets a short human-readable explanation (at most 300 characters).</summary>
    public string Message { get; }

    /// <summary>Gets Mozilla's error number (for example 102 for an invalid token, 106 for an expired subscription), if given.</summary>
    public int? Errno { get; }

    /// <summary>Gets the HTTP code Mozilla's body repeats, if given.</summary>
    public int? Code { get; }

    /// <summary>Gets Mozilla's link to more information, if given.</summary>
    public string? MoreInfo { get; }

    /// <summary>Gets Apple's reason (for example <c>BadJwtToken</c>, <c>ExpiredJwtToken</c>, <c>Unregistered</c>), if given.</summary>
    public string? Reason { get; }

    /// <inheritdoc/>
    public override string ToString()
    {
        var builder = new StringBuilder(Message);
        if (Reason is not null)
        {
            builder.Append(" (reason ").Append(Reason).Append(')');
        }

        if (Errno is not null)
        {
            builder.Append(" (errno ").Append(Errno.Value.ToString(CultureInfo.InvariantCulture)).Append(')');
        }

        return builder.ToString();
    }
}
