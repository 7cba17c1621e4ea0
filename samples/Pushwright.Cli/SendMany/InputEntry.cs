namespace Pushwright.Cli.SendMany;

/// <summary>One subscription of the input, or the reason it could not be read.</summary>
/// <param name="Index">Its 0-based position among the input's subscriptions (blank lines do not count).</param>
/// <param name="Line">The 1-based line of the input it starts on.</param>
/// <param name="Subscription">The subscription; <see langword="null"/> when it is invalid (or when only counting).</param>
/// <param name="Error">Why it is invalid; <see langword="null"/> when it is valid.</param>
internal sealed record InputEntry(long Index, long Line, PushSubscription? Subscription, string? Error);
