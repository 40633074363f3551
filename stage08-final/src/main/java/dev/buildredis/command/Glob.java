package dev.buildredis.command;

/**
 * Redis's glob matching (its {@code stringmatchlen}) over bytes, for KEYS, SCAN MATCH, PSUBSCRIBE and CONFIG GET:
 * <pre>
 * *          any run of bytes, none included
 * ?          exactly one byte
 * [abc]      one of a, b, c;  [^abc] none of them;  [a-z] a range
 * \x         the byte x itself, even if it is one of * ? [ \
 * </pre>
 */
final class Glob {

    private Glob() {
    }

    static boolean matches(byte[] pattern, byte[] text, boolean nocase) {
        return matches(pattern, 0, text, 0, nocase, 0);
    }

    /** A pattern of a single {@code *} matches everything: callers skip matching entirely. */
    static boolean matchesAll(byte[] pattern) {
        return pattern.length == 1 && pattern[0] == '*';
    }

    private static boolean matches(byte[] p, int pi, byte[] s, int si, boolean nocase, int depth) {
        if (depth > 1000) {
            return false; // Redis bounds recursion too, so a hostile pattern cannot exhaust the stack
        }
        while (pi < p.length) {
            byte c = p[pi];
            switch (c) {
                case '*' -> {
                    while (pi + 1 < p.length && p[pi + 1] == '*') {
                        pi++;
                    }
                    if (pi + 1 == p.length) {
                        return true;
                    }
                    for (int start = si; start <= s.length; start++) {
                        if (matches(p, pi + 1, s, start, nocase, depth + 1)) {
                            return true;
                        }
                    }
                    return false;
                }
                case '?' -> {
                    if (si == s.length) {
                        return false;
                    }
                    si++;
                }
                case '[' -> {
                    if (si == s.length) {
                        return false;
                    }
                    pi++;
                    boolean not = pi < p.length && p[pi] == '^';
                    if (not) {
                        pi++;
                    }
                    boolean match = false;
                    while (true) {
                        if (pi >= p.length) {
                            pi--; // an unclosed class runs to the end of the pattern
                            break;
                        }
                        if (p[pi] == '\\' && pi + 1 < p.length) {
                            pi++;
                            match |= same(p[pi], s[si], nocase);
                        } else if (p[pi] == ']') {
                            break;
                        } else if (pi + 2 < p.length && p[pi + 1] == '-') {
                            int from = lower(p[pi], nocase);
                            int to = lower(p[pi + 2], nocase);
                            int b = lower(s[si], nocase);
                            if (from > to) {
                                int t = from;
                                from = to;
                                to = t;
                            }
                            match |= b >= from && b <= to;
                            pi += 2;
                        } else {
                            match |= same(p[pi], s[si], nocase);
                        }
                        pi++;
                    }
                    if (not == match) {
                        return false;
                    }
                    si++;
                }
                default -> {
                    if (c == '\\' && pi + 1 < p.length) {
                        c = p[++pi];
                    }
                    if (si == s.length || !same(c, s[si], nocase)) {
                        return false;
                    }
                    si++;
                }
            }
            pi++;
        }
        return si == s.length;
    }

    private static boolean same(byte a, byte b, boolean nocase) {
        return lower(a, nocase) == lower(b, nocase);
    }

    private static int lower(byte b, boolean nocase) {
        int c = b & 0xff;
        return nocase && c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
