package dev.buildredis.command;

import java.util.Locale;

/**
 * Redis's glob matching (its {@code stringmatchlen}), for {@code CONFIG GET} patterns:
 * <pre>
 * *          any run of characters, none included
 * ?          exactly one character
 * [abc]      one of a, b, c;  [^abc] none of them;  [a-z] a range
 * \x         the character x itself, even if it is one of * ? [ \
 * </pre>
 * Case-insensitive, as Redis matches configuration names.
 */
final class Glob {

    private Glob() {
    }

    /** True if the pattern has none of Redis's glob characters, so that it names one parameter exactly. */
    static boolean isLiteral(String pattern) {
        return pattern.chars().noneMatch(c -> c == '*' || c == '?' || c == '[' || c == '\\');
    }

    static boolean matches(String pattern, String text) {
        return matches(pattern.toLowerCase(Locale.ROOT), 0, text.toLowerCase(Locale.ROOT), 0, new boolean[1]);
    }

    /**
     * {@code skipLonger[0]} is set once the rest of the pattern after a {@code *} matched nowhere in the rest of
     * the text: every {@code *} before it then gives up too, since letting it take more of the text would only
     * leave less for that rest. Without this, {@code *a*a*a...*b} against a run of {@code a}s tries every way to
     * split the run, in time exponential in the number of stars (Redis's fix for CVE-2022-36021).
     */
    private static boolean matches(String p, int pi, String s, int si, boolean[] skipLonger) {
        while (pi < p.length()) {
            char c = p.charAt(pi);
            switch (c) {
                case '*' -> {
                    while (pi + 1 < p.length() && p.charAt(pi + 1) == '*') {
                        pi++; // "**" is "*"
                    }
                    if (pi + 1 == p.length()) {
                        return true;
                    }
                    for (int start = si; start <= s.length(); start++) {
                        if (matches(p, pi + 1, s, start, skipLonger)) {
                            return true;
                        }
                        if (skipLonger[0]) {
                            return false;
                        }
                    }
                    skipLonger[0] = true;
                    return false;
                }
                case '?' -> {
                    if (si == s.length()) {
                        return false;
                    }
                    si++;
                }
                case '[' -> {
                    if (si == s.length()) {
                        return false;
                    }
                    int end = classEnd(p, pi);
                    if (!inClass(p, pi + 1, end, s.charAt(si))) {
                        return false;
                    }
                    pi = Math.min(end, p.length() - 1); // an unclosed class runs to the end of the pattern
                    si++;
                }
                default -> {
                    if (c == '\\' && pi + 1 < p.length()) {
                        c = p.charAt(++pi);
                    }
                    if (si == s.length() || s.charAt(si) != c) {
                        return false;
                    }
                    si++;
                }
            }
            pi++;
        }
        return si == s.length();
    }

    /** The index of the {@code ]} that closes the class opened at {@code open}, or the pattern's length. */
    private static int classEnd(String p, int open) {
        int i = open + 1;
        if (i < p.length() && p.charAt(i) == '^') {
            i++;
        }
        while (i < p.length() && p.charAt(i) != ']') {
            i += p.charAt(i) == '\\' ? 2 : 1;
        }
        return Math.min(i, p.length());
    }

    private static boolean inClass(String p, int from, int end, char c) {
        boolean negate = from < end && p.charAt(from) == '^';
        int i = negate ? from + 1 : from;
        boolean found = false;
        for (; i < end; i++) {
            char first = p.charAt(i);
            if (first == '\\' && i + 1 < end) {
                found |= p.charAt(++i) == c;
            } else if (i + 2 < end && p.charAt(i + 1) == '-') {
                char last = p.charAt(i + 2);
                found |= c >= (char) Math.min(first, last) && c <= (char) Math.max(first, last);
                i += 2;
            } else {
                found |= first == c;
            }
        }
        return found != negate;
    }
}
