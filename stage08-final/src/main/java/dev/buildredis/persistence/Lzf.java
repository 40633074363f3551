package dev.buildredis.persistence;

/**
 * LZF decompression, as Redis's {@code lzf_d.c}: Redis compresses strings of more than 20 bytes in RDB files when
 * that saves space ({@code rdbcompression yes}, the default).
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
