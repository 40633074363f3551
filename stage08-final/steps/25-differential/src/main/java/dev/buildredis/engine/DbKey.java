package dev.buildredis.engine;

import dev.buildredis.store.Database;
import dev.buildredis.store.Key;

/** A key in one particular database: what WATCH watches and what a blocked client waits on. */
public record DbKey(Database db, Key key) {
}
