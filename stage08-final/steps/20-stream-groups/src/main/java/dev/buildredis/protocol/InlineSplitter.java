package dev.buildredis.protocol;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits an inline command line into words the way redis-server does (its {@code sdssplitargs}), so that what a
 * user types into telnet or {@code nc} means the same here:
 * <pre>
 * SET greeting "hello world"      → SET, greeting, hello world
 * SET k "tab\there \x41"          → SET, k, tab&lt;TAB&gt;here A      (escapes \n \r \t \b \a \\ \" and \xHH)
 * SET k 'it\'s'                   → SET, k, it's                  (single quotes: only \' is an escape)
 * SET k "open                     → Protocol error: unbalanced quotes in request
 * </pre>
 * A closing quote must be followed by a space or the end of the line.
 */
final class InlineSplitter {

    private InlineSplitter() {
    }

    /** The words of {@code line[from, to)}; an empty list for a blank line. */
    static List<byte[]> split(byte[] line, int from, int to) throws ProtocolException {
        for (int nul = from; nul < to; nul++) {
            if (line[nul] == 0) {
                to = nul; // Redis reads the line as a C string: a NUL byte ends it
            }
        }
        List<byte[]> words = new ArrayList<>();
        int i = from;
        while (true) {
            while (i < to && isSpace(line[i])) {
                i++;
            }
            if (i >= to) {
                return words;
            }
            ByteArrayOutputStream word = new ByteArrayOutputStream();
            boolean inDouble = false;
            boolean inSingle = false;
            boolean done = false;
            while (!done) {
                int c = i < to ? line[i] & 0xff : 0;
                if (inDouble) {
                    if (c == 0) {
                        throw unbalanced();
                    } else if (c == '\\' && i + 3 < to && line[i + 1] == 'x' && isHex(line[i + 2]) && isHex(line[i + 3])) {
                        word.write(Character.digit(line[i + 2], 16) * 16 + Character.digit(line[i + 3], 16));
                        i += 3;
                    } else if (c == '\\' && i + 1 < to) {
                        i++;
                        word.write(unescape(line[i]));
                    } else if (c == '"') {
                        requireSpaceAfter(line, i + 1, to);
                        done = true;
                    } else {
                        word.write(c);
                    }
                } else if (inSingle) {
                    if (c == 0) {
                        throw unbalanced();
                    } else if (c == '\\' && i + 1 < to && line[i + 1] == '\'') {
                        i++;
                        word.write('\'');
                    } else if (c == '\'') {
                        requireSpaceAfter(line, i + 1, to);
                        done = true;
                    } else {
                        word.write(c);
                    }
                } else {
                    switch (c) {
                        case ' ', '\n', '\r', '\t', 0 -> done = true; // 0: the end of the line
                        case '"' -> inDouble = true;
                        case '\'' -> inSingle = true;
                        default -> word.write(c);
                    }
                }
                if (i < to) {
                    i++;
                }
            }
            words.add(word.toByteArray());
        }
    }

    private static int unescape(byte b) {
        return switch (b) {
            case 'n' -> '\n';
            case 'r' -> '\r';
            case 't' -> '\t';
            case 'b' -> '\b';
            case 'a' -> 7;
            default -> b & 0xff;
        };
    }

    private static void requireSpaceAfter(byte[] line, int next, int to) throws ProtocolException {
        if (next < to && !isSpace(line[next])) {
            throw unbalanced();
        }
    }

    private static ProtocolException unbalanced() {
        return new ProtocolException("unbalanced quotes in request");
    }

    private static boolean isSpace(byte b) {
        return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == 0x0b || b == '\f';
    }

    private static boolean isHex(byte b) {
        return Character.digit(b, 16) >= 0;
    }
}
