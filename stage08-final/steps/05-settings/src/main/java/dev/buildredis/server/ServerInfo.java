package dev.buildredis.server;

import dev.buildredis.engine.Engine;
import dev.buildredis.metrics.InfoReport;
import dev.buildredis.metrics.InfoSection;
import dev.buildredis.persistence.AofConfig;
import dev.buildredis.persistence.AppendOnlyFile;
import dev.buildredis.store.Database;
import dev.buildredis.store.Keyspace;

import java.io.IOException;
import java.nio.file.Files;
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
 * # Persistence   aof_enabled, aof_last_write_status, aof_current_size, ...: the append-only file's state
 * # Keyspace      db0:keys=..,expires=..,avg_ttl=0 (no line for an empty database)
 * </pre>
 * {@code redis_version} is the Redis version whose replies this server imitates, so that clients that read it
 * choose the protocol features it has.
 */
final class ServerInfo {

    /** The Redis release whose texts the course compares against. */
    static final String REDIS_VERSION = "7.0.15";

    private final Engine engine;
    private final AofConfig aofConfig;
    private final InstantSource clock;
    private final Instant started;
    private final IntSupplier port;
    private final IntSupplier connectedClients;
    private final Keyspace keyspace;
    private AppendOnlyFile aof; // null with appendonly no

    ServerInfo(Engine engine, AofConfig aofConfig, InstantSource clock, IntSupplier port,
               IntSupplier connectedClients) {
        this.engine = engine;
        this.aofConfig = aofConfig;
        this.clock = clock;
        this.started = clock.instant();
        this.port = port;
        this.connectedClients = connectedClients;
        this.keyspace = engine.keyspace();
    }

    /** Reports on {@code aof} (null if there is none) from now on: it is opened after the commands are built. */
    void attach(AppendOnlyFile aof) {
        this.aof = aof;
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
                fields.put("maxclients", engine.maxClients());
                fields.put("blocked_clients", 0);
            }
            case PERSISTENCE -> persistence(fields);
            case KEYSPACE -> {
                for (int i = 0; i < keyspace.databaseCount(); i++) { // SELECT reaches all of them now
                    Database db = keyspace.db(i);
                    fields.putAll(InfoReport.keyspace(i, db.size(), db.volatileSize()));
                }
            }
            default -> throw new IllegalArgumentException("INFO " + section + " is made of metrics, not here");
        }
        return fields;
    }

    /** Redis's persistence fields that this stage has: no snapshots, no rewrites, the file's write status. */
    private void persistence(SequencedMap<String, Object> fields) {
        AppendOnlyFile file = aof;
        fields.put("loading", 0); // the file is replayed before the port opens: no client sees loading:1
        fields.put("rdb_bgsave_in_progress", 0);
        fields.put("rdb_last_bgsave_status", "ok");
        fields.put("aof_enabled", file == null ? 0 : 1);
        fields.put("aof_rewrite_in_progress", 0);
        fields.put("aof_rewrite_scheduled", 0);
        fields.put("aof_last_bgrewrite_status", "ok");
        fields.put("aof_last_write_status", file == null || file.lastWriteError() == null ? "ok" : "err");
        if (file != null) {
            fields.put("aof_current_size", currentSize());
        }
    }

    private long currentSize() {
        try {
            return Files.size(aofConfig.file());
        } catch (IOException e) {
            return 0; // the file is gone or unreadable; aof_last_write_status says so when a write fails
        }
    }
}
