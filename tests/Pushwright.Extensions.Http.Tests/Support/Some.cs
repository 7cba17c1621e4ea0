using System;
using System.Collections.Generic;
using Microsoft.Extensions.Configuration;

namespace Pushwright.Extensions.Http.Tests.Support;

internal static class Some
{
    private static readonly VapidKeys s_keys = VapidKeys.Generate();

    public static VapidKeys Keys => s_keys;

    /// <summary>A configuration section "WebPush" with valid settings, overridable per key.</summary>
    public static IConfiguration Configuration(params (string Key, string? Value)[] overrides)
    {
        var values = new Dictionary<string, string?>
        {
            ["WebPush:Subject"] = "mailto:ops@example.com",
            ["WebPush:PublicKey"] = s_keys.PublicKeyBase64Url,
            ["WebPush:PrivateKey"] = s_keys.ExportPrivateKeyBase64Url(),
        };
        foreach (var (key, value) in overrides)
        {
            values["WebPush:" + key] = value;
        }

        return new ConfigurationBuilder().AddInMemoryCollection(values).Build();
    }

    public static void Valid(WebPushOptions options)
    {
        options.Subject = "mailto:ops@example.com";
        options.PublicKey = s_keys.PublicKeyBase64Url;
        options.PrivateKey = s_keys.ExportPrivateKeyBase64Url();
    }

    public static Uri Endpoint => new("https://fcm.googleapis.com/fcm/send/secret-capability-path");
}
