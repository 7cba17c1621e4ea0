using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Text;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Pushwright.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of VAPID key import: the raw base64url forms against an independent oracle, and
/// PEM (PKCS#8 and SEC 1, as the BCL and OpenSSL write them) with damage to the text, the base64
/// body, the DER inside and the labels. Only ArgumentException escapes, the Try form never throws,
/// and no message quotes the private key.
/// </summary>
public sealed class VapidKeysFuzzTests(ITestOutputHelper output)
{
    private static readonly string[] s_labels =
    [
        "PRIVATE KEY", "EC PRIVATE KEY", "ENCRYPTED PRIVATE KEY", "PUBLIC KEY", "EC PARAMETERS", "RSA PRIVATE KEY", "private key", "PRIVATE  KEY", "",
    ];

    [Fact]
    public Task FromBase64Url_MutatedKeys_AcceptsExactlyTheValidPairsAndOtherwiseThrowsArgumentException() =>
        FuzzRun.RunAsync(output, "VapidKeys.FromBase64Url/FromPrivateKeyBase64Url", run =>
        {
            var random = run.Random;
            var pairs = Enumerable.Range(0, 4).Select(_ => Reference.Scalar(random))
                .Select(d => (Public: Vectors.Encode(Reference.PublicKeyOf(d)), Private: Vectors.Encode(d))).ToArray();
            for (var i = 0; i < FuzzRun.Inputs; i++)
            {
                var (publicKey, privateKey) = pairs[random.Next(pairs.Length)];
                var side = random.Next(10); // 0-3 the first value damaged, 4-8 the second, 9 both
                string how;
                (publicKey, how) = side is < 4 or 9 ? PushSubscriptionKeysFuzzTests.Base64Text(random, publicKey, pairs) : (publicKey, "public key kept");
                (privateKey, var howPrivate) = side >= 4 ? PrivateKeyText(random, privateKey, pairs) : (privateKey, "private key kept");
                run.Begin(i, how + " | " + howPrivate, FuzzRun.Show(publicKey) + ", " + FuzzRun.Show(privateKey));

                var publicBytes = Reference.TryBase64(publicKey, out var q) ? q : null;
                var privateBytes = Reference.TryBase64(privateKey, out var d) && Reference.IsP256Scalar(d) ? d : null;
                var derived = privateBytes is null ? null : Reference.PublicKeyOf(privateBytes);
                var secrets = pairs.Select(p => p.Private).Append(privateKey).ToArray();

                // The pair: base64 of each first, then the private key, then the public key against it.
                var expectedParam = publicBytes is null ? "publicKey"
                    : !Reference.TryBase64(privateKey, out _) || privateBytes is null ? "privateKey"
                    : !publicBytes.AsSpan().SequenceEqual(derived) ? "publicKey"
                    : null;
                var thrown = PushSubscriptionKeysFuzzTests.Catch(() => VapidKeys.FromBase64Url(publicKey, privateKey), out var keys);
                Check(run, "pair", thrown, expectedParam, secrets);
                keys?.PublicKey.ToArray().Should().Equal(derived, "{0}", run.Where);

                thrown = PushSubscriptionKeysFuzzTests.Catch(() => VapidKeys.FromPrivateKeyBase64Url(privateKey), out keys);
                Check(run, "private key alone", thrown, privateBytes is null ? "privateKey" : null, secrets);
                keys?.PublicKey.ToArray().Should().Equal(derived, "the public key is computed from the private key; {0}", run.Where);
            }

            run.ExpectMostly("pair refused", 0.5);
        });

    [Fact]
    public Task ImportPem_MutatedPem_ThrowsOnlyArgumentExceptionAndTryImportNeverThrows() =>
        FuzzRun.RunAsync(output, "VapidKeys.ImportPem/TryImportPem", run =>
        {
            var random = run.Random;
            var pems = new List<(string Pem, string Private)>();
            for (var k = 0; k < 3; k++)
            {
                var d = Reference.Scalar(random);
                var privateKey = Vectors.Encode(d);
                using var bcl = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
                pems.Add((VapidKeys.FromPrivateKeyBase64Url(privateKey).ExportPem(), privateKey));
                pems.Add((bcl.ExportPkcs8PrivateKeyPem(), privateKey));
                pems.Add((bcl.ExportECPrivateKeyPem(), privateKey));
                pems.Add(("-----BEGIN EC PARAMETERS-----\nBggqhkjOPQMBBw==\n-----END EC PARAMETERS-----\n" + bcl.ExportECPrivateKeyPem().Replace("\n", "\r\n", StringComparison.Ordinal), privateKey));
            }

            foreach (var (pem, privateKey) in pems)
            {
                VapidKeys.ImportPem(pem).ExportPrivateKeyBase64Url().Should().Be(privateKey, "every starting PEM imports; {0}", run.Where);
            }

            for (var i = 0; i < FuzzRun.Inputs; i++)
            {
                var (pem, privateKey) = pems[random.Next(pems.Count)];
                var (mutated, how) = MutatePem(random, pem, pems);
                run.Begin(i, how, FuzzRun.Show(mutated));
                var secrets = new[] { privateKey, Body(pem) };

                var tried = false;
                VapidKeys? triedKeys = null;
                FluentActions.Invoking(() => tried = VapidKeys.TryImportPem(mutated, out triedKeys)).Should().NotThrow("TryImportPem never throws for bad input; {0}", run.Where);
                var thrown = PushSubscriptionKeysFuzzTests.Catch(() => VapidKeys.ImportPem(mutated), out var keys);
                Check(run, "PEM", thrown, tried ? null : "pem", secrets);
                if (keys is not null)
                {
                    var imported = Vectors.Decode(keys.ExportPrivateKeyBase64Url());
                    Reference.IsP256Scalar(imported).Should().BeTrue("{0}", run.Where);
                    keys.PublicKey.ToArray().Should().Equal(Reference.PublicKeyOf(imported), "{0}", run.Where);
                    triedKeys!.PublicKeyBase64Url.Should().Be(keys.PublicKeyBase64Url, "{0}", run.Where);
                }
            }

            run.ExpectMostly("PEM refused", 0.5);
        });

    private static (string Text, string How) PrivateKeyText(Random random, string text, (string P256dh, string Auth)[] others) => random.Next(6) switch
    {
        // A 32-byte value with one bit changed is another valid key most of the time: a mismatch, not a decoding error.
        0 => (Vectors.Encode(Mutate.Bytes(random, Vectors.Decode(text)).Bytes), "bytes damaged"),
        1 => (Vectors.Encode(random.Next(2) == 0 ? new byte[32] : Convert.FromHexString("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551")), "zero or the group order"),
        _ => PushSubscriptionKeysFuzzTests.Base64Text(random, text, others),
    };

    private static (string Pem, string How) MutatePem(Random random, string pem, List<(string Pem, string Private)> others)
    {
        var roll = random.Next(20);
        if (roll < 8)
        {
            // The DER inside, re-encoded as valid PEM, so the DER reader itself is reached.
            var label = Label(pem);
            var der = Convert.FromBase64String(Body(pem));
            var (damaged, how) = roll < 4 ? MutateDer(random, der) : Mutate.Bytes(random, der);
            return (Pem(label, damaged), "DER: " + how);
        }

        return roll switch
        {
            8 or 9 or 10 => MutateBody(random, pem),
            11 => Relabel(random, pem, begin: true),
            12 => Relabel(random, pem, begin: false),
            13 => (pem.Replace("-----END " + Label(pem) + "-----", string.Empty, StringComparison.Ordinal), "END line removed"),
            14 => (pem + others[random.Next(others.Count)].Pem, "another PEM appended"),
            15 => (Mutate.RandomText(random, random.Next(0, 40)) + pem + Mutate.RandomText(random, random.Next(0, 40)), "text around it"),
            16 => (Pem(random.Next(2) == 0 ? "PRIVATE KEY" : "EC PRIVATE KEY", Mutate.RandomBytes(random, random.Next(0, 200))), "random DER"),
            17 => (Mutate.RandomText(random, random.Next(0, 300)), "random text"),
            _ => Mutate.TextSome(random, pem),
        };
    }

    /// <summary>DER-aware damage: a tag or a length byte of a random element, or the content cut or grown.</summary>
    private static (byte[] Der, string How) MutateDer(Random random, byte[] der)
    {
        var elements = Elements(der);
        var (offset, headerLength, _) = elements[random.Next(elements.Count)];
        var copy = (byte[])der.Clone();
        switch (random.Next(5))
        {
            case 0:
                byte[] tags = [0x02, 0x03, 0x04, 0x05, 0x06, 0x30, 0x31, 0xa0, 0xa1, 0xa2, 0x00, 0xff];
                copy[offset] = tags[random.Next(tags.Length)];
                return (copy, $"tag at {offset} set to 0x{copy[offset]:x2}");
            case 1:
                var lengthAt = offset + 1 + random.Next(headerLength - 1);
                copy[lengthAt] = (byte)(random.Next(3) switch { 0 => copy[lengthAt] + random.Next(-2, 3), 1 => 0x80 + random.Next(0, 6), _ => random.Next(256) });
                return (copy, $"length byte at {lengthAt} set to 0x{copy[lengthAt]:x2}");
            case 2:
                return (der.AsSpan(0, random.Next(der.Length)).ToArray(), "DER truncated");
            case 3:
                return ([.. der, .. Mutate.RandomBytes(random, random.Next(1, 10))], "DER extended");
            default:
                var lengths = new byte[] { 0x84, 0xff, 0xff, 0xff, 0xff };
                return ([.. der.AsSpan(0, offset + 1), .. lengths, .. der.AsSpan(offset + headerLength)], $"length at {offset + 1} set to 0x84ffffffff");
        }
    }

    /// <summary>Every element's offset, header length and content length, walking constructed elements (a small DER walk for choosing targets).</summary>
    private static List<(int Offset, int HeaderLength, int Length)> Elements(byte[] der)
    {
        var found = new List<(int, int, int)>();
        var pending = new Stack<(int Start, int End)>();
        pending.Push((0, der.Length));
        while (pending.Count > 0)
        {
            var (position, end) = pending.Pop();
            while (position + 2 <= end)
            {
                var tag = der[position];
                int length = der[position + 1];
                var header = 2;
                if (length >= 0x80)
                {
                    var count = length & 0x7f;
                    if (count is 0 or > 2 || position + 2 + count > end)
                    {
                        break;
                    }

                    length = 0;
                    for (var i = 0; i < count; i++)
                    {
                        length = (length << 8) | der[position + 2 + i];
                    }

                    header += count;
                }

                if (position + header + length > end)
                {
                    break;
                }

                found.Add((position, header, length));

                // Into constructed elements, and into PKCS#8's OCTET STRING that wraps the SEC 1 key.
                if ((tag & 0x20) != 0 || (tag == 0x04 && length > 0 && der[position + header] == 0x30))
                {
                    pending.Push((position + header, position + header + length));
                }

                position += header + length;
            }
        }

        return found;
    }

    private static (string Pem, string How) MutateBody(Random random, string pem)
    {
        var body = Body(pem);
        var at = random.Next(body.Length);
        var (damaged, how) = random.Next(4) switch
        {
            0 => (Mutate.Replace(body, at, 1, "!-_=. \u00e9"[random.Next(7)].ToString()), $"body char {at} replaced"),
            1 => (body.Remove(at, 1), $"body char {at} deleted"),
            2 => (body.Substring(0, at), $"body truncated to {at} chars"),
            _ => (body.Insert(at, "="), $"'=' inserted in the body at {at}"),
        };
        var label = Label(pem);
        return ($"-----BEGIN {label}-----\n{Lines(damaged)}-----END {label}-----\n", how);
    }

    private static (string Pem, string How) Relabel(Random random, string pem, bool begin)
    {
        var label = Label(pem);
        var other = s_labels[random.Next(s_labels.Length)];
        var marker = begin ? "-----BEGIN " : "-----END ";
        return (pem.Replace(marker + label + "-----", marker + other + "-----", StringComparison.Ordinal), $"{(begin ? "BEGIN" : "END")} label \"{label}\" changed to \"{other}\"");
    }

    /// <summary>The label of the last block (the key; an EC PARAMETERS block comes first).</summary>
    private static string Label(string pem)
    {
        var start = pem.LastIndexOf("-----BEGIN ", StringComparison.Ordinal) + 11;
        return pem.Substring(start, pem.IndexOf("-----", start, StringComparison.Ordinal) - start);
    }

    /// <summary>The base64 body of the last block, without line breaks.</summary>
    private static string Body(string pem)
    {
        var label = Label(pem);
        var begin = pem.LastIndexOf("-----BEGIN " + label + "-----", StringComparison.Ordinal) + label.Length + 16;
        var end = pem.IndexOf("-----END " + label + "-----", begin, StringComparison.Ordinal);
        return string.Concat(pem.Substring(begin, end - begin).Where(c => !char.IsWhiteSpace(c)));
    }

    private static string Pem(string label, byte[] der) => $"-----BEGIN {label}-----\n{Lines(Convert.ToBase64String(der))}-----END {label}-----\n";

    private static string Lines(string base64)
    {
        var builder = new StringBuilder();
        for (var i = 0; i < base64.Length; i += 64)
        {
            builder.Append(base64, i, Math.Min(64, base64.Length - i)).Append('\n');
        }

        return builder.ToString();
    }

    private static void Check(FuzzRun run, string what, Exception? thrown, string? expectedParam, string[] secrets)
    {
        if (expectedParam is null)
        {
            run.Count(what + " accepted");
            thrown.Should().BeNull("the input is valid; {0}", run.Where);
            return;
        }

        run.Count(what + " refused");
        var argument = thrown.Should().BeAssignableTo<ArgumentException>("only ArgumentException is documented; {0}", run.Where).Subject;
        argument.ParamName.Should().Be(expectedParam, "{0}", run.Where);
        foreach (var secret in secrets)
        {
            Reference.QuotesAnyPiece(argument.Message, secret, 16).Should().BeFalse("\"{0}\" must not quote the private key; {1}", argument.Message, run.Where);
        }
    }
}
