using Xunit;

namespace Pushwright.Sample.Fanout.Tests.Support;

/// <summary>The fanout tests run one at a time: some restart the servers the others use.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FanoutCollection
{
    public const string Name = "fanout services";
}
