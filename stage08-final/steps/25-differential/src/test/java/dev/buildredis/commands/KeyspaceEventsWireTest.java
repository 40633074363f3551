package dev.buildredis.commands;

import dev.buildredis.testing.WireClient;
import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;

/**
 * Keyspace notifications, byte for byte: which channels a change is published on, and which kinds
 * {@code notify-keyspace-events} lets through (the long comparison with redis-server is KeyspaceEventsComparisonTest).
 */
@WireTest
class KeyspaceEventsWireTest {

    private InetSocketAddress server;

    @AfterEach
    void quiet() {
        if (server != null) {
            try (WireClient c = WireClient.connect(server)) {
                c.call("+OK\r\n", "CONFIG", "SET", "notify-keyspace-events", "");
            }
        }
    }

    private static String pmessage(String channel, String message) {
        return "*4\r\n$8\r\npmessage\r\n$10\r\n__key*__:*\r\n$" + channel.length() + "\r\n" + channel + "\r\n$"
                + message.length() + "\r\n" + message + "\r\n";
    }

    private static WireClient subscribe(InetSocketAddress address) {
        WireClient subscriber = WireClient.connect(address);
        subscriber.call("*3\r\n$10\r\npsubscribe\r\n$10\r\n__key*__:*\r\n:1\r\n", "PSUBSCRIBE", "__key*__:*");
        return subscriber;
    }

    @Test
    void aWriteIsPublishedOnTheKeysChannelAndOnTheEventsChannel(WireClient c, InetSocketAddress address) {
        server = address;
        c.call("+OK\r\n", "SELECT", "9");
        c.command("DEL", "ev:k").readReply();
        c.call("+OK\r\n", "CONFIG", "SET", "notify-keyspace-events", "KEA");
        try (WireClient subscriber = subscribe(address)) {
            c.call("+OK\r\n", "SET", "ev:k", "v", "EX", "100");
            subscriber.expect(pmessage("__keyspace@9__:ev:k", "set") + pmessage("__keyevent@9__:set", "ev:k")
                    + pmessage("__keyspace@9__:ev:k", "expire") + pmessage("__keyevent@9__:expire", "ev:k"));
            c.call(":11\r\n", "INCRBY", "ev:n", "11");
            subscriber.expect(pmessage("__keyspace@9__:ev:n", "incrby") + pmessage("__keyevent@9__:incrby", "ev:n"));
            c.call(":2\r\n", "DEL", "ev:k", "ev:n");
            subscriber.expect(pmessage("__keyspace@9__:ev:k", "del") + pmessage("__keyevent@9__:del", "ev:k")
                    + pmessage("__keyspace@9__:ev:n", "del") + pmessage("__keyevent@9__:del", "ev:n"));
        }
    }

    @Test
    void aPopThatEmptiesAListIsFollowedByDel(WireClient c, InetSocketAddress address) {
        server = address;
        c.command("DEL", "ev:l").readReply();
        c.call("+OK\r\n", "CONFIG", "SET", "notify-keyspace-events", "Elg");
        try (WireClient subscriber = subscribe(address)) {
            c.call(":1\r\n", "RPUSH", "ev:l", "a");
            c.call("$1\r\na\r\n", "LPOP", "ev:l");
            subscriber.expect(pmessage("__keyevent@0__:rpush", "ev:l") + pmessage("__keyevent@0__:lpop", "ev:l")
                    + pmessage("__keyevent@0__:del", "ev:l"));
        }
    }

    @Test
    void renameMoveAndCopyNameBothEnds(WireClient c, InetSocketAddress address) {
        server = address;
        c.command("DEL", "ev:a", "ev:b", "ev:c").readReply();
        c.call("+OK\r\n", "SET", "ev:a", "1");
        c.call("+OK\r\n", "CONFIG", "SET", "notify-keyspace-events", "Eg");
        try (WireClient subscriber = subscribe(address)) {
            c.call("+OK\r\n", "RENAME", "ev:a", "ev:b");
            c.call(":1\r\n", "COPY", "ev:b", "ev:c");
            subscriber.expect(pmessage("__keyevent@0__:rename_from", "ev:a")
                    + pmessage("__keyevent@0__:rename_to", "ev:b") + pmessage("__keyevent@0__:copy_to", "ev:c"));
        }
    }

    @Test
    void newKeysAndKeyMissesAreKindsOfTheirOwnThatAllDoesNotInclude(WireClient c, InetSocketAddress address) {
        server = address;
        c.command("DEL", "ev:x").readReply();
        c.call("+OK\r\n", "CONFIG", "SET", "notify-keyspace-events", "A");
        // no K, no E: nothing goes out
        c.call("*2\r\n$22\r\nnotify-keyspace-events\r\n$1\r\nA\r\n", "CONFIG", "GET", "notify-keyspace-events");
        c.call("+OK\r\n", "CONFIG", "SET", "notify-keyspace-events", "Enm");
        c.call("*2\r\n$22\r\nnotify-keyspace-events\r\n$3\r\nnEm\r\n", "CONFIG", "GET", "notify-keyspace-events");
        try (WireClient subscriber = subscribe(address)) {
            c.call("$-1\r\n", "GET", "ev:x");
            c.call("+OK\r\n", "SET", "ev:x", "1");
            c.call("+OK\r\n", "SET", "ev:x", "2");
            subscriber.expect(pmessage("__keyevent@0__:keymiss", "ev:x") + pmessage("__keyevent@0__:new", "ev:x"));
        }
    }

    @Test
    void aKeyPastItsTtlIsExpiredWhenLookedUp(WireClient c, InetSocketAddress address) throws Exception {
        server = address;
        c.call("+OK\r\n", "CONFIG", "SET", "notify-keyspace-events", "Ex");
        try (WireClient subscriber = subscribe(address)) {
            c.call("+OK\r\n", "SET", "ev:t", "v", "PX", "1");
            Thread.sleep(20);
            c.call("$-1\r\n", "GET", "ev:t");
            subscriber.expect(pmessage("__keyevent@0__:expired", "ev:t"));
        }
    }

    @Test
    void kindsThatAreNotAskedForStayQuiet(WireClient c, InetSocketAddress address) {
        server = address;
        c.call("+OK\r\n", "CONFIG", "SET", "notify-keyspace-events", "Kh");
        try (WireClient subscriber = subscribe(address)) {
            c.call("+OK\r\n", "SET", "ev:s", "v");
            c.command("HSET", "ev:h", "f", "v").readReply();
            subscriber.expect(pmessage("__keyspace@0__:ev:h", "hset"));
        }
    }
}
