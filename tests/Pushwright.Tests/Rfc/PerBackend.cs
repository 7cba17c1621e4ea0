using Pushwright.Cryptography;

namespace Pushwright.Tests.Rfc;

// Every known-answer class runs once per backend the asset under test contains:
// net8.0 has the libcrypto fast path and System.Security.Cryptography; netstandard2.0 has BouncyCastle.
#if PUSHWRIGHT_NETSTANDARD_ASSET
public sealed class Rfc5869BouncyCastleTests : Rfc5869Tests
{
    private protected override CryptoBackend Backend => BouncyCastleCryptoBackend.Instance;
}

public sealed class Rfc8188BouncyCastleTests : Rfc8188Tests
{
    private protected override CryptoBackend Backend => BouncyCastleCryptoBackend.Instance;
}

public sealed class AesGcmDraftBouncyCastleTests : AesGcmDraftTests
{
    private protected override CryptoBackend Backend => BouncyCastleCryptoBackend.Instance;
}

public sealed class WebPushVectorBouncyCastleTests : WebPushVectorTests
{
    private protected override CryptoBackend Backend => BouncyCastleCryptoBackend.Instance;
}
#else
public sealed class Rfc5869OpenSslTests : Rfc5869Tests
{
    private protected override CryptoBackend Backend => Support.Backends.OpenSsl;
}

public sealed class Rfc5869BclTests : Rfc5869Tests
{
    private protected override CryptoBackend Backend => BclCryptoBackend.Instance;
}

public sealed class Rfc8188OpenSslTests : Rfc8188Tests
{
    private protected override CryptoBackend Backend => Support.Backends.OpenSsl;
}

public sealed class Rfc8188BclTests : Rfc8188Tests
{
    private protected override CryptoBackend Backend => BclCryptoBackend.Instance;
}

public sealed class AesGcmDraftOpenSslTests : AesGcmDraftTests
{
    private protected override CryptoBackend Backend => Support.Backends.OpenSsl;
}

public sealed class AesGcmDraftBclTests : AesGcmDraftTests
{
    private protected override CryptoBackend Backend => BclCryptoBackend.Instance;
}

public sealed class WebPushVectorOpenSslTests : WebPushVectorTests
{
    private protected override CryptoBackend Backend => Support.Backends.OpenSsl;
}

public sealed class WebPushVectorBclTests : WebPushVectorTests
{
    private protected override CryptoBackend Backend => BclCryptoBackend.Instance;
}
#endif
