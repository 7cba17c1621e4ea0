using System;
using System.Threading.Tasks;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>Bounded waits: poll until a value shows up, stop early when the scene is broken, and say what was seen.</summary>
internal static class Eventually
{
    private static readonly TimeSpan s_pollInterval = TimeSpan.FromMilliseconds(25);

    /// <summary>Polls <paramref name="probe"/> until it returns a value.</summary>
    /// <param name="probe">Returns the awaited value, or <see langword="null"/> while it is not there yet.</param>
    /// <param name="timeout">How long to wait.</param>
    /// <param name="what">What is awaited, for the message.</param>
    /// <param name="context">Gives the reason to stop early (Firefox exited, the page failed), or <see langword="null"/>; and the diagnostics.</param>
    /// <returns>The value.</returns>
    /// <exception cref="TimeoutException">Nothing within <paramref name="timeout"/>, or the context reports a failure.</exception>
    public static async Task<T> GetAsync<T>(Func<Task<T?>> probe, TimeSpan timeout, string what, IBrowserScene context)
        where T : class
    {
        var started = TimeProvider.System.GetTimestamp();
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (context.FailureReason() is { } reason)
            {
                throw new TimeoutException($"Stopped waiting for {what}: {reason}.\n{context.Diagnostics()}");
            }

            if (TimeProvider.System.GetElapsedTime(started) > timeout)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds} s waiting for {what}.\n{context.Diagnostics()}");
            }

            await Task.Delay(s_pollInterval);
        }
    }

    /// <summary>Polls a synchronous <paramref name="probe"/>; see <see cref="GetAsync{T}(Func{Task{T}}, TimeSpan, string, IBrowserScene)"/>.</summary>
    public static Task<T> GetAsync<T>(Func<T?> probe, TimeSpan timeout, string what, IBrowserScene context)
        where T : class =>
        GetAsync(() => Task.FromResult(probe()), timeout, what, context);
}
