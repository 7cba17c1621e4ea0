using System;
using System.IO;
using System.Linq;
using FluentAssertions;
using Xunit;

namespace Pushwright.Tests.Conventions;

/// <summary>CONTRIBUTING.md, "Throwing": every argument exception is created in Internal/Guard.cs or Internal/Error.cs, and none is caught as a value.</summary>
public sealed class ThrowConventionTests
{
    [Fact]
    public void SourceFiles_OutsideGuardAndError_NeverCreateArgumentExceptions()
    {
        var src = Path.Combine(RepositoryRoot(), "src");
        var allowed = new[] { Path.Combine("Internal", "Guard.cs"), Path.Combine("Internal", "Error.cs") };

        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => !allowed.Any(a => f.EndsWith(a, StringComparison.Ordinal)))
            .Where(f => File.ReadAllText(f).Contains("new Argument", StringComparison.Ordinal))
            .ToList();

        offenders.Should().BeEmpty();
    }

    [Fact]
    public void SourceFiles_NeverCatchArgumentExceptionsAsValues()
    {
        // Bad input is described by a Try core (ArgumentProblem) and thrown only at the public
        // boundary; no code catches an argument exception to turn it into a result.
        var src = Path.Combine(RepositoryRoot(), "src");

        var offenders = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => File.ReadAllText(f).Contains("catch (Argument", StringComparison.Ordinal))
            .ToList();

        offenders.Should().BeEmpty();
    }

    internal static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "WebPush.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("WebPush.sln not found above " + AppContext.BaseDirectory);
    }
}
