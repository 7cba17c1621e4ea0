namespace Pushwright.Internal;

/// <summary>Every default and limit of <see cref="WebPushClientOptions"/>, written once; the options, their checks and their messages read them here.</summary>
internal static class WebPushClientDefaults
{
    /// <summary>The default number of requests <see cref="WebPushClient.SendManyAsync(System.Collections.Generic.IEnumerable{PushSubscription}, PushMessage, System.Threading.CancellationToken)"/> has in flight.</summary>
    public const int MaxConcurrency = 16;

    /// <summary>The smallest allowed <see cref="WebPushClientOptions.MaxConcurrency"/>.</summary>
    public const int MaxConcurrencyMinimum = 1;

    /// <summary>The largest allowed <see cref="WebPushClientOptions.MaxConcurrency"/>.</summary>
    public const int MaxConcurrencyMaximum = 1024;

    /// <summary>The largest <see cref="WebPushClientOptions.MaxPlaintextLength"/>: the aesgcm maximum, the larger of the two encodings'.</summary>
    public const int MaxPlaintextLengthMaximum = 4078;

    /// <summary>The default <see cref="WebPushClientOptions.SendTimeout"/>.</summary>
    public static readonly System.TimeSpan SendTimeout = System.TimeSpan.FromSeconds(90);

    /// <summary>The shortest allowed <see cref="WebPushClientOptions.SendTimeout"/>.</summary>
    public static readonly System.TimeSpan SendTimeoutMinimum = System.TimeSpan.FromMilliseconds(1);

    /// <summary>The longest allowed <see cref="WebPushClientOptions.SendTimeout"/>.</summary>
    public static readonly System.TimeSpan SendTimeoutMaximum = System.TimeSpan.FromHours(1);

    /// <summary>How long reading a push service's error body may take: it is only a detail of the outcome the status decides.</summary>
    public static readonly System.TimeSpan ErrorBodyTimeout = System.TimeSpan.FromSeconds(2);

    /// <summary>The most of an error body that is read: an explanation is short, and a hostile endpoint must not make us buffer gigabytes.</summary>
    public const int MaxErrorBodyBytes = 8192;
}
