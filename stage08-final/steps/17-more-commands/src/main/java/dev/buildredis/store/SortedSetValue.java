package dev.buildredis.store;

import java.util.HashMap;
import java.util.Map;

/**
 * A sorted set value, as Redis builds it: a hash from member to score (ZSCORE in O(1)) plus a {@link SkipList}
 * ordered by (score, member) (ranks and ranges in O(log N)). Both always hold the same members.
 */
public final class SortedSetValue extends Value {

    private final Map<Key, Double> scores = new HashMap<>();
    private final SkipList list = new SkipList();
    private final Encodings encodings;
    private boolean listpack = true; // what Redis would hold: see Encodings
    private long memberBytes; // every member's cost in both structures, for memoryBytes

    public SortedSetValue(Encodings encodings) {
        this.encodings = encodings;
    }

    /** A skip list node with its arrays of links and spans, at the average of 1.33 levels. */
    private static final int SKIPLIST_NODE = 88;

    /** The member's score, or {@code null}. */
    public Double score(Key member) {
        return scores.get(member);
    }

    // tag::zset-put[]
    /** Adds the member or moves it to a new score; returns true if it was added. */
    public boolean put(Key member, double score) {
        if (Double.doubleToRawLongBits(score) == NEGATIVE_ZERO && staysListpackWith(member)) {
            score = 0.0; // a listpack keeps a score as text, and Redis 7.0 writes -0 there as "0"
        }
        Double old = scores.put(member, score);
        if (old != null) {
            if (old == score) {
                return false;
            }
            list.delete(old, member);
        } else {
            memberBytes += bytes(member);
            listpack = staysListpackWith(member);
        }
        list.insert(score, member);
        return old == null;
    }
    // end::zset-put[]

    private static final long NEGATIVE_ZERO = Double.doubleToRawLongBits(-0.0);

    /** True if Redis would still hold the set as a listpack with the member in it (it converts before adding). */
    private boolean staysListpackWith(Key member) {
        int size = scores.containsKey(member) ? scores.size() : scores.size() + 1;
        return listpack && size <= encodings.zsetEntries && member.bytes().length <= encodings.zsetValue;
    }

    public boolean remove(Key member) {
        Double old = scores.remove(member);
        if (old == null) {
            return false;
        }
        list.delete(old, member);
        memberBytes -= bytes(member);
        return true;
    }

    /** A member's cost: the hash node, the boxed score, the Key and its array, and the skip list node. */
    private static long bytes(Key member) {
        return Memory.HASH_NODE + Memory.OBJECT + Memory.OBJECT + Memory.array(member.bytes().length) + SKIPLIST_NODE;
    }

    /** The object, the HashMap, the skip list's header, and every member. */
    @Override
    public long memoryBytes() {
        return 24 + 48 + 400 + memberBytes;
    }

    public int size() {
        return scores.size();
    }

    /** The member's 0-based rank in ascending order, or -1. */
    public long rank(Key member) {
        Double score = scores.get(member);
        return score == null ? -1 : list.rank(score, member);
    }

    public SkipList list() {
        return list;
    }

    /** Held as a skip list from now on, however small: Redis's SORT converts a sorted set before it reads it. */
    public void toSkipList() {
        listpack = false;
    }

    @Override
    public SortedSetValue copy() {
        SortedSetValue copy = new SortedSetValue(encodings);
        scores.forEach(copy::put);
        copy.listpack = listpack; // COPY keeps the encoding, whatever the limits are now
        return copy;
    }

    @Override
    public String typeName() {
        return "zset";
    }

    @Override
    public String encoding() {
        return listpack ? "listpack" : "skiplist";
    }
}
