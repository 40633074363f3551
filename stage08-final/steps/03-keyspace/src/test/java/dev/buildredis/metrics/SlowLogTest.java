package dev.buildredis.metrics;

import dev.buildredis.protocol.RespValue;
import dev.buildredis.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** SLOWLOG's rules: threshold, length, order, and how Redis shortens what it keeps of a command. */
class SlowLogTest {

    private final ManualClock clock = new ManualClock();
    private final SlowLog log = new SlowLog(clock);

    @Test
    void startsWithRedisDefaults() {
        assertThat(log.slowerThanMicros()).isEqualTo(10_000);
        assertThat(log.maxLen()).isEqualTo(128);
    }

    @Test
    void aCommandFasterThanTheThresholdIsNotLogged() {
        log.offer(args("GET", "k"), 9_999_999, "127.0.0.1:1");

        assertThat(log.len()).isZero();
    }

    @Test
    void thresholdZeroLogsEveryCommandWithItsArgumentsInRedisOrder() {
        log.slowerThanMicros(0);

        log.offer(args("SET", "k", "v"), 1_234_567, "127.0.0.1:5000");

        assertThat(log.get(10)).singleElement().satisfies(entry -> assertThat(entry.toResp()).isEqualTo(
                new RespValue.Array(List.of(new RespValue.Int(0), new RespValue.Int(clock.instant().getEpochSecond()),
                        new RespValue.Int(1_234), new RespValue.Array(List.of(bulk("SET"), bulk("k"), bulk("v"))),
                        bulk("127.0.0.1:5000"), bulk("")))));
    }

    @Test
    void aNegativeThresholdLogsNothing() {
        log.slowerThanMicros(-1);

        log.offer(args("GET", "k"), Long.MAX_VALUE / 2, "127.0.0.1:1");

        assertThat(log.len()).isZero();
    }

    @Test
    void newestComeFirstAndCountLimitsTheReplyButMinusOneMeansAll() {
        log.slowerThanMicros(0);
        for (int i = 0; i < 3; i++) {
            log.offer(args("GET", "k" + i), 0, "c");
        }

        assertThat(log.get(2)).extracting(SlowLogEntry::id).containsExactly(2L, 1L);
        assertThat(log.get(-1)).extracting(SlowLogEntry::id).containsExactly(2L, 1L, 0L);
    }

    @Test
    void keepsOnlyTheNewestMaxLenEntriesAndShrinksWhenMaxLenShrinks() {
        log.slowerThanMicros(0);
        log.maxLen(3);
        for (int i = 0; i < 5; i++) {
            log.offer(args("PING"), 0, "c");
        }
        assertThat(log.get(-1)).extracting(SlowLogEntry::id).containsExactly(4L, 3L, 2L);

        log.maxLen(1);

        assertThat(log.get(-1)).extracting(SlowLogEntry::id).containsExactly(4L);
    }

    @Test
    void resetEmptiesTheLogButIdsKeepIncreasing() {
        log.slowerThanMicros(0);
        log.offer(args("PING"), 0, "c");

        log.reset();
        log.offer(args("PING"), 0, "c");

        assertThat(log.get(-1)).extracting(SlowLogEntry::id).containsExactly(1L);
    }

    @Test
    void anArgumentOver128BytesIsCutAndSaysHowManyBytesMore() {
        log.slowerThanMicros(0);

        log.offer(args("SET", "k", "x".repeat(200)), 0, "c");

        assertThat(text(log.get(1).getFirst().args().get(2))).isEqualTo("x".repeat(128) + "... (72 more bytes)");
    }

    @Test
    void aCommandOver32ArgumentsKeeps31AndSaysHowManyMore() {
        log.slowerThanMicros(0);
        List<String> many = new ArrayList<>(List.of("MSET"));
        for (int i = 0; i < 39; i++) {
            many.add("a" + i);
        }

        log.offer(args(many.toArray(String[]::new)), 0, "c");

        List<byte[]> kept = log.get(1).getFirst().args();
        assertThat(kept).hasSize(32);
        assertThat(text(kept.get(30))).isEqualTo("a29");
        assertThat(text(kept.get(31))).isEqualTo("... (9 more arguments)");
    }

    @Test
    void theLogKeepsItsOwnCopyOfTheArguments() {
        log.slowerThanMicros(0);
        byte[] reused = "k".getBytes(StandardCharsets.US_ASCII);

        log.offer(List.of("GET".getBytes(StandardCharsets.US_ASCII), reused), 0, "c");
        reused[0] = 'z';

        assertThat(text(log.get(1).getFirst().args().get(1))).isEqualTo("k");
    }

    private static List<byte[]> args(String... args) {
        return Arrays.stream(args).map(arg -> arg.getBytes(StandardCharsets.US_ASCII)).toList();
    }

    private static RespValue bulk(String text) {
        return RespValue.BulkString.of(text);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.US_ASCII);
    }
}
