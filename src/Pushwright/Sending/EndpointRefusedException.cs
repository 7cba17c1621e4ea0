using System;
using System.Net.Http;

namespace Pushwright.Sending;

/// <summary>
/// The address policy refused to connect to a push endpoint's host. Raised inside the transport
/// (from the connect callback, or the pre-send check on netstandard2.0), where nothing but an
/// exception can leave; <see cref="WebPushClient"/> reports it as a refusal, not as a network
/// error, and the retry policy of <c>AddWebPush()</c> never retries it. Its message names the host
/// and the refused addresses, never the endpoint's path.
/// </summary>
internal sealed class EndpointRefusedException : HttpRequestException
{
    public EndpointRefusedException()
    {
    }

    public EndpointRefusedException(string message)
        : base(message)
    {
    }

    public EndpointRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Returns the refusal in <paramref name="exception"/> or its inner exceptions (the handler wraps what a connect callback throws), or <see langword="null"/>.</summary>
    public static EndpointRefusedException? Find(Exception? exception)
    {
        for (; exception is not null; exception = exception.InnerException)
        {
            if (exception is EndpointRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }
}
