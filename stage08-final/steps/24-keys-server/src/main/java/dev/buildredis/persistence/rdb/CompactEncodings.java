package dev.buildredis.persistence.rdb;

import dev.buildredis.store.Key;
import dev.buildredis.store.ListValue;
import dev.buildredis.store.Numbers;

import java.util.ArrayList;
import java.util.List;

/**
 * The compact encodings Redis 7.0 keeps small values in, built from this server's values the way Redis would hold
 * them, for DUMP payloads that equal redis-server's byte for byte:
 * <pre>
 *   intset     encoding(4, LE: 2, 4 or 8 bytes a member)  length(4, LE)  members ascending, LE, that width
 *   quicklist  nodes of at most list-max-listpack-size (-2: 8 KB of listpack) each; an element of
 *              quicklist-packed-threshold bytes or more (1 GB unless DEBUG says otherwise) is a plain node of its own
 * </pre>
 * A list's nodes are laid out as RPUSH would have filled them from empty. Redis's own layout depends on the list's
 * history (LPUSH fills nodes from the head, deletions merge them), so a list of more than one node may be split
 * differently there; it loads the same either way.
 */
final class CompactEncodings {

    /** Redis's SIZE_SAFETY_LIMIT: no listpack node grows past this, whatever the fill. */
    private static final int SIZE_SAFETY_LIMIT = 8192;
    /** What Redis adds to an element's length to estimate its entry's size in a listpack. */
    private static final int SIZE_ESTIMATE_OVERHEAD = 8;
    /** The node sizes list-max-listpack-size -1 to -5 stand for. */
    private static final int[] OPTIMIZATION_LEVEL = {4096, 8192, 16384, 32768, 65536};

    private CompactEncodings() {
    }

    /** An intset of members that are all integers, in ascending order. */
    static byte[] intset(List<Key> ascending) {
        int width = 2;
        for (Key member : ascending) {
            long v = Numbers.parseLong(member.bytes());
            if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
                width = 8;
            } else if ((v < Short.MIN_VALUE || v > Short.MAX_VALUE) && width < 4) {
                width = 4;
            }
        }
        byte[] blob = new byte[8 + width * ascending.size()];
        littleEndian(blob, 0, width, 4);
        littleEndian(blob, 4, ascending.size(), 4);
        for (int i = 0; i < ascending.size(); i++) {
            littleEndian(blob, 8 + i * width, Numbers.parseLong(ascending.get(i).bytes()), width);
        }
        return blob;
    }

    /** One quicklist node: a listpack of elements, or (plain) one element as it is. */
    record Node(boolean plain, byte[] blob, int count) {
    }

    // tag::quicklist[]
    /** The list's nodes, as Redis's quicklistPushTail fills them one element at a time. */
    static List<Node> quicklist(ListValue list, int fill, long packedThreshold) {
        List<Node> nodes = new ArrayList<>();
        ListpackWriter tail = null;
        for (int i = 0; i < list.size(); i++) {
            byte[] element = list.get(i);
            if (element.length >= packedThreshold) {
                if (tail != null) {
                    nodes.add(new Node(false, tail.toBytes(), tail.count()));
                    tail = null;
                }
                nodes.add(new Node(true, element, 1));
                continue;
            }
            if (tail == null || !allowInsert(tail, fill, element.length)) {
                if (tail != null) {
                    nodes.add(new Node(false, tail.toBytes(), tail.count()));
                }
                tail = new ListpackWriter();
            }
            tail.add(element);
        }
        if (tail != null) {
            nodes.add(new Node(false, tail.toBytes(), tail.count()));
        }
        return nodes;
    }

    /**
     * Redis 7.0's {@code _quicklistNodeAllowInsert}: the node's size plus the element's and an estimate of 8 bytes of
     * entry overhead must stay within the fill's size limit (or, for a positive fill, the count and 8 KB).
     */
    private static boolean allowInsert(ListpackWriter node, int fill, int size) {
        long newSize = (long) node.bytes() + size + SIZE_ESTIMATE_OVERHEAD;
        if (fill < 0) {
            return newSize <= OPTIMIZATION_LEVEL[Math.min(-fill - 1, OPTIMIZATION_LEVEL.length - 1)];
        }
        return newSize <= SIZE_SAFETY_LIMIT && node.count() + 1 <= Math.max(fill, 1);
    }
    // end::quicklist[]

    private static void littleEndian(byte[] into, int at, long value, int width) {
        for (int i = 0; i < width; i++) {
            into[at + i] = (byte) (value >>> (8 * i));
        }
    }
}
