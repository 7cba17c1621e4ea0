using System;
using System.Text.Json;

namespace Pushwright.Tests.Payloads;

/// <summary>A notification with every member set, and one with only the required ones, with their JSON written by hand.</summary>
internal static class Samples
{
    public const string FullDeclarativeJson =
        """{"web_push":8030,"notification":{"title":"Ada emailed ‘London’","dir":"ltr","lang":"en-GB","body":"Did you hear about the tube strikes? <3 & more","navigate":"https://email.example/message/12","tag":"message-12","image":"https://email.example/img/map.png","icon":"https://email.example/icon.png","badge":"https://email.example/badge.png","vibrate":[200,100,200],"timestamp":1700000000123,"renotify":true,"silent":false,"requireInteraction":true,"data":{"id":12,"tags":["a","b"]},"actions":[{"action":"reply","title":"Reply","navigate":"https://email.example/message/12/reply","icon":"https://email.example/reply.png"},{"action":"archive","title":"Archive","navigate":"https://email.example/message/12/archive"}]},"app_badge":3,"mutable":true}""";

    public const string FullNotificationPayloadJson =
        """{"title":"Ada emailed ‘London’","options":{"dir":"ltr","lang":"en-GB","body":"Did you hear about the tube strikes? <3 & more","navigate":"https://email.example/message/12","tag":"message-12","image":"https://email.example/img/map.png","icon":"https://email.example/icon.png","badge":"https://email.example/badge.png","vibrate":[200,100,200],"timestamp":1700000000123,"renotify":true,"silent":false,"requireInteraction":true,"data":{"id":12,"tags":["a","b"]},"actions":[{"action":"reply","title":"Reply","navigate":"https://email.example/message/12/reply","icon":"https://email.example/reply.png"},{"action":"archive","title":"Archive","navigate":"https://email.example/message/12/archive"}]}}""";

    public const string MinimalDeclarativeJson = """{"web_push":8030,"notification":{"title":"Hi","navigate":"https://example.com/"}}""";

    public const string MinimalNotificationPayloadJson = """{"title":"Hi","options":{"navigate":"https://example.com/"}}""";

    public static DeclarativeNotification FullNotification()
    {
        using var data = JsonDocument.Parse("""{ "id": 12, "tags": [ "a", "b" ] }""");
        return new DeclarativeNotification("Ada emailed ‘London’", new Uri("https://email.example/message/12"))
        {
            Direction = NotificationDirection.Ltr,
            Language = "en-GB",
            Body = "Did you hear about the tube strikes? <3 & more",
            Tag = "message-12",
            Image = new Uri("https://email.example/img/map.png"),
            Icon = new Uri("https://email.example/icon.png"),
            Badge = new Uri("https://email.example/badge.png"),
            VibrationPattern = [TimeSpan.FromMilliseconds(200), TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(200)],
            Timestamp = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_123),
            Renotify = true,
            Silent = false,
            RequireInteraction = true,
            Data = data.RootElement,
            Actions =
            [
                new NotificationAction("reply", "Reply", new Uri("https://email.example/message/12/reply")) { Icon = new Uri("https://email.example/reply.png") },
                new NotificationAction("archive", "Archive", new Uri("https://email.example/message/12/archive")),
            ],
        };
    }

    public static DeclarativePushMessage FullMessage() => new(FullNotification()) { AppBadge = 3, Mutable = true };

    public static DeclarativeNotification MinimalNotification() => new("Hi", new Uri("https://example.com"));
}
