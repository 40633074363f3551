// @step 01-01
package dev.buildredis.store;

import java.util.Locale;

/** The two {@link Store} implementations, as {@code --store locked} or {@code --store striped} name them. */
public enum StoreKind {
    /** One lock around one keyspace. */
    LOCKED,
    /** A lock per stripe of the keyspace. */
    STRIPED;

    /** The name as the command line spells it. */
    public String optionValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
