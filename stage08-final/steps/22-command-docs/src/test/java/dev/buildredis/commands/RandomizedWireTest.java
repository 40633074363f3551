package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Many clients at once, each sending a random mix of valid and invalid commands (wrong types, wrong argument
 * counts, bad numbers, unknown names) on keys of its own, and checking every reply against a model of what the
 * keys must hold. Keys are per client, so the model is exact even though the clients run concurrently; the server
 * still interleaves all of them on its one thread.
 */
@WireTest
class RandomizedWireTest {

    private static final int CLIENTS = 8;
    private static final int COMMANDS_PER_CLIENT = 1_500;

    @Test
    void concurrentClientsGetTheRepliesAModelPredicts(InetSocketAddress address) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CLIENTS);
        try {
            List<Future<?>> runs = new ArrayList<>();
            for (int i = 0; i < CLIENTS; i++) {
                int id = i;
                runs.add(pool.submit(() -> {
                    try (WireClient client = WireClient.connect(address)) {
                        new ModelRun(client, "rnd" + id + ":", new Random(1000 + id)).run();
                    }
                    return null;
                }));
            }
            for (Future<?> run : runs) {
                run.get();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** One client's run: its keys' expected contents, and the commands it sends. */
    private static final class ModelRun {

        private static final String WRONGTYPE =
                "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";

        private final WireClient c;
        private final String prefix;
        private final Random random;
        private final Map<String, String> strings = new HashMap<>();
        private final Map<String, ArrayDeque<String>> lists = new HashMap<>();

        ModelRun(WireClient c, String prefix, Random random) {
            this.c = c;
            this.prefix = prefix;
            this.random = random;
        }

        void run() {
            for (int i = 0; i < 6; i++) {
                c.command("DEL", prefix + i).readReply(); // leftovers of an earlier run against the same server
            }
            for (int n = 0; n < COMMANDS_PER_CLIENT; n++) {
                step();
            }
        }

        private void step() {
            String key = prefix + random.nextInt(6);
            String value = Integer.toString(random.nextInt(100));
            switch (random.nextInt(12)) {
                case 0 -> {
                    c.call("+OK\r\n", "SET", key, value);
                    lists.remove(key);
                    strings.put(key, value);
                }
                case 1 -> {
                    if (lists.containsKey(key)) {
                        c.call(WRONGTYPE, "GET", key);
                    } else {
                        c.call(bulk(strings.get(key)), "GET", key);
                    }
                }
                case 2 -> {
                    if (lists.containsKey(key)) {
                        c.call(WRONGTYPE, "INCR", key);
                    } else {
                        long next = Long.parseLong(strings.getOrDefault(key, "0")) + 1;
                        c.call(":" + next + "\r\n", "INCR", key);
                        strings.put(key, Long.toString(next));
                    }
                }
                case 3 -> {
                    if (strings.containsKey(key)) {
                        c.call(WRONGTYPE, "RPUSH", key, value);
                    } else {
                        ArrayDeque<String> list = lists.computeIfAbsent(key, k -> new ArrayDeque<>());
                        list.addLast(value);
                        c.call(":" + list.size() + "\r\n", "RPUSH", key, value);
                    }
                }
                case 4 -> {
                    if (strings.containsKey(key)) {
                        c.call(WRONGTYPE, "LPOP", key);
                    } else {
                        ArrayDeque<String> list = lists.get(key);
                        c.call(bulk(list == null ? null : list.pollFirst()), "LPOP", key);
                        if (list != null && list.isEmpty()) {
                            lists.remove(key);
                        }
                    }
                }
                case 5 -> {
                    boolean existed = strings.remove(key) != null | lists.remove(key) != null;
                    c.call(existed ? ":1\r\n" : ":0\r\n", "DEL", key);
                }
                case 6 -> c.call("-ERR wrong number of arguments for 'get' command\r\n", "GET");
                case 7 -> c.call("-ERR unknown command 'NOPE" + value + "', with args beginning with: '" + key + "' \r\n",
                        "NOPE" + value, key);
                case 8 -> {
                    String type = strings.containsKey(key) ? "string" : lists.containsKey(key) ? "list" : "none";
                    c.call("+" + type + "\r\n", "TYPE", key);
                }
                case 9 -> {
                    if (lists.containsKey(key)) {
                        c.call(WRONGTYPE, "INCRBY", key, "5");
                    } else {
                        c.call("-ERR value is not an integer or out of range\r\n", "INCRBY", key, "five");
                    }
                }
                case 10 -> {
                    ArrayDeque<String> list = lists.get(key);
                    if (strings.containsKey(key)) {
                        c.call(WRONGTYPE, "LRANGE", key, "0", "-1");
                    } else {
                        List<Object> got = c.command("LRANGE", key, "0", "-1").readArray();
                        assertThat(got).containsExactlyElementsOf(list == null ? List.of() : list);
                    }
                }
                default -> {
                    c.call("+OK\r\n", "MULTI");
                    c.call("+QUEUED\r\n", "SET", key, value);
                    c.call("+QUEUED\r\n", "GET", key);
                    c.call("*2\r\n+OK\r\n" + bulk(value), "EXEC");
                    lists.remove(key);
                    strings.put(key, value);
                }
            }
        }

        private static String bulk(String value) {
            return value == null ? "$-1\r\n" : "$" + value.length() + "\r\n" + value + "\r\n";
        }
    }
}
