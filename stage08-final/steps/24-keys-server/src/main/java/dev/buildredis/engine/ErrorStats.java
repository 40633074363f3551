package dev.buildredis.engine;

import java.util.Map;
import java.util.TreeMap;

/**
 * INFO errorstats and total_error_replies: every error reply counted by its code, the first word of the message
 * ({@code WRONGTYPE}, {@code ERR}), as Redis's afterErrorReply counts them. Past 128 codes Redis stops tracking new
 * ones (a client could make up codes without end); so does this.
 * <pre>
 * # Errorstats
 * errorstat_ERR:count=3
 * errorstat_WRONGTYPE:count=1
 * </pre>
 */
public final class ErrorStats {

    /** Redis's ERROR_STATS_NUMBER. */
    static final int MAX_CODES = 128;

    private final Map<String, long[]> byCode = new TreeMap<>(); // in Redis's order: its radix tree's, bytewise
    private long total;

    // tag::count[]
    /** An error reply was written: {@code message} without its leading '-'. */
    public void count(String message) {
        total++;
        int space = message.indexOf(' ');
        String code = space < 0 ? message : message.substring(0, space);
        long[] count = byCode.get(code);
        if (count == null) {
            if (byCode.size() >= MAX_CODES) {
                return;
            }
            count = new long[1];
            byCode.put(code, count);
        }
        count[0]++;
    }
    // end::count[]

    long total() {
        return total;
    }

    void info(StringBuilder s) {
        byCode.forEach((code, count) -> Info.line(s, "errorstat_" + code, "count=" + count[0]));
    }

    /** CONFIG RESETSTAT. */
    void reset() {
        byCode.clear();
        total = 0;
    }
}
