using System;
using System.Runtime.CompilerServices;

namespace Pushwright.Cryptography;

/// <summary>Wipes secrets in a way the JIT cannot elide.</summary>
internal static class CryptoMemory
{
    /// <summary>Sets <paramref name="buffer"/> to zero (CryptographicOperations.ZeroMemory where the BCL has it).</summary>
    [MethodImpl(MethodImplOptions.NoInlining | MethodImplOptions.NoOptimization)]
    public static void Zero(Span<byte> buffer)
    {
#if NET8_0_OR_GREATER
        System.Security.Cryptography.CryptographicOperations.ZeroMemory(buffer);
#else
        buffer.Clear();
#endif
    }
}
