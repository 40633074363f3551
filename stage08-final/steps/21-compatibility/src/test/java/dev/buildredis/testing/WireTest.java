package dev.buildredis.testing;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a black-box test class: it talks to a server over TCP only, so it can run against this stage's server,
 * against your own ({@code -Dredis.target=HOST:PORT}) or against a real redis-server (the {@code real-redis}
 * profile runs every class tagged {@code wire}). The tag is the one rule that tells a stage's black-box tests from
 * its unit tests: {@code ./check NN HOST:PORT} at the repository's root runs exactly the classes tagged {@code wire}.
 * A test that calls the server's own classes, or starts it with options, is not one.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("wire")
@ExtendWith(RedisTarget.class)
public @interface WireTest {
}
