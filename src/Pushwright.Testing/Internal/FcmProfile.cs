// FCM's Web Push endpoint answers errors with a line of plain text, not JSON.
using System.Net.Http;

namespace Pushwright.Testing.Internal;

internal sealed class FcmProfile : PushServiceProfile
{
    public FcmProfile()
        : base("FCM", new System.Uri("https://fcm.googleapis.com"), "/fcm/send/")
    {
    }

    internal override void WriteError(HttpResponseMessage response, PushFailure failure)
    {
        var text = failure.Kind switch
        {
            FailureKind.Unsubscribed => "push subscription has unsubscribed or expired.",
            FailureKind.KeyMismatch => "the key in the authorization header does not correspond to the sender ID used to subscribe this user.",
            _ => failure.Message,
        };
        response.Content = new StringContent(text + "\n", System.Text.Encoding.UTF8, "text/plain");
    }
}
