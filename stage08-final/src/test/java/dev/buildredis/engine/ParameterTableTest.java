// @step 21
package dev.buildredis.engine;

import dev.buildredis.server.Config;
import dev.buildredis.server.Server;
import dev.buildredis.testing.WireClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The parameter table holds to what the server does: a line says "acts" exactly where a part of the server defines
 * the parameter, with the default that part gives it; every other line is stored, and a part that comes to act on
 * one takes its place.
 */
class ParameterTableTest {

    /** Defaults that are the machine's: the port the server was given, the directory it was started in. */
    private static final Set<String> DEFAULT_BY_MACHINE = Set.of("port", "dir");

    private final Engine engine = Server.assemble(InstantSource.system(), "127.0.0.1", 6379);

    @Test
    void aLineSaysActsExactlyWhereAPartOfTheServerDefinesTheParameter() {
        for (ParameterTable.Row row : ParameterTable.rows()) {
            assertThat(engine.settings.actedOn(row.name()))
                    .as("%s says '%s': %s", row.name(), row.here(), row.acts()
                            ? "no part of the server defines it; mark it stored and say why"
                            : "a part of the server defines it; mark it acts and say what it does")
                    .isEqualTo(row.acts());
        }
    }

    @Test
    void theDefaultOfEveryLineIsTheOneConfigGetShows() {
        for (ParameterTable.Row row : ParameterTable.rows()) {
            if (DEFAULT_BY_MACHINE.contains(row.name())) {
                continue;
            }
            assertThat(engine.settings.matching(Args.bytes(row.name())))
                    .as(row.name()).containsExactly(Map.entry(row.name(), row.defaultValue()));
            if (row.alias() != null) {
                assertThat(engine.settings.matching(Args.bytes(row.alias())))
                        .as(row.alias()).containsExactly(Map.entry(row.alias(), row.defaultValue()));
            }
        }
    }

    @Test
    void everyNameAndOldNameIsInTheTableOnce() {
        List<ParameterTable.Row> rows = ParameterTable.rows();
        Set<String> names = new HashSet<>();
        for (ParameterTable.Row row : rows) {
            assertThat(names.add(row.name())).as(row.name()).isTrue();
            if (row.alias() != null) {
                assertThat(names.add(row.alias())).as(row.alias()).isTrue();
            }
            assertThat(row.here()).as(row.name()).isIn("acts", "stored");
            assertThat(row.note()).as(row.name()).isNotBlank();
        }
        assertThat(rows).hasSize(178);
    }

    @Test
    void hiddenParametersAnswerTheirNameButNoPattern() {
        assertThat(engine.settings.matching(Args.bytes("watchdog-period"))).containsEntry("watchdog-period", "0");
        assertThat(engine.settings.matching(Args.bytes("watchdog*"))).isEmpty();
        assertThat(engine.settings.matching(Args.bytes("*"))).doesNotContainKey("key-load-delay").hasSize(192);
    }

    @Test
    void aPartThatDefinesAStoredParameterTakesItsPlace() {
        Settings settings = new Settings("127.0.0.1", 6379);
        settings.add("repl-backlog-size", null, false, false, Parameter.memory(16384, Long.MAX_VALUE), 1L << 20);
        assertThat(settings.actedOn("repl-backlog-size")).isTrue();
        assertThat(settings.matching(Args.bytes("repl-backlog-*"))).containsOnlyKeys("repl-backlog-size",
                "repl-backlog-ttl");
        assertThatIllegalStateException().isThrownBy(() -> settings.mutable("repl-backlog-size",
                Parameter.integer(0, 1), 0L)).withMessageContaining("defined twice");
    }

    @Test
    void enableProtectedConfigsYesLetsConfigSetChangeTheDirectory(@TempDir Path dir) throws Exception {
        try (Server server = Server.start(new Config("127.0.0.1", 0, Map.of("enable-protected-configs", "yes",
                "dir", dir.toString())));
             WireClient c = WireClient.connect(new InetSocketAddress("127.0.0.1", server.port()))) {
            Path other = dir.resolve("other");
            java.nio.file.Files.createDirectory(other);
            c.call("+OK\r\n", "CONFIG", "SET", "dir", other.toString(), "dbfilename", "other.rdb");
            c.call("*2\r\n$10\r\ndbfilename\r\n$9\r\nother.rdb\r\n", "CONFIG", "GET", "dbfilename");
        }
    }
}
