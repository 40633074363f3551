package dev.buildredis.server;

import dev.buildredis.testing.WireTest;

import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WireTest
class JedisTest {

    @Test
    void jedisPingsAndGetsPong(Jedis jedis) {
        assertThat(jedis.ping()).isEqualTo("PONG");
    }

    @Test
    void jedisEchoesBinaryData(Jedis jedis) {
        byte[] data = {0, 1, '\r', '\n', (byte) 0xfe, (byte) 0xff};
        assertThat(jedis.echo(data)).isEqualTo(data);
    }

    @Test
    void jedisEchoesUnicodeText(Jedis jedis) {
        assertThat(jedis.echo("héllo, wörld ✓")).isEqualTo("héllo, wörld ✓");
    }

    @Test
    void jedisPipelinesAHundredCommands(Jedis jedis) {
        Pipeline pipeline = jedis.pipelined();
        List<Response<Object>> replies = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            replies.add(pipeline.sendCommand(Protocol.Command.ECHO, "message " + i));
        }
        pipeline.sync();
        for (int i = 0; i < 100; i++) {
            assertThat(new String((byte[]) replies.get(i).get(), StandardCharsets.UTF_8)).isEqualTo("message " + i);
        }
    }

    @Test
    void jedisSeesAnUnknownCommandAsAnError(Jedis jedis) {
        assertThatThrownBy(() -> jedis.sendCommand(() -> "NOSUCHCOMMAND".getBytes()))
                .isInstanceOf(JedisDataException.class)
                .hasMessageStartingWith("ERR unknown command 'NOSUCHCOMMAND'");
    }
}
