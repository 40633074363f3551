package dev.buildredis.store;

import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A set value: distinct members in a {@link Dict}, the server's own hash table, which can draw a random member
 * without walking the set (SPOP, SRANDMEMBER), as Redis's {@code dict} does.
 *
 * <p>Redis 7.0 keeps a set whose members are all integers (at most 512 of them) as an {@code intset}, a sorted
 * array, and lists it in ascending order; once a member is not an integer or the set grows past 512 it becomes a
 * hash table for good. This class follows the same rule for the order it lists members in, so SMEMBERS of
 * {@code 3 1 2} is {@code 1 2 3} here as there.
 */
public final class SetValue extends Value {

    /** A member: the Dict node alone, which holds the member's bytes. */
    private static final class Member extends Dict.Node {
        Member(Key key, int hash) {
            super(key, hash);
        }
    }

    /** A {@link Member} (header, the Dict node's key, key length, hash and next: 32 bytes) and its table share. */
    private static final int MEMBER_NODE = 32 + Memory.TABLE_SHARE;

    private final Dict<Member> members = new Dict<>();
    private final Encodings encodings;
    private boolean intset = true;
    private long memberBytes; // every member's node, Key and array, for memoryBytes

    public SetValue(Encodings encodings) {
        this.encodings = encodings;
    }

    // tag::add[]
    public boolean add(Key member) {
        int hash = Dict.hash(member);
        boolean added = members.get(member, hash) == null;
        if (added) {
            members.add(new Member(member, hash));
        }
        if (added) {
            memberBytes += bytes(member);
        }
        if (added && intset && (members.size() > encodings.setIntsetEntries || Numbers.parseLong(member.bytes()) == null)) {
            intset = false;
        }
        return added;
    }
    // end::add[]

    public boolean remove(Key member) {
        boolean removed = members.remove(member) != null;
        if (removed) {
            memberBytes -= bytes(member);
        }
        return removed;
    }

    /** A member's cost: its Dict node and table share, and its bytes. */
    private static long bytes(Key member) {
        return MEMBER_NODE + Memory.array(member.bytes().length);
    }

    /** The object, the Dict and its first table, and every member. */
    @Override
    public long memoryBytes() {
        return 24 + 32 + 48 + memberBytes;
    }

    public boolean contains(Key member) {
        return members.get(member) != null;
    }

    /**
     * {@code count} distinct members at random (at most the size), in the table's order: one walk of the set, each
     * member taken with the chance that it is still needed (selection sampling).
     */
    public List<Key> sample(int count, RandomGenerator random) {
        List<Key> chosen = new ArrayList<>(Math.min(count, size()));
        int[] left = {size()};
        members.forEach(m -> {
            if (random.nextInt(left[0]--) < count - chosen.size()) {
                chosen.add(m.key());
            }
        });
        return chosen;
    }

    /** A random member, or {@code null} if the set is empty: a draw from the table, not a walk of the set. */
    public Key random(RandomGenerator random) {
        return members.randomKey(random);
    }

    public int size() {
        return members.size();
    }

    // tag::members[]
    /** The members, ascending as integers while the set would be an intset in Redis, else in hash order. */
    public List<Key> members() {
        List<Key> list = members.keys();
        if (intset) {
            list.sort(Comparator.comparingLong(k -> Numbers.parseLong(k.bytes())));
        }
        return list;
    }
    // end::members[]

    /** The members as a read-only {@link Set}, for intersections and lookups (iterating it copies the members). */
    public Set<Key> view() {
        return new AbstractSet<>() {
            @Override
            public int size() {
                return members.size();
            }

            @Override
            public boolean contains(Object member) {
                return member instanceof Key key && SetValue.this.contains(key);
            }

            @Override
            public Iterator<Key> iterator() {
                return members.keys().iterator(); // a copy: a lookup during the walk may move the table's buckets
            }
        };
    }

    @Override
    public SetValue copy() {
        SetValue copy = new SetValue(encodings);
        members.forEach(m -> copy.members.add(new Member(m.key(), m.hash)));
        copy.intset = intset;
        copy.memberBytes = memberBytes;
        return copy;
    }

    @Override
    public String typeName() {
        return "set";
    }

    @Override
    public String encoding() {
        return intset ? "intset" : "hashtable";
    }
}
