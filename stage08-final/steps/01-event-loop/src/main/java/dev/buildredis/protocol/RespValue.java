package dev.buildredis.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * A reply in RESP2, the Redis serialization protocol: one record per kind, and {@link RespWriter} encodes each.
 * <pre>
 * +OK\r\n                     SimpleString("OK")
 * -ERR unknown command\r\n    SimpleError("ERR unknown command")
 * :42\r\n                     Int(42)
 * $5\r\nhello\r\n             BulkString("hello")   binary-safe: any bytes, length first
 * $-1\r\n                     NullBulkString        "no such value"
 * *2\r\n:1\r\n:2\r\n          Array([Int(1), Int(2)])
 * *-1\r\n                     NullArray
 * </pre>
 * The interface is sealed, so a {@code switch} over a value without {@code default} is checked by the compiler to
 * cover every kind.
 */
public sealed interface RespValue {

    /** {@code +OK}: the reply of most commands that succeed without a value. */
    SimpleString OK = new SimpleString("OK");

    /** {@code $-1}: the reply for a key or value that does not exist. */
    NullBulkString NULL = new NullBulkString();

    /** A short text without CR or LF, sent as is. */
    record SimpleString(String value) implements RespValue {
    }

    /** An error; by convention the first word is its kind ({@code ERR}, {@code WRONGTYPE}). No CR or LF inside. */
    record SimpleError(String message) implements RespValue {
    }

    /** A signed 64-bit integer. */
    record Int(long value) implements RespValue {
    }

    /** Any bytes, sent with their length first, so they may contain CR, LF or anything else. */
    record BulkString(byte[] bytes) implements RespValue {

        /** The bytes of a Java string, UTF-8 encoded. */
        public static BulkString of(String text) {
            return new BulkString(text.getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof BulkString bulk && Arrays.equals(bytes, bulk.bytes);
        }

        @Override
        public int hashCode() {
            return Arrays.hashCode(bytes);
        }

        @Override
        public String toString() {
            return "BulkString[" + new String(bytes, StandardCharsets.ISO_8859_1) + "]";
        }
    }

    /** The null bulk string: "there is no value". */
    record NullBulkString() implements RespValue {
    }

    /** An ordered list of values, of any kinds. */
    record Array(List<RespValue> items) implements RespValue {
    }

    /** The null array (RESP2 has a null of each of its two aggregate kinds). */
    record NullArray() implements RespValue {
    }
}
