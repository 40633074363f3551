package dev.buildredis.differential;

import java.nio.charset.StandardCharsets;

/** Bytes shown to a person: as a Java string literal in reports, or quoted as redis-cli reads its arguments. */
final class Escape {

    /** The longest reply a report shows in full; longer ones are cut, with the number of bytes left out. */
    private static final int SHOWN = 600;

    private Escape() {
    }

    /** {@code "+OK\r\n"}: printable ASCII as is, {@code \r \n \t \\ \"} escaped, other bytes as {@code \xHH}. */
    static String literal(byte[] bytes) {
        StringBuilder s = new StringBuilder("\"");
        int shown = Math.min(bytes.length, SHOWN);
        for (int i = 0; i < shown; i++) {
            appendEscaped(s, bytes[i] & 0xff);
        }
        s.append('"');
        if (bytes.length > shown) {
            s.append(" (").append(bytes.length - shown).append(" more bytes)");
        }
        return s.toString();
    }

    /**
     * One argument as redis-cli reads it from its prompt: bare when it is plain, else in double quotes with
     * {@code \xHH} escapes, so a reproduction pastes into redis-cli as it is.
     */
    static String argument(String arg) {
        if (!arg.isEmpty() && arg.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != '\'' && c != '\\')) {
            return arg;
        }
        StringBuilder s = new StringBuilder("\"");
        for (byte b : arg.getBytes(StandardCharsets.ISO_8859_1)) {
            appendEscaped(s, b & 0xff);
        }
        return s.append('"').toString();
    }

    private static void appendEscaped(StringBuilder s, int b) {
        switch (b) {
            case '\r' -> s.append("\\r");
            case '\n' -> s.append("\\n");
            case '\t' -> s.append("\\t");
            case '\\' -> s.append("\\\\");
            case '"' -> s.append("\\\"");
            default -> {
                if (b >= 0x20 && b < 0x7f) {
                    s.append((char) b);
                } else {
                    s.append(String.format("\\x%02x", b));
                }
            }
        }
    }
}
