using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading.Tasks;
using FluentAssertions;
using Pushwright.Encryption;
using Pushwright.Tests.Support;
using Xunit;
using Xunit.Abstractions;

namespace Pushwright.Tests.Fuzz;

/// <summary>
/// Seeded fuzzing of <see cref="WebPushEncryption.Decrypt"/> and <see cref="WebPushEncryption.TryDecrypt"/>
/// for both encodings: a handful of valid messages to one receiver, each input a tampered variant
/// of one of them (bit flips, truncation, extension, records dropped, swapped and repeated, the
/// aes128gcm header fields and the aesgcm header values changed, the wrong receiver). Decrypt
/// throws only WebPushDecryptionException, TryDecrypt never throws, and a tampered message never
/// decrypts.
/// </summary>
/// <remarks>
/// <para>
/// Every input costs an ECDH (most of the time on the BouncyCastle asset), which is why the
/// messages are made once and varied: a fresh message per input would double the cost and test
/// nothing more. For the same reason each input goes through one entry point, Decrypt and
/// TryDecrypt in turn, and every eighth through both, and through the asset's other backend, to
/// check that they agree.
/// </para>
/// <para>
/// What counts as tampered is decided from what reaches the cryptography, not from which
/// mutation ran: the salt, the sender key, the receiver, the ciphertext bytes, and how the record
/// size cuts the ciphertext into records. A variant that changes none of these is excluded on
/// purpose, as <em>equivalent</em>, and checked instead to give the original plaintext if it
/// decrypts. There are two kinds, and neither is authenticated by the encodings: a record size
/// that cuts the same records (an aes128gcm rs of 5000 instead of 4096 on a 200-byte single-record
/// message; the aesgcm rs parameter likewise), and another spelling of the same aesgcm header
/// values (parameter case, spaces, quotes, padding, the other base64 alphabet, an extra parameter).
/// </para>
/// <para>
/// One tampering is excluded although it is not a no-op, because the aesgcm draft cannot see it
/// (see <see cref="ContentEncoding.AesGcm"/>): the first record of a message of several, alone,
/// with a larger rs. It is counted apart and may decrypt only to a prefix of the plaintext; the
/// same cut in aes128gcm counts as tampered like any other.
/// </para>
/// </remarks>
public sealed class WebPushEncryptionFuzzTests(ITestOutputHelper output)
{
    private const string FirstRecordAlone = "aesgcm first record alone";

    [Fact]
    public Task Decrypt_TamperedAes128GcmMessages_NeverDecryptAndThrowOnlyWebPushDecryptionException() =>
        FuzzRun.RunAsync(output, "WebPushEncryption.Decrypt/TryDecrypt aes128gcm", run => Fuzz(run, ContentEncoding.Aes128Gcm));

    [Fact]
    public Task Decrypt_TamperedAesGcmMessages_NeverDecryptAndThrowOnlyWebPushDecryptionException() =>
        FuzzRun.RunAsync(output, "WebPushEncryption.Decrypt/TryDecrypt aesgcm", run => Fuzz(run, ContentEncoding.AesGcm));

    private static void Fuzz(FuzzRun run, ContentEncoding encoding)
    {
        var random = run.Random;
        var receiver = Receiver(random, null);
        var strangers = new[] { Receiver(random, null), Receiver(random, receiver) };
        var messages = Messages(random, receiver, encoding);
        var others = Messages(random, receiver, encoding == ContentEncoding.Aes128Gcm ? ContentEncoding.AesGcm : ContentEncoding.Aes128Gcm);
        foreach (var message in messages.Concat(others))
        {
            // The starting points decrypt, or no refusal below means anything.
            WebPushEncryption.Decrypt(receiver, message.Payload()).Should().Equal(message.Plaintext, "{0}", run.Where);
        }

        for (var i = 0; i < FuzzRun.Inputs; i++)
        {
            var original = messages[random.Next(messages.Length)];
            var variant = Tamper(random, original, messages, others, strangers);
            run.Begin(i, $"{original.Name}: {variant.How}", Describe(variant));
            Check(run, receiver, messages, variant, i % 8 == 0 ? Entry.Both : i % 2 == 0 ? Entry.TryDecrypt : Entry.Decrypt);
        }

        run.ExpectMostly("tampered", 0.9);
    }

    private static void Check(FuzzRun run, UserAgentKeys receiver, Message[] messages, Variant variant, Entry entry)
    {
        var describable = variant.Encoding == ContentEncoding.AesGcm
            ? !string.IsNullOrEmpty(variant.Encryption) && !string.IsNullOrEmpty(variant.CryptoKey)
            : variant.Encryption is null && variant.CryptoKey is null;
        if (!describable)
        {
            // aesgcm without one of its header values, or aes128gcm with one: not even a payload.
            FluentActions.Invoking(() => new EncryptedPayload(variant.Encoding, variant.Body, variant.Encryption, variant.CryptoKey))
                .Should().Throw<ArgumentException>("{0}", run.Where);
            run.Count("tampered");
            run.Count("tampered, refused by EncryptedPayload");
            return;
        }

        var payload = new EncryptedPayload(variant.Encoding, variant.Body, variant.Encryption, variant.CryptoKey);

        var keys = variant.Receiver ?? receiver;
        var decrypted = false;
        byte[]? plaintext = null;
        if (entry != Entry.Decrypt)
        {
            FluentActions.Invoking(() => decrypted = WebPushEncryption.TryDecrypt(keys, payload, out plaintext))
                .Should().NotThrow("TryDecrypt never throws; {0}", run.Where);
        }

        if (entry != Entry.TryDecrypt)
        {
            Exception? thrown = null;
            byte[]? decryptedByDecrypt = null;
            try
            {
                decryptedByDecrypt = WebPushEncryption.Decrypt(keys, payload);
            }
            catch (Exception ex)
            {
                thrown = ex;
            }

            if (thrown is not null)
            {
                thrown.Should().BeOfType<WebPushDecryptionException>("Decrypt documents only WebPushDecryptionException; {0}", run.Where)
                    .Which.Error.Should().NotBe(DecryptionError.None, "{0}", run.Where);
            }

            if (entry == Entry.Both)
            {
                decrypted.Should().Be(thrown is null, "Decrypt and TryDecrypt agree; {0}", run.Where);
                run.Count("through both Decrypt and TryDecrypt");

                // The asset's other backends (the BCL on net8.0, where Windows and macOS run) decide alike.
                foreach (var backend in Backends.All.Where(b => b != Backends.Default))
                {
                    (WebPushEncryption.DecryptCore(backend, keys, payload, out _) == DecryptionError.None).Should()
                        .Be(thrown is null, "the {0} backend agrees with the default; {1}", backend.Name, run.Where);
                }
            }

            decrypted = thrown is null;
            plaintext = decryptedByDecrypt;
        }

        // A variant may have become another of the valid messages (its whole body swapped in): it is that message then.
        var (kind, original) = messages.Select(m => (Kind: Classify(variant, m), Message: m)).OrderBy(c => c.Kind == "tampered").First();
        run.Count(kind);
        switch (kind)
        {
            case "tampered":
                decrypted.Should().BeFalse("a tampered message never decrypts; {0}", run.Where);
                break;
            case "unchanged":
                decrypted.Should().BeTrue("{0}", run.Where);
                plaintext.Should().Equal(original.Plaintext, "{0}", run.Where);
                break;
            case FirstRecordAlone:
                if (decrypted)
                {
                    run.Count(FirstRecordAlone + ", decrypted to a prefix");
                    plaintext!.Length.Should().BeLessThan(original.Plaintext.Length, "{0}", run.Where);
                    original.Plaintext.AsSpan(0, plaintext.Length).ToArray().Should().Equal(plaintext, "only the first record's data can come out; {0}", run.Where);
                }

                break;
            default:
                if (decrypted)
                {
                    run.Count("equivalent, decrypted");
                    plaintext.Should().Equal(original.Plaintext, "an equivalent message decrypts to the same plaintext; {0}", run.Where);
                }

                break;
        }
    }

    /// <summary>
    /// "unchanged", "equivalent" (only an unauthenticated spelling, or a record size that cuts the
    /// same records), <see cref="FirstRecordAlone"/>, or "tampered".
    /// </summary>
    private static string Classify(Variant variant, Message original)
    {
        if (variant.Receiver is not null || variant.Encoding != original.Encoding)
        {
            return "tampered";
        }

        if (variant.Body.AsSpan().SequenceEqual(original.Body) && variant.Encryption == original.Encryption && variant.CryptoKey == original.CryptoKey)
        {
            return "unchanged";
        }

        if (original.Encoding == ContentEncoding.Aes128Gcm)
        {
            // salt(16) rs(4) idlen(1) keyid(idlen) records: all but rs must be the same bytes.
            var body = variant.Body;
            if (body.Length != original.Body.Length || !body.AsSpan(0, 16).SequenceEqual(original.Body.AsSpan(0, 16))
                || !body.AsSpan(20).SequenceEqual(original.Body.AsSpan(20)))
            {
                return "tampered";
            }

            var records = body.Length - 86;
            return SameRecords(BinaryPrimitives.ReadUInt32BigEndian(body.AsSpan(16)), original.RecordSize, records, 0) ? "equivalent" : "tampered";
        }

        if (!TryReadAesGcmHeaders(variant.Encryption!, variant.CryptoKey!, out var salt, out var dh, out var rs)
            || !salt.AsSpan().SequenceEqual(original.Salt) || !dh.AsSpan().SequenceEqual(original.SenderKey))
        {
            return "tampered";
        }

        var fullRecord = original.RecordSize + 16;
        if (variant.Body.Length == fullRecord && original.Body.Length > fullRecord && rs > original.RecordSize
            && variant.Body.AsSpan().SequenceEqual(original.Body.AsSpan(0, fullRecord)))
        {
            // The one cut aesgcm cannot see (ContentEncoding.AesGcm says so): the first record of
            // several, alone, under a larger rs. It may decrypt, to a prefix of the plaintext only.
            return FirstRecordAlone;
        }

        return variant.Body.AsSpan().SequenceEqual(original.Body) && SameRecords(rs, original.RecordSize, variant.Body.Length, 16) ? "equivalent" : "tampered";
    }

    /// <summary>True when record sizes <paramref name="a"/> and <paramref name="b"/> cut <paramref name="length"/> bytes into the same records (each <paramref name="tag"/> bytes longer than rs on the wire).</summary>
    private static bool SameRecords(long a, long b, long length, int tag)
    {
        if (a <= 0)
        {
            return false;
        }

        for (long offset = 0; offset < length;)
        {
            var cutA = Math.Min(a + tag, length - offset);
            if (cutA != Math.Min(b + tag, length - offset))
            {
                return false;
            }

            offset += cutA;
        }

        return true;
    }

    /// <summary>
    /// The salt, dh and rs an aesgcm receiver takes from the header values. Locating a parameter
    /// is HeaderParameters' job (its own tests cover the syntax); the values are decoded here,
    /// independently. rs is 4096 when absent; null values when anything is unreadable.
    /// </summary>
    private static bool TryReadAesGcmHeaders(string encryption, string cryptoKey, out byte[] salt, out byte[] dh, out long rs)
    {
        salt = dh = [];
        rs = 4096;
        var rsText = HeaderParameters.Find(encryption, "rs");
        if (rsText is not null && !long.TryParse(rsText, NumberStyles.None, CultureInfo.InvariantCulture, out rs))
        {
            return false;
        }

        var saltText = HeaderParameters.Find(encryption, "salt");
        var dhText = HeaderParameters.Find(cryptoKey, "dh");
        if (saltText is null || dhText is null || !Reference.TryBase64(saltText, out var s) || !Reference.TryBase64(dhText, out var d))
        {
            return false;
        }

        salt = s;
        dh = d;
        return true;
    }

    private static Variant Tamper(Random random, Message original, Message[] messages, Message[] others, UserAgentKeys[] strangers)
    {
        var variant = new Variant(original.Encoding, original.Body, original.Encryption, original.CryptoKey, null, string.Empty);
        var rounds = random.Next(5) == 0 ? random.Next(2, 4) : 1;
        var how = new List<string>();
        for (var i = 0; i < rounds; i++)
        {
            variant = TamperOnce(random, variant, original, messages, others, strangers);
            how.Add(variant.How);
        }

        return variant with { How = string.Join("; ", how) };
    }

    private static Variant TamperOnce(Random random, Variant v, Message original, Message[] messages, Message[] others, UserAgentKeys[] strangers)
    {
        var roll = random.Next(100);
        if (roll < 40)
        {
            var (body, how) = Mutate.Bytes(random, v.Body);
            return v with { Body = body, How = how };
        }

        if (roll < 60)
        {
            return Records(random, v, original);
        }

        if (roll < 90)
        {
            return original.Encoding == ContentEncoding.Aes128Gcm ? Aes128GcmHeader(random, v, messages) : AesGcmHeaders(random, v, messages);
        }

        var other = messages[random.Next(messages.Length)];
        var stranger = others[random.Next(others.Length)];
        return random.Next(5) switch
        {
            0 => v with { Receiver = strangers[0], How = "another receiver" },
            1 => v with { Receiver = strangers[1], How = "the receiver's key pair with another auth secret" },
            2 => v with { Body = other.Body, How = $"the body of {other.Name}" },
            3 => v with { Encoding = stranger.Encoding, Encryption = stranger.Encryption, CryptoKey = stranger.CryptoKey, How = $"read as {stranger.Name}'s encoding and headers" },
            _ => v with { Body = [.. v.Body, .. other.Body.AsSpan(original.Encoding == ContentEncoding.Aes128Gcm ? 86 : 0)], How = $"the records of {other.Name} appended" },
        };
    }

    /// <summary>Whole records dropped, swapped, repeated, or cut at a record boundary.</summary>
    private static Variant Records(Random random, Variant v, Message original)
    {
        var start = original.Encoding == ContentEncoding.Aes128Gcm ? 86 : 0;
        var size = original.Encoding == ContentEncoding.Aes128Gcm ? original.RecordSize : original.RecordSize + 16;
        var bounds = new List<(int Start, int End)>();
        for (var offset = start; offset < v.Body.Length; offset += size)
        {
            bounds.Add((offset, Math.Min(offset + size, v.Body.Length)));
        }

        if (bounds.Count == 0)
        {
            return v with { Body = [.. v.Body, .. v.Body], How = "body repeated" };
        }

        var k = random.Next(bounds.Count);
        var j = random.Next(bounds.Count);
        var body = v.Body;
        byte[] Slice((int Start, int End) r) => body.AsSpan(r.Start, r.End - r.Start).ToArray();
        return random.Next(5) switch
        {
            0 => v with { Body = [.. body.AsSpan(0, bounds[k].Start), .. body.AsSpan(bounds[k].End)], How = $"record {k} of {bounds.Count} dropped" },
            1 when k != j => v with { Body = [.. body.AsSpan(0, bounds[Math.Min(k, j)].Start), .. Slice(bounds[Math.Max(k, j)]), .. body.AsSpan(bounds[Math.Min(k, j)].End, bounds[Math.Max(k, j)].Start - bounds[Math.Min(k, j)].End), .. Slice(bounds[Math.Min(k, j)]), .. body.AsSpan(bounds[Math.Max(k, j)].End)], How = $"records {k} and {j} of {bounds.Count} swapped" },
            2 => v with { Body = [.. body.AsSpan(0, bounds[k].End), .. Slice(bounds[j]), .. body.AsSpan(bounds[k].End)], How = $"record {j} of {bounds.Count} repeated after record {k}" },
            3 => v with { Body = body.AsSpan(0, bounds[k].Start == start ? bounds[k].End : bounds[k].Start).ToArray(), How = $"cut after record {(bounds[k].Start == start ? k : k - 1)} of {bounds.Count}" },
            _ => v with { Body = [.. body, .. Slice(bounds[k])], How = $"record {k} of {bounds.Count} appended again" },
        };
    }

    /// <summary>The aes128gcm header fields: salt, rs, idlen and the key id (the sender's public key).</summary>
    private static Variant Aes128GcmHeader(Random random, Variant v, Message[] messages)
    {
        var body = (byte[])v.Body.Clone();
        if (body.Length < 86)
        {
            return v with { Body = [.. body, .. Mutate.RandomBytes(random, 86 - body.Length)], How = "header filled with random bytes" };
        }

        var records = body.Length - 86;
        switch (random.Next(6))
        {
            case 0:
                var bit = random.Next(128);
                body[bit / 8] ^= (byte)(1 << (bit % 8));
                return v with { Body = body, How = $"salt bit {bit} flipped" };
            case 1:
            case 2:
                uint[] sizes = [0, 1, 17, 18, 19, 4095, 4097, (uint)records, (uint)records + 1, (uint)Math.Max(records - 1, 0), (uint)records - 16, int.MaxValue, (uint)int.MaxValue + 1, uint.MaxValue, (uint)random.Next(), (uint)random.Next(18, 300)];
                var rs = sizes[random.Next(sizes.Length)];
                BinaryPrimitives.WriteUInt32BigEndian(body.AsSpan(16), rs);
                return v with { Body = body, How = $"rs set to {rs}" };
            case 3:
                int[] lengths = [0, 1, 32, 33, 64, 66, 86, 255, random.Next(256)];
                body[20] = (byte)lengths[random.Next(lengths.Length)];
                return v with { Body = body, How = $"idlen set to {body[20]}" };
            case 4:
                var other = messages[random.Next(messages.Length)];
                var key = random.Next(3) switch
                {
                    0 => other.SenderKey,
                    1 => Reference.PublicKeyOf(Reference.Scalar(random)),
                    _ => PushSubscriptionKeysFuzzTests.PointBytes(random, body.AsSpan(21, 65).ToArray()).Bytes,
                };
                var length = Math.Min(key.Length, 255);
                return v with { Body = [.. body.AsSpan(0, 20), (byte)length, .. key.AsSpan(0, length), .. body.AsSpan(86)], How = $"key id replaced by a {length}-byte key" };
            default:
                var position = 21 + random.Next(65);
                var keyBit = random.Next(8);
                body[position] ^= (byte)(1 << keyBit);
                return v with { Body = body, How = $"key id byte {position - 21} bit {keyBit} flipped" };
        }
    }

    /// <summary>The aesgcm Encryption and Crypto-Key values: salt, rs and dh changed, removed, repeated or respelled, or the text damaged.</summary>
    private static Variant AesGcmHeaders(Random random, Variant v, Message[] messages)
    {
        var other = messages[random.Next(messages.Length)];
        var salt = HeaderParameters.Find(v.Encryption ?? string.Empty, "salt") ?? string.Empty;
        var dh = HeaderParameters.Find(v.CryptoKey ?? string.Empty, "dh") ?? string.Empty;
        var encryption = v.Encryption ?? string.Empty;
        var cryptoKey = v.CryptoKey ?? string.Empty;
        switch (random.Next(14))
        {
            case 0:
                return v with { Encryption = Swap(encryption, salt, Flip(random, salt)), How = "a salt bit flipped" };
            case 1:
                return v with { CryptoKey = Swap(cryptoKey, dh, Flip(random, dh)), How = "a dh bit flipped" };
            case 2:
                var key = random.Next(2) == 0 ? Vectors.Encode(Reference.PublicKeyOf(Reference.Scalar(random))) : Vectors.Encode(other.SenderKey);
                return v with { CryptoKey = Swap(cryptoKey, dh, key), How = "dh replaced by another key" };
            case 3:
                var saltLength = random.Next(2) == 0 ? 15 : 17;
                return v with { Encryption = Swap(encryption, salt, Vectors.Encode(Mutate.RandomBytes(random, saltLength))), How = $"a {saltLength}-byte salt" };
            case 4:
                string[] sizes = ["0", "1", "2", "3", "4", "17", "18", "4095", "4097", "5000", "65536", "2147483647", "2147483648", "99999999999", "-1", "+4096", "0x10", "4096.0", "004096", " 4096", "", (v.Body.Length - 16).ToString(CultureInfo.InvariantCulture), (v.Body.Length - 17).ToString(CultureInfo.InvariantCulture), random.Next(3, 300).ToString(CultureInfo.InvariantCulture)];
                var rs = sizes[random.Next(sizes.Length)];
                return v with { Encryption = SetRecordSize(encryption, rs), How = $"rs set to \"{rs}\"" };
            case 5:
                return v with { Encryption = "salt=" + Vectors.Encode(Mutate.RandomBytes(random, 16)) + ";" + encryption, How = "another salt before the real one" };
            case 6:
                return v with { CryptoKey = random.Next(2) == 0 ? "dh=" + Vectors.Encode(other.SenderKey) + "," + cryptoKey : cryptoKey + ",dh=" + Vectors.Encode(other.SenderKey), How = "a second dh" };
            case 7:
                return random.Next(2) == 0
                    ? v with { Encryption = Swap(encryption, "salt=" + salt, string.Empty), How = "salt removed" }
                    : v with { CryptoKey = Swap(cryptoKey, "dh=" + dh, "p256ecdsa=" + dh), How = "dh renamed" };
            case 8:
                return v with { Encryption = other.Encryption, How = $"the Encryption value of {other.Name}" };
            case 9:
                return v with { CryptoKey = other.CryptoKey, How = $"the Crypto-Key value of {other.Name}" };
            case 10:
                // Another spelling of the same values: these must decrypt if anything does.
                return random.Next(6) switch
                {
                    0 => v with { Encryption = Swap(encryption, "salt=", "SALT = "), How = "salt name in capitals, with spaces" },
                    1 => v with { CryptoKey = Swap(cryptoKey, dh, "\"" + dh + "\""), How = "dh quoted" },
                    2 => v with { Encryption = Swap(encryption, salt, salt.Replace('-', '+').Replace('_', '/') + "=="), How = "salt in base64 with padding" },
                    3 => v with { CryptoKey = "keyid=p256dh;" + cryptoKey + ";p256ecdsa=" + Vectors.Encode(other.SenderKey), How = "Crypto-Key with keyid and p256ecdsa" },
                    4 => v with { Encryption = encryption + ";keyid=\"a\"", How = "an extra parameter" },
                    _ => v with { Encryption = encryption.Contains("rs=", StringComparison.Ordinal) ? encryption : encryption + ";rs=4096", How = "the default rs written out" },
                };
            default:
                if (random.Next(2) == 0)
                {
                    var (text, how) = Mutate.TextSome(random, encryption);
                    return v with { Encryption = text, How = "Encryption: " + how };
                }
                else
                {
                    var (text, how) = Mutate.TextSome(random, cryptoKey);
                    return v with { CryptoKey = text, How = "Crypto-Key: " + how };
                }
        }
    }

    private static string Flip(Random random, string base64Url)
    {
        if (!Reference.TryBase64(base64Url, out var bytes) || bytes.Length == 0)
        {
            return base64Url + "A";
        }

        var bit = random.Next(bytes.Length * 8);
        bytes[bit / 8] ^= (byte)(1 << (bit % 8));
        return Vectors.Encode(bytes);
    }

    private static string Swap(string text, string from, string to) =>
        from.Length == 0 ? text : text.Replace(from, to, StringComparison.Ordinal);

    private static string SetRecordSize(string encryption, string rs)
    {
        var current = HeaderParameters.Find(encryption, "rs");
        return current is null ? encryption + ";rs=" + rs : Swap(encryption, "rs=" + current, "rs=" + rs);
    }

    private static string Describe(Variant v) =>
        v.Encoding == ContentEncoding.AesGcm
            ? $"Encryption {FuzzRun.Show(v.Encryption ?? "(null)")}, Crypto-Key {FuzzRun.Show(v.CryptoKey ?? "(null)")}, body {FuzzRun.Show(v.Body)}"
            : "body " + FuzzRun.Show(v.Body);

    /// <summary>A receiver drawn from the run's generator, or one with <paramref name="sameKeyPair"/>'s key pair and a fresh auth secret.</summary>
    private static UserAgentKeys Receiver(Random random, UserAgentKeys? sameKeyPair)
    {
        var privateKey = sameKeyPair?.ExportPrivateKey() ?? Reference.Scalar(random);
        return new UserAgentKeys(privateKey, Reference.PublicKeyOf(privateKey), Mutate.RandomBytes(random, 16));
    }

    /// <summary>Five valid messages to <paramref name="receiver"/>: one record or many, with and without padding, empty and full.</summary>
    private static Message[] Messages(Random random, UserAgentKeys receiver, ContentEncoding encoding)
    {
        var aes128 = encoding == ContentEncoding.Aes128Gcm;
        var minRecord = aes128 ? 18 : 3;
        var full = WebPushEncryption.GetMaxPlaintextLength(encoding);
        return
        [
            Message.Create(random, receiver, encoding, "one record", 4096, random.Next(0, 120), random.Next(0, 40)),
            Message.Create(random, receiver, encoding, "empty", 4096, 0, 0),
            Message.Create(random, receiver, encoding, "tiny records", minRecord + random.Next(0, 20), random.Next(30, 120), random.Next(0, 20)),
            Message.Create(random, receiver, encoding, "padded records", random.Next(40, 200), random.Next(100, 400), random.Next(1, 300)),
            Message.Create(random, receiver, encoding, "full body", 4096, full - 10, 10),
        ];
    }

    /// <summary>Which entry point an input goes through: one ECDH each, so one of the two, and every eighth both.</summary>
    private enum Entry
    {
        Decrypt,
        TryDecrypt,
        Both,
    }

    /// <summary>An input: what is handed to the receiver.</summary>
    private sealed record Variant(ContentEncoding Encoding, byte[] Body, string? Encryption, string? CryptoKey, UserAgentKeys? Receiver, string How);

    /// <summary>A valid message and what made it.</summary>
    private sealed record Message(string Name, ContentEncoding Encoding, byte[] Body, string? Encryption, string? CryptoKey, byte[] Plaintext, byte[] Salt, byte[] SenderKey, int RecordSize)
    {
        public EncryptedPayload Payload() => new(Encoding, Body, Encryption, CryptoKey);

        /// <summary>A message of any record size, from a seeded ephemeral key and salt.</summary>
        public static Message Create(Random random, UserAgentKeys receiver, ContentEncoding encoding, string name, int recordSize, int plaintextLength, int padding)
        {
            var plaintext = Mutate.RandomBytes(random, plaintextLength);
            var salt = Mutate.RandomBytes(random, 16);
            var ephemeral = Reference.Scalar(random);
            var senderKey = Reference.PublicKeyOf(ephemeral);
            var (body, encryption, cryptoKey) = MessageForge.Encrypt(receiver, encoding, recordSize, plaintext, padding, ephemeral, senderKey, salt);
            return new Message($"{(encoding == ContentEncoding.Aes128Gcm ? "aes128gcm" : "aesgcm")} {name} (rs {recordSize}, {plaintextLength} bytes, padding {padding})", encoding, body, encryption, cryptoKey, plaintext, salt, senderKey, recordSize);
        }
    }
}
