package dev.buildredis.engine;

/**
 * Redis's glob matching (its {@code stringmatchlen}) over bytes, for KEYS, SCAN MATCH, PSUBSCRIBE and CONFIG GET:
 * <pre>
 * *          any run of bytes, none included
 * ?          exactly one byte
 * [abc]      one of a, b, c;  [^abc] none of them;  [a-z] a range
 * \x         the byte x itself, even if it is one of * ? [ \
 * </pre>
 * A port of Redis 7.0's {@code stringmatchlen_impl}, step for step, quirks included: an empty text matches only
 * the empty pattern (KEYS and SCAN skip matching for the pattern {@code *}, so they still list an empty key), the
 * ends of a range compare as C's signed {@code char}, and an escaped byte in a class ignores {@code nocase}.
 */
public final class Glob {

    private Glob() {
    }

    public static boolean matches(byte[] pattern, byte[] text, boolean nocase) {
        return matches(pattern, 0, text, 0, nocase, new boolean[1], 0);
    }

    /** A pattern of a single {@code *} matches everything: callers skip matching entirely. */
    public static boolean matchesAll(byte[] pattern) {
        return pattern.length == 1 && pattern[0] == '*';
    }

    /**
     * {@code skipLonger[0]} is set once the rest of the pattern after a {@code *} matched nowhere in the rest of
     * the text: every {@code *} before it then gives up too, since letting it take more of the text would only
     * leave less for that rest. Without this, {@code *a*a*a...*b} against a run of {@code a}s tries every way to
     * split the run, in time exponential in the number of stars (Redis's fix for CVE-2022-36021).
     */
    private static boolean matches(byte[] p, int pi, byte[] s, int si, boolean nocase, boolean[] skipLonger,
                                   int depth) {
        if (depth > 1000) {
            return false; // Redis bounds recursion too, so a hostile pattern cannot exhaust the stack
        }
        while (pi < p.length && si < s.length) {
            switch (p[pi]) {
                case '*' -> {
                    while (pi + 1 < p.length && p[pi + 1] == '*') {
                        pi++;
                    }
                    if (pi + 1 == p.length) {
                        return true;
                    }
                    for (; si < s.length; si++) {
                        if (matches(p, pi + 1, s, si, nocase, skipLonger, depth + 1)) {
                            return true;
                        }
                        if (skipLonger[0]) {
                            return false;
                        }
                    }
                    skipLonger[0] = true;
                    return false;
                }
                case '?' -> si++;
                case '[' -> {
                    pi++;
                    boolean not = pi < p.length && p[pi] == '^';
                    if (not) {
                        pi++;
                    }
                    boolean match = false;
                    while (true) {
                        if (pi + 1 < p.length && p[pi] == '\\') {
                            pi++;
                            match |= p[pi] == s[si];
                        } else if (pi < p.length && p[pi] == ']') {
                            break;
                        } else if (pi >= p.length) {
                            pi--; // an unclosed class runs to the end of the pattern
                            break;
                        } else if (pi + 2 < p.length && p[pi + 1] == '-') {
                            int from = p[pi]; // signed, as C's char
                            int to = p[pi + 2];
                            int c = s[si];
                            if (from > to) {
                                int t = from;
                                from = to;
                                to = t;
                            }
                            if (nocase) {
                                from = lower(from);
                                to = lower(to);
                                c = lower(c);
                            }
                            pi += 2;
                            match |= c >= from && c <= to;
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
                    if (p[pi] == '\\' && pi + 1 < p.length) {
                        pi++;
                    }
                    if (!same(p[pi], s[si], nocase)) {
                        return false;
                    }
                    si++;
                }
            }
            pi++;
            if (si == s.length) {
                while (pi < p.length && p[pi] == '*') {
                    pi++;
                }
                break;
            }
        }
        return pi == p.length && si == s.length;
    }

    private static boolean same(byte a, byte b, boolean nocase) {
        return nocase ? lower(a) == lower(b) : a == b;
    }

    private static int lower(int c) {
        return c >= 'A' && c <= 'Z' ? c + 32 : c;
    }
}
