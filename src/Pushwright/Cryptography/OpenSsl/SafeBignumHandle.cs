using Microsoft.Win32.SafeHandles;

namespace Pushwright.Cryptography;

/// <summary>An owned libcrypto BIGNUM. BN_clear_free, because the numbers here are private scalars.</summary>
internal sealed class SafeBignumHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Initializes a new instance of the <see cref="SafeBignumHandle"/> class; the interop stubs set the handle.</summary>
    public SafeBignumHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        LibCrypto.BN_clear_free(handle);
        return true;
    }
}
