package dev.buildredis.differential;

import java.util.List;

/**
 * The first call of a sequence whose replies differ, and how.
 *
 * @param calls   the sequence that was run
 * @param index   the position of the call whose replies differ
 * @param problem what differs: both replies, and the invariant broken if the call is compared by one
 */
record Difference(List<Call> calls, int index, String problem) {

    Call call() {
        return calls.get(index);
    }

    /** The sequence up to and including the call that differs. */
    List<Call> prefix() {
        return calls.subList(0, index + 1);
    }

    /** What a report says: every call up to the one that differs, ready to paste, then the difference. */
    String describe() {
        StringBuilder s = new StringBuilder();
        for (Call call : prefix()) {
            s.append("    ").append(call).append('\n');
        }
        return s.append("  ").append(problem.replace("\n", "\n  ")).toString();
    }
}
