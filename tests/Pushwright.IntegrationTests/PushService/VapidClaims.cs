using System;

namespace Pushwright.IntegrationTests.PushService;

/// <summary>The VAPID token of a request, as the <see cref="LoopbackPushService"/> verified it.</summary>
/// <param name="Scheme"><c>vapid</c> (RFC 8292: <c>Authorization: vapid t=, k=</c>) or <c>WebPush</c> (the legacy form with <c>Crypto-Key: p256ecdsa=</c>).</param>
/// <param name="Token">The JWT.</param>
/// <param name="PublicKey">The application server key as sent (base64url).</param>
/// <param name="Algorithm">The JWT header's <c>alg</c>.</param>
/// <param name="Audience">The <c>aud</c> claim.</param>
/// <param name="ExpiresAt">The <c>exp</c> claim.</param>
/// <param name="Subject">The <c>sub</c> claim.</param>
public sealed record VapidClaims(string Scheme, string Token, string PublicKey, string Algorithm, string Audience, DateTimeOffset ExpiresAt, string Subject);
