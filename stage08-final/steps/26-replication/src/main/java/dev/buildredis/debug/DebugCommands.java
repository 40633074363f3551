package dev.buildredis.debug;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Dispatcher;
import dev.buildredis.engine.Parameter;
import dev.buildredis.engine.ValueCodec;
import dev.buildredis.store.Database;
import dev.buildredis.store.Key;
import dev.buildredis.store.StringValue;
import dev.buildredis.store.Value;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The DEBUG subcommands that redis-cli and test suites use, allowed only as {@code enable-debug-command} says (the
 * dispatcher checks it before anything else). DEBUG RELOAD is persistence's.
 * <pre>
 * DEBUG DIGEST                      +&lt;40 hex digits&gt;: the data set's fingerprint, redis-server's for the same data
 * DEBUG DIGEST-VALUE k [k ...]      *n of +&lt;40 hex&gt;, one a key (its value only)
 * DEBUG OBJECT k                    +Value at:0x... refcount:1 encoding:listpack serializedlength:14 lru:... ...
 * DEBUG SLEEP 0.5                   +OK after the whole server slept half a second
 * DEBUG SET-ACTIVE-EXPIRE 0|1       +OK: the cron stops (or again starts) deleting expired keys nobody reads
 * DEBUG CHANGE-REPL-ID              +OK: INFO shows a new master_replid
 * DEBUG POPULATE n [prefix] [size]  +OK: keys prefix:0..n-1 ("key" by default) holding value:0.. (padded to size)
 * DEBUG QUICKLIST-PACKED-THRESHOLD 1kb   +OK: list elements this long or longer are nodes of their own
 * </pre>
 * A subcommand given the wrong number of arguments answers as an unknown one does, as Redis's single DEBUG command
 * does: {@code -ERR unknown subcommand or wrong number of arguments for 'SLEEP'. Try DEBUG HELP.}
 */
public final class DebugCommands {

    /** Redis's default quicklist packed threshold, which 0 restores: 1 GB. */
    private static final long DEFAULT_PACKED_THRESHOLD = 1L << 30;
    /** The largest threshold Redis takes: 4 GB less 1 MB. */
    private static final long MAX_PACKED_THRESHOLD = (1L << 32) - (1 << 20);
    /** Redis formats POPULATE's key names into a buffer of this many bytes: longer names are cut. */
    private static final int NAME_BUFFER = 128;

    private DebugCommands() {
    }

    public static List<Command> all(ValueCodec codec) {
        return List.of(Command.container("debug", -2, "admin noscript loading stale", List.of(
                sub("debug|digest", 2, (c, a) -> c.reply.simple(Digest.ofDataset(c.engine.keyspace()))),
                sub("debug|digest-value", -2, DebugCommands::digestValue),
                sub("debug|object", 3, (c, a) -> object(c, a, codec)),
                sub("debug|sleep", 3, DebugCommands::sleep),
                sub("debug|set-active-expire", 3, (c, a) -> {
                    c.engine.activeExpire = atoi(a.get(2)) != 0;
                    c.reply.ok();
                }),
                sub("debug|change-repl-id", 2, (c, a) -> {
                    c.engine.changeReplicationId();
                    c.reply.ok();
                }),
                sub("debug|populate", -3, DebugCommands::populate),
                sub("debug|quicklist-packed-threshold", 3, DebugCommands::packedThreshold),
                sub("debug|help", 2, DebugCommands::help))));
    }

    private static Command sub(String name, int arity, Command.Handler handler) {
        return Command.of(name, arity, "admin noscript loading stale", 0, 0, 0, handler);
    }

    private static void digestValue(Client c, List<byte[]> a) {
        c.reply.arrayHeader(a.size() - 2);
        for (int i = 2; i < a.size(); i++) {
            c.reply.simple(Digest.ofKey(c.db(), Args.key(a.get(i))));
        }
    }

    // tag::debug-object[]
    /** Redis's words for a value: address, refcount, encoding, RDB length, LRU field and idle time (a list's nodes). */
    private static void object(Client c, List<byte[]> a, ValueCodec codec) {
        Database db = c.db();
        Key key = Args.key(a.get(2));
        Value value = db.peek(key);
        if (value == null) {
            throw new CommandError(CommandError.NO_SUCH_KEY);
        }
        boolean shared = c.engine.keyspace().sharesInteger(value);
        long idle = shared ? c.engine.uptimeMillis() / 1000 : db.idleSeconds(key);
        c.reply.simple("Value at:0x" + Long.toHexString(0x7f0000000000L | System.identityHashCode(value) << 4)
                + " refcount:" + (shared ? Integer.MAX_VALUE : 1) + " encoding:" + value.encoding()
                + " serializedlength:" + codec.serializedLength(value) + " lru:" + db.accessField(key)
                + " lru_seconds_idle:" + idle + codec.encodingDetails(value));
    }
    // end::debug-object[]

    /** The whole server sleeps: no client is served meanwhile, as in Redis (seconds read as strtod reads them). */
    private static void sleep(Client c, List<byte[]> a) {
        double seconds = strtod(a.get(2));
        long nanos = (long) (seconds * 1e9);
        if (nanos > 0) {
            try {
                Thread.sleep(nanos / 1_000_000, (int) (nanos % 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        c.reply.ok();
    }

    // tag::populate[]
    /**
     * Adds {@code count} string keys, skipping names that exist. As in Redis they are not propagated (no AOF, no
     * change counted), but WATCH and blocked clients hear of them and each is a "new" keyspace event.
     */
    private static void populate(Client c, List<byte[]> a) {
        if (a.size() > 5) {
            throw new CommandError(Dispatcher.debugSyntaxError(a));
        }
        long count = positive(a.get(2));
        long size = a.size() == 5 ? positive(a.get(4)) : 0;
        String prefix = a.size() >= 4 ? Args.text(a.get(3)) : "key";
        long dirty = c.engine.dirty;
        Database db = c.db();
        for (long j = 0; j < count; j++) {
            String name = prefix + ":" + j;
            Key key = new Key(Args.bytes(name.length() < NAME_BUFFER ? name : name.substring(0, NAME_BUFFER - 1)));
            if (db.exists(key)) {
                continue;
            }
            byte[] text = Args.bytes("value:" + j);
            byte[] value = size == 0 ? text : java.util.Arrays.copyOf(text, (int) Math.min(size, Integer.MAX_VALUE));
            db.set(key, new StringValue(value));
            c.engine.modified(db, key, "none");
        }
        c.engine.dirty = dirty; // as Redis: POPULATE is not a change to propagate or to count for SAVE
        c.reply.ok();
    }
    // end::populate[]

    private static void packedThreshold(Client c, List<byte[]> a) {
        Long bytes = Parameter.memoryValue(Args.text(a.get(2)));
        if (bytes == null || bytes < 0 || bytes > MAX_PACKED_THRESHOLD) {
            throw new CommandError("ERR argument must be a memory value bigger than 1 and smaller than 4gb");
        }
        c.engine.keyspace().encodings().listPackedThreshold(bytes == 0 ? DEFAULT_PACKED_THRESHOLD : bytes);
        c.reply.ok();
    }

    /** Redis's getPositiveLongFromObjectOrReply: a number of 0 or more, else one error for both failures. */
    private static long positive(byte[] arg) {
        Long n = dev.buildredis.store.Numbers.parseLong(arg);
        if (n == null || n < 0) {
            throw new CommandError(CommandError.MUST_BE_POSITIVE);
        }
        return n;
    }

    /** C's atoi: the leading digits, optionally signed, else 0. */
    private static long atoi(byte[] arg) {
        String text = Args.text(arg).strip();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^[+-]?\\d+").matcher(text);
        if (!m.find()) {
            return 0;
        }
        try {
            return Long.parseLong(m.group());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** C's strtod as DEBUG SLEEP uses it: the longest number at the start, else 0. */
    private static double strtod(byte[] arg) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*[+-]?(\\d+\\.?\\d*([eE][+-]?\\d+)?|\\.\\d+)")
                .matcher(Args.text(arg));
        return m.find() ? Double.parseDouble(m.group().strip()) : 0;
    }

    /** Redis 7.0's DEBUG HELP, word for word (resources/dev/buildredis/debug/help.txt). */
    private static void help(Client c, List<byte[]> a) {
        String[] lines;
        try (InputStream in = DebugCommands.class.getResourceAsStream("/dev/buildredis/debug/help.txt")) {
            lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n");
        } catch (IOException | NullPointerException e) {
            throw new CommandError("ERR DEBUG HELP text is missing");
        }
        Command.help(c, "DEBUG", lines);
    }
}
