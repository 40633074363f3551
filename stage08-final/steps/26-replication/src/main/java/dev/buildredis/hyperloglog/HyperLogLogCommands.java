package dev.buildredis.hyperloglog;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.engine.Parameter;
import dev.buildredis.engine.Settings;
import dev.buildredis.store.Key;
import dev.buildredis.store.StringValue;

import java.util.Arrays;
import java.util.List;

/**
 * The HyperLogLog commands: about how many distinct elements were added, in at most 12 KB a key, within about 0.81%.
 * <pre>
 * PFADD k a b c      :1    1 if a register changed (the count may have), 0 if not; creates k even with no element
 * PFCOUNT k          :3    and caches the count in the key's header until the next change
 * PFCOUNT k1 k2      :4    the count of the union, computed each time
 * PFMERGE d k1 k2    +OK   d becomes the union (d's own registers included)
 * </pre>
 * An HLL is a string ({@link HyperLogLog}); a string that is not one is refused with
 * {@code -WRONGTYPE Key is not a valid HyperLogLog string value.}, and one whose sparse registers do not add up
 * with {@code -INVALIDOBJ Corrupted HLL object detected}. PFDEBUG and PFSELFTEST are Redis's tools to look inside.
 */
public final class HyperLogLogCommands {

    static final String NOT_HLL = "WRONGTYPE Key is not a valid HyperLogLog string value.";
    static final String CORRUPT = "INVALIDOBJ Corrupted HLL object detected";
    /** The parameter that caps the sparse form, as in Redis 7.0: 3000 bytes by default. */
    static final String SPARSE_MAX_BYTES = "hll-sparse-max-bytes";

    private HyperLogLogCommands() {
    }

    /** The commands, with {@code hll-sparse-max-bytes} defined in the server's settings for CONFIG. */
    public static List<Command> all(Settings settings) {
        settings.mutable(SPARSE_MAX_BYTES, Parameter.memory(0, Long.MAX_VALUE), 3000L);
        return List.of(
                Command.of("pfadd", -2, "write denyoom fast", 1, 1, 1, HyperLogLogCommands::pfadd),
                Command.of("pfcount", -2, "readonly", 1, -1, 1, HyperLogLogCommands::pfcount),
                Command.of("pfmerge", -2, "write denyoom", 1, -1, 1, HyperLogLogCommands::pfmerge).emits("pfadd"),
                Command.of("pfdebug", 3, "write denyoom admin", 2, 2, 1, PfDebug::pfdebug),
                Command.of("pfselftest", 1, "admin", 0, 0, 0, PfDebug::pfselftest));
    }

    /**
     * The key's string if it holds an HLL, null if the key does not exist; -WRONGTYPE for another type or for a
     * string that is no HLL.
     */
    static StringValue lookup(Client c, Key key) {
        StringValue value = Lookup.string(c.db(), key);
        if (value != null && !HyperLogLog.isValid(value.array(), value.offset(), value.length())) {
            throw new CommandError(NOT_HLL);
        }
        return value;
    }

    /** The HLL to change in place, in the value's own array (a write command may: see Database#get). */
    static HyperLogLog own(StringValue value) {
        return new HyperLogLog(value.bytes(), value.length());
    }

    /** The HLL in a copy of the value's bytes, to read, or to change when the command only reads (PFCOUNT). */
    static HyperLogLog copy(StringValue value) {
        return new HyperLogLog(Arrays.copyOfRange(value.array(), value.offset(), value.offset() + value.length()),
                value.length());
    }

    /** Stores the HLL as the key's string, raw as Redis leaves every string it changed in place. */
    static void store(Client c, Key key, HyperLogLog hll) {
        c.db().put(key, StringValue.raw(hll.bytes, hll.length));
    }

    static long sparseMaxBytes(Client c) {
        return c.engine.settings().number(SPARSE_MAX_BYTES);
    }

    // tag::pfadd[]
    private static void pfadd(Client c, List<byte[]> a) {
        Key key = Args.key(a.get(1));
        StringValue value = lookup(c, key);
        HyperLogLog hll = value == null ? HyperLogLog.empty() : own(value);
        int updated = value == null ? 1 : 0;
        long maxBytes = sparseMaxBytes(c);
        for (int i = 2; i < a.size(); i++) {
            int result = hll.add(a.get(i), maxBytes);
            if (result == -1) {
                store(c, key, hll); // what changed before the corrupt part stays changed, as in Redis
                throw new CommandError(CORRUPT);
            }
            updated += result;
        }
        if (updated > 0) {
            hll.invalidateCache();
        }
        store(c, key, hll);
        if (updated > 0) {
            c.modified(key);
            c.engine.countChanges(updated, 1); // Redis: a change a register raised, and one for a new key
        }
        c.reply.integer(updated > 0 ? 1 : 0);
    }
    // end::pfadd[]

    // tag::pfcount[]
    /**
     * One key: the cached count if the header's is valid, else counted and cached. The cache is written into the
     * string even though PFCOUNT only reads (a copy, since a read-only command must not change a value a snapshot
     * may still be writing); the key counts as changed, so the change reaches the AOF, as in Redis.
     */
    private static void pfcount(Client c, List<byte[]> a) {
        if (a.size() > 2) {
            byte[] max = new byte[HyperLogLog.REGISTERS];
            for (int i = 1; i < a.size(); i++) {
                StringValue value = lookup(c, Args.key(a.get(i)));
                if (value != null && !copy(value).mergeInto(max)) {
                    throw new CommandError(CORRUPT);
                }
            }
            c.reply.integer(Cardinality.estimate(max));
            return;
        }
        Key key = Args.key(a.get(1));
        StringValue value = lookup(c, key);
        if (value == null) {
            c.reply.integer(0);
            return;
        }
        if (HyperLogLog.cacheValid(value.array(), value.offset())) {
            if (!"raw".equals(value.encoding())) {
                store(c, key, copy(value)); // unshared, as Redis does before it looks: so raw from now on
            }
            c.reply.integer(HyperLogLog.cachedCardinality(value.array(), value.offset()));
            return;
        }
        HyperLogLog hll = copy(value);
        int[] histogram = hll.histogram();
        if (histogram == null) {
            throw new CommandError(CORRUPT);
        }
        long cardinality = Cardinality.estimate(histogram);
        hll.cacheCardinality(cardinality);
        store(c, key, hll);
        c.modified(key);
        c.reply.integer(cardinality);
    }
    // end::pfcount[]

    /** The union of every key's registers, the destination's included, into the destination. */
    private static void pfmerge(Client c, List<byte[]> a) {
        byte[] max = new byte[HyperLogLog.REGISTERS];
        boolean anyDense = false;
        for (int i = 1; i < a.size(); i++) {
            StringValue value = lookup(c, Args.key(a.get(i)));
            if (value == null) {
                c.notifyKeyspaceEvent("keymiss", Args.key(a.get(i))); // a read, the destination's too, as Redis's
                continue;
            }
            HyperLogLog hll = copy(value);
            anyDense |= hll.encoding() == HyperLogLog.DENSE;
            if (!hll.mergeInto(max)) {
                throw new CommandError(CORRUPT);
            }
        }
        Key key = Args.key(a.get(1));
        StringValue destination = lookup(c, key);
        HyperLogLog hll = destination == null ? HyperLogLog.empty() : own(destination);
        if (anyDense && !hll.toDense()) { // a dense source makes a dense result: no conversion on the way
            throw new CommandError(CORRUPT);
        }
        long maxBytes = sparseMaxBytes(c);
        for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
            if (max[i] != 0) {
                hll.set(i, max[i], maxBytes);
            }
        }
        hll.invalidateCache();
        store(c, key, hll);
        c.modified(key);
        c.reply.ok();
    }
}
