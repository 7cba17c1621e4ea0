using System.Collections.Generic;
using System.Linq;
using FluentAssertions;

namespace Pushwright.Sample.Fanout.Tests.Support;

/// <summary>
/// Compares large sets of ids in linear time, naming the first differences. (FluentAssertions'
/// BeEquivalentTo pairs elements up one by one, quadratic in the count: minutes for 20,000.)
/// </summary>
internal static class IdSets
{
    public static void ShouldBeSameSet(this IEnumerable<string> actual, IEnumerable<string> expected, string because)
    {
        var actualSet = actual.ToHashSet();
        var expectedSet = expected.ToHashSet();
        actualSet.Except(expectedSet).Take(5).Should().BeEmpty($"no id should be there that was not expected: {because}");
        expectedSet.Except(actualSet).Take(5).Should().BeEmpty($"every expected id should be there: {because}");
    }
}
