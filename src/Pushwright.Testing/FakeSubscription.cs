using System;
using Pushwright.Encryption;

namespace Pushwright.Testing;

/// <summary>
/// A subscription as a browser makes one with <c>pushManager.subscribe()</c>: its own P-256 key
/// pair and auth secret, an endpoint at the push service, and the <c>applicationServerKey</c> it
/// was bound to. Created by <see cref="FakePushService.Subscribe(ReadOnlyMemory{byte}, DateTimeOffset?)"/>.
/// </summary>
public sealed class FakeSubscription
{
    private readonly byte[] _applicationServerKey;

    internal FakeSubscription(string id, PushSubscription subscription, UserAgentKeys keys, byte[] applicationServerKey)
    {
        Id = id;
        Subscription = subscription;
        Keys = keys;
        _applicationServerKey = applicationServerKey;
    }

    /// <summary>Gets the push service's id of the subscription: the last segment of its endpoint.</summary>
    public string Id { get; }

    /// <summary>Gets the subscription as the application stores it (what <c>PushSubscription.toJSON()</c> gives): pass it to <see cref="WebPushClient"/>.</summary>
    public PushSubscription Subscription { get; }

    /// <summary>Gets the browser's keys: its private key and auth secret decrypt what is sent to it.</summary>
    public UserAgentKeys Keys { get; }

    /// <summary>Gets the application server (VAPID) public key the subscription was created with; every message must be signed with its private half.</summary>
    public ReadOnlyMemory<byte> ApplicationServerKey => _applicationServerKey;

    internal byte[] ApplicationServerKeyArray => _applicationServerKey;

    /// <summary>Returns the id and the endpoint's host; the endpoint itself is a capability.</summary>
    /// <returns>A string for test output.</returns>
    public override string ToString() => $"FakeSubscription {{ Id = {Id}, Host = {Subscription.Endpoint.Host} }}";
}
