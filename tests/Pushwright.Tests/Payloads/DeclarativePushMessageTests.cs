using System;
using System.Linq;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace Pushwright.Tests.Payloads;

/// <summary>Serialization, byte for byte, against JSON written by hand from the specification.</summary>
public sealed class DeclarativePushMessageTests
{
    [Fact]
    public void ToJson_EveryMemberSet_IsTheHandWrittenJson()
    {
        Samples.FullMessage().ToJson().Should().Be(Samples.FullDeclarativeJson);
    }

    [Fact]
    public void ToJson_OnlyRequiredMembers_WritesNoOptionalMember()
    {
        new DeclarativePushMessage(Samples.MinimalNotification()).ToJson().Should().Be(Samples.MinimalDeclarativeJson);
    }

    [Fact]
    public void ToJson_ExplicitFalseAndZero_WritesAppBadgeZeroAndOmitsDefaultFalse()
    {
        var notification = new DeclarativeNotification("Hi", new Uri("https://example.com/")) { Silent = true, Renotify = false, RequireInteraction = false };

        var json = new DeclarativePushMessage(notification) { AppBadge = 0, Mutable = false }.ToJson();

        json.Should().Be("""{"web_push":8030,"notification":{"title":"Hi","navigate":"https://example.com/","silent":true},"app_badge":0}""");
    }

    [Theory]
    [InlineData(NotificationDirection.Auto, "auto")]
    [InlineData(NotificationDirection.Ltr, "ltr")]
    [InlineData(NotificationDirection.Rtl, "rtl")]
    public void ToJson_Direction_IsTheSpecificationsValue(NotificationDirection direction, string expected)
    {
        var json = new DeclarativePushMessage(new DeclarativeNotification("Hi", new Uri("https://example.com/")) { Direction = direction }).ToJson();

        json.Should().Be($$$"""{"web_push":8030,"notification":{"title":"Hi","dir":"{{{expected}}}","navigate":"https://example.com/"}}""");
    }

    [Fact]
    public void ToJson_UnicodeText_IsUtf8ExceptAstralCharactersAndRoundTrips()
    {
        const string Body = "Grüße, 東京 — \"quoted\" \\ line\nbreak 🎉";
        var json = new DeclarativePushMessage(new DeclarativeNotification("Hi", new Uri("https://example.com/")) { Body = Body }).ToJson();

        json.Should().Contain("Grüße, 東京 — \\\"quoted\\\" \\\\ line\\nbreak");
        json.Should().Contain("\\uD83C\\uDF89", "System.Text.Json escapes characters outside the Basic Multilingual Plane; the size check counts them as written");
        using var document = JsonDocument.Parse(json);
        document.RootElement.GetProperty("notification").GetProperty("body").GetString().Should().Be(Body);
    }

    [Fact]
    public void ToJson_UrlsNeedingEscapes_AreWrittenAsAbsoluteUris()
    {
        var notification = new DeclarativeNotification("Hi", new Uri("https://Example.COM/a b?q=ä"));

        var json = new DeclarativePushMessage(notification).ToJson();

        json.Should().Contain("\"navigate\":\"https://example.com/a%20b?q=%C3%A4\"");
    }

    [Fact]
    public void ToJson_VibrationWithFractions_IsWholeMilliseconds()
    {
        var notification = new DeclarativeNotification("Hi", new Uri("https://example.com/")) { VibrationPattern = [TimeSpan.FromTicks(1_009_999), TimeSpan.Zero] };

        new DeclarativePushMessage(notification).ToJson().Should().Contain("\"vibrate\":[100,0]");
    }

    [Fact]
    public void ToJson_FullAndMinimal_MatchTheSpecificationsSchema()
    {
        DeclarativeSchema.Violations(Samples.FullMessage().ToJson()).Should().BeEmpty();
        DeclarativeSchema.Violations(new DeclarativePushMessage(Samples.MinimalNotification()).ToJson()).Should().BeEmpty();
    }

    [Fact]
    public void Schema_InvalidDocuments_AreCaught()
    {
        // The schema check must be able to fail: each document breaks one rule of the specification.
        DeclarativeSchema.Violations("""{"notification":{"title":"Hi","navigate":"https://example.com/"}}""").Should().ContainSingle().Which.Should().Contain("web_push");
        DeclarativeSchema.Violations("""{"web_push":"8030","notification":{"title":"Hi","navigate":"https://example.com/"}}""").Should().ContainSingle();
        DeclarativeSchema.Violations("""{"web_push":8030,"notification":{"title":"Hi"}}""").Should().ContainSingle().Which.Should().Contain("navigate");
        DeclarativeSchema.Violations("""{"web_push":8030,"notification":{"title":"Hi","navigate":"/x"}}""").Should().ContainSingle();
        DeclarativeSchema.Violations("""{"web_push":8030,"notification":{"title":"Hi","navigate":"https://e/","require_interaction":true}}""").Should().ContainSingle();
        DeclarativeSchema.Violations("""{"web_push":8030,"notification":{"title":"Hi","navigate":"https://e/","dir":"up"}}""").Should().ContainSingle();
        DeclarativeSchema.Violations("""{"web_push":8030,"notification":{"title":"Hi","navigate":"https://e/","actions":[{"action":"a","title":"A"}]}}""").Should().ContainSingle();
        DeclarativeSchema.Violations("""{"web_push":8030,"notification":{"title":"Hi","navigate":"https://e/"},"app_badge":-1}""").Should().ContainSingle();
    }

    [Fact]
    public void ToJson_Full_ParsesWithTheSpecificationsMemberNamesAndTypes()
    {
        using var document = JsonDocument.Parse(Samples.FullMessage().ToJson());
        var root = document.RootElement;
        var notification = root.GetProperty("notification");

        root.EnumerateObject().Select(p => p.Name).Should().Equal("web_push", "notification", "app_badge", "mutable");
        root.GetProperty("web_push").GetInt32().Should().Be(8030);
        root.GetProperty("app_badge").GetUInt64().Should().Be(3);
        root.GetProperty("mutable").GetBoolean().Should().BeTrue();
        notification.EnumerateObject().Select(p => p.Name).Should().Equal(
            "title", "dir", "lang", "body", "navigate", "tag", "image", "icon", "badge", "vibrate",
            "timestamp", "renotify", "silent", "requireInteraction", "data", "actions");
        notification.GetProperty("timestamp").GetUInt64().Should().Be(1_700_000_000_123);
        notification.GetProperty("vibrate").EnumerateArray().Select(e => e.GetUInt32()).Should().Equal(200u, 100u, 200u);
        notification.GetProperty("data").GetProperty("tags")[1].GetString().Should().Be("b");
        notification.GetProperty("actions")[0].EnumerateObject().Select(p => p.Name).Should().Equal("action", "title", "navigate", "icon");
    }
}
