package org.linli.infra;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ports for the servers the project starts for tests and local runs (the services, the Kafka broker), free when asked
 * and chosen <em>below</em> the kernel's ephemeral range. A port from {@code new ServerSocket(0)} lies inside that
 * range, so between it being handed out and the service binding it, any outgoing connection on the machine (a Kafka
 * client, a JDBC pool) may take it as its local port, and the service fails to start ("port in use"). Below the range
 * only another listener can take it. A port is never handed out twice by one JVM.
 */
public final class FreePorts {

    private static final int LOWEST = 20_000;
    private static final Set<Integer> HANDED_OUT = new HashSet<>();

    private FreePorts() {
    }

    /** A port nobody listens on now, outside the ephemeral range; {@code new ServerSocket(0)}'s where none is left. */
    public static synchronized int pick() {
        int below = ephemeralRangeStart();
        ThreadLocalRandom random = ThreadLocalRandom.current();
        for (int attempt = 0; below > LOWEST + 100 && attempt < 200; attempt++) {
            int port = random.nextInt(LOWEST, below);
            if (!HANDED_OUT.contains(port) && bindable(port)) {
                HANDED_OUT.add(port);
                return port;
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            HANDED_OUT.add(socket.getLocalPort());
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("no free port on this machine", e);
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port)) { // all interfaces, as the services bind
            socket.setReuseAddress(true);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** The first port of net.ipv4.ip_local_port_range (32768 by default on Linux; elsewhere assume that). */
    static int ephemeralRangeStart() {
        // read line-wise: procfs files report a size the JDK's whole-file reads trust (readString returns "3")
        try (var lines = Files.newBufferedReader(Path.of("/proc/sys/net/ipv4/ip_local_port_range"))) {
            return Integer.parseInt(lines.readLine().trim().split("\\s+")[0]);
        } catch (IOException | RuntimeException e) {
            return 32_768;
        }
    }
}
