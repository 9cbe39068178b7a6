package org.prunedistill.embedded;

import java.io.BufferedReader;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Finds free loopback ports for servers that need their port before they start (Kafka's listeners, the S3 server,
 * the services started as processes).
 *
 * <p>A port is free only until someone binds it, so two things would make a found port fail later: the kernel handing
 * the same number to an outgoing connection (every Kafka or HTTP client socket takes an ephemeral port), and this
 * process handing it out twice. Ports are therefore taken below the kernel's ephemeral range (read from
 * {@code /proc/sys/net/ipv4/ip_local_port_range}; 32768 when unknown), where no connection ever gets one, and never
 * twice per process.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /** A loopback port nobody listens on, below the ephemeral range, not handed out before by this process. */
    public static synchronized int find() {
        int highest = ephemeralStart() - 1;
        int span = highest - LOWEST + 1;
        int start = ThreadLocalRandom.current().nextInt(span);
        for (int i = 0; i < span; i++) {
            int port = LOWEST + (start + i) % span;
            if (!HANDED_OUT.contains(port) && bindable(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        throw new IllegalStateException("no free loopback port in " + LOWEST + ".." + highest);
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of the kernel's ephemeral range, where outgoing connections take theirs. */
    private static int ephemeralStart() {
        try {
            // One line read as a stream: procfs reports a size of 0, which whole-file reads may trust.
            String range;
            try (BufferedReader reader = Files.newBufferedReader(EPHEMERAL_RANGE)) {
                range = reader.readLine();
            }
            int first = Integer.parseInt(range.trim().split("\\s+")[0]);
            return first > LOWEST + 1_000 ? first : 32_768;
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
