namespace Pushwright.Sample.Web;

/// <summary>A broadcast to send: its id (also the messages' topic), the message, and the last subscription id it targets.</summary>
internal sealed record Broadcast(string Id, BroadcastMessage Message, long LastSubscriptionId);
