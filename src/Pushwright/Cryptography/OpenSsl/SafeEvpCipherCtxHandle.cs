using Microsoft.Win32.SafeHandles;

namespace Pushwright.Cryptography;

/// <summary>An owned libcrypto EVP_CIPHER_CTX: one AES-128-GCM seal or open.</summary>
internal sealed class SafeEvpCipherCtxHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Initializes a new instance of the <see cref="SafeEvpCipherCtxHandle"/> class; the interop stubs set the handle.</summary>
    public SafeEvpCipherCtxHandle()
        : base(ownsHandle: true)
    {
    }

    /// <inheritdoc/>
    protected override bool ReleaseHandle()
    {
        LibCrypto.EVP_CIPHER_CTX_free(handle);
        return true;
    }
}
