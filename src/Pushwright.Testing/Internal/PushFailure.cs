namespace Pushwright.Testing.Internal;

/// <summary>A refusal (or a scripted error status) before a profile renders it: what went wrong, the status and a one-line explanation.</summary>
internal sealed class PushFailure
{
    public PushFailure(FailureKind kind, int statusCode, string message, string? check = null)
    {
        Kind = kind;
        StatusCode = statusCode;
        Message = message;
        Check = check;
    }

    public FailureKind Kind { get; }

    public int StatusCode { get; }

    public string Message { get; }

    /// <summary>For a VAPID refusal, the check that failed: scheme, token, publicKey, keysDistinct, key, signature, alg, aud, exp or sub.</summary>
    public string? Check { get; }

    public static PushFailure Of(FailureKind kind, string message, string? check = null) => new(kind, DefaultStatus(kind), message, check);

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
