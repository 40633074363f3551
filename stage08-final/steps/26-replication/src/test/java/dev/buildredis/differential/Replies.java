package dev.buildredis.differential;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What one call brought back on the main client: the pub/sub messages that came with it (published by the main
 * client itself or by the other one, or keyspace notifications), and the call's own replies (one, or one a
 * channel for SUBSCRIBE and its kin).
 *
 * <p>A message is a RESP3 push, or in RESP2 while subscribed an array {@code message channel payload} (or
 * {@code pmessage pattern channel payload}): a subscribed RESP2 client runs nothing whose reply looks like one.
 *
 * @param messages the messages, in the order they came
 * @param replies  the call's replies
 */
record Replies(List<Frame> messages, List<Frame> replies) {

    /** Frames read before a reply, at most: more means a server that does not stop sending. */
    private static final int MAX_FRAMES = 10_000;

    private static final Set<String> CONFIRMATIONS = Set.of("subscribe", "unsubscribe", "psubscribe", "punsubscribe");
    private static final Set<String> MESSAGES = Set.of("message", "pmessage");

    /**
     * Reads until the call's replies are in: {@code confirmations} subscription replies (or an error), or else one
     * reply that is not a message.
     */
    static Replies read(Wire wire, int confirmations, boolean resp2Subscribed) {
        List<Frame> messages = new ArrayList<>();
        List<Frame> replies = new ArrayList<>();
        for (int n = 0; n < MAX_FRAMES; n++) {
            Frame frame = wire.read();
            messages.addAll(wire.drainInterleavedPushes());
            if (isMessage(frame, resp2Subscribed)) {
                messages.add(frame);
                continue;
            }
            replies.add(frame);
            boolean done = confirmations == 0 || replies.size() == confirmations || frame.isError();
            if (done || frame.isMissing()) {
                break;
            }
        }
        return new Replies(messages, replies);
    }

    private static boolean isMessage(Frame frame, boolean resp2Subscribed) {
        if (!frame.isPush() && !(resp2Subscribed && frame.type() == '*')) {
            return false;
        }
        String kind = frame.children().isEmpty() ? "" : frame.children().getFirst().string();
        return frame.isPush() ? !CONFIRMATIONS.contains(kind) : MESSAGES.contains(kind);
    }

    Frame last() {
        return replies.getLast();
    }

    /** Null if both servers delivered the same messages, in any order (Redis's own order follows a hash table). */
    static String sameMessages(List<Frame> e, List<Frame> a) {
        List<String> expectedMessages = e.stream().map(Frame::toString).sorted().toList();
        List<String> actualMessages = a.stream().map(Frame::toString).sorted().toList();
        return expectedMessages.equals(actualMessages) ? null
                : "the messages the main client received differ\nredis-server: " + e + "\nthis server:  " + a;
    }
}
