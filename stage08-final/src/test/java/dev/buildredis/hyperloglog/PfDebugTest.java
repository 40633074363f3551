// @step 18
package dev.buildredis.hyperloglog;

import dev.buildredis.engine.Session;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PFSELFTEST run in-process, without a socket's reply timeout: its ten million additions take half a second on a
 * quiet machine and several on a busy one.
 */
class PfDebugTest {

    @Test
    void pfselftestFindsTheRegistersAndTheErrorAsRedisExpects() {
        Session session = new Session();
        assertThat(session.call("PFSELFTEST")).isEqualTo("+OK\r\n");
        session.call("CONFIG", "SET", "hll-sparse-max-bytes", "0"); // dense from the first element: still passes
        assertThat(session.call("PFSELFTEST")).isEqualTo("+OK\r\n");
    }
}
