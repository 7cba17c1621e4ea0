// One signed VAPID token per audience (push service origin), shared by every request to it.
//
// Renewal rule: a token is reused until less than a quarter of its lifetime is left, then a new
// one is signed. With lifetimes between 2 and 24 hours this gives both guarantees at once:
//   - a token handed out always has at least a quarter of its lifetime (>= 30 minutes) left, so
//     it cannot expire in flight, and its exp is never more than the lifetime (<= 24 h) ahead;
//   - a new token is signed at the earliest three quarters of a lifetime (>= 90 minutes) after
//     the last one, so no audience is signed for more than once an hour (Apple's push service
//     refuses senders that refresh more often).
// If the clock moves backwards so far that a token's exp is more than a lifetime (plus a minute
// of slack for small steps) ahead, or ever more than 24 hours ahead, the token is replaced: an
// over-long token is refused by push services, and RFC 8292 Section 2 caps exp at 24 hours.
//
// Bounded memory that a flood of hosts cannot turn against the push services: endpoints name
// their host, so hostile subscriptions can name thousands. The cache holds at most MaxAudiences
// entries in two segments:
//   - the known push services (KnownPushServiceHosts), at most MaxKnownAudiences; other hosts
//     never displace them, so FCM, Mozilla, Apple and WNS are signed for by the renewal rule only;
//   - every other host, at most MaxAudiences - MaxKnownAudiences. When it is full, the least
//     recently used entry that has not been used for RecentUse is replaced; when every entry was
//     used that recently (a flood), the newcomer is served an uncached token instead. So an
//     audience used at least once every RecentUse keeps its token however many others are used.
// Signing happens under one lock with a second look inside it, so a thousand concurrent senders
// that find no token cause one signature, not a thousand. A cache hit allocates nothing.
using System;
using System.Collections.Concurrent;
using System.Threading;
using Pushwright.Sending;

namespace Pushwright;

internal sealed class VapidTokenCache
{
    /// <summary>The most audiences held, both segments together.</summary>
    internal const int MaxAudiences = 1024;

    /// <summary>The most known push-service audiences held (their own segment).</summary>
    internal const int MaxKnownAudiences = 256;

    /// <summary>An entry used within this time is never replaced to make room.</summary>
    internal static readonly TimeSpan RecentUse = TimeSpan.FromMinutes(10);

    // Keyed by the endpoint's parts, which Uri keeps, so a cache hit allocates nothing.
    private readonly ConcurrentDictionary<(string Scheme, string Host, int Port), Entry> _entries = new();
    private readonly object _signLock = new();
    private readonly VapidDetails _details;
    private int _knownCount;
    private int _otherCount;

    public VapidTokenCache(VapidDetails details) => _details = details;

    /// <summary>Gets the number of audiences with a cached token (for tests).</summary>
    public int Count => _entries.Count;

    /// <summary>Gets the number of signatures made so far (for tests and diagnostics).</summary>
    public long SignatureCount { get; private set; }

    /// <summary>Gets the headers for the audience of <paramref name="endpoint"/>, signing a new token only when the renewal rule asks for one.</summary>
    public VapidHeaders GetHeaders(Uri endpoint, bool legacyForm, out bool cached)
    {
        var entry = GetEntry(endpoint, out cached);
        return legacyForm ? entry.Legacy : entry.Vapid;
    }

    private Entry GetEntry(Uri endpoint, out bool cached)
    {
        cached = true;
        var audience = (endpoint.Scheme, endpoint.Host, endpoint.Port);
        var now = _details.TimeProvider.GetUtcNow();
        if (_entries.TryGetValue(audience, out var entry) && entry.IsFresh(now, _details.TokenLifetime))
        {
            entry.Touch(now);
            return entry;
        }

        lock (_signLock)
        {
            now = _details.TimeProvider.GetUtcNow();
            if (_entries.TryGetValue(audience, out entry) && entry.IsFresh(now, _details.TokenLifetime))
            {
                entry.Touch(now);
                return entry;
            }

            cached = false;
            var expiresAt = now.ToUnixTimeSeconds() + (long)_details.TokenLifetime.TotalSeconds;
            var token = VapidToken.Create(_details.Keys, VapidToken.GetAudience(endpoint), expiresAt, _details.Subject);
            SignatureCount++;
            var isKnown = entry?.IsKnown ?? HostPatterns.KnownPushServices.Matches(endpoint);
            var fresh = new Entry(token, _details.Keys.PublicKeyBase64Url, DateTimeOffset.FromUnixTimeSeconds(expiresAt), isKnown, now);
            if (entry is not null)
            {
                // A renewal takes the old token's place in its segment.
                _entries[audience] = fresh;
            }
            else if (MakeRoom(isKnown, now))
            {
                _entries[audience] = fresh;
                AddToCount(isKnown, 1);
            }

            // Otherwise the segment is full of recently used audiences (a flood of hosts): this one
            // is served its token uncached rather than displacing a token in use.
            return fresh;
        }
    }

    /// <summary>Frees a place in the segment, if needed and possible. Called under the sign lock.</summary>
    private bool MakeRoom(bool known, DateTimeOffset now)
    {
        var count = known ? _knownCount : _otherCount;
        if (count < (known ? MaxKnownAudiences : MaxAudiences - MaxKnownAudiences))
        {
            return true;
        }

        // The least recently used entry of the segment that has not been used for RecentUse.
        (string, string, int)? victim = null;
        var oldest = now - RecentUse;
        foreach (var pair in _entries)
        {
            var lastUsed = pair.Value.LastUsed;
            if (pair.Value.IsKnown == known && lastUsed <= oldest)
            {
                victim = pair.Key;
                oldest = lastUsed;
            }
        }

        if (victim is null || !_entries.TryRemove(victim.Value, out _))
        {
            return false;
        }

        AddToCount(known, -1);
        return true;
    }

    private void AddToCount(bool known, int delta)
    {
        if (known)
        {
            _knownCount += delta;
        }
        else
        {
            _otherCount += delta;
        }
    }

    private sealed class Entry
    {
        private long _lastUsedTicks;

        public Entry(string token, string publicKey, DateTimeOffset expiresAt, bool isKnown, DateTimeOffset now)
        {
            ExpiresAt = expiresAt;
            IsKnown = isKnown;
            _lastUsedTicks = now.UtcTicks;
            Vapid = new VapidHeaders("vapid t=" + token + ", k=" + publicKey, null);
            Legacy = new VapidHeaders("WebPush " + token, "p256ecdsa=" + publicKey);
        }

        public DateTimeOffset ExpiresAt { get; }

        /// <summary>Gets a value indicating whether the audience is a known push service (the protected segment).</summary>
        public bool IsKnown { get; }

        public DateTimeOffset LastUsed => new(Volatile.Read(ref _lastUsedTicks), TimeSpan.Zero);

        public VapidHeaders Vapid { get; }

        public VapidHeaders Legacy { get; }

        /// <summary>Records a use; a plain store, so a cache hit stays cheap and allocation-free.</summary>
        public void Touch(DateTimeOffset now) => Volatile.Write(ref _lastUsedTicks, now.UtcTicks);

        public bool IsFresh(DateTimeOffset now, TimeSpan lifetime)
        {
            // exp is whole seconds, and clocks step back a little (NTP, a resumed VM): a minute of
            // slack keeps such steps from forcing a new signature. A token more than a minute
            // over its lifetime ahead means the clock went back for real, and whatever the
            // clock did, exp is never served more than 24 hours ahead (RFC 8292 Section 2).
            var remaining = ExpiresAt - now;
            var longest = lifetime + TimeSpan.FromMinutes(1);
            if (longest > VapidDetails.MaxTokenLifetime)
            {
                longest = VapidDetails.MaxTokenLifetime;
            }

            return remaining > TimeSpan.FromTicks(lifetime.Ticks / 4) && remaining <= longest;
        }
    }
}
