package dev.buildredis.persistence.rdb;

/**
 * LZF, as Redis's {@code lzf_c.c} and {@code lzf_d.c}: Redis compresses strings of more than 20 bytes in RDB files
 * when that saves space ({@code rdbcompression yes}, the default). The compressor is Redis's (its hash, its table
 * of 2<sup>16</sup> slots, its "very fast" mode), so a file written here holds the bytes Redis would write.
 *
 * <p>The compressed bytes are a sequence of items, each opened by a control byte:
 * <pre>
 *   000LLLLL  + L+1 bytes                a literal run: copy the next 1..32 bytes
 *   LLLooooo  oooooooo                   a back reference (L = 1..6): copy L+2 bytes from (o+1) bytes back
 *   111ooooo  LLLLLLLL oooooooo          the same with a longer length: 7+L+2 bytes
 * </pre>
 * A back reference may overlap what it produces ("abababab" is "ab" and one reference 2 back), so it is copied byte
 * by byte.
 */
final class Lzf {

    private Lzf() {
    }

    private static final int HLOG = 16;
    private static final int HSIZE = 1 << HLOG;
    private static final int MAX_LIT = 1 << 5;
    private static final int MAX_OFF = 1 << 13;
    private static final int MAX_REF = (1 << 8) + (1 << 3);

    // tag::compress[]
    /**
     * {@code in} compressed into at most {@code limit} bytes, or {@code null} if it does not fit (Redis gives up
     * then and writes the string as it is). A hash of the next three bytes finds the last place they were seen; a
     * match of three or more bytes within 8 KB back becomes a back reference, anything else goes into literal runs.
     */
    static byte[] compress(byte[] in, int limit) {
        if (in.length < 3 || limit <= 0) {
            return null;
        }
        byte[] out = new byte[limit + 8]; // the checks below keep op within limit; the slack spares a bounds test
        int[] table = new int[HSIZE];     // position + 1 of the last three bytes with each hash; 0: none yet
        int inEnd = in.length;
        int ip = 0;
        int op = 1; // a literal run starts with its control byte, filled in when the run ends
        int lit = 0;
        int hval = first(in, ip);
        while (ip < inEnd - 2) {
            hval = next(hval, in, ip);
            int slot = index(hval);
            int ref = table[slot] - 1;
            table[slot] = ip + 1;
            int off = ip - ref - 1;
            if (ref > 0 && off < MAX_OFF && in[ref] == in[ip] && in[ref + 1] == in[ip + 1]
                    && in[ref + 2] == in[ip + 2]) { // as lzf_c.c: a match may end the input
                int len = 2;
                int maxlen = Math.min(inEnd - ip - len, MAX_REF);
                out[op - lit - 1] = (byte) (lit - 1); // stop the run
                op -= lit == 0 ? 1 : 0;                // or take it back if it is empty
                if (op + 3 + 1 >= limit) {
                    return null;
                }
                len = matchEnd(in, ref, ip, len, maxlen);
                len -= 2; // the match's length minus 1
                ip++;
                if (len < 7) {
                    out[op++] = (byte) ((off >>> 8) + (len << 5));
                } else {
                    out[op++] = (byte) ((off >>> 8) + (7 << 5));
                    out[op++] = (byte) (len - 7);
                }
                out[op++] = (byte) off;
                lit = 0;
                op++;
                ip += len + 1;
                if (ip >= inEnd - 2) {
                    break;
                }
                ip -= 2; // the two positions before the match's end go into the table too
                hval = first(in, ip);
                for (int i = 0; i < 2; i++) {
                    hval = next(hval, in, ip);
                    table[index(hval)] = ip + 1;
                    ip++;
                }
            } else {
                if (op >= limit) {
                    return null;
                }
                lit++;
                out[op++] = in[ip++];
                if (lit == MAX_LIT) {
                    out[op - lit - 1] = (byte) (lit - 1);
                    lit = 0;
                    op++;
                }
            }
        }
        if (op + 3 > limit) {
            return null;
        }
        while (ip < inEnd) {
            lit++;
            out[op++] = in[ip++];
            if (lit == MAX_LIT) {
                out[op - lit - 1] = (byte) (lit - 1);
                lit = 0;
                op++;
            }
        }
        out[op - lit - 1] = (byte) (lit - 1);
        op -= lit == 0 ? 1 : 0;
        return java.util.Arrays.copyOf(out, op);
    }
    // end::compress[]

    /**
     * How far the match at {@code ref} and {@code ip} goes, as lzf_c.c finds it: 16 bytes at a time unchecked while
     * more than 16 may match (which can run up to two bytes past {@code maxlen}, within the input), then one by one.
     */
    private static int matchEnd(byte[] in, int ref, int ip, int len, int maxlen) {
        if (maxlen > 16) {
            for (int i = 0; i < 16; i++) {
                len++;
                if (in[ref + len] != in[ip + len]) {
                    return len;
                }
            }
        }
        do {
            len++;
        } while (len < maxlen && in[ref + len] == in[ip + len]);
        return len;
    }

    private static int first(byte[] in, int at) {
        return (in[at] & 0xff) << 8 | in[at + 1] & 0xff;
    }

    private static int next(int hval, byte[] in, int at) {
        return hval << 8 | in[at + 2] & 0xff;
    }

    private static int index(int hval) {
        return ((hval >>> (3 * 8 - HLOG)) - hval * 5) & (HSIZE - 1);
    }

    /**
     * The {@code length} bytes that {@code in} decompresses to.
     *
     * @throws IllegalArgumentException naming the damage, if an item reaches outside the input or output, or the
     *                                  output is not exactly {@code length} bytes
     */
    static byte[] decompress(byte[] in, int length) {
        byte[] out = new byte[length];
        int ip = 0;
        int op = 0;
        while (ip < in.length) {
            int control = in[ip++] & 0xff;
            if (control < 1 << 5) {
                int run = control + 1;
                if (ip + run > in.length || op + run > length) {
                    throw new IllegalArgumentException("a literal run at input byte " + (ip - 1) + " overruns");
                }
                System.arraycopy(in, ip, out, op, run);
                ip += run;
                op += run;
                continue;
            }
            int run = control >>> 5;
            if (run == 7) {
                run += next(in, ip++);
            }
            int from = op - ((control & 0x1f) << 8) - 1 - next(in, ip++);
            run += 2;
            if (from < 0 || op + run > length) {
                throw new IllegalArgumentException("a back reference at input byte " + (ip - 1) + " overruns");
            }
            for (int i = 0; i < run; i++) {
                out[op++] = out[from++];
            }
        }
        if (op != length) {
            throw new IllegalArgumentException("it gives " + op + " bytes, not the declared " + length);
        }
        return out;
    }

    private static int next(byte[] in, int ip) {
        if (ip >= in.length) {
            throw new IllegalArgumentException("a back reference is cut off at the end");
        }
        return in[ip] & 0xff;
    }
}
