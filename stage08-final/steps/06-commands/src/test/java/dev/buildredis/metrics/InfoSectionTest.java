package dev.buildredis.metrics;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** INFO's arguments select sections as Redis 7 selects them. */
class InfoSectionTest {

    @ParameterizedTest(name = "INFO {0} → {1}")
    @CsvSource(delimiter = '|', value = {
            "''                    | SERVER CLIENTS MEMORY PERSISTENCE STATS KEYSPACE",
            "default               | SERVER CLIENTS MEMORY PERSISTENCE STATS KEYSPACE",
            "all                   | SERVER CLIENTS MEMORY PERSISTENCE STATS COMMANDSTATS LATENCYSTATS KEYSPACE",
            "EVERYTHING            | SERVER CLIENTS MEMORY PERSISTENCE STATS COMMANDSTATS LATENCYSTATS KEYSPACE",
            "commandstats          | COMMANDSTATS",
            "keyspace Stats server | SERVER STATS KEYSPACE",
            "latencystats default  | SERVER CLIENTS MEMORY PERSISTENCE STATS LATENCYSTATS KEYSPACE",
            "nosuch                | ''",
    })
    void selectsTheSectionsRedisWouldInRedisOrder(String args, String expected) {
        List<String> arguments = args.isBlank() ? List.of() : Arrays.asList(args.split(" "));
        List<String> sections = InfoSection.select(arguments).stream().map(Enum::name).toList();

        assertThat(sections).isEqualTo(expected.isBlank() ? List.of() : Arrays.asList(expected.split(" ")));
    }

    @ParameterizedTest
    @CsvSource({"SERVER, # Server", "COMMANDSTATS, # Commandstats", "LATENCYSTATS, # Latencystats"})
    void headingsAreCapitalisedAsRedisPrintsThem(InfoSection section, String title) {
        assertThat(section.title()).isEqualTo(title);
    }
}
