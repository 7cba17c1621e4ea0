using System;
using Pushwright.Internal;

namespace Pushwright;

/// <summary>
/// Who is sending: the VAPID contact (<c>sub</c>) and key pair, and the cache of signed tokens
/// that every request to the same push service shares (RFC 8292).
/// </summary>
/// <remarks>
/// Create one instance per key pair and share it (it is thread-safe): tokens are signed once per
/// push service and reused until a quarter of their lifetime is left, never more than once an
/// hour per service. Time is read only from the <see cref="System.TimeProvider"/> given here.
/// </remarks>
public sealed class VapidDetails
{
    /// <summary>The default token lifetime: 12 hours.</summary>
    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromHours(12);

    /// <summary>The longest token lifetime: 24 hours (RFC 8292 Section 2).</summary>
    public static readonly TimeSpan MaxTokenLifetime = TimeSpan.FromHours(24);

    /// <summary>The shortest token lifetime: 2 hours, so that renewing with a quarter left never signs more than once an hour.</summary>
    public static readonly TimeSpan MinTokenLifetime = TimeSpan.FromHours(2);

    private readonly VapidTokenCache _cache;

    /// <summary>Initializes a new instance of the <see cref="VapidDetails"/> class with the default token lifetime and the system clock.</summary>
    /// <param name="subject">A <c>mailto:</c> address or an <c>https:</c> URL where the push service can reach you.</param>
    /// <param name="keys">The application server's key pair.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="subject"/> is not a <c>mailto:</c> address or an <c>https:</c> URL.</exception>
    public VapidDetails(string subject, VapidKeys keys)
        : this(subject, keys, DefaultTokenLifetime, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="VapidDetails"/> class.</summary>
    /// <param name="subject">A <c>mailto:</c> address or an <c>https:</c> URL where the push service can reach you.</param>
    /// <param name="keys">The application server's key pair.</param>
    /// <param name="tokenLifetime">How far ahead each token's <c>exp</c> is set: from 2 to 24 hours.</param>
    /// <param name="timeProvider">The clock; <see cref="TimeProvider.System"/> when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="subject"/> or <paramref name="keys"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="subject"/> is not a <c>mailto:</c> address or an <c>https:</c> URL.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="tokenLifetime"/> is outside 2 to 24 hours.</exception>
    public VapidDetails(string subject, VapidKeys keys, TimeSpan tokenLifetime, TimeProvider? timeProvider = null)
    {
        Guard.NotNull(subject);
        Keys = Guard.NotNull(keys);
        if (!VapidSubject.TryValidate(subject, nameof(subject), out var warning, out var problem)
            || !TryCheckTokenLifetime(tokenLifetime, nameof(tokenLifetime), out problem))
        {
            throw problem.ToException();
        }

        SubjectWarning = warning;
        Subject = subject;
        TokenLifetime = tokenLifetime;
        TimeProvider = timeProvider ?? TimeProvider.System;
        _cache = new VapidTokenCache(this);
    }

    /// <summary>Gets the contact: a <c>mailto:</c> address or an <c>https:</c> URL.</summary>
    public string Subject { get; }

    /// <summary>Gets the key pair.</summary>
    public VapidKeys Keys { get; }

    /// <summary>Gets how far ahead each token's <c>exp</c> is set.</summary>
    /// <value>The default value is 12 hours.</value>
    public TimeSpan TokenLifetime { get; }

    /// <summary>Gets the clock the tokens are dated by.</summary>
    public TimeProvider TimeProvider { get; }

    /// <summary>
    /// Gets a warning about a subject that is valid but that some push services refuse, such as a
    /// <c>localhost</c> or <c>.local</c> contact (Apple answers 403 BadJwtToken); otherwise <see langword="null"/>.
    /// </summary>
    public string? SubjectWarning { get; }

    /// <summary>Gets the signature counter of the token cache, for tests.</summary>
    internal long SignatureCount => _cache.SignatureCount;

    /// <summary>Gets the number of audiences the token cache holds, for tests.</summary>
    internal int CachedAudienceCount => _cache.Count;

    /// <summary>Gets the VAPID headers for a request to <paramref name="endpoint"/>, reusing a cached token when it is fresh.</summary>
    /// <param name="endpoint">The subscription's push endpoint. Only its origin goes into the token.</param>
    /// <param name="encoding">The payload's content coding: aes128gcm uses the RFC 8292 <c>vapid</c> form; aesgcm the legacy <c>WebPush</c> form.</param>
    /// <returns>The header values.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="endpoint"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="endpoint"/> is not an absolute http(s) URL.</exception>
    internal VapidHeaders GetHeaders(Uri endpoint, ContentEncoding encoding = ContentEncoding.Aes128Gcm) => GetHeaders(endpoint, encoding, out _);

    /// <summary>Gets the VAPID headers like <see cref="GetHeaders(Uri, ContentEncoding)"/>, and whether the token came from the cache.</summary>
    internal VapidHeaders GetHeaders(Uri endpoint, ContentEncoding encoding, out bool cached)
    {
        Guard.NotNull(endpoint);
        Guard.Defined(encoding);
        VapidToken.CheckEndpoint(endpoint, nameof(endpoint));
        return _cache.GetHeaders(endpoint, encoding == ContentEncoding.AesGcm, out cached);
    }

    /// <summary>Returns the subject and public key; never a private key or token.</summary>
    /// <returns>A string for diagnostics.</returns>
    public override string ToString() => $"VapidDetails {{ Subject = {Subject}, PublicKey = {Keys.PublicKeyBase64Url} }}";

    /// <summary>Checks that <paramref name="tokenLifetime"/> is between <see cref="MinTokenLifetime"/> and <see cref="MaxTokenLifetime"/>.</summary>
    internal static bool TryCheckTokenLifetime(TimeSpan tokenLifetime, string paramName, out ArgumentProblem problem)
    {
        problem = tokenLifetime < MinTokenLifetime || tokenLifetime > MaxTokenLifetime
            ? Error.TokenLifetime(paramName, MinTokenLifetime, MaxTokenLifetime, tokenLifetime)
            : default;
        return problem.Message is null;
    }
}
