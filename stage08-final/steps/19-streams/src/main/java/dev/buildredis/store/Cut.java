package dev.buildredis.store;

/**
 * A point-in-time snapshot of the whole keyspace, written while clients keep changing it, without a copy of the data
 * set: the JVM cannot {@code fork()} as Redis does to get the same thing from the kernel's copy-on-write pages.
 *
 * <p>When the cut begins, the keyspace bumps its epoch number; every key that exists then has a lower number in its
 * {@link Slot#savedEpoch}, every key made later gets the new one. {@link #step} walks every database's table with
 * the same reverse-binary cursor as SCAN and writes each key whose number is still lower, then gives it the cut's
 * number. Before any command changes, expires or deletes a key, the keyspace asks the cut to write that key first
 * ({@code Keyspace#beforeChange}): copy-before-write, one key at a time. So each key is written exactly once, with
 * its value and TTL as they were when the cut began:
 * <pre>
 *   key existed at the cut, untouched        written by step(), when the cursor reaches it
 *   key existed at the cut, then changed     written just before the change (old value, old TTL)
 *   key existed at the cut, then deleted     written just before the delete
 *   key made after the cut                   never written: its number is the cut's already
 *   FLUSHALL during the cut                  the database gets new tables; the cut goes on reading the old ones
 * </pre>
 * The SCAN cursor guarantees that a key present from the first step to the last is visited even if the table
 * grows or shrinks meanwhile; a key visited twice is written once, because its number is the cut's after the first.
 *
 * <p>The extra memory is what the writer holds of keys written early and not yet on disk, not a copy of the data set.
 */
public final class Cut {

    /** Receives the snapshot's keys, database by database but not in any order inside one. */
    @FunctionalInterface
    public interface EntryWriter {
        void entry(int db, Key key, Value value, long expireAtMillis);
    }

    private final Keyspace keyspace;
    private final int epoch;
    private final Dict<Slot>[] data;
    private final Dict<Deadline>[] expires;
    private final EntryWriter writer;
    private final int[] sizes;
    private final int[] volatileSizes;
    private int db;
    private long cursor;
    private long written;
    private boolean done;

    Cut(Keyspace keyspace, int epoch, Dict<Slot>[] data, Dict<Deadline>[] expires, EntryWriter writer) {
        this.keyspace = keyspace;
        this.epoch = epoch;
        this.data = data;
        this.expires = expires;
        this.writer = writer;
        this.sizes = new int[data.length];
        this.volatileSizes = new int[data.length];
        for (int i = 0; i < data.length; i++) {
            sizes[i] = data[i].size();
            volatileSizes[i] = expires[i].size();
        }
    }

    /** How many databases the cut walks. */
    public int databaseCount() {
        return sizes.length;
    }

    /** The number of keys database {@code index} had when the cut began (RDB's RESIZEDB hint). */
    public int size(int index) {
        return sizes[index];
    }

    /** The number of keys with a TTL database {@code index} had when the cut began. */
    public int volatileSize(int index) {
        return volatileSizes[index];
    }

    /** Keys written so far, by the walk and before changes. */
    public long written() {
        return written;
    }

    // tag::step[]
    /**
     * Walks on through the tables for at least {@code buckets} buckets (fewer if it reaches the end); returns true
     * once every database has been walked, after which the cut is over and costs the keyspace nothing more.
     */
    public boolean step(int buckets) {
        for (int visited = 0; visited < buckets && db < data.length; visited++) {
            int index = db;
            cursor = data[index].scan(cursor, slot -> {
                if (slot.savedEpoch != epoch) {
                    write(index, slot.key(), slot);
                }
            });
            if (cursor == 0) {
                db++;
            }
        }
        if (db >= data.length && !done) {
            finish();
        }
        return done;
    }
    // end::step[]

    /** Ends the cut before it is complete (the snapshot failed or was cancelled). */
    public void abort() {
        finish();
    }

    private void finish() {
        done = true;
        keyspace.cutEnded(this);
    }

    void write(int index, Key key, Slot slot) {
        slot.savedEpoch = epoch;
        Deadline deadline = expires[index].get(key);
        writer.entry(index, key, slot.value(), deadline == null ? -1 : deadline.when);
        written++;
    }
}
