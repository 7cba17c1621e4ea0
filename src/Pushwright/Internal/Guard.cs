using System;
using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;

namespace Pushwright.Internal;

/// <summary>
/// Argument checks for the public boundary. Every <see cref="ArgumentNullException"/> the
/// library throws is created here, so each check is written once (CONTRIBUTING.md, "Throwing").
/// </summary>
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

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> when <paramref name="value"/> is negative.</summary>
    public static int NotNegative(int value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value < 0)
        {
            throw Error.NegativeArgument(paramName, value);
        }

        return value;
    }

    /// <summary>Throws when <paramref name="value"/> is not a defined <see cref="ContentEncoding"/>.</summary>
    public static ContentEncoding Defined(ContentEncoding value, [CallerArgumentExpression(nameof(value))] string? paramName = null)
    {
        if (value is not ContentEncoding.Aes128Gcm and not ContentEncoding.AesGcm)
        {
            throw Error.UnknownContentEncoding(paramName, value);
        }

        return value;
    }

    [DoesNotReturn]
    private static void ThrowArgumentNull(string? paramName) => throw new ArgumentNullException(paramName);
}
