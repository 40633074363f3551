package dev.buildredis.server;

import dev.buildredis.testing.WireClient;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The metrics count exactly while many clients run commands at once: the counts INFO shows are the counts that
 * were sent, none lost and none counted twice.
 */
class MetricsUnderLoadTest {

    private static final int CLIENTS = 32;
    private static final int COMMANDS_PER_CLIENT = 300;

    @Test
    void countsStayExactUnderManyConcurrentClients() throws Exception {
        try (Server server = Server.start(Config.parse("--port", "0"))) {
            InetSocketAddress address = new InetSocketAddress("127.0.0.1", server.port());
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                String key = "k" + c;
                clients.add(Thread.ofVirtual().start(() -> {
                    try (WireClient client = WireClient.connect(address)) {
                        for (int i = 0; i < COMMANDS_PER_CLIENT; i++) {
                            client.command("GET", key).expect("$-1\r\n");
                        }
                    }
                }));
            }
            for (Thread client : clients) {
                client.join();
            }

            try (Jedis jedis = new Jedis(address.getHostString(), address.getPort())) {
                String info = jedis.info("everything");
                assertThat(info).contains("cmdstat_get:calls=" + CLIENTS * COMMANDS_PER_CLIENT + ",");
                assertThat(info).contains("keyspace_misses:" + CLIENTS * COMMANDS_PER_CLIENT + "\r\n");
                assertThat(info).contains("total_connections_received:" + (CLIENTS + 1) + "\r\n");
            }
        }
    }
}
