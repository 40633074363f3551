package dev.buildredis.differential;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One command of a generated sequence: who sends it, its arguments, and how its two replies are compared.
 *
 * <p>Most commands go from the test's main client. A few go from a second client of the same server
 * ({@code other}): a write under the main client's WATCH, a PUBLISH to the main client's subscriptions, a CONFIG
 * SET at the start of a sequence.
 *
 * @param other true for the second client
 * @param args  the command's name and arguments, one char a byte
 * @param check how the replies are compared: byte for byte unless the command's reply is not determined
 */
record Call(boolean other, List<String> args, Check check) {

    static Call main(Check check, List<String> args) {
        return new Call(false, List.copyOf(args), check);
    }

    static Call other(Check check, String... args) {
        return new Call(true, List.of(args), check);
    }

    /** The lowercase command name. */
    String name() {
        return args.isEmpty() ? "" : args.get(0).toLowerCase(Locale.ROOT);
    }

    /** The argument at {@code i}, or "" if there is none. */
    String arg(int i) {
        return i < args.size() ? args.get(i) : "";
    }

    /** As it pastes into redis-cli, after the client it goes to: {@code main>  SET k "a\r\n"}. */
    @Override
    public String toString() {
        return (other ? "other> " : "main>  ") + args.stream().map(Escape::argument).collect(Collectors.joining(" "));
    }
}
