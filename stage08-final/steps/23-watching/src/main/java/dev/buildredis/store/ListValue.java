package dev.buildredis.store;

import java.util.Arrays;

/**
 * A list value: a ring buffer of elements, so that pushes and pops at both ends are O(1) and LINDEX, LSET and
 * LRANGE reach any position in O(1) too. Inserting or removing in the middle (LINSERT, LREM) moves the elements
 * after it, O(N), as Redis documents for those commands.
 *
 * <pre>
 *   elements: [ c | d | _ | _ | a | b ]     head = 4, size = 4: the list is a b c d
 * </pre>
 * Redis 7.0 stores lists as a quicklist (a linked list of compact listpacks); the costs are the same ones.
 */
public final class ListValue extends Value {

    private byte[][] elements = new byte[8][];
    private int head;
    private int size;
    private long elementBytes; // the byte[] of every element, for memoryBytes

    public int size() {
        return size;
    }

    /** The element at {@code index}, 0 being the head; the caller checks the range. */
    public byte[] get(int index) {
        return elements[slot(index)];
    }

    public void set(int index, byte[] element) {
        int slot = slot(index);
        elementBytes += Memory.array(element.length) - Memory.array(elements[slot].length);
        elements[slot] = element;
    }

    // tag::ring[]
    public void addFirst(byte[] element) {
        grow();
        head = (head - 1 + elements.length) & (elements.length - 1);
        elements[head] = element;
        elementBytes += Memory.array(element.length);
        size++;
    }
    // end::ring[]

    public void addLast(byte[] element) {
        grow();
        elements[slot(size)] = element;
        elementBytes += Memory.array(element.length);
        size++;
    }

    public byte[] removeFirst() {
        byte[] element = elements[head];
        elements[head] = null;
        head = (head + 1) & (elements.length - 1);
        size--;
        elementBytes -= Memory.array(element.length);
        return element;
    }

    public byte[] removeLast() {
        int last = slot(size - 1);
        byte[] element = elements[last];
        elements[last] = null;
        size--;
        elementBytes -= Memory.array(element.length);
        return element;
    }

    /** Inserts at {@code index} (0..size), moving the elements after it one place on. */
    public void insert(int index, byte[] element) {
        addLast(element);
        for (int i = size - 1; i > index; i--) {
            set(i, get(i - 1));
        }
        set(index, element);
    }

    /** Removes the element at {@code index}, moving the elements after it one place back. */
    public void remove(int index) {
        for (int i = index; i < size - 1; i++) {
            set(i, get(i + 1));
        }
        removeLast();
    }

    /** Keeps only {@code [start, end]} (both within range, start &lt;= end). */
    public void trim(int start, int end) {
        byte[][] kept = new byte[Math.max(8, Integer.highestOneBit(Math.max(1, end - start + 1)) * 2)][];
        elementBytes = 0;
        for (int i = start; i <= end; i++) {
            kept[i - start] = get(i);
            elementBytes += Memory.array(kept[i - start].length);
        }
        elements = kept;
        head = 0;
        size = end - start + 1;
    }

    private int slot(int index) {
        return (head + index) & (elements.length - 1);
    }

    private void grow() {
        if (size < elements.length) {
            return;
        }
        byte[][] bigger = new byte[elements.length * 2][];
        for (int i = 0; i < size; i++) {
            bigger[i] = get(i);
        }
        elements = bigger;
        head = 0;
    }

    /** The object, its ring of references and every element's array. */
    @Override
    public long memoryBytes() {
        return 32 + Memory.array((long) Memory.REFERENCE * elements.length) + elementBytes;
    }

    @Override
    public ListValue copy() {
        ListValue copy = new ListValue();
        for (int i = 0; i < size; i++) {
            copy.addLast(get(i));
        }
        return copy;
    }

    @Override
    public String typeName() {
        return "list";
    }

    @Override
    public String encoding() {
        return "quicklist";
    }

    @Override
    public String toString() {
        byte[][] copy = new byte[size][];
        for (int i = 0; i < size; i++) {
            copy[i] = get(i);
        }
        return Arrays.deepToString(copy);
    }
}
