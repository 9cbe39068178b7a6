package org.prunedistill.launcher.bench;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.prunedistill.launcher.bench.ClaimCheckBenchmarkCommand.CaseReport;

/** The benchmark's results as a plain-text table and as JSON. */
final class Report {

    private Report() {
    }

    static String table(List<CaseReport> reports, Machine machine, int warmup) {
        StringBuilder out = new StringBuilder();
        out.append("Claim-check benchmark (MB = 10^6 bytes of .npy file; ").append(warmup)
                .append(" warm-up batches per case not counted)\n");
        out.append("machine: ").append(machine.describe()).append("\n\n");

        String rowFormat = "%-13s %-11s %9s %8s %8s %10s %8s %8s %8s%n";
        out.append(String.format(Locale.ROOT, rowFormat, "case", "shape", "batch MB", "batches", "seconds",
                "batches/s", "MB/s", "p50 ms", "p95 ms"));
        for (CaseReport report : reports) {
            RawS3Benchmark.Result raw = report.raw();
            ClaimCheckPipelineBenchmark.Result cc = report.claimCheck();
            String shape = report.shape().label();
            String mb = String.format(Locale.ROOT, "%.3f", report.objectBytes() / 1e6);
            out.append(String.format(Locale.ROOT, rowFormat, "raw put", shape, mb, raw.objects(),
                    f2(raw.putSeconds()), f1(raw.putObjectsPerSecond()), f1(raw.putMegabytesPerSecond()),
                    f2(raw.put().p50Ms()), f2(raw.put().p95Ms())));
            out.append(String.format(Locale.ROOT, rowFormat, "raw get", shape, mb, raw.objects(),
                    f2(raw.getSeconds()), f1(raw.getObjectsPerSecond()), f1(raw.getMegabytesPerSecond()),
                    f2(raw.get().p50Ms()), f2(raw.get().p95Ms())));
            out.append(String.format(Locale.ROOT, rowFormat, "raw put+get", shape, mb, raw.objects(),
                    f2(raw.putSeconds() + raw.getSeconds()), f1(raw.putThenGetObjectsPerSecond()),
                    f1(raw.putThenGetMegabytesPerSecond()), "-", "-"));
            out.append(String.format(Locale.ROOT, rowFormat, "claim-check", shape, mb, cc.batches(),
                    f2(cc.seconds()), f1(cc.batchesPerSecond()), f1(cc.megabytesPerSecond()),
                    f2(cc.endToEnd().p50Ms()), f2(cc.endToEnd().p95Ms())));
        }
        out.append("raw put/get: sequential on one thread, latency per request. raw put+get: bytes over the time of "
                + "both phases.\nclaim-check: producer and consumer concurrent, from the first claim to the last "
                + "array in memory;\nlatency from the start of a claim (putTensor) to its float[] in the "
                + "consumer.\n\n");

        String ratioFormat = "%-11s %18s %18s %8s%n";
        out.append(String.format(Locale.ROOT, ratioFormat, "shape", "raw put+get MB/s", "claim-check MB/s",
                "ratio"));
        for (CaseReport report : reports) {
            out.append(String.format(Locale.ROOT, ratioFormat, report.shape().label(),
                    f1(report.raw().putThenGetMegabytesPerSecond()), f1(report.claimCheck().megabytesPerSecond()),
                    String.format(Locale.ROOT, "%.2f", report.ratio())));
        }
        out.append('\n');

        String stageFormat = "%-11s %17s %17s %19s %17s   %s%n";
        out.append("claim-check latency per batch, p50 / p95 ms\n");
        out.append(String.format(Locale.ROOT, stageFormat, "shape", "end-to-end", "putTensor",
                "Kafka + queue", "fetchTensor", "partitions"));
        for (CaseReport report : reports) {
            ClaimCheckPipelineBenchmark.Result cc = report.claimCheck();
            out.append(String.format(Locale.ROOT, stageFormat, report.shape().label(), pair(cc.endToEnd()),
                    pair(cc.put()), pair(cc.delivery()), pair(cc.redeem()),
                    cc.partitionsUsed() + " (" + cc.sources() + " src)"));
        }
        out.append("putTensor: .npy encode + SHA-256 + stat + S3 put. Kafka + queue: from the send to the start of "
                + "its redemption,\nincluding waiting behind earlier batches. fetchTensor: event parse + S3 get + "
                + "size/SHA-256 check + .npy parse.\n\n");

        boolean anyCpu = reports.stream().anyMatch(report -> report.cpu() != null);
        if (anyCpu) {
            String cpuFormat = "%-11s %22s %22s %22s%n";
            out.append("in-memory CPU cost per batch (one thread, no I/O, measured before the stack started), "
                    + "median ms (MB/s)\n");
            out.append(String.format(Locale.ROOT, cpuFormat, "shape", "npy encode", "sha256", "npy parse"));
            for (CaseReport report : reports) {
                CpuCosts cpu = report.cpu();
                if (cpu == null) {
                    continue;
                }
                long bytes = report.objectBytes();
                out.append(String.format(Locale.ROOT, cpuFormat, report.shape().label(),
                        cost(cpu.npyWriteMs(), bytes), cost(cpu.sha256Ms(), bytes), cost(cpu.npyReadMs(), bytes)));
            }
            out.append('\n');
        }
        return out.toString();
    }

    static Map<String, Object> json(List<CaseReport> reports, Machine machine, int warmup, long seed) {
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("benchmark", "claim-check");
        document.put("timestamp", Instant.now().toString());
        document.put("megabyte", 1_000_000);
        Map<String, Object> host = new LinkedHashMap<>();
        host.put("processors", machine.processors());
        host.put("cpuModel", machine.cpuModel());
        host.put("memoryBytes", machine.memoryBytes());
        host.put("maxHeapBytes", machine.maxHeapBytes());
        host.put("java", machine.javaVersion());
        host.put("javaVm", machine.javaVm());
        host.put("os", machine.os());
        document.put("machine", host);
        document.put("warmupBatches", warmup);
        document.put("seed", seed);
        List<Object> cases = new ArrayList<>();
        for (CaseReport report : reports) {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("shape", report.shape().dimensions());
            entry.put("npyBytes", report.objectBytes());
            RawS3Benchmark.Result raw = report.raw();
            Map<String, Object> rawJson = new LinkedHashMap<>();
            rawJson.put("objects", raw.objects());
            rawJson.put("putSeconds", raw.putSeconds());
            rawJson.put("getSeconds", raw.getSeconds());
            rawJson.put("putMegabytesPerSecond", raw.putMegabytesPerSecond());
            rawJson.put("getMegabytesPerSecond", raw.getMegabytesPerSecond());
            rawJson.put("putObjectsPerSecond", raw.putObjectsPerSecond());
            rawJson.put("getObjectsPerSecond", raw.getObjectsPerSecond());
            rawJson.put("putThenGetMegabytesPerSecond", raw.putThenGetMegabytesPerSecond());
            rawJson.put("putLatencyMs", latencies(raw.put()));
            rawJson.put("getLatencyMs", latencies(raw.get()));
            entry.put("rawS3", rawJson);
            ClaimCheckPipelineBenchmark.Result cc = report.claimCheck();
            Map<String, Object> ccJson = new LinkedHashMap<>();
            ccJson.put("batches", cc.batches());
            ccJson.put("seconds", cc.seconds());
            ccJson.put("batchesPerSecond", cc.batchesPerSecond());
            ccJson.put("megabytesPerSecond", cc.megabytesPerSecond());
            ccJson.put("sources", cc.sources());
            ccJson.put("partitionsUsed", cc.partitionsUsed());
            ccJson.put("endToEndLatencyMs", latencies(cc.endToEnd()));
            ccJson.put("putTensorLatencyMs", latencies(cc.put()));
            ccJson.put("kafkaAndQueueLatencyMs", latencies(cc.delivery()));
            ccJson.put("fetchTensorLatencyMs", latencies(cc.redeem()));
            entry.put("claimCheck", ccJson);
            entry.put("claimCheckOverRawPutThenGet", report.ratio());
            if (report.cpu() != null) {
                Map<String, Object> cpu = new LinkedHashMap<>();
                cpu.put("npyWriteMs", report.cpu().npyWriteMs());
                cpu.put("sha256Ms", report.cpu().sha256Ms());
                cpu.put("npyReadMs", report.cpu().npyReadMs());
                entry.put("cpuPerBatch", cpu);
            }
            cases.add(entry);
        }
        document.put("cases", cases);
        return document;
    }

    private static Map<String, Object> latencies(Latencies latencies) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("p50", latencies.p50Ms());
        json.put("p95", latencies.p95Ms());
        json.put("max", latencies.maxMs());
        json.put("mean", latencies.meanMs());
        return json;
    }

    private static String pair(Latencies latencies) {
        return f1(latencies.p50Ms()) + " / " + f1(latencies.p95Ms());
    }

    private static String cost(double millis, long bytes) {
        return String.format(Locale.ROOT, "%.2f (%.0f)", millis, CpuCosts.megabytesPerSecond(bytes, millis));
    }

    private static String f1(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    private static String f2(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
