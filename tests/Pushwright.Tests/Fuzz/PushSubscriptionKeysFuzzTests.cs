using System;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Pushwright.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of both <see cref="PushSubscriptionKeys"/> constructors against an independent
/// oracle (<see cref="Reference"/>): a value is accepted exactly when it is valid, and a refusal is
/// an ArgumentException naming the bad parameter and quoting no secret.
/// </summary>
public sealed class PushSubscriptionKeysFuzzTests(ITestOutputHelper output)
{
    [Fact]
    public Task Ctor_MutatedBase64Url_AcceptsExactlyTheValidKeysAndOtherwiseNamesTheBadOne() =>
        FuzzRun.RunAsync(output, "PushSubscriptionKeys(string, string)", run =>
        {
            var random = run.Random;
            var pairs = Enumerable.Range(0, 4).Select(_ => (P256dh: Vectors.Encode(Reference.PublicKeyOf(Reference.Scalar(random))), Auth: Vectors.Encode(Mutate.RandomBytes(random, 16)))).ToArray();
            for (var i = 0; i < FuzzRun.Inputs; i++)
            {
                var (p256dh, auth) = pairs[random.Next(pairs.Length)];
                var side = random.Next(10); // 0-3 the first value damaged, 4-8 the second, 9 both
                string how;
                (p256dh, how) = side is < 4 or 9 ? Base64Text(random, p256dh, pairs) : (p256dh, "p256dh kept");
                (auth, var howAuth) = side >= 4 ? Base64Text(random, auth, pairs) : (auth, "auth kept");
                run.Begin(i, how + " | " + howAuth, FuzzRun.Show(p256dh) + ", " + FuzzRun.Show(auth));

                var p256dhBytes = Reference.TryBase64(p256dh, out var p) ? p : null;
                var authBytes = Reference.TryBase64(auth, out var a) ? a : null;
                var expectedParam = p256dhBytes is null ? "p256dh"
                    : authBytes is null ? "auth"
                    : !Reference.IsP256Point(p256dhBytes) ? "p256dh"
                    : authBytes.Length != 16 ? "auth"
                    : null;
                var thrown = Catch(() => new PushSubscriptionKeys(p256dh, auth), out var keys);
                Check(run, thrown, expectedParam, pairs.Select(k => k.Auth));
                if (keys is not null)
                {
                    keys.P256dh.ToArray().Should().Equal(p256dhBytes, "the key is the text's bytes; {0}", run.Where);
                    keys.AuthSecret.ToArray().Should().Equal(authBytes, "the secret is the text's bytes; {0}", run.Where);
                }
            }

            run.ExpectMostly("refused", 0.5);
        });

    [Fact]
    public Task Ctor_MutatedBytes_AcceptsExactlyTheValidKeysAndOtherwiseNamesTheBadOne() =>
        FuzzRun.RunAsync(output, "PushSubscriptionKeys(ReadOnlySpan<byte>, ReadOnlySpan<byte>)", run =>
        {
            var random = run.Random;
            var points = Enumerable.Range(0, 4).Select(_ => Reference.PublicKeyOf(Reference.Scalar(random))).ToArray();
            for (var i = 0; i < FuzzRun.Inputs; i++)
            {
                var side = random.Next(10); // 0-3 the first value damaged, 4-8 the second, 9 both
                var (p256dh, how) = side is < 4 or 9 ? PointBytes(random, points[random.Next(points.Length)]) : (points[random.Next(points.Length)], "valid point");
                var auth = side >= 4 ? Mutate.RandomBytes(random, random.Next(3) == 0 ? random.Next(0, 70) : random.Next(14, 19)) : Mutate.RandomBytes(random, 16);
                run.Begin(i, $"{how}; auth of {auth.Length} bytes", FuzzRun.Show(p256dh) + ", " + FuzzRun.Show(auth));

                var expectedParam = !Reference.IsP256Point(p256dh) ? "p256dh" : auth.Length != 16 ? "auth" : null;
                var thrown = Catch(() => new PushSubscriptionKeys(p256dh.AsSpan(), auth.AsSpan()), out var keys);
                Check(run, thrown, expectedParam, [Convert.ToBase64String(auth), Vectors.Encode(auth)]);
                if (keys is not null)
                {
                    keys.P256dh.ToArray().Should().Equal(p256dh, "{0}", run.Where);
                }
            }

            run.ExpectMostly("refused", 0.5);
        });

    /// <summary>A mutation of a base64url value: character damage, the other alphabet, padding, another value, or random text.</summary>
    internal static (string Text, string How) Base64Text(Random random, string text, (string P256dh, string Auth)[] others)
    {
        var other = others[random.Next(others.Length)];
        return random.Next(12) switch
        {
            0 => (text.Replace('-', '+').Replace('_', '/'), "standard alphabet"),
            1 => (text + new string('=', random.Next(1, 4)), "padded"),
            2 => (text.Substring(0, random.Next(text.Length)), "truncated"),
            3 => (random.Next(2) == 0 ? other.Auth : other.P256dh, "another value"),
            4 => (Vectors.Encode(Mutate.RandomBytes(random, random.Next(0, 100))), "base64url of random bytes"),
            5 => (Mutate.RandomText(random, random.Next(0, 120)), "random text"),
            6 => (Vectors.Encode(PointBytes(random, Vectors.Decode(other.P256dh)).Bytes), "base64url of a damaged point"),
            7 => (text.Insert(random.Next(text.Length + 1), " \t\r\n"[random.Next(4)].ToString()), "whitespace inserted"),
            _ => Mutate.TextSome(random, text),
        };
    }

    /// <summary>A damaged P-256 point: bit flips, another prefix, the compressed form, coordinates at or above p, or random bytes.</summary>
    internal static (byte[] Bytes, string How) PointBytes(Random random, byte[] point)
    {
        var copy = (byte[])point.Clone();
        switch (random.Next(8))
        {
            case 0:
                copy[0] = (byte)random.Next(8);
                return (copy, $"prefix 0x{copy[0]:x2}");
            case 1:
                return ([(byte)(2 + (point[64] & 1)), .. point.AsSpan(1, 32)], "compressed form");
            case 2:
                var prime = Convert.FromHexString("ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
                var coordinate = random.Next(2);
                prime.CopyTo(copy, 1 + (32 * coordinate));
                copy[32 + (32 * coordinate)] += (byte)random.Next(2);
                return (copy, $"{(coordinate == 0 ? "X" : "Y")} at p or p + 1");
            case 3:
                return (Mutate.RandomBytes(random, random.Next(0, 100)), "random bytes");
            case 4:
                return ([0x04, .. Mutate.RandomBytes(random, 64)], "0x04 and random coordinates");
            default:
                return Mutate.Bytes(random, point);
        }
    }

    internal static Exception? Catch<T>(Func<T> create, out T? created)
        where T : class
    {
        created = null;
        try
        {
            created = create();
            return null;
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private static void Check(FuzzRun run, Exception? thrown, string? expectedParam, System.Collections.Generic.IEnumerable<string> secrets)
    {
        if (expectedParam is null)
        {
            run.Count("accepted");
            thrown.Should().BeNull("the keys are valid; {0}", run.Where);
            return;
        }

        run.Count("refused");
        var argument = thrown.Should().BeAssignableTo<ArgumentException>("only ArgumentException is documented; {0}", run.Where).Subject;
        argument.ParamName.Should().Be(expectedParam, "{0}", run.Where);
        foreach (var secret in secrets)
        {
            Reference.QuotesAnyPiece(argument.Message, secret).Should().BeFalse("\"{0}\" must not quote the auth secret; {1}", argument.Message, run.Where);
        }
    }
}
