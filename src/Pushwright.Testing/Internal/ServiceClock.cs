using System;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.Testing.Internal;

/// <summary>Waits on a <see cref="TimeProvider"/>, so that a scripted delay moves with a fake clock.</summary>
internal static class ServiceClock
{
    public static Task Delay(TimeProvider timeProvider, TimeSpan delay, CancellationToken cancellationToken) =>
#if NET8_0_OR_GREATER
        Task.Delay(delay, timeProvider, cancellationToken);
#else
        timeProvider.Delay(delay, cancellationToken);
#endif
}
