using System;

namespace Pushwright;

/// <summary>The exception <see cref="PushResult.EnsureDelivered"/> throws when a message was not delivered.</summary>
public sealed class WebPushException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="WebPushException"/> class.</summary>
    public WebPushException()
        : base("The push message was not delivered.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WebPushException"/> class with a message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public WebPushException(string message)
        : base(message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WebPushException"/> class with a message and an inner exception.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public WebPushException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WebPushException"/> class for a result.</summary>
    /// <param name="result">The result that was not a delivery.</param>
    public WebPushException(PushResult result)
        : base(result?.ToString() ?? "The push message was not delivered.", result?.Exception)
    {
        Result = result;
    }

    /// <summary>Initializes a new instance of the <see cref="WebPushException"/> class for a result and a cause.</summary>
    internal WebPushException(string message, PushResult result, Exception innerException)
        : base(message, innerException)
    {
        Result = result;
    }

    /// <summary>Gets the result that caused the exception, when there is one.</summary>
    public PushResult? Result { get; }
}
