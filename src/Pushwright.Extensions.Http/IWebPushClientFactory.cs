namespace Pushwright;

/// <summary>
/// Creates the <see cref="WebPushClient"/> registered under a name with
/// <c>AddWebPush(name, ...)</c>: one per tenant or site, each with its own options, VAPID keys and
/// HTTP pipeline. Inject it where an application sends with more than one identity.
/// </summary>
/// <remarks>
/// Clients are cheap to create; the expensive parts (the HTTP handler, each name's
/// <see cref="VapidDetails"/> with its token cache) are shared per name. The unnamed
/// <c>AddWebPush(...)</c> registers the client under <see cref="Microsoft.Extensions.Options.Options.DefaultName"/>,
/// which is also the <see cref="WebPushClient"/> injected directly.
/// </remarks>
public interface IWebPushClientFactory
{
    /// <summary>Creates the client registered under <paramref name="name"/>.</summary>
    /// <param name="name">The name given to <c>AddWebPush(name, ...)</c>; <see cref="Microsoft.Extensions.Options.Options.DefaultName"/> (empty) for the unnamed one.</param>
    /// <returns>A client for that name.</returns>
    /// <exception cref="System.ArgumentNullException"><paramref name="name"/> is <see langword="null"/>.</exception>
    /// <exception cref="System.InvalidOperationException">No client was registered under <paramref name="name"/>.</exception>
    WebPushClient CreateClient(string name);
}
