package dev.buildredis.metrics;

import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The sections of INFO this server has, in the order Redis prints them, and which of them a plain {@code INFO}
 * shows. Redis selects as follows, and so does {@link #select}:
 * <pre>
 * INFO                      the default sections (all but commandstats and latencystats)
 * INFO default              the same
 * INFO all | everything     every section (Redis's "everything" adds module sections; this server has none)
 * INFO stats clients        the named sections, in Redis's order, whatever order they were asked in
 * INFO nosuch               nothing: an empty reply, not an error
 * </pre>
 */
public enum InfoSection {
    SERVER(true),
    CLIENTS(true),
    MEMORY(true),
    PERSISTENCE(true),
    STATS(true),
    COMMANDSTATS(false),
    LATENCYSTATS(false),
    KEYSPACE(true);

    private final boolean inDefault;

    InfoSection(boolean inDefault) {
        this.inDefault = inDefault;
    }

    /** The heading INFO prints, {@code # Commandstats}: the name with only its first letter in capitals. */
    public String title() {
        String name = name().toLowerCase(Locale.ROOT);
        return "# " + Character.toUpperCase(name.charAt(0)) + name.substring(1);
    }

    /** The sections INFO's arguments ask for (names in any case), in printing order. */
    public static Set<InfoSection> select(List<String> args) {
        EnumSet<InfoSection> selected = EnumSet.noneOf(InfoSection.class);
        if (args.isEmpty()) {
            args = List.of("default");
        }
        for (String arg : args) {
            String name = arg.toLowerCase(Locale.ROOT);
            switch (name) {
                case "default" -> EnumSet.allOf(InfoSection.class).stream()
                        .filter(section -> section.inDefault).forEach(selected::add);
                case "all", "everything" -> selected.addAll(EnumSet.allOf(InfoSection.class));
                default -> {
                    for (InfoSection section : values()) {
                        if (section.name().equalsIgnoreCase(name)) {
                            selected.add(section);
                        }
                    }
                }
            }
        }
        return selected;
    }
}
