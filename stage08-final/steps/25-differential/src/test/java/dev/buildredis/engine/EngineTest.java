package dev.buildredis.engine;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The engine as the server drives it from the command line. */
class EngineTest {

    private final Session session = new Session();

    @Test
    void aSettingFromTheCommandLineTakesEffectAtOnce() {
        session.engine.configure(java.util.Map.of("slowlog-log-slower-than", "0"));
        session.call("PING");
        assertThat(session.call("SLOWLOG", "LEN")).isEqualTo(":1\r\n");
    }

    @Test
    void aRefusedSettingFromTheCommandLineSaysWhy() {
        assertThatThrownBy(() -> session.engine.configure(java.util.Map.of("maxmemory-policy", "sometimes")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theBoundPortIsTheOneConfigGetShows() {
        session.engine.boundTo(41234);
        assertThat(session.call("CONFIG", "GET", "port")).isEqualTo("*2\r\n$4\r\nport\r\n$5\r\n41234\r\n");
    }

    @Test
    void clientListCountsAgeAndIdleTimeInWholeSeconds() {
        Client other = session.engine.connect();
        session.clock.advance(Duration.ofMillis(3_000));
        session.call(other, "PING");
        session.clock.advance(Duration.ofMillis(2_500));
        assertThat(session.call("CLIENT", "LIST", "ID", Long.toString(other.id))).contains(" age=5 idle=2 ");
    }
}
