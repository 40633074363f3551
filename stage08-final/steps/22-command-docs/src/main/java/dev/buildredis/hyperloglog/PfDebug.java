package dev.buildredis.hyperloglog;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.CommandError;
import dev.buildredis.store.Key;
import dev.buildredis.store.StringValue;

import java.util.List;
import java.util.Random;

/**
 * Redis's tools to look inside an HLL, which its own test suite uses.
 * <pre>
 * PFDEBUG GETREG k     *16384 :0 :1 ...      the registers (a sparse HLL is made dense first)
 * PFDEBUG DECODE k     $..."Z:8436 v:1,1 ..." the sparse opcodes
 * PFDEBUG ENCODING k   +sparse or +dense
 * PFDEBUG TODENSE k    :1 if it was sparse and is dense now, :0 if it was dense
 * PFSELFTEST           +OK after checking the register access and the error of 10 million adds
 * </pre>
 */
final class PfDebug {

    /** PFSELFTEST's first test sets every register to random values this many times. */
    private static final int REGISTER_CYCLES = 1000;
    /** PFSELFTEST's second test adds this many distinct elements, checking the count at each power of ten. */
    private static final int ELEMENTS = 10_000_000;

    private PfDebug() {
    }

    static void pfdebug(Client c, List<byte[]> a) {
        Key key = Args.key(a.get(2));
        StringValue value = HyperLogLogCommands.lookup(c, key);
        if (value == null) {
            throw new CommandError("ERR The specified key does not exist");
        }
        HyperLogLog hll = HyperLogLogCommands.own(value);
        HyperLogLogCommands.store(c, key, hll); // unshared, so raw, as Redis does before any subcommand
        String sub = Args.text(a.get(1));
        if (Args.is(a.get(1), "getreg")) {
            toDense(c, key, hll);
            c.reply.arrayHeader(HyperLogLog.REGISTERS);
            for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
                c.reply.integer(hll.register(i));
            }
        } else if (Args.is(a.get(1), "decode")) {
            if (hll.encoding() != HyperLogLog.SPARSE) {
                throw new CommandError("ERR HLL encoding is not sparse");
            }
            c.reply.bulk(Sparse.decode(hll));
        } else if (Args.is(a.get(1), "encoding")) {
            c.reply.simple(hll.encoding() == HyperLogLog.DENSE ? "dense" : "sparse");
        } else if (Args.is(a.get(1), "todense")) {
            c.reply.integer(toDense(c, key, hll) ? 1 : 0);
        } else {
            throw new CommandError("ERR Unknown PFDEBUG subcommand '" + sub + "'");
        }
    }

    /**
     * Makes the key's HLL dense; true if it was sparse. The change is propagated (Redis counts it as a change
     * to the data set) but is not a modification of the key: WATCH does not see it, as in Redis.
     */
    private static boolean toDense(Client c, Key key, HyperLogLog hll) {
        if (hll.encoding() == HyperLogLog.DENSE) {
            return false;
        }
        if (!hll.toDense()) {
            throw new CommandError(HyperLogLogCommands.CORRUPT);
        }
        HyperLogLogCommands.store(c, key, hll);
        c.engine.dirty++;
        return true;
    }

    /**
     * Redis's {@code pfselftest}: the dense registers keep what is written to them without touching their
     * neighbours, and the counts of a dense and a sparse HLL fed the same elements agree and stay within six
     * standard errors. It takes a few seconds, during which the server serves nobody else, as Redis's does.
     */
    static void pfselftest(Client c, List<byte[]> a) {
        Random random = new Random();
        HyperLogLog dense = new HyperLogLog(new byte[HyperLogLog.DENSE_SIZE], HyperLogLog.DENSE_SIZE);
        int[] expected = new int[HyperLogLog.REGISTERS];
        for (int cycle = 0; cycle < REGISTER_CYCLES; cycle++) {
            for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
                expected[i] = random.nextInt(64);
                dense.setRegister(i, expected[i]);
            }
            for (int i = 0; i < HyperLogLog.REGISTERS; i++) {
                if (dense.register(i) != expected[i]) {
                    throw new CommandError("ERR TESTFAILED Register " + i + " should be " + expected[i]
                            + " but is " + dense.register(i));
                }
            }
        }
        dense = new HyperLogLog(new byte[HyperLogLog.DENSE_SIZE], HyperLogLog.DENSE_SIZE);
        HyperLogLog sparse = HyperLogLog.empty();
        long sparseMaxBytes = HyperLogLogCommands.sparseMaxBytes(c);
        double relativeError = 1.04 / Math.sqrt(HyperLogLog.REGISTERS);
        long seed = random.nextLong();
        byte[] element = new byte[8];
        long checkpoint = 1;
        for (long j = 1; j <= ELEMENTS; j++) {
            long e = j ^ seed;
            for (int b = 0; b < 8; b++) {
                element[b] = (byte) (e >>> (8 * b)); // the element's bytes as a little-endian uint64_t
            }
            dense.add(element, sparseMaxBytes);
            sparse.add(element, sparseMaxBytes);
            if (j != checkpoint) {
                continue;
            }
            if (j < sparseMaxBytes / 2 && sparse.encoding() != HyperLogLog.SPARSE) {
                throw new CommandError("ERR TESTFAILED sparse encoding not used");
            }
            long count = Cardinality.estimate(dense.histogram());
            if (count != Cardinality.estimate(sparse.histogram())) {
                throw new CommandError("ERR TESTFAILED dense/sparse disagree");
            }
            long maxError = j == 10 ? 1 : (long) Math.ceil(relativeError * 6 * checkpoint);
            long error = Math.abs(checkpoint - count);
            if (error > maxError) {
                throw new CommandError("ERR TESTFAILED Too big error. card:" + checkpoint + " abserr:" + error);
            }
            checkpoint *= 10;
        }
        c.reply.ok();
    }
}
