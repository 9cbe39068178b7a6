package org.prunedistill.launcher;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One of the four services as the launcher starts it: where its packaged application lies and which ports it takes.
 *
 * @param name       service name, also the log file name
 * @param moduleDir  module directory relative to the repository root
 * @param httpPort   HTTP port (health, metrics); 0 picks a free port
 * @param grpcPort   gRPC port, or -1 for services without a gRPC server; 0 picks a free port
 * @param maxHeapMb  heap limit of its JVM
 * @param settings   environment variables of this service alone (its own settings), over the stack's
 */
public record ServiceSpec(String name, String moduleDir, int httpPort, int grpcPort, int maxHeapMb,
                          Map<String, String> settings) {

    /** info-decoder's decoding profile (SCIENCE.md 5): {@code paper}, its default, or {@code quick}. */
    public static final String DECODING_PROFILE = "PD_INFO_DECODING_PROFILE";

    public ServiceSpec {
        settings = Map.copyOf(settings);
    }

    public ServiceSpec(String name, String moduleDir, int httpPort, int grpcPort, int maxHeapMb) {
        this(name, moduleDir, httpPort, grpcPort, maxHeapMb, Map.of());
    }

    /**
     * The settings of the processes that run the ND4J neighbour search (id-estimator/nd4j/README.md, Which
     * environment): large mallocs on transparent huge pages (first touching the centred copy's fresh 4 KiB pages cost
     * more than the copy itself on this VM); OpenBLAS's idle threads asleep at once instead of spinning for about
     * 2^28 cycles after each product, which took a core from the key pass between the products; and the JVM's
     * incubating Vector API for the exact distances. ALL-SYSTEM resolves it where the runtime has it and, unlike
     * naming the module, never stops a JVM that lacks it from starting (the scalar distances then run, same results).
     */
    public static final Map<String, String> NEIGHBOUR_SEARCH_SETTINGS = Map.of(
            "GLIBC_TUNABLES", "glibc.malloc.hugetlb=1", "OPENBLAS_THREAD_TIMEOUT", "4",
            "JDK_JAVA_OPTIONS", "--add-modules=ALL-SYSTEM");

    /** Lists among the settings: a service's value goes after the one the environment has, with this separator. */
    private static final Map<String, String> LIST_SEPARATORS = Map.of("GLIBC_TUNABLES", ":", "JDK_JAVA_OPTIONS", " ");

    /** The four services with the ports ./pd up uses. */
    public static final List<ServiceSpec> DEFAULTS = List.of(
            new ServiceSpec("results-api", "results-api", 8080, 9000, 512),
            // The embedded default runs on the user's machine: a run may name the user's own files (never /proc, /dev
            // or /sys, each within the store's size limit); a deployment allows no server path unless configured.
            new ServiceSpec("activation-extractor", "activation-extractor/service", 8081, -1, 1536,
                    Map.of("PD_INPUT_ROOTS", "/")),
            new ServiceSpec("id-estimator", "id-estimator/service", 8082, -1, 1536, NEIGHBOUR_SEARCH_SETTINGS),
            new ServiceSpec("info-decoder", "info-decoder/service", 8083, -1, 1536));

    /**
     * This service's settings over the environment it starts from: each replaces the variable, but for the lists
     * {@code GLIBC_TUNABLES} and {@code JDK_JAVA_OPTIONS}, which keep what is already set and get this service's
     * after it (glibc and the JVM take the last value of a setting).
     */
    public Map<String, String> settingsOver(Map<String, String> environment) {
        Map<String, String> over = new java.util.HashMap<>(settings);
        LIST_SEPARATORS.forEach((variable, separator) -> {
            String before = environment.get(variable);
            over.computeIfPresent(variable, (name, ours) -> before == null || before.isBlank() ? ours
                    : before + separator + ours);
        });
        return over;
    }

    /** The packaged Quarkus application. */
    public Path runner(Path repository) {
        return repository.resolve(moduleDir).resolve("target/quarkus-app/quarkus-run.jar");
    }

    /** The same service on free ports. */
    public ServiceSpec onFreePorts() {
        return new ServiceSpec(name, moduleDir, 0, grpcPort < 0 ? -1 : 0, maxHeapMb, settings);
    }

    /** The same service on the given ports. */
    public ServiceSpec onPorts(int http, int grpc) {
        return new ServiceSpec(name, moduleDir, http, grpc, maxHeapMb, settings);
    }

    /** The same service with one more setting. */
    public ServiceSpec with(String variable, String value) {
        Map<String, String> more = new java.util.HashMap<>(settings);
        more.put(variable, value);
        return new ServiceSpec(name, moduleDir, httpPort, grpcPort, maxHeapMb, more);
    }

    /** The services with info-decoder's decoding profile set ({@code quick} for demonstrations and tests). */
    public static List<ServiceSpec> withDecodingProfile(List<ServiceSpec> services, String profile) {
        return services.stream().map(service -> service.name().startsWith("info-decoder")
                ? service.with(DECODING_PROFILE, profile) : service).toList();
    }
}
