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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * COMMAND DOCS: each command's summary, group, version, complexity, history and arguments, as Redis 7.0 gives them.
 * redis-cli reads it when it starts and builds its hints from the arguments ({@code SET key value [NX|XX] [GET] ...}
 * as you type).
 * <pre>
 * COMMAND DOCS get    %1  get → %5  summary → "Get the value of a key", since → "1.0.0", group → "string",
 *                                    complexity → "O(1)", arguments → *1 %3 name → "key", type → "key", ...
 * </pre>
 * The data is a resource, {@code command-docs.tsv}, written from redis-server's own COMMAND DOCS by
 * {@code src/build/command-docs.py} for the commands this server implements; one line a command:
 * {@code name TAB group TAB since TAB summary TAB complexity TAB (name type [spec=N] [token=T] [since=V] [flag...]
 * children...)...}, then the rarer fields, a tab before each: {@code doc_flags=deprecated},
 * {@code deprecated_since=6.2.0}, {@code replaced_by=...}, {@code history=VERSION TEXT}. The generator's docstring
 * has the whole format.
 */
final class CommandDocs {

    /** One documented argument; a oneof or block holds its alternatives or parts. Absent fields are null (-1). */
    record Argument(String name, String type, int keySpecIndex, String token, String since, String deprecatedSince,
                    List<String> flags, List<Argument> arguments) {
    }

    /** One command's documentation; absent fields are null or empty. */
    record Doc(String group, String since, String summary, String complexity, List<String> docFlags,
               String deprecatedSince, String replacedBy, List<String[]> history, List<Argument> arguments) {
    }

    private static Map<String, Doc> docs;

    private CommandDocs() {
    }

    /** The documentation by command name ({@code config|get} for a subcommand), read once. */
    static synchronized Map<String, Doc> all() {
        if (docs == null) {
            docs = load();
        }
        return docs;
    }

    private static Map<String, Doc> load() {
        Map<String, Doc> loaded = new LinkedHashMap<>();
        try (InputStream in = CommandDocs.class.getResourceAsStream("command-docs.tsv");
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                String[] fields = line.split("\t", -1);
                int[] at = {0};
                List<Argument> arguments = new ArrayList<>();
                while (at[0] < fields[5].length()) {
                    arguments.add(parse(fields[5], at));
                }
                Map<String, String> rare = new LinkedHashMap<>();
                List<String[]> history = new ArrayList<>();
                for (int i = 6; i < fields.length; i++) {
                    String[] field = fields[i].split("=", 2);
                    if (field[0].equals("history")) {
                        history.add(field[1].split(" ", 2));
                    } else {
                        rare.put(field[0], field[1]);
                    }
                }
                String docFlags = rare.get("doc_flags");
                loaded.put(fields[0], new Doc(fields[1], fields[2], fields[3], blankToNull(fields[4]),
                        docFlags == null ? List.of() : List.of(docFlags.split(" ")), rare.get("deprecated_since"),
                        rare.get("replaced_by"), history, arguments));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return loaded;
    }

    private static String blankToNull(String text) {
        return text.isEmpty() ? null : text;
    }

    /** Reads {@code (name type words... children...)} starting at {@code at[0]}, which is left after it. */
    private static Argument parse(String text, int[] at) {
        int end = at[0] + 1;
        while (text.charAt(end) != '(' && text.charAt(end) != ')') {
            end++;
        }
        String[] words = text.substring(at[0] + 1, end).trim().split(" ");
        Map<String, String> named = new LinkedHashMap<>();
        List<String> flags = new ArrayList<>();
        for (int i = 2; i < words.length; i++) {
            int equals = words[i].indexOf('=');
            if (equals < 0) {
                flags.add(words[i]);
            } else {
                named.put(words[i].substring(0, equals), words[i].substring(equals + 1));
            }
        }
        at[0] = end;
        List<Argument> children = new ArrayList<>();
        while (text.charAt(at[0]) == '(') {
            children.add(parse(text, at));
        }
        at[0]++; // the closing parenthesis
        String spec = named.get("spec");
        return new Argument(words[0], words[1], spec == null ? -1 : Integer.parseInt(spec), named.get("token"),
                named.get("since"), named.get("deprecated_since"), flags, children);
    }

    /** Writes the docs of {@code command} and of its subcommands as one map value, its fields in Redis's order. */
    static void write(Client c, Command command) {
        Doc doc = all().get(command.name());
        List<Command> documentedSubs = new ArrayList<>();
        for (Command sub : command.subcommands().values()) {
            if (all().containsKey(sub.name())) {
                documentedSubs.add(sub);
            }
        }
        c.reply.mapHeader(3 + count(doc.complexity()) + (doc.docFlags().isEmpty() ? 0 : 1)
                + count(doc.deprecatedSince()) + count(doc.replacedBy()) + (doc.history().isEmpty() ? 0 : 1)
                + (doc.arguments().isEmpty() ? 0 : 1) + (documentedSubs.isEmpty() ? 0 : 1));
        field(c, "summary", doc.summary());
        field(c, "since", doc.since());
        field(c, "group", doc.group());
        field(c, "complexity", doc.complexity());
        flags(c, "doc_flags", doc.docFlags());
        field(c, "deprecated_since", doc.deprecatedSince());
        field(c, "replaced_by", doc.replacedBy());
        if (!doc.history().isEmpty()) {
            c.reply.bulk("history");
            c.reply.setHeader(doc.history().size());
            for (String[] entry : doc.history()) {
                c.reply.arrayHeader(2);
                c.reply.bulk(entry[0]);
                c.reply.bulk(entry[1]);
            }
        }
        if (!doc.arguments().isEmpty()) {
            c.reply.bulk("arguments");
            writeArguments(c, doc.arguments());
        }
        if (!documentedSubs.isEmpty()) {
            c.reply.bulk("subcommands");
            c.reply.mapHeader(documentedSubs.size());
            for (Command sub : documentedSubs) {
                c.reply.bulk(sub.name());
                write(c, sub);
            }
        }
    }

    private static void writeArguments(Client c, List<Argument> arguments) {
        c.reply.arrayHeader(arguments.size());
        for (Argument a : arguments) {
            boolean nested = a.type().equals("oneof") || a.type().equals("block");
            c.reply.mapHeader(2 + (a.keySpecIndex() < 0 ? 0 : 1) + count(a.token()) + count(a.since())
                    + count(a.deprecatedSince()) + (a.flags().isEmpty() ? 0 : 1) + (nested ? 1 : 0));
            field(c, "name", a.name());
            field(c, "type", a.type());
            if (a.keySpecIndex() >= 0) {
                c.reply.bulk("key_spec_index");
                c.reply.integer(a.keySpecIndex());
            }
            field(c, "token", a.token());
            field(c, "since", a.since());
            field(c, "deprecated_since", a.deprecatedSince());
            flags(c, "flags", a.flags());
            if (nested) {
                c.reply.bulk("arguments");
                writeArguments(c, a.arguments());
            }
        }
    }

    private static int count(String value) {
        return value == null ? 0 : 1;
    }

    /** A name and its set of flags, unless there are none (the field is absent). */
    private static void flags(Client c, String name, List<String> flags) {
        if (!flags.isEmpty()) {
            c.reply.bulk(name);
            c.reply.setHeader(flags.size());
            flags.forEach(c.reply::simple);
        }
    }

    /** A name and its text, unless the text is null (the field is absent). */
    private static void field(Client c, String name, String value) {
        if (value != null) {
            c.reply.bulk(name);
            c.reply.bulk(value);
        }
    }
}
