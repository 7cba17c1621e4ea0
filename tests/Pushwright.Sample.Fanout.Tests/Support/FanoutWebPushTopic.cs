using System;
using System.Buffers.Text;

namespace Pushwright.Sample.Fanout.Tests.Support;

/// <summary>The Topic the sample sets for a broadcast: its id's 16 bytes in base64url (written here again, independently).</summary>
internal static class FanoutWebPushTopic
{
    public static string Of(Guid broadcastId) => Base64Url.EncodeToString(broadcastId.ToByteArray());
}
