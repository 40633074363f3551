// @step 19
package dev.buildredis.streams;

import dev.buildredis.engine.Client;
import dev.buildredis.store.StreamEntry;
import dev.buildredis.store.StreamId;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * How stream entries go out, the same in RESP2 and RESP3: an entry is its ID and a flat array of its fields and
 * values, in the order XADD gave them.
 * <pre>
 *   *2                       one entry
 *     $15 1526919030474-0    its ID
 *     *4 $1 f $1 v $2 f2 $2 v2
 * </pre>
 */
final class StreamReplies {

    private StreamReplies() {
    }

    static void id(Client c, StreamId id) {
        c.reply.bulk(id.text());
    }

    static void entry(Client c, StreamEntry entry) {
        c.reply.arrayHeader(2);
        id(c, entry.id());
        c.reply.arrayHeader(2L * entry.fieldCount());
        for (int i = 0; i < entry.fieldCount(); i++) {
            c.reply.bulk(entry.field(i));
            c.reply.bulk(entry.value(i));
        }
    }

    static void entries(Client c, List<StreamEntry> entries) {
        c.reply.arrayHeader(entries.size());
        for (StreamEntry entry : entries) {
            entry(c, entry);
        }
    }

    /** Up to {@code count} entries of a walk ({@code 0}: all of them). */
    static List<StreamEntry> take(Iterator<StreamEntry> walk, long count) {
        List<StreamEntry> taken = new ArrayList<>();
        while (walk.hasNext() && (count == 0 || taken.size() < count)) {
            taken.add(walk.next());
        }
        return taken;
    }
}
