package org.prunedistill.launcher;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.prunedistill.embedded.EmbeddedStack;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./pd up}: the embedded default, until Ctrl-C. */
@Command(name = "up", mixinStandardHelpOptions = true,
        description = {"Start the embedded default on loopback: an in-process Kafka broker (KRaft) on 9092, an S3 "
                + "server on 9100, and the four services (results-api gRPC on 9000, HTTP on 8080-8083). Data lives "
                + "under --data and survives a restart. Ctrl-C stops everything."})
final class UpCommand implements Callable<Integer> {

    @Option(names = "--data", defaultValue = "data", description = "data directory (default: ${DEFAULT-VALUE})")
    Path data;

    @Option(names = "--decoding-profile", defaultValue = "paper", description = "info-decoder's decoding sample "
            + "sizes: paper (default: every included unit and every passing object pair, 1000 repetitions, "
            + "populations of 6-96 units x 50) or quick (seconds per source)")
    String decodingProfile;

    @Override
    public Integer call() throws Exception {
        LocalSystem system = LocalSystem.start(Pd.repository(), data.toAbsolutePath(), EmbeddedStack.Ports.DEFAULT,
                ServiceSpec.withDecodingProfile(ServiceSpec.DEFAULTS, decodingProfile), message -> System.out.println("pd: " + message));
        System.out.println("pd: up. Kafka " + system.stack().bootstrapServers() + ", S3 "
                + system.stack().storeSettings().endpoint() + ", results-api gRPC " + system.grpcTarget()
                + ". Logs in " + data.resolve("logs") + ". Ctrl-C to stop.");
        // The system's shutdown hook stops everything when Ctrl-C ends the JVM.
        new CountDownLatch(1).await();
        return 0;
    }
}
