// @step 19
package dev.buildredis.store;

import java.io.ByteArrayOutputStream;
import java.util.List;

/**
 * A stream node as Redis's listpack, both ways: what an RDB file stores for each node (RDB_TYPE_STREAM_LISTPACKS).
 * A master entry, then each entry, IDs as differences from the master ID (the node's key, the ID of its first
 * entry), all listpack elements (see {@link Listpacks}):
 * <pre>
 *   master:  count  deleted  num-fields  field_1 ... field_N  0
 *   entry:   flags  ms-diff  seq-diff  [num-fields  field_1 value_1 ... field_N value_N]  lp-count
 *            flags: 1 deleted, 2 SAMEFIELDS (the master's fields: only the values are stored)
 *            lp-count: the elements of the entry but itself, so that the listpack can be walked backwards
 * </pre>
 */
final class StreamListpack {

    private StreamListpack() {
    }

    /** The node, byte for byte as Redis lays it out; its length is the node's {@link StreamNode#listpackBytes}. */
    static byte[] write(StreamNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream((int) Math.min(node.listpackBytes(), 1 << 20));
        int elements = 4 + node.masterFields().length;
        for (StreamEntry entry : node.entries()) {
            elements += (int) StreamNode.lpCount(entry) + 1;
        }
        Listpacks.writeHeader(out, node.listpackBytes(), elements);
        Listpacks.writeInteger(out, node.live());
        Listpacks.writeInteger(out, node.deleted());
        Listpacks.writeInteger(out, node.masterFields().length);
        for (byte[] field : node.masterFields()) {
            Listpacks.write(out, field);
        }
        Listpacks.writeInteger(out, 0);
        for (StreamEntry entry : node.entries()) {
            Listpacks.writeInteger(out, entry.flags());
            Listpacks.writeInteger(out, entry.id().ms() - node.master().ms());
            Listpacks.writeInteger(out, entry.id().seq() - node.master().seq());
            if (!entry.sameFields()) {
                Listpacks.writeInteger(out, entry.fieldCount());
            }
            for (int i = 0; i < entry.fieldCount(); i++) {
                if (!entry.sameFields()) {
                    Listpacks.write(out, entry.field(i));
                }
                Listpacks.write(out, entry.value(i));
            }
            Listpacks.writeInteger(out, StreamNode.lpCount(entry));
        }
        Listpacks.writeEnd(out);
        return out.toByteArray();
    }

    /**
     * A node from the elements of a listpack that an RDB file holds (integers as their decimal text), checked as
     * Redis's {@code streamValidateListpackIntegrity} checks it.
     *
     * @throws IllegalArgumentException if the elements are not a stream node's
     */
    static StreamNode read(StreamId master, List<byte[]> elements) {
        Cursor in = new Cursor(elements);
        long count = in.integer("count");
        long deleted = in.integer("deleted count");
        long fieldCount = in.integer("master field count");
        if (count < 0 || deleted < 0 || fieldCount < 0 || fieldCount > elements.size()) {
            throw new IllegalArgumentException("bad master entry counts");
        }
        byte[][] masterFields = new byte[(int) fieldCount][];
        for (int i = 0; i < fieldCount; i++) {
            masterFields[i] = in.next("master field");
        }
        if (in.integer("master terminator") != 0) {
            throw new IllegalArgumentException("master entry does not end with 0");
        }
        StreamNode node = new StreamNode(master, masterFields);
        StreamId previous = null;
        for (long n = count + deleted; n > 0; n--) {
            long flags = in.integer("flags");
            StreamId id = new StreamId(master.ms() + in.integer("ms-diff"), master.seq() + in.integer("seq-diff"));
            if (previous != null && !id.isAfter(previous) || previous == null && id.isBefore(master)) {
                throw new IllegalArgumentException("entry " + id + " out of order");
            }
            previous = id;
            boolean same = (flags & StreamNode.FLAGS_SAME_FIELDS) != 0;
            long fields = same ? fieldCount : in.integer("field count");
            if (fields < 0 || fields > elements.size()) {
                throw new IllegalArgumentException("bad field count " + fields);
            }
            byte[][] names = same ? masterFields : new byte[(int) fields][];
            byte[][] values = new byte[(int) fields][];
            for (int i = 0; i < fields; i++) {
                if (!same) {
                    names[i] = in.next("field");
                }
                values[i] = in.next("value");
            }
            StreamEntry entry = new StreamEntry(id, names, values, same, (flags & StreamNode.FLAGS_DELETED) != 0);
            if (in.integer("lp-count") != StreamNode.lpCount(entry)) {
                throw new IllegalArgumentException("lp-count of entry " + id + " is wrong");
            }
            node.add(entry);
        }
        if (in.hasNext()) {
            throw new IllegalArgumentException("elements after the last entry");
        }
        if (node.live() != count || node.deleted() != deleted) {
            throw new IllegalArgumentException("the master entry's counts do not match its entries");
        }
        if (node.entries().isEmpty()) {
            throw new IllegalArgumentException("a node without entries");
        }
        return node;
    }

    /** Walks a listpack's elements, failing with what it expected when they run out or are not a number. */
    private static final class Cursor {
        private final List<byte[]> elements;
        private int next;

        Cursor(List<byte[]> elements) {
            this.elements = elements;
        }

        boolean hasNext() {
            return next < elements.size();
        }

        byte[] next(String what) {
            if (!hasNext()) {
                throw new IllegalArgumentException("the listpack ends before the " + what);
            }
            return elements.get(next++);
        }

        long integer(String what) {
            Long value = Numbers.parseLong(next(what));
            if (value == null) {
                throw new IllegalArgumentException("the " + what + " is not an integer");
            }
            return value;
        }
    }
}
