// One signed VAPID token per audience (push service origin), shared by every request to it.
//
// Renewal rule: a token is reused until less than a quarter of its lifetime is left, then a new
// one is signed. With lifetimes between 2 and 24 hours this gives both guarantees at once:
//   - a token handed out always has at least a quarter of its lifetime (>= 30 minutes) left, so
//     it cannot expire in flight, and its exp is never more than the lifetime (<= 24 h) ahead;
//   - a new token is signed at the earliest three quarters of a lifetime (>= 90 minutes) after
//     the last one, so no audience is signed for more than once an hour (Apple's push service
//     refuses senders that refresh more often).
// If the clock moves backwards so far that a token's exp is more than a lifetime ahead, the token
// is replaced too: an over-long token is refused by push services.
// Signing happens under one lock with a second look inside it, so a thousand concurrent senders
// that find no token cause one signature, not a thousand.
using System;
using System.Collections.Concurrent;

namespace Pushwright;

internal sealed class VapidTokenCache
{
    /// <summary>Bounds memory when endpoints name many hosts (for example hostile subscriptions).</summary>
    private const int MaxAudiences = 1024;

    // Keyed by the endpoint's parts, which Uri keeps, so a cache hit allocates nothing.
    private readonly ConcurrentDictionary<(string Scheme, string Host, int Port), Entry> _entries = new();
    private readonly object _signLock = new();
    private readonly VapidDetails _details;

    public VapidTokenCache(VapidDetails details) => _details = details;

    /// <summary>Gets the number of signatures made so far (for tests and diagnostics).</summary>
    public long SignatureCount { get; private set; }

    /// <summary>Gets the headers for the audience of <paramref name="endpoint"/>, signing a new token only when the renewal rule asks for one.</summary>
    public VapidHeaders GetHeaders(Uri endpoint, bool legacyForm)
    {
        var entry = GetEntry(endpoint);
        return legacyForm ? entry.Legacy : entry.Vapid;
    }

    private Entry GetEntry(Uri endpoint)
    {
        var audience = (endpoint.Scheme, endpoint.Host, endpoint.Port);
        var now = _details.TimeProvider.GetUtcNow();
        if (_entries.TryGetValue(audience, out var entry) && entry.IsFresh(now, _details.TokenLifetime))
        {
            return entry;
        }

        lock (_signLock)
        {
            now = _details.TimeProvider.GetUtcNow();
            if (_entries.TryGetValue(audience, out entry) && entry.IsFresh(now, _details.TokenLifetime))
            {
                return entry;
            }

            var expiresAt = now.ToUnixTimeSeconds() + (long)_details.TokenLifetime.TotalSeconds;
            var token = VapidToken.Create(_details.Keys, VapidToken.GetAudience(endpoint), expiresAt, _details.Subject);
            SignatureCount++;
            entry = new Entry(token, _details.Keys.PublicKeyBase64Url, DateTimeOffset.FromUnixTimeSeconds(expiresAt));
            if (_entries.Count >= MaxAudiences)
            {
                Evict(now);
            }

            // When the cache is full of live tokens (endpoints naming many hosts, perhaps hostile
            // ones), the new token is used uncached rather than evicting the push services'
            // tokens, which must not be re-signed more than once an hour.
            if (_entries.Count < MaxAudiences || _entries.ContainsKey(audience))
            {
                _entries[audience] = entry;
            }

            return entry;
        }
    }

    private void Evict(DateTimeOffset now)
    {
        foreach (var pair in _entries)
        {
            if (pair.Value.ExpiresAt <= now)
            {
                _entries.TryRemove(pair.Key, out _);
            }
        }

    }

    private sealed class Entry
    {
        public Entry(string token, string publicKey, DateTimeOffset expiresAt)
        {
            ExpiresAt = expiresAt;
            Vapid = new VapidHeaders("vapid t=" + token + ", k=" + publicKey, null);
            Legacy = new VapidHeaders("WebPush " + token, "p256ecdsa=" + publicKey);
        }

        public DateTimeOffset ExpiresAt { get; }

        public VapidHeaders Vapid { get; }

        public VapidHeaders Legacy { get; }

        public bool IsFresh(DateTimeOffset now, TimeSpan lifetime)
        {
            // exp is whole seconds, and clocks step back a little (NTP, a resumed VM): a minute of
            // slack keeps such steps from forcing a new signature. A token more than a minute
            // over its lifetime ahead means the clock went back for real.
            var remaining = ExpiresAt - now;
            return remaining > TimeSpan.FromTicks(lifetime.Ticks / 4) && remaining <= lifetime + TimeSpan.FromMinutes(1);
        }
    }
}
