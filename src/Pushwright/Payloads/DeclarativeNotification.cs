using System;
using System.Collections.Generic;
using System.Collections.ObjectModel;
using System.Text.Json;
using Pushwright.Internal;

namespace Pushwright;

/// <summary>
/// A notification that a user agent can show by itself: the <c>notification</c> member of a declarative
/// push message, or the <c>{ title, options }</c> a service worker passes to <c>showNotification</c>.
/// </summary>
/// <remarks>
/// <para>
/// The members follow the W3C Push API's declarative push message (Editor's Draft, section "Declarative push
/// message", subsections "Members" and "Parser", https://w3c.github.io/push-api/#declarative-push-message):
/// <c>title</c> and <c>navigate</c> are required; <c>dir</c>, <c>lang</c>, <c>body</c>, <c>tag</c>,
/// <c>image</c>, <c>icon</c>, <c>badge</c>, <c>vibrate</c>, <c>timestamp</c>, <c>renotify</c>,
/// <c>silent</c>, <c>requireInteraction</c>, <c>data</c> and <c>actions</c> are optional and mirror the
/// Notifications Standard's <c>NotificationOptions</c> (https://notifications.spec.whatwg.org/#dictdef-notificationoptions).
/// Unset members are not written. WebKit documents the same format in "Meet Declarative Web Push"
/// (https://webkit.org/blog/16535/meet-declarative-web-push/).
/// </para>
/// <para>
/// A user agent drops a declarative message it cannot parse without telling anyone, so every value is checked
/// as it is set and the constructor or property setter throws, naming the member and the rule. Two rules of
/// the Notifications Standard's "create a notification" steps are checked too: a silent notification has no
/// vibration pattern, and a renotifying one has a tag (the latter when the payload is built, since it spans
/// two properties that can be set in any order).
/// </para>
/// <para>Instances are immutable: lists are copied and <see cref="Data"/> is cloned.</para>
/// </remarks>
public sealed class DeclarativeNotification
{
    private readonly NotificationDirection? _direction;
    private readonly string? _language;
    private readonly Uri? _image;
    private readonly Uri? _icon;
    private readonly Uri? _badge;
    private readonly ReadOnlyCollection<TimeSpan>? _vibrationPattern;
    private readonly DateTimeOffset? _timestamp;
    private readonly bool? _silent;
    private readonly JsonElement? _data;
    private readonly ReadOnlyCollection<NotificationAction> _actions = new([]);

    /// <summary>Initializes a new instance of the <see cref="DeclarativeNotification"/> class with its two required members.</summary>
    /// <param name="title">The title (<c>title</c>, required); not empty.</param>
    /// <param name="navigate">
    /// The URL the user agent opens when the notification is activated (<c>navigate</c>, required): an
    /// absolute https: URL, or http: on localhost or a loopback address for local development.
    /// </param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="title"/> is empty, or <paramref name="navigate"/> is relative or neither https: nor http: on a loopback host.</exception>
    public DeclarativeNotification(string title, Uri navigate)
    {
        Title = Guard.NotNull(title).Length > 0 ? title : throw Error.NotificationTitleEmpty(nameof(title));
        Navigate = PayloadUrl.Navigate(Guard.NotNull(navigate), "notification's navigate URL", nameof(navigate));
    }

    /// <summary>Gets the title (<c>title</c>).</summary>
    public string Title { get; }

    /// <summary>Gets the URL the user agent opens when the notification is activated (<c>navigate</c>).</summary>
    public Uri Navigate { get; }

    /// <summary>Gets the body text (<c>body</c>); <see langword="null"/> sends none.</summary>
    public string? Body { get; init; }

    /// <summary>Gets the text direction (<c>dir</c>); <see langword="null"/> sends none, which means <see cref="NotificationDirection.Auto"/>.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined <see cref="NotificationDirection"/>.</exception>
    public NotificationDirection? Direction
    {
        get => _direction;
        init => _direction = value is null or NotificationDirection.Auto or NotificationDirection.Ltr or NotificationDirection.Rtl
            ? value
            : throw Error.UnknownNotificationDirection(nameof(Direction), value.Value);
    }

    /// <summary>Gets the language of the title and body (<c>lang</c>), a BCP 47 tag such as <c>en-US</c>; <see langword="null"/> sends none.</summary>
    /// <remarks>The tag must be well-formed per RFC 5646 Section 2.1; whether its subtags are registered is not checked.</remarks>
    /// <exception cref="ArgumentException">The value is not a well-formed BCP 47 language tag (an empty string is not one either).</exception>
    public string? Language
    {
        get => _language;
        init => _language = value is null || LanguageTag.IsWellFormed(value) ? value : throw Error.LanguageTagNotWellFormed(nameof(Language), value);
    }

    /// <summary>Gets the tag (<c>tag</c>): a newer notification with the same tag replaces the older one; <see langword="null"/> sends none.</summary>
    public string? Tag { get; init; }

    /// <summary>Gets the URL of a large image shown in the notification (<c>image</c>); <see langword="null"/> sends none.</summary>
    /// <exception cref="ArgumentException">The URL is relative, or not https:, http: or data:.</exception>
    public Uri? Image
    {
        get => _image;
        init => _image = PayloadUrl.Resource(value, "notification's image URL", nameof(Image));
    }

    /// <summary>Gets the URL of the notification's icon (<c>icon</c>); <see langword="null"/> sends none.</summary>
    /// <exception cref="ArgumentException">The URL is relative, or not https:, http: or data:.</exception>
    public Uri? Icon
    {
        get => _icon;
        init => _icon = PayloadUrl.Resource(value, "notification's icon URL", nameof(Icon));
    }

    /// <summary>Gets the URL of a small monochrome image that represents the app (<c>badge</c>); <see langword="null"/> sends none.</summary>
    /// <exception cref="ArgumentException">The URL is relative, or not https:, http: or data:.</exception>
    public Uri? Badge
    {
        get => _badge;
        init => _badge = PayloadUrl.Resource(value, "notification's badge URL", nameof(Badge));
    }

    /// <summary>
    /// Gets the vibration pattern (<c>vibrate</c>): alternating vibration and pause durations, sent as whole
    /// milliseconds (fractions are dropped); <see langword="null"/> sends none.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A duration is negative or longer than 4294967295 milliseconds (the spec's 32-bit unsigned integer).</exception>
    /// <exception cref="ArgumentException"><see cref="Silent"/> is <see langword="true"/>.</exception>
    public IReadOnlyList<TimeSpan>? VibrationPattern
    {
        get => _vibrationPattern;
        init => _vibrationPattern = CopyVibrationPattern(value);
    }

    /// <summary>Gets the time of the event the notification is about (<c>timestamp</c>), sent as milliseconds since the Unix epoch; <see langword="null"/> sends none.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The time is before 1970-01-01T00:00:00Z.</exception>
    public DateTimeOffset? Timestamp
    {
        get => _timestamp;
        init => _timestamp = value is null || value.Value.ToUnixTimeMilliseconds() >= 0 ? value : throw Error.TimestampBeforeEpoch(nameof(Timestamp), value.Value);
    }

    /// <summary>Gets a value indicating whether the user is alerted again when this notification replaces one with the same <see cref="Tag"/> (<c>renotify</c>).</summary>
    /// <value>The default value is <see langword="false"/>, which is not written. When <see langword="true"/>, <see cref="Tag"/> must be set and not empty; that is checked when the payload is built.</value>
    public bool Renotify { get; init; }

    /// <summary>Gets whether the notification is shown without sound or vibration (<c>silent</c>); <see langword="null"/> sends none and leaves it to the user agent.</summary>
    /// <exception cref="ArgumentException">The value is <see langword="true"/> and a <see cref="VibrationPattern"/> is set.</exception>
    public bool? Silent
    {
        get => _silent;
        init => _silent = value is true && _vibrationPattern is not null ? throw Error.SilentWithVibration(nameof(Silent)) : value;
    }

    /// <summary>Gets a value indicating whether the notification stays until the user activates or dismisses it (<c>requireInteraction</c>).</summary>
    /// <value>The default value is <see langword="false"/>, which is not written.</value>
    /// <remarks>
    /// Written as <c>requireInteraction</c>, the Notifications Standard's name, which Firefox's declarative push parser
    /// reads. One revision of the Push API's pull request 385 spelled it <c>require_interaction</c>.
    /// </remarks>
    public bool RequireInteraction { get; init; }

    /// <summary>Gets arbitrary JSON for the app (<c>data</c>), for example from <c>JsonDocument.Parse(text).RootElement</c>; <see langword="null"/> sends none.</summary>
    /// <remarks>The element is cloned, so it stays valid after its <see cref="JsonDocument"/> is disposed.</remarks>
    /// <exception cref="ArgumentException">The element is <c>default</c> (<see cref="JsonValueKind.Undefined"/>).</exception>
    public JsonElement? Data
    {
        get => _data;
        init => _data = value is not { ValueKind: JsonValueKind.Undefined } ? value?.Clone() : throw Error.UndefinedJsonData(nameof(Data));
    }

    /// <summary>Gets the buttons (<c>actions</c>), each with its own <c>navigate</c> URL; empty sends none.</summary>
    /// <value>The default value is an empty list. How many are shown is up to the user agent.</value>
    /// <exception cref="ArgumentNullException">The value is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">The list contains <see langword="null"/>.</exception>
    public IReadOnlyList<NotificationAction> Actions
    {
        get => _actions;
        init => _actions = CopyActions(Guard.NotNull(value, nameof(Actions)));
    }

    /// <summary>The JSON model: the declarative <c>notification</c> member, or <c>showNotification</c>'s options without the title.</summary>
    internal NotificationJson ToJsonModel(bool includeTitle)
    {
        if (Renotify && string.IsNullOrEmpty(Tag))
        {
            throw Error.RenotifyWithoutTag(nameof(Renotify));
        }

        var actions = _actions.Count == 0 ? null : new NotificationActionJson[_actions.Count];
        for (var i = 0; actions is not null && i < actions.Length; i++)
        {
            actions[i] = _actions[i].ToJsonModel();
        }

        long[]? vibrate = null;
        if (_vibrationPattern is not null)
        {
            vibrate = new long[_vibrationPattern.Count];
            for (var i = 0; i < vibrate.Length; i++)
            {
                vibrate[i] = (long)_vibrationPattern[i].TotalMilliseconds;
            }
        }

        return new NotificationJson
        {
            Title = includeTitle ? Title : null,
            Dir = _direction switch
            {
                NotificationDirection.Auto => "auto",
                NotificationDirection.Ltr => "ltr",
                NotificationDirection.Rtl => "rtl",
                _ => null,
            },
            Lang = _language,
            Body = Body,
            Navigate = PayloadUrl.ToJson(Navigate),
            Tag = Tag,
            Image = PayloadUrl.ToJson(_image),
            Icon = PayloadUrl.ToJson(_icon),
            Badge = PayloadUrl.ToJson(_badge),
            Vibrate = vibrate,
            Timestamp = _timestamp?.ToUnixTimeMilliseconds(),
            Renotify = Renotify ? true : null,
            Silent = _silent,
            RequireInteraction = RequireInteraction ? true : null,
            Data = _data,
            Actions = actions,
        };
    }

    private ReadOnlyCollection<TimeSpan>? CopyVibrationPattern(IReadOnlyList<TimeSpan>? pattern)
    {
        if (pattern is null)
        {
            return null;
        }

        if (_silent is true)
        {
            throw Error.SilentWithVibration(nameof(VibrationPattern));
        }

        var copy = new TimeSpan[pattern.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            var duration = pattern[i];
            if (duration < TimeSpan.Zero || duration.TotalMilliseconds >= (double)uint.MaxValue + 1)
            {
                throw Error.VibrationDuration(nameof(VibrationPattern), i, duration);
            }

            copy[i] = duration;
        }

        return new ReadOnlyCollection<TimeSpan>(copy);
    }

    private static ReadOnlyCollection<NotificationAction> CopyActions(IReadOnlyList<NotificationAction> actions)
    {
        var copy = new NotificationAction[actions.Count];
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] = actions[i] ?? throw Error.NullNotificationAction(nameof(Actions), i);
        }

        return new ReadOnlyCollection<NotificationAction>(copy);
    }
}
