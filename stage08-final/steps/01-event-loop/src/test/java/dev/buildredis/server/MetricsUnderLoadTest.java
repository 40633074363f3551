package dev.buildredis.server;

import dev.buildredis.metrics.MetricsKind;
import dev.buildredis.testing.WireClient;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every implementation of the metrics counts exactly while many clients run commands at once: the counts INFO
 * shows are the counts that were sent, none lost to a race and none counted twice.
 */
class MetricsUnderLoadTest {

    private static final int CLIENTS = 32;
    private static final int COMMANDS_PER_CLIENT = 300;

    @ParameterizedTest
    @EnumSource(value = MetricsKind.class, names = "OFF", mode = EnumSource.Mode.EXCLUDE)
    void countsStayExactUnderManyConcurrentClients(MetricsKind kind) throws Exception {
        try (Server server = Server.start(Config.parse("--port", "0", "--metrics", kind.optionValue()))) {
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
