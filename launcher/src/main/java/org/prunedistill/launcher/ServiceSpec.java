package org.prunedistill.launcher;

import java.nio.file.Path;
import java.util.List;

/**
 * One of the four services as the launcher starts it: where its packaged application lies and which ports it takes.
 *
 * @param name       service name, also the log file name
 * @param moduleDir  module directory relative to the repository root
 * @param httpPort   HTTP port (health, metrics); 0 picks a free port
 * @param grpcPort   gRPC port, or -1 for services without a gRPC server; 0 picks a free port
 * @param maxHeapMb  heap limit of its JVM
 */
public record ServiceSpec(String name, String moduleDir, int httpPort, int grpcPort, int maxHeapMb) {

    /** The four services with the ports ./pd up uses. */
    public static final List<ServiceSpec> DEFAULTS = List.of(
            new ServiceSpec("results-api", "results-api", 8080, 9000, 512),
            new ServiceSpec("activation-extractor", "activation-extractor/service", 8081, -1, 1536),
            new ServiceSpec("id-estimator", "id-estimator/service", 8082, -1, 1536),
            new ServiceSpec("info-decoder", "info-decoder/service", 8083, -1, 1536));

    /** The packaged Quarkus application. */
    public Path runner(Path repository) {
        return repository.resolve(moduleDir).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The same service on free ports. */
    public ServiceSpec onFreePorts() {
        return new ServiceSpec(name, moduleDir, 0, grpcPort < 0 ? -1 : 0, maxHeapMb);
    }
}
