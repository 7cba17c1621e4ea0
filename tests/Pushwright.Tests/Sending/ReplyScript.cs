using System;
using System.Collections.Generic;
using Pushwright.Testing;

namespace Pushwright.Tests.Sending;

/// <summary>
/// The reply table of README.md ("Replies") as data, for every test that walks it: each reply's
/// name, the outcome and status it must give, and the scripted reply that plays it. Shared by the
/// in-memory tests (both assets) and the loopback ones in tests/Pushwright.IntegrationTests, which
/// links this file, so the table is written once.
/// </summary>
internal static class ReplyScript
{
    /// <summary>An FCM 502 page, as Google's front end serves it.</summary>
    public const string GoogleErrorPage =
        "<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <title>Error 502 (Server Error)!!1</title>\n  <style>\n    *{margin:0;padding:0}\n  </style>\n"
        + "  <p><b>502.</b> <ins>That\u2019s an error.</ins>\n  <p>The server encountered a temporary error and could not complete your request.<p>Please try again in 30 seconds.  <ins>That\u2019s all we know.</ins>\n</html>\n";

    /// <summary>Every row of the reply table: reply name, expected outcome, expected status.</summary>
    public static IReadOnlyList<(string Name, PushOutcome Outcome, int Status)> Rows { get; } =
    [
        ("201", PushOutcome.Delivered, 201),
        ("202", PushOutcome.Delivered, 202),
        ("400", PushOutcome.Rejected, 400),
        ("401", PushOutcome.Unauthorized, 401),
        ("403", PushOutcome.Unauthorized, 403),
        ("403-apple", PushOutcome.Unauthorized, 403),
        ("404", PushOutcome.SubscriptionGone, 404),
        ("410", PushOutcome.SubscriptionGone, 410),
        ("413", PushOutcome.PayloadTooLarge, 413),
        ("429-seconds", PushOutcome.RateLimited, 429),
        ("429-date", PushOutcome.RateLimited, 429),
        ("406", PushOutcome.RateLimited, 406),
        ("500", PushOutcome.ServerError, 500),
        ("502-html", PushOutcome.ServerError, 502),
        ("503", PushOutcome.ServerError, 503),
    ];

    /// <summary>The scripted reply named by a row of <see cref="Rows"/>, or <c>drop</c> for a reset connection.</summary>
    public static FakeReply Step(string name) => name switch
    {
        "201" => FakeReply.Created(),
        "202" => FakeReply.Status(202),
        "400" => FakeReply.Status(400),
        "401" => FakeReply.Status(401),
        "403" => FakeReply.Status(403),
        "403-apple" => FakeReply.Status(403).WithBody("{\"reason\":\"BadJwtToken\"}", "application/json"),
        "404" => FakeReply.Status(404),
        "410" => FakeReply.Status(410),
        "413" => FakeReply.Status(413),
        "429-seconds" => FakeReply.Status(429).WithRetryAfter(TimeSpan.FromSeconds(30)),
        "429-date" => FakeReply.Status(429).WithRetryAfterDate(TimeSpan.FromSeconds(30)),
        "406" => FakeReply.Status(406).WithBody([], null).WithHeader("X-WNS-Status", "dropped").WithHeader("X-WNS-Error-Description", "Throttle limit exceeded"),
        "500" => FakeReply.Status(500),
        "502-html" => FakeReply.Status(502).WithBody(GoogleErrorPage, "text/html; charset=UTF-8"),
        "503" => FakeReply.Status(503),
        "drop" => FakeReply.Reset(),
        _ => throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown reply."),
    };
}
