package dev.buildredis.store;

import java.time.InstantSource;

/**
 * Every database of the server ({@code databases}: 16 unless the command line says otherwise), the clock that expiry reads, and the active expiry cycle.
 *
 * <p>The clock is injected so that tests move time forward instead of sleeping. All methods run on the server's one
 * command thread; nothing here is synchronized.
 */
public final class Keyspace {

    /** Redis's default {@code databases}. */
    public static final int DEFAULT_DATABASES = 16;

    /** Redis's ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP: keys sampled per database per round. */
    static final int KEYS_PER_LOOP = 20;

    /** Redis's ACTIVE_EXPIRE_CYCLE_ACCEPTABLE_STALE: go on while more than this percentage of samples expired. */
    static final int ACCEPTABLE_STALE = 10;

    private Database[] databases;
    private final InstantSource clock;
    private final Eviction eviction = new Eviction(this);
    private final Encodings encodings = new Encodings();
    private long expiredKeys;
    private boolean countingLookups; // true while a read-only command runs: Redis counts hits and misses there
    private long hits;
    private long usedMemory;
    private long peakMemory;
    private long misses;
    private boolean loading;
    private boolean writing = true; // false while a read-only command runs: it cannot change what it looks up
    private int epoch;              // the number of the last snapshot cut begun (see Cut)
    private Cut cut;                // the snapshot being written, or null
    private java.util.function.BiConsumer<Database, Key> deletions = (db, key) -> { };

    public Keyspace(InstantSource clock) {
        this.clock = clock;
        databases(DEFAULT_DATABASES);
    }

    /** Sets how many databases there are ({@code databases}, which only the command line may change). */
    public void databases(int count) {
        databases = new Database[count];
        for (int i = 0; i < count; i++) {
            databases[i] = new Database(i, this);
        }
    }

    /** How many databases there are: SELECT takes 0 to this minus one. */
    public int databaseCount() {
        return databases.length;
    }

    public Database db(int index) {
        return databases[index];
    }

    public long nowMillis() {
        return clock.millis();
    }

    /** Keys deleted because their TTL passed, lazily or actively (INFO's expired_keys). */
    public long expiredKeys() {
        return expiredKeys;
    }

    /**
     * Whether Redis would hold this value as one of its shared integer objects ({@link StringValue#sharedInteger}),
     * given the policy: none is shared while an LRU or LFU policy needs each key's own access time. Redis decides
     * when the value is made; this server decides by the policy now. For OBJECT IDLETIME and DEBUG OBJECT.
     */
    public boolean sharesInteger(Value value) {
        return value instanceof StringValue s && s.sharedInteger()
                && (eviction.maxmemory() == 0 || !(eviction.policy().isLfu() || eviction.policy().isLru()));
    }

    /** The limits of the compact encodings, which CONFIG SET changes in place. */
    public Encodings encodings() {
        return encodings;
    }

    public Eviction eviction() {
        return eviction;
    }

    /** The estimate of the data set's bytes that maxmemory is compared with (INFO's used_memory), see {@link Memory}. */
    public long usedMemory() {
        return usedMemory;
    }

    /** The highest used memory since the server started (INFO's used_memory_peak). */
    public long peakMemory() {
        return peakMemory;
    }

    /** Called by a database whenever its share of used memory changes. */
    void charge(long bytes) {
        usedMemory += bytes;
        peakMemory = Math.max(peakMemory, usedMemory);
    }

    /**
     * Whether lookups count as keyspace hits and misses from now on. Redis counts the lookups of its read path
     * ({@code lookupKeyRead}); here the dispatcher turns counting on for the commands flagged read-only.
     */
    public void countLookups(boolean counting) {
        countingLookups = counting;
        reportingMisses = counting;
    }

    void countLookup(Database db, Key key, boolean found) {
        if (countingLookups) {
            if (found) {
                hits++;
            } else {
                misses++;
                if (reportingMisses) {
                    missListener.accept(db, key);
                }
            }
        }
    }

    // ---- who hears of keys created and of lookups that missed (keyspace notifications "new" and "keymiss")

    private java.util.function.BiConsumer<Database, Key> addListener = (db, key) -> { };
    private java.util.function.BiConsumer<Database, Key> missListener = (db, key) -> { };
    private boolean reportingMisses;

    /** Who hears of every key added to a database (Redis's dbAdd), loads included. */
    public void onAdded(java.util.function.BiConsumer<Database, Key> listener) {
        addListener = listener;
    }

    /** Who hears of the lookups of read-only commands that found no key. */
    public void onMissed(java.util.function.BiConsumer<Database, Key> listener) {
        missListener = listener;
    }

    /**
     * Keeps the rest of the running command's misses to itself: OBJECT looks keys up as Redis's LOOKUP_NONOTIFY
     * does, counted as hits and misses but never notified. Until the next {@link #countLookups}.
     */
    public void quietMisses() {
        reportingMisses = false;
    }

    void added(Database db, Key key) {
        addListener.accept(db, key);
    }

    /** Lookups by read-only commands that found their key (INFO's keyspace_hits). */
    public long keyspaceHits() {
        return hits;
    }

    /** Lookups by read-only commands that did not find their key (INFO's keyspace_misses). */
    public long keyspaceMisses() {
        return misses;
    }

    /** CONFIG RESETSTAT. */
    public void resetStats() {
        expiredKeys = 0;
        hits = 0;
        misses = 0;
        eviction.resetStats();
    }

    void countExpired() {
        expiredKeys++;
    }

    /**
     * Whether the running command may change what it looks up; the dispatcher clears it for read-only commands, so
     * that their lookups cost nothing extra while a snapshot is written. True outside commands: a blocked client
     * being served, eviction, expiry.
     */
    public void writing(boolean mayWrite) {
        writing = mayWrite;
    }

    /**
     * While the AOF is replayed nothing expires, as in Redis ({@code keyIsExpired}): a replayed INCR must find the
     * value the file built, even if its TTL passed while the server was down. The first lookups after the load do it.
     */
    public void loading(boolean loading) {
        this.loading = loading;
    }

    boolean loading() {
        return loading;
    }

    private boolean expiryPaused;

    /** CLIENT PAUSE: an expired key looks missing to commands but is not deleted until the pause ends. */
    public void pauseExpiry(boolean paused) {
        expiryPaused = paused;
    }

    boolean expiryPaused() {
        return expiryPaused;
    }

    boolean writing() {
        return writing;
    }

    /** Who hears of keys deleted by expiry (lazy or active), to propagate a DEL to the append-only file. */
    public void onExpired(java.util.function.BiConsumer<Database, Key> listener) {
        deletions = listener;
    }

    void deleted(Database db, Key key) {
        deletions.accept(db, key);
    }

    // tag::cut[]
    /**
     * Begins a point-in-time snapshot of every database: the data set as it is now is handed to {@code writer}, key
     * by key, as {@link Cut#step} walks the tables, and any key a command is about to change first. Only one cut runs
     * at a time.
     */
    public Cut beginCut(Cut.EntryWriter writer) {
        if (cut != null) {
            throw new IllegalStateException("a snapshot is already running");
        }
        epoch++; // every existing key now has a lower number: not yet written
        Dict<Slot>[] data = newDictArray(databases.length);
        @SuppressWarnings("unchecked") Dict<Deadline>[] expires = (Dict<Deadline>[]) new Dict<?>[databases.length];
        for (int i = 0; i < databases.length; i++) {
            data[i] = databases[i].data();
            expires[i] = databases[i].expires();
        }
        cut = new Cut(this, epoch, data, expires, writer);
        return cut;
    }

    /** Called before a command changes or deletes a key: the running snapshot writes the key's old value first. */
    void beforeChange(Database db, Key key, Slot slot) {
        if (cut != null && slot != null && slot.savedEpoch != epoch) {
            cut.write(cut.indexOf(db.data(), db.index()), key, slot); // by its table: SWAPDB may have moved it
        }
    }
    // end::cut[]

    int epoch() {
        return epoch;
    }

    void cutEnded(Cut ended) {
        if (cut == ended) {
            cut = null;
        }
    }

    @SuppressWarnings("unchecked")
    private static Dict<Slot>[] newDictArray(int length) {
        return (Dict<Slot>[]) new Dict<?>[length];
    }

    /** SWAPDB: databases {@code a} and {@code b} exchange their contents (see {@link Database#swapWith}). */
    public void swapDatabases(int a, int b) {
        if (a != b) {
            databases[a].swapWith(databases[b]);
        }
    }

    public void flushAll() {
        for (Database db : databases) {
            db.clear();
        }
    }

    /**
     * Moves keys into the new tables of resizes under way, a hundred buckets at a time, until {@code budgetNanos} is
     * spent: a database nobody writes to any more would otherwise keep two tables until its next lookups.
     */
    public void rehash(long budgetNanos) {
        long start = System.nanoTime();
        for (Database db : databases) {
            while (db.rehash(100)) {
                if (System.nanoTime() - start >= budgetNanos) {
                    return;
                }
            }
        }
    }

    // tag::expire-cycle[]
    /**
     * Redis's slow active expiry cycle: for each database, sample {@value #KEYS_PER_LOOP} keys with a TTL and
     * delete the expired; repeat on the same database while more than {@value #ACCEPTABLE_STALE}% of a sample had
     * expired; stop when {@code budgetNanos} is spent, so that a mass expiry never stalls the clients for long.
     *
     * @return the number of keys deleted
     */
    public long activeExpireCycle(long budgetNanos) {
        long start = System.nanoTime();
        long now = nowMillis();
        long deleted = 0;
        for (Database db : databases) {
            long[] round;
            do {
                if (db.volatileSize() == 0) {
                    break;
                }
                round = db.activeExpire(KEYS_PER_LOOP, now);
                deleted += round[1];
                expiredKeys += round[1];
            } while (round[1] * 100 > round[0] * ACCEPTABLE_STALE && System.nanoTime() - start < budgetNanos);
            if (System.nanoTime() - start >= budgetNanos) {
                break;
            }
        }
        return deleted;
    }
    // end::expire-cycle[]
}
