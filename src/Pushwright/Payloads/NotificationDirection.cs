namespace Pushwright;

/// <summary>The text direction of a notification: its <c>dir</c> member.</summary>
/// <remarks>
/// Serialized as <c>"auto"</c>, <c>"ltr"</c> or <c>"rtl"</c>, the three values that the W3C Push API's
/// declarative push message allows for <c>dir</c> (section "Declarative push message", "Members",
/// https://w3c.github.io/push-api/#declarative-push-message) and that the Notifications Standard's
/// <c>NotificationDirection</c> enumeration defines (https://notifications.spec.whatwg.org/#enumdef-notificationdirection).
/// </remarks>
public enum NotificationDirection
{
    /// <summary>The user agent picks the direction from the text (<c>"auto"</c>, the default).</summary>
    Auto = 0,

    /// <summary>Left to right (<c>"ltr"</c>).</summary>
    Ltr = 1,

    /// <summary>Right to left (<c>"rtl"</c>).</summary>
    Rtl = 2,
}
