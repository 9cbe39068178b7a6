package org.prunedistill.embedded;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * A single-node Kafka broker and controller (KRaft combined mode) running in this JVM on loopback.
 *
 * <p>The log directory is formatted on first use and reused afterwards, so topics and records survive a restart
 * with the same directory.
 */
public final class EmbeddedKafka implements AutoCloseable {

    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    private final KafkaRaftServer server;
    private final int port;

    private EmbeddedKafka(KafkaRaftServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /**
     * Formats {@code logDirectory} if needed and starts the broker.
     *
     * @param port           client port (0 = any free port)
     * @param controllerPort controller port (0 = any free port)
     */
    public static EmbeddedKafka start(Path logDirectory, int port, int controllerPort) throws Exception {
        Files.createDirectories(logDirectory);
        int clientPort = port == 0 ? FreePorts.find() : port;
        int quorumPort = controllerPort == 0 ? FreePorts.find() : controllerPort;
        Properties properties = brokerProperties(logDirectory, clientPort, quorumPort);
        if (!Files.exists(logDirectory.resolve("meta.properties"))) {
            format(logDirectory);
        }
        KafkaRaftServer server = new KafkaRaftServer(new KafkaConfig(properties), Time.SYSTEM);
        server.startup();
        return new EmbeddedKafka(server, clientPort);
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private static Properties brokerProperties(Path logDirectory, int port, int controllerPort) {
        Properties properties = new Properties();
        properties.put("process.roles", "broker,controller");
        properties.put("node.id", String.valueOf(NODE_ID));
        properties.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:"
                + controllerPort);
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.put("controller.listener.names", CONTROLLER_LISTENER);
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", logDirectory.toString());
        properties.put("auto.create.topics.enable", "false");
        // One node: every internal topic has a single replica and must not wait for others.
        properties.put("offsets.topic.replication.factor", "1");
        properties.put("offsets.topic.num.partitions", "3");
        properties.put("transaction.state.log.replication.factor", "1");
        properties.put("transaction.state.log.min.isr", "1");
        properties.put("share.coordinator.state.topic.replication.factor", "1");
        properties.put("share.coordinator.state.topic.min.isr", "1");
        properties.put("group.initial.rebalance.delay.ms", "0");
        // A consumer group's offsets live as long as the run log does: with Kafka's 7 days, an extractor stopped for
        // a week would read the kept run log from its start and extract every run again.
        properties.put("offsets.retention.minutes", KEEP_OFFSETS_MINUTES);
        // Compaction must run soon enough for a replay test to see it, on small segments.
        properties.put("log.cleaner.backoff.ms", "1000");
        // Time-based retention is checked every second rather than every 5 minutes (Kafka's default), so a test that
        // shortens it sees old segments go within seconds; the check only compares a few segments' timestamps.
        properties.put("log.retention.check.interval.ms", "1000");
        return properties;
    }

    /** {@code offsets.retention.minutes}: Integer.MAX_VALUE minutes, about 4,000 years. */
    public static final String KEEP_OFFSETS_MINUTES = Integer.toString(Integer.MAX_VALUE);

    private static void format(Path logDirectory) throws Exception {
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(Uuid.randomUuid().toString())
                .setNodeId(NODE_ID)
                .setControllerListenerName(CONTROLLER_LISTENER)
                .setMetadataLogDirectory(logDirectory.toString())
                .setDirectories(List.of(logDirectory.toString()))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    /** Test helper: a fresh temporary log directory. */
    static Path temporaryDirectory() throws IOException {
        return Files.createTempDirectory("pd-kafka");
    }
}
