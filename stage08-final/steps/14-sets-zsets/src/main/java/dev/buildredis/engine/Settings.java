package dev.buildredis.engine;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The parameters CONFIG GET shows and CONFIG SET changes, by Redis's names, each kept parsed ({@link Parameter}).
 *
 * <p>CONFIG SET is all or nothing, as in Redis 7: every name is looked up and every value read before any is set,
 * and if acting on the new values fails (turning the AOF on, say), the old values come back. A parameter is listed
 * here only if the server acts on it; CONFIG SET refuses any other name with Redis's "Unknown option" error.
 */
public final class Settings {

    private static final long INT_MAX = Integer.MAX_VALUE;
    private static final long LONG_MAX = Long.MAX_VALUE;
    private static final long MB = 1024 * 1024;

    /** By every name each answers to, in lower case; {@link #all} in the order CONFIG GET * shows them. */
    private final Map<String, Parameter<?>> byName = new LinkedHashMap<>();
    private final List<Parameter<?>> all = new ArrayList<>();

    Settings(String bind, int port) {
        constant("bind", Parameter.text(v -> true, ""), bind);
        constant("port", Parameter.integer(0, 65535), (long) port);
        constant("databases", Parameter.integer(1, INT_MAX), 16L);
        constant("tcp-backlog", Parameter.integer(0, INT_MAX), 511L);
        constant("enable-debug-command", Parameter.choice("no", "yes", "local"), "no");
        add("dir", null, false, true, DIRECTORY, System.getProperty("user.dir"));
        mutable("maxclients", Parameter.integer(1, 4294967295L), 10000L);
        mutable("timeout", Parameter.integer(0, INT_MAX), 0L);
        mutable("tcp-keepalive", Parameter.integer(0, INT_MAX), 300L);
        mutable("hz", HZ, 10L);
        mutable("activerehashing", Parameter.YES_NO, true);
        mutable("slowlog-log-slower-than", Parameter.integer(-1, LONG_MAX), 10000L);
        mutable("slowlog-max-len", Parameter.integer(0, LONG_MAX), 128L);
        mutable("client-query-buffer-limit", Parameter.memory(MB, LONG_MAX), 1024 * MB);
        mutable("proto-max-bulk-len", Parameter.memory(MB, LONG_MAX), 512 * MB);
        add("list-max-listpack-size", "list-max-ziplist-size", false, false,
                Parameter.integer(Integer.MIN_VALUE, INT_MAX), -2L);
        add("hash-max-listpack-entries", "hash-max-ziplist-entries", false, false, Parameter.integer(0, LONG_MAX),
                512L);
        add("hash-max-listpack-value", "hash-max-ziplist-value", false, false, Parameter.memory(0, LONG_MAX), 64L);
        mutable("set-max-intset-entries", Parameter.integer(0, LONG_MAX), 512L);
        add("zset-max-listpack-entries", "zset-max-ziplist-entries", false, false, Parameter.integer(0, LONG_MAX),
                128L);
        add("zset-max-listpack-value", "zset-max-ziplist-value", false, false, Parameter.memory(0, LONG_MAX), 64L);
    }

    /** A parameter only the command line sets. */
    public <T> void constant(String name, Parameter.Kind<T> kind, T value) {
        add(name, null, true, false, kind, value);
    }

    /** A parameter CONFIG SET changes. */
    public <T> void mutable(String name, Parameter.Kind<T> kind, T value) {
        add(name, null, false, false, kind, value);
    }

    /**
     * A parameter, with the old name it also answers to (or null); {@code isProtected}: CONFIG SET refuses it as
     * Redis 7 refuses dir and dbfilename.
     */
    public <T> void add(String name, String alias, boolean immutable, boolean isProtected, Parameter.Kind<T> kind,
                        T value) {
        Parameter<T> p = new Parameter<>(name, alias, immutable, isProtected, kind, value);
        all.add(p);
        byName.put(name, p);
        if (alias != null) {
            byName.put(alias, p);
        }
    }

    // ---- typed reads

    public boolean yes(String name) {
        return (Boolean) parameter(name).value();
    }

    public long number(String name) {
        return (Long) parameter(name).value();
    }

    public String text(String name) {
        return (String) parameter(name).value();
    }

    @SuppressWarnings("unchecked")
    public <T> T value(String name) {
        return (T) parameter(name).value();
    }

    /** Whether {@code name} is a parameter: the command line takes every parameter as an option. */
    boolean has(String name) {
        return byName.containsKey(name.toLowerCase(Locale.ROOT));
    }

    private Parameter<?> parameter(String name) {
        Parameter<?> p = byName.get(name);
        if (p == null) {
            throw new IllegalArgumentException("no parameter " + name);
        }
        return p;
    }

    /** Sets a parameter CONFIG SET may not change, such as the port once bound. */
    public void setFixed(String name, Object value) {
        parameter(name).set(value);
    }

    // ---- CONFIG GET

    /**
     * Every (name, value) whose name or old name matches the glob pattern, case-insensitively. A pattern without
     * glob characters is looked up as a name and answered under the name as given ({@code SAVE}), as Redis does.
     */
    public Map<String, String> matching(byte[] pattern) {
        String text = Args.text(pattern);
        if (text.chars().noneMatch(ch -> ch == '[' || ch == '*' || ch == '?')) {
            Parameter<?> p = byName.get(text.toLowerCase(Locale.ROOT));
            return p == null ? Map.of() : Map.of(text, p.text());
        }
        Map<String, String> found = new LinkedHashMap<>();
        for (Parameter<?> p : all) {
            for (String name : p.alias == null ? List.of(p.name) : List.of(p.name, p.alias)) {
                if (Glob.matches(pattern, Args.bytes(name), true)) {
                    found.put(name, p.text());
                }
            }
        }
        return found;
    }

    // ---- CONFIG SET

    /** What a CONFIG SET changed: each parameter's value before, to put back if acting on the new ones fails. */
    record Change(Map<Parameter<?>, Object> before) {
        boolean touches(String name) {
            return before.keySet().stream().anyMatch(p -> p.name.equals(name));
        }
    }

    /**
     * Checks every (name, value) pair, then sets them all. {@code atStart}: the command line, which may also set
     * the parameters CONFIG SET may not change.
     *
     * @throws CommandError with Redis's text if a name is unknown, not settable, given twice, or a value is refused;
     *                      nothing is set then
     */
    Change set(List<String[]> pairs, boolean atStart) {
        Map<Parameter<?>, Object> parsed = new LinkedHashMap<>();
        for (String[] pair : pairs) {
            Parameter<?> p = byName.get(pair[0].toLowerCase(Locale.ROOT));
            if (p == null) {
                throw new CommandError("ERR Unknown option or number of arguments for CONFIG SET - '"
                        + Args.quoted(pair[0]) + "'");
            }
            if (!atStart && p.immutable) {
                throw failed(pair[0], "can't set immutable config");
            }
            if (!atStart && p.isProtected) { // Redis 7's enable-protected-configs no
                throw failed(pair[0], "can't set protected config");
            }
            if (parsed.containsKey(p)) {
                throw failed(pair[0], "duplicate parameter");
            }
            try {
                parsed.put(p, p.parse(pair[1]));
            } catch (IllegalArgumentException e) {
                throw failed(pair[0], e.getMessage());
            }
        }
        Map<Parameter<?>, Object> before = new LinkedHashMap<>();
        parsed.forEach((p, value) -> {
            before.put(p, p.value());
            p.set(value);
        });
        return new Change(before);
    }

    /** Puts back what {@link #set} replaced. */
    void undo(Change change) {
        change.before().forEach(Parameter::set);
    }

    static CommandError failed(String name, String reason) {
        return new CommandError("ERR CONFIG SET failed (possibly related to argument '" + name + "') - " + reason);
    }

    // ---- kinds of their own

    /** {@code hz}: any int is taken, and held within 1..500 as Redis's {@code updateHZ} holds it. */
    private static final Parameter.Kind<Long> HZ = (text, current) ->
            Math.max(1, Math.min(500, Parameter.integer(0, INT_MAX).parse(text, current)));

    /** {@code dir}: an existing directory, kept as its absolute path. */
    private static final Parameter.Kind<String> DIRECTORY = (text, current) -> {
        Path path = Path.of(text).toAbsolutePath();
        if (!Files.isDirectory(path)) {
            throw new IllegalArgumentException("No such file or directory");
        }
        return path.toString();
    };
}
