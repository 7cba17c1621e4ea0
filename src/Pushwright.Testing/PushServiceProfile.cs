using System;
using System.Net.Http;
using Pushwright.Testing.Internal;

namespace Pushwright.Testing;

/// <summary>
/// How the fake push service looks to a sender: the host of its endpoints and the form of its
/// error replies. <see cref="Mozilla"/> (autopush's errno JSON) is the default; <see cref="Apple"/>
/// and <see cref="Fcm"/> answer as those services do. The verification is the same for all.
/// </summary>
public abstract class PushServiceProfile
{
    private protected PushServiceProfile(string name, Uri origin, string endpointPath)
    {
        Name = name;
        Origin = origin;
        EndpointPath = endpointPath;
    }

    /// <summary>Gets Mozilla's autopush: errors as <c>{"code":…,"errno":…,"error":…,"message":…,"more_info":…}</c>; endpoints on <c>updates.push.services.mozilla.com</c>.</summary>
    public static PushServiceProfile Mozilla { get; } = new MozillaProfile();

    /// <summary>Gets Apple's Web Push service: errors as <c>{"reason":"BadJwtToken"}</c> (every VAPID problem is a 403, as Apple answers); endpoints on <c>web.push.apple.com</c>.</summary>
    public static PushServiceProfile Apple { get; } = new AppleProfile();

    /// <summary>Gets Firebase Cloud Messaging's Web Push endpoint: errors as one line of plain text; endpoints on <c>fcm.googleapis.com</c>.</summary>
    public static PushServiceProfile Fcm { get; } = new FcmProfile();

    /// <summary>Gets the profile's name: <c>Mozilla</c>, <c>Apple</c> or <c>FCM</c>.</summary>
    public string Name { get; }

    /// <summary>Gets the origin of the endpoints the in-memory service hands out (nothing is ever sent there: the service answers in memory).</summary>
    public Uri Origin { get; }

    /// <summary>Gets the path before a subscription's id, in the service's own shape.</summary>
    internal string EndpointPath { get; }

    /// <summary>Returns <see cref="Name"/>.</summary>
    /// <returns>The name.</returns>
    public override string ToString() => Name;

    /// <summary>The status this service answers a refusal with.</summary>
    internal virtual int StatusOf(PushFailure failure) => failure.StatusCode;

    /// <summary>Writes the service's explanation of an error: a body, or (as WNS does) headers.</summary>
    internal abstract void WriteError(HttpResponseMessage response, PushFailure failure);
}
