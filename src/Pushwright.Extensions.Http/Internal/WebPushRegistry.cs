using System;
using System.Collections.Generic;

namespace Pushwright.Extensions.Http.Internal;

/// <summary>The names registered with <c>AddWebPush</c>, so a second call for a name adds nothing and the factory can refuse unknown names.</summary>
internal sealed class WebPushRegistry
{
    private readonly HashSet<string> _names = new(StringComparer.Ordinal);

    /// <summary>The name of the HttpClient behind the Web Push client of <paramref name="name"/>.</summary>
    public static string HttpClientNameOf(string name) =>
        name.Length == 0 ? Microsoft.Extensions.DependencyInjection.WebPushServiceCollectionExtensions.HttpClientName : Microsoft.Extensions.DependencyInjection.WebPushServiceCollectionExtensions.HttpClientName + ":" + name;

    /// <summary>Adds <paramref name="name"/>; false when it was already there.</summary>
    public bool Add(string name)
    {
        lock (_names)
        {
            return _names.Add(name);
        }
    }

    public bool Contains(string name)
    {
        lock (_names)
        {
            return _names.Contains(name);
        }
    }
}
