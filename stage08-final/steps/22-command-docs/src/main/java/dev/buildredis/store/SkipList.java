package dev.buildredis.store;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The ordered half of a sorted set, as Redis's {@code zskiplist}: members by (score, member bytes), with the span
 * of every forward link so that the rank of a node is known while walking to it.
 *
 * <pre>
 * level 2: HEAD ──────────────3──────────────▶ c ───────▶ nil
 * level 1: HEAD ──1──▶ a ──────2─────────────▶ c ──1──▶ d
 * level 0: HEAD ──1──▶ a ──1──▶ b ──1──▶ c ──1──▶ d        (numbers: spans, the ranks a link skips)
 * </pre>
 * Insert, delete, find by rank and find the first node in a range are O(log N) on average; each node gets one more
 * level with probability 1/4, up to 32, as in Redis.
 */
public final class SkipList {

    private static final int MAX_LEVEL = 32;
    private static final double P = 0.25;

    /** One member in the list; {@link #next()} and {@link #previous()} walk it in order. */
    public static final class Node {
        final Key member;
        final double score;
        Node backward;
        final Node[] forward;
        final long[] span;

        Node(Key member, double score, int level) {
            this.member = member;
            this.score = score;
            this.forward = new Node[level];
            this.span = new long[level];
        }

        public Key member() {
            return member;
        }

        public double score() {
            return score;
        }

        public Node next() {
            return forward[0];
        }

        public Node previous() {
            return backward;
        }
    }

    private final Node header = new Node(null, 0, MAX_LEVEL);
    private Node tail;
    private int level = 1;
    private long length;

    public long length() {
        return length;
    }

    public Node first() {
        return header.forward[0];
    }

    public Node last() {
        return tail;
    }

    private static boolean before(Node node, double score, Key member) {
        return node.score < score || (node.score == score && node.member.compareTo(member) < 0);
    }

    // tag::skiplist-insert[]
    /** Inserts a member that is not in the list yet. */
    public void insert(double score, Key member) {
        Node[] update = new Node[MAX_LEVEL];
        long[] rank = new long[MAX_LEVEL];
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            rank[i] = i == level - 1 ? 0 : rank[i + 1];
            while (x.forward[i] != null && before(x.forward[i], score, member)) {
                rank[i] += x.span[i];
                x = x.forward[i];
            }
            update[i] = x;
        }
        int newLevel = randomLevel();
        if (newLevel > level) {
            for (int i = level; i < newLevel; i++) {
                rank[i] = 0;
                update[i] = header;
                update[i].span[i] = length;
            }
            level = newLevel;
        }
        x = new Node(member, score, newLevel);
        for (int i = 0; i < newLevel; i++) {
            x.forward[i] = update[i].forward[i];
            update[i].forward[i] = x;
            x.span[i] = update[i].span[i] - (rank[0] - rank[i]);
            update[i].span[i] = (rank[0] - rank[i]) + 1;
        }
        for (int i = newLevel; i < level; i++) {
            update[i].span[i]++;
        }
        x.backward = update[0] == header ? null : update[0];
        if (x.forward[0] != null) {
            x.forward[0].backward = x;
        } else {
            tail = x;
        }
        length++;
    }
    // end::skiplist-insert[]

    /** Removes the member with this score; returns false if it is not there. */
    public boolean delete(double score, Key member) {
        Node[] update = new Node[MAX_LEVEL];
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && before(x.forward[i], score, member)) {
                x = x.forward[i];
            }
            update[i] = x;
        }
        x = x.forward[0];
        if (x == null || x.score != score || !x.member.equals(member)) {
            return false;
        }
        for (int i = 0; i < level; i++) {
            if (update[i].forward[i] == x) {
                update[i].span[i] += x.span[i] - 1;
                update[i].forward[i] = x.forward[i];
            } else {
                update[i].span[i]--;
            }
        }
        if (x.forward[0] != null) {
            x.forward[0].backward = x.backward;
        } else {
            tail = x.backward;
        }
        while (level > 1 && header.forward[level - 1] == null) {
            level--;
        }
        length--;
        return true;
    }

    // tag::rank[]
    /** The 0-based rank of a member known to be in the list with this score. */
    public long rank(double score, Key member) {
        long rank = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && (before(x.forward[i], score, member)
                    || (x.forward[i].score == score && x.forward[i].member.equals(member)))) {
                rank += x.span[i];
                x = x.forward[i];
            }
            if (x.member != null && x.member.equals(member)) {
                return rank - 1;
            }
        }
        return -1;
    }
    // end::rank[]

    /** The node at a 0-based rank (which must be in range). */
    public Node byRank(long rank) {
        long traversed = 0;
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && traversed + x.span[i] <= rank + 1) {
                traversed += x.span[i];
                x = x.forward[i];
            }
            if (traversed == rank + 1) {
                return x;
            }
        }
        return null;
    }

    /** The first node with a score at or above {@code min} (above it if {@code exclusive}), or null. */
    public Node firstFrom(double min, boolean exclusive) {
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && (exclusive ? x.forward[i].score <= min : x.forward[i].score < min)) {
                x = x.forward[i];
            }
        }
        return x.forward[0];
    }

    /** The last node with a score at or below {@code max} (below it if {@code exclusive}), or null. */
    public Node lastUpTo(double max, boolean exclusive) {
        Node x = header;
        for (int i = level - 1; i >= 0; i--) {
            while (x.forward[i] != null && (exclusive ? x.forward[i].score < max : x.forward[i].score <= max)) {
                x = x.forward[i];
            }
        }
        return x == header ? null : x;
    }

    private static int randomLevel() {
        int level = 1;
        ThreadLocalRandom random = ThreadLocalRandom.current();
        while (level < MAX_LEVEL && random.nextDouble() < P) {
            level++;
        }
        return level;
    }
}
