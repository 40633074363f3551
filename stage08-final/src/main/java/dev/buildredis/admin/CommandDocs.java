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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * COMMAND DOCS: each command's summary, group, version and arguments, in Redis 7.0's shape. redis-cli reads it when
 * it starts and builds its hints from the arguments ({@code SET key value [NX|XX] [GET] ...} as you type).
 * <pre>
 * COMMAND DOCS get    %1  get → %4  summary → "Get the value of a key", since → "1.0.0", group → "string",
 *                                    arguments → *1 %3 name → "key", type → "key", ...
 * </pre>
 * The data is a resource, {@code command-docs.tsv}, written from redis-server's own COMMAND DOCS by
 * {@code src/build/command-docs.py} for the commands this server implements; one line a command:
 * {@code name TAB group TAB since TAB summary TAB (name type [token=T] [optional] [multiple] children...)...}.
 */
final class CommandDocs {

    /** One documented argument; a oneof or block holds its alternatives or parts. */
    record Argument(String name, String type, String token, List<String> flags, List<Argument> arguments) {
    }

    /** One command's documentation. */
    record Doc(String group, String since, String summary, List<Argument> arguments) {
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
                while (at[0] < fields[4].length()) {
                    arguments.add(parse(fields[4], at));
                }
                loaded.put(fields[0], new Doc(fields[1], fields[2], fields[3], arguments));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return loaded;
    }

    /** Reads {@code (name type words... children...)} starting at {@code at[0]}, which is left after it. */
    private static Argument parse(String text, int[] at) {
        int end = at[0] + 1;
        while (text.charAt(end) != '(' && text.charAt(end) != ')') {
            end++;
        }
        String[] words = text.substring(at[0] + 1, end).trim().split(" ");
        String token = null;
        List<String> flags = new ArrayList<>();
        for (int i = 2; i < words.length; i++) {
            if (words[i].startsWith("token=")) {
                token = words[i].substring("token=".length());
            } else {
                flags.add(words[i]);
            }
        }
        at[0] = end;
        List<Argument> children = new ArrayList<>();
        while (text.charAt(at[0]) == '(') {
            children.add(parse(text, at));
        }
        at[0]++; // the closing parenthesis
        return new Argument(words[0], words[1], token, flags, children);
    }

    /** Writes the docs of {@code command} and of its subcommands as one map value. */
    static void write(Client c, Command command) {
        Doc doc = all().get(command.name());
        List<Command> documentedSubs = new ArrayList<>();
        for (Command sub : command.subcommands().values()) {
            if (all().containsKey(sub.name())) {
                documentedSubs.add(sub);
            }
        }
        int fields = 3 + (doc.arguments().isEmpty() ? 0 : 1) + (documentedSubs.isEmpty() ? 0 : 1);
        c.reply.mapHeader(fields);
        c.reply.bulk("summary");
        c.reply.bulk(doc.summary());
        c.reply.bulk("since");
        c.reply.bulk(doc.since());
        c.reply.bulk("group");
        c.reply.bulk(doc.group());
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
            c.reply.mapHeader(2 + (a.token() == null ? 0 : 1) + (a.flags().isEmpty() ? 0 : 1)
                    + (a.arguments().isEmpty() ? 0 : 1));
            c.reply.bulk("name");
            c.reply.bulk(a.name());
            c.reply.bulk("type");
            c.reply.bulk(a.type());
            if (a.token() != null) {
                c.reply.bulk("token");
                c.reply.bulk(a.token());
            }
            if (!a.flags().isEmpty()) {
                c.reply.bulk("flags");
                c.reply.setHeader(a.flags().size());
                a.flags().forEach(c.reply::simple);
            }
            if (!a.arguments().isEmpty()) {
                c.reply.bulk("arguments");
                writeArguments(c, a.arguments());
            }
        }
    }
}
