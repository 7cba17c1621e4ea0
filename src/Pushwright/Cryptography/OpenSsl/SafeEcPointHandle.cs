using Microsoft.Win32.SafeHandles;

namespace Pushwright.Cryptography;

/// <summary>An owned libcrypto EC_POINT. Points here are public keys, so EC_POINT_free (not EC_POINT_clear_free) is enough.</summary>
internal sealed class SafeEcPointHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Initializes a new instance of the <see cref="SafeEcPointHandle"/> class; the interop stubs set the handle.</summary>
    public SafeEcPointHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        LibCrypto.EC_POINT_free(handle);
        return true;
    }
}
