using System;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>A channel Firefox registered: its endpoint and the <c>applicationServerKey</c> it was made with.</summary>
/// <param name="EndpointId">The last segment of the push endpoint, <c>/wpush/&lt;id&gt;</c>.</param>
/// <param name="Endpoint">The push endpoint handed to Firefox.</param>
/// <param name="Uaid">The browser's user agent id.</param>
/// <param name="ChannelId">Firefox's channel id (a UUID).</param>
/// <param name="ApplicationServerKey">The 65-byte VAPID public key, or <see langword="null"/> for an unrestricted channel.</param>
public sealed record PushRegistration(string EndpointId, Uri Endpoint, string Uaid, string ChannelId, byte[]? ApplicationServerKey);
