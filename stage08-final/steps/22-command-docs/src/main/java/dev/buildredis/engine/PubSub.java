package dev.buildredis.engine;

import dev.buildredis.store.Key;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Who listens to what: channels and patterns to their subscribers. PUBLISH writes the message straight into every
 * subscriber's reply buffer (the event loop sends it with their other output), so a publisher never waits for a
 * slow subscriber; a subscriber that does not read is cut off by its output buffer limit instead.
 * <pre>
 * message to a channel subscriber   *3\r\n$7\r\nmessage\r\n$&lt;channel&gt;\r\n$&lt;message&gt;\r\n      (RESP3: &gt;3)
 * message to a pattern subscriber   *4\r\n$8\r\npmessage\r\n$&lt;pattern&gt;\r\n$&lt;channel&gt;\r\n$&lt;message&gt;
 * </pre>
 */
public final class PubSub {

    private final Map<Key, Set<Client>> channels = new HashMap<>();
    private final Map<Key, Set<Client>> patterns = new HashMap<>();

    public boolean subscribe(Client client, Key channel) {
        if (!client.channels.add(channel)) {
            return false;
        }
        channels.computeIfAbsent(channel, k -> new LinkedHashSet<>()).add(client);
        return true;
    }

    public boolean unsubscribe(Client client, Key channel) {
        if (!client.channels.remove(channel)) {
            return false;
        }
        remove(channels, channel, client);
        return true;
    }

    public boolean psubscribe(Client client, Key pattern) {
        if (!client.patterns.add(pattern)) {
            return false;
        }
        patterns.computeIfAbsent(pattern, k -> new LinkedHashSet<>()).add(client);
        return true;
    }

    public boolean punsubscribe(Client client, Key pattern) {
        if (!client.patterns.remove(pattern)) {
            return false;
        }
        remove(patterns, pattern, client);
        return true;
    }

    public void unsubscribeAll(Client client) {
        for (Key channel : client.channels) {
            remove(channels, channel, client);
        }
        for (Key pattern : client.patterns) {
            remove(patterns, pattern, client);
        }
        client.channels.clear();
        client.patterns.clear();
    }

    // tag::publish[]
    /** Delivers a message; returns how many subscriptions received it (Redis counts a client once per match). */
    public int publish(Engine engine, Key channel, byte[] message) {
        int receivers = 0;
        for (Client client : channels.getOrDefault(channel, Set.of())) {
            client.reply.pushHeader(3);
            client.reply.bulk(MESSAGE);
            client.reply.bulk(channel.bytes());
            client.reply.bulk(message);
            engine.flushLater(client);
            receivers++;
        }
        for (Map.Entry<Key, Set<Client>> entry : patterns.entrySet()) {
            if (!Glob.matches(entry.getKey().bytes(), channel.bytes(), false)) {
                continue;
            }
            for (Client client : entry.getValue()) {
                client.reply.pushHeader(4);
                client.reply.bulk(PMESSAGE);
                client.reply.bulk(entry.getKey().bytes());
                client.reply.bulk(channel.bytes());
                client.reply.bulk(message);
                engine.flushLater(client);
                receivers++;
            }
        }
        return receivers;
    }
    // end::publish[]

    public Set<Key> channels() {
        return channels.keySet();
    }

    public int subscribers(Key channel) {
        return channels.getOrDefault(channel, Set.of()).size();
    }

    public int patternCount() {
        return patterns.size();
    }

    private static final byte[] MESSAGE = Args.bytes("message");
    private static final byte[] PMESSAGE = Args.bytes("pmessage");

    private static void remove(Map<Key, Set<Client>> map, Key name, Client client) {
        Set<Client> set = map.get(name);
        if (set != null) {
            set.remove(client);
            if (set.isEmpty()) {
                map.remove(name);
            }
        }
    }
}
