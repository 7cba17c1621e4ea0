using System;
using System.Collections.Generic;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace Pushwright.Tests.Payloads;

/// <summary>Every rule fails at once, naming the member (the parameter or property) and the rule.</summary>
public sealed class DeclarativeNotificationTests
{
    private static readonly Uri s_navigate = new("https://example.com/inbox");

    [Fact]
    public void Ctor_NullTitle_ThrowsNamingTitle()
    {
        var act = () => new DeclarativeNotification(null!, s_navigate);

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("title");
    }

    [Fact]
    public void Ctor_EmptyTitle_ThrowsNamingTitleAndTheRule()
    {
        var act = () => new DeclarativeNotification(string.Empty, s_navigate);

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "title" && e.Message.Contains("non-empty"));
    }

    [Fact]
    public void Ctor_NullNavigate_ThrowsNamingNavigate()
    {
        var act = () => new DeclarativeNotification("Hi", null!);

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("navigate");
    }

    [Theory]
    [InlineData("/inbox")]
    [InlineData("inbox/42")]
    public void Ctor_RelativeNavigate_ThrowsNamingNavigate(string url)
    {
        var act = () => new DeclarativeNotification("Hi", new Uri(url, UriKind.Relative));

        act.Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "navigate" && e.Message.Contains("absolute https:") && e.Message.Contains(url));
    }

    [Theory]
    [InlineData("http://example.com/inbox")]
    [InlineData("http://localhost.example.com/")]
    [InlineData("ftp://example.com/inbox")]
    [InlineData("mailto:ada@example.com")]
    [InlineData("file:///tmp/inbox.html")]
    public void Ctor_NavigateNotHttps_ThrowsNamingNavigate(string url)
    {
        var act = () => new DeclarativeNotification("Hi", new Uri(url));

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "navigate" && e.Message.Contains("https:"));
    }

    [Theory]
    [InlineData("https://example.com/inbox")]
    [InlineData("https://example.com:8443/a?b=c#d")]
    [InlineData("http://localhost:5000/inbox")]
    [InlineData("http://127.0.0.1:5000/inbox")]
    [InlineData("http://[::1]/inbox")]
    public void Ctor_HttpsOrLoopbackHttpNavigate_IsKept(string url)
    {
        new DeclarativeNotification("Hi", new Uri(url)).Navigate.Should().Be(new Uri(url));
    }

    [Fact]
    public void Direction_Undefined_ThrowsNamingDirection()
    {
        var act = () => new DeclarativeNotification("Hi", s_navigate) { Direction = (NotificationDirection)3 };

        act.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "Direction" && e.Message.Contains("Auto, Ltr or Rtl"));
    }

    [Theory]
    [InlineData("en-US")]
    [InlineData("zh-Hant-TW")]
    public void Language_WellFormed_IsKept(string tag)
    {
        new DeclarativeNotification("Hi", s_navigate) { Language = tag }.Language.Should().Be(tag);
    }

    [Theory]
    [InlineData("")]
    [InlineData("en_US")]
    [InlineData("english language")]
    public void Language_Malformed_ThrowsNamingLanguage(string tag)
    {
        var act = () => new DeclarativeNotification("Hi", s_navigate) { Language = tag };

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "Language" && e.Message.Contains("BCP 47"));
    }

    [Fact]
    public void Image_Relative_ThrowsNamingImage()
    {
        var act = () => new DeclarativeNotification("Hi", s_navigate) { Image = new Uri("/map.png", UriKind.Relative) };

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "Image" && e.Message.Contains("absolute"));
    }

    [Theory]
    [InlineData("file:///tmp/icon.png")]
    [InlineData("ftp://example.com/icon.png")]
    public void Icon_SchemeAUserAgentCannotLoad_ThrowsNamingIcon(string url)
    {
        var act = () => new DeclarativeNotification("Hi", s_navigate) { Icon = new Uri(url) };

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "Icon" && e.Message.Contains(url));
    }

    [Theory]
    [InlineData("https://example.com/icon.png")]
    [InlineData("http://example.com/icon.png")]
    [InlineData("data:image/png;base64,iVBORw0KGgo=")]
    public void Icon_HttpsHttpOrData_IsKept(string url)
    {
        new DeclarativeNotification("Hi", s_navigate) { Icon = new Uri(url) }.Icon.Should().Be(new Uri(url));
    }

    [Fact]
    public void Icon_Relative_ThrowsNamingIcon()
    {
        var act = () => new DeclarativeNotification("Hi", s_navigate) { Icon = new Uri("icon.png", UriKind.Relative) };

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("Icon");
    }

    [Fact]
    public void Badge_Relative_ThrowsNamingBadge()
    {
        var act = () => new DeclarativeNotification("Hi", s_navigate) { Badge = new Uri("badge.png", UriKind.Relative) };

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("Badge");
    }

    [Fact]
    public void VibrationPattern_NegativeDuration_ThrowsNamingVibrationPatternAndIndex()
    {
        var act = () => new DeclarativeNotification("Hi", s_navigate) { VibrationPattern = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(-1)] };

        act.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "VibrationPattern" && e.Message.Contains("index 1"));
    }

    [Fact]
    public void VibrationPattern_LongerThanUInt32Milliseconds_Throws()
    {
        var act = () => new DeclarativeNotification("Hi", s_navigate) { VibrationPattern = [TimeSpan.FromMilliseconds((double)uint.MaxValue + 1)] };

        act.Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("VibrationPattern");
    }

    [Fact]
    public void VibrationPattern_UInt32MaxMilliseconds_IsKept()
    {
        var longest = TimeSpan.FromMilliseconds(uint.MaxValue);

        new DeclarativeNotification("Hi", s_navigate) { VibrationPattern = [longest] }.VibrationPattern.Should().Equal(longest);
    }

    [Fact]
    public void VibrationPattern_SourceChangedAfterwards_IsNotAffected()
    {
        var pattern = new[] { TimeSpan.FromMilliseconds(100) };
        var notification = new DeclarativeNotification("Hi", s_navigate) { VibrationPattern = pattern };

        pattern[0] = TimeSpan.FromMilliseconds(999);

        notification.VibrationPattern.Should().Equal(TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public void Timestamp_BeforeUnixEpoch_ThrowsNamingTimestamp()
    {
        var act = () => new DeclarativeNotification("Hi", s_navigate) { Timestamp = new DateTimeOffset(1969, 12, 31, 23, 59, 59, TimeSpan.Zero) };

        act.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "Timestamp" && e.Message.Contains("1970"));
    }

    [Fact]
    public void Data_DefaultJsonElement_ThrowsNamingData()
    {
        var act = () => new DeclarativeNotification("Hi", s_navigate) { Data = default(JsonElement) };

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "Data" && e.Message.Contains("Undefined"));
    }

    [Fact]
    public void Data_DocumentDisposedAfterwards_StaysReadable()
    {
        DeclarativeNotification notification;
        using (var document = JsonDocument.Parse("""{"id":42}"""))
        {
            notification = new DeclarativeNotification("Hi", s_navigate) { Data = document.RootElement };
        }

        notification.Data!.Value.GetProperty("id").GetInt32().Should().Be(42);
    }

    [Fact]
    public void Actions_Null_ThrowsNamingActions()
    {
        var act = () => new DeclarativeNotification("Hi", s_navigate) { Actions = null! };

        act.Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("Actions");
    }

    [Fact]
    public void Actions_ContainingNull_ThrowsNamingActionsAndIndex()
    {
        var act = () => new DeclarativeNotification("Hi", s_navigate) { Actions = [new NotificationAction("a", "A", s_navigate), null!] };

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "Actions" && e.Message.Contains("index 1"));
    }

    [Fact]
    public void Actions_SourceChangedAfterwards_IsNotAffected()
    {
        var actions = new List<NotificationAction> { new("a", "A", s_navigate) };
        var notification = new DeclarativeNotification("Hi", s_navigate) { Actions = actions };

        actions.Add(new NotificationAction("b", "B", s_navigate));

        notification.Actions.Should().ContainSingle().Which.Action.Should().Be("a");
    }

    [Fact]
    public void Actions_Default_IsEmpty()
    {
        new DeclarativeNotification("Hi", s_navigate).Actions.Should().BeEmpty();
    }

    [Fact]
    public void Silent_SetAfterVibrationPattern_ThrowsNamingSilent()
    {
        var act = () => new DeclarativeNotification("Hi", s_navigate) { VibrationPattern = [TimeSpan.FromMilliseconds(100)], Silent = true };

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "Silent" && e.Message.Contains("vibration"));
    }

    [Fact]
    public void VibrationPattern_SetAfterSilent_ThrowsNamingVibrationPattern()
    {
        var act = () => new DeclarativeNotification("Hi", s_navigate) { Silent = true, VibrationPattern = [] };

        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("VibrationPattern");
    }

    [Fact]
    public void Silent_FalseWithVibrationPattern_IsAllowed()
    {
        var notification = new DeclarativeNotification("Hi", s_navigate) { Silent = false, VibrationPattern = [TimeSpan.FromMilliseconds(100)] };

        notification.Silent.Should().BeFalse();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Renotify_WithoutTag_ThrowsNamingRenotifyWhenBuilt(string? tag)
    {
        var notification = new DeclarativeNotification("Hi", s_navigate) { Renotify = true, Tag = tag };

        var act = () => new DeclarativePushMessage(notification).ToJson();

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "Renotify" && e.Message.Contains("tag"));
    }

    [Fact]
    public void ActionCtor_NullArguments_ThrowNamingEach()
    {
        FluentActions.Invoking(() => new NotificationAction(null!, "A", s_navigate)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("action");
        FluentActions.Invoking(() => new NotificationAction("a", null!, s_navigate)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("title");
        FluentActions.Invoking(() => new NotificationAction("a", "A", null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("navigate");
    }

    [Theory]
    [InlineData("/reply", UriKind.Relative)]
    [InlineData("http://example.com/reply", UriKind.Absolute)]
    public void ActionCtor_NavigateNotAbsoluteHttps_ThrowsNamingNavigate(string url, UriKind kind)
    {
        var act = () => new NotificationAction("reply", "Reply", new Uri(url, kind));

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "navigate" && e.Message.Contains("action's navigate URL"));
    }

    [Fact]
    public void ActionIcon_Relative_ThrowsNamingIcon()
    {
        var act = () => new NotificationAction("reply", "Reply", s_navigate) { Icon = new Uri("reply.png", UriKind.Relative) };

        act.Should().Throw<ArgumentException>().Where(e => e.ParamName == "Icon" && e.Message.Contains("action's icon URL"));
    }

    [Fact]
    public void MessageCtor_NullNotification_ThrowsNamingNotification()
    {
        FluentActions.Invoking(() => new DeclarativePushMessage(null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("notification");
        FluentActions.Invoking(() => new NotificationPayload(null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("notification");
    }

    [Fact]
    public void AppBadge_Negative_ThrowsNamingAppBadge()
    {
        var act = () => new DeclarativePushMessage(new DeclarativeNotification("Hi", s_navigate)) { AppBadge = -1 };

        act.Should().Throw<ArgumentOutOfRangeException>().Where(e => e.ParamName == "AppBadge" && e.Message.Contains("zero or positive"));
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(long.MaxValue)]
    public void AppBadge_ZeroOrPositive_IsKept(long badge)
    {
        new DeclarativePushMessage(new DeclarativeNotification("Hi", s_navigate)) { AppBadge = badge }.AppBadge.Should().Be(badge);
    }
}
