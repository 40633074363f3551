package dev.buildredis.persistence.rdb;

import dev.buildredis.store.HashValue;
import dev.buildredis.store.Key;
import dev.buildredis.store.ListValue;
import dev.buildredis.store.SetValue;
import dev.buildredis.store.SkipList;
import dev.buildredis.store.SortedSetValue;
import dev.buildredis.store.StreamValue;
import dev.buildredis.store.StringValue;
import dev.buildredis.store.Value;
import dev.buildredis.testing.DataSet;
import dev.buildredis.testing.StreamView;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keys with their values and expiries, grouped by db: what the RDB tests write, read back and compare.
 *
 * <p>{@link #contents()} turns each value into plain collections of {@link Key}s (which compare by content), so
 * that two data sets compare equal when they hold the same data, whatever objects and orders hold it: a list stays a
 * list, a set and a hash become a set and a map, a sorted set the list of its (member, score) in order.
 */
final class RdbData {

    /** A value and its expiry in Unix milliseconds, -1 for none. */
    record Item(Value value, long expireAt) {
    }

    /** A key's contents and expiry, as compared. */
    record Stored(Object contents, long expireAt) {
    }

    /** One sorted-set member; {@code double} components compare with {@link Double#compare}, so -0.0 ≠ 0.0. */
    record Scored(Key member, double score) {
    }

    private final SortedMap<Integer, Map<Key, Item>> dbs = new TreeMap<>();

    RdbData put(int db, String key, Value value) {
        return put(db, bytes(key), value, -1);
    }

    RdbData put(int db, byte[] key, Value value, long expireAt) {
        dbs.computeIfAbsent(db, d -> new LinkedHashMap<>()).put(new Key(key), new Item(value, expireAt));
        return this;
    }

    Set<Integer> dbNumbers() {
        return dbs.keySet();
    }

    /** The data set as an RDB file made by {@link RdbWriter}. */
    byte[] toRdb() {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RdbWriter writer = new RdbWriter(out);
            writer.writeHeader(System.currentTimeMillis() / 1000, 1_000_000, false);
            for (Map.Entry<Integer, Map<Key, Item>> db : dbs.entrySet()) {
                long expires = db.getValue().values().stream().filter(item -> item.expireAt() >= 0).count();
                writer.selectDb(db.getKey(), db.getValue().size(), expires);
                for (Map.Entry<Key, Item> entry : db.getValue().entrySet()) {
                    writer.writeEntry(entry.getKey(), entry.getValue().value(), entry.getValue().expireAt());
                }
            }
            writer.writeEnd();
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every key of an RDB file, read by {@link RdbReader}. */
    static RdbData fromRdb(byte[] file) throws IOException {
        RdbData data = new RdbData();
        RdbReader.read(new ByteArrayInputStream(file),
                (db, key, value, expireAt) -> data.put(db, key.bytes(), value, expireAt));
        return data;
    }

    /** db → key → contents and expiry. */
    Map<Integer, Map<Key, Stored>> contents() {
        Map<Integer, Map<Key, Stored>> contents = new TreeMap<>();
        dbs.forEach((db, items) -> {
            Map<Key, Stored> keys = new HashMap<>();
            items.forEach((key, item) -> keys.put(key, new Stored(contentsOf(item.value()), item.expireAt())));
            contents.put(db, keys);
        });
        return contents;
    }

    /** db → key text → the key as {@link DataSet#of} reads it from a server, for comparing with one. */
    Map<Integer, Map<String, String>> asServed() {
        Map<Integer, Map<String, String>> served = new TreeMap<>();
        dbs.forEach((db, items) -> {
            Map<String, String> keys = new TreeMap<>();
            items.forEach((key, item) -> keys.put(key.toString(), DataSet.describe(item.value(), item.expireAt())));
            if (!keys.isEmpty()) {
                served.put(db, keys);
            }
        });
        return served;
    }

    /**
     * Asserts that two data sets' {@link #contents()} are equal, key by key, so that a failure names the db and key
     * that differ instead of printing two maps of thousands of elements.
     */
    static void assertSameContents(Map<Integer, Map<Key, Stored>> actual, Map<Integer, Map<Key, Stored>> expected) {
        assertThat(actual.keySet()).as("databases").isEqualTo(expected.keySet());
        expected.forEach((db, keys) -> {
            assertThat(actual.get(db).keySet()).as("keys of db %d", db).isEqualTo(keys.keySet());
            keys.forEach((key, stored) -> {
                Stored got = actual.get(db).get(key);
                assertThat(got.expireAt()).as("expiry of %s in db %d", key, db).isEqualTo(stored.expireAt());
                assertThat(got.contents()).as("contents of %s in db %d", key, db).isEqualTo(stored.contents());
            });
        });
    }

    static Object contentsOf(Value value) {
        return switch (value) {
            case StringValue string -> new Key(string.bytes());
            case ListValue list -> {
                List<Key> elements = new ArrayList<>();
                for (int i = 0; i < list.size(); i++) {
                    elements.add(new Key(list.get(i)));
                }
                yield elements;
            }
            case SetValue set -> new HashSet<>(set.view());
            case HashValue hash -> {
                Map<Key, Key> fields = new HashMap<>();
                hash.fields().forEach((field, v) -> fields.put(field, new Key(v)));
                yield fields;
            }
            case SortedSetValue zset -> {
                List<Scored> members = new ArrayList<>();
                for (SkipList.Node node = zset.list().first(); node != null; node = node.next()) {
                    members.add(new Scored(node.member(), node.score()));
                }
                yield members;
            }
            case StreamValue stream -> StreamView.of(stream);
        };
    }

    // Value builders; text is taken one char a byte (ISO-8859-1), so "\0" and "\u00ff" are single bytes.

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static StringValue string(String text) {
        return new StringValue(bytes(text));
    }

    static ListValue list(String... elements) {
        ListValue list = new ListValue();
        for (String e : elements) {
            list.addLast(bytes(e));
        }
        return list;
    }

    static SetValue set(String... members) {
        SetValue set = new SetValue(dev.buildredis.store.Encodings.DEFAULTS);
        for (String m : members) {
            set.add(Key.of(m));
        }
        return set;
    }

    /** Field, value, field, value, ... */
    static HashValue hash(String... fieldsAndValues) {
        HashValue hash = new HashValue(dev.buildredis.store.Encodings.DEFAULTS);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            hash.put(Key.of(fieldsAndValues[i]), bytes(fieldsAndValues[i + 1]));
        }
        return hash;
    }

    /** Member, score, member, score, ... */
    static SortedSetValue zset(Object... membersAndScores) {
        SortedSetValue zset = new SortedSetValue(dev.buildredis.store.Encodings.DEFAULTS);
        for (int i = 0; i < membersAndScores.length; i += 2) {
            zset.put(Key.of((String) membersAndScores[i]), ((Number) membersAndScores[i + 1]).doubleValue());
        }
        return zset;
    }
}
