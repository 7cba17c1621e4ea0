using System.Threading.Tasks;
using FluentAssertions;
using Xunit;

namespace Pushwright.IntegrationTests.Cli;

/// <summary><c>webpush demo</c>: the whole flow on loopback, run as a real process.</summary>
public sealed class DemoCommandTests
{
    [Fact]
    public async Task Demo_Default_ExitsZeroWithBothMessagesDecryptedAndTheSubscriptionRemoved()
    {
        var run = await CliProcess.RunAsync("demo");

        run.ExitCode.Should().Be(0, run.ToString());
        run.StandardError.Should().BeEmpty();
        run.StandardOutput.Should()
            .Contain("decrypted   \"Hello from Pushwright! Grüße ✓\"").And
            .Contain("decrypted   \"The same flow with the older aesgcm encoding: ¡hola! ✓\"").And
            .Contain("VAPID       valid (vapid scheme").And
            .Contain("VAPID       valid (WebPush scheme").And
            .Contain("SubscriptionGone (410)").And
            .Contain("✓ SubscriptionRemoved fired for this subscription").And
            .Contain("Demo passed").And
            .NotContain("✗");
        run.StandardOutput.Should().Contain("[1/6]").And.Contain("[6/6]");
    }
}
