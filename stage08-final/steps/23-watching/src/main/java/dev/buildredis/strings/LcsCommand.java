package dev.buildredis.strings;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.store.StringValue;
import dev.buildredis.store.Value;

import java.util.ArrayList;
import java.util.List;

/**
 * LCS key1 key2 [LEN] [IDX] [MINMATCHLEN n] [WITHMATCHLEN]: the longest common subsequence of two strings, by the
 * textbook dynamic programme, O(N*M) in time and in memory, as Redis computes it.
 * <pre>
 * LCS a b              $4 mytext        the subsequence (a missing key is "")
 * LCS a b LEN          :4
 * LCS a b IDX          RESP2 *4 $7 matches *&lt;n&gt; ... $3 len :4     RESP3 %2 ...
 *                      each match: *2 *2 :startA :endA *2 :startB :endB (then :length with WITHMATCHLEN),
 *                      from the end of the strings back to their start
 * </pre>
 */
public final class LcsCommand {

    private LcsCommand() {
    }

    public static Command command() {
        return Command.of("lcs", -3, "readonly", 1, 2, 1, LcsCommand::lcs);
    }

    // tag::lcs[]
    private static void lcs(Client c, List<byte[]> args) {
        Value first = c.db().get(Args.key(args.get(1)));
        Value second = c.db().get(Args.key(args.get(2)));
        if ((first != null && !(first instanceof StringValue)) || (second != null && !(second instanceof StringValue))) {
            throw new CommandError("ERR The specified keys must contain string values");
        }
        byte[] a = first == null ? new byte[0] : ((StringValue) first).bytes();
        byte[] b = second == null ? new byte[0] : ((StringValue) second).bytes();
        boolean getLen = false, getIdx = false, withMatchLen = false;
        long minMatchLen = 0;
        for (int j = 3; j < args.size(); j++) {
            byte[] option = args.get(j);
            if (Args.is(option, "IDX")) {
                getIdx = true;
            } else if (Args.is(option, "LEN")) {
                getLen = true;
            } else if (Args.is(option, "WITHMATCHLEN")) {
                withMatchLen = true;
            } else if (Args.is(option, "MINMATCHLEN") && j + 1 < args.size()) {
                minMatchLen = Math.max(0, Args.integer(args.get(++j)));
            } else {
                throw CommandError.syntax();
            }
        }
        if (getLen && getIdx) {
            throw new CommandError("ERR If you want both the length and indexes, please just use IDX.");
        }
        int alen = a.length, blen = b.length;
        long cells = (long) (alen + 1) * (blen + 1);
        if (cells * Integer.BYTES > c.engine.maxBulkLength()) {
            throw new CommandError("ERR Insufficient memory, transient memory for LCS exceeds proto-max-bulk-len");
        }
        int[] table;
        try {
            table = new int[Math.toIntExact(cells)];
        } catch (OutOfMemoryError | ArithmeticException e) {
            throw new CommandError("ERR Insufficient memory, failed allocating transient memory for LCS");
        }
        int width = blen + 1; // table[i * width + j]: the LCS length of a[0, i) and b[0, j)
        for (int i = 1; i <= alen; i++) {
            for (int j = 1; j <= blen; j++) {
                table[i * width + j] = a[i - 1] == b[j - 1] ? table[(i - 1) * width + j - 1] + 1
                        : Math.max(table[(i - 1) * width + j], table[i * width + j - 1]);
            }
        }
        int length = table[alen * width + blen];
        if (getLen) {
            c.reply.integer(length);
            return;
        }
        // Walk back from the end: the subsequence, and the runs of matches where both strings advance together.
        byte[] result = new byte[length];
        List<long[]> matches = new ArrayList<>();
        int idx = length;
        int aStart = alen, aEnd = 0, bStart = 0, bEnd = 0; // aStart == alen: no run being tracked
        int i = alen, j = blen;
        while (i > 0 && j > 0) {
            boolean emit = false;
            if (a[i - 1] == b[j - 1]) {
                result[idx - 1] = a[i - 1];
                if (aStart == alen) {
                    aStart = aEnd = i - 1;
                    bStart = bEnd = j - 1;
                } else if (aStart == i && bStart == j) {
                    aStart--;
                    bStart--;
                } else {
                    emit = true;
                }
                if (aStart == 0 || bStart == 0) {
                    emit = true;
                }
                idx--;
                i--;
                j--;
            } else {
                if (table[(i - 1) * width + j] > table[i * width + j - 1]) {
                    i--;
                } else {
                    j--;
                }
                if (aStart != alen) {
                    emit = true;
                }
            }
            long matchLength = aEnd - aStart + 1;
            if (emit) {
                if (minMatchLen == 0 || matchLength >= minMatchLen) {
                    matches.add(new long[] {aStart, aEnd, bStart, bEnd, matchLength});
                }
                aStart = alen;
            }
        }
        if (!getIdx) {
            c.reply.bulk(result);
            return;
        }
        c.reply.mapHeader(2);
        c.reply.bulk(Args.bytes("matches"));
        c.reply.arrayHeader(matches.size());
        for (long[] match : matches) {
            c.reply.arrayHeader(withMatchLen ? 3 : 2);
            c.reply.arrayHeader(2);
            c.reply.integer(match[0]);
            c.reply.integer(match[1]);
            c.reply.arrayHeader(2);
            c.reply.integer(match[2]);
            c.reply.integer(match[3]);
            if (withMatchLen) {
                c.reply.integer(match[4]);
            }
        }
        c.reply.bulk(Args.bytes("len"));
        c.reply.integer(length);
    }
    // end::lcs[]
}
