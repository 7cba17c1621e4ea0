using System;

namespace Pushwright.Sample.Web;

/// <summary>One push as the service worker saw it: <c>event.data.text()</c>, or <see langword="null"/> for a push without data.</summary>
internal sealed record ReceivedMessage(string? Text, DateTimeOffset ReceivedAt);
