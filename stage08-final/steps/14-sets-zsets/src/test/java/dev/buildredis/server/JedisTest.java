package dev.buildredis.server;

import dev.buildredis.testing.WireTest;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.Response;
import redis.clients.jedis.exceptions.JedisDataException;
import redis.clients.jedis.params.SetParams;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@WireTest
class JedisTest {

    private final String key = "stage04:jedis:" + UUID.randomUUID();

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

    @Test
    void jedisSetsAndGets(Jedis jedis) {
        assertThat(jedis.set(key, "héllo")).isEqualTo("OK");
        assertThat(jedis.get(key)).isEqualTo("héllo");
    }

    @Test
    void jedisStoresBinaryKeysAndValues(Jedis jedis) {
        byte[] binaryKey = (key + "\u0000").getBytes(StandardCharsets.ISO_8859_1);
        byte[] value = {0, (byte) 0xff, '\r', '\n'};
        jedis.set(binaryKey, value);
        assertThat(jedis.get(binaryKey)).isEqualTo(value);
    }

    @Test
    void jedisSeesNxRefuseAnExistingKey(Jedis jedis) {
        assertThat(jedis.set(key, "a", SetParams.setParams().nx())).isEqualTo("OK");
        assertThat(jedis.set(key, "b", SetParams.setParams().nx())).isNull();
        assertThat(jedis.setGet(key, "c")).isEqualTo("a");
    }

    @Test
    void jedisSetsAValueWithAnExpiry(Jedis jedis) {
        assertThat(jedis.set(key, "v", SetParams.setParams().ex(60))).isEqualTo("OK");
        assertThat(jedis.get(key)).isEqualTo("v");
    }

    @Test
    void jedisDeletesAndCountsKeys(Jedis jedis) {
        jedis.set(key, "a");
        jedis.set(key + ":2", "b");
        assertThat(jedis.exists(key, key + ":2", key + ":3")).isEqualTo(2);
        assertThat(jedis.del(key, key + ":2", key + ":3")).isEqualTo(2);
        assertThat(jedis.exists(key)).isFalse();
    }

    @Test
    void jedisSeesAnInvalidExpiryAsAnError(Jedis jedis) {
        assertThatThrownBy(() -> jedis.set(key, "v", SetParams.setParams().ex(0)))
                .isInstanceOf(JedisDataException.class)
                .hasMessage("ERR invalid expire time in 'set' command");
    }

    @Test
    void jedisIncrementsAndDecrements(Jedis jedis) {
        assertThat(jedis.incr(key)).isEqualTo(1);
        assertThat(jedis.incrBy(key, 10)).isEqualTo(11);
        assertThat(jedis.decr(key)).isEqualTo(10);
        assertThat(jedis.decrBy(key, 20)).isEqualTo(-10);
    }

    @Test
    void jedisSetsAndGetsManyKeysAtOnce(Jedis jedis) {
        assertThat(jedis.mset(key + ":a", "1", key + ":b", "2")).isEqualTo("OK");
        assertThat(jedis.mget(key + ":a", key + ":missing", key + ":b")).containsExactly("1", null, "2");
    }
}
