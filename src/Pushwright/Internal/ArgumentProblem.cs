using System;

namespace Pushwright.Internal;

/// <summary>
/// A bad argument found by a Try core, described without creating an exception. The throwing form
/// turns it into one at the public boundary (<see cref="ToException"/>); the Try forms and the
/// options validators only read its <see cref="Message"/>. The messages come from <see cref="Error"/>.
/// </summary>
internal readonly struct ArgumentProblem
{
    private ArgumentProblem(string? paramName, string message, bool outOfRange)
    {
        ParamName = paramName;
        Message = message;
        IsOutOfRange = outOfRange;
    }

    /// <summary>Gets the parameter the problem is with.</summary>
    public string? ParamName { get; }

    /// <summary>Gets what was expected and what was received; never a secret.</summary>
    public string Message { get; }

    /// <summary>Gets a value indicating whether the value was outside a range (<see cref="ArgumentOutOfRangeException"/>).</summary>
    public bool IsOutOfRange { get; }

    public static ArgumentProblem Invalid(string? paramName, string message) => new(paramName, message, outOfRange: false);

    public static ArgumentProblem OutOfRange(string? paramName, string message) => new(paramName, message, outOfRange: true);

    /// <summary>The same problem about another parameter, for a core shared by public members with different parameter names.</summary>
    public ArgumentProblem For(string? paramName) => new(paramName, Message, IsOutOfRange);

    /// <summary>Creates the exception the throwing form throws.</summary>
    public ArgumentException ToException() => Error.From(this);
}
