package dev.buildredis.persistence.rdb;

import dev.buildredis.store.HashValue;
import dev.buildredis.store.Key;
import dev.buildredis.store.ListValue;
import dev.buildredis.store.Numbers;
import dev.buildredis.store.SetValue;
import dev.buildredis.store.SortedSetValue;
import dev.buildredis.store.StreamValue;
import dev.buildredis.store.StringValue;
import dev.buildredis.store.Value;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Reads one value of a given RDB type into this server's value classes: for each type this server has, every
 * encoding Redis has written up to 7.2.
 * <pre>
 *   string      0 (plain, integer or LZF string)
 *   list        1 (plain), 10 (ziplist), 14 (quicklist of ziplists), 18 (quicklist of listpacks and plain nodes)
 *   set         2 (plain), 11 (intset), 20 (listpack)
 *   sorted set  3 (text scores), 5 (binary scores), 12 (ziplist), 17 (listpack)
 *   hash        4 (plain), 9 (zipmap), 13 (ziplist), 16 (listpack)
 * </pre>
 * As in Redis, a set or hash with a repeated member, or a sorted set with a NaN score, is a damaged file.
 */
final class ValueReader {

    private ValueReader() {
    }

    /** Refuses, before the key is read, a type byte this reader cannot load. */
    static void requireSupported(int type, long at) throws RdbFormatException {
        switch (type) {
            case RdbFormat.TYPE_MODULE_PRE_GA, RdbFormat.TYPE_MODULE_2 ->
                    throw new RdbFormatException(at, "module keys are not supported (type " + type + ")");
            default -> {
                if (type > RdbFormat.TYPE_STREAM_LISTPACKS_3 || type == 8) {
                    throw new RdbFormatException(at, "unknown value type " + type);
                }
            }
        }
    }

    /** The value, or {@code null} for an empty collection, which Redis too skips when it loads a file. */
    static Value read(int type, RdbInput in) throws IOException {
        long at = in.offset();
        Value value = switch (type) {
            case RdbFormat.TYPE_STRING -> new StringValue(in.readString());
            case RdbFormat.TYPE_LIST -> {
                ListValue list = new ListValue();
                for (long n = in.readLength(); n > 0; n--) {
                    list.addLast(in.readString());
                }
                yield list;
            }
            case RdbFormat.TYPE_SET -> {
                SetValue set = new SetValue(in.encodings());
                for (long n = in.readLength(); n > 0; n--) {
                    addMember(set, in.readString(), in);
                }
                yield set;
            }
            case RdbFormat.TYPE_ZSET, RdbFormat.TYPE_ZSET_2 -> {
                SortedSetValue zset = new SortedSetValue(in.encodings());
                for (long n = in.readLength(); n > 0; n--) {
                    byte[] member = in.readString();
                    double score = type == RdbFormat.TYPE_ZSET ? in.readTextDouble() : in.readBinaryDouble();
                    addScored(zset, member, score, in);
                }
                yield zset;
            }
            case RdbFormat.TYPE_HASH -> {
                HashValue hash = new HashValue(in.encodings());
                for (long n = in.readLength(); n > 0; n--) {
                    addField(hash, in.readString(), in.readString(), in);
                }
                yield hash;
            }
            case RdbFormat.TYPE_LIST_QUICKLIST, RdbFormat.TYPE_LIST_QUICKLIST_2 -> readQuicklist(type, in);
            // streams: 15 (Redis 5 to 6.2), 19 (7.0) and 21 (7.2), see StreamRecord
            case RdbFormat.TYPE_STREAM_LISTPACKS, RdbFormat.TYPE_STREAM_LISTPACKS_2, RdbFormat.TYPE_STREAM_LISTPACKS_3 ->
                    StreamRecord.read(type, in);
            default -> fromBlob(type, in.readString(), at, in);
        };
        return isEmpty(value) ? null : value;
    }

    // tag::from-blob[]
    /** The types stored as a single string holding one of Redis's compact encodings. */
    private static Value fromBlob(int type, byte[] blob, long at, RdbInput in) throws IOException {
        return switch (type) {
            case RdbFormat.TYPE_HASH_ZIPMAP -> hash(Zipmap.entries(blob, at), at, in);
            case RdbFormat.TYPE_HASH_ZIPLIST -> hash(Ziplist.entries(blob, at), at, in);
            case RdbFormat.TYPE_HASH_LISTPACK -> hash(Listpack.entries(blob, at), at, in);
            case RdbFormat.TYPE_LIST_ZIPLIST -> list(new ListValue(), Ziplist.entries(blob, at));
            case RdbFormat.TYPE_SET_INTSET -> set(Intset.members(blob, at), in);
            case RdbFormat.TYPE_SET_LISTPACK -> set(Listpack.entries(blob, at), in);
            case RdbFormat.TYPE_ZSET_ZIPLIST -> zset(Ziplist.entries(blob, at), at, in);
            case RdbFormat.TYPE_ZSET_LISTPACK -> zset(Listpack.entries(blob, at), at, in);
            default -> throw new RdbFormatException(at, "unknown value type " + type);
        };
    }
    // end::from-blob[]

    /**
     * A quicklist: a count of nodes, each a ziplist (type 14) or, in type 18, a container kind and then either a
     * listpack (PACKED) or one element stored as itself (PLAIN, for elements too large for a listpack).
     */
    private static ListValue readQuicklist(int type, RdbInput in) throws IOException {
        ListValue list = new ListValue();
        for (long n = in.readLength(); n > 0; n--) {
            long container = type == RdbFormat.TYPE_LIST_QUICKLIST_2 ? in.readLength() : RdbFormat.QUICKLIST_NODE_PACKED;
            long at = in.offset();
            byte[] node = in.readString();
            if (container == RdbFormat.QUICKLIST_NODE_PLAIN) {
                list.addLast(node);
            } else if (container != RdbFormat.QUICKLIST_NODE_PACKED) {
                throw new RdbFormatException(at, "unknown quicklist node container " + container);
            } else {
                list(list, type == RdbFormat.TYPE_LIST_QUICKLIST ? Ziplist.entries(node, at) : Listpack.entries(node, at));
            }
        }
        return list;
    }

    private static ListValue list(ListValue list, List<byte[]> elements) {
        elements.forEach(list::addLast);
        return list;
    }

    private static SetValue set(List<byte[]> members, RdbInput in) throws RdbFormatException {
        SetValue set = new SetValue(in.encodings());
        for (byte[] member : members) {
            addMember(set, member, in);
        }
        return set;
    }

    private static HashValue hash(List<byte[]> entries, long at, RdbInput in) throws RdbFormatException {
        requirePairs(entries, at);
        HashValue hash = new HashValue(in.encodings());
        for (int i = 0; i < entries.size(); i += 2) {
            addField(hash, entries.get(i), entries.get(i + 1), in);
        }
        return hash;
    }

    /** Member, score, member, score, ...; the score is a decimal text or an integer entry. */
    private static SortedSetValue zset(List<byte[]> entries, long at, RdbInput in) throws RdbFormatException {
        requirePairs(entries, at);
        SortedSetValue zset = new SortedSetValue(in.encodings());
        for (int i = 0; i < entries.size(); i += 2) {
            Double score = Numbers.parseDouble(entries.get(i + 1));
            if (score == null) {
                throw new RdbFormatException(at, "sorted set score is not a number: "
                        + new String(entries.get(i + 1), StandardCharsets.ISO_8859_1));
            }
            addScored(zset, entries.get(i), score, in);
        }
        return zset;
    }

    private static void requirePairs(List<byte[]> entries, long at) throws RdbFormatException {
        if (entries.size() % 2 != 0) {
            throw new RdbFormatException(at, "odd number of entries (" + entries.size() + ") where pairs belong");
        }
    }

    private static void addMember(SetValue set, byte[] member, RdbInput in) throws RdbFormatException {
        if (!set.add(new Key(member))) {
            throw in.damaged(in.offset(), "set member repeated: " + new Key(member));
        }
    }

    private static void addField(HashValue hash, byte[] field, byte[] value, RdbInput in) throws RdbFormatException {
        if (hash.put(new Key(field), value) != null) {
            throw in.damaged(in.offset(), "hash field repeated: " + new Key(field));
        }
    }

    private static void addScored(SortedSetValue zset, byte[] member, double score, RdbInput in)
            throws RdbFormatException {
        if (Double.isNaN(score)) {
            throw in.damaged(in.offset(), "sorted set score is NaN for member " + new Key(member));
        }
        if (zset.score(new Key(member)) != null) {
            throw in.damaged(in.offset(), "sorted set member repeated: " + new Key(member));
        }
        zset.put(new Key(member), score);
    }

    private static boolean isEmpty(Value value) {
        return switch (value) {
            case StringValue string -> false;
            case ListValue list -> list.size() == 0;
            case SetValue set -> set.size() == 0;
            case HashValue hash -> hash.size() == 0;
            case SortedSetValue zset -> zset.size() == 0;
            case StreamValue stream -> false; // an empty stream is a key, as in Redis
        };
    }
}
