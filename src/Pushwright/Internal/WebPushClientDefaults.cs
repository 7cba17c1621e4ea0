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
}
