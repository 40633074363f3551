package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static dev.buildredis.commands.StreamReplies.array;
import static dev.buildredis.commands.StreamReplies.bulk;
import static dev.buildredis.commands.StreamReplies.entry;
import static dev.buildredis.commands.StreamReplies.read;
import static org.assertj.core.api.Assertions.assertThat;

/** XREAD with BLOCK: a reader waits, another client's XADD serves it, as in Redis 7.0. */
@WireTest
public class StreamBlockingWireTest {

    /** Long enough for the server to have parked the reader before the next command. */
    private static final Duration PARKED = Duration.ofMillis(100);

    @BeforeEach
    void startEmpty(WireClient c) {
        c.call("+OK\r\n", "FLUSHALL");
    }

    @Test
    void xreadBlockIsServedByTheNextXaddWithOnlyTheNewEntries(WireClient reader, WireClient writer) {
        writer.call(bulk("1-0"), "XADD", "s", "1-0", "f", "old");
        reader.command("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        reader.expectNoReplyWithin(PARKED);
        writer.call(bulk("2-0"), "XADD", "s", "2-0", "f", "new");
        reader.expect(read("s", entry("2-0", "f", "new")));
    }

    @Test
    void xreadBlockAnswersAtOnceWhenEntriesAreThereAndTimesOutWithNull(WireClient c) {
        c.call(bulk("1-0"), "XADD", "s", "1-0", "f", "v");
        c.call(read("s", entry("1-0", "f", "v")), "XREAD", "BLOCK", "0", "STREAMS", "s", "0");
        c.call("*-1\r\n", "XREAD", "BLOCK", "50", "STREAMS", "s", "$");
        c.call("*-1\r\n", "XREAD", "BLOCK", "50", "STREAMS", "missing", "$");
        c.call("-ERR timeout is not an integer or out of range\r\n", "XREAD", "BLOCK", "0.5", "STREAMS", "s", "$");
        c.call("-ERR timeout is negative\r\n", "XREAD", "BLOCK", "-1", "STREAMS", "s", "$");
    }

    @Test
    void aReaderOfSeveralStreamsGetsOnlyTheOneThatGrew(WireClient reader, WireClient writer) {
        reader.command("XREAD", "COUNT", "1", "BLOCK", "0", "STREAMS", "a", "b", "$", "$");
        reader.expectNoReplyWithin(PARKED);
        writer.call("+OK\r\n", "MULTI");
        writer.call("+QUEUED\r\n", "XADD", "b", "1-0", "f", "1");
        writer.call("+QUEUED\r\n", "XADD", "b", "2-0", "f", "2");
        writer.call("*2\r\n" + bulk("1-0") + bulk("2-0"), "EXEC");
        reader.expect(read("b", entry("1-0", "f", "1"))); // COUNT holds when served too
    }

    @Test
    void eachBlockedReaderWaitsForEntriesAfterItsOwnId(WireClient early, WireClient late, WireClient writer) {
        writer.call(bulk("5-0"), "XADD", "s", "5-0", "f", "v");
        late.command("XREAD", "BLOCK", "0", "STREAMS", "s", "10-0");
        late.expectNoReplyWithin(PARKED);
        early.command("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        early.expectNoReplyWithin(PARKED);
        writer.call(bulk("6-0"), "XADD", "s", "6-0", "f", "v");
        early.expect(read("s", entry("6-0", "f", "v"))); // served though a reader ahead of it was not
        late.expectNoReplyWithin(PARKED);
        writer.call(bulk("11-0"), "XADD", "s", "11-0", "f", "v");
        late.expect(read("s", entry("11-0", "f", "v")));
    }

    @Test
    void aDeletedStreamKeepsXreadWaitingUntilAnIdAfterItsOwnComes(WireClient reader, WireClient writer) {
        writer.call(bulk("5-0"), "XADD", "s", "5-0", "f", "v");
        reader.command("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        reader.expectNoReplyWithin(PARKED);
        writer.call(":1\r\n", "DEL", "s");
        writer.call(bulk("1-0"), "XADD", "s", "1-0", "f", "v");
        reader.expectNoReplyWithin(PARKED);
        writer.call(bulk("6-0"), "XADD", "s", "6-0", "f", "v");
        reader.expect(read("s", entry("6-0", "f", "v")));
    }

    @Test
    void insideMultiABlockingReadAnswersAsIfItHadTimedOut(WireClient c) {
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        c.call("*1\r\n*-1\r\n", "EXEC");
    }

    @Test
    void inResp3TheServedReplyIsAMapAndTheTimeoutIsNull(WireClient reader, WireClient writer) {
        reader.command("HELLO", "3").readReply();
        reader.call("_\r\n", "XREAD", "BLOCK", "20", "STREAMS", "s", "$");
        reader.command("XREAD", "BLOCK", "0", "STREAMS", "s", "$");
        reader.expectNoReplyWithin(PARKED);
        writer.call(bulk("1-0"), "XADD", "s", "1-0", "f", "v");
        reader.expect("%1\r\n" + bulk("s") + array(entry("1-0", "f", "v")));
    }

    @Test
    void aServedReaderRunsWhatItPipelinedBehindTheRead(WireClient reader, WireClient writer) {
        reader.send("*6\r\n$5\r\nXREAD\r\n$5\r\nBLOCK\r\n$1\r\n0\r\n$7\r\nSTREAMS\r\n$1\r\ns\r\n$1\r\n$\r\n"
                + "*2\r\n$4\r\nXLEN\r\n$1\r\ns\r\n");
        reader.expectNoReplyWithin(PARKED);
        writer.call(bulk("1-0"), "XADD", "s", "1-0", "f", "v");
        reader.expect(read("s", entry("1-0", "f", "v")) + ":1\r\n");
        assertThat((String) writer.command("INFO", "clients").readReply()).contains("\r\nblocked_clients:0\r\n");
    }
}
