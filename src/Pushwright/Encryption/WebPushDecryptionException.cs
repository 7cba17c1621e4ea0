using System;
using System.Security.Cryptography;

namespace Pushwright.Encryption;

/// <summary>The exception <see cref="WebPushEncryption.Decrypt"/> throws when a push message cannot be decrypted.</summary>
/// <remarks>Use <see cref="WebPushEncryption.TryDecrypt"/> to get <see langword="false"/> instead.</remarks>
public sealed class WebPushDecryptionException : CryptographicException
{
    /// <summary>Initializes a new instance of the <see cref="WebPushDecryptionException"/> class.</summary>
    public WebPushDecryptionException()
        : this(DecryptionError.None, "The payload could not be decrypted.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WebPushDecryptionException"/> class with a message.</summary>
    /// <param name="message">The message that describes the error.</param>
    public WebPushDecryptionException(string message)
        : this(DecryptionError.None, message)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WebPushDecryptionException"/> class with a message and an inner exception.</summary>
    /// <param name="message">The message that describes the error.</param>
    /// <param name="innerException">The exception that caused this one.</param>
    public WebPushDecryptionException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="WebPushDecryptionException"/> class for an error.</summary>
    /// <param name="error">Why decryption failed.</param>
    /// <param name="message">The message that describes the error.</param>
    public WebPushDecryptionException(DecryptionError error, string message)
        : base(message)
    {
        Error = error;
    }

    /// <summary>Gets why decryption failed.</summary>
    public DecryptionError Error { get; }
}
