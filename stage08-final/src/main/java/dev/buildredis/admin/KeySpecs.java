// @step 22
package dev.buildredis.admin;

import dev.buildredis.engine.Client;
import dev.buildredis.engine.Command;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What COMMAND INFO says of a command beyond its arity, as Redis 7.0 says it: its flags (Redis's whole list, some of
 * which name features this server does not have: allow_busy, no_async_loading), ACL categories, tips and key
 * specifications, read from {@code command-info.tsv} (written from redis-server's own COMMAND INFO by
 * {@code src/build/command-info.py}). A key spec says where a command's keys are and what it does to them:
 * <pre>
 *   RW,access,delete index:3 range:0:1:0            the key at argument 3, read and deleted (MIGRATE's one key)
 *   RW,access,delete,incomplete keyword:KEYS:-2 range:-1:1:0   or every argument after KEYS
 *   RO,access index:2 keynum:0:1:1                  a count at argument 2, then that many keys (ZUNIONSTORE's sources)
 * </pre>
 * COMMAND GETKEYSANDFLAGS follows the specs as Redis's getKeysUsingKeySpecs does; where a spec cannot say
 * ({@code incomplete}, {@code unknown}: MIGRATE's KEYS, SORT's STORE) the keys are found as Redis's
 * migrateGetKeys and sortGetKeys find them.
 */
final class KeySpecs {

    /** One key spec: its flags, where the search begins, how the keys are found from there, notes. */
    record Spec(List<String> flags, String begin, String find, String notes) {

        boolean complete() {
            return !flags.contains("incomplete") && !begin.equals("unknown") && !find.equals("unknown");
        }
    }

    /** A command's line: Redis's flags for it (null: none known), categories, tips, specs. */
    record Info(List<String> flags, List<String> categories, List<String> tips, List<Spec> specs) {
    }

    private static final Info NONE = new Info(null, List.of(), List.of(), List.of());
    private static Map<String, Info> infos;

    private KeySpecs() {
    }

    static synchronized Info of(Command command) {
        if (infos == null) {
            infos = load();
        }
        return infos.getOrDefault(command.name(), NONE);
    }

    private static Map<String, Info> load() {
        Map<String, Info> loaded = new HashMap<>();
        try (InputStream in = KeySpecs.class.getResourceAsStream("command-info.tsv");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] fields = line.split("\t", -1);
                List<Spec> specs = new ArrayList<>();
                for (int i = 4; i < fields.length; i++) {
                    String[] parts = fields[i].split(" ", 4);
                    specs.add(new Spec(List.of(parts[0].split(",")), parts[1], parts[2],
                            parts.length > 3 ? parts[3] : null));
                }
                loaded.put(fields[0], new Info(words(fields[1]), words(fields[2]), words(fields[3]), specs));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return loaded;
    }

    private static List<String> words(String text) {
        return text.isEmpty() ? List.of() : List.of(text.split(" "));
    }

    /** COMMAND INFO's last fields but one: the categories (a set), the tips, the key specs (maps), as Redis. */
    static void write(Client c, Info info) {
        c.reply.setHeader(info.categories().size());
        info.categories().forEach(c.reply::simple);
        c.reply.setHeader(info.tips().size());
        info.tips().forEach(c.reply::bulk);
        c.reply.setHeader(info.specs().size()); // a set in RESP3, as Redis answers
        for (Spec spec : info.specs()) {
            c.reply.mapHeader(spec.notes() == null ? 3 : 4);
            if (spec.notes() != null) {
                c.reply.bulk("notes");
                c.reply.bulk(spec.notes());
            }
            c.reply.bulk("flags");
            c.reply.setHeader(spec.flags().size());
            spec.flags().forEach(c.reply::simple);
            c.reply.bulk("begin_search");
            String[] begin = spec.begin().split(":");
            c.reply.mapHeader(2);
            c.reply.bulk("type");
            c.reply.bulk(begin[0]);
            c.reply.bulk("spec");
            switch (begin[0]) {
                case "index" -> pairs(c, "index", begin[1]);
                case "keyword" -> {
                    c.reply.mapHeader(2);
                    c.reply.bulk("keyword");
                    c.reply.bulk(begin[1]);
                    c.reply.bulk("startfrom");
                    c.reply.integer(Long.parseLong(begin[2]));
                }
                default -> c.reply.mapHeader(0);
            }
            c.reply.bulk("find_keys");
            String[] find = spec.find().split(":");
            c.reply.mapHeader(2);
            c.reply.bulk("type");
            c.reply.bulk(find[0]);
            c.reply.bulk("spec");
            switch (find[0]) {
                case "range" -> pairs(c, "lastkey", find[1], "keystep", find[2], "limit", find[3]);
                case "keynum" -> pairs(c, "keynumidx", find[1], "firstkey", find[2], "keystep", find[3]);
                default -> c.reply.mapHeader(0);
            }
        }
    }

    private static void pairs(Client c, String... namesAndNumbers) {
        c.reply.mapHeader(namesAndNumbers.length / 2);
        for (int i = 0; i < namesAndNumbers.length; i += 2) {
            c.reply.bulk(namesAndNumbers[i]);
            c.reply.integer(Long.parseLong(namesAndNumbers[i + 1]));
        }
    }

    /** A key of a call and the flags its spec gives it. */
    record Key(int position, List<String> flags) {
    }

    // tag::keys-from-specs[]
    /**
     * The keys of {@code args} (the command's name first) with their flags, as Redis's getKeysUsingKeySpecs finds
     * them; the command's own positions where a spec is incomplete.
     */
    static List<Key> keys(Command command, List<byte[]> args) {
        List<Spec> specs = of(command).specs();
        if (specs.isEmpty()) {
            return List.of();
        }
        if (!specs.stream().allMatch(Spec::complete)) {
            return command.name().equals("migrate") ? migrateKeys(specs, args) : sortKeys(command, specs, args);
        }
        List<Key> keys = new ArrayList<>();
        int argc = args.size();
        for (Spec spec : specs) {
            String[] begin = spec.begin().split(":");
            int first;
            if (begin[0].equals("index")) {
                first = Integer.parseInt(begin[1]);
            } else { // keyword: the argument after it, searched from startfrom (from the end if negative)
                int from = Integer.parseInt(begin[2]);
                first = -1;
                if (from >= 0) {
                    for (int i = from; i < argc; i++) {
                        if (dev.buildredis.engine.Args.is(args.get(i), begin[1])) {
                            first = i + 1;
                            break;
                        }
                    }
                } else {
                    for (int i = argc + from; i > 0; i--) {
                        if (dev.buildredis.engine.Args.is(args.get(i), begin[1])) {
                            first = i + 1;
                            break;
                        }
                    }
                }
                if (first < 0) {
                    continue;
                }
            }
            int[] find = Arrays.stream(spec.find().split(":")).skip(1).mapToInt(Integer::parseInt).toArray();
            int last, step;
            if (spec.find().startsWith("range")) {
                step = find[1];
                if (find[0] >= 0) {
                    last = first + find[0];
                } else if (find[2] <= 1) {
                    last = argc + find[0];
                } else {
                    last = first + ((argc - first) / find[2] + find[0]);
                }
            } else { // keynum
                int numberAt = first + find[0];
                if (numberAt >= argc) {
                    continue;
                }
                long count;
                try {
                    count = Long.parseLong(dev.buildredis.engine.Args.text(args.get(numberAt)));
                } catch (NumberFormatException e) {
                    continue;
                }
                first = first + find[1];
                step = find[2];
                last = (int) Math.min(Integer.MAX_VALUE, first + (count - 1) * step);
            }
            for (int i = first; i <= last && i < argc; i += Math.max(step, 1)) {
                keys.add(new Key(i, flags(command, spec, args)));
            }
        }
        return keys;
    }
    // end::keys-from-specs[]

    /** Redis's migrateGetKeys: the key argument, or every argument after KEYS. */
    private static List<Key> migrateKeys(List<Spec> specs, List<byte[]> args) {
        List<String> flags = specs.getFirst().flags();
        for (int i = 6; i < args.size(); i++) {
            if (dev.buildredis.engine.Args.is(args.get(i), "KEYS")) {
                if (args.get(3).length > 0) {
                    return List.of();
                }
                List<Key> keys = new ArrayList<>();
                for (int k = i + 1; k < args.size(); k++) {
                    keys.add(new Key(k, flags));
                }
                return keys;
            }
        }
        return List.of(new Key(3, flags));
    }

    /** Redis's sortGetKeys: the sorted key, and STORE's destination (the last one given) for SORT. */
    private static List<Key> sortKeys(Command command, List<Spec> specs, List<byte[]> args) {
        List<Key> keys = new ArrayList<>(List.of(new Key(1, specs.getFirst().flags())));
        if (!command.name().equals("sort")) {
            return keys;
        }
        int store = -1;
        for (int i = 2; i < args.size(); i++) {
            if (dev.buildredis.engine.Args.is(args.get(i), "LIMIT")) {
                i += 2;
            } else if (dev.buildredis.engine.Args.is(args.get(i), "GET")
                    || dev.buildredis.engine.Args.is(args.get(i), "BY")) {
                i += 1;
            } else if (dev.buildredis.engine.Args.is(args.get(i), "STORE") && i + 1 < args.size()) {
                store = ++i;
            }
        }
        if (store >= 0) {
            keys.add(new Key(store, specs.get(specs.size() - 1).flags()));
        }
        return keys;
    }

    /**
     * The spec's flags; SET's and BITFIELD's depend on their arguments (Redis's variable_flags): SET with GET reads
     * too, a BITFIELD of GETs only reads.
     */
    private static List<String> flags(Command command, Spec spec, List<byte[]> args) {
        if (!spec.flags().contains("variable_flags")) {
            return spec.flags();
        }
        if (command.name().equals("set")) {
            boolean get = args.stream().skip(3).anyMatch(a -> dev.buildredis.engine.Args.is(a, "GET"));
            return get ? List.of("RW", "access", "update") : List.of("OW", "update");
        }
        if (command.name().equals("bitfield")) { // only GETs: a read
            boolean writes = args.stream().skip(2).anyMatch(a -> dev.buildredis.engine.Args.is(a, "SET")
                    || dev.buildredis.engine.Args.is(a, "INCRBY"));
            return writes ? List.of("RW", "access", "update") : List.of("RO", "access");
        }
        return spec.flags().stream().filter(f -> !f.equals("variable_flags")).toList();
    }
}
