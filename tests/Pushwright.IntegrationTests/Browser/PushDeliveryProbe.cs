using System.Linq;

namespace Pushwright.IntegrationTests.Browser;

/// <summary>The next delivery the push server accepts after this probe was made.</summary>
public sealed class PushDeliveryProbe
{
    private readonly FirefoxPushServer _server;
    private readonly int _before;

    /// <summary>Remembers how many deliveries there were.</summary>
    public PushDeliveryProbe(FirefoxPushServer server)
    {
        _server = server;
        _before = server.Deliveries.Count;
    }

    /// <summary>Returns the first delivery accepted after the probe was made, or <see langword="null"/>.</summary>
    public PushDelivery? Find() => _server.Deliveries.Skip(_before).FirstOrDefault();
}
