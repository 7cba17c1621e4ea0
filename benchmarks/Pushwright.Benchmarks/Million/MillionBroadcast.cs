// The million-subscriber run (benchmarks/README.md): one broadcast streamed from SQLite through
// SendManyAsync, over HTTP/2, to the sink in a process of its own. Not a BenchmarkDotNet
// benchmark: one measured pass, like a real broadcast.
//
//   1. the subscriptions: built once in SQLite, then reused
//   2. the sink: a child process, HTTP/2 cleartext (h2c) on loopback
//   3. the sender: WebPushClient on the library's own handler, pinned to HTTP/2
//   4. warm-up, then the references (CreateRequest alone, the transport alone)
//   5. the broadcast, with the working set every tenth of the way
//   6. the references again, then the report: CPU per message against the references, peak
//      working set, and exactly one result per subscription on both sides
using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Threading.Tasks;

namespace Pushwright.Benchmarks.Million;

internal static class MillionBroadcast
{
    private const double CpuTarget = 1.2;
    private const long PeakTarget = 200L * 1024 * 1024;

    public static async Task<int> RunAsync(string[] args, TextWriter output)
    {
        if (!MillionOptions.TryParse(args, out var options, out var problem))
        {
            await output.WriteLineAsync(problem);
            await output.WriteLineAsync(MillionOptions.Usage);
            return 2;
        }

        var n = options.Count;
        var residentAtLaunch = ProcessMeter.ReadStatus("VmRSS");
        var loadAtStart = ProcessMeter.LoadAverage();

        // 1. The subscriptions.
        var database = new SubscriptionDatabase(options.DatabasePath);
        var (existing, added, buildTime) = database.Ensure(n);
        await output.WriteLineAsync(Invariant($"database: {options.DatabasePath}, {(added == 0 ? $"{existing:N0} rows reused" : $"{added:N0} rows added to {existing:N0} in {buildTime.TotalSeconds:F1} s")}; keys from a pool of {SubscriptionDatabase.KeyPoolSize:N0} real P-256 key pairs, an endpoint per row"));

        // 2. The sink.
        await using var sink = await SinkProcess.StartAsync();
        var origin = sink.Origin;

        // 3. The sender: the library's own handler (no redirects, no proxy, the address policy,
        //    here told that loopback is fine), with HTTP/2 pinned, since cleartext HTTP/2 needs prior knowledge.
        var clientOptions = new WebPushClientOptions { AllowHttpEndpoints = true, AllowPrivateNetworkEndpoints = true, MaxConcurrency = options.Concurrency };
        using var httpClient = new HttpClient(WebPushClient.CreateHttpHandler(clientOptions))
        {
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        using var client = new WebPushClient(httpClient, new VapidDetails("mailto:ops@example.com", VapidKeys.Generate()), clientOptions);
        var message = new PushMessage(new byte[options.PayloadBytes]) { TimeToLive = TimeSpan.FromHours(1) };

        await output.WriteLineAsync(Invariant($"run: {n:N0} subscriptions, SendManyAsync at MaxConcurrency {options.Concurrency}, {options.PayloadBytes} B payload (aes128gcm), HTTP/2 h2c to the sink (pid {sink.Id}) at {origin}"));
        await output.WriteLineAsync(Invariant($"machine: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}, {(GCSettings.IsServerGC ? "server" : "workstation")} GC ({GCSettings.LatencyMode}); load average at start {loadAtStart}"));

        // 4. Warm-up (JIT, the connection), then the references.
        var warmUp = Math.Min(n, 5_000);
        var warmUpLedger = await BroadcastAsync(client, sink, database, origin, warmUp, message, checkpoint: null);
        if (!warmUpLedger.IsExactlyOnce)
        {
            await output.WriteLineAsync(Invariant($"warm-up failed: {warmUpLedger.Results:N0} results, {warmUpLedger.Delivered:N0} delivered; first failure: {warmUpLedger.FirstFailure}"));
            return 1;
        }

        var before = await MeasureReferencesAsync(client, httpClient, sink, database, origin, options, message);
        await output.WriteLineAsync(before.Describe("references before"));

        // 5. The broadcast. The references' garbage is given back to the system and VmHWM reset
        //    first, so the peak is the broadcast's own (the lifetime peak is shown too).
        var peakBeforeBroadcast = ProcessMeter.ReadStatus("VmHWM");
        GC.Collect(2, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        var peakReset = ProcessMeter.ResetPeak();
        var residentAtStart = ProcessMeter.ReadStatus("VmRSS");
        var sinkBefore = await sink.StatsAsync();
        var checkpoints = new List<string>();
        using var sampler = options.Allocations ? new AllocationSampler() : null;
        var start = ProcessMeter.Take();
        var every = Math.Max(1, n / 10);
        var ledger = await BroadcastAsync(client, sink, database, origin, n, message, results =>
        {
            if (results % every == 0 || results == n)
            {
                var now = ProcessMeter.Take();
                checkpoints.Add(Invariant($"  {results,12:N0} {now.WallSince(start).TotalSeconds,9:F1} s {ProcessMeter.ReadStatus("VmRSS") / 1048576.0,9:F1} MB {ProcessMeter.ReadStatus("VmHWM") / 1048576.0,9:F1} MB {GC.GetGCMemoryInfo().TotalCommittedBytes / 1048576.0,9:F1} MB"));
            }
        });
        var end = ProcessMeter.Take();
        sampler?.Dispose();
        var peak = ProcessMeter.ReadStatus("VmHWM");
        var sinkAfter = await sink.StatsAsync();
        var loadAtEnd = ProcessMeter.LoadAverage();

        // 6. The references again, and the report.
        var after = await MeasureReferencesAsync(client, httpClient, sink, database, origin, options, message);
        await output.WriteLineAsync(after.Describe("references after "));

        var wall = end.WallSince(start);
        var cpuPerMessage = (end.Cpu - start.Cpu) / n;
        var createRequest = (before.CreateRequest + after.CreateRequest) / 2;
        var transport = (before.Transport + after.Transport) / 2;
        var ratio = cpuPerMessage / (createRequest + transport);
        await output.WriteLineAsync(Invariant($"broadcast: wall {wall.TotalSeconds:F1} s, {n / wall.TotalSeconds:N0} messages/s; load average at end {loadAtEnd}"));
        await output.WriteLineAsync("       results   elapsed       VmRSS       VmHWM   GC heap committed");
        foreach (var line in checkpoints)
        {
            await output.WriteLineAsync(line);
        }

        await output.WriteLineAsync(Invariant($"sender CPU: {Micros(cpuPerMessage)} per message = {ratio:F3} x (CreateRequest {Micros(createRequest)} + transport {Micros(transport)} = {Micros(createRequest + transport)}); target <= {CpuTarget}: {(ratio <= CpuTarget ? "met" : "MISSED")}"));
        await output.WriteLineAsync(Invariant($"sender memory: peak working set (VmHWM) during the broadcast {Mb(peak)}{(peakReset ? "" : " (could not reset VmHWM: this is the process's lifetime peak)")}, resident at its start {Mb(residentAtStart)} (at launch {Mb(residentAtLaunch)}), lifetime peak before it (references included) {Mb(peakBeforeBroadcast)}; target <= {Mb(PeakTarget)}: {(peak <= PeakTarget ? "met" : "MISSED")}"));
        await output.WriteLineAsync(Invariant($"sender GC: {(end.Allocated - start.Allocated) / (double)n:N0} B allocated per message; collections gen0 {end.Gen0 - start.Gen0:N0}, gen1 {end.Gen1 - start.Gen1:N0}, gen2 {end.Gen2 - start.Gen2:N0}"));
        if (sampler is not null)
        {
            await output.WriteLineAsync("sender allocations by type (AllocationTick samples, about one per 100 KB; this run's CPU figures include the listener):");
            foreach (var (type, bytes, share) in sampler.Top(20))
            {
                await output.WriteLineAsync(Invariant($"  {share,6:P1} {bytes / (double)n,8:N0} B/msg  {type}"));
            }
        }

        await output.WriteLineAsync(Invariant($"sink CPU: {Micros(TimeSpan.FromMilliseconds(sinkAfter.CpuMs - sinkBefore.CpuMs) / n)} per message (its own process)"));
        var exact = ledger.IsExactlyOnce && ledger.Agrees(sinkAfter);
        await output.WriteLineAsync(Invariant($"sender results: {ledger.Results:N0}, distinct ids {ledger.Distinct:N0}, duplicates {ledger.Duplicates:N0}, out of range {ledger.OutOfRange:N0}, delivered {ledger.Delivered:N0}, id sum {ledger.IdSum:N0} (n(n+1)/2 = {ledger.ExpectedIdSum:N0})"));
        await output.WriteLineAsync(Invariant($"sink requests:  {sinkAfter.Requests:N0}, distinct ids {sinkAfter.Distinct:N0}, duplicates {sinkAfter.Duplicates:N0}, out of range {sinkAfter.OutOfRange:N0}, id sum {sinkAfter.IdSum:N0}"));
        await output.WriteLineAsync(exact
            ? "exactly one result per subscription, and exactly one request per subscription at the sink: yes"
            : Invariant($"exactly one result per subscription: NO; first failure: {ledger.FirstFailure ?? "none (see the counts)"}"));
        return exact ? 0 : 1;
    }

    /// <summary>Sends to the rows 1..<paramref name="count"/> with SendManyAsync, recording each result in a ledger.</summary>
    private static async Task<DeliveryLedger> BroadcastAsync(
        WebPushClient client, SinkProcess sink, SubscriptionDatabase database, string origin, long count, PushMessage message, Action<long>? checkpoint)
    {
        await sink.ResetAsync(count);
        var ledger = new DeliveryLedger(count, origin);
        await foreach (var result in client.SendManyAsync(database.Read(origin, 1, count), message))
        {
            ledger.Record(result);
            checkpoint?.Invoke(ledger.Results);
        }

        return ledger;
    }

    private static async Task<ReferenceCosts> MeasureReferencesAsync(
        WebPushClient client, HttpClient httpClient, SinkProcess sink, SubscriptionDatabase database, string origin, MillionOptions options, PushMessage message)
    {
        // The same rows as the broadcast's first ones, read in advance (so the reading is not measured).
        var subscriptions = database.Read(origin, 1, options.ReferenceCount).ToList();
        var createRequest = References.CreateRequest(client, subscriptions, message);
        await sink.ResetAsync(subscriptions.Count);
        var transport = await References.TransportAsync(client, httpClient, subscriptions, message, options.Concurrency);
        var stats = await sink.StatsAsync();
        if (stats.Requests != subscriptions.Count || stats.Distinct != subscriptions.Count)
        {
            throw new InvalidOperationException(Invariant($"the transport reference sent {subscriptions.Count:N0} requests; the sink counted {stats.Requests:N0} ({stats.Distinct:N0} distinct)"));
        }

        return new ReferenceCosts(subscriptions.Count, createRequest, transport);
    }

    private static string Micros(TimeSpan time) => Invariant($"{time.TotalMicroseconds:F1} µs");

    private static string Mb(long bytes) => Invariant($"{bytes / 1048576.0:F1} MB");

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private sealed record ReferenceCosts(int Count, PhaseCost CreateRequestCost, PhaseCost TransportCost)
    {
        public TimeSpan CreateRequest => CreateRequestCost.CpuPerMessage;

        public TimeSpan Transport => TransportCost.CpuPerMessage;

        public string Describe(string label) => Invariant(
            $"{label}: CreateRequest {Micros(CreateRequest)} CPU, {CreateRequestCost.AllocatedPerMessage:N0} B per message ({Count:N0} in a loop, one thread); transport only {Micros(Transport)} CPU, {TransportCost.AllocatedPerMessage:N0} B per message ({Count:N0} pre-built, {TransportCost.PerSecond:N0}/s)");
    }
}
