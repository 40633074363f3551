package dev.buildredis.server;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

@WireTest
class PingEchoWireTest {

    @Test
    void pingRepliesPong(WireClient client) {
        client.send("*1\r\n$4\r\nPING\r\n").expect("+PONG\r\n");
    }

    @Test
    void pingWithAMessageRepliesWithTheMessageAsABulkString(WireClient client) {
        client.send("*2\r\n$4\r\nPING\r\n$5\r\nhello\r\n").expect("$5\r\nhello\r\n");
    }

    @Test
    void echoRepliesWithItsArgument(WireClient client) {
        client.send("*2\r\n$4\r\nECHO\r\n$5\r\nhello\r\n").expect("$5\r\nhello\r\n");
    }

    @Test
    void echoIsBinarySafe(WireClient client) {
        client.send("*2\r\n$4\r\nECHO\r\n$6\r\n\0\r\n\u00ff\r\n\r\n").expect("$6\r\n\0\r\n\u00ff\r\n\r\n");
    }

    @Test
    void aBulkLengthCountsBytesNotCharacters(WireClient client) {
        // "héllo" is 5 characters but 6 bytes in UTF-8: the length is in bytes
        client.send("*2\r\n$4\r\nECHO\r\n$6\r\nh\u00c3\u00a9llo\r\n").expect("$6\r\nh\u00c3\u00a9llo\r\n");
    }

    @Test
    void anEmptyArgumentIsAnEmptyBulkString(WireClient client) {
        client.send("*2\r\n$4\r\nECHO\r\n$0\r\n\r\n").expect("$0\r\n\r\n");
    }

    @Test
    void commandNamesIgnoreCase(WireClient client) {
        client.send("*1\r\n$4\r\npInG\r\n").expect("+PONG\r\n");
    }

    @Test
    void anInlineCommandIsAnswered(WireClient client) {
        client.send("PING\r\n").expect("+PONG\r\n");
        client.send("ECHO \"hello world\"\r\n").expect("$11\r\nhello world\r\n");
    }

    @Test
    void aCommandSentOneByteAtATimeIsAnsweredOnce(WireClient client) {
        for (byte b : "*2\r\n$4\r\nECHO\r\n$3\r\nabc\r\n".getBytes(StandardCharsets.ISO_8859_1)) {
            client.send(new byte[] {b});
        }
        client.expect("$3\r\nabc\r\n");
        client.send("PING\r\n").expect("+PONG\r\n"); // and nothing else came before this reply
    }

    @Test
    void aCommandSplitAcrossTwoWritesIsAnsweredOnce(WireClient client) throws InterruptedException {
        client.send("*2\r\n$4\r\nECHO\r\n$5\r\nhel");
        Thread.sleep(100); // long enough for the server to read the first half on its own
        client.send("lo\r\n").expect("$5\r\nhello\r\n");
    }

    @Test
    void pipelinedCommandsInOneWriteAreAllAnsweredInOrder(WireClient client) {
        client.send("*1\r\n$4\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$1\r\na\r\nPING\r\n*2\r\n$4\r\nECHO\r\n$1\r\nb\r\n")
                .expect("+PONG\r\n$1\r\na\r\n+PONG\r\n$1\r\nb\r\n");
    }

    @Test
    void aThousandPipelinedPingsGetAThousandPongs(WireClient client) {
        client.send("PING\r\n".repeat(1000)).expect("+PONG\r\n".repeat(1000));
    }

    @Test
    void aReplyLargerThanASocketBufferArrivesWhole(WireClient client) {
        // 4 MB: more than a socket takes in one write, so the server must go on writing as the client reads
        String value = "0123456789abcdef".repeat(256 * 1024);
        client.command("ECHO", value).expect("$" + value.length() + "\r\n" + value + "\r\n");
    }

    @Test
    void emptyLinesAndEmptyArraysAreNotCommands(WireClient client) {
        client.send("\r\n\r\n*0\r\n*-1\r\nPING\r\n").expect("+PONG\r\n");
    }

    @Test
    void anUnknownCommandGetsRedisErrorText(WireClient client) {
        client.send("*3\r\n$3\r\nfoo\r\n$1\r\na\r\n$1\r\nb\r\n")
                .expect("-ERR unknown command 'foo', with args beginning with: 'a' 'b' \r\n");
    }

    @Test
    void anUnknownCommandQuotesAtMost128CharactersOfNameAndArguments(WireClient client) {
        String a = "a".repeat(120);
        client.command("FOO", a, "bcdefgh", "ijk")
                .expect("-ERR unknown command 'FOO', with args beginning with: '" + a + "' 'bcdef' \r\n");
        client.command("N".repeat(130))
                .expect("-ERR unknown command '" + "N".repeat(128) + "', with args beginning with: \r\n");
    }

    @Test
    void unknownNamesAndArgumentsAreQuotedUpToTheirFirstZeroByteWithCrLfAsSpaces(WireClient client) {
        client.command("FOO\u0000BAR", "a\u0000b", "c\r\nd", "\u0000")
                .expect("-ERR unknown command 'FOO', with args beginning with: 'a' 'c  d' '' \r\n");
        client.command("OBJECT", "x\u0000y").expect("-ERR unknown subcommand 'x'. Try OBJECT HELP.\r\n");
    }

    @Test
    void aWrongArgumentCountGetsRedisErrorText(WireClient client) {
        client.send("*1\r\n$4\r\nECHO\r\n").expect("-ERR wrong number of arguments for 'echo' command\r\n");
        client.send("PING a b\r\n").expect("-ERR wrong number of arguments for 'ping' command\r\n");
    }

    @Test
    void anErrorDoesNotEndTheConnection(WireClient client) {
        client.send("nosuchcommand\r\n").expect("-ERR unknown command 'nosuchcommand', with args beginning with: \r\n");
        client.send("PING\r\n").expect("+PONG\r\n");
    }

    @Test
    void aProtocolErrorIsReportedAndClosesTheConnection(WireClient client) {
        client.send("*1\r\n$x\r\n").expect("-ERR Protocol error: invalid bulk length\r\n");
        client.expectClosed();
    }

    @Test
    void repliesBeforeAProtocolErrorAreStillSent(WireClient client) {
        client.send("PING\r\n*1\r\n+PING\r\n").expect("+PONG\r\n-ERR Protocol error: expected '$', got '+'\r\n");
        client.expectClosed();
    }

    @Test
    void aTooLargeBulkLengthIsRefusedBeforeAnyDataArrives(WireClient client) {
        client.send("*2\r\n$4\r\nECHO\r\n$536870913\r\n").expect("-ERR Protocol error: invalid bulk length\r\n");
        client.expectClosed();
    }

    @Test
    void aTooLargeArrayLengthIsRefused(WireClient client) {
        client.send("*3000000000\r\n").expect("-ERR Protocol error: invalid multibulk length\r\n");
        client.expectClosed();
    }

    @Test
    void unbalancedQuotesInAnInlineCommandAreAProtocolError(WireClient client) {
        client.send("ECHO \"abc\r\n").expect("-ERR Protocol error: unbalanced quotes in request\r\n");
        client.expectClosed();
    }

    @Test
    void aClientThatBreaksTheProtocolDoesNotHurtTheNextClient(java.net.InetSocketAddress address) {
        try (WireClient bad = WireClient.connect(address)) {
            bad.send("*1\r\n$-5\r\n").expect("-ERR Protocol error: invalid bulk length\r\n");
            bad.expectClosed();
        }
        try (WireClient good = WireClient.connect(address)) {
            good.send("PING\r\n").expect("+PONG\r\n");
        }
    }

    @Test
    void aClientThatLeavesHalfWayThroughACommandDoesNotHurtTheNextClient(java.net.InetSocketAddress address) {
        try (WireClient leaving = WireClient.connect(address)) {
            leaving.send("*2\r\n$4\r\nECHO\r\n$100\r\nonly part of it");
        }
        try (WireClient next = WireClient.connect(address)) {
            next.send("PING\r\n").expect("+PONG\r\n");
        }
    }
}
