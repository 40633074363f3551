// @step 03
package dev.buildredis.store;

import java.time.InstantSource;

/**
//> step 03-14
//~ * Every database of the server ({@code databases}: 16 unless the command line says otherwise), and the clock that
//~ * expiry reads.
//< step 03-14
//> step 15
 * Every database of the server ({@code databases}: 16 unless the command line says otherwise), the clock that expiry reads, and the active expiry cycle.
//< step 15
 *
 * <p>The clock is injected so that tests move time forward instead of sleeping. All methods run on the server's one
 * command thread; nothing here is synchronized.
 */
public final class Keyspace {

    /** Redis's default {@code databases}. */
    public static final int DEFAULT_DATABASES = 16;

    //> step 15
    /** Redis's ACTIVE_EXPIRE_CYCLE_KEYS_PER_LOOP: keys sampled per database per round. */
    static final int KEYS_PER_LOOP = 20;

    /** Redis's ACTIVE_EXPIRE_CYCLE_ACCEPTABLE_STALE: go on while more than this percentage of samples expired. */
    static final int ACCEPTABLE_STALE = 10;
    //< step 15

    private Database[] databases;
    private final InstantSource clock;
    //> step 15
    private final Eviction eviction = new Eviction(this);
    //< step 15
    //> step 10
    private final Encodings encodings = new Encodings();
    //< step 10
    private long expiredKeys;
    private boolean countingLookups; // true while a read-only command runs: Redis counts hits and misses there
    private long hits;
    private long usedMemory;
    private long peakMemory;
    private long misses;
    private boolean loading;
    private boolean writing = true; // false while a read-only command runs: it cannot change what it looks up
    //> step 10
    private int epoch;              // the number of the last snapshot cut begun (see Cut)
    private Cut cut;                // the snapshot being written, or null
    //< step 10
    private java.util.function.BiConsumer<Database, Key> deletions = (db, key) -> { };
    //> step 27
    private boolean masterExpires;  // a replica: a key expires when its master's DEL arrives, not here
    private boolean applyingMaster; // the running command comes from the master
    //< step 27

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

    //> step 21
    /**
     * Whether Redis would hold this value as one of its shared integer objects ({@link StringValue#sharedInteger}),
     * given the policy: none is shared while an LRU or LFU policy needs each key's own access time. Redis decides
     * when the value is made; this server decides by the policy now. For OBJECT IDLETIME and DEBUG OBJECT.
     */
    public boolean sharesInteger(Value value) {
        return value instanceof StringValue s && s.sharedInteger()
                && (eviction.maxmemory() == 0 || !(eviction.policy().isLfu() || eviction.policy().isLru()));
    }

    //< step 21
    //> step 10
    /** The limits of the compact encodings, which CONFIG SET changes in place. */
    public Encodings encodings() {
        return encodings;
    }
    //< step 10

    //> step 15
    public Eviction eviction() {
        return eviction;
    }

    //< step 15
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
        //> step 23
        reportingMisses = counting;
        //< step 23
    }

    //> step 23
    void countLookup(Database db, Key key, boolean found) {
    //< step 23
    //> step 01-22
//~    void countLookup(boolean found) {
    //< step 01-22
        if (countingLookups) {
            if (found) {
                hits++;
            } else {
                misses++;
                //> step 23
                if (reportingMisses) {
                    missListener.accept(db, key);
                }
                //< step 23
            }
        }
    }
    //> step 23

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

    //< step 23

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
        //> step 15
        eviction.resetStats();
        //< step 15
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

    //> step 23
    private boolean expiryPaused;

    /** CLIENT PAUSE: an expired key looks missing to commands but is not deleted until the pause ends. */
    public void pauseExpiry(boolean paused) {
        expiryPaused = paused;
    }

    boolean expiryPaused() {
        return expiryPaused;
    }

    //< step 23
    //> step 27
    // tag::replica-expiry[]
    /**
     * A replica leaves expiry to its master, as Redis's replicas do: a key past its deadline is hidden from the
     * replica's clients (it reads as missing) but stays until the master's DEL comes down the stream, so that the
     * two data sets never differ by the moment a clock said "now"; the active cycle does not run. Commands from
     * the master still see such a key: the master decided it was alive when it sent them.
     */
    public void masterExpires(boolean replica) {
        masterExpires = replica;
    }

    /** Set around each command from the master (see {@link #masterExpires}). */
    public void applyingMaster(boolean applying) {
        applyingMaster = applying;
    }
    // end::replica-expiry[]

    boolean masterExpires() {
        return masterExpires;
    }

    boolean applyingMaster() {
        return applyingMaster;
    }

    //< step 27
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

    //> step 10
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
    //< step 10

    /** Called before a command changes or deletes a key: the running snapshot writes the key's old value first. */
    void beforeChange(Database db, Key key, Slot slot) {
        //> step 10
        if (cut != null && slot != null && slot.savedEpoch != epoch) {
            //> step 24
            cut.write(cut.indexOf(db.data(), db.index()), key, slot); // by its table: SWAPDB may have moved it
            //< step 24
            //> step 10-23
//~            cut.write(db.index(), key, slot);
            //< step 10-23
        }
        //< step 10
    }
    //> step 10
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
    //< step 10

    //> step 09
    //> step 24
    /** SWAPDB: databases {@code a} and {@code b} exchange their contents (see {@link Database#swapWith}). */
    public void swapDatabases(int a, int b) {
        if (a != b) {
            databases[a].swapWith(databases[b]);
        }
    }

    //< step 24
    public void flushAll() {
        for (Database db : databases) {
            db.clear();
        }
    }
    //< step 09

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

    //> step 15
    // tag::expire-cycle[]
    /**
     * Redis's slow active expiry cycle: for each database, sample {@value #KEYS_PER_LOOP} keys with a TTL and
     * delete the expired; repeat on the same database while more than {@value #ACCEPTABLE_STALE}% of a sample had
     * expired; stop when {@code budgetNanos} is spent, so that a mass expiry never stalls the clients for long.
     *
     * @return the number of keys deleted
     */
    public long activeExpireCycle(long budgetNanos) {
        //> step 27
        if (masterExpires) {
            return 0; // a replica: the master expires keys, and sends a DEL for each
        }
        //< step 27
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
    //< step 15
}
