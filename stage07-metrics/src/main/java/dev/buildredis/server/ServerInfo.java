package dev.buildredis.server;

import dev.buildredis.metrics.InfoReport;
import dev.buildredis.metrics.InfoSection;

import java.time.Instant;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.SequencedMap;
import java.util.function.IntSupplier;

/**
 * The INFO sections that describe the server rather than its metrics, with Redis's field names (a subset):
 * <pre>
 * # Server        redis_version, redis_mode, os, arch_bits, process_id, tcp_port, uptime_in_seconds, ...
 * # Clients       connected_clients, maxclients, blocked_clients
 * # Persistence   loading:0, aof_enabled:0, ...: this stage keeps nothing on disk
 * # Keyspace      no line: this stage does not count its keys yet
 * </pre>
 * {@code redis_version} is the Redis version whose replies this server imitates, so that clients that read it
 * choose the protocol features it has.
 */
final class ServerInfo {

    /** The Redis release whose texts the course compares against. */
    static final String REDIS_VERSION = "7.0.15";

    private final Config config;
    private final InstantSource clock;
    private final Instant started;
    private final IntSupplier port;
    private final IntSupplier connectedClients;

    ServerInfo(Config config, InstantSource clock, IntSupplier port, IntSupplier connectedClients) {
        this.config = config;
        this.clock = clock;
        this.started = clock.instant();
        this.port = port;
        this.connectedClients = connectedClients;
    }

    SequencedMap<String, ?> section(InfoSection section) {
        SequencedMap<String, Object> fields = new LinkedHashMap<>();
        switch (section) {
            case SERVER -> {
                long uptime = clock.instant().getEpochSecond() - started.getEpochSecond();
                Instant now = clock.instant();
                fields.put("redis_version", REDIS_VERSION);
                fields.put("redis_mode", "standalone");
                fields.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                        + System.getProperty("os.arch"));
                fields.put("arch_bits", 64);
                fields.put("process_id", ProcessHandle.current().pid());
                fields.put("tcp_port", port.getAsInt());
                fields.put("server_time_usec", now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000);
                fields.put("uptime_in_seconds", uptime);
                fields.put("uptime_in_days", uptime / 86_400);
                fields.put("java_version", Runtime.version());
            }
            case CLIENTS -> {
                fields.put("connected_clients", connectedClients.getAsInt());
                fields.put("maxclients", config.maxClients());
                fields.put("blocked_clients", 0);
            }
            case PERSISTENCE -> {
                fields.put("loading", 0);
                fields.put("rdb_changes_since_last_save", 0);
                fields.put("rdb_bgsave_in_progress", 0);
                fields.put("rdb_last_bgsave_status", "ok");
                fields.put("aof_enabled", 0);
                fields.put("aof_rewrite_in_progress", 0);
                fields.put("aof_last_write_status", "ok");
            }
            case KEYSPACE -> fields.putAll(InfoReport.keyspace(0, 0));
            default -> throw new IllegalArgumentException("INFO " + section + " is made of metrics, not here");
        }
        return fields;
    }
}
