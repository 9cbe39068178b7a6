package org.prunedistill.embedded;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FreePortsTest {

    @Test
    void handsOutDistinctBindablePortsBelowTheEphemeralRange() throws Exception {
        int ephemeralStart;
        try (BufferedReader reader = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            ephemeralStart = Integer.parseInt(reader.readLine().trim().split("\\s+")[0]);
        }
        Set<Integer> ports = new HashSet<>();
        for (int i = 0; i < 200; i++) {
            int port = FreePorts.find();
            assertTrue(port >= 20_000 && port < ephemeralStart, port + " is outside 20000.." + (ephemeralStart - 1));
            ports.add(port);
        }
        assertEquals(200, ports.size(), "never the same port twice");
        for (int port : ports.stream().limit(20).toList()) {
            try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                assertEquals(port, socket.getLocalPort());
            }
        }
    }

    @Test
    void neverHandsOutAPortSomebodyListensOn() throws Exception {
        try (ServerSocket taken = new ServerSocket(FreePorts.find(), 1, InetAddress.getLoopbackAddress())) {
            for (int i = 0; i < 200; i++) {
                assertTrue(FreePorts.find() != taken.getLocalPort());
            }
        }
    }
}
