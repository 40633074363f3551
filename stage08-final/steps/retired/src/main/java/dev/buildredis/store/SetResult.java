// @step 01-02
package dev.buildredis.store;

/**
 * What {@link Keyspace#set} did: {@code SET} answers {@code +OK} or {@code $-1} from {@code written}, and with the
 * {@code GET} option the previous value instead.
 *
 * @param written  false when {@code NX} or {@code XX} prevented the write
 * @param previous the value before the call, or {@code null} if the key did not exist
 */
public record SetResult(boolean written, byte[] previous) {
}
