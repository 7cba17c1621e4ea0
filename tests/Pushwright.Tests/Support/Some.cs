using System;
using Pushwright.Encryption;

namespace Pushwright.Tests.Support;

/// <summary>Test data made on demand (Serilog's Some.cs pattern).</summary>
internal static class Some
{
    private static readonly UserAgentKeys s_receiver = UserAgentKeys.Generate();

    /// <summary>Gets one receiver shared by tests that do not care which keys they use.</summary>
    public static UserAgentKeys Receiver => s_receiver;

    public static byte[] Bytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    /// <summary>A valid 65-byte point with one coordinate byte changed, so it is off the curve.</summary>
    public static byte[] OffCurvePoint()
    {
        var point = s_receiver.PublicKey.ToArray();
        point[64] ^= 0x01;
        return point;
    }

    /// <summary>0x04 followed by X = p (not below the field prime) and the receiver's Y.</summary>
    public static byte[] PointWithXEqualToPrime()
    {
        var point = s_receiver.PublicKey.ToArray();
        byte[] prime =
        [
            0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
            0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
        ];
        prime.CopyTo(point, 1);
        return point;
    }
}
