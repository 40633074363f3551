package dev.buildredis.sets;

import dev.buildredis.engine.Args;
import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;
import dev.buildredis.engine.CommandError;
import dev.buildredis.engine.Lookup;
import dev.buildredis.store.Key;
import dev.buildredis.store.SetValue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/**
 * SINTERCARD numkeys key [key ...] [LIMIT limit]: the size of the intersection, without building it.
 * <pre>
 * SINTERCARD 2 s1 s2            :3
 * SINTERCARD 2 s1 s2 LIMIT 1    :1     stops counting at 1 (0: no limit)
 * </pre>
 * Every key is type-checked first; a missing key is an empty set, so the answer is then 0.
 */
public final class SetInterCard {

    private SetInterCard() {
    }

    public static Command command() {
        return Command.of("sintercard", -3, "readonly movablekeys", 0, 0, 0, SetInterCard::sintercard);
    }

    private static void sintercard(Client c, List<byte[]> a) {
        long numkeys = Args.integer(a.get(1), "ERR numkeys should be greater than 0");
        if (numkeys < 1) {
            throw new CommandError("ERR numkeys should be greater than 0");
        }
        if (numkeys > a.size() - 2) {
            throw new CommandError("ERR Number of keys can't be greater than number of args");
        }
        long limit = 0;
        for (int j = 2 + (int) numkeys; j < a.size(); j++) {
            if (Args.is(a.get(j), "LIMIT") && j + 1 < a.size()) {
                limit = Args.integer(a.get(++j), "ERR LIMIT can't be negative");
                if (limit < 0) {
                    throw new CommandError("ERR LIMIT can't be negative");
                }
            } else {
                throw CommandError.syntax();
            }
        }
        List<Set<Key>> sets = new ArrayList<>();
        for (int i = 2; i < 2 + numkeys; i++) {
            SetValue set = Lookup.set(c.db(), Args.key(a.get(i)));
            sets.add(set == null ? Set.of() : set.view());
        }
        sets.sort(Comparator.comparingInt(Set::size)); // walk the smallest, probe the others
        long count = 0;
        for (Key member : sets.get(0)) {
            if (limit != 0 && count >= limit) {
                break;
            }
            if (sets.stream().allMatch(s -> s.contains(member))) {
                count++;
            }
        }
        c.reply.integer(count);
    }
}
