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
 * and if acting on the new values fails (turning the AOF on, say), the old values come back.
 * Each part of the server defines the parameters it acts on; {@link ParameterTable} adds every other parameter of
 * Redis 7.0, stored and shown but read by nothing. CONFIG SET refuses any other name with Redis's "Unknown option".
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
        mutable("maxmemory", Parameter.memory(0, -1), 0L);
        mutable("maxmemory-policy", Parameter.choice("volatile-lru", "volatile-lfu", "volatile-random",
                "volatile-ttl", "allkeys-lru", "allkeys-lfu", "allkeys-random", "noeviction"), "noeviction");
        mutable("maxmemory-samples", Parameter.integer(1, INT_MAX), 5L);
        mutable("lfu-log-factor", Parameter.integer(0, INT_MAX), 10L);
        mutable("lfu-decay-time", Parameter.integer(0, INT_MAX), 1L);
        mutable("maxclients", Parameter.integer(1, 4294967295L), 10000L);
        mutable("timeout", Parameter.integer(0, INT_MAX), 0L);
        mutable("tcp-keepalive", Parameter.integer(0, INT_MAX), 300L);
        mutable("hz", HZ, 10L);
        mutable("activerehashing", Parameter.YES_NO, true);
        mutable("slowlog-log-slower-than", Parameter.integer(-1, LONG_MAX), 10000L);
        mutable("slowlog-max-len", Parameter.integer(0, LONG_MAX), 128L);
        mutable("notify-keyspace-events", KeyspaceEvents.KIND, 0);
        mutable("client-output-buffer-limit", OutputLimits.KIND, OutputLimits.DEFAULTS);
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
        mutable("requirepass", Parameter.text(v -> true, ""), "");
        byName.get("requirepass").sensitive = true;
        constant("enable-protected-configs", Parameter.choice("no", "yes", "local"), "no");
        constant("enable-module-command", Parameter.choice("no", "yes", "local"), "no");
        ParameterTable.define(this); // every other parameter of Redis 7.0, stored: a part that acts on one replaces it
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
        if (replaced(p)) {
            return;
        }
        all.add(p);
        byName.put(name, p);
        if (alias != null) {
            byName.put(alias, p);
        }
    }

    /**
     * Puts {@code p} in the place of the parameter of the same name that {@link ParameterTable} made, if there is
     * one: the part of the server that acts on a parameter owns it, whenever it defines it.
     *
     * @throws IllegalStateException if a part of the server already defined that name
     */
    private boolean replaced(Parameter<?> p) {
        Parameter<?> old = byName.get(p.name);
        if (old == null) {
            return false;
        }
        if (!old.fromTable) {
            throw new IllegalStateException("parameter " + p.name + " is defined twice");
        }
        all.set(all.indexOf(old), p);
        byName.remove(old.name);
        if (old.alias != null) {
            byName.remove(old.alias);
        }
        byName.put(p.name, p);
        if (p.alias != null) {
            byName.put(p.alias, p);
        }
        return true;
    }

    /** A parameter of {@link ParameterTable}: stored, shown, and read by nothing unless a part replaces it. */
    <T> void addFromTable(String name, String alias, boolean immutable, boolean isProtected, boolean hidden,
                          boolean sensitive, Parameter.Kind<T> kind, T value) {
        add(name, alias, immutable, isProtected, kind, value);
        Parameter<?> p = byName.get(name);
        p.fromTable = true;
        p.hidden = hidden;
        p.sensitive = sensitive;
    }

    /**
     * A part of the server comes to act on parameters that {@link ParameterTable} defined: each keeps the table's
     * kind, default and flags (Redis's own), and is now the part's.
     *
     * @throws IllegalStateException if a name is not one of the table's stored parameters
     */
    public void actOn(String... names) {
        for (String name : names) {
            Parameter<?> p = byName.get(name);
            if (p == null || !p.fromTable) {
                throw new IllegalStateException("parameter " + name + " is not one the table stores");
            }
            p.fromTable = false;
        }
    }

    /** Whether {@code name} is a password, whose value SLOWLOG must not show (Redis's SENSITIVE_CONFIG). */
    public boolean sensitive(String name) {
        Parameter<?> p = byName.get(name.toLowerCase(Locale.ROOT));
        return p != null && p.sensitive;
    }

    /** Whether a part of the server defined {@code name} (as opposed to {@link ParameterTable}): it acts on it. */
    boolean actedOn(String name) {
        Parameter<?> p = byName.get(name.toLowerCase(Locale.ROOT));
        return p != null && !p.fromTable;
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
            if (p.hidden) { // Redis's HIDDEN_CONFIG: asked for by name only
                continue;
            }
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
        return set(pairs, atStart, atStart);
    }

    /**
     * As {@link #set(List, boolean)}, with every name checked before any value is read, as Redis does;
     * {@code protectedAllowed}: enable-protected-configs lets this client change dir and dbfilename.
     */
    Change set(List<String[]> pairs, boolean atStart, boolean protectedAllowed) {
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
            if (!protectedAllowed && p.isProtected) { // enable-protected-configs: no, or local and a remote client
                throw failed(pair[0], "can't set protected config");
            }
            if (parsed.containsKey(p)) {
                throw failed(pair[0], "duplicate parameter");
            }
            parsed.put(p, null); // its value is read below, once every name is known to be settable
        }
        for (String[] pair : pairs) {
            Parameter<?> p = byName.get(pair[0].toLowerCase(Locale.ROOT));
            try {
                parsed.put(p, p.parse(pair[1]));
            } catch (IllegalArgumentException e) { // named as Redis registered it: the name or old name, lower case
                throw failed(pair[0].toLowerCase(Locale.ROOT), e.getMessage());
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
