package dev.buildredis.server;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code tcp-keepalive}: the server's side of every connection it accepts has SO_KEEPALIVE on and the kernel's idle
 * time set to the parameter's seconds, so that a client whose machine vanished is found out and closed. Seen from
 * outside in Linux's {@code /proc/net/tcp}: the line of the server's socket shows a pending keepalive timer
 * ({@code tr} 2) due in no more than those seconds ({@code tm->when}, in hundredths of a second), where a socket
 * without keepalive has no timer (0), and one with SO_KEEPALIVE alone would wait the kernel's 7,200 s. A new
 * value applies to the connections accepted after it, as in Redis. The line is found by the two ports, in
 * {@code /proc/net/tcp6} for a JVM's dual-stack socket. Skipped unless the server runs on this Linux machine.
 */
@WireTest
class KeepAliveWireTest {

    private static final List<Path> PROC_NET_TCP = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));

    @Test
    void acceptedConnectionsGetTheKeepaliveIdleTimeOfTheParameter(InetSocketAddress address) throws Exception {
        assumeTrue(Files.isReadable(PROC_NET_TCP.getFirst()) && address.getAddress().isLoopbackAddress(),
                "needs the server on this Linux machine");
        try (WireClient admin = WireClient.connect(address)) {
            try {
                admin.call("+OK\r\n", "CONFIG", "SET", "tcp-keepalive", "77");
                long[] timer = serverSideTimer(address);
                assertThat(timer[0]).as("timer kind (2: keepalive)").isEqualTo(2);
                assertThat(timer[1]).as("hundredths of a second until the first probe").isBetween(60 * 100L, 77 * 100L);

                admin.call("+OK\r\n", "CONFIG", "SET", "tcp-keepalive", "0"); // no probes at all
                assertThat(serverSideTimer(address)[0]).as("timer kind with tcp-keepalive 0").isZero();
            } finally {
                admin.call("+OK\r\n", "CONFIG", "SET", "tcp-keepalive", "300");
            }
        }
    }

    /** Opens a connection, has a PING answered, and reads the timer of the server's socket: {tr, tm->when}. */
    private static long[] serverSideTimer(InetSocketAddress address) throws IOException {
        try (Socket socket = new Socket(address.getAddress(), address.getPort())) {
            socket.setSoTimeout(2000);
            socket.getOutputStream().write("PING\r\n".getBytes());
            assertThat(new String(socket.getInputStream().readNBytes(7))).isEqualTo("+PONG\r\n");
            String local = port(address.getPort());
            String remote = port(socket.getLocalPort());
            long[] timer = timer(local, remote);
            for (int tries = 0; timer[0] == 1 && tries < 100; tries++) { // 1: PONG's ACK still due, retransmit timer
                Thread.sleep(10);
                timer = timer(local, remote);
            }
            return timer;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    private static long[] timer(String local, String remote) throws IOException {
        for (Path table : PROC_NET_TCP) {
            for (String line : Files.isReadable(table) ? Files.readAllLines(table) : List.<String>of()) {
                // sl local_address rem_address st tx_queue:rx_queue tr:tm->when ...
                List<String> f = List.of(line.trim().split("\\s+"));
                if (f.size() > 5 && f.get(1).endsWith(local) && f.get(2).endsWith(remote)) {
                    String[] timer = f.get(5).split(":");
                    return new long[] {Long.parseLong(timer[0], 16), Long.parseLong(timer[1], 16)};
                }
            }
        }
        throw new AssertionError("no line for *" + local + " -> *" + remote + " in " + PROC_NET_TCP);
    }

    /** A port as /proc/net/tcp ends an address with it: a colon and four hex digits. */
    private static String port(int port) {
        return String.format(Locale.ROOT, ":%04X", port);
    }
}
