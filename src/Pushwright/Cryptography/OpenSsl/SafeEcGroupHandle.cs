using Microsoft.Win32.SafeHandles;

namespace Pushwright.Cryptography;

/// <summary>An owned libcrypto EC_GROUP: the P-256 group the fast path creates once and keeps for the life of the process.</summary>
internal sealed class SafeEcGroupHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Initializes a new instance of the <see cref="SafeEcGroupHandle"/> class; the interop stubs set the handle.</summary>
    public SafeEcGroupHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        LibCrypto.EC_GROUP_free(handle);
        return true;
    }
}
