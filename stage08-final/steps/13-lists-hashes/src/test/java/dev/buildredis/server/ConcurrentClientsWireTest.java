package dev.buildredis.server;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.SetParams;

import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients at once, each on its own connection: served side by side, and every command atomic. The suite runs
 * against the striped store and, in a second pass, the locked one; and against redis-server, where it must pass
 * too.
 */
@WireTest
class ConcurrentClientsWireTest {

    private final String key = "stage04:" + UUID.randomUUID();

    // tag::second-client-served[]
    @Test
    void aSecondClientIsServedWhileTheFirstStaysConnected(InetSocketAddress address) {
        try (WireClient first = WireClient.connect(address); WireClient second = WireClient.connect(address)) {
            first.send("PING\r\n").expect("+PONG\r\n");
            second.send("PING\r\n").expect("+PONG\r\n");
            first.send("PING\r\n").expect("+PONG\r\n");
        }
    }
    // end::second-client-served[]

    @Test
    void aHundredClientsConnectedAtOnceAreAllServed(InetSocketAddress address) {
        List<WireClient> clients = new ArrayList<>();
        try {
            for (int i = 0; i < 100; i++) {
                clients.add(WireClient.connect(address));
            }
            for (int i = 0; i < clients.size(); i++) {
                clients.get(i).command("SET", key + ":" + i, "client " + i).expect("+OK\r\n");
            }
            for (int i = clients.size() - 1; i >= 0; i--) {
                String value = "client " + i;
                clients.get(i).command("GET", key + ":" + i).expect("$" + value.length() + "\r\n" + value + "\r\n");
            }
        } finally {
            clients.forEach(WireClient::close);
        }
    }

    // tag::n-times-m[]
    @Test
    void nClientsIncrementingOneKeyMTimesEachGiveExactlyNTimesM(InetSocketAddress address) throws Exception {
        int clients = 16;
        int increments = 500;

        onClients(address, clients, (jedis, index) -> {
            for (int i = 0; i < increments; i++) {
                jedis.incr(key);
            }
        });

        try (Jedis jedis = jedis(address)) {
            assertThat(jedis.get(key)).isEqualTo(Integer.toString(clients * increments));
        }
    }
    // end::n-times-m[]

    @Test
    void msetIsNeverSeenHalfAppliedByMget(InetSocketAddress address) throws Exception {
        String[] keys = {key + ":a", key + ":b", key + ":c"};
        AtomicBoolean writing = new AtomicBoolean(true);
        List<String> torn = Collections.synchronizedList(new ArrayList<>());

        onClients(address, 6, (jedis, index) -> {
            if (index == 0) {
                for (int i = 0; i < 2_000; i++) {
                    String v = Integer.toString(i);
                    jedis.mset(keys[0], v, keys[1], v, keys[2], v);
                }
                writing.set(false);
                return;
            }
            while (writing.get()) {
                List<String> seen = jedis.mget(keys);
                if (new HashSet<>(seen).size() > 1) {
                    torn.add(seen.toString());
                }
            }
        });

        assertThat(torn).as("MGET replies that mixed two MSETs").isEmpty();
    }

    @Test
    void setNxRacedByManyClientsIsWonByExactlyOne(InetSocketAddress address) throws Exception {
        List<String> winners = Collections.synchronizedList(new ArrayList<>());

        onClients(address, 16, (jedis, index) -> {
            if ("OK".equals(jedis.set(key, "client " + index, SetParams.setParams().nx()))) {
                winners.add("client " + index);
            }
        });

        assertThat(winners).hasSize(1);
        try (Jedis jedis = jedis(address)) {
            assertThat(jedis.get(key)).isEqualTo(winners.getFirst());
        }
    }

    /** Runs {@code body} on that many clients at once, each with its own connection on its own thread. */
    private static void onClients(InetSocketAddress address, int count, ClientBody body) throws Exception {
        try (ExecutorService pool = Executors.newFixedThreadPool(count)) {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    try (Jedis jedis = jedis(address)) {
                        body.run(jedis, index);
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        }
    }

    private static Jedis jedis(InetSocketAddress address) {
        return new Jedis(address.getHostString(), address.getPort(), 10_000);
    }

    @FunctionalInterface
    private interface ClientBody {
        void run(Jedis jedis, int index) throws Exception;
    }
}
