package dev.buildredis.commands;

/** Expected stream replies, spelled out in RESP, for the stream wire tests. */
final class StreamReplies {

    private StreamReplies() {
    }

    static String bulk(String text) {
        return "$" + text.length() + "\r\n" + text + "\r\n";
    }

    /** An entry: {@code *2}, its ID, then its fields and values as one array. */
    static String entry(String id, String... fieldsAndValues) {
        StringBuilder s = new StringBuilder("*2\r\n").append(bulk(id)).append('*').append(fieldsAndValues.length)
                .append("\r\n");
        for (String item : fieldsAndValues) {
            s.append(bulk(item));
        }
        return s.toString();
    }

    /** An array of already encoded items. */
    static String array(String... items) {
        return "*" + items.length + "\r\n" + String.join("", items);
    }

    /** XREAD's reply in RESP2: per stream, its key and its entries. */
    static String read(String key, String... entries) {
        return array(array(bulk(key), array(entries)));
    }
}
