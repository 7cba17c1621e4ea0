using System;
using WebPush.Cryptography;

namespace WebPush.Tests.Support;

/// <summary>The crypto backends the shipped asset under test contains.</summary>
internal static class Backends
{
#if WEBPUSH_NETSTANDARD_ASSET
    /// <summary>Gets the name of the backend the netstandard2.0 asset must use.</summary>
    public const string ExpectedDefaultName = "BouncyCastle";
#else
    /// <summary>Gets the name of the backend the net8.0 asset must use.</summary>
    public const string ExpectedDefaultName = "System.Security.Cryptography";
#endif

    public static CryptoBackend Default => CryptoBackend.Default;

    /// <summary>An ephemeral key with known private and public halves, for known-answer tests.</summary>
    public static EcdhPrivateKey ImportKey(ReadOnlySpan<byte> privateKey, ReadOnlySpan<byte> publicKey) =>
        Default.ImportP256Key(privateKey, publicKey);
}
