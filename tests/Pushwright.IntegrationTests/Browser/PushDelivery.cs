using System.Threading.Tasks;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>A push request the endpoint accepted (201) and forwarded, or queued, to Firefox.</summary>
public sealed class PushDelivery
{
    private readonly TaskCompletionSource<int> _ack = new(TaskCreationOptions.RunContinuationsAsynchronously);

    internal PushDelivery(PushRegistration registration, string version, string? encoding, string? vapidScheme, int bodyLength, bool corrupted)
    {
        Registration = registration;
        Version = version;
        Encoding = encoding;
        VapidScheme = vapidScheme;
        BodyLength = bodyLength;
        Corrupted = corrupted;
    }

    /// <summary>Gets the channel it was sent to.</summary>
    public PushRegistration Registration { get; }

    /// <summary>Gets the notification's unique <c>version</c>, which Firefox echoes in its ack.</summary>
    public string Version { get; }

    /// <summary>Gets the request's <c>Content-Encoding</c> (<c>aes128gcm</c> or <c>aesgcm</c>), or <see langword="null"/> without a body.</summary>
    public string? Encoding { get; }

    /// <summary>Gets the VAPID form: <c>vapid</c> (RFC 8292) or <c>webpush</c> (draft, with <c>Crypto-Key: p256ecdsa</c>).</summary>
    public string? VapidScheme { get; }

    /// <summary>Gets the body's length in bytes.</summary>
    public int BodyLength { get; }

    /// <summary>Gets a value indicating whether the push server flipped a bit of the body's last byte (the AEAD tag).</summary>
    public bool Corrupted { get; }

    /// <summary>Gets Firefox's ack code once it arrives: 100 delivered, 101 decryption error, 102 not delivered.</summary>
    public Task<int> Ack => _ack.Task;

    internal void Acknowledge(int code) => _ack.TrySetResult(code);

    /// <inheritdoc/>
    public override string ToString() =>
        $"version {Version[..8]}.. {Encoding ?? "no data"} {BodyLength} B, VAPID {VapidScheme}{(Corrupted ? ", CORRUPTED" : string.Empty)}, ack {(Ack.IsCompleted ? Ack.Result.ToString(System.Globalization.CultureInfo.InvariantCulture) : "pending")}";
}
