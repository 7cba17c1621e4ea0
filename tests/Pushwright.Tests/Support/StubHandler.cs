using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace Pushwright.Tests.Support;

/// <summary>An HttpMessageHandler that answers with a function: for the unit tests of one step, where no push service is the point.</summary>
internal sealed class StubHandler(Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> answer) : HttpMessageHandler
{
    public int Calls { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Calls++;
        return answer(request, cancellationToken);
    }
}
