package dev.buildredis.engine;

import java.util.Locale;

/**
 * {@code client-output-buffer-limit}: how many unsent reply bytes each class of client may pile up before the
 * server closes it, as Redis's {@code checkClientOutputBufferLimits}. A client over its hard limit is closed at
 * once; one over its soft limit is closed once it has stayed over it for the soft limit's seconds. 0 means no limit.
 *
 * <pre>
 *   class     hard    soft   seconds     who
 *   normal    0       0      0           every client not below: no limit, it gets every reply it asks for
 *   replica   256mb   64mb   60          replicas (a master's stream to them)
 *   pubsub    32mb    8mb    60          subscribed clients: others' PUBLISH fills their buffer, not their own asking
 * </pre>
 * CONFIG SET takes one or more {@code class hard soft seconds} groups and changes only the classes it names;
 * {@code slave} is the old name of {@code replica}.
 *
 * @param limits the hard, soft and seconds of normal, replica and pubsub, in that order
 */
record OutputLimits(long[][] limits) {

    /** The classes, by their index in {@link #limits}. */
    static final int NORMAL = 0;
    static final int REPLICA = 1;
    static final int PUBSUB = 2;

    static final OutputLimits DEFAULTS = new OutputLimits(new long[][] {
            {0, 0, 0}, {256L * 1024 * 1024, 64L * 1024 * 1024, 60}, {32L * 1024 * 1024, 8L * 1024 * 1024, 60}});

    long hard(int type) {
        return limits[type][0];
    }

    long soft(int type) {
        return limits[type][1];
    }

    long softSeconds(int type) {
        return limits[type][2];
    }

    /** The parameter's kind: reads groups over {@code current}, shows all three classes. */
    static final Parameter.Kind<OutputLimits> KIND = new Parameter.Kind<>() {
        @Override
        public OutputLimits parse(String text, OutputLimits current) {
            String[] words = text.isEmpty() ? new String[0] : text.split(" ", -1); // as Redis: "a  b" is a, "", b
            if (words.length % 4 != 0) {
                throw new IllegalArgumentException("Wrong number of arguments in buffer limit configuration.");
            }
            long[][] next = new long[3][];
            for (int i = 0; i < 3; i++) {
                next[i] = current.limits[i].clone();
            }
            for (int i = 0; i < words.length; i += 4) {
                int type = switch (words[i].toLowerCase(Locale.ROOT)) {
                    case "normal" -> NORMAL;
                    case "replica", "slave" -> REPLICA;
                    case "pubsub" -> PUBSUB;
                    default -> throw new IllegalArgumentException(
                            "Invalid client class specified in buffer limit configuration.");
                };
                Long hard = Parameter.memoryValue(words[i + 1]);
                Long soft = Parameter.memoryValue(words[i + 2]);
                Long read = ParameterKinds.strtoll(words[i + 3]); // C's strtoll, kept in an int as Redis keeps it
                Long seconds = read == null ? null : (long) read.intValue();
                if (hard == null || soft == null || seconds == null || seconds < 0) {
                    throw new IllegalArgumentException("Error in hard, soft or soft_seconds setting in buffer limit "
                            + "configuration.");
                }
                next[type] = new long[] {hard, soft, seconds};
            }
            return new OutputLimits(next);
        }

        @Override
        public String format(OutputLimits value) {
            String[] names = {"normal", "slave", "pubsub"};
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < 3; i++) {
                s.append(i == 0 ? "" : " ").append(names[i]);
                for (long n : value.limits[i]) {
                    s.append(' ').append(Long.toUnsignedString(n));
                }
            }
            return s.toString();
        }
    };
}
