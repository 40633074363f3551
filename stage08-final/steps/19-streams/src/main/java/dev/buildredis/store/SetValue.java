package dev.buildredis.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A set value: distinct members in a hash set.
 *
 * <p>Redis 7.0 keeps a set whose members are all integers (at most 512 of them) as an {@code intset}, a sorted
 * array, and lists it in ascending order; once a member is not an integer or the set grows past 512 it becomes a
 * hash table for good. This class follows the same rule for the order it lists members in, so SMEMBERS of
 * {@code 3 1 2} is {@code 1 2 3} here as there.
 */
public final class SetValue extends Value {

    private final Set<Key> members = new HashSet<>();
    private final Encodings encodings;
    private boolean intset = true;
    private long memberBytes; // every member's node, Key and array, for memoryBytes

    public SetValue(Encodings encodings) {
        this.encodings = encodings;
    }

    // tag::add[]
    public boolean add(Key member) {
        boolean added = members.add(member);
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
        boolean removed = members.remove(member);
        if (removed) {
            memberBytes -= bytes(member);
        }
        return removed;
    }

    /** A member's cost: its HashMap node and table share, its Key and the Key's array. */
    private static long bytes(Key member) {
        return Memory.HASH_NODE + Memory.OBJECT + Memory.array(member.bytes().length);
    }

    /** The object, the HashSet and its HashMap, and every member. */
    @Override
    public long memoryBytes() {
        return 24 + 16 + 48 + memberBytes;
    }

    public boolean contains(Key member) {
        return members.contains(member);
    }

    public int size() {
        return members.size();
    }

    // tag::members[]
    /** The members, ascending as integers while the set would be an intset in Redis, else in hash order. */
    public List<Key> members() {
        List<Key> list = new ArrayList<>(members);
        if (intset) {
            list.sort(Comparator.comparingLong(k -> Numbers.parseLong(k.bytes())));
        }
        return list;
    }
    // end::members[]

    /** The underlying set, for intersections and lookups; the caller must not change it. */
    public Set<Key> view() {
        return members;
    }

    @Override
    public SetValue copy() {
        SetValue copy = new SetValue(encodings);
        copy.members.addAll(members);
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
