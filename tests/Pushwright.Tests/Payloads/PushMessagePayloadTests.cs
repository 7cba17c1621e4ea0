using System;
using System.Text;
using FluentAssertions;
using Pushwright.Encryption;
using Pushwright.Tests.Support;
using Xunit;

namespace Pushwright.Tests.Payloads;

/// <summary>Messages built from the model: payload, media type, the size check with the real length, and the trip through encryption.</summary>
public sealed class PushMessagePayloadTests
{
    private static readonly Uri s_navigate = new("https://example.com/");

    [Fact]
    public void Ctor_DeclarativeMessage_PayloadIsItsUtf8JsonAndMediaTypeIsJson()
    {
        var message = new PushMessage(Samples.FullMessage());

        Encoding.UTF8.GetString(message.Payload.ToArray()).Should().Be(Samples.FullDeclarativeJson);
        message.PayloadMediaType.Should().Be("application/json");
        message.ContentEncoding.Should().Be(ContentEncoding.Aes128Gcm);
        message.PaddingLength.Should().Be(0);
    }

    [Fact]
    public void Ctor_NotificationPayload_PayloadIsItsUtf8JsonAndMediaTypeIsJson()
    {
        var message = new PushMessage(new NotificationPayload(Samples.FullNotification()));

        Encoding.UTF8.GetString(message.Payload.ToArray()).Should().Be(Samples.FullNotificationPayloadJson);
        message.PayloadMediaType.Should().Be("application/json");
    }

    [Fact]
    public void Declarative_Notification_IsTheMinimalDeclarativeMessage()
    {
        var message = PushMessage.Declarative(Samples.MinimalNotification());

        Encoding.UTF8.GetString(message.Payload.ToArray()).Should().Be(Samples.MinimalDeclarativeJson);
        message.PayloadMediaType.Should().Be("application/json");
    }

    [Fact]
    public void Ctor_TextBytesOrNoPayload_HasNoMediaType()
    {
        new PushMessage("{}").PayloadMediaType.Should().BeNull();
        new PushMessage([1, 2]).PayloadMediaType.Should().BeNull();
        new PushMessage().PayloadMediaType.Should().BeNull();
    }

    [Fact]
    public void Ctor_WithDeliverySettings_KeepsThemNextToTheJson()
    {
        var message = new PushMessage(Samples.FullMessage(), ContentEncoding.AesGcm, 16) { TimeToLive = TimeSpan.FromHours(1), Urgency = PushUrgency.High, Topic = "mail" };

        message.ContentEncoding.Should().Be(ContentEncoding.AesGcm);
        message.PaddingLength.Should().Be(16);
        message.TimeToLive.Should().Be(TimeSpan.FromHours(1));
        message.Urgency.Should().Be(PushUrgency.High);
        message.Topic.Should().Be("mail");
    }

    [Fact]
    public void Ctor_NullModels_ThrowNamingTheParameter()
    {
        FluentActions.Invoking(() => new PushMessage((DeclarativePushMessage)null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("message");
        FluentActions.Invoking(() => new PushMessage((NotificationPayload)null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("notification");
        FluentActions.Invoking(() => PushMessage.Declarative(null!)).Should().Throw<ArgumentNullException>().Which.ParamName.Should().Be("notification");
    }

    [Fact]
    public void Ctor_UndefinedEncodingOrNegativePadding_ThrowsNamingTheParameter()
    {
        var declarative = new DeclarativePushMessage(Samples.MinimalNotification());

        FluentActions.Invoking(() => new PushMessage(declarative, (ContentEncoding)7, 0)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("contentEncoding");
        FluentActions.Invoking(() => new PushMessage(declarative, ContentEncoding.Aes128Gcm, -1)).Should().Throw<ArgumentOutOfRangeException>().Which.ParamName.Should().Be("paddingLength");
        FluentActions.Invoking(() => new PushMessage(declarative, ContentEncoding.Aes128Gcm, 3994)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("paddingLength");
    }

    [Theory]
    [InlineData(ContentEncoding.Aes128Gcm, 0, 3993)]
    [InlineData(ContentEncoding.AesGcm, 0, 4078)]
    [InlineData(ContentEncoding.Aes128Gcm, 100, 3893)]
    [InlineData(ContentEncoding.AesGcm, 100, 3978)]
    public void Ctor_LargestFittingDeclarativeMessage_IsAcceptedAndOneByteMoreIsRefused(ContentEncoding encoding, int padding, int maximum)
    {
        WebPushEncryption.GetMaxPlaintextLength(encoding, padding).Should().Be(maximum);

        var fitting = new PushMessage(DeclarativeOfLength(maximum), encoding, padding);
        var act = () => new PushMessage(DeclarativeOfLength(maximum + 1), encoding, padding);

        fitting.Payload.Length.Should().Be(maximum);
        act.Should().Throw<ArgumentException>()
            .Where(e => e.ParamName == "message" && e.Message.Contains($"at most {maximum} bytes") && e.Message.Contains($"got {maximum + 1} bytes"));
    }

    [Theory]
    [InlineData(ContentEncoding.Aes128Gcm, 3993)]
    [InlineData(ContentEncoding.AesGcm, 4078)]
    public void Ctor_LargestFittingNotificationPayload_IsAcceptedAndOneByteMoreIsRefused(ContentEncoding encoding, int maximum)
    {
        var fitting = new PushMessage(PayloadOfLength(maximum), encoding, 0);
        var act = () => new PushMessage(PayloadOfLength(maximum + 1), encoding, 0);

        fitting.Payload.Length.Should().Be(maximum);
        act.Should().Throw<ArgumentException>().Which.ParamName.Should().Be("notification");
    }

    [Fact]
    public void CtorAndDeclarative_DefaultEncoding_AreCheckedAgainstAes128Gcm()
    {
        new PushMessage(DeclarativeOfLength(3993)).Payload.Length.Should().Be(3993);
        FluentActions.Invoking(() => new PushMessage(DeclarativeOfLength(3994))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("message");
        FluentActions.Invoking(() => PushMessage.Declarative(DeclarativeOfLength(3994).Notification)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("message");
        FluentActions.Invoking(() => new PushMessage(PayloadOfLength(3994))).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("notification");
    }

    [Fact]
    public void Ctor_NonAsciiBody_IsMeasuredInUtf8Bytes()
    {
        // 'é' is 2 bytes of UTF-8: a body of n such characters counts 2n bytes against the limit.
        var baseLength = Encoding.UTF8.GetByteCount(new DeclarativePushMessage(new DeclarativeNotification("Hi", s_navigate) { Body = string.Empty }).ToJson());
        var characters = (3993 - baseLength) / 2;
        var fits = new DeclarativePushMessage(new DeclarativeNotification("Hi", s_navigate) { Body = new string('é', characters) });
        var tooLong = new DeclarativePushMessage(new DeclarativeNotification("Hi", s_navigate) { Body = new string('é', characters + 1) });

        new PushMessage(fits).Payload.Length.Should().Be(baseLength + (2 * characters));
        FluentActions.Invoking(() => new PushMessage(tooLong)).Should().Throw<ArgumentException>().Which.ParamName.Should().Be("message");
    }

    [Theory]
    [InlineData(ContentEncoding.Aes128Gcm, 0)]
    [InlineData(ContentEncoding.Aes128Gcm, 64)]
    [InlineData(ContentEncoding.AesGcm, 0)]
    [InlineData(ContentEncoding.AesGcm, 64)]
    public void Payload_EncryptedAndDecryptedAsTheUserAgent_IsTheExactJson(ContentEncoding encoding, int padding)
    {
        var message = new PushMessage(Samples.FullMessage(), encoding, padding);

        var encrypted = WebPushEncryption.Encrypt(Some.Receiver.SubscriptionKeys, message.Payload.Span, message.ContentEncoding, message.PaddingLength);
        var decrypted = Encoding.UTF8.GetString(WebPushEncryption.Decrypt(Some.Receiver, encrypted));

        decrypted.Should().Be(Samples.FullDeclarativeJson);
        DeclarativeSchema.Violations(decrypted).Should().BeEmpty();
    }

    [Fact]
    public void Payload_LargestAes128GcmDeclarativeMessage_EncryptsToA4096ByteBodyThatDecrypts()
    {
        var message = new PushMessage(DeclarativeOfLength(3993));

        var encrypted = WebPushEncryption.Encrypt(Some.Receiver.SubscriptionKeys, message.Payload.Span, message.ContentEncoding, message.PaddingLength);

        encrypted.Body.Length.Should().Be(WebPushEncryption.MaxBodyLength);
        DeclarativeSchema.Violations(Encoding.UTF8.GetString(WebPushEncryption.Decrypt(Some.Receiver, encrypted))).Should().BeEmpty();
    }

    /// <summary>A declarative message whose JSON is exactly <paramref name="length"/> bytes, grown through an ASCII body.</summary>
    private static DeclarativePushMessage DeclarativeOfLength(int length)
    {
        var empty = new DeclarativePushMessage(new DeclarativeNotification("Hi", s_navigate) { Body = string.Empty }).ToJson().Length;
        var message = new DeclarativePushMessage(new DeclarativeNotification("Hi", s_navigate) { Body = new string('a', length - empty) });
        Encoding.UTF8.GetByteCount(message.ToJson()).Should().Be(length);
        return message;
    }

    private static NotificationPayload PayloadOfLength(int length)
    {
        var empty = new NotificationPayload(new DeclarativeNotification("Hi", s_navigate) { Body = string.Empty }).ToJson().Length;
        var payload = new NotificationPayload(new DeclarativeNotification("Hi", s_navigate) { Body = new string('a', length - empty) });
        Encoding.UTF8.GetByteCount(payload.ToJson()).Should().Be(length);
        return payload;
    }
}
