// @step 14
package dev.buildredis.store;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lists, hashes, sets and sorted sets as values: what each write reports, the size each value says it has (used_memory is
 * the sum of these sizes), and the encoding OBJECT ENCODING names, at Redis 7.0's default thresholds.
 */
class CollectionValuesTest {

    private static Key key(String text) {
        return Key.of(text);
    }

    private static byte[] bytes(int length) {
        return "v".repeat(length).getBytes();
    }

    @Test
    void aListGrowsWithEveryElementAndShrinksBackToEmptyWhenTheyArePopped() {
        ListValue list = new ListValue();
        long empty = list.memoryBytes();
        list.addLast(bytes(10));
        long one = list.memoryBytes();
        list.addFirst(bytes(10));
        long two = list.memoryBytes();
        assertThat(one).isGreaterThan(empty);
        assertThat(two - one).isEqualTo(one - empty);

        list.set(0, bytes(10));
        assertThat(list.memoryBytes()).isEqualTo(two);
        list.set(0, bytes(100));
        assertThat(list.memoryBytes()).isGreaterThan(two);
        list.set(0, bytes(10));
        assertThat(list.memoryBytes()).isEqualTo(two);

        list.removeFirst();
        assertThat(list.memoryBytes()).isEqualTo(one);
        list.removeLast();
        assertThat(list.memoryBytes()).isEqualTo(empty);
        assertThat(list.encoding()).isEqualTo("quicklist");
    }

    @Test
    void aListKeepsItsOrderAsItsRingGrowsAndATrimCostsWhatItKeeps() {
        ListValue list = new ListValue();
        for (int i = 0; i < 20; i++) {
            list.addLast(Integer.toString(i).getBytes());
        }
        list.addFirst("-1".getBytes());
        assertThat(list.size()).isEqualTo(21);
        assertThat(new String(list.get(0))).isEqualTo("-1");
        assertThat(new String(list.get(1))).isEqualTo("0");
        assertThat(new String(list.get(20))).isEqualTo("19");

        ListValue three = new ListValue();
        three.addLast(bytes(10));
        three.addLast(bytes(20));
        three.addLast(bytes(30));
        three.trim(1, 1);
        ListValue one = new ListValue();
        one.addLast(bytes(20));
        assertThat(three.size()).isEqualTo(1);
        assertThat(three.get(0)).isEqualTo(bytes(20));
        assertThat(three.memoryBytes()).isEqualTo(one.memoryBytes());
    }

    @Test
    void aHashGrowsWithEveryFieldAndShrinksBackToEmptyWhenTheyAreRemoved() {
        HashValue hash = new HashValue(Encodings.DEFAULTS);
        long empty = hash.memoryBytes();
        hash.put(key("a"), bytes(10));
        long one = hash.memoryBytes();
        hash.put(key("b"), bytes(10));
        long two = hash.memoryBytes();
        assertThat(one).isGreaterThan(empty);
        assertThat(two - one).as("a second field of the same size costs as much as the first").isEqualTo(one - empty);

        hash.put(key("a"), bytes(10));
        assertThat(hash.memoryBytes()).as("a new value of the same length").isEqualTo(two);
        hash.put(key("a"), bytes(100));
        assertThat(hash.memoryBytes()).isGreaterThan(two);
        hash.put(key("a"), bytes(10));
        assertThat(hash.memoryBytes()).as("back to the shorter value").isEqualTo(two);

        hash.remove(key("a"));
        assertThat(hash.memoryBytes()).isEqualTo(one);
        hash.remove(key("b"));
        assertThat(hash.memoryBytes()).isEqualTo(empty);
    }

    @Test
    void aHashCopyHasTheSameFieldsAndSize() {
        HashValue hash = new HashValue(Encodings.DEFAULTS);
        hash.put(key("f"), bytes(3));
        hash.put(key("g"), bytes(70));
        HashValue copy = hash.copy();
        assertThat(copy.fields()).containsOnlyKeys(key("f"), key("g"));
        assertThat(copy.memoryBytes()).isEqualTo(hash.memoryBytes());
        assertThat(copy.encoding()).isEqualTo("hashtable");
    }

    @Test
    void aHashIsAListpackUpTo512FieldsOf64BytesAndStaysAHashtableOnceItLeaves() {
        HashValue hash = new HashValue(Encodings.DEFAULTS);
        for (int i = 0; i < 511; i++) {
            hash.put(key("f" + i), bytes(64));
        }
        hash.put(key("x".repeat(64)), bytes(1));
        assertThat(hash.encoding()).as("512 fields").isEqualTo("listpack");
        hash.put(key("y"), bytes(1));
        assertThat(hash.encoding()).as("513 fields").isEqualTo("hashtable");
        hash.remove(key("y"));
        assertThat(hash.encoding()).as("as Redis: no way back").isEqualTo("hashtable");

        HashValue longValue = new HashValue(Encodings.DEFAULTS);
        longValue.put(key("f"), bytes(65));
        assertThat(longValue.encoding()).isEqualTo("hashtable");
        HashValue longField = new HashValue(Encodings.DEFAULTS);
        longField.put(key("x".repeat(65)), bytes(1));
        assertThat(longField.encoding()).isEqualTo("hashtable");
    }

    @Test
    void theLimitsAreTheKeyspacesCurrentOnes() {
        Encodings encodings = new Encodings();
        encodings.update(2, 64, 512, 1, 64);
        HashValue hash = new HashValue(encodings);
        hash.put(key("a"), bytes(1));
        hash.put(key("b"), bytes(1));
        assertThat(hash.encoding()).isEqualTo("listpack");
        encodings.update(1, 64, 512, 1, 64); // CONFIG SET hash-max-listpack-entries 1
        assertThat(hash.encoding()).as("not converted until it grows").isEqualTo("listpack");
        hash.put(key("c"), bytes(1));
        assertThat(hash.encoding()).isEqualTo("hashtable");
        SortedSetValue zset = new SortedSetValue(encodings);
        zset.put(key("a"), 1);
        zset.put(key("b"), 2);
        assertThat(zset.encoding()).isEqualTo("skiplist");
        assertThat(zset.copy().encoding()).as("COPY keeps the encoding").isEqualTo("skiplist");
    }

    @Test
    void aSortedSetPutReportsOnlyNewMembers() {
        SortedSetValue zset = new SortedSetValue(Encodings.DEFAULTS);
        long empty = zset.memoryBytes();
        assertThat(zset.put(key("m"), 1)).isTrue();
        long one = zset.memoryBytes();
        assertThat(zset.put(key("m"), 1)).as("the same score").isFalse();
        assertThat(zset.put(key("m"), 2)).as("a new score").isFalse();
        assertThat(zset.memoryBytes()).isEqualTo(one);
        assertThat(zset.rank(key("m"))).isZero();
        zset.put(key("n"), 0);
        assertThat(zset.memoryBytes() - one).isEqualTo(one - empty);
        assertThat(zset.rank(key("m"))).isEqualTo(1);

        SortedSetValue copy = zset.copy();
        assertThat(copy.size()).isEqualTo(2);
        assertThat(copy.rank(key("m"))).isEqualTo(1);
        assertThat(copy.memoryBytes()).isEqualTo(zset.memoryBytes());

        assertThat(zset.remove(key("m"))).isTrue();
        assertThat(zset.remove(key("m"))).isFalse();
        zset.remove(key("n"));
        assertThat(zset.memoryBytes()).isEqualTo(empty);
    }

    @Test
    void aSortedSetIsAListpackUpTo128MembersOf64Bytes() {
        SortedSetValue zset = new SortedSetValue(Encodings.DEFAULTS);
        for (int i = 0; i < 127; i++) {
            zset.put(key("m" + i), i);
        }
        zset.put(key("x".repeat(64)), 0);
        assertThat(zset.encoding()).as("128 members, the longest 64 bytes").isEqualTo("listpack");
        zset.put(key("y"), 0);
        assertThat(zset.encoding()).as("129 members").isEqualTo("skiplist");
        zset.remove(key("y"));
        assertThat(zset.encoding()).as("as Redis: no way back").isEqualTo("skiplist");

        SortedSetValue longMember = new SortedSetValue(Encodings.DEFAULTS);
        longMember.put(key("x".repeat(65)), 0);
        assertThat(longMember.encoding()).as("a member of 65 bytes").isEqualTo("skiplist");
    }

    @Test
    void aStringIsAnIntUpTo20DigitsAnEmbstrUpTo44BytesAndRawAfterAnAppend() {
        assertThat(new StringValue("-9223372036854775808".getBytes()).encoding()).as("20 bytes").isEqualTo("int");
        assertThat(new StringValue("12345678901234567890".getBytes()).encoding()).as("past a long").isEqualTo("embstr");
        assertThat(new StringValue(bytes(44)).encoding()).isEqualTo("embstr");
        assertThat(new StringValue(bytes(45)).encoding()).isEqualTo("raw");
        StringValue appended = new StringValue(bytes(1));
        appended.append(bytes(1));
        assertThat(appended.encoding()).isEqualTo("raw");
        assertThat(appended.bytes()).isEqualTo(bytes(2));
    }
}
