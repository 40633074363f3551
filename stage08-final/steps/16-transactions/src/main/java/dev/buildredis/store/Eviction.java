package dev.buildredis.store;

import java.util.SplittableRandom;
import java.util.function.BiConsumer;

/**
 * {@code maxmemory} and how keys are evicted to stay under it, approximated with sampling as Redis does: no list of
 * keys in access order is kept (it would cost two references per key and work on every read); instead each
 * eviction samples {@code maxmemory-samples} keys per database and keeps the best candidates seen so far in a small
 * pool, so that a good candidate found in one round is not forgotten in the next.
 *
 * <pre>
 *   pool (16, ascending score):  [ k7:2s | k3:9s | ... | k1:340s ]   ◀── evict from the right
 *   score:  LRU  idle time          LFU  255 - counter          volatile-ttl  MAX - deadline
 * </pre>
 * With 5 samples the keys evicted are close to a true LRU's; 10 samples are closer still, at more CPU per eviction.
 */
public final class Eviction {

    /** Redis's EVPOOL_SIZE. */
    static final int POOL_SIZE = 16;

    private final Keyspace keyspace;
    private final SplittableRandom random = new SplittableRandom();
    private final long[] poolScores = new long[POOL_SIZE];
    private final Key[] poolKeys = new Key[POOL_SIZE];
    private final Database[] poolDbs = new Database[POOL_SIZE];
    private int nextDb; // the random policies take their database in turn

    private long maxmemory;
    private Policy policy = Policy.NOEVICTION;
    private int samples = 5;
    private int lfuLogFactor = 10;
    private int lfuDecayTime = 1;
    private long evictedKeys;

    Eviction(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    /** Applies {@code maxmemory} (bytes, 0: no limit), the policy, {@code maxmemory-samples} and the LFU tuning. */
    public void configure(long maxmemory, Policy policy, int samples, int lfuLogFactor, int lfuDecayTime) {
        this.maxmemory = maxmemory;
        this.policy = policy;
        this.samples = samples;
        this.lfuLogFactor = lfuLogFactor;
        this.lfuDecayTime = lfuDecayTime;
    }

    public long maxmemory() {
        return maxmemory;
    }

    public Policy policy() {
        return policy;
    }

    /** Keys evicted since start or CONFIG RESETSTAT (INFO's evicted_keys). */
    public long evictedKeys() {
        return evictedKeys;
    }

    void resetStats() {
        evictedKeys = 0;
    }

    // tag::access[]
    /** The access field of a key created now. */
    int newAccess() {
        long now = keyspace.nowMillis();
        return policy.isLfu() ? Access.lfuNew(now) : Access.lruClock(now);
    }

    /** Records an access: the LRU clock now, or one more (probable) count in the LFU counter. */
    void touch(Slot slot) {
        long now = keyspace.nowMillis();
        slot.access = policy.isLfu()
                ? Access.lfuTouch(slot.access, now, lfuLogFactor, lfuDecayTime, random)
                : Access.lruClock(now);
    }
    // end::access[]

    /** OBJECT FREQ: the key's LFU counter after decay. */
    int frequency(Slot slot) {
        return Access.lfuCounter(slot.access, keyspace.nowMillis(), lfuDecayTime);
    }

    /** OBJECT IDLETIME: seconds since the key's last access. */
    long idleSeconds(Slot slot) {
        return Access.idleMillis(slot.access, keyspace.nowMillis()) / 1000;
    }

    // tag::perform-evictions[]
    /**
     * Evicts keys until used memory is at most {@code maxmemory}, calling {@code evicted} for each (so that WATCH
     * and blocked clients learn of it). Runs before every command while a limit is set.
     *
     * @return false if memory is still over the limit: the policy is noeviction or no candidate is left
     */
    public boolean performEvictions(BiConsumer<Database, Key> evicted) {
        while (maxmemory != 0 && Long.compareUnsigned(keyspace.usedMemory(), maxmemory) > 0) { // unsigned, as in C
            if (policy == Policy.NOEVICTION || !evictOne(evicted)) {
                return false;
            }
        }
        return true;
    }

    private boolean evictOne(BiConsumer<Database, Key> evicted) {
        Database db = null;
        Key key = null;
        if (policy.kind == Policy.Kind.RANDOM) {
            for (int i = 0; i < keyspace.databaseCount() && key == null; i++) {
                db = keyspace.db(nextDb++ % keyspace.databaseCount());
                key = db.sample(policy.allKeys, random);
            }
        } else {
            while (key == null) {
                long candidates = 0;
                for (int i = 0; i < keyspace.databaseCount(); i++) {
                    candidates += populate(keyspace.db(i));
                }
                if (candidates == 0) {
                    return false;
                }
                for (int k = POOL_SIZE - 1; k >= 0 && key == null; k--) {
                    if (poolKeys[k] != null && poolDbs[k].isCandidate(poolKeys[k], policy.allKeys)) {
                        key = poolKeys[k];
                        db = poolDbs[k];
                    }
                    poolKeys[k] = null; // taken, or a ghost: deleted or changed since it was sampled
                    poolDbs[k] = null;
                }
            }
        }
        if (key == null) {
            return false;
        }
        db.delete(key);
        evictedKeys++;
        evicted.accept(db, key);
        return true;
    }
    // end::perform-evictions[]

    /** Samples one database's candidates into the pool; returns how many candidates the database has. */
    private long populate(Database db) {
        int candidates = db.candidateCount(policy.allKeys);
        if (candidates == 0) {
            return 0;
        }
        for (int i = 0; i < samples; i++) {
            Key key = db.sample(policy.allKeys, random);
            offer(db, key, score(db, key));
        }
        return candidates;
    }

    /** Higher is evicted first. */
    private long score(Database db, Key key) {
        return switch (policy.kind) {
            case LRU -> Access.idleMillis(db.slot(key).access, keyspace.nowMillis());
            case LFU -> 255 - frequency(db.slot(key));
            case TTL -> Long.MAX_VALUE - db.expireAt(key);
            case NONE, RANDOM -> throw new IllegalStateException("no pool for " + policy);
        };
    }

    // tag::pool[]
    /** Inserts a sampled key into the pool kept in ascending score, dropping the lowest when the pool is full. */
    private void offer(Database db, Key key, long score) {
        for (int k = 0; k < POOL_SIZE; k++) {
            if (poolKeys[k] != null && poolDbs[k] == db && poolKeys[k].equals(key)) {
                return; // sampled again: already a candidate
            }
        }
        int k = 0;
        while (k < POOL_SIZE && poolKeys[k] != null && poolScores[k] < score) {
            k++;
        }
        if (k == 0 && poolKeys[POOL_SIZE - 1] != null) {
            return; // a worse candidate than every one in a full pool
        }
        if (k < POOL_SIZE && poolKeys[k] == null) {
            put(k, db, key, score);
        } else if (poolKeys[POOL_SIZE - 1] == null) {
            shift(k, k + 1, POOL_SIZE - 1 - k); // room on the right: move the better ones up
            put(k, db, key, score);
        } else {
            shift(1, 0, k - 1); // full: drop the lowest score on the left
            put(k - 1, db, key, score);
        }
    }
    // end::pool[]

    private void shift(int from, int to, int length) {
        System.arraycopy(poolScores, from, poolScores, to, length);
        System.arraycopy(poolKeys, from, poolKeys, to, length);
        System.arraycopy(poolDbs, from, poolDbs, to, length);
    }

    private void put(int k, Database db, Key key, long score) {
        poolScores[k] = score;
        poolKeys[k] = key;
        poolDbs[k] = db;
    }
}
