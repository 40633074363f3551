package dev.buildredis.hashes;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.HashValue;
import dev.buildredis.store.Key;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * HRANDFIELD key [count [WITHVALUES]], with Redis's reply shapes:
 * <pre>
 * HRANDFIELD h              $2 f1          one field ($-1 if the key is missing)
 * HRANDFIELD h 2            *2 $2 f1 $2 f3 distinct fields; all of them, in the hash's order, if count &gt;= size
 * HRANDFIELD h -5           *5 ...         count fields that may repeat
 * HRANDFIELD h 2 WITHVALUES                RESP2 *4 field value ...; RESP3 *2 *2 field value ...
 * </pre>
 */
public final class HashRandomField {

    private HashRandomField() {
    }

    public static Command command() {
        return Command.of("hrandfield", -2, "readonly", 1, 1, 1, HashRandomField::hrandfield);
    }

    private static void hrandfield(Client c, List<byte[]> a) {
        if (a.size() == 2) {
            HashValue hash = Lookup.hash(c.db(), Args.key(a.get(1)));
            if (hash == null) {
                c.reply.nullBulk();
            } else {
                c.reply.bulk(hash.random(c.engine.random).getKey().bytes());
            }
            return;
        }
        long count = Args.integer(a.get(2));
        if (count == Long.MIN_VALUE) { // Redis reads the count as a long in [-LONG_MAX, LONG_MAX]
            throw new CommandError("ERR value is out of range, value must between -9223372036854775807 and "
                    + "9223372036854775807");
        }
        boolean withValues = false;
        if (a.size() > 4 || (a.size() == 4 && !Args.is(a.get(3), "WITHVALUES"))) {
            throw CommandError.syntax();
        } else if (a.size() == 4) {
            withValues = true;
            if (count < -Long.MAX_VALUE / 2 || count > Long.MAX_VALUE / 2) {
                throw new CommandError("ERR value is out of range");
            }
        }
        HashValue hash = Lookup.hash(c.db(), Args.key(a.get(1)));
        if (hash == null || count == 0) {
            c.reply.arrayHeader(0);
            return;
        }
        boolean pairs = withValues && c.reply.resp3();
        if (count < 0 || count == 1) { // with repeats: count draws
            long n = Math.abs(count);
            c.reply.arrayHeader(withValues && !pairs ? n * 2 : n);
            for (long i = 0; i < n; i++) {
                emit(c, hash.random(c.engine.random), withValues, pairs);
            }
            return;
        }
        int size = hash.size();
        List<Map.Entry<Key, byte[]>> chosen;
        if (count >= size) { // the whole hash, in its order
            chosen = new ArrayList<>(hash.fields().entrySet());
        } else if (count * 3 > size) { // Redis's HRANDFIELD_SUB_STRATEGY_MUL: a count near the size costs O(size)
            chosen = hash.sample((int) count, c.engine.random); // one walk, a random subset in the hash's order
        } else { // a small count: draws until count distinct fields are in hand, O(count) on a hash of any size
            Map<Key, Map.Entry<Key, byte[]>> distinct = new LinkedHashMap<>();
            while (distinct.size() < count) {
                Map.Entry<Key, byte[]> entry = hash.random(c.engine.random);
                distinct.putIfAbsent(entry.getKey(), entry);
            }
            chosen = new ArrayList<>(distinct.values());
        }
        c.reply.arrayHeader(withValues && !pairs ? chosen.size() * 2L : chosen.size());
        for (Map.Entry<Key, byte[]> entry : chosen) {
            emit(c, entry, withValues, pairs);
        }
    }

    private static void emit(Client c, Map.Entry<Key, byte[]> entry, boolean withValues, boolean pairs) {
        if (pairs) {
            c.reply.arrayHeader(2);
        }
        c.reply.bulk(entry.getKey().bytes());
        if (withValues) {
            c.reply.bulk(entry.getValue());
        }
    }
}
