using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Pushwright.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of <see cref="PushSubscription.Parse"/> and both <c>TryParse</c> overloads, the
/// entry point for untrusted browser JSON: mutated <c>PushSubscription.toJSON()</c> output (members
/// missing, repeated, renamed and of the wrong type, huge numbers, escapes and raw lone surrogates,
/// controls, deep nesting, very long strings, then character-level damage) and random text.
/// </summary>
public sealed class PushSubscriptionFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] s_endpointTemplates =
    [
        "https://fcm.googleapis.com/fcm/send/{0}:{1}",
        "https://updates.push.services.mozilla.com/wpush/v2/{0}{1}",
        "https://wns2-par02p.notify.windows.com/w/?token={0}%2b{1}",
        "https://web.push.apple.com/{0}{1}",
    ];

    [Fact]
    public Task TryParse_MutatedAndRandomJson_NeverThrowsQuotesNoKeyAndParseThrowsOnlyArgumentException() =>
        FuzzRun.RunAsync(output, "PushSubscription.Parse/TryParse", run =>
        {
            var random = run.Random;
            var subscribers = Enumerable.Range(0, 4).Select(_ => Subscriber.Create(random)).ToArray();
            foreach (var subscriber in subscribers)
            {
                // The generator's starting point must parse, or every mutation below proves nothing.
                PushSubscription.TryParse(Serialize(subscriber.Members(), pretty: false), out _, out var error).Should().BeTrue("{0}; {1}", error, run.Where);
            }

            for (var i = 0; i < FuzzRun.Inputs; i++)
            {
                var (json, how) = NextInput(random, subscribers);
                run.Begin(i, how, FuzzRun.Show(json));
                Check(run, json, subscribers);
            }

            run.ExpectMostly("refused", 0.5);
        });

    private static void Check(FuzzRun run, string json, Subscriber[] subscribers)
    {
        string? error = null;
        PushSubscription? subscription = null;
        var parsed = false;
        FluentActions.Invoking(() => parsed = PushSubscription.TryParse(json, out subscription, out error))
            .Should().NotThrow("TryParse never throws for bad input; {0}", run.Where);
        var parsedToo = false;
        FluentActions.Invoking(() => parsedToo = PushSubscription.TryParse(json, out _))
            .Should().NotThrow("TryParse never throws for bad input; {0}", run.Where);
        parsedToo.Should().Be(parsed, "both TryParse overloads agree; {0}", run.Where);

        Exception? thrown = null;
        try
        {
            PushSubscription.Parse(json).Should().NotBeNull();
        }
        catch (Exception ex)
        {
            thrown = ex;
        }

        if (parsed)
        {
            run.Count("accepted");
            thrown.Should().BeNull("Parse accepts what TryParse accepts; {0}", run.Where);
            CheckAccepted(run, subscription!);
            return;
        }

        run.Count("refused");
        var argument = thrown.Should().BeOfType<ArgumentException>("Parse documents only ArgumentException for bad JSON; {0}", run.Where).Subject;
        argument.ParamName.Should().Be("json", "{0}", run.Where);
        error.Should().NotBeNullOrWhiteSpace("{0}", run.Where);
        argument.Message.Should().StartWith(error, "Parse throws the reason TryParse gives; {0}", run.Where);

        // The reason may go back to the browser: it quotes no key and no endpoint (a capability).
        foreach (var subscriber in subscribers)
        {
            if (json.Contains(subscriber.P256dh, StringComparison.Ordinal) || json.Contains(subscriber.Auth, StringComparison.Ordinal))
            {
                run.Count("refused with key material in the input");
            }

            foreach (var secret in subscriber.Secrets)
            {
                Reference.QuotesAnyPiece(error!, secret).Should().BeFalse("the reason \"{0}\" must quote no key or endpoint; {1}", error, run.Where);
                Reference.QuotesAnyPiece(argument.Message, secret).Should().BeFalse("the message \"{0}\" must quote no key or endpoint; {1}", argument.Message, run.Where);
            }
        }
    }

    private static void CheckAccepted(FuzzRun run, PushSubscription subscription)
    {
        subscription.Endpoint.IsAbsoluteUri.Should().BeTrue("{0}", run.Where);
        subscription.Endpoint.Scheme.Should().BeOneOf(["https", "http"], "{0}", run.Where);
        Reference.IsP256Point(subscription.Keys.P256dh.Span).Should().BeTrue("an accepted p256dh is a P-256 point; {0}", run.Where);
        subscription.Keys.AuthSecret.Length.Should().Be(16, "{0}", run.Where);

        var again = PushSubscription.Parse(subscription.ToJson());
        // The address sent to, not Uri.Equals: a stray '%' is escaped to "%25" on the first parse, and
        // the reparsed Uri keeps escapes the first one held as characters, which Equals tells apart.
        again.Endpoint.AbsoluteUri.Should().Be(subscription.Endpoint.AbsoluteUri, "ToJson round-trips; {0}", run.Where);
        again.ExpirationTime.Should().Be(subscription.ExpirationTime, "{0}", run.Where);
        again.Keys.P256dh.ToArray().Should().Equal(subscription.Keys.P256dh.ToArray(), "{0}", run.Where);
        again.Keys.AuthSecret.ToArray().Should().Equal(subscription.Keys.AuthSecret.ToArray(), "{0}", run.Where);
    }

    private static (string Json, string How) NextInput(Random random, Subscriber[] subscribers)
    {
        var subscriber = subscribers[random.Next(subscribers.Length)];
        var roll = random.Next(100);
        if (roll < 8)
        {
            return (Mutate.RandomText(random, random.Next(0, 300)), "random text");
        }

        if (roll < 16)
        {
            return (TokenSoup(random, subscriber), "random JSON tokens");
        }

        var how = new List<string>();
        var members = subscriber.Members();
        var structural = random.Next(3) == 0 ? 0 : random.Next(1, 4);
        for (var i = 0; i < structural; i++)
        {
            how.Add(MutateStructure(random, members, subscribers));
        }

        var pretty = random.Next(4) == 0;
        var json = Serialize(members, pretty);
        if (pretty)
        {
            how.Add("indented");
        }

        if (random.Next(8) == 0)
        {
            (json, var wrapping) = Wrap(random, json);
            how.Add(wrapping);
        }

        if (structural == 0 || random.Next(2) == 0)
        {
            (json, var damage) = Mutate.TextSome(random, json);
            how.Add(damage);
        }

        return (json, string.Join("; ", how));
    }

    /// <summary>One structural change: a member removed, repeated, renamed, moved or given a wrong or hostile value.</summary>
    private static string MutateStructure(Random random, List<Member> members, Subscriber[] subscribers)
    {
        var keys = members.FirstOrDefault(m => m.Name == "keys")?.Children;
        var list = keys is not null && random.Next(2) == 0 ? keys : members;
        if (list.Count == 0)
        {
            list.Add(new Member("extra", "1"));
            return "member added to an empty object";
        }

        var index = random.Next(list.Count);
        var member = list[index];
        switch (random.Next(7))
        {
            case 0:
                list.RemoveAt(index);
                return $"\"{member.Name}\" removed";
            case 1:
                list.Insert(random.Next(list.Count + 1), member with { Value = random.Next(2) == 0 ? member.Value : HostileValue(random, subscribers) });
                return $"\"{member.Name}\" repeated";
            case 2:
                var renamed = random.Next(4) switch
                {
                    0 => member.Name.ToUpperInvariant(),
                    1 => member.Name + " ",
                    2 => "\\u00" + ((int)member.Name[0]).ToString("x2", System.Globalization.CultureInfo.InvariantCulture) + member.Name.Substring(1),
                    _ => member.Name.Substring(1),
                };
                list[index] = member with { Name = renamed };
                return $"\"{member.Name}\" renamed to \"{renamed}\"";
            case 3:
                var moved = list[index];
                list.RemoveAt(index);
                list.Insert(random.Next(list.Count + 1), moved);
                return $"\"{member.Name}\" moved";
            case 4:
                list.Add(new Member(random.Next(2) == 0 ? "extra" : Mutate.RandomText(random, 5).Replace("\\", "/").Replace("\"", "'"), HostileValue(random, subscribers)));
                return "extra member added";
            default:
                var value = HostileValue(random, subscribers);
                list[index] = new Member(member.Name, value);
                return $"\"{member.Name}\" set to {FuzzRun.Show(value.Length > 80 ? value.Substring(0, 80) : value)}";
        }
    }

    /// <summary>A JSON value of the wrong type, out of range, deeply nested, very long, escaped, or another subscriber's key.</summary>
    private static string HostileValue(Random random, Subscriber[] subscribers)
    {
        var other = subscribers[random.Next(subscribers.Length)];
        var depth = random.Next(1, 2000);
        return random.Next(24) switch
        {
            0 => "42",
            1 => "-1",
            2 => "1.5",
            3 => random.Next(2) == 0 ? "1e400" : "-1e400",
            4 => "99999999999999999999999999999",
            5 => random.Next(2) == 0 ? "253402300799999" : "253402300800000",
            6 => "-0",
            7 => random.Next(2) == 0 ? "true" : "false",
            8 => "null",
            9 => random.Next(2) == 0 ? "[]" : "{}",
            10 => "\"\"",
            11 => Quote(other.P256dh),
            12 => Quote(other.Auth),
            13 => new string('[', depth) + new string(']', depth),
            14 => string.Concat(Enumerable.Repeat("{\"a\":", depth)) + "1" + new string('}', depth),
            15 => Quote(new string('A', random.Next(1_000, 200_000))),
            16 => Quote("\\ud800" + other.Auth),
            17 => Quote(other.P256dh + "\\udc00"),
            18 => "[" + Quote(other.P256dh) + "," + Quote(other.Auth) + "]",
            19 => Quote(other.Endpoint.Replace("https", random.Next(2) == 0 ? "ftp" : "http", StringComparison.Ordinal)),
            20 => Quote(random.Next(3) switch { 0 => "/relative/path", 1 => "https://", _ => "https://user:pass@[::1]:99999/x" }),
            21 => Quote(other.P256dh.Replace('-', '+').Replace('_', '/') + "="),
            22 => "\"" + Mutate.RandomText(random, random.Next(1, 40)).Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"",
            _ => random.NextInt64().ToString(System.Globalization.CultureInfo.InvariantCulture) + new string('9', random.Next(0, 30)),
        };
    }

    private static (string Json, string How) Wrap(Random random, string json) => random.Next(4) switch
    {
        0 => ("[" + json + "]", "wrapped in an array"),
        1 => (json + json, "written twice"),
        2 => ("{\"subscription\":" + json + "}", "wrapped in an object"),
        _ => (Quote(json.Replace("\\", "\\\\").Replace("\"", "\\\"")), "as a JSON string"),
    };

    private static string TokenSoup(Random random, Subscriber subscriber)
    {
        string[] tokens =
        [
            "{", "}", "[", "]", ":", ",", "\"endpoint\"", "\"keys\"", "\"p256dh\"", "\"auth\"", "\"expirationTime\"", "null", "0", "1790000000000",
            Quote(subscriber.Endpoint), Quote(subscriber.P256dh), Quote(subscriber.Auth), "\"\\ud800\"", "true", " ", "\n",
        ];
        var count = random.Next(1, 40);
        return string.Concat(Enumerable.Range(0, count).Select(_ => tokens[random.Next(tokens.Length)]));
    }

    private static string Serialize(List<Member> members, bool pretty)
    {
        var separator = pretty ? ",\n  " : ",";
        var open = pretty ? "{\n  " : "{";
        var close = pretty ? "\n}" : "}";
        var colon = pretty ? ": " : ":";
        return open + string.Join(separator, members.Select(m => "\"" + m.Name + "\"" + colon + (m.Children is null ? m.Value : Serialize(m.Children, pretty)))) + close;
    }

    private static string Quote(string text) => "\"" + text + "\"";

    /// <summary>A JSON member; an object member keeps its members as children so they can be mutated too.</summary>
    private sealed record Member(string Name, string Value, List<Member>? Children = null);

    /// <summary>A browser's subscription: keys drawn from the run's generator, an endpoint of one of the push services.</summary>
    private sealed class Subscriber
    {
        private string _token = string.Empty;

        public string Endpoint { get; private init; } = string.Empty;

        public string P256dh { get; private init; } = string.Empty;

        public string Auth { get; private init; } = string.Empty;

        public string Expiration { get; private init; } = "null";

        /// <summary>Gets what no error message may quote: both keys, and the endpoint's token.</summary>
        public string[] Secrets => [P256dh, Auth, _token];

        public static Subscriber Create(Random random)
        {
            var token = Vectors.Encode(Mutate.RandomBytes(random, random.Next(24, 100)));
            var half = token.Length / 2;
            return new Subscriber
            {
                _token = token,
                Endpoint = string.Format(System.Globalization.CultureInfo.InvariantCulture, s_endpointTemplates[random.Next(s_endpointTemplates.Length)], token.Substring(0, half), token.Substring(half)),
                P256dh = Vectors.Encode(Reference.PublicKeyOf(Reference.Scalar(random))),
                Auth = Vectors.Encode(Mutate.RandomBytes(random, 16)),
                Expiration = random.Next(2) == 0 ? "null" : random.NextInt64(0, 253402300799999).ToString(System.Globalization.CultureInfo.InvariantCulture),
            };
        }

        /// <summary>The members of its <c>toJSON()</c>, in the browser's order.</summary>
        public List<Member> Members() =>
        [
            new("endpoint", Quote(Endpoint)),
            new("expirationTime", Expiration),
            new("keys", string.Empty, [new("p256dh", Quote(P256dh)), new("auth", Quote(Auth))]),
        ];
    }
}
