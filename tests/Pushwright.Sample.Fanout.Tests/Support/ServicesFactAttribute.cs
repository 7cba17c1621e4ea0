using System;
using Xunit;

namespace Pushwright.Sample.Fanout.Tests.Support;

/// <summary>
/// A test that needs PostgreSQL and RabbitMQ. Without them it is skipped, with the reason, unless
/// <c>CI=true</c>: then it runs and fails, so a CI run can never count a missing service as passed.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ServicesFactAttribute : FactAttribute
{
    public ServicesFactAttribute()
    {
        if (!FanoutServices.IsCI && FanoutServices.UnavailableReason is { } reason)
        {
            Skip = reason;
        }
    }
}
