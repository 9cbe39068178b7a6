package org.prunedistill.embedded;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;

/**
 * One KRaft node in this JVM (a broker, a controller or both), as one Kafka process would be: its configuration,
 * its log directory, formatted on first use, and the server while it runs. It can be stopped and started again on
 * the same ports and directory.
 */
final class KafkaNode {

    /**
     * The marker a broker writes into its log directory when it stops cleanly (Kafka's
     * {@code CleanShutdownFileHandler.CLEAN_SHUTDOWN_FILE_NAME}); without it a starting broker recovers its logs.
     */
    static final String CLEAN_SHUTDOWN_MARKER = ".kafka_cleanshutdown";

    private final int id;
    private final Properties properties;
    private final Path logDirectory;
    private KafkaRaftServer server;

    KafkaNode(int id, Properties properties, Path logDirectory) {
        this.id = id;
        this.properties = properties;
        this.logDirectory = logDirectory;
    }

    int id() {
        return id;
    }

    Path logDirectory() {
        return logDirectory;
    }

    /** Formats the log directory for {@code clusterId} unless it holds a node already. */
    void formatOnce(String clusterId, String controllerListener) throws Exception {
        Files.createDirectories(logDirectory);
        if (Files.exists(logDirectory.resolve("meta.properties"))) {
            return;
        }
        new Formatter()
                .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                .setClusterId(clusterId)
                .setNodeId(id)
                .setControllerListenerName(controllerListener)
                .setMetadataLogDirectory(logDirectory.toString())
                .setDirectories(List.of(logDirectory.toString()))
                .setReleaseVersion(MetadataVersion.LATEST_PRODUCTION)
                .run();
    }

    /** Starts the server; a broker returns once the controller has unfenced it. */
    synchronized void start() {
        if (server != null) {
            throw new IllegalStateException("Kafka node " + id + " runs already");
        }
        KafkaRaftServer started = new KafkaRaftServer(new KafkaConfig(properties), Time.SYSTEM);
        started.startup();
        server = started;
    }

    /** Stops the server as its configuration says (with or without a controlled shutdown); no-op if stopped. */
    synchronized void stop() {
        if (server != null) {
            KafkaRaftServer stopping = server;
            server = null;
            stopping.shutdown();
            stopping.awaitShutdown();
        }
    }

    synchronized boolean running() {
        return server != null;
    }
}
