namespace Pushwright.Testing.Internal;

/// <summary>A refusal (or a scripted error status) before a profile renders it: what went wrong, the status and a one-line explanation.</summary>
internal sealed class PushFailure
{
    public PushFailure(FailureKind kind, int statusCode, string message)
    {
        Kind = kind;
        StatusCode = statusCode;
        Message = message;
    }

    public FailureKind Kind { get; }

    public int StatusCode { get; }

    public string Message { get; }

    public static PushFailure Of(FailureKind kind, string message) => new(kind, DefaultStatus(kind), message);

    private static int DefaultStatus(FailureKind kind) => kind switch
    {
        FailureKind.NotFound => 404,
        FailureKind.Unsubscribed => 410,
        FailureKind.MethodNotAllowed => 405,
        FailureKind.MissingAuthorization or FailureKind.InvalidAuthorization => 401,
        FailureKind.KeyMismatch => 403,
        FailureKind.PayloadTooLarge => 413,
        _ => 400,
    };
}
