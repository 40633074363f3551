package dev.buildredis.keys;

import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.store.Database;
import dev.buildredis.store.Keyspace;

import java.util.List;

/**
 * MEMORY's reports about the server as a whole (MEMORY USAGE, about one key, is with OBJECT in
 * {@link ObjectCommands}). Their numbers come from this server's accounting ({@code store.Memory}): an estimate, key
 * by key, of the heap bytes the data set holds, which is what {@code used_memory} and maxmemory count. Where Redis
 * reports its allocator (jemalloc), this server reports the JVM's heap and the process's resident set.
 * <pre>
 * MEMORY STATS          a map: peak.allocated, total.allocated, db.0 {overhead...}, keys.count, dataset.bytes,
 *                       ..., fragmentation (RESP2: a flat array, ratios as bulk strings)
 * MEMORY DOCTOR         a report in words (RESP3: verbatim text)
 * MEMORY MALLOC-STATS   "Stats not supported for the current allocator", as Redis built without jemalloc
 * MEMORY PURGE          +OK: there are no allocator pages to give back; the collector does that
 * </pre>
 */
public final class MemoryCommands {

    /** Below this much used memory Redis's doctor says the instance is too empty to judge: 5 MB. */
    private static final long DOCTOR_MINIMUM = 5L * 1024 * 1024;

    private MemoryCommands() {
    }

    public static List<Command> all() {
        return List.of(Command.container("memory", -2, List.of(
                Command.of("memory|stats", 2, "", 0, 0, 0, MemoryCommands::stats),
                Command.of("memory|doctor", 2, "", 0, 0, 0, (c, a) -> c.reply.verbatim(doctor(c))),
                Command.of("memory|malloc-stats", 2, "", 0, 0, 0,
                        (c, a) -> c.reply.bulk("Stats not supported for the current allocator")),
                Command.of("memory|purge", 2, "", 0, 0, 0, (c, a) -> c.reply.ok()),
                Command.of("memory|help", 2, "loading stale", 0, 0, 0, (c, a) -> Command.help(c, "MEMORY",
                        "DOCTOR",
                        "    Return memory problems reports.",
                        "MALLOC-STATS",
                        "    Return internal statistics report from the memory allocator.",
                        "PURGE",
                        "    Attempt to purge dirty pages for reclamation by the allocator.",
                        "STATS",
                        "    Return information about the memory usage of the server.",
                        "USAGE <key> [SAMPLES <count>]",
                        "    Return memory in bytes used by <key> and its value. Nested values are",
                        "    sampled up to <count> times (default: 5, 0 means sample all).")))));
    }

    /** The numbers of MEMORY STATS, in Redis's order; see each line for what stands for what here. */
    // tag::memory-stats[]
    private static void stats(Client c, List<byte[]> a) {
        Keyspace keyspace = c.engine.keyspace();
        long total = keyspace.usedMemory();  // the data set's estimate: used_memory
        long peak = Math.max(keyspace.peakMemory(), total);
        long clients = 0;                     // replies not yet sent, which used_memory does not count
        for (Client client : c.engine.clients()) {
            clients += client.reply.pending();
        }
        List<Database> used = new java.util.ArrayList<>();
        long overhead = 0;
        long keys = 0;
        for (int i = 0; i < keyspace.databaseCount(); i++) {
            Database db = keyspace.db(i);
            if (db.size() > 0) {
                used.add(db);
                overhead += db.keysOverhead() + db.expiresOverhead();
                keys += db.size();
            }
        }
        Runtime runtime = Runtime.getRuntime();
        long heapUsed = runtime.totalMemory() - runtime.freeMemory(); // the "allocator": the JVM's heap
        long heapCommitted = runtime.totalMemory();
        long resident = dev.buildredis.engine.Info.residentBytes(heapCommitted);
        long dataset = total - overhead;
        c.reply.mapHeader(27 + used.size());
        number(c, "peak.allocated", peak);
        number(c, "total.allocated", total);
        number(c, "startup.allocated", 0);    // the estimate counts the data set alone: 0 when empty
        number(c, "replication.backlog", 0);
        number(c, "clients.slaves", 0);
        number(c, "clients.normal", clients);
        number(c, "cluster.links", 0);
        number(c, "aof.buffer", 0);
        number(c, "lua.caches", 0);
        number(c, "functions.caches", 0);
        for (Database db : used) {
            c.reply.bulk("db." + db.index());
            c.reply.mapHeader(3);
            number(c, "overhead.hashtable.main", db.keysOverhead());
            number(c, "overhead.hashtable.expires", db.expiresOverhead());
            number(c, "overhead.hashtable.slot-to-keys", 0);
        }
        number(c, "overhead.total", overhead);
        number(c, "keys.count", keys);
        number(c, "keys.bytes-per-key", keys == 0 ? 0 : total / keys);
        number(c, "dataset.bytes", dataset);
        ratio(c, "dataset.percentage", total == 0 ? 0 : dataset * 100f / total);
        ratio(c, "peak.percentage", peak == 0 ? 0 : total * 100f / peak);
        number(c, "allocator.allocated", heapUsed);
        number(c, "allocator.active", heapCommitted);
        number(c, "allocator.resident", resident);
        ratio(c, "allocator-fragmentation.ratio", heapUsed == 0 ? 0 : (float) heapCommitted / heapUsed);
        number(c, "allocator-fragmentation.bytes", heapCommitted - heapUsed);
        ratio(c, "allocator-rss.ratio", heapCommitted == 0 ? 0 : (float) resident / heapCommitted);
        number(c, "allocator-rss.bytes", resident - heapCommitted);
        ratio(c, "rss-overhead.ratio", 1);
        number(c, "rss-overhead.bytes", 0);
        ratio(c, "fragmentation", total == 0 ? 0 : (float) resident / total);
        number(c, "fragmentation.bytes", resident - total);
    }
    // end::memory-stats[]

    private static void number(Client c, String name, long value) {
        c.reply.bulk(name);
        c.reply.integer(value);
    }

    /** Redis computes its ratios as floats: the digits printed are a float's. */
    private static void ratio(Client c, String name, float value) {
        c.reply.bulk(name);
        c.reply.doubleValue(value);
    }

    /**
     * MEMORY DOCTOR, as Redis words it, on this server's numbers: too little data to judge (under 5 MB), a peak more
     * than half as large again as what is used now, or nothing to report.
     */
    private static String doctor(Client c) {
        long total = c.engine.keyspace().usedMemory();
        if (total < DOCTOR_MINIMUM) {
            return "Hi Sam, this instance is empty or is using very little memory, my issues detector can't be used "
                    + "in these conditions. Please, leave for your mission on Earth and fill it with some data. The "
                    + "new Sam and I will be back to our programming as soon as I finished rebooting.\n";
        }
        if ((float) c.engine.keyspace().peakMemory() / total > 1.5) {
            return "Sam, I detected a few issues in this Redis instance memory implants:\n\n"
                    + " * Peak memory: In the past this instance used more than 150% the memory that is currently "
                    + "using. The allocator is normally not able to release memory after a peak, so you can expect "
                    + "to see a big fragmentation ratio, however this is actually harmless and is only due to the "
                    + "memory peak, and if the Redis instance Resident Set Size (RSS) is currently bigger than "
                    + "expected, the memory will be used as soon as you fill the Redis instance with more data. If "
                    + "the memory peak was only occasional and you want to try to reclaim memory, please try the "
                    + "MEMORY PURGE command, otherwise the only other option is to shutdown and restart the "
                    + "instance.\n\n"
                    + "I'm here to keep you safe, Sam. I want to help you.\n";
        }
        return "Hi Sam, I can't find any memory issue in your instance. I can only account for what occurs on this "
                + "base.\n";
    }
}
