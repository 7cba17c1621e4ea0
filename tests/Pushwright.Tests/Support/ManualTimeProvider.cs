using System;

namespace Pushwright.Tests.Support;

/// <summary>A clock that can also move backwards, which FakeTimeProvider refuses to do.</summary>
internal sealed class ManualTimeProvider : TimeProvider
{
    public ManualTimeProvider(DateTimeOffset now) => Now = now;

    public DateTimeOffset Now { get; set; }

    public override DateTimeOffset GetUtcNow() => Now;
}
