package dev.buildredis.command;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine as the server drives it from the command line. */
class EngineTest {

    private final Session session = new Session();

    @Test
    void aSettingFromTheCommandLineTakesEffectAtOnce() {
        session.engine.configure("slowlog-log-slower-than", "0");
        session.call("PING");
        assertThat(session.call("SLOWLOG", "LEN")).isEqualTo(":1\r\n");
    }

    @Test
    void aRefusedSettingFromTheCommandLineSaysWhy() {
        assertThatThrownBy(() -> session.engine.configure("maxmemory-policy", "sometimes"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBoundPortIsTheOneConfigGetShows() {
        session.engine.boundTo(41234);
        assertThat(session.call("CONFIG", "GET", "port")).isEqualTo("*2\r\n$4\r\nport\r\n$5\r\n41234\r\n");
    }
}
