using Microsoft.Win32.SafeHandles;

namespace Pushwright.Cryptography;

/// <summary>An owned libcrypto EC_KEY (a P-256 key pair). EC_KEY_free clears the private scalar before it frees it.</summary>
internal sealed class SafeEcKeyHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Initializes a new instance of the <see cref="SafeEcKeyHandle"/> class; the interop stubs set the handle.</summary>
    public SafeEcKeyHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        LibCrypto.EC_KEY_free(handle);
        return true;
    }
}
