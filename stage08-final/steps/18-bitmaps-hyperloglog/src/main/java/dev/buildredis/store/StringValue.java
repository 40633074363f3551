package dev.buildredis.store;

import java.util.Arrays;

/**
 * A string value: any bytes, up to 512 MB. Kept with spare room at its end, as Redis's {@code sds} does, so that a
 * run of APPENDs copies the bytes a logarithmic number of times rather than at every append.
 *
 * <p>A short string is not kept in an object of its own: the database copies it into its key's array, right after
 * the key's bytes, and a lookup hands out a view of that array ({@link #embedded}). This is Redis's {@code embstr}
 * (object header and bytes in one allocation) taken one step further, for the same reason: a million keys with
 * small values cost a million objects fewer. A view is read-only in effect: {@link #append} and {@link #setRange}
 * copy its bytes out first, and the command stores the changed string again.
 */
public final class StringValue extends Value {

    /** Redis's proto-max-bulk-len: APPEND and SETRANGE may not make a string longer. */
    public static final long MAX_LENGTH = 512L * 1024 * 1024;

    /** The most bytes one Java array holds: a string never grows past it, whatever proto-max-bulk-len says. */
    public static final long MAX_ARRAY = Integer.MAX_VALUE - 8;

    /** The longest string Redis stores as {@code embstr}, and the longest the database embeds in its key's array. */
    static final int EMBSTR_LIMIT = 44;

    /** This object: header, array reference, offset, length and two flags (26 bytes), aligned to 32. */
    private static final int OBJECT = 32;

    private byte[] bytes;
    private int offset;       // where the string starts in bytes: after the key, in a view of a key's array
    private int length;
    private boolean raw;      // Redis turns a string it has appended to or overwritten in place into "raw" for good
    private boolean embedded; // bytes is a key's array: never written to, and counted as that array's growth
    private boolean text;     // INCRBYFLOAT's result: Redis keeps it as text (embstr), never as an "int"
    private boolean unshared; // COPY's duplicate: an object of its own in Redis, never one of its shared integers

    /** Redis's shared integer objects: 0 to 9999, each one object whatever the number of keys holding it. */
    private static final long SHARED_INTEGERS = 10_000;

    public StringValue(byte[] bytes) {
        this.bytes = bytes;
        this.length = bytes.length;
    }

    /** INCRBYFLOAT's result: as Redis stores it, never int-encoded even when it reads as an integer ("2"). */
    public static StringValue text(byte[] bytes) {
        StringValue value = new StringValue(bytes);
        value.text = true;
        return value;
    }

    /**
     * A string Redis keeps "raw" from the start because a command made it to change in place (SETBIT, BITOP,
     * PFADD): never embedded in its key, and OBJECT ENCODING says {@code raw} however short. It takes
     * {@code bytes} as it is, with any spare room after {@code length}.
     */
    public static StringValue raw(byte[] bytes, int length) {
        StringValue value = new StringValue(bytes);
        value.length = length;
        value.raw = true;
        return value;
    }

    /** A view of the string embedded in a key's array after the key's {@code keyLength} bytes. */
    static StringValue embedded(byte[] keyArray, int keyLength) {
        StringValue view = new StringValue(keyArray);
        view.offset = keyLength;
        view.length = keyArray.length - keyLength;
        view.embedded = true;
        return view;
    }

    /**
     * Whether the database may copy this string into its key's array: short, never changed in place, and with no
     * flag to keep (an embedded string is a plain one when read back).
     */
    boolean embeddable() {
        return !raw && !text && !unshared && length <= EMBSTR_LIMIT;
    }

    /**
     * Whether Redis would hold this value as one of its shared integer objects, which OBJECT REFCOUNT shows as
     * 2147483647: an int-encoded 0 to 9999 that SET, INCR and the like stored (not COPY's duplicate). Whether the
     * maxmemory policy allowed sharing when it was stored is the caller's to tell: this server asks at OBJECT time.
     */
    public boolean sharedInteger() {
        if (unshared || !encoding().equals("int")) {
            return false;
        }
        long n = Numbers.parseLong(bytes, offset, offset + length);
        return n >= 0 && n < SHARED_INTEGERS;
    }

    /** The bytes, in an array of exactly {@link #length}: a copy if the value has spare room or is a view. */
    public byte[] bytes() {
        if (embedded) {
            return Arrays.copyOfRange(bytes, offset, offset + length);
        }
        if (bytes.length != length) {
            bytes = Arrays.copyOf(bytes, length);
        }
        return bytes;
    }

    /** The array that holds the bytes from {@link #offset} on, for a reply without a copy; never to be written. */
    public byte[] array() {
        return bytes;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** Appends {@code tail}, growing the buffer by doubling. */
    public void append(byte[] tail) {
        ensureCapacity(length + tail.length);
        System.arraycopy(tail, 0, bytes, length, tail.length);
        length += tail.length;
        raw = true;
    }

    /** Writes {@code data} at {@code at}, padding with zero bytes up to it if the string is shorter. */
    public void setRange(int at, byte[] data) {
        int end = at + data.length;
        ensureCapacity(end);
        if (end > length) {
            Arrays.fill(bytes, length, end, (byte) 0);
            length = end;
        }
        System.arraycopy(data, 0, bytes, at, data.length);
        raw = true;
    }

    /**
     * Makes the string at least {@code newLength} bytes long, padding with zero bytes, as Redis's
     * {@code sdsgrowzero} (SETBIT and BITFIELD past the end); turns it raw even when it is long enough already.
     */
    public void growZero(int newLength) {
        ensureCapacity(Math.max(newLength, length));
        if (newLength > length) {
            Arrays.fill(bytes, length, newLength, (byte) 0);
            length = newLength;
        }
        raw = true;
    }

    private void ensureCapacity(int needed) {
        if (embedded) { // a view: the key's array is not ours to write
            bytes = Arrays.copyOfRange(bytes, offset, offset + length);
            offset = 0;
            embedded = false;
        }
        if (needed > bytes.length) {
            bytes = Arrays.copyOf(bytes, Math.max(needed, Math.min(needed * 2, needed + (1 << 20))));
        }
    }

    /**
     * Standing alone: the object and its array, spare room included. Embedded: what the string adds to its key's
     * array, so that a key's cost is {@link Memory#key} plus this in both cases.
     */
    @Override
    public long memoryBytes() {
        return embedded ? Memory.array(offset + length) - Memory.array(offset) : OBJECT + Memory.array(bytes.length);
    }

    /** COPY's duplicate: the same encoding (raw stays raw), but an object of its own, as Redis's dupStringObject. */
    @Override
    public StringValue copy() {
        StringValue copy = new StringValue(Arrays.copyOfRange(bytes, offset, offset + length));
        copy.raw = raw;
        copy.text = text;
        copy.unshared = true;
        return copy;
    }

    @Override
    public String typeName() {
        return "string";
    }

    @Override
    public String encoding() {
        if (!raw && !text && length <= 20 && Numbers.parseLong(bytes, offset, offset + length) != null) {
            return "int";
        }
        return !raw && length <= EMBSTR_LIMIT ? "embstr" : "raw";
    }
}
