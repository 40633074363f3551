package dev.buildredis.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class DispatcherTest {

    private final Session session = new Session();

    @ParameterizedTest(name = "{0}")
    @CsvSource({"PING", "ping", "pInG"})
    void commandNamesIgnoreCase(String name) {
        assertThat(session.call(name)).isEqualTo("+PONG\r\n");
    }

    @Test
    void anUnknownCommandQuotesItsNameAndArguments() {
        assertThat(session.call("foo", "a", "b"))
                .isEqualTo("-ERR unknown command 'foo', with args beginning with: 'a' 'b' \r\n");
    }

    @Test
    void anUnknownCommandQuotesAtMost128CharactersOfArguments() {
        assertThat(session.call("foo", "x".repeat(200), "next"))
                .isEqualTo("-ERR unknown command 'foo', with args beginning with: '" + "x".repeat(128) + "' \r\n");
    }

    @Test
    void aWrongArgumentCountIsRefusedBeforeTheCommandRuns() {
        assertThat(session.call("get")).isEqualTo("-ERR wrong number of arguments for 'get' command\r\n");
        assertThat(session.call("set", "k")).isEqualTo("-ERR wrong number of arguments for 'set' command\r\n");
        assertThat(session.call("exists", "k")).isEqualTo(":0\r\n");
    }

    @Test
    void aSubcommandIsCheckedLikeACommand() {
        assertThat(session.call("config")).isEqualTo("-ERR wrong number of arguments for 'config' command\r\n");
        assertThat(session.call("config", "nope")).isEqualTo("-ERR unknown subcommand 'nope'. Try CONFIG HELP.\r\n");
        assertThat(session.call("config", "get")).isEqualTo("-ERR wrong number of arguments for 'config|get' command\r\n");
    }

    @Test
    void aCommandThatFailsWritesOnlyItsError() {
        session.call("rpush", "list", "a");
        assertThat(session.call("get", "list"))
                .isEqualTo("-WRONGTYPE Operation against a key holding the wrong kind of value\r\n");
    }

    @Test
    void everyCommandOfTheTableHasAValidEntry() {
        for (Command command : session.engine.commands().all()) {
            assertThat(command.name()).isLowerCase();
            assertThat(command.handler() != null || !command.subcommands().isEmpty()).as(command.name()).isTrue();
            if (command.firstKey() > 0) {
                assertThat(command.step()).as(command.name()).isPositive();
            }
        }
    }

    @Test
    void aCommandThatFailsHalfwayAnswersAnErrorInsteadOfHalfAReplyAndTheServerGoesOn() {
        Command broken = Command.of("broken", 1, "readonly", 0, 0, 0, (c, a) -> {
            c.reply.arrayHeader(2);
            c.reply.bulk("first");
            throw new IllegalStateException("a defect");
        });
        session.call("PING");
        session.engine.dispatcher().call(session.client, broken, java.util.List.of("broken".getBytes()));
        assertThat(Session.output(session.client))
                .isEqualTo("-ERR internal error running 'broken': java.lang.IllegalStateException: a defect\r\n");
        assertThat(session.call("PING")).isEqualTo("+PONG\r\n");
    }
}
