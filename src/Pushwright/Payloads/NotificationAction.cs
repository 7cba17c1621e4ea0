using System;
using Pushwright.Internal;

namespace Pushwright;

/// <summary>
/// A button on a notification: one entry of its <c>actions</c> member, with the URL that the user agent
/// opens when the button is chosen.
/// </summary>
/// <remarks>
/// <para>
/// Serialized as <c>{ "action", "title", "navigate", "icon" }</c>. In the W3C Push API's declarative push
/// message (section "Declarative push message", "Members", https://w3c.github.io/push-api/#declarative-push-message)
/// <c>action</c>, <c>title</c> and <c>navigate</c> are required and <c>icon</c> is optional; the members
/// follow the Notifications Standard's <c>NotificationAction</c> dictionary
/// (https://notifications.spec.whatwg.org/#dictdef-notificationaction). Every action needs its own
/// <c>navigate</c> URL because a declarative notification is shown and activated without a service worker.
/// </para>
/// <para>Instances are immutable; every value is checked as it is set.</para>
/// </remarks>
public sealed class NotificationAction
{
    private readonly Uri? _icon;

    /// <summary>Initializes a new instance of the <see cref="NotificationAction"/> class.</summary>
    /// <param name="action">The action's name (<c>action</c>), which a service worker sees in <c>notificationclick</c>.</param>
    /// <param name="title">The button text (<c>title</c>).</param>
    /// <param name="navigate">The URL to open when the button is chosen (<c>navigate</c>): an absolute https: URL, or http: on localhost.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="navigate"/> is relative, or neither https: nor http: on a loopback host.</exception>
    public NotificationAction(string action, string title, Uri navigate)
    {
        Action = Guard.NotNull(action);
        Title = Guard.NotNull(title);
        Navigate = PayloadUrl.Navigate(Guard.NotNull(navigate), "action's navigate URL", nameof(navigate));
    }

    /// <summary>Gets the action's name (<c>action</c>).</summary>
    public string Action { get; }

    /// <summary>Gets the button text (<c>title</c>).</summary>
    public string Title { get; }

    /// <summary>Gets the URL the user agent opens when the button is chosen (<c>navigate</c>).</summary>
    public Uri Navigate { get; }

    /// <summary>Gets the URL of the button's icon (<c>icon</c>); <see langword="null"/> sends none.</summary>
    /// <exception cref="ArgumentException">The URL is relative, or not https:, http: or data:.</exception>
    public Uri? Icon
    {
        get => _icon;
        init => _icon = PayloadUrl.Resource(value, "action's icon URL", nameof(Icon));
    }

    internal NotificationActionJson ToJsonModel() => new()
    {
        Action = Action,
        Title = Title,
        Navigate = PayloadUrl.ToJson(Navigate),
        Icon = PayloadUrl.ToJson(Icon),
    };
}
