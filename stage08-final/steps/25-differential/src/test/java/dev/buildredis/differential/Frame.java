package dev.buildredis.differential;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One reply as it came off the wire: its type byte, its exact bytes, and its parts. The differential test compares
 * {@link #raw()} byte for byte; the parts are there for the replies it can only compare by invariant (the members
 * SPOP returned, SCAN's cursor).
 *
 * <pre>
 * ":42\r\n"                     type ':'  text "42"   no children
 * "$3\r\nfoo\r\n"               type '$'  text "foo"  no children
 * "*2\r\n$1\r\na\r\n:1\r\n"     type '*'  no text     children [$a, :1]
 * "%1\r\n+k\r\n+v\r\n"          type '%'  no text     children [+k, +v]   (a map's keys and values in turn)
 * </pre>
 *
 * @param type     the RESP type byte: {@code + - : $ * _ , # ! = ( % ~ >}
 * @param raw      every byte of the reply, header and CR LF included
 * @param text     a line's text or a bulk string's content; {@code null} for aggregates and nulls
 * @param children an aggregate's elements (a map's keys and values in turn); empty otherwise
 */
record Frame(char type, byte[] raw, byte[] text, List<Frame> children) {

    /** What a side shows instead of a reply when its connection closed or stayed silent. */
    static Frame missing(String why) {
        byte[] text = why.getBytes(StandardCharsets.ISO_8859_1);
        return new Frame('?', text, text, List.of());
    }

    boolean isError() {
        return type == '-' || type == '!';
    }

    boolean isMissing() {
        return type == '?';
    }

    boolean isPush() {
        return type == '>';
    }

    /** A null of either protocol: {@code $-1}, {@code *-1} or RESP3's {@code _}. */
    boolean isNull() {
        return type == '_' || (text == null && children.isEmpty() && raw.length > 1 && raw[1] == '-');
    }

    boolean isAggregate() {
        return type == '*' || type == '%' || type == '~' || type == '>';
    }

    boolean isInteger() {
        return type == ':';
    }

    long asLong() {
        return Long.parseLong(string());
    }

    /** The text as a string of one char a byte, or "" where there is none. */
    String string() {
        return text == null ? "" : new String(text, StandardCharsets.ISO_8859_1);
    }

    /** The reply as a Java string literal, CR LF and every unprintable byte escaped. */
    @Override
    public String toString() {
        return Escape.literal(raw);
    }
}
