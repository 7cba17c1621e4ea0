using System;
using System.Text;
using Pushwright.Internal;

namespace Pushwright;

/// <summary>
/// A notification for apps whose service worker shows it: the common <c>{ "title": …, "options": { … } }</c>
/// JSON that the worker's <c>push</c> handler passes to <c>registration.showNotification(title, options)</c>.
/// </summary>
/// <remarks>
/// <para>
/// One model, two shapes: this is the same <see cref="DeclarativeNotification"/> that a
/// <see cref="DeclarativePushMessage"/> sends, with its title taken out and every other member moved into
/// <c>options</c> under the same names. <c>options</c> is then a valid <c>NotificationOptions</c> dictionary of the
/// Notifications Standard (https://notifications.spec.whatwg.org/#dictdef-notificationoptions), including
/// <c>navigate</c>, which user agents that support it open on activation without a <c>notificationclick</c>
/// handler; other service workers can read <c>event.notification.data</c> or <c>options.navigate</c> themselves.
/// </para>
/// <para>
/// A service worker handles it with
/// <c>const { title, options } = event.data.json(); event.waitUntil(self.registration.showNotification(title, options));</c>.
/// Send it with <see cref="PushMessage(NotificationPayload)"/>. Instances are immutable.
/// </para>
/// </remarks>
public sealed class NotificationPayload
{
    /// <summary>Initializes a new instance of the <see cref="NotificationPayload"/> class.</summary>
    /// <param name="notification">The notification; its title becomes <c>title</c> and everything else <c>options</c>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="notification"/> is <see langword="null"/>.</exception>
    public NotificationPayload(DeclarativeNotification notification) => Notification = Guard.NotNull(notification);

    /// <summary>Gets the notification.</summary>
    public DeclarativeNotification Notification { get; }

    /// <summary>Returns the payload as JSON text, exactly as it is sent (before encryption).</summary>
    /// <returns>The JSON.</returns>
    /// <exception cref="ArgumentException">The notification has <see cref="DeclarativeNotification.Renotify"/> set without a tag.</exception>
    public string ToJson() => Encoding.UTF8.GetString(ToUtf8Json());

    internal byte[] ToUtf8Json() => PayloadJson.Serialize(
        new NotificationPayloadJson { Title = Notification.Title, Options = Notification.ToJsonModel(includeTitle: false) },
        PayloadJsonContext.Default.NotificationPayloadJson);
}
