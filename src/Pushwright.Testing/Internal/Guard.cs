using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Pushwright.Testing.Internal;

/// <summary>Argument checks of the testing package's public boundary; every <see cref="ArgumentNullException"/> it throws is created here (CONTRIBUTING.md, "Throwing").</summary>
internal static class Guard
{
    /// <summary>Throws <see cref="ArgumentNullException"/> when <paramref name="value"/> is null.</summary>
    public static T NotNull<T>([NotNull] T? value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
        where T : class
    {
        if (value is null)
        {
            ThrowArgumentNull(paramName);
        }

        return value;
    }

    [DoesNotReturn]
    private static void ThrowArgumentNull(string? paramName) => throw new ArgumentNullException(paramName);
}
