package org.prunedistill.embedded;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import org.apache.kafka.common.Uuid;

/**
 * Kafka (KRaft) running in this JVM on loopback, in one of two shapes:
 * <ul>
 *   <li>{@link #start}: the embedded default, one node that is both broker and controller (combined mode), every
 *   partition a single replica;</li>
 *   <li>{@link #startCluster}: brokers and one dedicated controller, as the replicated Kubernetes layout runs them
 *   (dedicated roles, broker ids from 100), topics with three replicas and {@code min.insync.replicas} 2, for tests
 *   that lose a broker ({@link #killBroker}, {@link #restartBroker}).</li>
 * </ul>
 * Log directories are formatted on first use and reused afterwards, so topics and records survive a restart with the
 * same directory.
 */
public final class EmbeddedKafka implements AutoCloseable {

    /** {@code offsets.retention.minutes}: Integer.MAX_VALUE minutes, about 4,000 years. */
    public static final String KEEP_OFFSETS_MINUTES = Integer.toString(Integer.MAX_VALUE);

    private static final int COMBINED_NODE_ID = 1;
    private static final int CONTROLLER_ID = 0;
    private static final int FIRST_BROKER_ID = 100;
    private static final int CLUSTER_REPLICATION_FACTOR = 3;
    private static final int CLUSTER_MIN_IN_SYNC_REPLICAS = 2;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";

    /** The nodes serving clients, in id order (the combined node alone in the embedded default). */
    private final List<KafkaNode> brokers;
    /** Every node, controllers last: {@link #close()} stops the brokers while their controller still runs. */
    private final List<KafkaNode> nodes;
    private final List<Integer> ports;

    private EmbeddedKafka(List<KafkaNode> brokers, List<KafkaNode> nodes, List<Integer> ports) {
        this.brokers = brokers;
        this.nodes = nodes;
        this.ports = ports;
    }

    /**
     * The embedded default: formats {@code logDirectory} if needed and starts one broker and controller.
     *
     * @param port           client port (0 = any free port)
     * @param controllerPort controller port (0 = any free port)
     */
    public static EmbeddedKafka start(Path logDirectory, int port, int controllerPort) throws Exception {
        int clientPort = port == 0 ? FreePorts.find() : port;
        int quorumPort = controllerPort == 0 ? FreePorts.find() : controllerPort;
        Properties properties = common(COMBINED_NODE_ID, "broker,controller", COMBINED_NODE_ID, quorumPort);
        properties.put("listeners", "PLAINTEXT://127.0.0.1:" + clientPort + "," + CONTROLLER_LISTENER
                + "://127.0.0.1:" + quorumPort);
        brokerProperties(properties, logDirectory, clientPort, 1, 1);
        KafkaNode node = new KafkaNode(COMBINED_NODE_ID, properties, logDirectory);
        return startNodes(List.of(node), List.of(node), List.of(clientPort));
    }

    /**
     * Formats the directories under {@code directory} if needed ({@code controller/}, {@code broker-100/}, ...) and
     * starts one controller and {@code brokerCount} brokers on free loopback ports. Topics created on it get three
     * replicas and {@code min.insync.replicas} 2 ({@link #replicationFactor()}, {@link #minInSyncReplicas()}); so do
     * the internal topics (consumer offsets, transaction and share state).
     *
     * <p>The brokers run with {@code controlled.shutdown.enable=false}: whenever one stops it leaves as a crashed
     * process does, without asking the controller to move its partitions' leadership first ({@link #killBroker}).
     */
    public static EmbeddedKafka startCluster(Path directory, int brokerCount) throws Exception {
        if (brokerCount < CLUSTER_REPLICATION_FACTOR) {
            throw new IllegalArgumentException("a cluster needs at least " + CLUSTER_REPLICATION_FACTOR
                    + " brokers (its topics' replication factor), got " + brokerCount);
        }
        int quorumPort = FreePorts.find();
        Properties controllerProperties = common(CONTROLLER_ID, "controller", CONTROLLER_ID, quorumPort);
        controllerProperties.put("listeners", CONTROLLER_LISTENER + "://127.0.0.1:" + quorumPort);
        controllerProperties.put("log.dirs", directory.resolve("controller").toString());
        KafkaNode controller = new KafkaNode(CONTROLLER_ID, controllerProperties, directory.resolve("controller"));
        List<KafkaNode> brokers = new ArrayList<>();
        List<Integer> ports = new ArrayList<>();
        for (int i = 0; i < brokerCount; i++) {
            int id = FIRST_BROKER_ID + i;
            int port = FreePorts.find();
            Path logDirectory = directory.resolve("broker-" + id);
            Properties properties = common(id, "broker", CONTROLLER_ID, quorumPort);
            properties.put("listeners", "PLAINTEXT://127.0.0.1:" + port);
            brokerProperties(properties, logDirectory, port, CLUSTER_REPLICATION_FACTOR,
                    CLUSTER_MIN_IN_SYNC_REPLICAS);
            properties.put("default.replication.factor", String.valueOf(CLUSTER_REPLICATION_FACTOR));
            properties.put("min.insync.replicas", String.valueOf(CLUSTER_MIN_IN_SYNC_REPLICAS));
            // A replica that was out of sync never leads: it could lack acknowledged records (Kafka's default too).
            properties.put("unclean.leader.election.enable", "false");
            properties.put("controlled.shutdown.enable", "false");
            brokers.add(new KafkaNode(id, properties, logDirectory));
            ports.add(port);
        }
        List<KafkaNode> nodes = new ArrayList<>(brokers);
        nodes.add(controller);
        return startNodes(brokers, nodes, ports);
    }

    private static EmbeddedKafka startNodes(List<KafkaNode> brokers, List<KafkaNode> nodes, List<Integer> ports)
            throws Exception {
        String clusterId = Uuid.randomUuid().toString();
        for (KafkaNode node : nodes) {
            node.formatOnce(clusterId, CONTROLLER_LISTENER);
        }
        EmbeddedKafka kafka = new EmbeddedKafka(List.copyOf(brokers), List.copyOf(nodes), List.copyOf(ports));
        try {
            // The controller first: a broker's start waits until the controller has unfenced it.
            for (int i = nodes.size() - 1; i >= 0; i--) {
                nodes.get(i).start();
            }
        } catch (RuntimeException e) {
            kafka.close();
            throw e;
        }
        return kafka;
    }

    /** Every broker's address, comma-separated, as clients take them. */
    public String bootstrapServers() {
        return ports.stream().map(port -> "127.0.0.1:" + port).collect(Collectors.joining(","));
    }

    /** The client port of the first broker (the only one in the embedded default). */
    public int port() {
        return ports.get(0);
    }

    /** Node ids of the brokers, in order. */
    public List<Integer> brokerIds() {
        return brokers.stream().map(KafkaNode::id).toList();
    }

    /** Replicas of each partition of the topics the stack creates: 1 in the embedded default, 3 on a cluster. */
    public short replicationFactor() {
        return (short) (brokers.size() == 1 ? 1 : CLUSTER_REPLICATION_FACTOR);
    }

    /** Replicas that must have a record before an {@code acks=all} producer's write succeeds. */
    public int minInSyncReplicas() {
        return brokers.size() == 1 ? 1 : CLUSTER_MIN_IN_SYNC_REPLICAS;
    }

    /**
     * Kills a broker of a cluster: it stops without a controlled shutdown (the cluster's brokers have it disabled),
     * so the controller learns of the loss only when its heartbeats stop ({@code broker.session.timeout.ms}, 9 s),
     * then fences it, takes it out of every ISR and moves its partitions' leadership to the replicas in sync, as for a
     * crashed process. Clients see its connections closed, as the operating system closes a killed process's
     * sockets. Its clean-shutdown marker is then deleted, so that {@link #restartBroker} recovers its logs as after a
     * crash. What a crash loses beyond that (records in the page cache on a power loss) is not simulated: a process
     * crash does not lose them either.
     */
    public void killBroker(int id) throws IOException {
        KafkaNode broker = broker(id);
        if (!broker.running()) {
            throw new IllegalStateException("broker " + id + " is not running");
        }
        broker.stop();
        Files.deleteIfExists(broker.logDirectory().resolve(KafkaNode.CLEAN_SHUTDOWN_MARKER));
    }

    /** Starts a killed broker again on its port and log directory; returns once the controller has unfenced it. */
    public void restartBroker(int id) {
        broker(id).start();
    }

    /** The client port of a broker. */
    public int port(int id) {
        return ports.get(brokers.indexOf(broker(id)));
    }

    private KafkaNode broker(int id) {
        if (brokers.size() == 1) {
            throw new IllegalStateException("the embedded default has a single broker: nothing to fail over to");
        }
        return brokers.stream().filter(node -> node.id() == id).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no broker " + id + "; brokers: " + brokerIds()));
    }

    @Override
    public void close() {
        RuntimeException failure = null;
        for (KafkaNode node : nodes) {
            try {
                node.stop();
            } catch (RuntimeException e) {
                failure = failure == null ? e : failure;
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** What every node needs: its id, roles and the controller quorum (one voter). */
    private static Properties common(int nodeId, String roles, int voterId, int controllerPort) {
        Properties properties = new Properties();
        properties.put("process.roles", roles);
        properties.put("node.id", String.valueOf(nodeId));
        properties.put("controller.quorum.voters", voterId + "@127.0.0.1:" + controllerPort);
        properties.put("controller.listener.names", CONTROLLER_LISTENER);
        properties.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        return properties;
    }

    /** What a broker needs beyond {@link #common}: its log, its client listener, the internal topics' replicas. */
    private static void brokerProperties(Properties properties, Path logDirectory, int port, int replicas,
                                         int minInSync) {
        properties.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        properties.put("inter.broker.listener.name", "PLAINTEXT");
        properties.put("log.dirs", logDirectory.toString());
        properties.put("auto.create.topics.enable", "false");
        // The internal topics get as many replicas as the pipeline's: one on the single node, which must not wait
        // for others.
        properties.put("offsets.topic.replication.factor", String.valueOf(replicas));
        properties.put("offsets.topic.num.partitions", "3");
        properties.put("transaction.state.log.replication.factor", String.valueOf(replicas));
        properties.put("transaction.state.log.min.isr", String.valueOf(minInSync));
        properties.put("share.coordinator.state.topic.replication.factor", String.valueOf(replicas));
        properties.put("share.coordinator.state.topic.min.isr", String.valueOf(minInSync));
        properties.put("group.initial.rebalance.delay.ms", "0");
        // A consumer group's offsets live as long as the run log does: with Kafka's 7 days, an extractor stopped for
        // a week would read the kept run log from its start and extract every run again.
        properties.put("offsets.retention.minutes", KEEP_OFFSETS_MINUTES);
        // Compaction must run soon enough for a replay test to see it, on small segments.
        properties.put("log.cleaner.backoff.ms", "1000");
        // Time-based retention is checked every second rather than every 5 minutes (Kafka's default), so a test that
        // shortens it sees old segments go within seconds; the check only compares a few segments' timestamps.
        properties.put("log.retention.check.interval.ms", "1000");
    }
}
