package dev.buildredis.store;

/** A key's expiry time in Unix milliseconds, in the node of its database's {@code expires} table. */
final class Deadline extends Dict.Node {

    long when;

    Deadline(Key key, int hash, long when) {
        super(key, hash);
        this.when = when;
    }
}
