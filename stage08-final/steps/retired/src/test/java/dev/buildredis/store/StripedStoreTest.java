// @step 01-01
package dev.buildredis.store;

import dev.buildredis.testing.ManualClock;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class StripedStoreTest extends StoreContract {

    @Override
    Store create(ManualClock clock) {
        return new StripedStore(clock, StripedStore.DEFAULT_STRIPES);
    }

    @Test
    void keysLikeBenchmarkKeysSpreadEvenlyOverTheStripes() {
        StripedStore store = new StripedStore(clock, 64);
        for (int i = 0; i < 64_000; i++) {
            Key key = key("key:" + String.format("%012d", i)); // redis-benchmark's -r key names
            store.withKey(key, keyspace -> keyspace.set(key, bytes("v"), Condition.ALWAYS, Expiry.PERSIST));
        }

        int[] sizes = store.stripeSizes();
        assertThat(Arrays.stream(sizes).min().orElseThrow()).isGreaterThan(500);
        assertThat(Arrays.stream(sizes).max().orElseThrow()).isLessThan(1500);
    }

    @Test
    void aKeyAlwaysLivesInTheSameStripe() {
        StripedStore store = new StripedStore(clock, 64);

        assertThat(store.stripeOf(key("same"))).isEqualTo(store.stripeOf(key("same")));
    }

    @Test
    void theStripeCountMustBeAPowerOfTwo() {
        assertThatIllegalArgumentException().isThrownBy(() -> new StripedStore(clock, 48))
                .withMessage("stripe count must be a power of two, not 48");
    }
}
