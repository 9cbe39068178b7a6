package org.prunedistill.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The machine a benchmark ran on.
 *
 * @param processors   processors available to the JVM (what {@code nproc} prints)
 * @param cpuModel     "model name" from /proc/cpuinfo, or "unknown"
 * @param memoryBytes  MemTotal from /proc/meminfo, or -1
 * @param maxHeapBytes the JVM's maximum heap
 */
record Machine(int processors, String cpuModel, long memoryBytes, long maxHeapBytes, String javaVersion,
               String javaVm, String os) {

    static Machine current() {
        return new Machine(Runtime.getRuntime().availableProcessors(), readCpuModel(), readTotalMemory(),
                Runtime.getRuntime().maxMemory(),
                System.getProperty("java.version") + " (" + System.getProperty("java.vendor", "?") + ")",
                System.getProperty("java.vm.name", "?") + " " + System.getProperty("java.vm.version", ""),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
    }

    String describe() {
        return String.format(Locale.ROOT, "nproc %d, %s, %s memory, Java %s, %s, max heap %s, %s", processors,
                cpuModel, memoryBytes < 0 ? "unknown" : gib(memoryBytes), javaVersion, javaVm, gib(maxHeapBytes),
                os);
    }

    static String gib(long bytes) {
        return String.format(Locale.ROOT, "%.1f GiB", bytes / (1024.0 * 1024 * 1024));
    }

    private static String readCpuModel() {
        for (String line : lines("/proc/cpuinfo")) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals("model name")) {
                return line.substring(colon + 1).trim();
            }
        }
        return "unknown";
    }

    private static long readTotalMemory() {
        for (String line : lines("/proc/meminfo")) {
            if (line.startsWith("MemTotal:")) {
                String[] parts = line.substring("MemTotal:".length()).trim().split("\\s+");
                try {
                    long value = Long.parseLong(parts[0]);
                    return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
                } catch (NumberFormatException e) {
                    return -1;
                }
            }
        }
        return -1;
    }

    private static List<String> lines(String file) {
        try {
            return Files.readAllLines(Path.of(file));
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
