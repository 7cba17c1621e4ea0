#if !PUSHWRIGHT_NETSTANDARD_ASSET
using System.Runtime.InteropServices;

namespace Pushwright.Tests.Support;

/// <summary>
/// The bytes glibc's malloc has handed out and not had back, over every arena (mallinfo2, glibc 2.33+).
/// libcrypto allocates with malloc, so a native object that is never freed shows up here.
/// </summary>
internal static class NativeHeap
{
    public static long AllocatedBytes()
    {
        var info = mallinfo2();
        return (long)(info.InUseBytes + info.MappedBytes);
    }

    // DllImport rather than LibraryImport: the struct is blittable, and the test projects do not allow unsafe code.
    [DllImport("libc", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern MallInfo2 mallinfo2();

    [StructLayout(LayoutKind.Sequential)]
    private readonly struct MallInfo2
    {
        public readonly nuint Arena;
        public readonly nuint OrdinaryBlocks;
        public readonly nuint SmallBlocks;
        public readonly nuint MappedRegions;
        public readonly nuint MappedBytes;
        public readonly nuint MaximumAllocated;
        public readonly nuint FreeFastbinBytes;
        public readonly nuint InUseBytes;
        public readonly nuint FreeBytes;
        public readonly nuint Releasable;
    }
}
#endif
