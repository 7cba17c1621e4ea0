using System;
using System.Text;
using Pushwright.Internal;

namespace Pushwright;

/// <summary>
/// A declarative push message: JSON that a user agent shows as a notification by itself, without running a
/// service worker (Safari 18.4 and later, and the W3C Push API's declarative push message).
/// </summary>
/// <remarks>
/// <para>
/// Serialized as <c>{ "web_push": 8030, "notification": { … }, "app_badge": …, "mutable": … }</c>, the format of
/// the W3C Push API Editor's Draft, section "Declarative push message" (subsections "Members" and "Parser",
/// https://w3c.github.io/push-api/#declarative-push-message): <c>web_push</c> (required, the integer 8030, which
/// tells a declarative message apart from other JSON) and <c>notification</c> (required) are always written;
/// <c>app_badge</c> and <c>mutable</c> only when set. WebKit describes the same format in "Meet Declarative Web
/// Push" (https://webkit.org/blog/16535/meet-declarative-web-push/).
/// </para>
/// <para>
/// No <c>Content-Type</c> marks the message as declarative: in the specification "a user agent opportunistically
/// parses each incoming push message" and recognizes a declarative one by <c>"web_push": 8030</c>. (WebKit's 2023
/// explainer proposed a new <c>application/notification+json</c> media type, in its section "RFC 8030 - Generic
/// Event Delivery Using HTTP Push"; the standard replaced it with the <c>web_push</c> member.) WebKit's and
/// Firefox's parsers read only the decrypted bytes. The client sends <c>Content-Type: application/json</c>, the
/// media type of the decrypted content.
/// </para>
/// <para>
/// <c>app_badge</c> and <c>mutable</c> are top-level members, where the specification places them. WebKit read
/// both from inside <c>notification</c> until 2025 (it moved them in pull requests 45798 and 48896, and still
/// accepts the nested <c>mutable</c>), and Firefox's parser reads <c>mutable</c> there: Safari releases from before
/// that change ignore both top-level members, and Firefox ignores the top-level <c>mutable</c>.
/// A user agent that does not support declarative messages delivers the JSON to the service worker's
/// <c>push</c> event, which can show <see cref="Notification"/> itself.
/// </para>
/// <para>Send it with <see cref="PushMessage(DeclarativePushMessage)"/> or <see cref="PushMessage.Declarative"/>. Instances are immutable.</para>
/// </remarks>
public sealed class DeclarativePushMessage
{
    /// <summary>The value of <c>web_push</c> that marks a declarative push message (after RFC 8030).</summary>
    private const int WebPushMarker = 8030;

    private readonly long? _appBadge;

    /// <summary>Initializes a new instance of the <see cref="DeclarativePushMessage"/> class.</summary>
    /// <param name="notification">The notification to show (<c>notification</c>, required).</param>
    /// <exception cref="ArgumentNullException"><paramref name="notification"/> is <see langword="null"/>.</exception>
    public DeclarativePushMessage(DeclarativeNotification notification) => Notification = Guard.NotNull(notification);

    /// <summary>Gets the notification to show (<c>notification</c>).</summary>
    public DeclarativeNotification Notification { get; }

    /// <summary>Gets the number to show on the app's icon (<c>app_badge</c>); 0 clears it, <see langword="null"/> sends none.</summary>
    /// <remarks>
    /// The app badge is defined by W3C Push API pull request 402 ("Add app badge to Declarative Web Push",
    /// https://github.com/w3c/push-api/pull/402) as a 64-bit unsigned integer at the top level, with the Badging API
    /// setting it; Safari applies it to web apps on the Home Screen.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public long? AppBadge
    {
        get => _appBadge;
        init => _appBadge = value is null or >= 0 ? value : throw Error.AppBadgeNegative(nameof(AppBadge), value.Value);
    }

    /// <summary>
    /// Gets a value indicating whether a service worker may change the notification before it is shown
    /// (<c>mutable</c>): when <see langword="true"/>, the user agent first dispatches a <c>push</c> event with the
    /// proposed notification, and shows this one if the service worker does not show another.
    /// </summary>
    /// <value>The default value is <see langword="false"/>, which is not written.</value>
    public bool Mutable { get; init; }

    /// <summary>Returns the message as JSON text, exactly as it is sent (before encryption).</summary>
    /// <returns>The JSON.</returns>
    /// <exception cref="ArgumentException">The notification has <see cref="DeclarativeNotification.Renotify"/> set without a tag.</exception>
    public string ToJson() => Encoding.UTF8.GetString(ToUtf8Json());

    internal byte[] ToUtf8Json() => PayloadJson.Serialize(
        new DeclarativePushMessageJson
        {
            WebPush = WebPushMarker,
            Notification = Notification.ToJsonModel(includeTitle: true),
            AppBadge = _appBadge,
            Mutable = Mutable ? true : null,
        },
        PayloadJsonContext.Default.DeclarativePushMessageJson);
}
