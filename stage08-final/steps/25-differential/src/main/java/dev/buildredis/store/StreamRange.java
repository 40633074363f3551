package dev.buildredis.store;

import java.util.Collections;
import java.util.Iterator;
import java.util.NavigableMap;
import java.util.NoSuchElementException;

/**
 * Walks a stream's live entries between two IDs, both included, across its nodes, skipping tombstones: forward from
 * the node at or before the start, or backward from the node at or before the end. Lazy, so that a COUNT ends the
 * walk: XRANGE of M entries costs O(log N) to find the first node, then O(M) and the tombstones walked over.
 */
final class StreamRange {

    private StreamRange() {
    }

    /** Live entries from start to end in ID order: the node at or before start, then the ones after it. */
    static final class Forward implements Iterator<StreamEntry> {
        private final StreamId end;
        private final Iterator<StreamNode> nodeWalk;
        private StreamNode node;
        private int index;
        private StreamEntry next;

        Forward(NavigableMap<StreamId, StreamNode> nodes, StreamId start, StreamId end) {
            this.end = end;
            StreamId from = nodes.floorKey(start);
            nodeWalk = (from == null ? nodes : nodes.tailMap(from, true)).values().iterator();
            if (nodeWalk.hasNext()) {
                node = nodeWalk.next();
                index = node.ceilingIndex(start);
            }
            advance();
        }

        private void advance() {
            next = null;
            while (node != null) {
                while (index < node.entries().size()) {
                    StreamEntry entry = node.entries().get(index++);
                    if (entry.id().isAfter(end)) {
                        node = null;
                        return;
                    }
                    if (!entry.deleted()) {
                        next = entry;
                        return;
                    }
                }
                node = nodeWalk.hasNext() ? nodeWalk.next() : null;
                index = 0;
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public StreamEntry next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            StreamEntry entry = next;
            advance();
            return entry;
        }
    }

    /** Live entries from end back to start: the node at or before end, then the ones before it. */
    static final class Backward implements Iterator<StreamEntry> {
        private final StreamId start;
        private final Iterator<StreamNode> nodeWalk;
        private StreamNode node;
        private int index;
        private StreamEntry next;

        Backward(NavigableMap<StreamId, StreamNode> nodes, StreamId start, StreamId end) {
            this.start = start;
            StreamId from = nodes.floorKey(end);
            nodeWalk = from == null ? Collections.emptyIterator()
                    : nodes.headMap(from, true).descendingMap().values().iterator();
            if (nodeWalk.hasNext()) {
                node = nodeWalk.next();
                index = node.floorIndex(end);
            }
            advance();
        }

        private void advance() {
            next = null;
            while (node != null) {
                while (index >= 0) {
                    StreamEntry entry = node.entries().get(index--);
                    if (entry.id().isBefore(start)) {
                        node = null;
                        return;
                    }
                    if (!entry.deleted()) {
                        next = entry;
                        return;
                    }
                }
                node = nodeWalk.hasNext() ? nodeWalk.next() : null;
                index = node == null ? -1 : node.entries().size() - 1;
            }
        }

        @Override
        public boolean hasNext() {
            return next != null;
        }

        @Override
        public StreamEntry next() {
            if (next == null) {
                throw new NoSuchElementException();
            }
            StreamEntry entry = next;
            advance();
            return entry;
        }
    }
}
