using Xunit;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>
/// The real-Firefox tests run one class at a time: each class starts its own browser, and two
/// browsers plus the senders would compete for the machine's cores and slow every wait.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class BrowserCollection
{
    /// <summary>The collection's name, for <c>[Collection(BrowserCollection.Name)]</c>.</summary>
    public const string Name = "Browser (real Firefox)";
}
