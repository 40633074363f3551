package dev.buildredis.store;

import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.random.RandomGenerator;

/**
 * One of the numbered databases SELECT chooses: a {@link Dict} from key to value, and a second one from key to
 * its expiry time for the keys that have one, as in Redis. Keeping the keys with a TTL apart lets the active
 * expiry cycle sample only them.
 *
 * <p>Expiry is lazy first: every lookup checks the key's deadline and deletes a key that has passed it, so no
 * command ever sees an expired key. Keys that are never looked at again are found by {@link #activeExpire}.
 * A key expires once the clock is past its deadline in milliseconds ({@code now > when}, as Redis decides).
 */
public final class Database {

    private final int index;
    private final Keyspace keyspace;
    private Dict<Slot> data = new Dict<>();       // replaced, not emptied, by FLUSHALL: a snapshot may still read it
    private Dict<Deadline> expires = new Dict<>();
    private long expireCursor; // where the active expiry cycle carries on next time, as Redis's expires_cursor
    private long usedMemory;   // the sum of every key's Slot.charged() and of the expires entries, see Memory

    Database(int index, Keyspace keyspace) {
        this.index = index;
        this.keyspace = keyspace;
    }

    public int index() {
        return index;
    }

    /** The limits of the compact encodings, for a new collection value. */
    public Encodings encodings() {
        return keyspace.encodings();
    }

    /** The current time in Unix milliseconds, from the keyspace's clock. */
    public long now() {
        return keyspace.nowMillis();
    }

    // tag::lazy-expiry[]
    /**
     * The key's value, or {@code null} if it has none or has just expired (and is now deleted). Counts as an access
     * for eviction, and as a keyspace hit or miss while a read-only command runs.
     */
    public Value get(Key key) {
        Slot slot = lookup(key);
        if (slot == null) {
            return null;
        }
        keyspace.eviction().touch(slot);
        return slot.value();
    }

    /** As {@link #get}, without recording an access: TYPE, TTL, EXISTS and OBJECT look without touching. */
    public Value peek(Key key) {
        Slot slot = lookup(key);
        return slot == null ? null : slot.value();
    }

    private Slot lookup(Key key) {
        int hash = Dict.hash(key); // one hash for both tables
        Slot slot = data.get(key, hash);
        if (slot != null && expireIfNeeded(key, hash)) {
            slot = null;
        }
        keyspace.countLookup(this, key, slot != null);
        if (slot != null && keyspace.writing()) {
            keyspace.beforeChange(this, key, slot); // the command may change the value it gets in place
        }
        return slot;
    }

    private boolean expireIfNeeded(Key key, int hash) {
        Deadline deadline = expires.get(key, hash);
        if (deadline == null || keyspace.loading() || keyspace.nowMillis() <= deadline.when) {
            return false;
        }
        if (keyspace.expiryPaused()) {
            return true; // CLIENT PAUSE keeps the data set still: expired to the reader, deleted after the pause
        }
        delete(key);
        keyspace.countExpired();
        keyspace.deleted(this, key);
        return true;
    }
    // end::lazy-expiry[]

    public boolean exists(Key key) {
        return lookup(key) != null; // not peek: no view of an embedded string to make
    }

    /** Whether the key is in the table, expired or not: a look without expiring, counting or notifying anything. */
    public boolean contains(Key key) {
        return data.get(key) != null;
    }

    /** Stores a new value for the key and drops any TTL it had: SET without KEEPTTL, and every *STORE command. */
    public void set(Key key, Value value) {
        int hash = Dict.hash(key);
        put(key, hash, value, null);
        persist(key, hash);
    }

    /** As {@link #set(Key, Value)}, for a new string made of {@code string}, which the key may keep. */
    public void set(Key key, byte[] string) {
        int hash = Dict.hash(key);
        put(key, hash, null, string);
        persist(key, hash);
    }

    // tag::put[]
    /** Stores a value and keeps the key's TTL if it has one (a key created by LPUSH, SADD... or SET KEEPTTL). */
    public void put(Key key, Value value) {
        put(key, Dict.hash(key), value, null);
    }

    /** As {@link #put(Key, Value)}, for a new string made of {@code string}, which the key may keep. */
    public void put(Key key, byte[] string) {
        put(key, Dict.hash(key), null, string);
    }

    private void put(Key key, int hash, Value value, byte[] string) {
        Slot slot = data.get(key, hash);
        if (slot != null && expireIfNeeded(key, hash)) { // as Redis's setKey, which looks the key up to write it:
            slot = data.get(key, hash);                   // a key past its TTL is "expired" (a DEL) before "new"
        }
        boolean added = slot == null;
        if (added) {
            slot = new Slot(key, hash, keyspace.eviction().newAccess());
            slot.savedEpoch = keyspace.epoch(); // made after the running snapshot's cut: not part of it
        } else {
            keyspace.beforeChange(this, key, slot);
            if (!keyspace.eviction().policy().isLfu()) {
                slot.access = keyspace.eviction().newAccess(); // a new value is a fresh access; LFU keeps its count
            }
        }
        long before = added ? 0 : slot.charged();
        if (value != null) {
            slot.store(value);
        } else {
            slot.store(string);
        }
        if (added) {
            data.add(slot);
        }
        charge(slot.charged() - before);
        if (added) {
            keyspace.added(this, key); // keyspace notification "new"
        }
    }

    /**
     * Brings the key's share of used memory up to date after a command changed its value in place (LPUSH, HSET...);
     * O(1), because every value keeps its own estimate as it changes.
     */
    public void recount(Key key) {
        Slot slot = data.get(key);
        if (slot != null) {
            charge(slot.recount());
        }
    }
    // end::put[]

    /** Deletes the key with its TTL; returns false if it did not exist. */
    public boolean delete(Key key) {
        Slot slot = data.remove(key);
        if (slot == null) {
            return false;
        }
        keyspace.beforeChange(this, key, slot); // its TTL is still in expires here
        charge(-slot.charged());
        persist(key);
        return true;
    }

    private void charge(long bytes) {
        usedMemory += bytes;
        keyspace.charge(bytes);
    }

    /** This database's share of used_memory, in bytes (see {@link Memory}). */
    public long usedMemory() {
        return usedMemory;
    }

    /** The key's deadline in Unix milliseconds, or -1 if it has none; the key must exist. */
    public long expireAt(Key key) {
        Deadline deadline = expires.get(key);
        return deadline == null ? -1 : deadline.when;
    }

    /** Sets the deadline of an existing key. */
    public void setExpireAt(Key key, long unixMillis) {
        int hash = Dict.hash(key);
        keyspace.beforeChange(this, key, data.get(key, hash));
        Deadline deadline = expires.get(key, hash);
        if (deadline == null) {
            expires.add(new Deadline(key, hash, unixMillis));
            charge(Memory.expireEntry(key));
        } else {
            deadline.when = unixMillis;
        }
    }

    /** Removes the key's deadline; returns false if it had none. */
    public boolean persist(Key key) {
        return persist(key, Dict.hash(key));
    }

    private boolean persist(Key key, int hash) {
        if (expires.size() == 0) {
            return false; // no key has a TTL: nothing to look up (SET on a database without TTLs)
        }
        Slot slot = data.get(key, hash);
        if (slot != null) {
            keyspace.beforeChange(this, key, slot);
        }
        if (expires.remove(key, hash) == null) {
            return false;
        }
        charge(-Memory.expireEntry(key));
        return true;
    }

    /** The number of keys, expired ones not yet reclaimed included (as Redis's DBSIZE). */
    public int size() {
        return data.size();
    }

    public int volatileSize() {
        return expires.size();
    }

    public void clear() {
        data = new Dict<>();    // new tables rather than emptied ones: a running snapshot goes on reading the old
        expires = new Dict<>();
        expireCursor = 0;
        charge(-usedMemory);
    }

    /**
     * SWAPDB: this database and {@code other} exchange their keys, TTLs and memory; each keeps its number, so the
     * clients that selected it, and those watching or blocked on its keys, now see the other's data.
     */
    void swapWith(Database other) {
        Dict<Slot> data = this.data;
        Dict<Deadline> expires = this.expires;
        long cursor = this.expireCursor;
        long memory = this.usedMemory;
        this.data = other.data;
        this.expires = other.expires;
        this.expireCursor = other.expireCursor;
        this.usedMemory = other.usedMemory;
        other.data = data;
        other.expires = expires;
        other.expireCursor = cursor;
        other.usedMemory = memory;
    }

    /** A random live key, or {@code null}; expired keys met on the way are deleted. */
    public Key randomKey(RandomGenerator random) {
        for (int tries = 0; tries < 100 && data.size() > 0; tries++) {
            Key key = data.randomKey(random);
            if (!expireIfNeeded(key, Dict.hash(key))) {
                return key;
            }
        }
        return null;
    }

    /** One step of SCAN over the keys (see {@link Dict#scan}); expired keys are left for the caller to filter. */
    public long scan(long cursor, BiConsumer<Key, Value> visitor) {
        return data.scan(cursor, slot -> visitor.accept(slot.key(), slot.value()));
    }

    /** Every key, for KEYS. */
    public List<Key> keys() {
        return data.keys();
    }

    /** MEMORY STATS' overhead.hashtable.main: what the keys' table nodes cost, their values apart. */
    public long keysOverhead() {
        return (long) data.size() * Memory.KEY_OVERHEAD;
    }

    /** MEMORY STATS' overhead.hashtable.expires: what the TTLs' table costs. */
    public long expiresOverhead() {
        return (long) expires.size() * Memory.DEADLINE;
    }

    /** MEMORY USAGE: the key's share of used memory, its TTL included; the key must exist. */
    public long memoryUsage(Key key) {
        return data.get(key).charged() + (expires.get(key) == null ? 0 : Memory.expireEntry(key));
    }

    /** OBJECT FREQ: the key's LFU counter; the key must exist. */
    public int frequency(Key key) {
        return keyspace.eviction().frequency(data.get(key));
    }

    /** RESTORE's IDLETIME and FREQ (-1 where not given), as the policy keeps them; the key must exist. */
    public void restoreAccess(Key key, long idleSeconds, int frequency) {
        keyspace.eviction().restoreAccess(data.get(key), idleSeconds, frequency);
    }

    /** DEBUG OBJECT's lru: the key's 24-bit access field as it is (an LRU clock, or LFU time and counter). */
    public int accessField(Key key) {
        return data.get(key).access;
    }

    /** OBJECT IDLETIME: seconds since the key was last accessed; the key must exist. */
    public long idleSeconds(Key key) {
        return keyspace.eviction().idleSeconds(data.get(key));
    }

    // ---- eviction sampling: candidates are every key, or only the keys with a TTL (volatile-* policies)

    int candidateCount(boolean allKeys) {
        return allKeys ? data.size() : expires.size();
    }

    Key sample(boolean allKeys, RandomGenerator random) {
        return allKeys ? data.randomKey(random) : expires.randomKey(random);
    }

    boolean isCandidate(Key key, boolean allKeys) {
        return allKeys ? data.get(key) != null : expires.get(key) != null;
    }

    Slot slot(Key key) {
        return data.get(key);
    }

    Dict<Slot> data() {
        return data;
    }

    Dict<Deadline> expires() {
        return expires;
    }

    /** Moves up to {@code buckets} buckets of each table's resize under way; false when neither is resizing. */
    boolean rehash(int buckets) {
        boolean data = this.data.rehash(buckets);
        return expires.rehash(buckets) | data;
    }

    // tag::active-expiry[]
    /**
     * Looks at about {@code samples} keys that have a TTL, continuing where the last call stopped, and deletes the
     * expired ones. Returns {@code {looked at, deleted}} so the cycle can decide whether to go on.
     */
    long[] activeExpire(int samples, long now) {
        List<Key> expired = new ArrayList<>();
        long[] looked = {0};
        int buckets = 0;
        do {
            expireCursor = expires.scan(expireCursor, deadline -> {
                looked[0]++;
                if (now > deadline.when) {
                    expired.add(deadline.key());
                }
            });
            buckets++;
        } while (expireCursor != 0 && looked[0] < samples && buckets < samples * 20);
        for (Key key : expired) {
            delete(key); // after the scan step: deleting may shrink the table the step was walking
            keyspace.deleted(this, key);
        }
        return new long[] {looked[0], expired.size()};
    }
    // end::active-expiry[]
}
