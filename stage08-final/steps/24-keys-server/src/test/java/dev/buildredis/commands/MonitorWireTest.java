package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** MONITOR: a line per command that ran, in Redis's format, and what it leaves out. */
@WireTest
class MonitorWireTest {

    /** A monitor line's beginning: the time, the database and the client's address. */
    private static final String PREFIX = "\\+[0-9]{10}\\.[0-9]{6} \\[%d 127\\.0\\.0\\.1:[0-9]+\\] ";

    private static String line(WireClient monitor) {
        return (String) monitor.readReply();
    }

    @Test
    void eachCommandIsALineWithItsArgumentsQuoted(WireClient monitor, WireClient c) {
        monitor.call("+OK\r\n", "MONITOR");
        c.call("+OK\r\n", "SET", "mon:k", "a b\"c\\d\n\r\t\u0007\u0008\u0001\u00ff");
        assertThat("+" + line(monitor)).matches(String.format(PREFIX, 0)
                + "\"SET\" \"mon:k\" \"a b\\\\\"c\\\\\\\\d\\\\n\\\\r\\\\t\\\\a\\\\b\\\\x01\\\\xff\"");
        c.call("+OK\r\n", "SELECT", "4"); // the database after the command
        assertThat("+" + line(monitor)).matches(String.format(PREFIX, 4) + "\"SELECT\" \"4\"");
    }

    @Test
    void aTransactionShowsItsCommandsAtExecThenExec(WireClient monitor, WireClient c) {
        monitor.call("+OK\r\n", "MONITOR");
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "INCR", "mon:n");
        c.command("EXEC").readReply();
        assertThat(line(monitor)).endsWith("\"MULTI\"");
        assertThat(line(monitor)).endsWith("\"INCR\" \"mon:n\"");
        assertThat(line(monitor)).endsWith("\"EXEC\"");
    }

    @Test
    void passwordsAreRedactedAndAdminCommandsAndRefusalsLeftOut(WireClient monitor, WireClient c) {
        monitor.call("+OK\r\n", "MONITOR");
        c.command("AUTH", "secret").readReply();
        c.command("CONFIG", "GET", "port").readReply();
        c.command("NOSUCHCOMMAND").readReply();
        c.command("GET").readReply();
        c.command("HELLO", "2", "AUTH", "default", "pw").readReply();
        c.call("+PONG\r\n", "PING");
        assertThat(line(monitor)).endsWith("\"AUTH\" \"(redacted)\"");
        assertThat(line(monitor)).endsWith("\"HELLO\" \"2\" \"AUTH\" \"(redacted)\" \"(redacted)\"");
        assertThat(line(monitor)).endsWith("\"PING\"");
    }

    @Test
    void aMonitorMayNotTouchTheKeyspaceAndAnswersASecondMonitorWithNothing(WireClient monitor) {
        monitor.call("+OK\r\n", "MONITOR");
        monitor.command("MONITOR");
        monitor.expectNoReplyWithin(Duration.ofMillis(100));
        monitor.call("-ERR Replica can't interact with the keyspace\r\n", "GET", "mon:k");
        monitor.call("+PONG\r\n", "PING");
        assertThat(line(monitor)).endsWith("\"PING\"");
        monitor.call("+RESET\r\n", "RESET"); // and RESET ends it
        monitor.call("$-1\r\n", "GET", "mon:none");
    }

    @Test
    void monitorInsideATransactionIsRefusedAtExec(WireClient c) {
        c.call("+OK\r\n", "MULTI");
        c.call("+QUEUED\r\n", "MONITOR");
        c.call("*1\r\n-ERR MONITOR isn't allowed for DENY BLOCKING client\r\n", "EXEC");
    }
}
