// @step 20
package dev.buildredis.streams;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.Key;
import dev.buildredis.store.Numbers;
import dev.buildredis.store.PendingEntry;
import dev.buildredis.store.StreamConsumer;
import dev.buildredis.store.StreamEntry;
import dev.buildredis.store.StreamGroup;
import dev.buildredis.store.StreamId;
import dev.buildredis.store.StreamValue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * XCLAIM and XAUTOCLAIM: pending entries change owner.
 * <pre>
 * XCLAIM s g bob 3600000 1-0 [JUSTID]   the entries now bob's (those idle at least that long)
 * XAUTOCLAIM s g bob 3600000 0 COUNT 10 *3 [next cursor, entries now bob's, IDs deleted from the stream]
 * </pre>
 * Both go to the AOF as one idempotent XCLAIM per entry ({@link #claimCommand}), as XREADGROUP does, and create the
 * consumer only when it claims something, as Redis 7.0 does. A pending entry whose stream entry is gone is dropped.
 */
final class ClaimCommands {

    /** XAUTOCLAIM looks at up to this many PEL entries for each one COUNT allows it to claim. */
    private static final long ATTEMPTS_FACTOR = 10;
    /** XAUTOCLAIM's largest COUNT: Redis's LONG_MAX / sizeof(streamID). */
    private static final long MAX_AUTOCLAIM_COUNT = Long.MAX_VALUE / StreamId.ENCODED_LENGTH;
    /**
     * The most IDs XAUTOCLAIM can set memory aside for. Redis allocates COUNT IDs before it starts; its allocator maps
     * them without reserving memory, so the allocation fails only when the address space (47 bits on x86-64 Linux)
     * has no room for it in one piece: redis-server 7.0.15 takes COUNT 2^41 (32 TiB) and refuses 2^42.
     */
    private static final long MAX_ALLOCATABLE_COUNT = 1L << 41;

    private ClaimCommands() {
    }

    static List<Command> commands() {
        return List.of(
                Command.of("xclaim", -6, "write fast", 1, 1, 1, ClaimCommands::xclaim),
                Command.of("xautoclaim", -6, "write fast", 1, 1, 1, ClaimCommands::xautoclaim));
    }

    // tag::claim-command[]
    /**
     * The XCLAIM that gives a replica this pending entry as it is here: its owner, delivery time and count, and the
     * group's last ID; JUSTID so that the replica does not read the entry, FORCE so that it creates the entry.
     */
    static List<byte[]> claimCommand(byte[] key, byte[] group, StreamId id, PendingEntry pending, StreamId lastId) {
        return List.of(Args.bytes("XCLAIM"), key, group, pending.consumer().name(), Args.bytes("0"), id.text(),
                Args.bytes("TIME"), Args.bytes(pending.deliveryTime), Args.bytes("RETRYCOUNT"),
                Args.bytes(pending.deliveryCount), Args.bytes("FORCE"), Args.bytes("JUSTID"), Args.bytes("LASTID"),
                lastId.text());
    }
    // end::claim-command[]

    /** What XCLAIM and XAUTOCLAIM share: the consumer, created when it first claims, and what goes to the AOF. */
    private static final class Claim {
        final Client c;
        final Key key;
        final StreamValue stream;
        final StreamGroup group;
        final byte[] groupName;
        final byte[] consumerName;
        final long now;
        final List<List<byte[]>> propagated = new ArrayList<>();
        StreamConsumer consumer;

        Claim(Client c, Key key, StreamValue stream, StreamGroup group, byte[] groupName, byte[] consumerName) {
            this.c = c;
            this.key = key;
            this.stream = stream;
            this.group = group;
            this.groupName = groupName;
            this.consumerName = consumerName;
            this.now = c.db().now();
        }

        /** The consumer, looked up (and so seen now) or created at the first entry it claims. */
        StreamConsumer consumer() {
            if (consumer == null) {
                consumer = group.consumer(consumerName);
                if (consumer == null) {
                    consumer = group.createConsumer(consumerName, now);
                    c.engine.dirty++; // Redis counts a consumer made as a change of its own
                    //> step 23
                    StreamCommands.consumerCreated(c, c.db(), key);
                    //< step 23
                }
                consumer.seenTime = now;
            }
            return consumer;
        }

        /** A pending entry whose stream entry is gone: dropped here, and on the replica by the XCLAIM that says so. */
        void dropDeleted(StreamId id, PendingEntry pending) {
            propagated.add(claimCommand(key.bytes(), groupName, id, pending, group.lastId()));
            group.acknowledge(id);
            StreamCommands.changed(c, key);
        }

        void claimed(StreamId id, PendingEntry pending) {
            group.assign(id, pending, consumer());
            propagated.add(claimCommand(key.bytes(), groupName, id, pending, group.lastId()));
            StreamCommands.changed(c, key);
        }
    }

    // tag::xclaim[]
    private static void xclaim(Client c, List<byte[]> a) {
        Key key = Args.key(a.get(1));
        StreamValue stream = Lookup.stream(c.db(), key);
        StreamGroup group = PendingCommands.group(stream, a.get(1), a.get(2));
        long minIdle = Math.max(0, Args.integer(a.get(4), "ERR Invalid min-idle-time argument for XCLAIM"));
        List<StreamId> ids = new ArrayList<>();
        int j = 5;
        for (; j < a.size(); j++) { // IDs until the first argument that is not one: the options start there
            try {
                ids.add(StreamIds.strict(a.get(j)));
            } catch (CommandError notAnId) {
                break;
            }
        }
        Claim claim = new Claim(c, key, stream, group, a.get(2), a.get(3));
        long deliveryTime = -1;
        long retryCount = -1;
        boolean force = false;
        boolean justId = false;
        StreamId lastId = StreamId.MIN;
        for (; j < a.size(); j++) {
            boolean more = j + 1 < a.size();
            byte[] option = a.get(j);
            if (StreamIds.is(option, "FORCE")) {
                force = true;
            } else if (StreamIds.is(option, "JUSTID")) {
                justId = true;
            } else if (StreamIds.is(option, "IDLE") && more) {
                deliveryTime = claim.now - Args.integer(a.get(++j), "ERR Invalid IDLE option argument for XCLAIM");
            } else if (StreamIds.is(option, "TIME") && more) {
                deliveryTime = Args.integer(a.get(++j), "ERR Invalid TIME option argument for XCLAIM");
            } else if (StreamIds.is(option, "RETRYCOUNT") && more) {
                retryCount = Args.integer(a.get(++j), "ERR Invalid RETRYCOUNT option argument for XCLAIM");
            } else if (StreamIds.is(option, "LASTID") && more) {
                lastId = StreamIds.strict(a.get(++j));
            } else {
                throw new CommandError("ERR Unrecognized XCLAIM option '" + StreamIds.text(option) + "'");
            }
        }
        boolean moveGroup = lastId.isAfter(group.lastId()); // LASTID: what XREADGROUP's XCLAIMs carry
        if (moveGroup) {
            group.position(lastId, group.entriesRead());
        }
        if (deliveryTime < 0 || deliveryTime > claim.now) {
            deliveryTime = claim.now; // no IDLE or TIME, or a time that makes no sense: delivered now
        }
        List<Object> claimed = new ArrayList<>();
        for (StreamId id : ids) {
            PendingEntry pending = group.pending().get(id);
            if (stream.entry(id) == null) {
                if (pending != null) {
                    claim.dropDeleted(id, pending);
                    moveGroup = false; // the XCLAIM carries LASTID
                }
                continue;
            }
            if (pending == null && force) {
                pending = group.createUnowned(id, claim.now);
            }
            if (pending == null || pending.consumer() != null && minIdle != 0
                    && claim.now - pending.deliveryTime < minIdle) {
                continue;
            }
            pending.deliveryTime = deliveryTime;
            if (retryCount >= 0) {
                pending.deliveryCount = retryCount;
            } else if (!justId) {
                pending.deliveryCount++;
            }
            claim.claimed(id, pending);
            moveGroup = false;
            claimed.add(justId ? id : stream.entry(id));
        }
        if (moveGroup) {
            claim.propagated.add(List.of(Args.bytes("XGROUP"), Args.bytes("SETID"), key.bytes(), a.get(2),
                    group.lastId().text(), Args.bytes("ENTRIESREAD"), Args.bytes(group.entriesRead())));
            StreamCommands.changed(c, key);
        }
        reply(c, claimed);
        c.engine.propagateAll(c.db(), claim.propagated);
    }
    // end::xclaim[]

    /** Claimed entries: their IDs (JUSTID) or the entries. */
    private static void reply(Client c, List<Object> claimed) {
        c.reply.arrayHeader(claimed.size());
        for (Object item : claimed) {
            if (item instanceof StreamId id) {
                StreamReplies.id(c, id);
            } else {
                StreamReplies.entry(c, (StreamEntry) item);
            }
        }
    }

    private static void xautoclaim(Client c, List<byte[]> a) {
        long minIdle = Math.max(0, Args.integer(a.get(4), "ERR Invalid min-idle-time argument for XAUTOCLAIM"));
        StreamId start = StreamIds.start(a.get(5));
        long count = 100;
        boolean justId = false;
        for (int j = 6; j < a.size(); j++) {
            if (StreamIds.is(a.get(j), "COUNT") && j + 1 < a.size()) {
                Long given = Numbers.parseLong(a.get(++j));
                if (given == null || given < 1 || given > MAX_AUTOCLAIM_COUNT) {
                    throw new CommandError("ERR COUNT must be > 0");
                }
                count = given;
            } else if (StreamIds.is(a.get(j), "JUSTID")) {
                justId = true;
            } else {
                throw CommandError.syntax();
            }
        }
        Key key = Args.key(a.get(1));
        StreamValue stream = Lookup.stream(c.db(), key);
        StreamGroup group = PendingCommands.group(stream, a.get(1), a.get(2));
        if (count > MAX_ALLOCATABLE_COUNT) {
            // Redis allocates COUNT IDs for the deleted ones before it starts, and says so when malloc refuses
            throw new CommandError("ERR Insufficient memory, failed allocating transient memory, COUNT too high.");
        }
        Claim claim = new Claim(c, key, stream, group, a.get(2), a.get(3));
        List<Object> claimed = new ArrayList<>();
        List<StreamId> deleted = new ArrayList<>();
        long attempts = count * ATTEMPTS_FACTOR;
        Map.Entry<StreamId, PendingEntry> next = group.pending().ceilingEntry(start);
        while (attempts-- > 0 && count > 0 && next != null) {
            StreamId id = next.getKey();
            PendingEntry pending = next.getValue();
            if (stream.entry(id) == null) {
                claim.dropDeleted(id, pending);
                deleted.add(id);
                count--;
            } else if (minIdle == 0 || claim.now - pending.deliveryTime >= minIdle) {
                pending.deliveryTime = claim.now;
                if (!justId) {
                    pending.deliveryCount++;
                }
                claim.claimed(id, pending);
                claimed.add(justId ? id : stream.entry(id));
                count--;
            }
            next = group.pending().higherEntry(id);
        }
        c.reply.arrayHeader(3);
        StreamReplies.id(c, next == null ? StreamId.MIN : next.getKey()); // where the next call goes on
        reply(c, claimed);
        c.reply.arrayHeader(deleted.size());
        deleted.forEach(id -> StreamReplies.id(c, id));
        c.engine.propagateAll(c.db(), claim.propagated);
    }
}
