package dev.buildredis.bitmaps;

import dev.buildredis.testing.TwoServers;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Thousands of random bitmap commands sent to this server and to a real redis-server 7.0, every reply compared:
 * the ranges of BITCOUNT and BITPOS in bytes and bits with negative and huge ends, BITFIELD's widths, offsets and
 * overflow rules, and BITOP over strings of different lengths.
 */
class BitmapInteropTest {

    private static final String[] KEYS = {"a", "b", "c"};
    private static final String[] WIDTHS = {"1", "2", "3", "5", "7", "8", "9", "13", "16", "31", "32", "33", "62",
            "63", "64"};

    @TempDir
    Path dir;

    @Test
    void randomBitmapCommandsAnswerAsInRedis() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        try (TwoServers servers = TwoServers.start(dir)) {
            for (int i = 0; i < 20_000; i++) {
                servers.both(command(random));
            }
        }
    }

    private static String[] command(SplittableRandom random) {
        String key = KEYS[random.nextInt(KEYS.length)];
        List<String> c = new ArrayList<>();
        switch (random.nextInt(9)) {
            case 0 -> c.addAll(List.of("SET", key, value(random)));
            case 1 -> c.addAll(List.of("SETBIT", key, Integer.toString(random.nextInt(121)),
                    Integer.toString(random.nextInt(2))));
            case 2 -> c.addAll(List.of("GETBIT", key, number(random)));
            case 3 -> {
                c.addAll(List.of("BITCOUNT", key));
                if (random.nextInt(5) > 0) {
                    c.addAll(List.of(number(random), number(random)));
                }
                if (random.nextBoolean()) {
                    c.add(random.nextBoolean() ? "BIT" : "byte");
                }
            }
            case 4, 5 -> {
                c.addAll(List.of("BITPOS", key, Integer.toString(random.nextInt(2))));
                int extra = random.nextInt(4);
                for (int i = 0; i < extra; i++) {
                    c.add(i < 2 ? number(random) : random.nextBoolean() ? "BIT" : "BYTE");
                }
            }
            case 6 -> {
                c.addAll(List.of("BITOP", List.of("AND", "OR", "XOR", "NOT").get(random.nextInt(4)), key));
                int sources = 1 + random.nextInt(3);
                for (int i = 0; i < sources; i++) {
                    c.add(random.nextInt(4) == 0 ? "missing" : KEYS[random.nextInt(KEYS.length)]);
                }
            }
            case 7 -> c.addAll(List.of("GET", key));
            default -> {
                c.addAll(List.of(random.nextInt(4) == 0 ? "BITFIELD_RO" : "BITFIELD", key));
                int ops = 1 + random.nextInt(4);
                for (int i = 0; i < ops; i++) {
                    bitfieldOp(random, c);
                }
            }
        }
        return c.toArray(String[]::new);
    }

    private static void bitfieldOp(SplittableRandom random, List<String> c) {
        String width = WIDTHS[random.nextInt(WIDTHS.length)];
        String type = (random.nextBoolean() || width.equals("64") ? "i" : "u") + width;
        String offset = random.nextInt(5) > 0 ? Integer.toString(random.nextInt(101)) : "#" + random.nextInt(6);
        switch (random.nextInt(5)) {
            case 0 -> c.addAll(List.of("OVERFLOW", List.of("WRAP", "SAT", "FAIL").get(random.nextInt(3))));
            case 1 -> c.addAll(List.of("GET", type, offset));
            case 2 -> c.addAll(List.of("SET", type, offset, number(random)));
            default -> c.addAll(List.of("INCRBY", type, offset, number(random)));
        }
    }

    /** Mostly small numbers either side of 0, sometimes the edges of a 64-bit integer. */
    private static String number(SplittableRandom random) {
        return switch (random.nextInt(10)) {
            case 0 -> List.of("-9223372036854775808", "9223372036854775807", "4294967295", "63", "64", "-1")
                    .get(random.nextInt(6));
            case 1, 2 -> Integer.toString(random.nextInt(-200, 201));
            default -> Integer.toString(random.nextInt(-20, 41));
        };
    }

    /** Up to 12 bytes, each all zeros, all ones or random. */
    private static String value(SplittableRandom random) {
        byte[] bytes = new byte[random.nextInt(13)];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) switch (random.nextInt(3)) {
                case 0 -> 0;
                case 1 -> 0xff;
                default -> random.nextInt(256);
            };
        }
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
