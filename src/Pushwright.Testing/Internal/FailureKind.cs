namespace Pushwright.Testing.Internal;

/// <summary>
/// Why the fake refused a request by itself. Each profile turns a kind into its service's reply;
/// the statuses and Mozilla errnos are autopush's (its error.rs and notification_headers.rs), except
/// the key mismatch, which answers 403 as RFC 8292 Section 4.2 asks for invalid authentication.
/// </summary>
internal enum FailureKind
{
    /// <summary>404, errno 102: no subscription at this endpoint.</summary>
    NotFound,

    /// <summary>410, errno 106: the subscription was removed (the user unsubscribed).</summary>
    Unsubscribed,

    /// <summary>405: only POST delivers a message (RFC 8030 Section 5).</summary>
    MethodNotAllowed,

    /// <summary>400, errno 111: TTL missing or not a number (RFC 8030 Section 5.2).</summary>
    MissingTtl,

    /// <summary>400, errno 114: a negative TTL.</summary>
    InvalidTtl,

    /// <summary>400, errno 113: a Topic longer than 32 characters or outside the base64url alphabet (RFC 8030 Section 5.4).</summary>
    InvalidTopic,

    /// <summary>400: an Urgency other than very-low, low, normal or high (RFC 8030 Section 5.3).</summary>
    InvalidUrgency,

    /// <summary>400, errno 110: Content-Encoding or the aesgcm Encryption/Crypto-Key headers are wrong, or the body does not decrypt.</summary>
    InvalidEncryption,

    /// <summary>401, errno 109: no VAPID authorization for a subscription bound to an applicationServerKey.</summary>
    MissingAuthorization,

    /// <summary>401, errno 109: the VAPID header or token is invalid (scheme, signature, aud, exp, sub).</summary>
    InvalidAuthorization,

    /// <summary>403, errno 109: the VAPID key is not the subscription's applicationServerKey.</summary>
    KeyMismatch,

    /// <summary>413, errno 104: a body over 4096 bytes (RFC 8291 Section 4).</summary>
    PayloadTooLarge,

    /// <summary>A rule of one push service beyond RFC 8030 (WNS's TTL 0 with caching, a bridged endpoint's smaller body): the status the profile gives.</summary>
    ServiceRule,

    /// <summary>Any status a script asked for.</summary>
    Scripted,
}
