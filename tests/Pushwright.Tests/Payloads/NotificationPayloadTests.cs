using System.Linq;
using System.Text.Json;
using FluentAssertions;
using Xunit;

namespace Pushwright.Tests.Payloads;

/// <summary>The service-worker shape: the same notification, title apart and everything else in options.</summary>
public sealed class NotificationPayloadTests
{
    [Fact]
    public void ToJson_EveryMemberSet_IsTheHandWrittenJson()
    {
        new NotificationPayload(Samples.FullNotification()).ToJson().Should().Be(Samples.FullNotificationPayloadJson);
    }

    [Fact]
    public void ToJson_OnlyRequiredMembers_IsTitleAndNavigate()
    {
        new NotificationPayload(Samples.MinimalNotification()).ToJson().Should().Be(Samples.MinimalNotificationPayloadJson);
    }

    [Fact]
    public void ToJson_SameNotification_OptionsAreTheDeclarativeMembersWithoutTitle()
    {
        var notification = Samples.FullNotification();

        using var declarative = JsonDocument.Parse(new DeclarativePushMessage(notification).ToJson());
        using var plain = JsonDocument.Parse(new NotificationPayload(notification).ToJson());

        var members = declarative.RootElement.GetProperty("notification").EnumerateObject().ToList();
        plain.RootElement.GetProperty("title").GetString().Should().Be(members[0].Value.GetString());
        plain.RootElement.GetProperty("options").EnumerateObject().Select(p => (p.Name, p.Value.GetRawText()))
            .Should().Equal(members.Where(p => p.Name != "title").Select(p => (p.Name, p.Value.GetRawText())));
    }
}
