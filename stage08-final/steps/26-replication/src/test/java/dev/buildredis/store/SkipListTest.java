package dev.buildredis.store;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class SkipListTest {

    private record Entry(double score, Key member) {
    }

    private static final Comparator<Entry> ORDER =
            Comparator.comparingDouble(Entry::score).thenComparing(Entry::member);

    @Test
    void ranksAndRangesAgreeWithASortedListUnderRandomChanges() {
        SortedSetValue zset = new SortedSetValue(dev.buildredis.store.Encodings.DEFAULTS);
        Random random = new Random(3);
        for (int step = 0; step < 5_000; step++) {
            Key member = Key.of("m" + random.nextInt(300));
            if (random.nextInt(4) == 0) {
                zset.remove(member);
            } else {
                zset.put(member, random.nextInt(50)); // many equal scores: ties ordered by member
            }
        }
        List<Entry> model = new ArrayList<>();
        for (SkipList.Node n = zset.list().first(); n != null; n = n.next()) {
            model.add(new Entry(n.score(), n.member()));
        }
        List<Entry> sorted = new ArrayList<>(model);
        sorted.sort(ORDER);
        assertThat(model).isEqualTo(sorted);
        assertThat(model).hasSize(zset.size());
        for (int rank = 0; rank < model.size(); rank++) {
            Entry e = model.get(rank);
            assertThat(zset.rank(e.member())).isEqualTo(rank);
            assertThat(zset.list().byRank(rank).member()).isEqualTo(e.member());
        }
        assertThat(zset.list().last().member()).isEqualTo(model.get(model.size() - 1).member());
    }

    @Test
    void firstFromAndLastUpToFindTheEdgesOfAScoreRange() {
        SortedSetValue zset = new SortedSetValue(dev.buildredis.store.Encodings.DEFAULTS);
        for (int i = 1; i <= 5; i++) {
            zset.put(Key.of("m" + i), i);
        }
        assertThat(zset.list().firstFrom(2, false).score()).isEqualTo(2);
        assertThat(zset.list().firstFrom(2, true).score()).isEqualTo(3);
        assertThat(zset.list().lastUpTo(4, false).score()).isEqualTo(4);
        assertThat(zset.list().lastUpTo(4, true).score()).isEqualTo(3);
        assertThat(zset.list().firstFrom(5, true)).isNull();
        assertThat(zset.list().lastUpTo(1, true)).isNull();
    }

    @Test
    void deleteReportsWhetherTheMemberWasThereAndTheLinksStayRightBothWays() {
        SkipList list = new SkipList();
        for (int i = 0; i < 200; i++) {
            list.insert(i % 10, Key.of("m" + i));
        }
        assertThat(list.length()).isEqualTo(200);
        assertThat(list.delete(3, Key.of("m3"))).isTrue();
        assertThat(list.delete(3, Key.of("m3"))).as("already gone").isFalse();
        assertThat(list.delete(4, Key.of("m13"))).as("another score").isFalse();
        assertThat(list.delete(3, Key.of("m13"))).isTrue();
        assertThat(list.delete(9, Key.of("m99"))).isTrue(); // the last one: (9, "m99") sorts after every other 9
        assertThat(list.length()).isEqualTo(197);
        assertThat(list.last().member()).as("the next greatest of score 9, by bytes").isEqualTo(Key.of("m9"));
        assertThat(list.rank(0, Key.of("absent"))).isEqualTo(-1);

        List<Key> forward = new ArrayList<>();
        for (SkipList.Node n = list.first(); n != null; n = n.next()) {
            forward.add(n.member());
        }
        List<Key> backward = new ArrayList<>();
        for (SkipList.Node n = list.last(); n != null; n = n.previous()) {
            backward.add(0, n.member());
        }
        assertThat(backward).isEqualTo(forward).hasSize(197);
        for (int rank = 0; rank < forward.size(); rank++) {
            SkipList.Node node = list.byRank(rank);
            assertThat(node.member()).isEqualTo(forward.get(rank));
            assertThat(list.rank(node.score(), node.member())).isEqualTo(rank);
        }
        assertThat(list.byRank(197)).isNull();
    }
}
