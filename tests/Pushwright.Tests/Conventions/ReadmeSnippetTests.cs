using System;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using FluentAssertions;
using Xunit;

namespace Pushwright.Tests.Conventions;

/// <summary>STYLE.md 24: the README's code is the code of the Examples/ tests, which compile and run.</summary>
public sealed class ReadmeSnippetTests
{
    [Fact]
    public void Readme_ContainsEveryExampleRegionLine()
    {
        var root = ThrowConventionTests.RepositoryRoot();
        var readme = File.ReadAllLines(Path.Combine(root, "README.md")).Select(l => l.Trim()).ToHashSet(StringComparer.Ordinal);
        var examples = Directory.EnumerateFiles(Path.Combine(root, "tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => f.Contains($"{Path.DirectorySeparatorChar}Examples{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .ToList();
        examples.Should().NotBeEmpty();

        var missing = (from file in examples
                       from Match region in Regex.Matches(File.ReadAllText(file), @"#region (?<name>\S+)\r?\n(?<code>.*?)#endregion", RegexOptions.Singleline)
                       from line in region.Groups["code"].Value.Split('\n')
                       let trimmed = line.Trim()
                       where trimmed.Length > 0 && !readme.Contains(trimmed)
                       select $"{Path.GetFileName(file)} #{region.Groups["name"].Value}: {trimmed}").ToList();

        missing.Should().BeEmpty("README.md must show the compiled example code line for line");
    }
}
