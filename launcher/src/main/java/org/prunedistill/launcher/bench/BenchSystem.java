package org.prunedistill.launcher.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.prunedistill.embedded.EmbeddedStack;
import org.prunedistill.launcher.LocalSystem;
import org.prunedistill.launcher.ServiceSpec;

/**
 * The embedded default on free ports, for the system benchmarks, in the data directory given (kept afterwards, with
 * the models and images the benchmark wrote) or in a temporary one (deleted afterwards).
 */
final class BenchSystem implements AutoCloseable {

    final Path data;
    final LocalSystem system;
    private final boolean temporary;

    private BenchSystem(Path data, boolean temporary, LocalSystem system) {
        this.data = data;
        this.temporary = temporary;
        this.system = system;
    }

    static BenchSystem start(Path data) throws Exception {
        return start(data, ServiceSpec.DEFAULTS);
    }

    /** The embedded default with the given services (their heaps and settings), each on free ports. */
    static BenchSystem start(Path data, List<ServiceSpec> specs) throws Exception {
        Path directory = data == null ? Files.createTempDirectory("pd-bench") : data.toAbsolutePath();
        Path repository = Path.of(System.getProperty("pd.home", ".")).toAbsolutePath().normalize();
        List<ServiceSpec> services = specs.stream().map(ServiceSpec::onFreePorts).toList();
        LocalSystem system = LocalSystem.start(repository, directory, EmbeddedStack.Ports.ANY, services,
                message -> System.out.println("  " + message));
        return new BenchSystem(directory, data == null, system);
    }

    /** The 1-, 5- and 15-minute load averages of /proc/loadavg, or "unknown". */
    static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    @Override
    public void close() throws Exception {
        system.close();
        if (temporary) {
            deleteTree(data);
        }
    }

    /** Deletes a directory and everything under it. */
    static void deleteTree(Path directory) throws IOException {
        try (var tree = Files.walk(directory)) {
            for (Path path : tree.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
