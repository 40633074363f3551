// @step 18
package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PFADD, PFCOUNT, PFMERGE, PFDEBUG and PFSELFTEST, and the HLL strings themselves: the bytes GET shows are
 * redis-server's bytes for the same elements, so an HLL moves between the two servers as a plain string.
 */
@WireTest
class HyperLogLogWireTest {

    private static final String NOT_HLL = "-WRONGTYPE Key is not a valid HyperLogLog string value.\r\n";
    private static final String CORRUPT = "-INVALIDOBJ Corrupted HLL object detected\r\n";
    private static final String WRONGTYPE = "-WRONGTYPE Operation against a key holding the wrong kind of value\r\n";
    /** The header of a sparse HLL whose cached count is stale (top bit of the count's last byte set). */
    private static final String SPARSE_STALE = "HYLL\u0001\u0000\u0000\u0000"
            + "\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0080";
    /** What PFADD of a, b and c makes, in redis-server: three VAL opcodes between XZERO runs. */
    private static final String ABC_REGISTERS = "\u0060\u00f3\u0080\u0050\u00b1\u0084\u004b\u00fb\u0080\u0042\u005a";

    @BeforeEach
    void startEmpty(WireClient c) {
        c.call("+OK\r\n", "FLUSHALL");
    }

    @AfterEach
    void restoreTheDefault(WireClient c) {
        c.call("+OK\r\n", "CONFIG", "SET", "hll-sparse-max-bytes", "3000");
    }

    @Test
    void pfaddWithoutElementsMakesAnEmptySparseHll(WireClient c) {
        c.call(":1\r\n", "PFADD", "h");
        c.call("$18\r\n" + SPARSE_STALE + "\u007f\u00ff\r\n", "GET", "h"); // XZERO:16384
        c.call(":0\r\n", "PFCOUNT", "h");
        c.call("$3\r\nraw\r\n", "OBJECT", "ENCODING", "h");
    }

    @Test
    void pfaddMakesTheBytesRedisMakesForTheSameElements(WireClient c) {
        c.call(":1\r\n", "PFADD", "h", "a", "b", "c");
        c.call("$27\r\n" + SPARSE_STALE + ABC_REGISTERS + "\r\n", "GET", "h");
        c.call("$44\r\nZ:8436 v:1,1 Z:4274 v:2,1 Z:3068 v:1,1 Z:603\r\n", "PFDEBUG", "DECODE", "h");
        c.call(":0\r\n", "PFADD", "h", "a", "c");
        c.call(":1\r\n", "PFADD", "h", "d");
    }

    @Test
    void pfcountCachesTheCountInTheHeaderUntilTheNextChange(WireClient c) {
        c.call(":1\r\n", "PFADD", "h", "a", "b", "c");
        c.call(":3\r\n", "PFCOUNT", "h");
        c.call("$27\r\nHYLL\u0001\u0000\u0000\u0000\u0003\u0000\u0000\u0000\u0000\u0000\u0000\u0000" + ABC_REGISTERS
                + "\r\n", "GET", "h");
        c.call(":0\r\n", "PFADD", "h", "a");
        c.call("$1\r\n\u0000\r\n", "GETRANGE", "h", "15", "15"); // no register changed: the cache stays valid
        c.call(":1\r\n", "PFADD", "h", "x");
        c.call("$1\r\n\u0080\r\n", "GETRANGE", "h", "15", "15");
    }

    @Test
    void aCachedCountIsBelievedWithoutLookingAtTheRegisters(WireClient c) {
        c.call("+OK\r\n", "SET", "h", "HYLL\u0001\u0000\u0000\u0000\u0007\u0000\u0000\u0000\u0000\u0000\u0000\u0000"
                + "\u007f\u00fe"); // the registers add up to 16383 only
        c.call(":7\r\n", "PFCOUNT", "h");
        c.call("$3\r\nraw\r\n", "OBJECT", "ENCODING", "h"); // PFCOUNT unshares the string, as Redis does
    }

    @Test
    void thousandsOfElementsGiveRedissCountAndRedissDenseBytes(WireClient c) {
        c.command(elements("h", 0, 5000)).expect(":1\r\n");
        c.call("+dense\r\n", "PFDEBUG", "ENCODING", "h");
        c.call(":4968\r\n", "PFCOUNT", "h");
        assertThat(sha256(c, "h")).isEqualTo("bd470063c39f632ff0572b22d3ae558cdc523a5ae6f47e7324ed636dcc84e2ec");
        c.command(elements("s", 0, 300)).expect(":1\r\n");
        c.call("+sparse\r\n", "PFDEBUG", "ENCODING", "s");
        c.call(":713\r\n", "STRLEN", "s");
        assertThat(sha256(c, "s")).isEqualTo("ab79ebe4610713608b23a3804528ae5599497cc1c3c75823949c82ce2c86a485");
        c.call(":302\r\n", "PFCOUNT", "s");
        c.call(":0\r\n", "PFADD", "s", "e1");
    }

    @Test
    void pfcountOfSeveralKeysCountsTheirUnionWithoutCaching(WireClient c) {
        c.call(":1\r\n", "PFADD", "h", "a", "b", "c");
        c.call(":1\r\n", "PFADD", "h2", "d");
        c.call(":4\r\n", "PFCOUNT", "h", "h2");
        c.call(":3\r\n", "PFCOUNT", "h", "missing");
        c.call(":0\r\n", "PFCOUNT", "missing", "missing2");
        c.call("$1\r\n\u0080\r\n", "GETRANGE", "h", "15", "15"); // still stale: nothing cached
    }

    @Test
    void pfmergeMakesTheUnionInTheDestinationIncludingItsOwnRegisters(WireClient c) {
        c.call(":1\r\n", "PFADD", "h", "a", "b", "c");
        c.call(":1\r\n", "PFADD", "h2", "d");
        c.call("+OK\r\n", "PFMERGE", "h3", "h", "h2");
        c.call("$30\r\n" + SPARSE_STALE + "\\{\u0080Dv\u0080P\u00b1\u0084K\u00fb\u0080BZ\r\n", "GET", "h3");
        c.call(":4\r\n", "PFCOUNT", "h3");
        c.call("+OK\r\n", "PFMERGE", "h2", "h");
        c.call(":4\r\n", "PFCOUNT", "h2");
        c.call("+OK\r\n", "PFMERGE", "empty");
        c.call("+OK\r\n", "PFMERGE", "empty2", "missing");
        c.call("$18\r\n" + SPARSE_STALE + "\u007f\u00ff\r\n", "GET", "empty2");
    }

    @Test
    void aDenseSourceMakesADenseDestination(WireClient c) {
        c.command(elements("big", 0, 5000)).expect(":1\r\n");
        c.command(elements("small", 0, 300)).expect(":1\r\n");
        c.call("+OK\r\n", "PFMERGE", "m", "small", "big");
        c.call("+dense\r\n", "PFDEBUG", "ENCODING", "m");
        assertThat(sha256(c, "m")).isEqualTo("0a4b61a05c269540574e1293e6e18e69a4e9cb96ade9ecb5b7ff490debf31722");
        c.call("+OK\r\n", "PFMERGE", "m2", "small");
        assertThat(sha256(c, "m2")).isEqualTo("ab79ebe4610713608b23a3804528ae5599497cc1c3c75823949c82ce2c86a485");
    }

    @Test
    void anHllTurnsDenseOnceItWouldOutgrowHllSparseMaxBytes(WireClient c) {
        c.call("*2\r\n$20\r\nhll-sparse-max-bytes\r\n$4\r\n3000\r\n", "CONFIG", "GET", "hll-sparse-max-bytes");
        c.call("+OK\r\n", "CONFIG", "SET", "hll-sparse-max-bytes", "30");
        c.call(":1\r\n", "PFADD", "p", "a", "b", "c");
        c.call("+sparse\r\n", "PFDEBUG", "ENCODING", "p");
        c.call(":27\r\n", "STRLEN", "p");
        c.call(":1\r\n", "PFADD", "p", "d", "e", "f", "g");
        c.call("+dense\r\n", "PFDEBUG", "ENCODING", "p");
        c.call(":12304\r\n", "STRLEN", "p");
        c.call(":7\r\n", "PFCOUNT", "p");
        c.call("-ERR CONFIG SET failed (possibly related to argument 'hll-sparse-max-bytes') - argument must be a"
                + " memory value\r\n", "CONFIG", "SET", "hll-sparse-max-bytes", "-1");
        c.call("+OK\r\n", "CONFIG", "SET", "hll-sparse-max-bytes", "1k");
        c.call("*2\r\n$20\r\nhll-sparse-max-bytes\r\n$4\r\n1000\r\n", "CONFIG", "GET", "hll-sparse-max-bytes");
    }

    @Test
    void aStringThatIsNoHllIsRefusedAsNotAValidHyperLogLog(WireClient c) {
        c.call("+OK\r\n", "SET", "s", "foo");
        c.call(NOT_HLL, "PFADD", "s", "a");
        c.call(NOT_HLL, "PFCOUNT", "s");
        c.call(NOT_HLL, "PFCOUNT", "s", "missing");
        c.call(NOT_HLL, "PFMERGE", "d", "s");
        c.call(NOT_HLL, "PFMERGE", "s", "missing");
        c.call(NOT_HLL, "PFDEBUG", "ENCODING", "s");
        c.call("+OK\r\n", "SET", "n", "1234567890123456789"); // long enough, but no HYLL header
        c.call(NOT_HLL, "PFCOUNT", "n");
    }

    @Test
    void aKeyOfAnotherTypeIsRefusedAsWrongType(WireClient c) {
        c.call(":1\r\n", "RPUSH", "l", "a");
        c.call(WRONGTYPE, "PFADD", "l", "a");
        c.call(WRONGTYPE, "PFCOUNT", "l");
        c.call(WRONGTYPE, "PFCOUNT", "missing", "l");
        c.call(WRONGTYPE, "PFMERGE", "d", "l");
        c.call(WRONGTYPE, "PFDEBUG", "GETREG", "l");
    }

    @Test
    void aBrokenHeaderIsNotAnHll(WireClient c) {
        c.call(":1\r\n", "PFADD", "h", "a", "b", "c");
        c.call(":27\r\n", "SETRANGE", "h", "0", "HYLX");
        c.call(NOT_HLL, "PFCOUNT", "h");
        c.call(":27\r\n", "SETRANGE", "h", "0", "HYLL\u0002"); // no such encoding
        c.call(NOT_HLL, "PFCOUNT", "h");
        c.call(":27\r\n", "SETRANGE", "h", "4", "\u0000"); // dense, but not 12304 bytes long
        c.call(NOT_HLL, "PFADD", "h", "z");
        c.call("+OK\r\n", "SET", "short", "HYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000"); // shorter than a header
        c.call(NOT_HLL, "PFCOUNT", "short");
    }

    @Test
    void sparseRegistersThatDoNotAddUpAreACorruptHll(WireClient c) {
        c.call(":1\r\n", "PFADD", "h", "a", "b", "c");
        c.call(":32\r\n", "APPEND", "h", "hello");
        c.call(CORRUPT, "PFCOUNT", "h");
        c.call(CORRUPT, "PFCOUNT", "h", "missing");
        c.call(CORRUPT, "PFMERGE", "d", "h");
        c.call(CORRUPT, "PFDEBUG", "TODENSE", "h");
        c.call(":0\r\n", "EXISTS", "d");
        c.call("+OK\r\n", "SET", "empty", "HYLL\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000\u0000"
                + "\u0000"); // no registers at all, and a valid cached count of 0
        c.call(":0\r\n", "PFCOUNT", "empty");
        c.call(CORRUPT, "PFADD", "empty", "a");
    }

    @Test
    void pfdebugShowsTheRegistersAndTheEncoding(WireClient c) {
        c.call(":1\r\n", "PFADD", "h", "a");
        c.call("+sparse\r\n", "PFDEBUG", "ENCODING", "h");
        c.call("$20\r\nZ:12711 v:2,1 Z:3672\r\n", "PFDEBUG", "decode", "h");
        List<Object> registers = c.command("PFDEBUG", "GETREG", "h").readArray();
        assertThat(registers).hasSize(16384);
        assertThat(registers.get(12711)).isEqualTo(2L);
        assertThat(registers.stream().mapToLong(r -> (Long) r).sum()).isEqualTo(2);
        c.call("+dense\r\n", "PFDEBUG", "ENCODING", "h"); // GETREG made it dense
        c.call("-ERR HLL encoding is not sparse\r\n", "PFDEBUG", "DECODE", "h");
        c.call(":0\r\n", "PFDEBUG", "TODENSE", "h");
        c.call(":1\r\n", "PFADD", "h2", "a");
        c.call(":1\r\n", "PFDEBUG", "TODENSE", "h2");
        c.call(":1\r\n", "PFCOUNT", "h2");
    }

    @Test
    void pfdebugRefusesAMissingKeyAnUnknownSubcommandAndExtraArguments(WireClient c) {
        c.call("-ERR The specified key does not exist\r\n", "PFDEBUG", "GETREG", "missing");
        c.call("-ERR The specified key does not exist\r\n", "PFDEBUG", "foo", "missing");
        c.call(":1\r\n", "PFADD", "h", "a");
        c.call("-ERR Unknown PFDEBUG subcommand 'Foo'\r\n", "PFDEBUG", "Foo", "h");
        c.call("-ERR wrong number of arguments for 'pfdebug' command\r\n", "PFDEBUG", "DECODE", "h", "h");
    }

    @Test
    void pfselftestTakesNoArgument(WireClient c) { // that it passes is PfDebugTest's: it may take seconds
        c.call("-ERR wrong number of arguments for 'pfselftest' command\r\n", "PFSELFTEST", "x");
    }

    @Test
    void pfaddAndPfmergeKeepTheKeysTtl(WireClient c) {
        c.call(":1\r\n", "PFADD", "h", "a");
        c.call(":1\r\n", "EXPIRE", "h", "100");
        c.call(":1\r\n", "PFADD", "h", "b");
        c.call(":2\r\n", "PFCOUNT", "h");
        c.call("+OK\r\n", "PFMERGE", "h", "missing");
        c.call(":100\r\n", "TTL", "h");
    }

    @Test
    void watchSeesPfcountCachingButNotPfdebugConverting(WireClient c, WireClient other) {
        c.call(":1\r\n", "PFADD", "h", "a", "b");
        c.call("+OK\r\n", "WATCH", "h");
        other.call(":1\r\n", "PFDEBUG", "TODENSE", "h"); // a change of encoding, not of the key, for Redis
        other.call(":0\r\n", "PFADD", "h", "a");
        other.call(":2\r\n", "PFCOUNT", "h", "missing");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "PING");
        c.call("*1\r\n+PONG\r\n", "EXEC");
        c.call("+OK\r\n", "WATCH", "h");
        other.call(":2\r\n", "PFCOUNT", "h"); // writes the count into the key
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "PING");
        c.call("*-1\r\n", "EXEC");
    }

    @Test
    void commandInfoDescribesTheHllCommandsAsRedisDoes(WireClient c) {
        List<Object> info = c.command("COMMAND", "INFO", "pfadd", "pfcount", "pfmerge", "pfdebug", "pfselftest")
                .readArray();
        List<Object> heads = info.stream().map(command -> (Object) ((List<?>) command).subList(0, 6)).toList();
        assertThat(heads).containsExactly(
                List.of("pfadd", -2L, List.of("write", "denyoom", "fast"), 1L, 1L, 1L),
                List.of("pfcount", -2L, List.of("readonly"), 1L, -1L, 1L),
                List.of("pfmerge", -2L, List.of("write", "denyoom"), 1L, -1L, 1L),
                List.of("pfdebug", 3L, List.of("write", "denyoom", "admin"), 2L, 2L, 1L),
                List.of("pfselftest", 1L, List.of("admin"), 0L, 0L, 0L));
    }

    /** PFADD key e{from} ... e{to - 1}. */
    private static String[] elements(String key, int from, int to) {
        List<String> args = new ArrayList<>(List.of("PFADD", key));
        for (int i = from; i < to; i++) {
            args.add("e" + i);
        }
        return args.toArray(String[]::new);
    }

    private static String sha256(WireClient c, String key) {
        String value = (String) c.command("GET", key).readReply();
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(value.getBytes(StandardCharsets.ISO_8859_1)));
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
